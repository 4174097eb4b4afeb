// The value-chain planner: which mines and plants can meet an oxide demand, lawfully, at least cost. A linear
// program over chains (a licence's ore through a sequence of plants, yielding products jointly), built here
// from plain data, solved by whatever LP solver the caller passes in, and read back into a plan.

/** A licence that can supply ore, with what the ledger knows of its mine. */
export interface PlanningMine {
  licence: string;
  site: string;
  name: string;
  operator: string;
  country: string;
  coordinates?: { lat: number; lon: number };
  /** Licensed extraction per year in t ore; 0 in a year the licence is not valid or not active. */
  capacityTOreByYear: Record<string, number>;
  /** What is left of the licensed reserve, t ore; absent when the licence states no reserve. */
  remainingReserveTOre?: number;
  /** TREO mass fraction of the ore. */
  gradeTreo: number;
  /** Share of each oxide in the ore's TREO. */
  oxideShares: Record<string, number>;
  miningCostPerTOre: number;
}

export interface PlanningPlant {
  site: string;
  name: string;
  operator: string;
  country: string;
  kind: string;
  coordinates?: { lat: number; lon: number };
  /** Annual capacity in t TREO contained in the feed; absent when unknown (then not limiting). */
  capacityTTreoPerYear?: number;
  costPerTTreo: number;
}

export interface PlanningProduct {
  id: string;
  name: string;
  oxides: string[];
}

/** One way a licence's ore reaches products: the steps it passes, each with its recovery and plant. */
export interface PlanningSource {
  licence: string;
  product: string;
  steps: { step: string; recovery: number; plant?: string }[];
}

export interface PlanningDemand {
  product: string;
  year: string;
  t: number;
}

/** A licence's ore through one sequence of plants, yielding every product whose source follows that path. */
export interface PlanningChain {
  id: string;
  licence: string;
  plants: string[];
  /** t TREO in the feed of each plant, per t ore mined. */
  feedTreoPerTOre: Record<string, number>;
  /** t of each product per t ore mined. */
  yieldPerTOre: Record<string, number>;
  /** Mining, processing and transport, per t ore mined. */
  costPerTOre: number;
  /** Years in which the chain may not run, and why (e.g. the export of unprocessed ore). */
  barredYears: Record<string, string>;
  /** What could not be checked about the chain. */
  notes?: string[];
}

export interface ConcentrationLimits {
  /** Highest share of a product, in a year, from the mines of one country. */
  maxShareByCountry?: number;
  /** Highest share of a product, in a year, from the mines of one operator. */
  maxShareBySupplier?: number;
}

export interface PlanningProblem {
  years: string[];
  mines: PlanningMine[];
  plants: PlanningPlant[];
  products: PlanningProduct[];
  chains: PlanningChain[];
  demands: PlanningDemand[];
  concentration?: ConcentrationLimits;
}

/** The jurisdiction rule a chain must keep: unprocessed material may not leave the mine's country. */
export interface UnprocessedExportBan {
  country: string;
  effectiveFrom: string;
  citation: string;
}

/** Plant kinds whose product counts as processed (a TREO ≥ 90% intermediate or beyond). */
const PROCESSING_KINDS = new Set(["hydrometallurgy", "separation", "metal", "alloy", "magnet"]);

const EARTH_RADIUS_KM = 6371;
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

/**
 * Whether a chain keeps the ban on exporting unprocessed material: every plant up to the first that
 * processes (hydrometallurgy or beyond) must stand in the mine's country. Returns the reason it does not. A
 * chain that names no processing plant cannot be checked; it is not barred but noted (see uncheckedExport).
 */
export function unprocessedExportBreach(
  mine: PlanningMine,
  plants: PlanningPlant[],
  ban: UnprocessedExportBan | undefined,
): string | undefined {
  if (!ban || ban.country !== mine.country) return undefined;
  for (const plant of plants) {
    if (plant.country !== mine.country) {
      return `${mine.name} (${mine.country}) would send unprocessed material to ${plant.name} in ${plant.country}, which ${ban.citation} forbids`;
    }
    if (PROCESSING_KINDS.has(plant.kind)) return undefined;
  }
  return undefined;
}

/** Whether a chain names a processing plant at all; without one, where it is processed is not known. */
export function namesProcessing(plants: PlanningPlant[]): boolean {
  return plants.some((p) => PROCESSING_KINDS.has(p.kind));
}

export interface ChainOptions {
  transportCostPerTKm: number;
  exportBans: UnprocessedExportBan[];
}

/**
 * Chains from sources: the sources of one licence that pass the same plants are one chain, whose ore yields
 * all their products at once (a tonne of ore mined for its Dy also carries its Nd).
 */
export function planningChains(
  years: string[],
  mines: PlanningMine[],
  plants: PlanningPlant[],
  products: PlanningProduct[],
  sources: PlanningSource[],
  options: ChainOptions,
): PlanningChain[] {
  const groups = new Map<string, PlanningSource[]>();
  for (const source of sources) {
    const path = source.steps.flatMap((s) => (s.plant ? [s.plant] : []));
    const key = `${source.licence}|${path.join(">")}`;
    groups.set(key, [...(groups.get(key) ?? []), source]);
  }
  const chains: PlanningChain[] = [];
  for (const group of groups.values()) {
    const first = group[0] as PlanningSource;
    const mine = mines.find((m) => m.licence === first.licence);
    if (!mine) continue;
    const path = first.steps.flatMap((s) => (s.plant ? [s.plant] : []));
    const pathPlants = path.map((site) => plants.find((p) => p.site === site));
    if (pathPlants.some((p) => p === undefined)) continue;
    const located = pathPlants as PlanningPlant[];
    const yieldPerTOre: Record<string, number> = {};
    for (const source of group) {
      const product = products.find((p) => p.id === source.product);
      if (!product) continue;
      const share = product.oxides.reduce((s, o) => s + (mine.oxideShares[o] ?? 0), 0);
      const recovery = source.steps.reduce((r, s) => r * s.recovery, 1);
      yieldPerTOre[product.id] = (yieldPerTOre[product.id] ?? 0) + mine.gradeTreo * share * recovery;
    }
    // TREO entering each plant, by the recoveries of the steps before it (the first source's, which the
    // steps up to separation share).
    const feedTreoPerTOre: Record<string, number> = {};
    let treo = mine.gradeTreo;
    let cost = mine.miningCostPerTOre;
    let from: { lat: number; lon: number } | undefined = mine.coordinates;
    let massT = 1;
    for (const step of first.steps) {
      const plant = step.plant ? located.find((p) => p.site === step.plant) : undefined;
      if (plant) {
        if (from && plant.coordinates)
          cost += options.transportCostPerTKm * distanceKm(from, plant.coordinates) * massT;
        from = plant.coordinates ?? from;
        feedTreoPerTOre[plant.site] = (feedTreoPerTOre[plant.site] ?? 0) + treo;
        cost += plant.costPerTTreo * treo;
      }
      treo *= step.recovery;
      // After the first step the material moved is what it contains; before it, the ore itself.
      massT = treo;
    }
    const barredYears: Record<string, string> = {};
    for (const year of years) {
      const ban = options.exportBans
        .filter((b) => b.country === mine.country && b.effectiveFrom <= `${year}-12-31`)
        .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
      const breach = unprocessedExportBreach(mine, located, ban);
      if (breach) barredYears[year] = breach;
    }
    const id = `${mine.licence}${path.length ? ` via ${located.map((p) => p.name).join(" → ")}` : ""}`;
    const banned = options.exportBans.some((b) => b.country === mine.country);
    chains.push({
      id,
      licence: mine.licence,
      plants: path,
      feedTreoPerTOre,
      yieldPerTOre,
      costPerTOre: cost,
      barredYears,
      ...(banned && !namesProcessing(located)
        ? {
            notes: [
              `${id} names no processing plant: whether it keeps the ban on exporting unprocessed material (${mine.country}) could not be checked`,
            ],
          }
        : {}),
    });
  }
  return chains;
}

// ---------------------------------------------------------------------------------------------------------
// The linear program, solver-neutral.

export type RowKind =
  | "licence_capacity"
  | "reserve"
  | "plant_capacity"
  | "demand"
  | "concentration_country"
  | "concentration_supplier"
  | "shortfall_cap"
  | "product_total";

export interface LpRow {
  name: string;
  kind: RowKind;
  /** What the row is about: a licence, a plant, a product, a country or an operator. */
  subject: string;
  year?: string;
  terms: { column: string; coefficient: number }[];
  sense: "<=" | ">=" | "=";
  rhs: number;
  unit: string;
}

export interface LpColumn {
  name: string;
  kind: "ore" | "shortfall" | "total";
  /** The chain (ore) or product (shortfall) and year it stands for. */
  subject: string;
  year: string;
  cost: number;
  upper?: number;
}

export interface LinearProgram {
  columns: LpColumn[];
  rows: LpRow[];
}

export interface LpSolution {
  status: "optimal" | "infeasible" | "unbounded" | "error";
  message?: string;
  objective: number;
  columns: Record<string, { primal: number; dual: number }>;
  rows: Record<string, { primal: number; dual: number }>;
}

/** Solves a linear program given in CPLEX LP text; the service passes HiGHS. */
export type LpSolve = (lpText: string) => LpSolution;

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(15).replace(/\.?0+(e|$)/, "$1"));

/** The CPLEX LP text of a program with the given objective weights per column. */
export function lpText(
  program: LinearProgram,
  objective: (c: LpColumn) => number,
  extraRows: LpRow[] = [],
): string {
  const obj = program.columns
    .map((c) => ({ c, w: objective(c) }))
    .filter(({ w }) => w !== 0)
    .map(({ c, w }) => `${w >= 0 ? "+" : "-"} ${num(Math.abs(w))} ${c.name}`);
  const lines = [
    "Minimize",
    ` obj: ${obj.length ? obj.join(" ") : `0 ${program.columns[0]?.name ?? "x"}`}`,
    "Subject To",
  ];
  for (const row of [...program.rows, ...extraRows]) {
    const terms = row.terms
      .filter((t) => t.coefficient !== 0)
      .map((t) => `${t.coefficient >= 0 ? "+" : "-"} ${num(Math.abs(t.coefficient))} ${t.column}`);
    if (terms.length === 0) continue;
    lines.push(` ${row.name}: ${terms.join(" ")} ${row.sense} ${num(row.rhs)}`);
  }
  lines.push("Bounds");
  for (const c of program.columns) {
    lines.push(c.upper === undefined ? ` ${c.name} >= 0` : ` 0 <= ${c.name} <= ${num(c.upper)}`);
  }
  lines.push("End");
  return lines.join("\n");
}

/** Builds the program: ore per chain and year, shortfall per demand, and every limit that binds them. */
export function buildLinearProgram(problem: PlanningProblem): LinearProgram {
  const columns: LpColumn[] = [];
  const rows: LpRow[] = [];
  const chainIndex = new Map(problem.chains.map((c, i) => [c.id, i]));
  const ore = (chain: PlanningChain, year: string) => `x${chainIndex.get(chain.id)}_${year}`;
  for (const chain of problem.chains) {
    for (const year of problem.years) {
      columns.push({
        name: ore(chain, year),
        kind: "ore",
        subject: chain.id,
        year,
        cost: chain.costPerTOre,
        ...(chain.barredYears[year] ? { upper: 0 } : {}),
      });
    }
  }
  problem.mines.forEach((mine, m) => {
    const own = problem.chains.filter((c) => c.licence === mine.licence);
    if (own.length === 0) return;
    for (const year of problem.years) {
      rows.push({
        name: `L${m}_${year}`,
        kind: "licence_capacity",
        subject: mine.licence,
        year,
        terms: own.map((c) => ({ column: ore(c, year), coefficient: 1 })),
        sense: "<=",
        rhs: mine.capacityTOreByYear[year] ?? 0,
        unit: "t ore",
      });
    }
    if (mine.remainingReserveTOre !== undefined) {
      rows.push({
        name: `R${m}`,
        kind: "reserve",
        subject: mine.licence,
        terms: own.flatMap((c) => problem.years.map((y) => ({ column: ore(c, y), coefficient: 1 }))),
        sense: "<=",
        rhs: Math.max(0, mine.remainingReserveTOre),
        unit: "t ore",
      });
    }
  });
  problem.plants.forEach((plant, q) => {
    if (plant.capacityTTreoPerYear === undefined) return;
    const through = problem.chains.filter((c) => c.feedTreoPerTOre[plant.site] !== undefined);
    if (through.length === 0) return;
    for (const year of problem.years) {
      rows.push({
        name: `P${q}_${year}`,
        kind: "plant_capacity",
        subject: plant.site,
        year,
        terms: through.map((c) => ({
          column: ore(c, year),
          coefficient: c.feedTreoPerTOre[plant.site] as number,
        })),
        sense: "<=",
        rhs: plant.capacityTTreoPerYear,
        unit: "t TREO",
      });
    }
  });
  problem.demands.forEach((demand, d) => {
    const shortfall = `s${d}_${demand.year}`;
    columns.push({ name: shortfall, kind: "shortfall", subject: demand.product, year: demand.year, cost: 0 });
    const makers = problem.chains.filter((c) => (c.yieldPerTOre[demand.product] ?? 0) > 0);
    rows.push({
      name: `D${d}_${demand.year}`,
      kind: "demand",
      subject: demand.product,
      year: demand.year,
      terms: [
        ...makers.map((c) => ({
          column: ore(c, demand.year),
          coefficient: c.yieldPerTOre[demand.product] as number,
        })),
        { column: shortfall, coefficient: 1 },
      ],
      sense: ">=",
      rhs: demand.t,
      unit: "t",
    });
  });
  // Concentration: the product's tonnes from one country (or operator) at most a share of all its tonnes.
  // The total of each product and year is a column of its own, so each limit row holds only its group's
  // chains (a row over every chain per group would make the program dense).
  const limits: [RowKind, number | undefined, (m: PlanningMine) => string, string][] = [
    ["concentration_country", problem.concentration?.maxShareByCountry, (m) => m.country, "C"],
    ["concentration_supplier", problem.concentration?.maxShareBySupplier, (m) => m.operator, "S"],
  ];
  const mineOf = new Map(problem.mines.map((m) => [m.licence, m]));
  const totals = new Set<string>();
  problem.products.forEach((product, p) => {
    const makers = problem.chains.filter((c) => (c.yieldPerTOre[product.id] ?? 0) > 0);
    for (const year of problem.years) {
      const total = `t${p}_${year}`;
      for (const [kind, share, groupOf, prefix] of limits) {
        if (share === undefined) continue;
        if (!totals.has(total)) {
          totals.add(total);
          columns.push({ name: total, kind: "total", subject: product.id, year, cost: 0 });
          rows.push({
            name: `T${p}_${year}`,
            kind: "product_total",
            subject: product.id,
            year,
            terms: [
              ...makers.map((c) => ({
                column: ore(c, year),
                coefficient: c.yieldPerTOre[product.id] as number,
              })),
              { column: total, coefficient: -1 },
            ],
            sense: "=",
            rhs: 0,
            unit: "t",
          });
        }
        const groups = new Map<string, PlanningChain[]>();
        for (const c of makers) {
          const group = groupOf(mineOf.get(c.licence) as PlanningMine);
          groups.set(group, [...(groups.get(group) ?? []), c]);
        }
        [...groups.entries()].forEach(([group, chains], g) => {
          rows.push({
            name: `${prefix}${g}_${p}_${year}`,
            kind,
            subject: group,
            year,
            terms: [
              ...chains.map((c) => ({
                column: ore(c, year),
                coefficient: c.yieldPerTOre[product.id] as number,
              })),
              { column: total, coefficient: -share },
            ],
            sense: "<=",
            rhs: 0,
            unit: "t",
          });
        });
      }
    }
  });
  return { columns, rows };
}

// ---------------------------------------------------------------------------------------------------------
// The plan as people read it.

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
  mining: { licence: string; site: string; name: string; year: string; oreT: number; capacityT: number }[];
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
      return `licensed capacity of ${row.subject} (${mine?.name ?? ""}), ${fmt(row.rhs)} t ore${when}: 10,000 t ore more ${per(10_000, "")}`;
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
