// Provenance on stored data: laundering through a separation plant is flagged with its numbers, a deep
// fan-in trace reads stored edges only, and bad material data is refused with nothing stored. Every backend.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { metalPerOxide } from "../../src/domain/chemistry.ts";
import { evaluateBalance } from "../../src/services/balance.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { traceLot } from "../../src/services/trace.ts";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { countEvents } from "../../src/store/event-store.ts";
import { CHAIN_CONTEXT, lot, MINE_A_DISTRIBUTION, movement, oxideAssay, SITES } from "../helpers/chain.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const doc = (events: Record<string, unknown>[]) => ({
  "@context": CHAIN_CONTEXT,
  type: "EPCISDocument",
  schemaVersion: "2.0",
  creationDate: "2026-06-30T00:00:00Z",
  epcisBody: { eventList: events },
});
const t = (epcClass: string, tonnes: number, uom = "TNE") => ({ epcClass, quantity: tonnes, uom });
const extraction = (
  epcClass: string,
  tonnes: number,
  site: string,
  ilmd: Record<string, unknown>,
  time = "2026-01-01T08:00:00+07:00",
) => ({
  type: "ObjectEvent",
  eventTime: time,
  eventTimeZoneOffset: "+07:00",
  epcList: [],
  quantityList: [t(epcClass, tonnes)],
  action: "ADD",
  bizStep: "commissioning",
  bizLocation: { id: site },
  ilmd,
});
const transform = (
  time: string,
  site: string,
  inputs: unknown[],
  outputs: unknown[],
  ilmd?: Record<string, unknown>,
) => ({
  type: "TransformationEvent",
  eventTime: time,
  eventTimeZoneOffset: "+07:00",
  inputQuantityList: inputs,
  outputQuantityList: outputs,
  bizLocation: { id: site },
  ...(ilmd ? { ilmd } : {}),
});

for (const backend of BACKENDS) {
  describe(`provenance on ${backend}`, () => {
    let ledger: TestLedger;
    const queries: string[] = [];
    beforeEach(async () => {
      queries.length = 0;
      ledger = await openTestLedger(backend, { onQuery: (sql) => queries.push(sql) });
    });
    afterEach(async () => {
      await ledger.dispose();
    });
    const capture = (events: Record<string, unknown>[]) =>
      captureDocument(
        ledger.ledger,
        { document: doc(events), organisation: "urn:lodestone:org:test" },
        { now: () => new Date("2026-07-01T00:00:00Z"), newId: randomUUID },
      );

    it("flags a separation plant that ships more Nd than its licensed feed holds, and oxide it never made", async () => {
      const ore = lot("00011", "ORE-M-1");
      const conc = lot("00022", "CONC-M-1");
      const oxide = lot("00044", "NDPR-S-1");
      const ghost = lot("00044", "NDPR-GHOST");
      const report = await capture([
        extraction(ore, 10_000, SITES.mineA, {
          "lode:materialClass": "ore",
          "lode:licence": "DEMO-001/GP-BTNMT",
          "lode:country": "VN",
          "lode:assay": oxideAssay(0.03, MINE_A_DISTRIBUTION),
        }),
        ...movement(ore, 10_000, SITES.mineA, SITES.concentrator, "2026-01-05"),
        transform("2026-01-10T08:00:00+07:00", SITES.concentrator, [t(ore, 10_000)], [t(conc, 525)], {
          "lode:materialClass": "concentrate",
          "lode:assay": oxideAssay(0.4, MINE_A_DISTRIBUTION),
        }),
        ...movement(conc, 525, SITES.concentrator, SITES.separation, "2026-02-01"),
        // 525 t of concentrate at 40% TREO hold 27.3 t of Nd2O3; the plant declares 40 t of Nd2O3 from it.
        transform("2026-02-10T08:00:00+07:00", SITES.separation, [t(conc, 525)], [t(oxide, 53.85)], {
          "lode:materialClass": "ndpr_oxide",
          "lode:assay": oxideAssay(1, { Nd2O3: 40, Pr6O11: 13.85 }),
        }),
        // And ships 20 t of NdPr oxide that no event ever produced or received there.
        ...movement(ghost, 20, SITES.separation, SITES.magnetMaker, "2026-02-20"),
      ]);
      expect(report.rejected).toEqual([]);

      const findings = await evaluateBalance(ledger.ledger, { site: SITES.separation });
      const nd = findings.find((f) => f.code === "MASS_BALANCE" && f.id.endsWith(":Nd"));
      const ndIn = 525_000 * 0.4 * 0.13 * metalPerOxide("Nd2O3");
      const ndOut = 53_850 * (40 / 53.85) * metalPerOxide("Nd2O3");
      expect(nd).toMatchObject({
        severity: "violation",
        measured: { unit: "kg Nd" },
        allowed: { unit: "kg Nd" },
      });
      expect(nd?.measured?.value).toBeCloseTo(ndOut, 6);
      expect(nd?.allowed?.value).toBeCloseTo(ndIn * 1.02, 6);
      expect(nd?.taints).toEqual([canonicalIdentifier(oxide)]);

      const ghostFinding = findings.find(
        (f) => f.code === "INVENTORY_NEGATIVE" && f.subject.id === canonicalIdentifier(ghost),
      );
      expect(ghostFinding).toMatchObject({
        severity: "violation",
        measured: { value: -20_000, unit: "kg" },
        allowed: { value: 0, unit: "kg" },
      });
      // The honest part of the chain is clean.
      expect(await evaluateBalance(ledger.ledger, { site: SITES.concentrator })).toEqual([]);
      // The laundered oxide still traces to the licensed mine: the excess shows as a mass-balance breach.
      const trace = await traceLot(ledger.ledger, oxide, { elements: ["Nd"] });
      expect(trace.originShares.Nd?.map((s) => [s.licence, s.share])).toEqual([["DEMO-001/GP-BTNMT", 1]]);
    });

    it("shows material from an unrecorded source as such in origin shares", async () => {
      const good = lot("00022", "CONC-GOOD");
      const unknown = lot("00022", "CONC-UNRECORDED");
      const out = lot("00033", "MREO-MIX");
      await capture([
        extraction(good, 300, SITES.mineA, {
          "lode:materialClass": "concentrate",
          "lode:licence": "DEMO-001/GP-BTNMT",
          "lode:country": "VN",
          "lode:assay": oxideAssay(0.4, MINE_A_DISTRIBUTION),
        }),
        transform(
          "2026-02-10T08:00:00+07:00",
          SITES.hydromet,
          [t(good, 300), t(unknown, 100)],
          [t(out, 160)],
          {
            "lode:materialClass": "total_oxide",
            "lode:assay": oxideAssay(0.92, MINE_A_DISTRIBUTION),
          },
        ),
      ]);
      const trace = await traceLot(ledger.ledger, out, { elements: ["TREO"] });
      // The unrecorded input has no assay: every input is then weighed by mass (100 of 400 t).
      const shares = trace.originShares.TREO ?? [];
      expect(shares.reduce((s, o) => s + o.share, 0)).toBeCloseTo(1, 12);
      expect(shares.find((s) => s.site === null)?.share).toBeCloseTo(0.25, 12);
      expect(shares.find((s) => s.licence === "DEMO-001/GP-BTNMT")?.share).toBeCloseTo(0.75, 12);
    });

    it("attributes origin physically by default, and by the site's mass-balance account on request", async () => {
      const concA = lot("00022", "CONC-A");
      const concB = lot("00022", "CONC-B");
      const x1 = lot("00033", "MREO-X1");
      const x2 = lot("00033", "MREO-X2");
      const conc = (country: string, licence: string) => ({
        "lode:materialClass": "concentrate",
        "lode:licence": licence,
        "lode:country": country,
        "lode:assay": oxideAssay(0.4, MINE_A_DISTRIBUTION),
      });
      const mreo = {
        "lode:materialClass": "total_oxide",
        "lode:assay": oxideAssay(0.92, MINE_A_DISTRIBUTION),
      };
      await capture([
        extraction(concA, 300, SITES.mineA, conc("VN", "DEMO-001/GP-BTNMT")),
        extraction(concB, 100, "urn:epc:id:sgln:6100000.00001.0", conc("AU", "AU-ML-77")),
        transform("2026-02-10T08:00:00+07:00", SITES.hydromet, [t(concA, 300)], [t(x1, 120)], mreo),
        transform("2026-03-10T08:00:00+07:00", SITES.hydromet, [t(concB, 100)], [t(x2, 40)], mreo),
      ]);
      const physical = await traceLot(ledger.ledger, x1, { elements: ["Nd"] });
      expect(physical.model).toBe("physical");
      expect(physical.originShares.Nd?.map((s) => [s.country, s.share])).toEqual([["VN", 1]]);
      const account = await traceLot(ledger.ledger, x1, { elements: ["Nd"], model: "mass_balance" });
      expect(account.account).toEqual({
        site: canonicalIdentifier(SITES.hydromet),
        from: "2026-01-01T00:00:00.000Z",
        to: "2027-01-01T00:00:00.000Z",
      });
      const byCountry = Object.fromEntries((account.originShares.Nd ?? []).map((s) => [s.country, s.share]));
      expect(byCountry.VN).toBeCloseTo(0.75, 12);
      expect(byCountry.AU).toBeCloseTo(0.25, 12);
    });

    it("traces a lot 8 tiers deep with fan-in 20 from stored edges, never reading the event log", async () => {
      const tiers = 8;
      const width = 20;
      const id = (tier: number, i: number) => lot("00099", `T${tier}-${i}`);
      const events: Record<string, unknown>[] = [];
      for (let i = 0; i < width; i++) {
        events.push(
          extraction(id(tiers - 1, i), 1000, `urn:epc:id:sgln:8930000.0010${i % 4}.0`, {
            "lode:materialClass": "ore",
            "lode:licence": `DEMO-10${i % 4}`,
            "lode:country": "VN",
            "lode:assay": oxideAssay(0.03, MINE_A_DISTRIBUTION),
          }),
        );
      }
      for (let tier = tiers - 2; tier >= 0; tier--) {
        for (let i = 0; i < width; i++) {
          const inputs = Array.from({ length: width }, (_, j) => t(id(tier + 1, j), 1000 / width));
          events.push(
            transform(`2026-0${8 - tier}-01T08:00:00+07:00`, SITES.hydromet, inputs, [t(id(tier, i), 1000)], {
              "lode:assay": oxideAssay(0.03, MINE_A_DISTRIBUTION),
            }),
          );
        }
      }
      const report = await capture(events);
      expect(report.rejected).toEqual([]);
      queries.length = 0;
      const trace = await traceLot(ledger.ledger, id(0, 0), { elements: ["Nd"] });
      expect(trace.nodes).toHaveLength(1 + width * (tiers - 1));
      expect(trace.edges).toHaveLength(width + width * width * (tiers - 2));
      expect(Math.max(...trace.nodes.map((n) => n.depth))).toBe(tiers - 1);
      const shares = trace.originShares.Nd ?? [];
      expect(shares).toHaveLength(4);
      for (const s of shares) expect(s.share).toBeCloseTo(0.25, 9);
      expect(queries.some((q) => /\bfrom\s+"?events"?\b/i.test(q))).toBe(false);
      // One query per tier and a few lookups: bounded by depth, not by the 2,420 edges.
      expect(queries.length).toBeLessThanOrEqual(3 * tiers + 6);
    });

    describe("refuses bad material data, storing nothing", () => {
      const ore = lot("00011", "ORE-BAD");
      const cases: [string, () => Record<string, unknown>[], RegExp][] = [
        [
          "a mass fraction above 1",
          () => [
            extraction(ore, 10, SITES.mineA, {
              "lode:assay": { "lode:basis": "oxide", "lode:massFractions": { "lode:TREO": 1.5 } },
            }),
          ],
          /massFractions\.TREO: mass fraction must be a number from 0 to 1, got 1\.5/,
        ],
        [
          "TREO below the sum of its parts",
          () => [
            extraction(ore, 10, SITES.mineA, {
              "lode:assay": {
                "lode:massFractions": { "lode:TREO": 0.02, "lode:Nd2O3": 0.02, "lode:CeO2": 0.015 },
              },
            }),
          ],
          /TREO 0\.02 is below the sum of its parts 0\.035/,
        ],
        [
          "an unknown analyte",
          () => [
            extraction(ore, 10, SITES.mineA, {
              "lode:assay": { "lode:massFractions": { "lode:Kryptonite": 0.01 } },
            }),
          ],
          /unknown analyte "Kryptonite"/,
        ],
        [
          "an unknown unit",
          () => [{ ...extraction(ore, 10, SITES.mineA, {}), quantityList: [t(ore, 10, "XYZ")] }],
          /\$\.quantityList\[0\]\.uom: unknown unit of mass "XYZ"/,
        ],
        [
          "a transformation consuming more of a lot than exists",
          () => [
            extraction(ore, 100, SITES.mineA, { "lode:materialClass": "ore" }),
            transform(
              "2026-02-01T08:00:00+07:00",
              SITES.concentrator,
              [t(ore, 150)],
              [t(lot("00022", "C-1"), 5)],
            ),
          ],
          /consumes 150000 kg of .*ORE-BAD, but only 100000 kg of it remain/,
        ],
        [
          "a transformation that makes a lot its own ancestor",
          () => [
            extraction(ore, 100, SITES.mineA, {}),
            transform(
              "2026-02-01T08:00:00+07:00",
              SITES.concentrator,
              [t(ore, 50)],
              [t(lot("00022", "C-2"), 40)],
            ),
            transform(
              "2026-02-02T08:00:00+07:00",
              SITES.concentrator,
              [t(lot("00022", "C-2"), 40)],
              [t(ore, 30)],
            ),
          ],
          /ORE-BAD would become its own ancestor/,
        ],
      ];
      it.each(cases)("%s", async (_, events, message) => {
        const report = await capture(events());
        expect(report.captured).toBe(0);
        expect(report.rejected.map((p) => `${p.path}: ${p.message}`).join("\n")).toMatch(message);
        expect(report.rejected.every((p) => p.event !== undefined)).toBe(true);
        expect(await countEvents(ledger.ledger.db)).toBe(0);
      });

      it("refuses a cycle and an over-consumption whose first half was captured earlier", async () => {
        const first = await capture([
          extraction(ore, 100, SITES.mineA, {}),
          transform(
            "2026-02-01T08:00:00+07:00",
            SITES.concentrator,
            [t(ore, 50)],
            [t(lot("00022", "C-3"), 40)],
          ),
        ]);
        expect(first.rejected).toEqual([]);
        const stored = await countEvents(ledger.ledger.db);
        const cycle = await capture([
          transform(
            "2026-02-02T08:00:00+07:00",
            SITES.concentrator,
            [t(lot("00022", "C-3"), 40)],
            [t(ore, 30)],
          ),
        ]);
        expect(cycle.rejected.map((p) => p.message).join("\n")).toMatch(
          /ORE-BAD would become its own ancestor/,
        );
        const overdrawn = await capture([
          transform(
            "2026-02-03T08:00:00+07:00",
            SITES.concentrator,
            [t(ore, 60)],
            [t(lot("00022", "C-4"), 5)],
          ),
        ]);
        expect(overdrawn.rejected.map((p) => p.message).join("\n")).toMatch(
          /consumes 60000 kg of .*ORE-BAD, but only 50000 kg of it remain \(produced 100000 kg, consumed 50000 kg\)/,
        );
        expect(await countEvents(ledger.ledger.db)).toBe(stored);
      });
    });
  });
}
