// Benchmark: the planner on a seeded network of 50 mines, 20 plants and 10 years (every mine with eight
// alternative chains through 4 concentrators, 8 hydrometallurgy and 8 separation plants), against the same
// network planned for one year, measured in the same run. Target: the 10-year plan under 5 s. Run: npm run bench
import { optimisePlan } from "../src/domain/planner.ts";
import {
  type PlanningMine,
  type PlanningPlant,
  type PlanningProblem,
  type PlanningSource,
  planningChains,
} from "../src/domain/planning-problem.ts";
import { highsSolver } from "../src/services/plan.ts";
import { seeded } from "./generator.ts";

export function plannerNetwork(years: string[], seed = 7): PlanningProblem {
  const rnd = seeded(seed);
  const countries = ["VN", "VN", "VN", "AU", "MY", "BR"];
  const plant = (kind: string, i: number): PlanningPlant => ({
    site: `${kind}-${i}`,
    name: `${kind} ${i}`,
    operator: `org-${kind}-${i}`,
    country: countries[i % countries.length] as string,
    kind,
    coordinates: { lat: 10 + rnd() * 15, lon: 100 + rnd() * 10 },
    capacityTTreoPerYear: 2000 + rnd() * 6000,
    costPerTTreo: 100 + rnd() * 3000,
  });
  const plants = [
    ...Array.from({ length: 4 }, (_, i) => plant("beneficiation", i)),
    ...Array.from({ length: 8 }, (_, i) => plant("hydrometallurgy", i)),
    ...Array.from({ length: 8 }, (_, i) => plant("separation", i)),
  ];
  const mines: PlanningMine[] = Array.from({ length: 50 }, (_, m) => {
    const capacity = 20_000 + Math.round(rnd() * 150_000);
    const nd = 0.08 + rnd() * 0.1;
    const dy = 0.002 + rnd() * 0.05;
    return {
      licence: `LIC-${m}`,
      site: `mine-${m}`,
      name: `Mine ${m}`,
      operator: `org-mine-${m % 35}`,
      country: countries[m % countries.length] as string,
      coordinates: { lat: 10 + rnd() * 15, lon: 100 + rnd() * 10 },
      capacityTOreByYear: Object.fromEntries(years.map((y) => [y, capacity])),
      remainingReserveTOre: capacity * (5 + rnd() * 10),
      gradeTreo: 0.005 + rnd() * 0.05,
      oxideShares: { Nd2O3: nd, Pr6O11: nd / 3, Dy2O3: dy, CeO2: 1 - nd - nd / 3 - dy },
      miningCostPerTOre: 15 + rnd() * 30,
    };
  });
  const products = [
    { id: "ndpr", name: "NdPr oxide", oxides: ["Nd2O3", "Pr6O11"] },
    { id: "dy", name: "Dy2O3", oxides: ["Dy2O3"] },
  ];
  const sources: PlanningSource[] = mines.flatMap((mine, m) =>
    [0, 1].flatMap((h) =>
      [0, 1].flatMap((s) =>
        [0, 1].flatMap((b) => {
          const steps = [
            { step: "beneficiation", recovery: 0.55 + rnd() * 0.3, plant: `beneficiation-${(m + b) % 4}` },
            { step: "leaching", recovery: 0.9 + rnd() * 0.08, plant: `hydrometallurgy-${(m + h * 3) % 8}` },
          ];
          const sx = `separation-${(m + s * 5) % 8}`;
          return [
            {
              licence: mine.licence,
              product: "ndpr",
              steps: [...steps, { step: "sx", recovery: 0.94, plant: sx }],
            },
            {
              licence: mine.licence,
              product: "dy",
              steps: [...steps, { step: "sx", recovery: 0.89, plant: sx }],
            },
          ];
        }),
      ),
    ),
  );
  const chains = planningChains(years, mines, plants, products, sources, {
    transportCostPerTKm: 0.08,
    exportBans: [{ country: "VN", effectiveFrom: "2026-01-01", citation: "Law 54/2024/QH15" }],
  });
  return {
    years,
    mines,
    plants,
    products,
    chains,
    demands: years.flatMap((year, i) => [
      { product: "ndpr", year, t: 3000 + i * 150 },
      { product: "dy", year, t: 150 + i * 10 },
    ]),
    concentration: { maxShareByCountry: 0.7, maxShareBySupplier: 0.3 },
  };
}

const solve = await highsSolver();
const tenYears = Array.from({ length: 10 }, (_, i) => String(2027 + i));
const oneYear = plannerNetwork(["2027"]);
const full = plannerNetwork(tenYears);

function time(
  label: string,
  runs: number,
  problem: PlanningProblem,
): { ms: number; feasible: boolean; shortT: number } {
  let report = optimisePlan(problem, solve);
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) report = optimisePlan(problem, solve);
  const feasible = report.feasible;
  const shortT = report.demands.reduce((s, d) => s + d.shortT, 0);
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  process.stdout.write(`${label.padEnd(60)} ${ms.toFixed(1)} ms\n`);
  return { ms, feasible, shortT };
}

process.stdout.write(
  `network: ${full.mines.length} mines, ${full.plants.length} plants, ${full.chains.length} chains, ${tenYears.length} years\n`,
);
const base = time("baseline: the same network planned for 1 year", 5, oneYear);
const plan = time("plan 50 mines, 20 plants, 10 years (2 LP solves)", 3, full);
process.stdout.write(
  `\nplan = ${(plan.ms / base.ms).toFixed(1)} × the 1-year plan (${(plan.ms / 1000).toFixed(2)} s; ${plan.feasible ? "feasible" : `infeasible, short ${plan.shortT.toFixed(0)} t of ${full.demands.reduce((s, d) => s + d.t, 0)} t`}; target < 5 s: ${plan.ms < 5000 ? "met" : "missed"})\n`,
);
