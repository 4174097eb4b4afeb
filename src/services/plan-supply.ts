// Recycled supply for the planner: a recycler's permit as a source of scrap, with the intake its permit allows
// each year, the grade and oxide mix of the scrap it took in (or the caller's), and its cost (docs/planner.md).
import type { Assay } from "../domain/assay.ts";
import { isElement, oxideOf, oxidePerMetal, RARE_EARTH_ELEMENTS } from "../domain/chemistry.ts";
import { treoFraction } from "../domain/contract-specification.ts";
import { LodestoneError } from "../domain/errors.ts";
import type { MasterData, Permit } from "../domain/masterdata.ts";
import { isRecycledClass } from "../domain/material-class.ts";
import type { PlanningMine } from "../domain/planning-problem.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Lot } from "../store/lot-store.ts";

/** Placeholder cost of collecting and preparing a tonne of scrap (USD), where the input gives none. */
export const DEFAULT_SCRAP_COST_PER_T = 400;

/** The fraction of a calendar year on which a condition holds, day by day (capacities are pro-rated). */
export function fractionOfYear(year: string, holds: (date: string) => boolean): number {
  const start = Date.UTC(Number(year), 0, 1);
  const days = (Date.UTC(Number(year) + 1, 0, 1) - start) / 86_400_000;
  let count = 0;
  for (let d = 0; d < days; d++)
    if (holds(new Date(start + d * 86_400_000).toISOString().slice(0, 10))) count++;
  return count / days;
}

/**
 * An assay's mass fractions as rare-earth oxides: as given on an oxide basis; on an element basis (a recycler
 * reports its scrap as alloy), each rare earth as its oxide (Nd 0.22 is Nd2O3 0.257), other elements left out.
 */
function asOxides(assay: Assay): Record<string, number> {
  if (assay.basis === "oxide") return assay.massFractions;
  const out: Record<string, number> = {};
  for (const [symbol, fraction] of Object.entries(assay.massFractions)) {
    if (!isElement(symbol) || !RARE_EARTH_ELEMENTS.includes(symbol)) continue;
    const oxide = oxideOf(symbol);
    out[oxide] = (out[oxide] ?? 0) + fraction * oxidePerMetal(oxide);
  }
  return out;
}

/** The mean TREO grade and oxide shares of TREO over assays (element-basis ones as their oxides). */
export function meanOxideShares(assays: Assay[]): { grade?: number; shares: Record<string, number> } {
  const shares: Record<string, number> = {};
  let counted = 0;
  let grades = 0;
  for (const fractions of assays.map(asOxides)) {
    const treo = treoFraction(fractions);
    if (treo <= 0) continue;
    counted++;
    grades += treo;
    for (const [k, v] of Object.entries(fractions)) shares[k] = (shares[k] ?? 0) + v / treo;
  }
  for (const k of Object.keys(shares)) shares[k] = (shares[k] as number) / counted;
  return counted > 0 ? { grade: grades / counted, shares } : { shares };
}

/**
 * A recycling permit as a planning source: its intake per year (pro-rated to its validity), the grade and oxide
 * shares of the recycled feed created at its site, or those the caller gives, and the cost per tonne of scrap.
 */
export function recycledSupply(
  permit: Permit,
  masterData: MasterData,
  lots: Lot[],
  years: string[],
  override:
    | { miningCostPerTOre?: number; gradeTreo?: number; oxideShares?: Record<string, number> }
    | undefined,
  field: string,
): PlanningMine {
  if (permit.annualIntakeT === undefined)
    throw new LodestoneError(
      "INPUT_INVALID",
      `${field}: recycling permit ${permit.id} states no annualIntakeT (t of scrap a year) to plan with`,
    );
  const site = permit.site
    ? masterData.sites.find((s) => canonicalIdentifier(s.id) === canonicalIdentifier(permit.site as string))
    : undefined;
  const fed = lots.filter(
    (l) =>
      isRecycledClass(l.materialClass) &&
      l.assay &&
      permit.site !== undefined &&
      l.site !== undefined &&
      canonicalIdentifier(l.site) === canonicalIdentifier(permit.site),
  );
  const mean = meanOxideShares(fed.map((l) => l.assay as Assay));
  const grade = override?.gradeTreo ?? mean.grade;
  const shares = override?.oxideShares ?? mean.shares;
  if (grade === undefined || Object.keys(shares).length === 0)
    throw new LodestoneError(
      "INPUT_INVALID",
      `mines: recycling permit ${permit.id} has no assays of its scrap in the ledger to plan with; give gradeTreo and oxideShares under mines`,
    );
  const intake = permit.annualIntakeT;
  return {
    recycled: true,
    licence: permit.id,
    site: site?.id ?? permit.site ?? "",
    name: site?.name ?? permit.site ?? permit.id,
    operator: site?.operator ?? permit.holder,
    country: site?.country ?? "",
    ...(site?.coordinates ? { coordinates: site.coordinates } : {}),
    capacityTOreByYear: Object.fromEntries(
      years.map((year) => [
        year,
        intake * fractionOfYear(year, (date) => date >= permit.validFrom && date <= permit.validTo),
      ]),
    ),
    gradeTreo: grade,
    oxideShares: shares,
    miningCostPerTOre: override?.miningCostPerTOre ?? DEFAULT_SCRAP_COST_PER_T,
  };
}
