// The planner on small instances solved by hand (optimal cost and flows known exactly), an infeasible one,
// joint products, plant capacity, reserves over years, concentration limits and the ban on unprocessed export.
import { beforeAll, describe, expect, it } from "vitest";
import { optimisePlan } from "../../src/domain/planner.ts";
import {
  type PlanningMine,
  type PlanningPlant,
  type PlanningProblem,
  type PlanningSource,
  planningChains,
} from "../../src/domain/planning-problem.ts";
import type { LpSolve } from "../../src/domain/planning-program.ts";
import { highsSolver } from "../../src/services/plan.ts";

let solve: LpSolve;
beforeAll(async () => {
  solve = await highsSolver();
});

const YEARS = ["2030"];
const OXIDE = { id: "oxide", name: "Nd2O3", oxides: ["Nd2O3"] };

/** A mine whose ore is 1% TREO, all of it Nd2O3: one tonne of ore yields 0.01 t at full recovery. */
function mine(id: string, capacity: number, cost: number, extra: Partial<PlanningMine> = {}): PlanningMine {
  return {
    licence: id,
    site: `site-${id}`,
    name: `Mine ${id}`,
    operator: `org-${id}`,
    country: "VN",
    capacityTOreByYear: Object.fromEntries(YEARS.map((y) => [y, capacity])),
    gradeTreo: 0.01,
    oxideShares: { Nd2O3: 1 },
    miningCostPerTOre: cost,
    ...extra,
  };
}

function problem(
  mines: PlanningMine[],
  demandT: number,
  options: {
    plants?: PlanningPlant[];
    sources?: PlanningSource[];
    years?: string[];
  } & Partial<PlanningProblem> = {},
): PlanningProblem {
  const years = options.years ?? YEARS;
  const plants = options.plants ?? [];
  const sources =
    options.sources ??
    mines.map((m) => ({ licence: m.licence, product: "oxide", steps: [{ step: "all", recovery: 1 }] }));
  const products = options.products ?? [OXIDE];
  return {
    years,
    mines,
    plants,
    products,
    chains: planningChains(years, mines, plants, products, sources, {
      transportCostPerTKm: 0,
      exportBans: [],
    }),
    demands: options.demands ?? years.map((year) => ({ product: "oxide", year, t: demandT })),
    ...(options.concentration ? { concentration: options.concentration } : {}),
  };
}

describe("hand-solved instances", () => {
  it("one mine: mines exactly what the demand needs, at its cost", () => {
    const plan = optimisePlan(problem([mine("A", 1000, 10)], 5), solve);
    expect(plan.feasible).toBe(true);
    expect(plan.mining[0]).toMatchObject({ oreT: 500, capacityT: 1000 });
    expect(plan.costUsd).toBe(5000);
    // Not at capacity: only the demand binds; each further tonne of oxide costs 100 t ore × 10 USD.
    expect(plan.binding).toEqual([expect.objectContaining({ kind: "demand", valuePerUnit: 1000 })]);
  });

  it("two mines: the cheaper one to its licence, the rest from the dearer; the licence's shadow price is the cost difference", () => {
    const plan = optimisePlan(problem([mine("A", 300, 10), mine("B", 1000, 20)], 5), solve);
    expect(plan.mining.map((m) => m.oreT)).toEqual([300, 200]);
    expect(plan.costUsd).toBe(300 * 10 + 200 * 20);
    const licence = plan.binding.find((b) => b.kind === "licence_capacity");
    expect(licence).toMatchObject({ subject: "A", limit: 300, valuePerUnit: 10, valueUnit: "USD per t ore" });
    expect(licence?.meaning).toContain("10,000 t ore more saves 100,000 USD");
  });

  it("infeasible: reports the shortfall and both licences as what limits it, with what would close the gap", () => {
    const plan = optimisePlan(problem([mine("A", 300, 10), mine("B", 1000, 20)], 15), solve);
    expect(plan.feasible).toBe(false);
    expect(plan.demands[0]).toMatchObject({ demandT: 15, deliveredT: 13, shortT: 2 });
    expect(plan.mining.map((m) => m.oreT)).toEqual([300, 1000]);
    expect(plan.binding.map((b) => [b.subject, b.valuePerUnit, b.neededToClose])).toEqual([
      ["A", 0.01, 200],
      ["B", 0.01, 200],
    ]);
  });

  it("joint products: ore mined for one oxide carries the other, and neither is paid twice", () => {
    const both = mine("A", 10_000, 10, { oxideShares: { Nd2O3: 0.5, Dy2O3: 0.5 } });
    const products = [OXIDE, { id: "dy", name: "Dy2O3", oxides: ["Dy2O3"] }];
    const sources: PlanningSource[] = [
      { licence: "A", product: "oxide", steps: [{ step: "all", recovery: 1 }] },
      { licence: "A", product: "dy", steps: [{ step: "all", recovery: 1 }] },
    ];
    const plan = optimisePlan(
      problem([both], 0, {
        products,
        sources,
        demands: [
          { product: "oxide", year: "2030", t: 10 },
          { product: "dy", year: "2030", t: 4 },
        ],
      }),
      solve,
    );
    // 10 t of Nd2O3 at 0.005 t per t ore needs 2,000 t; that ore also yields 10 t of Dy2O3 (4 needed).
    expect(plan.mining[0]?.oreT).toBe(2000);
    expect(plan.chains[0]?.products).toEqual({ oxide: 10, dy: 10 });
    expect(plan.costUsd).toBe(20_000);
  });

  it("a plant's capacity limits the chains through it, by the TREO in their feed", () => {
    const plant: PlanningPlant = {
      site: "P",
      name: "Plant P",
      operator: "org-P",
      country: "VN",
      kind: "separation",
      capacityTTreoPerYear: 4,
      costPerTTreo: 100,
    };
    const sources: PlanningSource[] = [
      { licence: "A", product: "oxide", steps: [{ step: "sx", recovery: 0.5, plant: "P" }] },
      { licence: "B", product: "oxide", steps: [{ step: "direct", recovery: 0.5 }] },
    ];
    // A: 0.01 t TREO per t ore into P (cost 10 + 100 × 0.01 = 11 per t ore), yield 0.005; B: 30 per t ore, 0.005.
    const plan = optimisePlan(
      problem([mine("A", 10_000, 10), mine("B", 10_000, 30)], 3, { plants: [plant], sources }),
      solve,
    );
    // P takes at most 4 t TREO = 400 t of A's ore (2 t oxide); the other 1 t comes from B (200 t ore).
    expect(plan.mining.map((m) => m.oreT)).toEqual([400, 200]);
    expect(plan.plants[0]).toMatchObject({ feedTreoT: 4, capacityT: 4 });
    expect(plan.costUsd).toBe(400 * 11 + 200 * 30);
    const p = plan.binding.find((b) => b.kind === "plant_capacity");
    // One more t TREO at P moves 100 t ore from B to A: 100 × (30 − 11) = 1,900 USD.
    expect(p?.valuePerUnit).toBeCloseTo(1900, 6);
  });

  it("a reserve binds across years: what is left is spent where it is cheapest to replace", () => {
    const years = ["2030", "2031"];
    const a = mine("A", 1000, 10, {
      remainingReserveTOre: 1200,
      capacityTOreByYear: { 2030: 1000, 2031: 1000 },
    });
    const b = mine("B", 1000, 20, { capacityTOreByYear: { 2030: 1000, 2031: 1000 } });
    const plan = optimisePlan(problem([a, b], 8, { years }), solve);
    expect(plan.feasible).toBe(true);
    expect(plan.mining.filter((m) => m.licence === "A").reduce((s, m) => s + m.oreT, 0)).toBe(1200);
    expect(plan.costUsd).toBe(1200 * 10 + 400 * 20);
    expect(plan.binding.find((b) => b.kind === "reserve")).toMatchObject({
      subject: "A",
      limit: 1200,
      valuePerUnit: 10,
    });
  });

  it("a country's share is capped: the rest comes from the dearer country", () => {
    const vn = mine("A", 10_000, 10);
    const au = mine("B", 10_000, 20, { country: "AU" });
    const plan = optimisePlan(problem([vn, au], 10, { concentration: { maxShareByCountry: 0.6 } }), solve);
    expect(plan.mining.map((m) => m.oreT)).toEqual([600, 400]);
    expect(plan.binding.some((b) => b.kind === "concentration_country" && b.subject === "VN")).toBe(true);
  });

  it("a chain that would export unprocessed ore is not used while the ban is in force", () => {
    const foreign: PlanningPlant = {
      site: "CN-SX",
      name: "Overseas separation",
      operator: "org-cn",
      country: "CN",
      kind: "separation",
      costPerTTreo: 0,
    };
    const years = ["2025", "2026"];
    const a = mine("A", 10_000, 10, { capacityTOreByYear: { 2025: 10_000, 2026: 10_000 } });
    const sources: PlanningSource[] = [
      { licence: "A", product: "oxide", steps: [{ step: "sx abroad", recovery: 1, plant: "CN-SX" }] },
    ];
    const chains = planningChains(years, [a], [foreign], [OXIDE], sources, {
      transportCostPerTKm: 0,
      exportBans: [{ country: "VN", effectiveFrom: "2026-01-01", citation: "Law 54/2024/QH15" }],
    });
    expect(Object.keys(chains[0]?.barredYears ?? {})).toEqual(["2026"]);
    const plan = optimisePlan(
      {
        years,
        mines: [a],
        plants: [foreign],
        products: [OXIDE],
        chains,
        demands: years.map((year) => ({ product: "oxide", year, t: 1 })),
      },
      solve,
    );
    expect(plan.demands.map((d) => d.shortT)).toEqual([0, 1]);
    expect(plan.barred[0]?.reason).toContain("would send unprocessed material to Overseas separation in CN");
  });
});
