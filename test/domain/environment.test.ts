// Thorium and uranium as rules: the activity conversions of shared/domain.md §3.2, and each environmental rule
// firing with exact numbers, not firing exactly at its limit, and quiet where it must be.
import { describe, expect, it } from "vitest";
import { type Assay, contentsKg } from "../../src/domain/assay.ts";
import type { LotMovement } from "../../src/domain/inventory.ts";
import type { TransformationFlows } from "../../src/domain/mass-balance.ts";
import { emptyMasterData, type MasterData, type Permit } from "../../src/domain/masterdata.ts";
import {
  bqPerGram,
  elementFractionOfOxide,
  fractionForOneBqPerG,
  gigabecquerels,
} from "../../src/domain/radioactivity.ts";
import type { EnvironmentInputs, RuleContext } from "../../src/domain/rules/context.ts";
import { permitLimit } from "../../src/domain/rules/permit-limit.ts";
import { productActivity } from "../../src/domain/rules/product-activity.ts";
import { RADIONUCLIDE_TOLERANCE, radionuclideBalance } from "../../src/domain/rules/radionuclide-balance.ts";
import { residueSiteOverCapacity } from "../../src/domain/rules/residue-site-over-capacity.ts";
import { DEFAULT_RESIDUE_HOLDING_DAYS, residueUnplaced } from "../../src/domain/rules/residue-unplaced.ts";

const sig3 = (x: number) => Number(x.toPrecision(3));

describe("activity conversions (shared/domain.md §3.2, to 3 significant figures)", () => {
  it("gives the table's figures", () => {
    // The concentration giving 1 Bq/g: ≈ 246 ppm Th (≈ 280 ppm ThO2), ≈ 81 ppm U.
    expect(sig3(fractionForOneBqPerG("Th") * 1e6)).toBe(246);
    expect(sig3((fractionForOneBqPerG("Th") / elementFractionOfOxide("Th", 1)) * 1e6)).toBe(280);
    expect(sig3(fractionForOneBqPerG("U") * 1e6)).toBe(81);
    // Monazite at 9.2% ThO2: ≈ 330 Bq/g Th-232 (329 to three figures).
    expect(sig3(bqPerGram("Th", elementFractionOfOxide("Th", 0.092)))).toBe(329);
    // Đông Pao weathered ore, 100 ppm each: Th-232 ≈ 0.41 Bq/g, U-238 ≈ 1.23 Bq/g.
    expect(sig3(bqPerGram("Th", 100e-6))).toBe(0.407);
    expect(sig3(bqPerGram("U", 100e-6))).toBe(1.24);
    // The Vietnamese export-permit trigger, 0.05 wt%: Th ≈ 2.0 Bq/g, U ≈ 6.2 Bq/g.
    expect(sig3(bqPerGram("Th", 0.0005))).toBe(2.04);
    expect(bqPerGram("U", 0.0005)).toBeCloseTo(6.175, 9);
    // One tonne of thorium is 4.07 GBq (4,070 Bq per gram).
    expect(gigabecquerels("Th", 1000)).toBeCloseTo(4.07, 9);
  });
});

const PLANT = "https://id.gs1.org/414/8930000000132";
const STORE = "https://id.gs1.org/414/8930000000309";
const ELSEWHERE = "https://id.gs1.org/414/8930000000774";

function masterData(permits: Permit[] = []): MasterData {
  return {
    ...emptyMasterData(),
    sites: [
      { id: PLANT, name: "PLANT-H", kind: "hydrometallurgy", country: "VN" },
      { id: STORE, name: "Residue store", kind: "storage", country: "VN" },
      { id: ELSEWHERE, name: "A yard", kind: "warehouse", country: "VN" },
    ],
    permits,
  };
}

const storagePermit = (capacityT = 500): Permit => ({
  id: "STORE-1",
  kind: "radioactive_storage",
  holder: "urn:org:store",
  site: STORE,
  materials: ["thorium", "uranium"],
  capacityT,
  validFrom: "2020-01-01",
  validTo: "2040-01-01",
});

const environmental = (overrides: Partial<Permit> = {}): Permit => ({
  id: "ENV-H",
  kind: "environmental",
  holder: "urn:org:plant",
  site: PLANT,
  validFrom: "2020-01-01",
  validTo: "2040-01-01",
  ...overrides,
});

function context(env: Partial<EnvironmentInputs>, permits: Permit[] = []): RuleContext {
  return {
    masterData: masterData(permits),
    extractions: [],
    exports: [],
    shipments: [],
    packs: [],
    environment: {
      asOf: "2026-12-31",
      transformations: [],
      movements: [],
      lots: [],
      contractActivityLimits: {},
      ...env,
    },
  };
}

const oxide = (fractions: Record<string, number>): Assay => ({ basis: "oxide", massFractions: fractions });

/** A leach at PLANT-H: 100 t of concentrate at 0.1% ThO2 into carbonate and residue, with a share of the Th kept. */
function leach(keptShare: number, event = "ev-leach"): TransformationFlows {
  const feed = contentsKg(100_000, oxide({ TREO: 0.4, ThO2: 0.001 }));
  const thKg = feed.Th as number;
  return {
    event,
    site: PLANT,
    eventTime: "2026-03-10T08:00:00.000Z",
    inputs: [{ lot: "conc-1", massKg: 100_000, contents: feed, materialClass: "concentrate" }],
    outputs: [
      {
        lot: "carb-1",
        massKg: 40_000,
        contents: { TREO: 36_800, Th: thKg * 0.1 * keptShare },
        materialClass: "mixed_carbonate",
      },
      { lot: "res-1", massKg: 60_000, contents: { Th: thKg * 0.9 * keptShare }, materialClass: "residue" },
    ],
  };
}

describe("RADIONUCLIDE_BALANCE", () => {
  it("is quiet when the thorium fed comes out in the carbonate and the residue", () => {
    expect(radionuclideBalance(context({ transformations: [leach(1)] }))).toEqual([]);
  });

  it("fires when 30% of the thorium is in no output, with the missing kilograms, tonnes and GBq", () => {
    const [finding] = radionuclideBalance(context({ transformations: [leach(0.7)] }));
    const thIn = 100_000 * 0.001 * elementFractionOfOxide("Th", 1); // 87.88 kg Th
    expect(finding).toMatchObject({
      id: "RADIONUCLIDE_BALANCE:ev-leach:Th",
      severity: "violation",
      subject: { kind: "transformation", id: "ev-leach" },
      taints: ["carb-1", "res-1"],
    });
    expect(finding?.measured?.value).toBeCloseTo(thIn * 0.3, 6);
    expect(finding?.message).toContain("30.0% of the thorium fed to PLANT-H is in none of its outputs");
    expect(finding?.message).toContain("26.364 kg Th (30 kg ThO2, 0.0264 t), 0.107 GBq");
  });

  it("does not fire exactly at the tolerance, and fires just beyond it", () => {
    const atLimit = leach(1 - RADIONUCLIDE_TOLERANCE);
    expect(radionuclideBalance(context({ transformations: [atLimit] }))).toEqual([]);
    const beyond = leach(1 - RADIONUCLIDE_TOLERANCE - 0.001);
    expect(radionuclideBalance(context({ transformations: [beyond] }))).toHaveLength(1);
  });

  it("names the outputs that report no thorium at all", () => {
    const t = leach(1);
    t.outputs = [{ ...(t.outputs[0] as (typeof t.outputs)[number]), contents: { TREO: 36_800 } }];
    const [finding] = radionuclideBalance(context({ transformations: [t] }));
    expect(finding?.message).toContain("outputs reporting none: carb-1");
  });
});

function residueLot(created = "2026-01-10T00:00:00.000Z") {
  return {
    id: "res-1",
    materialClass: "residue" as const,
    site: PLANT,
    createdTime: created,
    createdEvent: "ev-leach",
  };
}
function receipt(
  site: string,
  at: string,
  massKg = 60_000,
  lot = "res-1",
  event = `ev-${site.slice(-3)}-${at}`,
): LotMovement {
  return { event, eventTime: at, site, lot, kind: "received", massKg, contents: {} };
}

describe("RESIDUE_UNPLACED", () => {
  it("is quiet when the residue reaches the licensed store within the permitted days", () => {
    const env = { lots: [residueLot()], movements: [receipt(STORE, "2026-02-09T00:00:00.000Z")] };
    expect(
      residueUnplaced(context(env, [storagePermit(), environmental({ residueHoldingDays: 30 })])),
    ).toEqual([]);
  });

  it("does not fire on the last permitted day, and fires the day after", () => {
    const permits = [storagePermit(), environmental({ residueHoldingDays: 30 })];
    const on = { lots: [residueLot()], movements: [receipt(STORE, "2026-02-09T12:00:00.000Z")] };
    expect(residueUnplaced(context(on, permits))).toEqual([]);
    const late = { lots: [residueLot()], movements: [receipt(STORE, "2026-02-10T00:00:00.000Z")] };
    const [finding] = residueUnplaced(context(late, permits));
    expect(finding).toMatchObject({
      measured: { value: 31, unit: "days" },
      allowed: { value: 30, unit: "days" },
    });
    expect(finding?.message).toContain(
      "reached the licensed site Residue store only after 31 days (permit ENV-H allows 30 days)",
    );
  });

  it("fires on a residue still at the plant, or sent to a site without a storage permit, after the period", () => {
    const env = {
      asOf: "2026-06-01",
      lots: [residueLot()],
      movements: [receipt(ELSEWHERE, "2026-01-20T00:00:00.000Z")],
    };
    const [finding] = residueUnplaced(context(env, [storagePermit()]));
    expect(finding?.measured?.value).toBe(142);
    expect(finding?.allowed?.value).toBe(DEFAULT_RESIDUE_HOLDING_DAYS);
    expect(finding?.message).toContain(
      "has not reached a licensed storage or disposal site 142 days after it was made",
    );
    expect(finding?.message).toContain("the default of 90 days applies");
    expect(finding?.message).toContain("it went to A yard, which hold no storage permit");
  });

  it("counts a store only while its permit is in force", () => {
    const expired = { ...storagePermit(), validTo: "2026-01-31" };
    const env = {
      asOf: "2026-03-01",
      lots: [residueLot()],
      movements: [receipt(STORE, "2026-02-15T00:00:00.000Z")],
    };
    expect(residueUnplaced(context(env, [expired, environmental({ residueHoldingDays: 30 })]))).toHaveLength(
      1,
    );
  });
});

describe("RESIDUE_SITE_OVER_CAPACITY", () => {
  const lots = ["r1", "r2", "r3"].map((id) => ({ id, materialClass: "residue" as const }));
  const moves = [
    receipt(STORE, "2026-01-01T00:00:00.000Z", 200_000, "r1", "e1"),
    receipt(STORE, "2026-02-01T00:00:00.000Z", 200_000, "r2", "e2"),
    receipt(STORE, "2026-03-01T00:00:00.000Z", 150_000, "r3", "e3"),
  ];
  it("fires when the store holds more than its permit allows, naming the receipts beyond it", () => {
    const [finding] = residueSiteOverCapacity(context({ lots, movements: moves }, [storagePermit(500)]));
    expect(finding).toMatchObject({
      id: `RESIDUE_SITE_OVER_CAPACITY:${STORE}`,
      measured: { value: 550, unit: "t residue held" },
      allowed: { value: 500, unit: "t residue held" },
      evidence: { events: ["e3"], documents: ["STORE-1"] },
      taints: ["r3"],
    });
  });
  it("does not fire at exactly its capacity, nor when residue leaves in time", () => {
    expect(residueSiteOverCapacity(context({ lots, movements: moves }, [storagePermit(550)]))).toEqual([]);
    const out: LotMovement = {
      ...receipt(STORE, "2026-02-15T00:00:00.000Z", 200_000, "r1", "e4"),
      kind: "shipped",
    };
    expect(
      residueSiteOverCapacity(context({ lots, movements: [...moves, out] }, [storagePermit(500)])),
    ).toEqual([]);
  });
});

describe("PERMIT_LIMIT", () => {
  const year = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      ...leach(1, `ev-${i}`),
      eventTime: `2026-0${(i % 9) + 1}-10T08:00:00.000Z`,
    }));
  it("fires on a year's throughput and residue above the permit", () => {
    const findings = permitLimit(
      context({ transformations: year(3) }, [environmental({ annualThroughputT: 250, annualResidueT: 150 })]),
    );
    expect(findings.map((f) => [f.id, f.measured?.value, f.allowed?.value])).toEqual([
      ["PERMIT_LIMIT:ENV-H:2026:throughput", 300, 250],
      ["PERMIT_LIMIT:ENV-H:2026:residue", 180, 150],
    ]);
  });
  it("does not fire at exactly the limits, nor outside the permit's validity", () => {
    expect(
      permitLimit(
        context({ transformations: year(3) }, [
          environmental({ annualThroughputT: 300, annualResidueT: 180 }),
        ]),
      ),
    ).toEqual([]);
    const lapsed = environmental({ annualThroughputT: 1, validTo: "2025-12-31" });
    expect(permitLimit(context({ transformations: year(3) }, [lapsed]))).toEqual([]);
  });
});

describe("PRODUCT_ACTIVITY", () => {
  const product = (id: string, thO2: number, cls: "ndpr_oxide" | "mixed_carbonate" = "ndpr_oxide") => ({
    id,
    materialClass: cls,
    createdTime: "2026-04-01T00:00:00.000Z",
    createdEvent: `ev-${id}`,
    assay: oxide({ Nd2O3: 0.74, Pr6O11: 0.25, ThO2: thO2 }),
  });
  // 1 Bq/g of Th-232 is 245.7 ppm Th, i.e. 279.6 ppm ThO2.
  const onePerGramThO2 = fractionForOneBqPerG("Th") / elementFractionOfOxide("Th", 1);
  it("fires on a product above 1 Bq/g, with its activity", () => {
    const [finding] = productActivity(context({ lots: [product("ndpr-hot", 0.0004)] }));
    expect(finding?.id).toBe("PRODUCT_ACTIVITY:ndpr-hot:Th");
    expect(finding?.measured?.value).toBeCloseTo(
      bqPerGram("Th", 0.0004 * elementFractionOfOxide("Th", 1)),
      9,
    );
    expect(finding?.message).toContain("above the 1 Bq/g of the practice limit");
  });
  it("does not fire at exactly 1 Bq/g, nor on an intermediate", () => {
    expect(productActivity(context({ lots: [product("ndpr-edge", onePerGramThO2 * (1 - 1e-12))] }))).toEqual(
      [],
    );
    expect(productActivity(context({ lots: [product("carb", 0.01, "mixed_carbonate")] }))).toEqual([]);
  });
  it("applies a customer contract's lower limit to a lot it received", () => {
    const lot = product("ndpr-contract", onePerGramThO2 * 0.6);
    const limits = { "ndpr-contract": { Th: 0.5, contract: "OFT-1" } };
    const [finding] = productActivity(context({ lots: [lot], contractActivityLimits: limits }));
    expect(finding?.allowed?.value).toBe(0.5);
    expect(finding?.message).toContain("above the 0.5 Bq/g contract OFT-1 allows");
    expect(productActivity(context({ lots: [lot] }))).toEqual([]);
  });
});
