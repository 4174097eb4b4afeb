// INVENTORY_NEGATIVE from its aggregates: on random ledgers of lots made, shipped, received and processed at a few
// sites, with more shipped than held now and then, captured in documents in a random order (so movements arrive
// before others of earlier times), the findings kept after each capture, the full evaluation in parts and one
// holding the whole ledger all agree finding by finding, and every site's stored element balances equal those
// counted afresh from its movements; a ledger migrated from before the balances gets the same rows.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { elementBalances } from "../../src/domain/inventory-balances.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { captureInParts } from "../../src/services/capture-parts.ts";
import { evaluateAndRecord } from "../../src/services/evaluate.ts";
import type { Ledger } from "../../src/store/db.ts";
import { migrateLedger } from "../../src/store/db.ts";
import { listMovements } from "../../src/store/lot-store.ts";
import { ledgerMigrations } from "../../src/store/migrations/index.ts";
import { chainDocument, kg, lot, lotCreation, oxideAssay } from "../helpers/chain.ts";
import { BACKENDS, openTestLedger } from "../helpers/ledgers.ts";
import { expectOneTruth, scrambledDocuments } from "../helpers/random-ledgers.ts";

const SITES = [0, 1, 2].map((i) => `urn:epc:id:sgln:8930000.00009.${i}`);
const ORG = "urn:lodestone:org:test";
const NOW = new Date("2026-03-01T00:00:00Z");
const ASSAY = oxideAssay(0.4, { Nd2O3: 15, Pr6O11: 5, La2O3: 30, CeO2: 50 });

type Json = Record<string, unknown>;
const at = (minute: number) => {
  const t = new Date(Date.parse("2026-01-01T00:00:00Z") + minute * 60_000).toISOString().slice(0, 19);
  return `${t}+07:00`;
};

const step = fc.oneof(
  fc.record({ kind: fc.constant("make" as const), site: fc.nat(2), kg: fc.integer({ min: 1, max: 5_000 }) }),
  fc.record({
    kind: fc.constant("ship" as const),
    lot: fc.nat(),
    to: fc.nat(2),
    // Up to half as much again as the lot holds: now and then more leaves a site than arrived.
    share: fc.double({ min: 0.1, max: 1.5, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("process" as const),
    lot: fc.nat(),
    share: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
  }),
);

/** The events of a plan: lots made, shipped on and received, processed into new lots, each at its own minute. */
function events(steps: Step[], minutes: number[]): Json[] {
  const out: Json[] = [];
  const lots: { id: string; site: string; kg: number }[] = [];
  steps.forEach((s, i) => {
    const minute = minutes[i % minutes.length] ?? i;
    if (s.kind === "make" || lots.length === 0) {
      const id = lot("00091", `L${i}`);
      const site = SITES[s.kind === "make" ? s.site : 0] as string;
      const mass = s.kind === "make" ? s.kg : 1_000;
      lots.push({ id, site, kg: mass });
      out.push(
        lotCreation(at(minute), site, id, mass, { "lode:materialClass": "concentrate", "lode:assay": ASSAY }),
      );
      return;
    }
    const held = lots[s.lot % lots.length] as { id: string; site: string; kg: number };
    const mass = Math.round(held.kg * s.share * 1000) / 1000;
    if (s.kind === "ship") {
      const to = SITES[s.to] as string;
      for (const [bizStep, where, offset] of [
        ["shipping", held.site, 0],
        ["receiving", to, 30],
      ] as const)
        out.push({
          type: "ObjectEvent",
          eventTime: at(minute + offset),
          eventTimeZoneOffset: "+07:00",
          epcList: [],
          quantityList: [kg(held.id, mass)],
          action: "OBSERVE",
          bizStep,
          readPoint: { id: where },
          sourceList: [{ type: "location", source: held.site }],
          destinationList: [{ type: "location", destination: to }],
        });
      return;
    }
    const made = lot("00092", `P${i}`);
    lots.push({ id: made, site: held.site, kg: mass * 0.9 });
    out.push({
      type: "TransformationEvent",
      eventTime: at(minute),
      eventTimeZoneOffset: "+07:00",
      inputQuantityList: [kg(held.id, Math.min(mass, held.kg / 2))],
      outputQuantityList: [kg(made, Math.round(mass * 900) / 1000)],
      bizStep: "commissioning",
      bizLocation: { id: held.site },
      readPoint: { id: held.site },
      ilmd: { "lode:materialClass": "concentrate", "lode:assay": ASSAY },
    });
  });
  return out;
}
type Step =
  | { kind: "make"; site: number; kg: number }
  | { kind: "ship"; lot: number; to: number; share: number }
  | { kind: "process"; lot: number; share: number };

/** The stored element balances, and those counted afresh from every movement of each site. */
async function balances(ledger: Ledger) {
  const stored = (await ledger.db.selectFrom("inventory_balances").selectAll().execute())
    .map((r) => ({ site: r.site, element: r.element, lowestKg: r.lowest_kg, netKg: r.net_kg, inKg: r.in_kg }))
    .sort((a, b) => (`${a.site}${a.element}` < `${b.site}${b.element}` ? -1 : 1));
  const movements = await listMovements(ledger.db);
  const counted = [...new Set(movements.map((m) => m.site))]
    .flatMap((site) =>
      elementBalances(
        site,
        movements.filter((m) => m.site === site),
      ).map((b) => ({ site, element: b.element, lowestKg: b.lowestKg, netKg: b.netKg, inKg: b.inKg })),
    )
    .sort((a, b) => (`${a.site}${a.element}` < `${b.site}${b.element}` ? -1 : 1));
  return { stored, counted };
}

const close = (a: { lowestKg: number; netKg: number; inKg: number }[], b: typeof a) => {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => {
    const y = b[i] as (typeof a)[number];
    expect({ ...x, lowestKg: 0, netKg: 0, inKg: 0 }).toEqual({ ...y, lowestKg: 0, netKg: 0, inKg: 0 });
    for (const k of ["lowestKg", "netKg", "inKg"] as const) expect(x[k]).toBeCloseTo(y[k], 6);
  });
};

for (const backend of BACKENDS) {
  describe(`INVENTORY_NEGATIVE from its aggregates (${backend})`, () => {
    it("equals the rule walking every movement, however the captures are cut and ordered", async () => {
      let breaches = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, { minLength: 4, maxLength: 40 }),
          fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 40 }),
          fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }),
          fc.nat(),
          async (steps, minutes, sizes, seed) => {
            const list = events(steps as Step[], minutes);
            const documents = scrambledDocuments(list, sizes, seed);
            const t = await openTestLedger(backend);
            try {
              for (const document of documents) {
                const report = await captureDocument(
                  t.ledger,
                  { document: chainDocument(document), organisation: ORG },
                  { now: () => NOW, newId: randomUUID },
                );
                if (report.rejected.length > 0) continue; // a consumption of more than was made is refused whole
                await evaluateAndRecord(t.ledger, NOW, report.touched ? { scope: report.touched } : {});
              }
              const asOf = NOW.toISOString().slice(0, 10);
              const reference = await expectOneTruth(t.ledger, asOf);
              breaches += reference.filter((f) => f.code === "INVENTORY_NEGATIVE").length;
              const { stored, counted } = await balances(t.ledger);
              close(stored, counted);
            } finally {
              await t.dispose();
            }
          },
        ),
        { numRuns: Number(process.env.LODESTONE_INVENTORY_RUNS ?? 12), endOnFailure: true },
      );
      // The plans must reach the rule: breaches found, not only clean ledgers.
      expect(breaches).toBeGreaterThan(0);
    }, 300_000);

    it("counts the balances of a document captured in parts once, as carried forward in one piece", async () => {
      const list = events(
        [
          { kind: "make", site: 0, kg: 1000 },
          { kind: "make", site: 1, kg: 700 },
          { kind: "ship", lot: 0, to: 1, share: 0.6 },
          { kind: "ship", lot: 1, to: 0, share: 0.5 },
          { kind: "ship", lot: 0, to: 2, share: 0.6 },
          { kind: "process", lot: 0, share: 0.5 },
        ],
        [10, 20, 50, 40, 30, 60],
      );
      const inParts = await openTestLedger(backend);
      const inOnePiece = await openTestLedger(backend);
      try {
        // The lots first (their assays give the shipments their elements), then later parts before earlier ones.
        const batches = [list.slice(0, 2), list.slice(6), list.slice(2, 6)];
        const { epcisBody: _, ...header } = chainDocument([]);
        const report = await captureInParts(
          inParts.ledger,
          {
            parts: {
              header,
              batches: (async function* () {
                yield* batches;
              })(),
            },
            organisation: ORG,
          },
          { now: () => NOW, newId: randomUUID },
        );
        expect(report.rejected).toEqual([]);
        for (const batch of batches)
          await captureDocument(
            inOnePiece.ledger,
            { document: chainDocument(batch), organisation: ORG },
            { now: () => NOW, newId: randomUUID },
          );
        const counted = (await balances(inParts.ledger)).stored;
        expect(counted.some((b) => b.lowestKg < -1)).toBe(true);
        close(counted, (await balances(inOnePiece.ledger)).stored);
        close(counted, (await balances(inParts.ledger)).counted);
      } finally {
        await inParts.dispose();
        await inOnePiece.dispose();
      }
    });

    it("fills the balances, shipment destinations, finding taints and extraction sums of a ledger captured before them", async () => {
      const t = await openTestLedger(backend);
      try {
        const list = events(
          [
            { kind: "make", site: 0, kg: 1000 },
            { kind: "ship", lot: 0, to: 1, share: 0.6 },
            { kind: "ship", lot: 0, to: 2, share: 0.6 },
            { kind: "process", lot: 0, share: 0.5 },
          ],
          [10, 20, 30, 40],
        );
        // The lot first (its assay gives the shipments their elements), then the later events before the earlier.
        for (const document of [list.slice(0, 1), list.slice(3), list.slice(1, 3)]) {
          const report = await captureDocument(
            t.ledger,
            { document: chainDocument(document), organisation: ORG },
            { now: () => NOW, newId: randomUUID },
          );
          expect(report.rejected).toEqual([]);
        }
        const carried = (await balances(t.ledger)).stored;
        await evaluateAndRecord(t.ledger, NOW);
        const taints = async () =>
          (await t.ledger.db.selectFrom("finding_taints").select(["finding_id", "lot_id"]).execute())
            .map((r) => `${r.finding_id} ${r.lot_id}`)
            .sort();
        const indexed = await taints();
        expect(indexed.length).toBeGreaterThan(0);
        const extractionSums = async () =>
          (await t.ledger.db.selectFrom("extraction_sums").selectAll().execute())
            .map((r) => JSON.stringify({ ...r, mass_kg: Number(r.mass_kg), treo_kg: Number(r.treo_kg) }))
            .sort();
        const summed = await extractionSums();
        expect(summed.length).toBeGreaterThan(0);
        // In one order whatever the database's order of rows of one instant (an update moves rows on PostgreSQL).
        const inOrder = async () =>
          (await listMovements(t.ledger.db)).sort((a, b) =>
            `${a.eventTime}${a.event}${a.lot}${a.kind}` < `${b.eventTime}${b.event}${b.lot}${b.kind}`
              ? -1
              : 1,
          );
        const movements = await inOrder();
        expect(movements.filter((m) => m.destination).length).toBe(2);
        expect(carried.some((b) => b.lowestKg < -1)).toBe(true);
        const migrator = new Migrator({
          db: t.ledger.db,
          provider: { getMigrations: async () => ledgerMigrations },
        });
        expect((await migrator.migrateTo("2026-12-05-013-event-sequence")).error).toBeUndefined();
        expect((await migrateLedger(t.ledger)).applied).toEqual([
          "2026-12-06-014-inventory-balances",
          "2026-12-06-015-shipment-destinations",
          "2026-12-06-016-lot-series-index",
          "2026-12-06-017-finding-taints",
          "2026-12-06-018-extraction-sums",
        ]);
        close((await balances(t.ledger)).stored, carried);
        expect(await taints()).toEqual(indexed);
        expect(await extractionSums()).toEqual(summed);
        // The shipments stored before their destinations were kept get them from their events' parties.
        expect(await inOrder()).toEqual(movements);
      } finally {
        await t.dispose();
      }
    });
  });
}
