// The licence screen from the extraction sums: on random ledgers of ore extracted at a few mines under licences
// whose capacity, reserve, term, minerals and area may or may not be breached (in ore or TREO), shipped to a
// plant or abroad, captured in documents in a random order and with a licence changed at a random point, the
// findings kept after each capture, the full evaluation in parts (both skip the mines the screen clears) and one
// holding the whole ledger (which reads every extraction) agree finding by finding; and the stored sums equal
// those counted afresh from the productions.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ExtractionSum, minesClearOfLicenceFindings } from "../../src/domain/extraction-sums.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { evaluateAndRecord } from "../../src/services/evaluate.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import type { Ledger } from "../../src/store/db.ts";
import { extractionSumsAt, recountExtractionSums } from "../../src/store/extraction-store.ts";
import { currentMasterData } from "../../src/store/masterdata-store.ts";
import { chainDocument, lot, lotCreation, movement, oxideAssay } from "../helpers/chain.ts";
import { BACKENDS, openTestLedger } from "../helpers/ledgers.ts";
import { expectOneTruth, scrambledDocuments } from "../helpers/random-ledgers.ts";

const ORG = "urn:epc:id:pgln:8930000.00010";
const MINES = [0, 1, 2].map((i) => `urn:epc:id:sgln:8930000.00010.${i}`);
const PLANT = "urn:epc:id:sgln:8930000.00010.7";
const ABROAD = "urn:epc:id:sgln:8930000.00010.8";
const NOW = new Date("2026-03-01T00:00:00Z");
const ASSAY = oxideAssay(0.05, { Nd2O3: 20, CeO2: 80 });
// A square around the mines' usual point; a point at 12.5 lies outside it.
const AREA = {
  type: "Polygon",
  coordinates: [
    [
      [108, 12],
      [108.2, 12],
      [108.2, 12.2],
      [108, 12.2],
      [108, 12],
    ],
  ],
};

type Json = Record<string, unknown>;
const date = (n: number) =>
  new Date(Date.parse("2024-12-20T00:00:00Z") + n * 86_400_000).toISOString().slice(0, 10);
const day = (n: number) => `${date(n)}T08:00:00+07:00`;

interface LicenceTerms {
  /** Tonnes a year: small ones are breached. */
  capacity: number;
  unit: "t_ore" | "t_TREO";
  reserve: number;
  validFrom: string;
  minerals: string[];
  exploration: boolean;
}
const terms = fc.record({
  capacity: fc.constantFrom(3, 20, 1_000, 1_000),
  unit: fc.constantFrom("t_ore" as const, "t_TREO" as const),
  reserve: fc.constantFrom(10, 10_000, 10_000),
  validFrom: fc.constantFrom("2020-01-01", "2020-01-01", "2025-02-01"),
  minerals: fc.constantFrom("rare_earths", "rare_earths", "rare_earths", "tin").map((m) => [m]),
  exploration: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
});
const step = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant("extract" as const),
      mine: fc.nat(2),
      t: fc.integer({ min: 1, max: 40 }),
      day: fc.integer({ min: 0, max: 500 }),
      // Now and then a lot names another mine's licence, no licence, or lies outside the area.
      names: fc.constantFrom("own", "own", "own", "other", "none"),
      outside: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ kind: fc.constant("ship" as const), lot: fc.nat(), abroad: fc.boolean() }),
    weight: 1,
  },
);
type Step =
  | { kind: "extract"; mine: number; t: number; day: number; names: string; outside: boolean }
  | { kind: "ship"; lot: number; abroad: boolean };

function masterData(licences: LicenceTerms[]) {
  return {
    organisations: [{ id: ORG, name: "Screen Test Mining", aliases: [], country: "VN", roles: ["miner"] }],
    sites: [
      ...MINES.map((id, i) => ({ id, name: `Mine ${i}`, kind: "mine", operator: ORG, country: "VN" })),
      { id: PLANT, name: "Plant", kind: "beneficiation", operator: ORG, country: "VN" },
      { id: ABROAD, name: "Buyer abroad", kind: "warehouse", operator: ORG, country: "CN" },
    ],
    // The third mine holds no licence: its extractions are unlicensed unless a lot names another's.
    licences: licences.slice(0, 2).map((l, i) => ({
      id: `SCREEN-${i}`,
      kind: l.exploration ? "exploration" : "exploitation",
      holder: ORG,
      site: MINES[i],
      authority: "MAE",
      minerals: l.minerals,
      annualCapacity: { quantity: l.capacity, unit: l.unit },
      reserve: { quantity: l.reserve, unit: l.unit },
      validFrom: l.validFrom,
      validTo: "2040-12-31",
      area: AREA,
      statusHistory: [],
    })),
  };
}

function events(steps: Step[]): Json[] {
  const out: Json[] = [];
  const made: { id: string; site: string; kg: number; day: number }[] = [];
  steps.forEach((s, i) => {
    if (s.kind === "extract" || made.length === 0) {
      const e = s.kind === "extract" ? s : { mine: 0, t: 5, day: 0, names: "own", outside: false };
      const id = lot("00101", `X${i}`);
      const site = MINES[e.mine] as string;
      const licence =
        e.names === "none"
          ? {}
          : { "lode:licence": `SCREEN-${e.names === "own" ? e.mine % 2 : 1 - (e.mine % 2)}` };
      made.push({ id, site, kg: e.t * 1000, day: e.day });
      out.push(
        lotCreation(day(e.day), site, id, e.t * 1000, {
          "lode:materialClass": "ore",
          "lode:mineral": "rare_earths",
          "lode:assay": ASSAY,
          "lode:point": { "lode:lat": e.outside ? 12.5 : 12.1, "lode:lon": 108.1 },
          ...licence,
        }),
      );
      return;
    }
    const held = made[s.lot % made.length] as { id: string; site: string; kg: number; day: number };
    // The shipment alone: the plant's or the buyer's receipt changes no licence finding.
    const [shipping] = movement(
      held.id,
      held.kg / 1000,
      held.site,
      s.abroad ? ABROAD : PLANT,
      date(held.day + 1),
    );
    out.push(shipping as Json);
  });
  return out;
}

/** The stored sums of every site, and those counted afresh (in a ledger's copy of the table). */
async function sums(ledger: Ledger): Promise<{ stored: ExtractionSum[]; counted: ExtractionSum[] }> {
  const sites = [...MINES, PLANT, ABROAD].map(canonicalIdentifier);
  const order = (list: ExtractionSum[]) =>
    list.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  const stored = order(await extractionSumsAt(ledger.db, sites));
  const counted = await ledger.db
    .transaction()
    .execute(async (trx) => {
      await recountExtractionSums(trx, sites);
      const out = order(await extractionSumsAt(trx, sites));
      throw Object.assign(new Error("rolled back"), { out });
    })
    .catch((e: { out?: ExtractionSum[] }) => {
      if (!e.out) throw e;
      return e.out;
    });
  return { stored, counted };
}

for (const backend of BACKENDS) {
  describe(`licence rules screened by the extraction sums (${backend})`, () => {
    it("finds what the rules find reading every extraction, however the captures are cut and ordered", async () => {
      let licenceFindings = 0;
      let cleared = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, { minLength: 3, maxLength: 30 }),
          fc.array(terms, { minLength: 2, maxLength: 2 }),
          terms,
          fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }),
          fc.nat(),
          async (steps, licences, changed, sizes, seed) => {
            const list = events(steps as Step[]);
            const documents = scrambledDocuments(list, sizes, seed);
            const t = await openTestLedger(backend);
            try {
              await importMasterData(t.ledger, masterData(licences), NOW);
              for (const [k, document] of documents.entries()) {
                const report = await captureDocument(
                  t.ledger,
                  { document: chainDocument(document), organisation: ORG },
                  { now: () => NOW, newId: randomUUID },
                );
                expect(report.rejected).toEqual([]);
                await evaluateAndRecord(t.ledger, NOW, report.touched ? { scope: report.touched } : {});
                // Halfway, the first licence's terms change: the full evaluation follows, as after any import.
                if (k === Math.floor(documents.length / 2)) {
                  await importMasterData(t.ledger, masterData([changed, licences[1] as LicenceTerms]), NOW);
                  await evaluateAndRecord(t.ledger, NOW);
                }
              }
              const asOf = NOW.toISOString().slice(0, 10);
              const reference = await expectOneTruth(t.ledger, asOf);
              licenceFindings += reference.filter((f) => f.code.startsWith("LICENCE_")).length;
              const { stored, counted } = await sums(t.ledger);
              expect(stored.map(({ massKg, treoKg, ...key }) => key)).toEqual(
                counted.map(({ massKg, treoKg, ...key }) => key),
              );
              stored.forEach((s, i) => {
                expect(s.massKg).toBeCloseTo(counted[i]?.massKg ?? Number.NaN, 6);
                expect(s.treoKg).toBeCloseTo(counted[i]?.treoKg ?? Number.NaN, 6);
              });
              // How often the screen clears a mine, so the runs reach both of its answers.
              const md = await currentMasterData(t.ledger.db);
              const mines = new Set(MINES.map(canonicalIdentifier));
              cleared += minesClearOfLicenceFindings(
                stored,
                md,
                new Set(md.licences.map((l) => l.id)),
                mines,
              ).size;
            } finally {
              await t.dispose();
            }
          },
        ),
        { numRuns: Number(process.env.LODESTONE_SCREEN_RUNS ?? 12), endOnFailure: true },
      );
      expect(licenceFindings).toBeGreaterThan(0);
      expect(cleared).toBeGreaterThan(0);
    }, 300_000);
  });
}
