// Concurrency over real HTTP on loopback, on every backend: eight clients capture overlapping documents at
// once; every event is stored exactly once, none is lost, and the lot projection agrees with the events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../src/api/server.ts";
import { audit, createToken } from "../../src/services/access.ts";
import { verifyAudit } from "../../src/store/api-store.ts";
import { migrateLedger, openLedger } from "../../src/store/db.ts";
import { extractions, makeDocument } from "../helpers/documents.ts";
import { BACKENDS, newLedgerLocation } from "../helpers/ledgers.ts";

const CLIENTS = 8;
const DOCUMENTS_PER_CLIENT = 5;
const EVENTS_PER_DOCUMENT = 40;
const STRIDE = 20; // document k holds extractions k*20 .. k*20+39: each overlaps the next by half

for (const backend of BACKENDS) {
  describe(`concurrent captures over HTTP on ${backend}`, () => {
    let url: string;
    let close: () => Promise<void>;
    let dispose: () => Promise<void>;
    let token: string;
    let ledger: ReturnType<typeof openLedger>;

    beforeAll(async () => {
      const location = await newLedgerLocation(backend);
      dispose = location.dispose;
      ledger = openLedger(location.location);
      await migrateLedger(ledger);
      token = await createToken(ledger, "urn:epc:id:pgln:8930000.00001", "operator", new Date());
      ({ url, close } = await serve({ ledger, port: 0, host: "127.0.0.1", logger: false }));
    }, 60_000);
    afterAll(async () => {
      await close();
      await dispose();
    });

    async function capture(documentIndex: number): Promise<{ success: boolean; errors: string[] }> {
      const res = await fetch(`${url}/epcis/capture`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/ld+json" },
        body: JSON.stringify(makeDocument(extractions(EVENTS_PER_DOCUMENT, documentIndex * STRIDE))),
      });
      expect(res.status).toBe(202);
      const location = res.headers.get("location") as string;
      for (;;) {
        const job = (await (
          await fetch(`${url}${location}`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as {
          running: boolean;
          success: boolean;
          errors: string[];
        };
        if (!job.running) return job;
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    it("keeps the audit chain whole when thirty entries are appended at once", async () => {
      const principal = { organisation: "urn:epc:id:pgln:8930000.00001", role: "operator" as const };
      const before = await verifyAudit(ledger.db);
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          audit(ledger, principal, {
            at: new Date().toISOString(),
            action: "read_events",
            resource: `/x/${i}`,
            detail: {},
          }),
        ),
      );
      const after = await verifyAudit(ledger.db);
      expect(after).toEqual({ ok: true, entries: before.entries + 30 });
    });

    it("stores every event exactly once and projects every lot once", async () => {
      const documents = CLIENTS * DOCUMENTS_PER_CLIENT;
      // Each client walks the documents from its own starting point, so the same events arrive at once.
      const clients = Array.from({ length: CLIENTS }, async (_, c) => {
        const jobs = [];
        for (let k = 0; k < DOCUMENTS_PER_CLIENT; k++) jobs.push(await capture((c * 3 + k * 7) % documents));
        return jobs;
      });
      const jobs = (await Promise.all(clients)).flat();
      expect(jobs.filter((j) => !j.success)).toEqual([]);
      const sent = new Set<number>();
      for (let c = 0; c < CLIENTS; c++) {
        for (let k = 0; k < DOCUMENTS_PER_CLIENT; k++) {
          const d = (c * 3 + k * 7) % documents;
          for (let e = d * STRIDE; e < d * STRIDE + EVENTS_PER_DOCUMENT; e++) sent.add(e);
        }
      }
      const count = async (table: "events" | "lots" | "lot_movements") =>
        Number(
          (
            await ledger.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count("events")).toBe(sent.size);
      // Each extraction creates one lot with one movement: the projection holds each once.
      expect(await count("lots")).toBe(sent.size);
      expect(await count("lot_movements")).toBe(sent.size);
    }, 180_000);
  });
}
