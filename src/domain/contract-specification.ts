// Whether a delivered lot is the contract's product and meets its specification, on the lot's oxide assay
// (shared/domain.md §8.3): TREO, each oxide's share, impurities and Th/U activity.

import type { Assay } from "./assay.ts";
import { metalPerOxide, OXIDES, type Oxide } from "./chemistry.ts";
import type { ContractProduct, Delivery, OfftakeContract, SpecCheck } from "./contract-terms.ts";
import { SPECIFIC_ACTIVITY_BQ_PER_G } from "./radioactivity.ts";

function oxideFractions(assay: Assay | undefined): Record<string, number> | undefined {
  if (assay?.basis !== "oxide") return undefined;
  return assay.massFractions;
}

/** The contract product a lot is: its class matches and the product's oxides are most of its mass. */
export function productOf(contract: OfftakeContract, delivery: Delivery): ContractProduct | undefined {
  const fractions = oxideFractions(delivery.assay);
  return contract.products.find((p) => {
    if (p.materialClass && delivery.materialClass !== p.materialClass) return false;
    if (!fractions) return p.materialClass !== undefined;
    return p.oxides.reduce((s, o) => s + (fractions[o] ?? 0), 0) > 0.5;
  });
}

/** TREO share of an oxide assay: as stated, else the sum of the rare-earth oxides (Th and U are not REO). */
export function treoFraction(fractions: Record<string, number>): number {
  return (
    fractions.TREO ??
    Object.entries(fractions)
      .filter(([k]) => k in OXIDES && k !== "ThO2" && k !== "U3O8")
      .reduce((s, [, v]) => s + v, 0)
  );
}

/** Specific activity of Th-232 and of natural U-238, Bq per gram of the element (shared/domain.md §3.2). */
export const BQ_PER_G = SPECIFIC_ACTIVITY_BQ_PER_G;

/** The lot's assay against each limit of the specification; an analyte the assay omits is unmeasured. */
export function specificationChecks(product: ContractProduct, assay: Assay | undefined): SpecCheck[] {
  const spec = product.spec ?? {};
  const fractions = oxideFractions(assay);
  const checks: SpecCheck[] = [];
  const productShare = fractions ? product.oxides.reduce((s, o) => s + (fractions[o] ?? 0), 0) : 0;
  if (spec.minPurity !== undefined) {
    let measured: number | null = null;
    if (fractions) {
      const treo = treoFraction(fractions);
      measured = treo > 0 ? productShare / treo : null;
    }
    checks.push({
      check: "purity",
      measured,
      limit: `≥ ${spec.minPurity}`,
      outcome: measured === null ? "unmeasured" : measured + 1e-12 >= spec.minPurity ? "pass" : "fail",
    });
  }
  if (spec.ratio) {
    const r = spec.ratio;
    const measured = fractions && productShare > 0 ? (fractions[r.oxide] ?? 0) / productShare : null;
    checks.push({
      check: "ratio",
      measured,
      limit: `${r.oxide} ${r.target} ± ${r.tolerance}`,
      outcome:
        measured === null
          ? "unmeasured"
          : Math.abs(measured - r.target) <= r.tolerance + 1e-12
            ? "pass"
            : "fail",
    });
  }
  const activity = (element: "Th" | "U", max: number | undefined, check: "thorium" | "uranium") => {
    if (max === undefined) return;
    const oxide = element === "Th" ? "ThO2" : "U3O8";
    let fraction: number | undefined;
    if (assay?.basis === "element") fraction = assay.massFractions[element];
    else if (fractions?.[oxide] !== undefined)
      fraction = (fractions[oxide] ?? 0) * metalPerOxide(oxide as Oxide);
    const measured = fraction === undefined ? null : fraction * BQ_PER_G[element];
    checks.push({
      check,
      measured,
      limit: `< ${max} Bq/g`,
      outcome: measured === null ? "unmeasured" : measured < max ? "pass" : "fail",
    });
  };
  activity("Th", spec.maxThBqPerG, "thorium");
  activity("U", spec.maxUBqPerG, "uranium");
  return checks;
}
