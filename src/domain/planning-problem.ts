// The planning problem in the field's terms: licensed mines, plants, products, demands and the chains by which
// a licence's ore reaches products, with the rules a chain must keep (the ban on unprocessed export).
import { appendTo } from "./grouping.ts";

/**
 * A licence that can supply ore, with what the ledger knows of its mine; or a recycler's permit that can supply
 * scrap (recycled: its "ore" is the scrap it takes in a year, its grade that scrap's TREO).
 */
export interface PlanningMine {
  /** Recycled supply (a recycling permit), not a mine: the ban on exporting unprocessed ore does not apply. */
  recycled?: boolean;
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
  if (!ban || ban.country !== mine.country || mine.recycled) return undefined;
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
    appendTo(groups, key, source);
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
