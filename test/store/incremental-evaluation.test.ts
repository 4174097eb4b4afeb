// One truth: the findings kept by evaluating after each capture only what it touched equal those of a full
// evaluation from scratch, finding by finding, whatever the captures' sizes and wherever master data changes
// (fast-check over the demo chain cut into random documents, with licences suspended and permits revoked);
// and the full evaluation, which walks the ledger in parts of a few sites, equals one holding it all at once.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_DIR } from "../../src/cli/demo.ts";
import { readJsonFile } from "../../src/cli/read-document.ts";
import type { Finding } from "../../src/domain/finding.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { evaluateAll, evaluateAllAtOnce, evaluateAndRecord } from "../../src/services/evaluate.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { CLEARED_NOTE, listFindings } from "../../src/store/findings-store.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

type Json = Record<string, unknown>;
const START = Date.parse("2026-01-05T12:00:00Z");
const DAY_MS = 86_400_000;
const ORG = "urn:lodestone:org:demo-loader";

const masterData = readJsonFile(join(DEMO_DIR, "masterdata.json")) as Json;
const documents = readdirSync(DEMO_DIR)
  .filter((f) => f.endsWith(".jsonld"))
  .sort()
  .map((f) => readJsonFile(join(DEMO_DIR, f)) as Json);
const eventLists = documents.map((d) => (d.epcisBody as { eventList: Json[] }).eventList);
const licenceIds = (masterData.licences as Json[]).map((l) => l.id as string);
const permitIds = ((masterData.permits as Json[]) ?? []).map((p) => p.id as string);

/** A document of the same header and context holding some of another's events. */
const documentOf = (template: Json, events: Json[]): Json => ({
  ...template,
  epcisBody: { eventList: events },
});

/** Master data in which a licence is suspended from a date, or a permit ends the day before a date. */
function changedMasterData(change: MasterDataChange): Json {
  const copy = structuredClone(masterData);
  if (change.kind === "suspend") {
    const licence = (copy.licences as Json[]).find((l) => l.id === change.id) as Json;
    licence.statusHistory = [{ status: "suspended", from: change.from, note: "suspended by the test" }];
  } else {
    const permit = ((copy.permits as Json[]) ?? []).find((p) => p.id === change.id) as Json;
    permit.validTo = change.from;
  }
  return copy;
}

interface MasterDataChange {
  kind: "suspend" | "revoke_permit";
  id: string;
  from: string;
}

/** The findings a full evaluation would keep, as the store shows them (cleared ones are gone). */
const live = async (t: TestLedger) =>
  (await listFindings(t.ledger.db))
    .filter((f) => !(f.status === "resolved" && f.statusNote === CLEARED_NOTE))
    .map(comparable)
    .sort((a, b) => (a.id < b.id ? -1 : 1));

const comparable = (f: Finding) => ({
  id: f.id,
  code: f.code,
  severity: f.severity,
  subject: f.subject,
  period: f.period,
  measured: f.measured,
  allowed: f.allowed,
  message: f.message,
  evidence: f.evidence,
  taints: f.taints,
});

const plan = fc.record({
  // Days between captures: the ledger's clock moves on between them.
  days: fc.integer({ min: 0, max: 60 }),
  // Where each file is cut into documents: sizes drawn per file, at least one event each.
  cuts: fc.array(fc.array(fc.integer({ min: 1, max: 900 }), { minLength: 1, maxLength: 6 }), {
    minLength: eventLists.length,
    maxLength: eventLists.length,
  }),
  change: fc.option(
    fc.record({
      kind: fc.constantFrom<"suspend" | "revoke_permit">(
        "suspend",
        ...(permitIds.length > 0 ? (["revoke_permit"] as const) : []),
      ),
      index: fc.nat(),
      from: fc.constantFrom("2025-01-15", "2025-03-01", "2026-01-01"),
      after: fc.nat({ max: 20 }),
    }),
    { nil: undefined },
  ),
});

for (const backend of BACKENDS) {
  describe(`incremental evaluation (${backend})`, () => {
    it("keeps the findings a full evaluation from scratch gives, finding by finding", async () => {
      await fc.assert(
        fc.asyncProperty(plan, async ({ days, cuts, change }) => {
          const run = await openTestLedger(backend);
          try {
            // Each capture a few days after the one before: rules that depend on the date (residue held too
            // long, contract periods) must follow the calendar, not only the captures.
            let step = 0;
            let now = new Date(START);
            await importMasterData(run.ledger, masterData, now);
            for (const [file, list] of eventLists.entries()) {
              const sizes = cuts[file] ?? [list.length];
              for (let at = 0, cut = 0; at < list.length; cut++) {
                const size = sizes[cut % sizes.length] ?? list.length;
                const events = list.slice(at, at + size);
                now = new Date(START + step * days * DAY_MS);
                at += size;
                const report = await captureDocument(
                  run.ledger,
                  { document: documentOf(documents[file] as Json, events), organisation: ORG },
                  { now: () => now, newId: randomUUID },
                );
                expect(report.rejected).toEqual([]);
                await evaluateAndRecord(run.ledger, now, report.touched ? { scope: report.touched } : {});
                if (change && step === change.after) {
                  const ids = change.kind === "suspend" ? licenceIds : permitIds;
                  const id = ids[change.index % ids.length] as string;
                  // A master-data import re-evaluates in full, as the import verb does.
                  await importMasterData(
                    run.ledger,
                    changedMasterData({ kind: change.kind, id, from: change.from }),
                    now,
                  );
                  await evaluateAndRecord(run.ledger, now);
                }
                step++;
              }
            }
            // The reference holds the whole ledger at once; the full evaluation walks it in parts of a few sites.
            const asOf = now.toISOString().slice(0, 10);
            const full = (await evaluateAllAtOnce(run.ledger, { asOf }))
              .map(comparable)
              .sort((a, b) => (a.id < b.id ? -1 : 1));
            expect(full.length).toBeGreaterThan(10);
            expect(await live(run)).toEqual(full);
            expect((await evaluateAll(run.ledger, { asOf })).map(comparable)).toEqual(full);
            // The index of taints by lot holds every stored finding's taints, no more and no fewer.
            const indexed = await run.ledger.db
              .selectFrom("finding_taints")
              .select(["finding_id", "lot_id"])
              .execute();
            const fromBodies = (await listFindings(run.ledger.db)).flatMap((f) =>
              [...new Set(f.taints)].map((lot) => `${f.id} ${lot}`),
            );
            expect(indexed.map((r) => `${r.finding_id} ${r.lot_id}`).sort()).toEqual(fromBodies.sort());
          } finally {
            await run.dispose();
          }
        }),
        // Each run captures the demo chain; a failure is reported at once with its seed rather than shrunk for minutes.
        { numRuns: Number(process.env.LODESTONE_INCREMENTAL_RUNS ?? 4), endOnFailure: true },
      );
    }, 300_000);
  });
}
