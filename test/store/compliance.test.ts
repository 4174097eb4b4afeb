// Master data and findings on every backend: idempotent import with versions, refused bad records, the
// findings store's deduplication, history and status workflow, and incremental evaluation after each capture
// agreeing with one full evaluation whatever the capture order.

import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  caseOneBDocument,
  caseOneDocument,
  caseTwoDocument,
  detectionMasterData,
} from "../../scripts/demo/detection-cases.ts";
import { LodestoneError } from "../../src/domain/errors.ts";
import type { Finding } from "../../src/domain/finding.ts";
import { emptyMasterData } from "../../src/domain/masterdata.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { evaluateAndRecord } from "../../src/services/evaluate.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { findingHistory, listFindings, setFindingStatus } from "../../src/store/findings-store.ts";
import { loadMasterData, masterDataVersions } from "../../src/store/masterdata-store.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const NOW = new Date("2027-01-05T00:00:00Z");
type Json = Record<string, unknown>;

/** Splits a document into documents of `size` events, keeping the event order. */
function split(document: Json, size: number): Json[] {
  const events = (document.epcisBody as { eventList: unknown[] }).eventList;
  const out: Json[] = [];
  for (let i = 0; i < events.length; i += size)
    out.push({ ...document, epcisBody: { eventList: events.slice(i, i + size) } });
  return out;
}

for (const backend of BACKENDS) {
  describe(`compliance store on ${backend}`, () => {
    let t: TestLedger;
    beforeEach(async () => {
      t = await openTestLedger(backend);
    });
    afterEach(async () => {
      await t.dispose();
    });
    const captureInto = (ledger: TestLedger, document: Json) =>
      captureDocument(
        ledger.ledger,
        { document, organisation: "urn:lodestone:org:test" },
        { now: () => NOW, newId: randomUUID },
      );
    const capture = (document: Json) => captureInto(t, document);

    it("imports master data idempotently and keeps every changed version", async () => {
      const data = detectionMasterData();
      expect(await importMasterData(t.ledger, data, NOW)).toEqual({ created: 15, changed: 0, unchanged: 0 });
      expect(await importMasterData(t.ledger, data, NOW)).toEqual({ created: 0, changed: 0, unchanged: 15 });
      const changed = structuredClone(data) as { licences: { annualCapacity: { quantity: number } }[] };
      (changed.licences[0] as { annualCapacity: { quantity: number } }).annualCapacity.quantity = 160_000;
      expect(await importMasterData(t.ledger, changed, new Date("2027-02-01T00:00:00Z"))).toEqual({
        created: 0,
        changed: 1,
        unchanged: 14,
      });
      const versions = await masterDataVersions(t.ledger.db, "licence", "DEMO-001/GP-BTNMT");
      expect(
        versions.map((v) => [
          v.version,
          (v.body as { annualCapacity: { quantity: number } }).annualCapacity.quantity,
        ]),
      ).toEqual([
        [1, 150_000],
        [2, 160_000],
      ]);
    });

    const bad: [string, (d: Json) => void, RegExp][] = [
      [
        "a licence whose validity ends before it starts",
        (d) => Object.assign((d.licences as Json[])[0] as Json, { validTo: "2020-01-01" }),
        /licences\[0\]\.validTo: licence DEMO-001\/GP-BTNMT ends \(2020-01-01\) before it starts \(2021-06-15\)/,
      ],
      [
        "a polygon that is not closed",
        (d) => {
          const area = ((d.licences as Json[])[0] as Json).area as { coordinates: number[][][] };
          area.coordinates[0]?.pop();
        },
        /licences\[0\]\.area: licence DEMO-001\/GP-BTNMT: ring 0 is not closed/,
      ],
      [
        "a capacity without a unit",
        (d) => delete (((d.licences as Json[])[0] as Json).annualCapacity as Json).unit,
        /licences\[0\]\.annualCapacity\.unit: required field is missing/,
      ],
      [
        "a declaration for an unknown licence",
        (d) => Object.assign((d.declarations as Json[])[0] as Json, { licence: "NO-SUCH-LICENCE" }),
        /declarations\[0\]\.licence: declaration DEMO-PROD-A-2026 names the unknown licence NO-SUCH-LICENCE/,
      ],
      [
        "a customs declaration whose lines do not add up to its quantity",
        (d) => {
          const customs = ((d.declarations as Json[])[1] as Json).customs as Json;
          const lot = customs.lot;
          delete customs.lot;
          customs.lines = [
            { lot, quantityT: 200 },
            { lot: "urn:epc:class:lgtin:8930000.000022.OTHER", quantityT: 30 },
          ];
        },
        /declarations\[1\]\.quantityT: declaration DEMO-CUS-EXP-2026-0142 declares 240 t in all but its lines add up to 230 t/,
      ],
      [
        "a customs declaration naming both a lot and lines",
        (d) => {
          const customs = ((d.declarations as Json[])[1] as Json).customs as Json;
          customs.lines = [{ lot: customs.lot, quantityT: 240 }];
        },
        /declarations\[1\]\.customs: customs declaration DEMO-CUS-EXP-2026-0142 names its lot either as lot \(one lot\) or in lines \(several\), not both/,
      ],
    ];
    it.each(bad)("refuses %s with a clear error, storing nothing", async (_, mutate, message) => {
      const data = structuredClone(detectionMasterData()) as Json;
      mutate(data);
      const error = await importMasterData(t.ledger, data, NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LodestoneError);
      expect((error as LodestoneError).problems.map((p) => `${p.path}: ${p.message}`).join("\n")).toMatch(
        message,
      );
      expect(await loadMasterData(t.ledger.db)).toEqual(emptyMasterData());
    });

    it("keeps one finding per id, updates changed numbers with history, keeps a user's status, and clears what is explained", async () => {
      await importMasterData(t.ledger, detectionMasterData(), NOW);
      await capture(caseOneDocument());
      const first = await evaluateAndRecord(t.ledger, NOW);
      const again = await evaluateAndRecord(t.ledger, NOW);
      expect(again.diff).toEqual({
        opened: 0,
        updated: 0,
        cleared: 0,
        unchanged: first.findings.length,
        changes: { opened: [], reopened: [], cleared: [] },
      });
      expect((await listFindings(t.ledger.db)).length).toBe(first.findings.length);

      const id = "DECLARATION_MISMATCH:DEMO-PROD-A-2026";
      await t.ledger.writeTransaction((trx) =>
        setFindingStatus(trx, id, "acknowledged", "tax office informed", "2027-01-06T00:00:00Z"),
      );
      // The miner amends its declaration to 200,000 t: still a mismatch, with new numbers.
      const amended = structuredClone(detectionMasterData()) as { declarations: Json[] };
      Object.assign(amended.declarations[0] as Json, { quantityT: 200_000 });
      await importMasterData(t.ledger, amended, NOW);
      await evaluateAndRecord(t.ledger, new Date("2027-01-07T00:00:00Z"));
      const updated = (await listFindings(t.ledger.db)).find((f) => f.id === id);
      expect(updated).toMatchObject({ status: "acknowledged", allowed: { value: 200_000 } });
      expect((await findingHistory(t.ledger.db, id)).map((h) => h.change)).toEqual([
        "opened",
        "status",
        "updated",
      ]);

      // Declared in full: the finding is cleared.
      Object.assign(amended.declarations[0] as Json, { quantityT: 214_000 });
      await importMasterData(t.ledger, amended, NOW);
      await evaluateAndRecord(t.ledger, new Date("2027-01-08T00:00:00Z"));
      expect((await listFindings(t.ledger.db)).find((f) => f.id === id)?.status).toBe("resolved");
    });

    it("runs a burst of evaluations as one, started after every caller's captures", async () => {
      await importMasterData(t.ledger, detectionMasterData(), NOW);
      await capture(caseOneDocument());
      const first = evaluateAndRecord(t.ledger, NOW);
      await capture(caseTwoDocument());
      // Asked while the first is running: the two share one evaluation, which starts after case 2 was stored.
      const second = evaluateAndRecord(t.ledger, NOW);
      const third = evaluateAndRecord(t.ledger, new Date(NOW.getTime() + 1000));
      const fourth = evaluateAndRecord(t.ledger, NOW, { codes: ["LICENCE_CAPACITY"] });
      const [a, b, c, d] = await Promise.all([first, second, third, fourth]);
      expect(b).toBe(c);
      expect(a).not.toBe(b);
      expect(d).not.toBe(b); // another set of rules is its own evaluation
      const alone = await evaluateAndRecord(t.ledger, NOW);
      const codes = (fs: Finding[]) => fs.map((f) => f.id).sort();
      expect(codes(b.findings)).toEqual(codes(alone.findings));
      expect(new Set(b.findings.map((f) => f.code)).size).toBeGreaterThan(1);
    });

    it("agrees between evaluation after every capture, in any order, and one full evaluation", async () => {
      const pieces: { kind: "masterdata" | "events"; content: Json }[] = [
        { kind: "masterdata", content: detectionMasterData() },
        ...split(caseOneDocument(), 8).map((content) => ({ kind: "events" as const, content })),
        { kind: "events", content: caseOneBDocument() },
        { kind: "events", content: caseTwoDocument() },
      ];
      const summary = (fs: Finding[]) =>
        fs
          .map((f) => ({
            id: f.id,
            measured: f.measured,
            allowed: f.allowed,
            taints: f.taints,
            events: f.evidence.events,
          }))
          .sort((a, b) => (a.id < b.id ? -1 : 1));

      // The reference: everything captured, then one full evaluation.
      for (const p of pieces) {
        if (p.kind === "masterdata") await importMasterData(t.ledger, p.content, NOW);
        else expect((await capture(p.content)).rejected).toEqual([]);
      }
      const full = summary((await evaluateAndRecord(t.ledger, NOW)).findings);
      expect(full.length).toBe(15);

      await fc.assert(
        fc.asyncProperty(
          fc.shuffledSubarray(
            pieces.map((_, i) => i),
            { minLength: pieces.length, maxLength: pieces.length },
          ),
          async (order) => {
            const other = await openTestLedger(backend);
            try {
              for (const i of order) {
                const p = pieces[i] as (typeof pieces)[number];
                if (p.kind === "masterdata") await importMasterData(other.ledger, p.content, NOW);
                else expect((await captureInto(other, p.content)).rejected).toEqual([]);
                await evaluateAndRecord(other.ledger, NOW);
              }
              const open = (await listFindings(other.ledger.db, { statuses: ["open"] })) as Finding[];
              expect(summary(open)).toEqual(full);
            } finally {
              await other.dispose();
            }
          },
        ),
        { numRuns: backend === "sqlite" ? 4 : 2 },
      );
    });
  });
}
