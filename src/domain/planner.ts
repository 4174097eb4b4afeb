// The value-chain planner: which mines and plants can meet an oxide demand, lawfully, at least cost. The problem
// is in planning-problem.ts, its linear program in planning-program.ts; this module solves it with the solver the
// caller passes in and reads the solution back into a plan as people read it (what is delivered, what binds).
import type { PlanningProblem } from "./planning-problem.ts";
import {
  buildLinearProgram,
  type LinearProgram,
  type LpRow,
  type LpSolution,
  type LpSolve,
  lpText,
  type RowKind,
} from "./planning-program.ts";

export interface PlanConstraint {
  kind: RowKind;
  subject: string;
  year?: string;
  limit: number;
  unit: string;
  /** Phase "cost": USD saved per unit more of the limit; phase "shortfall": t less short per unit more. */
  valuePerUnit: number;
  valueUnit: string;
  /** For a limiting constraint of an infeasible demand: how much more of it would close the gap alone. */
  neededToClose?: number;
  meaning: string;
}

export interface PlanReport {
  feasible: boolean;
  years: string[];
  demands: {
    product: string;
    name: string;
    year: string;
    demandT: number;
    deliveredT: number;
    shortT: number;
  }[];
  /** Per licence (or recycling permit, `recycled`) and year: t ore (or scrap) taken and the licensed capacity. */
  mining: {
    licence: string;
    site: string;
    name: string;
    year: string;
    oreT: number;
    capacityT: number;
    recycled: boolean;
  }[];
  plants: { site: string; name: string; year: string; feedTreoT: number; capacityT: number | null }[];
  chains: { chain: string; year: string; oreT: number; products: Record<string, number> }[];
  costUsd: number;
  /** Constraints that bind the plan (feasible: the least-cost plan; infeasible: what limits the supply). */
  binding: PlanConstraint[];
  /** Chains the law or the caller's exclusions keep out, with the reason. */
  barred: { chain: string; years: string[]; reason: string }[];
  /** What the plan could not check. */
  notes: string[];
  /** Material through the chain per year, for a flow diagram: t TREO from a mine or plant to the next plant,
   * and t of product from the last plant (or the mine) to the product. */
  flows: { year: string; from: string; to: string; t: number; unit: "t TREO" | "t product" }[];
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const fmt = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 1 });

function describeConstraint(
  row: LpRow,
  value: number,
  phase: "cost" | "shortfall",
  problem: PlanningProblem,
): string {
  const mine = problem.mines.find((m) => m.licence === row.subject);
  const plant = problem.plants.find((p) => p.site === row.subject);
  const product = problem.products.find((p) => p.id === row.subject);
  const when = row.year ? ` in ${row.year}` : " over the plan";
  const per = (unit: number, unitName: string) =>
    phase === "cost"
      ? `saves ${fmt(value * unit)} USD`
      : `cuts the shortfall by ${fmt(value * unit)} t${unitName}`;
  switch (row.kind) {
    case "licence_capacity":
      return mine?.recycled
        ? `permitted intake of ${row.subject} (${mine.name}), ${fmt(row.rhs)} t scrap${when}: 100 t scrap more ${per(100, "")}`
        : `licensed capacity of ${row.subject} (${mine?.name ?? ""}), ${fmt(row.rhs)} t ore${when}: 10,000 t ore more ${per(10_000, "")}`;
    case "reserve":
      return `remaining licensed reserve of ${row.subject} (${mine?.name ?? ""}), ${fmt(row.rhs)} t ore: 100,000 t ore more ${per(100_000, "")}`;
    case "plant_capacity":
      return `capacity of ${plant?.name ?? row.subject}, ${fmt(row.rhs)} t TREO${when}: 100 t TREO more ${per(100, "")}`;
    case "demand":
      return phase === "cost"
        ? `demand for ${product?.name ?? row.subject}${when}: each further tonne costs ${fmt(value)} USD`
        : `demand for ${product?.name ?? row.subject}${when}`;
    case "concentration_country":
      return `share of one country (${row.subject})${when}: at its limit`;
    case "concentration_supplier":
      return `share of one supplier (${row.subject})${when}: at its limit`;
    default:
      return row.name;
  }
}

/** The products whose supply a limit holds back: those of the chains in its row. */
function productsHelpedBy(row: LpRow, problem: PlanningProblem): Set<string> {
  if (row.kind === "demand") return new Set([row.subject]);
  if (row.kind !== "licence_capacity" && row.kind !== "reserve" && row.kind !== "plant_capacity") {
    return new Set(problem.products.map((p) => p.id));
  }
  const chains = problem.chains.filter((c) =>
    row.kind === "plant_capacity" ? c.feedTreoPerTOre[row.subject] !== undefined : c.licence === row.subject,
  );
  return new Set(
    chains.flatMap((c) => Object.keys(c.yieldPerTOre).filter((p) => (c.yieldPerTOre[p] ?? 0) > 0)),
  );
}

function constraintsOf(
  program: LinearProgram,
  solution: LpSolution,
  phase: "cost" | "shortfall",
  problem: PlanningProblem,
  shortfalls: { product: string; year: string; shortT: number }[],
): PlanConstraint[] {
  const out: PlanConstraint[] = [];
  for (const row of program.rows) {
    if (row.kind === "shortfall_cap" || row.kind === "product_total") continue;
    if (phase === "shortfall" && row.kind === "demand") continue;
    const dual = solution.rows[row.name]?.dual ?? 0;
    if (Math.abs(dual) < 1e-9) continue;
    // A ≤ row's dual is ≤ 0 in a minimisation: one unit more of the limit lowers the objective by |dual|.
    const value = row.sense === "<=" ? -dual : dual;
    // The gap a limit can close is the shortfall of the products it helps make, in its year (or all years).
    const helped = productsHelpedBy(row, problem);
    const gap = shortfalls
      .filter((d) => helped.has(d.product) && (row.year === undefined || d.year === row.year))
      .reduce((a, d) => a + d.shortT, 0);
    out.push({
      kind: row.kind,
      subject: row.subject,
      ...(row.year ? { year: row.year } : {}),
      limit: row.rhs,
      unit: row.unit,
      valuePerUnit: round(value, 9),
      valueUnit: phase === "cost" ? `USD per ${row.unit}` : `t less short per ${row.unit}`,
      ...(phase === "shortfall" && value > 0 && gap > 0 && row.kind !== "demand"
        ? { neededToClose: round(gap / value, 1) }
        : {}),
      meaning: describeConstraint(row, value, phase, problem),
    });
  }
  return out;
}

/**
 * Plans in two phases: first the least shortfall (zero when the demand can be met), then, holding that, the
 * least cost. The shadow prices of the phase that decided the answer say what binds: on an infeasible demand,
 * how much less short one more unit of each limit would make it; on a feasible one, what it would save.
 */
export function optimisePlan(problem: PlanningProblem, solve: LpSolve): PlanReport {
  const program = buildLinearProgram(problem);
  const phase1 = solve(lpText(program, (c) => (c.kind === "shortfall" ? 1 : 0)));
  if (phase1.status !== "optimal") {
    throw new Error(`the planning model could not be solved: ${phase1.message ?? phase1.status}`);
  }
  const shortfallT = program.columns
    .filter((c) => c.kind === "shortfall")
    .reduce((s, c) => s + (phase1.columns[c.name]?.primal ?? 0), 0);
  const feasible = shortfallT <= 1e-6;
  // Phase 2 keeps the shortfall at its least (with room for rounding) and minimises cost.
  const cap: LpRow = {
    name: "shortfall_cap",
    kind: "shortfall_cap",
    subject: "all",
    terms: program.columns
      .filter((c) => c.kind === "shortfall")
      .map((c) => ({ column: c.name, coefficient: 1 })),
    sense: "<=",
    rhs: shortfallT + 1e-7 * Math.max(1, shortfallT),
    unit: "t",
  };
  const phase2 = solve(lpText(program, (c) => c.cost, [cap]));
  const solution = phase2.status === "optimal" ? phase2 : phase1;
  const primal = (name: string) => Math.max(0, solution.columns[name]?.primal ?? 0);

  const demands = problem.demands.map((demand, d) => {
    const shortT = primal(`s${d}_${demand.year}`);
    const product = problem.products.find((p) => p.id === demand.product);
    return {
      product: demand.product,
      name: product?.name ?? demand.product,
      year: demand.year,
      demandT: demand.t,
      deliveredT: round(demand.t - shortT),
      shortT: round(shortT),
    };
  });
  const chainIndex = new Map(problem.chains.map((c, i) => [c.id, i]));
  const chains = problem.chains.flatMap((chain) =>
    problem.years.map((year) => {
      const oreT = primal(`x${chainIndex.get(chain.id)}_${year}`);
      return {
        chain: chain.id,
        year,
        oreT: round(oreT, 1),
        products: Object.fromEntries(
          Object.entries(chain.yieldPerTOre).map(([p, y]) => [p, round(oreT * y)]),
        ),
      };
    }),
  );
  const oreByLicenceYear = new Map<string, number>();
  for (const chain of problem.chains) {
    for (const year of problem.years) {
      const key = `${chain.licence}|${year}`;
      oreByLicenceYear.set(
        key,
        (oreByLicenceYear.get(key) ?? 0) + primal(`x${chainIndex.get(chain.id)}_${year}`),
      );
    }
  }
  const mining = problem.mines.flatMap((mine) =>
    problem.years.map((year) => ({
      licence: mine.licence,
      site: mine.site,
      name: mine.name,
      year,
      oreT: round(oreByLicenceYear.get(`${mine.licence}|${year}`) ?? 0, 1),
      capacityT: mine.capacityTOreByYear[year] ?? 0,
      recycled: mine.recycled === true,
    })),
  );
  const plants = problem.plants.flatMap((plant) =>
    problem.years.map((year) => ({
      site: plant.site,
      name: plant.name,
      year,
      feedTreoT: round(
        problem.chains.reduce(
          (s, c) => s + (c.feedTreoPerTOre[plant.site] ?? 0) * primal(`x${chainIndex.get(c.id)}_${year}`),
          0,
        ),
      ),
      capacityT: plant.capacityTTreoPerYear ?? null,
    })),
  );
  const costUsd = round(
    program.columns.filter((c) => c.kind === "ore").reduce((s, c) => s + c.cost * primal(c.name), 0),
    0,
  );
  const binding = feasible
    ? constraintsOf(program, solution, "cost", problem, demands)
    : constraintsOf(program, phase1, "shortfall", problem, demands);
  const barred = problem.chains.flatMap((chain) => {
    const years = Object.keys(chain.barredYears).sort();
    return years.length
      ? [{ chain: chain.id, years, reason: chain.barredYears[years[0] as string] as string }]
      : [];
  });
  const notes = problem.chains.flatMap((c) => c.notes ?? []);
  const flowTotals = new Map<
    string,
    { year: string; from: string; to: string; t: number; unit: "t TREO" | "t product" }
  >();
  const addFlow = (year: string, from: string, to: string, t: number, unit: "t TREO" | "t product") => {
    if (t <= 0) return;
    const key = `${year}|${from}|${to}`;
    const f = flowTotals.get(key) ?? { year, from, to, t: 0, unit };
    f.t += t;
    flowTotals.set(key, f);
  };
  for (const chain of problem.chains) {
    const mine = problem.mines.find((m) => m.licence === chain.licence);
    const names = [
      mine?.name ?? chain.licence,
      ...chain.plants.map((site) => problem.plants.find((p) => p.site === site)?.name ?? site),
    ];
    for (const year of problem.years) {
      const oreT = primal(`x${chainIndex.get(chain.id)}_${year}`);
      if (oreT <= 0) continue;
      chain.plants.forEach((site, k) => {
        addFlow(
          year,
          names[k] as string,
          names[k + 1] as string,
          oreT * (chain.feedTreoPerTOre[site] ?? 0),
          "t TREO",
        );
      });
      for (const [product, y] of Object.entries(chain.yieldPerTOre)) {
        const name = problem.products.find((p) => p.id === product)?.name ?? product;
        addFlow(year, names[names.length - 1] as string, name, oreT * y, "t product");
      }
    }
  }
  const flows = [...flowTotals.values()].map((f) => ({ ...f, t: round(f.t) }));
  return {
    feasible,
    years: problem.years,
    demands,
    mining,
    plants,
    chains,
    costUsd,
    binding,
    barred,
    notes,
    flows,
  };
}
