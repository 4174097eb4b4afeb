// The planner's linear program, solver-neutral: rows and columns built from a planning problem (ore per chain
// and year, shortfall per demand, every limit), and its CPLEX LP text for whatever solver the caller passes.

import { appendTo } from "./grouping.ts";
import type { PlanningChain, PlanningMine, PlanningProblem } from "./planning-problem.ts";

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
          appendTo(groups, group, c);
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
