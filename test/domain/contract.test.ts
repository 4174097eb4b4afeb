// The offtake contract of shared/domain.md §8.4: quarterly deliveries with one short quarter and one
// off-specification lot, the projected annual shortfall, and the §8.3 capacity plausibility.
import { describe, expect, it } from "vitest";
import { offtakeContract } from "../../scripts/demo/offtake.ts";
import type { Assay } from "../../src/domain/assay.ts";
import { contractPerformance, undeliveredCommitment } from "../../src/domain/contract.ts";
import { capacityPlausibility } from "../../src/domain/contract-capacity.ts";
import { specificationChecks } from "../../src/domain/contract-specification.ts";
import { contractTermsProblems, type Delivery, deliveryPeriod } from "../../src/domain/contract-terms.ts";

const contract = offtakeContract(
  { buyer: "urn:buyer", seller: "urn:seller" },
  { concentratorA: "urn:ba", concentratorB: "urn:bb", hydromet: "urn:h", separation: "urn:s" },
);
const ndprAssay: Assay = { basis: "oxide", massFractions: { Nd2O3: 0.7425, Pr6O11: 0.2475, CeO2: 0.005 } };
const dyAssay: Assay = { basis: "oxide", massFractions: { Dy2O3: 0.998, Tb4O7: 0.002 } };
const offSpecDy: Assay = { basis: "oxide", massFractions: { Dy2O3: 0.991, Tb4O7: 0.009 } };

function delivery(lot: string, date: string, t: number, assay: Assay, materialClass: string): Delivery {
  return { lot, event: `ev-${lot}`, date, massKg: t * 1000, assay, materialClass };
}

// 2025: each quarter's lots arrive on the 20th of the month after the quarter; Q3 brings 80 t, not 120 t.
const deliveries: Delivery[] = [
  delivery("ndpr-q1", "2025-04-20", 120, ndprAssay, "ndpr_oxide"),
  delivery("ndpr-q2", "2025-07-20", 120, ndprAssay, "ndpr_oxide"),
  delivery("ndpr-q3", "2025-10-20", 80, ndprAssay, "ndpr_oxide"),
  delivery("ndpr-q4", "2026-01-20", 120, ndprAssay, "ndpr_oxide"),
  delivery("dy-q1", "2025-04-20", 5, dyAssay, "separated_oxide"),
  delivery("dy-q2", "2025-07-20", 5, dyAssay, "separated_oxide"),
  delivery("dy-q3", "2025-10-20", 5, offSpecDy, "separated_oxide"),
  delivery("dy-q4", "2026-01-20", 5, dyAssay, "separated_oxide"),
];

describe("offtake contract OFT-2025-001", () => {
  it("counts a delivery against the quarter it closes, within the 30 grace days", () => {
    expect(deliveryPeriod(contract, "2025-04-20")).toBe("2025-Q1");
    expect(deliveryPeriod(contract, "2025-05-01")).toBe("2025-Q2");
    expect(deliveryPeriod(contract, "2026-01-20")).toBe("2025-Q4");
    expect(deliveryPeriod(contract, "2026-01-31")).toBe("2026-Q1");
  });

  it("gives delivered against committed per quarter, the short quarter and the off-specification lot", () => {
    const p = contractPerformance(contract, deliveries, "2026-02-15");
    const ndpr = p.products.find((x) => x.product === "ndpr-oxide")?.years.find((y) => y.year === "2025");
    expect(ndpr?.periods.map((q) => [q.period, q.committedT, q.deliveredT, q.state, q.short])).toEqual([
      ["2025-Q1", 120, 120, "closed", false],
      ["2025-Q2", 120, 120, "closed", false],
      ["2025-Q3", 120, 80, "closed", true],
      ["2025-Q4", 120, 120, "closed", false],
    ]);
    expect(ndpr?.deliveredT).toBe(440);
    expect(ndpr?.projectedT).toBe(440);
    expect(ndpr?.shortfallT).toBe(40);
    // The off-specification Dy lot of Q3 is delivered but does not count toward the commitment: Q3 is short,
    // and the year's 15 t of 20 t is below its 10% tolerance.
    const dy = p.products.find((x) => x.product === "dy2o3")?.years.find((y) => y.year === "2025");
    expect(dy?.deliveredT).toBe(15);
    expect(dy?.periods.map((q) => [q.period, q.deliveredT, q.offSpecificationT, q.short])).toEqual([
      ["2025-Q1", 5, 0, false],
      ["2025-Q2", 5, 0, false],
      ["2025-Q3", 0, 5, true],
      ["2025-Q4", 5, 0, false],
    ]);
    // 440 t is within the 10% tolerance of 480 t (432 t): the NdPr year is not short, the quarter is.
    expect(p.findings.map((f) => [f.id, f.severity])).toEqual([
      ["CONTRACT_SHORTFALL:OFT-2025-001:ndpr-oxide:2025-Q3", "warning"],
      ["CONTRACT_SHORTFALL:OFT-2025-001:dy2o3:2025-Q3", "warning"],
      ["CONTRACT_SHORTFALL:OFT-2025-001:dy2o3:2025", "violation"],
      ["SPEC_MISMATCH:OFT-2025-001:dy-q3", "warning"],
    ]);
    const shortQuarter = p.findings[0];
    expect(shortQuarter?.measured).toEqual({ value: 80, unit: "t" });
    expect(shortQuarter?.allowed?.value).toBeCloseTo(108, 9);
    const spec = p.findings[3];
    expect(spec?.message).toContain("purity 0.991 against ≥ 0.995");
    expect(spec?.evidence.events).toEqual(["ev-dy-q3"]);
    // 2026 has no closed quarter yet on 15 February: nothing delivered counts as a shortfall.
    const y2026 = p.products[0]?.years.find((y) => y.year === "2026");
    expect(y2026?.projectedT).toBeNull();
    expect(y2026?.periods.every((q) => q.state === "open" && !q.short)).toBe(true);
  });

  it("projects the annual shortfall from the closed quarters", () => {
    // On 15 November 2025, Q1–Q3 have closed with 320 t of 360 t: the rest of the year at that rate.
    const p = contractPerformance(contract, deliveries, "2025-11-15");
    const ndpr = p.products[0]?.years[0];
    expect(ndpr?.deliveredT).toBe(320);
    expect(ndpr?.projectedT).toBeCloseTo(320 + (120 * 320) / 360, 9);
    expect(ndpr?.shortfallT).toBeCloseTo(480 - 426.666666667, 6);
    const annual = p.findings.find((f) => f.id === "CONTRACT_SHORTFALL:OFT-2025-001:ndpr-oxide:2025");
    expect(annual?.severity).toBe("warning");
    expect(annual?.message).toContain("projected 426.667 t of 480 t");
  });

  it("makes a complete year below tolerance a violation", () => {
    const fewer = deliveries.filter((d) => d.lot !== "ndpr-q4");
    const p = contractPerformance(contract, fewer, "2026-03-01");
    const annual = p.findings.find((f) => f.id === "CONTRACT_SHORTFALL:OFT-2025-001:ndpr-oxide:2025");
    expect(annual?.severity).toBe("violation");
    expect(annual?.measured).toEqual({ value: 320, unit: "t" });
  });

  it("checks purity, the Nd:Pr ratio and radioactivity, and says when the assay does not measure them", () => {
    const ndpr = contract.products[0];
    if (!ndpr) throw new Error("no NdPr product");
    const checks = specificationChecks(ndpr, {
      basis: "oxide",
      massFractions: { Nd2O3: 0.7, Pr6O11: 0.29, CeO2: 0.01, ThO2: 0.0003 },
    });
    expect(checks.map((c) => [c.check, c.outcome])).toEqual([
      ["purity", "pass"],
      ["ratio", "fail"],
      ["thorium", "fail"],
      ["uranium", "unmeasured"],
    ]);
    // 0.03% ThO2 = 0.0003 × 232.04/264.04 g Th per g × 4,070 Bq/g ≈ 1.07 Bq/g, above 1 Bq/g.
    expect(checks[2]?.measured).toBeCloseTo(0.0003 * (232.0377 / 264.0365) * 4070, 3);
  });

  it("reproduces the §8.3 capacity plausibility: 477 t NdPr oxide and 20.1 t Dy2O3 at licensed capacity", () => {
    const { plausibility, findings } = capacityPlausibility(
      contract,
      [
        {
          licence: "DEMO-001/GP-BTNMT",
          product: "ndpr-oxide",
          capacityT: 150_000,
          unit: "t_ore",
          grade: 0.03,
          oxideShareOfTreo: 0.175,
          recoveries: contract.sources[0]?.recoveries ?? [],
        },
        {
          licence: "DEMO-002/GP-BTNMT",
          product: "dy2o3",
          capacityT: 90_000,
          unit: "t_ore",
          grade: 0.011,
          oxideShareOfTreo: 0.045,
          recoveries: contract.sources[1]?.recoveries ?? [],
        },
      ],
      "2025",
    );
    const [ndpr, dy] = plausibility;
    expect(ndpr?.sources[0]?.overallRecovery).toBeCloseTo(0.7 * 0.92 * 0.95 * 0.99, 12);
    expect(ndpr?.producibleT).toBeCloseTo(150_000 * 0.03 * 0.175 * 0.7 * 0.92 * 0.95 * 0.99, 9);
    expect(Math.round(ndpr?.producibleT ?? 0)).toBe(477);
    expect(Math.round((ndpr?.oreRequiredT ?? 0) / 1000) * 1000).toBe(151_000); // "~151,000 t ore/yr"
    expect(ndpr?.plausible).toBe(false);
    expect(Number(dy?.producibleT?.toFixed(1))).toBe(20.1);
    expect(Math.round((dy?.oreRequiredT ?? 0) / 100) * 100).toBe(89_600);
    expect(dy?.plausible).toBe(true);
    expect(findings.map((f) => f.id)).toEqual(["CONTRACT_CAPACITY:OFT-2025-001:ndpr-oxide"]);
  });

  it("makes no capacity judgement when a licence's grade or oxide share is unknown", () => {
    const { plausibility, findings } = capacityPlausibility(
      contract,
      [
        {
          licence: "DEMO-001/GP-BTNMT",
          product: "ndpr-oxide",
          capacityT: 150_000,
          unit: "t_ore",
          grade: 0.03,
          oxideShareOfTreo: null,
          recoveries: [],
        },
      ],
      "2025",
    );
    expect(plausibility[0]).toMatchObject({ producibleT: null, oreRequiredT: null, plausible: null });
    // A product with no named licence at all cannot be supplied from licences the seller discloses.
    expect(plausibility[1]).toMatchObject({ producibleT: 0, plausible: false });
    expect(findings.map((f) => f.id)).toEqual(["CONTRACT_CAPACITY:OFT-2025-001:dy2o3"]);
  });

  it("counts the committed volume still due in the next 12 months", () => {
    // On 2026-11-26 the 2026-Q3 window has closed (30 October); Q4 2026 to Q3 2027 fall due within a year.
    expect(undeliveredCommitment(contract, "2026-11-26", 365)).toEqual([
      { product: "ndpr-oxide", name: "NdPr oxide 99% (75:25)", undeliveredT: 480 },
      { product: "dy2o3", name: "Dy2O3 99.5%", undeliveredT: 20 },
    ]);
  });
});

describe("a contract that schedules by period and counts by shipment", () => {
  // 2026 by quarter: 100, 50, 150 and 100 t of NdPr oxide; no annualT, so the year commits their 400 t.
  const scheduled = {
    ...contract,
    id: "OFT-SCHED",
    term: { from: "2026-01-01", to: "2026-12-31" },
    schedule: { period: "quarter" as const, graceDays: 0, countBy: "shipment" as const },
    volumeTolerance: 0,
    products: [
      {
        ...(contract.products[0] as (typeof contract.products)[number]),
        annualT: undefined,
        periodT: { "2026-Q1": 100, "2026-Q2": 50, "2026-Q3": 150, "2026-Q4": 100 },
      },
    ],
  };

  it("commits each period its own tonnes and places a delivery by its shipping date", () => {
    const shippedInQ1 = {
      ...delivery("a", "2026-04-03", 100, ndprAssay, "ndpr_oxide"),
      shippedOn: "2026-03-28",
    };
    const noShipment = delivery("b", "2026-05-10", 50, ndprAssay, "ndpr_oxide");
    const p = contractPerformance(scheduled, [shippedInQ1, noShipment], "2027-01-15");
    const year = p.products[0]?.years[0];
    expect(year?.committedT).toBe(400);
    expect(year?.periods.map((q) => [q.period, q.committedT, q.deliveredT, q.short])).toEqual([
      ["2026-Q1", 100, 100, false],
      // Without a shipment on the ledger the receipt date is the one date there is.
      ["2026-Q2", 50, 50, false],
      ["2026-Q3", 150, 0, true],
      ["2026-Q4", 100, 0, true],
    ]);
    // Counted by receipt, the Q1 shipment would have fallen into Q2.
    const byReceipt = contractPerformance(
      { ...scheduled, schedule: { ...scheduled.schedule, countBy: "receipt" } },
      [shippedInQ1],
      "2027-01-15",
    );
    expect(byReceipt.deliveries.map((d) => d.period)).toEqual(["2026-Q2"]);
  });

  it("refuses a period the schedule cannot hold, one outside the term, and periods that contradict annualT", () => {
    const product = scheduled.products[0] as (typeof scheduled.products)[number];
    const problems = contractTermsProblems(
      {
        ...scheduled,
        products: [
          { ...product, annualT: { "2026": 500 }, periodT: { "2026-Q1": 100, "2026-07": 5, "2027-Q1": 10 } },
          { ...product, id: "none", name: "None", annualT: undefined, periodT: undefined },
        ],
      },
      "contracts[0]",
    );
    expect(problems.map((x) => x.path)).toEqual([
      "contracts[0].products[0].periodT.2026-07",
      "contracts[0].products[0].periodT.2027-Q1",
      "contracts[0].products[0].annualT.2026",
      "contracts[0].products[1]",
    ]);
    expect(problems[0]?.message).toBe(
      'contract OFT-SCHED schedules by quarter: "2026-07" is not a quarter (e.g. 2026-Q3)',
    );
    expect(problems[2]?.message).toBe(
      "contract OFT-SCHED, NdPr oxide 99% (75:25): 2026 commits 500 t a year but its periods add up to 100 t",
    );
  });
});
