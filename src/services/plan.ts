// The planning verb: builds the planning model from the ledger (licences, reserves less what was extracted,
// assays, sites, contracts, legal events) and a planning input, solves it with HiGHS (WebAssembly), and
// compares it with the plan without the caller's exclusions.
import { Ajv } from "ajv";
import highsModule, { type LegacyHighs } from "highs";
import type { Assay } from "../domain/assay.ts";
import { annualCommitments } from "../domain/contract-terms.ts";
import { LodestoneError } from "../domain/errors.ts";
import { type Licence, legalEventDateLabel, licenceStatusAt, type MasterData } from "../domain/masterdata.ts";
import { optimisePlan, type PlanReport } from "../domain/planner.ts";
import {
  type PlanningDemand,
  type PlanningMine,
  type PlanningPlant,
  type PlanningProblem,
  type PlanningProduct,
  type PlanningSource,
  planningChains,
} from "../domain/planning-problem.ts";
import type { LpSolution, LpSolve } from "../domain/planning-program.ts";
import { effectiveRulePacks } from "../domain/rule-packs.ts";
import { extractionsByLicence } from "../domain/rules/context.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import schema from "../standards/lodestone/plan-input.schema.json" with { type: "json" };
import type { Ledger } from "../store/db.ts";
import { listLots } from "../store/lot-store.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { schemaProblems } from "./masterdata-import.ts";
import { fractionOfYear, meanOxideShares, recycledSupply } from "./plan-supply.ts";
import { buildRuleContext } from "./rule-inputs.ts";

export interface PlanInput {
  contract?: string;
  years?: number[];
  products?: PlanningProduct[];
  demands?: { product: string; year: number; t: number }[];
  sources?: PlanningSource[];
  mines?: {
    licence: string;
    miningCostPerTOre?: number;
    gradeTreo?: number;
    oxideShares?: Record<string, number>;
  }[];
  plants?: { site: string; capacityTTreoPerYear?: number; costPerTTreo?: number }[];
  transportCostPerTKm?: number;
  concentration?: { maxShareByCountry?: number; maxShareBySupplier?: number };
  exclude?: string[];
  excludeOpenLegalEvents?: boolean;
}

/**
 * Placeholder unit costs (USD), used where the input gives none. They are not sourced (shared/domain.md has
 * prices, not costs): they rank chains by distance and processing depth, and a user with real costs gives them.
 */
export const DEFAULT_COSTS = {
  miningPerTOre: 25,
  processingPerTTreo: { beneficiation: 150, hydrometallurgy: 1500, separation: 3000 } as Record<
    string,
    number
  >,
  otherProcessingPerTTreo: 2000,
  transportPerTKm: 0.08,
};

const validateInput = new Ajv({ allErrors: true, strict: false }).compile(schema);

export function parsePlanInput(input: unknown): PlanInput {
  if (!validateInput(input)) {
    const problems = schemaProblems(validateInput.errors);
    const first = problems[0];
    throw new LodestoneError(
      "INPUT_INVALID",
      `planning input: ${first ? `${first.path}: ${first.message}` : "does not match its schema"}`,
      problems,
    );
  }
  return input as PlanInput;
}

// The package's types are CommonJS while Node loads its ES module: the loader is the default either way.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ??
  highsModule) as () => Promise<LegacyHighs>;
let highs: Promise<LegacyHighs> | undefined;

/** HiGHS, loaded once per process; each solve runs on a fresh solver instance. */
export async function highsSolver(): Promise<LpSolve> {
  highs ??= loadHighs();
  const solver = await highs;
  return (text: string): LpSolution => {
    const result = solver.solve(text, { output_flag: false });
    const status =
      result.Status === "Optimal"
        ? "optimal"
        : result.Status === "Infeasible"
          ? "infeasible"
          : result.Status === "Unbounded"
            ? "unbounded"
            : "error";
    const columns: LpSolution["columns"] = {};
    for (const [name, c] of Object.entries(result.Columns)) {
      const column = c as { Primal?: number; Dual?: number };
      columns[name] = { primal: column.Primal ?? 0, dual: column.Dual ?? 0 };
    }
    const rows: LpSolution["rows"] = {};
    for (const r of result.Rows as { Name: string; Primal?: number; Dual?: number }[]) {
      rows[r.Name] = { primal: r.Primal ?? 0, dual: r.Dual ?? 0 };
    }
    return { status, message: String(result.Status), objective: result.ObjectiveValue, columns, rows };
  };
}

/** The fraction of a calendar year in which a licence is valid and active (its capacity is pro-rated). */
export function activeFractionOfYear(licence: Licence, year: string): number {
  return fractionOfYear(
    year,
    (date) =>
      date >= licence.validFrom && date <= licence.validTo && licenceStatusAt(licence, date) === "active",
  );
}

export interface PlanResult extends PlanReport {
  asOf: string;
  contract?: string;
  excluded: { party: string; name: string; reason: string }[];
  /** The same demand planned without the exclusions, and what excluding cost. */
  withoutExclusions?: {
    feasible: boolean;
    shortT: number;
    costUsd: number;
    extraShortT: number;
    extraCostUsd: number;
  };
}

/** Builds the planning problem from the ledger and the input (exclusions applied), and what was excluded. */
export async function planningProblem(
  ledger: Ledger,
  input: PlanInput,
  asOf: string,
): Promise<{ problem: PlanningProblem; excluded: PlanResult["excluded"]; unexcluded: PlanningProblem }> {
  const masterData = await loadMasterData(ledger.db);
  const contract = input.contract ? masterData.contracts.find((c) => c.id === input.contract) : undefined;
  if (input.contract && !contract) {
    throw new LodestoneError("NOT_FOUND", `contract: no contract ${input.contract} in the ledger`);
  }
  const products: PlanningProduct[] = [
    ...(contract?.products.map((p) => ({ id: p.id, name: p.name, oxides: p.oxides })) ?? []),
    ...(input.products ?? []),
  ];
  const demandKey = (d: { product: string; year: string }) => `${d.product}|${d.year}`;
  const demands = new Map<string, PlanningDemand>();
  for (const p of contract?.products ?? []) {
    for (const [year, t] of Object.entries(annualCommitments(p)))
      demands.set(`${p.id}|${year}`, { product: p.id, year, t });
  }
  (input.demands ?? []).forEach((d, i) => {
    if (!products.some((p) => p.id === d.product)) {
      throw new LodestoneError(
        "INPUT_INVALID",
        `demands[${i}].product: no product ${d.product} (give it under products, or name a contract that has it)`,
      );
    }
    const demand = { product: d.product, year: String(d.year), t: d.t };
    demands.set(demandKey(demand), demand);
  });
  const allYears = [...new Set([...demands.values()].map((d) => d.year))].sort();
  const years = input.years ? input.years.map(String).sort() : allYears.filter((y) => y >= asOf.slice(0, 4));
  if (years.length === 0) {
    throw new LodestoneError(
      "INPUT_INVALID",
      `years: nothing to plan: no demand in ${asOf.slice(0, 4)} or later (give demands or years)`,
    );
  }
  const sources: PlanningSource[] = [
    ...(contract?.sources.map((s) => ({
      licence: s.licence,
      product: s.product,
      steps: s.recoveries.map((r) => ({
        step: r.step,
        recovery: r.recovery,
        ...(r.plant ? { plant: r.plant } : {}),
      })),
    })) ?? []),
    ...(input.sources ?? []),
  ];
  if (sources.length === 0) {
    throw new LodestoneError(
      "INPUT_INVALID",
      "sources: no licence may supply anything (name a contract or give sources)",
    );
  }
  const mines = await planningMines(ledger, masterData, input, sources, years);
  const plants = planningPlants(masterData, input, sources);
  const exportBans = effectiveRulePacks(masterData.rulePacks).flatMap((pack) =>
    pack.exportUnprocessed.map((r) => ({
      country: pack.jurisdiction,
      effectiveFrom: r.effectiveFrom,
      citation: r.citation.split(":")[0] ?? r.citation,
    })),
  );
  const chainOptions = {
    transportCostPerTKm: input.transportCostPerTKm ?? DEFAULT_COSTS.transportPerTKm,
    exportBans,
  };
  const unexcluded: PlanningProblem = {
    years,
    mines,
    plants,
    products,
    chains: planningChains(years, mines, plants, products, sources, chainOptions),
    demands: [...demands.values()].filter((d) => years.includes(d.year)),
    ...(input.concentration ? { concentration: input.concentration } : {}),
  };

  // Exclusions: the parties named, and with excludeOpenLegalEvents every party with an open legal event.
  const excludedIds = new Map<string, string>();
  for (const party of input.exclude ?? [])
    excludedIds.set(canonicalIdentifier(party), "excluded by the planner");
  if (input.excludeOpenLegalEvents) {
    for (const e of masterData.legalEvents.filter((e) => e.status === "open")) {
      excludedIds.set(
        canonicalIdentifier(e.party),
        `open legal event: ${e.kind} (${legalEventDateLabel(e)})`,
      );
    }
  }
  const excluded = [...excludedIds.entries()].map(([party, reason]) => ({
    party,
    name: masterData.organisations.find((o) => canonicalIdentifier(o.id) === party)?.name ?? party,
    reason,
  }));
  if (excluded.length === 0) return { problem: unexcluded, excluded, unexcluded };
  const isExcluded = (org: string) => excludedIds.has(canonicalIdentifier(org));
  const chains = unexcluded.chains.map((chain) => {
    const mine = mines.find((m) => m.licence === chain.licence) as PlanningMine;
    const by = [
      mine.operator,
      ...chain.plants.map((s) => plants.find((p) => p.site === s)?.operator ?? ""),
    ].find((org) => org !== "" && isExcluded(org));
    if (!by) return chain;
    const who = excluded.find((e) => e.party === canonicalIdentifier(by));
    const reason = `excluded: it runs through ${who?.name ?? by} (${who?.reason ?? "excluded"})`;
    return { ...chain, barredYears: Object.fromEntries(years.map((y) => [y, reason])) };
  });
  return { problem: { ...unexcluded, chains }, excluded, unexcluded };
}

async function planningMines(
  ledger: Ledger,
  masterData: MasterData,
  input: PlanInput,
  sources: PlanningSource[],
  years: string[],
): Promise<PlanningMine[]> {
  const licenceIds = [...new Set(sources.map((s) => s.licence))];
  const context = await buildRuleContext(ledger);
  const extracted = new Map(
    [...extractionsByLicence(context).entries()].map(([l, list]) => [
      l.id,
      list.reduce((s, e) => s + e.massT, 0),
    ]),
  );
  const lots = await listLots(ledger.db);
  return licenceIds.map((id) => {
    const i = sources.findIndex((s) => s.licence === id);
    const licence = masterData.licences.find((l) => l.id === id);
    const override = input.mines?.find((m) => m.licence === id);
    // A source may name a recycler's permit instead of a mining licence: recycled supply (plan-supply.ts).
    const permit = masterData.permits.find((p) => p.id === id && p.kind === "recycling");
    if (!licence && permit)
      return recycledSupply(permit, masterData, lots, years, override, `sources[${i}].licence`);
    if (!licence)
      throw new LodestoneError(
        "INPUT_INVALID",
        `sources[${i}].licence: no licence or recycling permit ${id} in the ledger`,
      );
    const site = masterData.sites.find(
      (s) => canonicalIdentifier(s.id) === canonicalIdentifier(licence.site),
    );
    const assays = meanOxideShares(
      lots.filter((l) => l.originLicence === id && l.assay).map((l) => l.assay as Assay),
    );
    const grade = override?.gradeTreo ?? licence.annualCapacity?.grade ?? licence.reserve?.grade;
    const shares = override?.oxideShares ?? assays.shares;
    if (grade === undefined || Object.keys(shares).length === 0) {
      throw new LodestoneError(
        "INPUT_INVALID",
        `mines: licence ${id} has no ${grade === undefined ? "grade (on the licence)" : "assays in the ledger"} to plan with; give gradeTreo and oxideShares under mines`,
      );
    }
    const capacity = licence.annualCapacity;
    if (capacity && capacity.unit === "t_heavy_minerals") {
      throw new LodestoneError(
        "INPUT_INVALID",
        `sources[${i}].licence: ${id} is licensed in t heavy minerals; the planner plans rare-earth ore (t ore or t TREO)`,
      );
    }
    // A capacity in t TREO is t ore at the grade.
    const perYearTOre = capacity
      ? capacity.unit === "t_TREO"
        ? capacity.quantity / grade
        : capacity.quantity
      : 0;
    const reserve = licence.reserve;
    const reserveTOre = reserve
      ? reserve.unit === "t_TREO"
        ? reserve.quantity / grade
        : reserve.quantity
      : undefined;
    return {
      licence: id,
      site: site?.id ?? licence.site,
      name: site?.name ?? licence.site,
      operator: site?.operator ?? licence.holder,
      country: site?.country ?? "",
      ...(site?.coordinates ? { coordinates: site.coordinates } : {}),
      capacityTOreByYear: Object.fromEntries(
        years.map((year) => [year, perYearTOre * activeFractionOfYear(licence, year)]),
      ),
      ...(reserveTOre === undefined ? {} : { remainingReserveTOre: reserveTOre - (extracted.get(id) ?? 0) }),
      gradeTreo: grade,
      oxideShares: shares,
      miningCostPerTOre: override?.miningCostPerTOre ?? DEFAULT_COSTS.miningPerTOre,
    };
  });
}

function planningPlants(
  masterData: MasterData,
  input: PlanInput,
  sources: PlanningSource[],
): PlanningPlant[] {
  const sites = [
    ...new Set(sources.flatMap((s) => s.steps.flatMap((step) => (step.plant ? [step.plant] : [])))),
  ];
  return sites.map((id) => {
    const site = masterData.sites.find((s) => canonicalIdentifier(s.id) === canonicalIdentifier(id));
    if (!site) throw new LodestoneError("INPUT_INVALID", `sources: no site ${id} in the ledger`);
    const given = input.plants?.find((p) => canonicalIdentifier(p.site) === canonicalIdentifier(id));
    return {
      site: id,
      name: site.name,
      operator: site.operator ?? "",
      country: site.country,
      kind: site.kind,
      ...(site.coordinates ? { coordinates: site.coordinates } : {}),
      ...(given?.capacityTTreoPerYear === undefined
        ? {}
        : { capacityTTreoPerYear: given.capacityTTreoPerYear }),
      costPerTTreo:
        given?.costPerTTreo ??
        DEFAULT_COSTS.processingPerTTreo[site.kind] ??
        DEFAULT_COSTS.otherProcessingPerTTreo,
    };
  });
}

/** Plans a demand: the least-shortfall, then least-cost plan, and what the exclusions changed. */
export async function plan(ledger: Ledger, rawInput: unknown, asOf: string): Promise<PlanResult> {
  const input = parsePlanInput(rawInput);
  const { problem, excluded, unexcluded } = await planningProblem(ledger, input, asOf);
  const solve = await highsSolver();
  const report = optimisePlan(problem, solve);
  const total = (r: PlanReport) => r.demands.reduce((s, d) => s + d.shortT, 0);
  let withoutExclusions: PlanResult["withoutExclusions"];
  if (excluded.length > 0) {
    const base = optimisePlan(unexcluded, solve);
    withoutExclusions = {
      feasible: base.feasible,
      shortT: total(base),
      costUsd: base.costUsd,
      extraShortT: Math.round((total(report) - total(base)) * 1000) / 1000,
      extraCostUsd: report.costUsd - base.costUsd,
    };
  }
  return {
    asOf,
    ...(input.contract ? { contract: input.contract } : {}),
    ...report,
    excluded,
    ...(withoutExclusions ? { withoutExclusions } : {}),
  };
}
