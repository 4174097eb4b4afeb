// The environmental rules through the whole pipeline, on every backend: a plant receives concentrate at 0.1%
// ThO2, makes carbonate and a residue, and ships the residue to a licensed store: it balances; the same plant
// with 30% of the thorium missing from its outputs gets RADIONUCLIDE_BALANCE with the missing tonnes and GBq.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LODE_CONTEXT, lotId } from "../../scripts/demo/detection-cases.ts";
import { extract, move, transform } from "../../scripts/demo/scenario.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { environmentView } from "../../src/services/environment.ts";
import { evaluateAll } from "../../src/services/evaluate.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const ORG = "urn:epc:id:pgln:8930000.00013";
const PLANT = "urn:epc:id:sgln:8930000.00013.0";
const STORE = "urn:epc:id:sgln:8930000.00031.0";
const CONCENTRATE = lotId("00022", "CONC-ENV-1");
const CARBONATE = lotId("00033", "CARB-ENV-1");
const RESIDUE = lotId("00035", "RES-ENV-1");
const TH_PER_THO2 = 0.878809;

const masterData = {
  organisations: [{ id: ORG, name: "Demo Hydromet Co.", country: "VN", roles: ["processor"] }],
  sites: [
    { id: PLANT, name: "PLANT-H", kind: "hydrometallurgy", operator: ORG, country: "VN" },
    { id: STORE, name: "STORE-L", kind: "storage", operator: ORG, country: "VN" },
  ],
  permits: [
    {
      id: "STORE-1",
      kind: "radioactive_storage",
      holder: ORG,
      site: STORE,
      materials: ["thorium", "uranium"],
      capacityT: 1000,
      validFrom: "2025-01-01",
      validTo: "2035-01-01",
    },
    {
      id: "ENV-H",
      kind: "environmental",
      holder: ORG,
      site: PLANT,
      residueHoldingDays: 30,
      annualThroughputT: 1000,
      validFrom: "2025-01-01",
      validTo: "2035-01-01",
    },
  ],
};

const assay = (fractions: Record<string, number>) => ({
  "lode:basis": "oxide",
  "lode:massFractions": Object.fromEntries(Object.entries(fractions).map(([k, v]) => [`lode:${k}`, v])),
});

/** 100 t of concentrate at 0.1% ThO2 into 40 t of carbonate and 60 t of residue holding `kept` of the Th. */
function plantDocument(kept: number) {
  const thO2T = 100 * 0.001;
  return {
    "@context": LODE_CONTEXT,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-03-31T00:00:00Z",
    epcisBody: {
      eventList: [
        extract("2026-03-01", PLANT, CONCENTRATE, 100, {
          "lode:materialClass": "concentrate",
          "lode:country": "VN",
          "lode:assay": assay({ TREO: 0.4, ThO2: 0.001 }),
        }),
        transform(
          "2026-03-05",
          PLANT,
          [[CONCENTRATE, 100]],
          [
            {
              lot: CARBONATE,
              t: 40,
              cls: "mixed_carbonate",
              assay: assay({ TREO: 0.92, ThO2: (thO2T * 0.1 * kept) / 40 }),
            },
            { lot: RESIDUE, t: 60, cls: "residue", assay: assay({ ThO2: (thO2T * 0.9 * kept) / 60 }) },
          ],
        ),
        ...move([[RESIDUE, 60]], PLANT, STORE, "2026-03-20"),
      ],
    },
  };
}

const ENVIRONMENTAL = [
  "RADIONUCLIDE_BALANCE",
  "RESIDUE_UNPLACED",
  "RESIDUE_SITE_OVER_CAPACITY",
  "PERMIT_LIMIT",
  "PRODUCT_ACTIVITY",
];

for (const backend of BACKENDS) {
  describe(`thorium through a plant, on ${backend}`, () => {
    let t: TestLedger;
    beforeEach(async () => {
      t = await openTestLedger(backend);
      await importMasterData(t.ledger, masterData, new Date("2026-01-01T00:00:00Z"));
    });
    afterEach(async () => {
      await t.dispose();
    });

    async function capture(kept: number) {
      const report = await captureDocument(
        t.ledger,
        { document: plantDocument(kept), organisation: ORG },
        { now: () => new Date("2026-03-31T00:00:00Z"), newId: randomUUID },
      );
      expect(report.rejected).toEqual([]);
      return (await evaluateAll(t.ledger, { asOf: "2026-06-30" })).filter((f) =>
        ENVIRONMENTAL.includes(f.code),
      );
    }

    it("balances when the thorium leaves in the carbonate and the residue, and the residue reaches the store", async () => {
      expect(await capture(1)).toEqual([]);
      const view = await environmentView(t.ledger, "Th", {}, "2026-06-30");
      const [plant] = view.plants;
      expect(plant?.inKg).toBeCloseTo(100 * 1000 * 0.001 * TH_PER_THO2, 2);
      expect(plant?.residuesKg).toBeCloseTo((plant?.inKg ?? 0) * 0.9, 2);
      expect(plant?.unaccountedKg).toBeCloseTo(0, 6);
      expect(view.stocks).toEqual([
        {
          site: expect.stringContaining("8930000000316"),
          name: "STORE-L",
          kind: "storage",
          stockT: 60,
          capacityT: 1000,
          permit: "STORE-1",
        },
      ]);
    });

    it("finds 30% of the thorium missing, in kilograms, tonnes and GBq", async () => {
      const findings = await capture(0.7);
      expect(findings.map((f) => f.code)).toEqual(["RADIONUCLIDE_BALANCE"]);
      const [finding] = findings;
      const missingKg = 100 * 1000 * 0.001 * TH_PER_THO2 * 0.3;
      expect(finding?.measured?.value).toBeCloseTo(missingKg, 2);
      expect(finding?.message).toContain("30.0% of the thorium fed to PLANT-H is in none of its outputs");
      expect(finding?.message).toContain(
        `(30 kg ThO2, ${(missingKg / 1000).toFixed(4)} t), ${((missingKg * 4070) / 1e6).toFixed(3)} GBq`,
      );
      // The finding taints what the plant made, downstream included.
      expect(finding?.taints).toEqual(
        expect.arrayContaining([expect.stringContaining("CARB-ENV-1"), expect.stringContaining("RES-ENV-1")]),
      );
    });
  });
}
