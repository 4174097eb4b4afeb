// Crash safety on one backend, registered by crash-sqlite.test.ts and crash-postgres.test.ts (one file per
// backend, so the two run in parallel): the server runs as a child process, takes large captures, and is
// killed with SIGKILL at seeded random moments, twenty times. After every kill each capture is wholly stored
// or absent, SQLite's integrity check is ok, and at the end the lot projection equals a rebuild from the log.
import { randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seeded } from "../../bench/generator.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { serializeDocument } from "../../src/standards/epcis/serialize-json.ts";
import type { Backend } from "../../src/store/db.ts";
import { type Ledger, migrateLedger, openLedger } from "../../src/store/db.ts";
import { runLodestone } from "../helpers/cli.ts";
import { extractions, makeDocument } from "../helpers/documents.ts";
import { newLedgerLocation } from "../helpers/ledgers.ts";
import { startServerProcess } from "../helpers/server-process.ts";

const KILLS = Number(process.env.LODESTONE_CRASH_KILLS ?? 20);
const EVENTS_PER_DOCUMENT = 400;

async function count(ledger: Ledger, table: "events" | "capture_documents" | "lots") {
  return Number(
    (
      await ledger.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** Captures whose events are not all in the store (or more than it recorded). */
async function partialCaptures(ledger: Ledger): Promise<string[]> {
  const captures = await ledger.db
    .selectFrom("capture_documents")
    .select(["capture_id", "captured_count"])
    .execute();
  const held = await ledger.db
    .selectFrom("events")
    .select(["capture_id", (eb) => eb.fn.countAll().as("n")])
    .groupBy("capture_id")
    .execute();
  const byCapture = new Map(held.map((h) => [h.capture_id, Number(h.n)]));
  const orphans = held
    .filter((h) => !captures.some((c) => c.capture_id === h.capture_id))
    .map((h) => h.capture_id);
  return [
    ...captures
      .filter((c) => (byCapture.get(c.capture_id) ?? 0) !== c.captured_count)
      .map((c) => c.capture_id),
    ...orphans,
  ];
}

/** The lot projection as sorted rows, for comparing a ledger with its rebuild. */
async function projection(ledger: Ledger) {
  const lots = await ledger.db
    .selectFrom("lots")
    .select(["lot_id", "material_class", "site", "created_event"])
    .orderBy("lot_id")
    .execute();
  const movements = await ledger.db
    .selectFrom("lot_movements")
    .select(["event_hash", "lot_id", "site", "kind", "mass_kg"])
    .orderBy("event_hash")
    .orderBy("lot_id")
    .orderBy("kind")
    .execute();
  return { lots, movements };
}

export function describeCrashSafety(backend: Backend): void {
  describe(`crash safety on ${backend}`, () => {
    let location: string;
    let dispose: () => Promise<void>;
    let token: string;

    beforeAll(async () => {
      ({ location, dispose } = await newLedgerLocation(backend));
      const ledger = openLedger(location);
      await migrateLedger(ledger);
      await ledger.close();
      const created = await runLodestone([
        "token",
        "create",
        "--db",
        location,
        "--org",
        "urn:epc:id:pgln:8930000.00001",
        "--role",
        "operator",
      ]);
      expect(created.code, created.stderr).toBe(0);
      token = created.stdout.trim();
    }, 60_000);
    afterAll(async () => {
      await dispose();
    });

    it(`keeps every capture whole or absent across ${KILLS} SIGKILLs, and the projection equals a rebuild`, async () => {
      const rnd = seeded(backend === "sqlite" ? 11 : 23);
      const size = EVENTS_PER_DOCUMENT;
      let next = 0;
      let accepted = 0;
      for (let kill = 0; kill < KILLS; kill++) {
        const { child, url } = await startServerProcess(location);
        const exited = new Promise((r) => child.on("exit", r));
        // Three large captures in flight at a time until the kill.
        let stop = false;
        const senders = Array.from({ length: 3 }, async () => {
          while (!stop) {
            const from = next;
            next += size;
            try {
              const res = await fetch(`${url}/epcis/capture`, {
                method: "POST",
                headers: { authorization: `Bearer ${token}`, "content-type": "application/ld+json" },
                body: JSON.stringify(makeDocument(extractions(size, from))),
              });
              if (res.status !== 202) continue;
              accepted++;
              // Each client streams one capture at a time: the next is sent when its job has finished.
              const location = res.headers.get("location") as string;
              for (;;) {
                const job = (await (
                  await fetch(`${url}${location}`, { headers: { authorization: `Bearer ${token}` } })
                ).json()) as { running: boolean };
                if (!job.running) break;
                await new Promise((r) => setTimeout(r, 50));
              }
            } catch {
              return; // the server is gone
            }
          }
        });
        // A PostgreSQL capture of 400 events takes longer to commit (a round trip per row): its kills come later.
        const window = backend === "sqlite" ? 900 : 5000;
        await new Promise((r) => setTimeout(r, 150 + rnd() * window));
        child.kill("SIGKILL");
        stop = true;
        await exited;
        await Promise.all(senders);
        const ledger = openLedger(location);
        try {
          expect(await partialCaptures(ledger), `after kill ${kill + 1}`).toEqual([]);
        } finally {
          await ledger.close();
        }
        if (backend === "sqlite") {
          const sqlite = new SQLite(location, { readonly: true });
          try {
            expect(sqlite.pragma("integrity_check", { simple: true }), `after kill ${kill + 1}`).toBe("ok");
          } finally {
            sqlite.close();
          }
        }
      }
      expect(accepted).toBeGreaterThan(0);
      // One capture that is let finish, so the rebuild below has stored captures whatever the kills hit.
      {
        const { child, url } = await startServerProcess(location);
        const exited = new Promise((r) => child.on("exit", r));
        const res = await fetch(`${url}/epcis/capture`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/ld+json" },
          body: JSON.stringify(makeDocument(extractions(size, next))),
        });
        expect(res.status).toBe(202);
        for (;;) {
          const job = (await (
            await fetch(`${url}${res.headers.get("location")}`, {
              headers: { authorization: `Bearer ${token}` },
            })
          ).json()) as { running: boolean; success: boolean };
          if (!job.running) {
            expect(job.success).toBe(true);
            break;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        child.kill("SIGTERM");
        await exited;
      }

      // Rebuild: every stored capture, in record order, captured again into a fresh ledger.
      const ledger = openLedger(location);
      const fresh = await newLedgerLocation(backend);
      const rebuilt = openLedger(fresh.location);
      try {
        await migrateLedger(rebuilt);
        const captures = await ledger.db
          .selectFrom("capture_documents")
          .select(["capture_id"])
          .orderBy("record_time")
          .execute();
        expect(captures.length).toBeGreaterThan(0);
        for (const { capture_id } of captures) {
          const rows = await ledger.db
            .selectFrom("events")
            .select(["event_hash", "body", "record_time"])
            .where("capture_id", "=", capture_id)
            .execute();
          const document = serializeDocument(
            rows.map((r) => ({
              event: JSON.parse(r.body),
              eventHash: r.event_hash,
              recordTime: r.record_time,
            })),
            new Date().toISOString(),
          );
          const report = await captureDocument(
            rebuilt,
            { document, organisation: "urn:epc:id:pgln:8930000.00001" },
            { now: () => new Date(), newId: randomUUID },
          );
          expect(report.rejected).toEqual([]);
        }
        expect(await count(rebuilt, "events")).toBe(await count(ledger, "events"));
        expect(await projection(rebuilt)).toEqual(await projection(ledger));
      } finally {
        await ledger.close();
        await rebuilt.close();
        await fresh.dispose();
      }
    }, 900_000);
  });
}
