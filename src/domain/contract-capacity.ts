// Whether the seller's upstream licences can produce the contracted oxide at all: licensed annual capacity
// through the recoveries the contract states, against what is committed (CONTRACT_CAPACITY, shared/domain.md §8.4).

import { fmt } from "./contract.ts";
import { annualCommitments, type OfftakeContract } from "./contract-terms.ts";
import type { Finding } from "./finding.ts";

/** One licence's annual capacity, as the capacity plausibility needs it. */
export interface SourceCapacity {
  licence: string;
  product: string;
  capacityT: number;
  unit: string;
  /** TREO grade of the ore (mass fraction); null when neither the capacity nor the reserve states one. */
  grade: number | null;
  /** Null when stated nowhere and no lot of the mine has an assay: the capacity cannot be judged. */
  oxideShareOfTreo: number | null;
  /** Each step with its stated recovery and, when known, the plant (site) that runs it. */
  recoveries: { step: string; recovery: number; plant?: string }[];
}

export interface CapacityPlausibility {
  product: string;
  name: string;
  contractedT: number;
  sources: (SourceCapacity & {
    overallRecovery: number;
    /** Product oxide the licence can yield at its licensed capacity, tonnes a year; null when unknown. */
    producibleT: number | null;
  })[];
  /** Null when a source's grade or oxide share is unknown: no judgement is made then. */
  producibleT: number | null;
  /** Ore the contracted tonnage needs, from the first source's grade and recoveries. */
  oreRequiredT: number | null;
  /** Contracted over producible: above 1 the licences cannot supply the contract. */
  utilisation: number | null;
  plausible: boolean | null;
}

/**
 * Can the seller's named licences, at their licensed capacity, grades and the stated recoveries, produce the
 * contracted oxide in a full year? (shared/domain.md §8.3: 150,000 t ore × 3.0% × 17.5% × 0.70 × 0.92 × 0.95
 * × 0.99 ≈ 477 t NdPr oxide against 480 t contracted.)
 */
export function capacityPlausibility(
  contract: OfftakeContract,
  sources: SourceCapacity[],
  year: string,
): { plausibility: CapacityPlausibility[]; findings: Finding[] } {
  const plausibility = contract.products.map((product) => {
    const own = sources
      .filter((s) => s.product === product.id)
      .map((s) => {
        const overallRecovery = s.recoveries.reduce((r, x) => r * x.recovery, 1);
        const yieldPerT =
          s.grade === null || s.oxideShareOfTreo === null
            ? null
            : s.grade * s.oxideShareOfTreo * overallRecovery;
        return {
          ...s,
          overallRecovery,
          yieldPerT,
          producibleT: yieldPerT === null ? null : s.capacityT * yieldPerT,
        };
      });
    const annual = annualCommitments(product);
    const contractedT = annual[year] ?? Math.max(0, ...Object.values(annual));
    const known = own.every((x) => x.producibleT !== null);
    const producibleT = known ? own.reduce((s, x) => s + (x.producibleT ?? 0), 0) : null;
    const first = own[0];
    return {
      product: product.id,
      name: product.name,
      contractedT,
      sources: own.map(({ yieldPerT: _y, ...x }) => x),
      producibleT,
      oreRequiredT: first?.yieldPerT ? contractedT / first.yieldPerT : null,
      utilisation: producibleT ? contractedT / producibleT : null,
      // A contract that names no sources at all says nothing to judge against (docs/contracts.md); one that
      // names sources but none for this product is judged: nothing it named can produce it.
      plausible:
        producibleT === null || contract.sources.length === 0 ? null : producibleT + 1e-9 >= contractedT,
    };
  });
  const findings: Finding[] = plausibility
    .filter((p) => p.plausible === false)
    .map((p) => ({
      id: `CONTRACT_CAPACITY:${contract.id}:${p.product}`,
      code: "CONTRACT_CAPACITY",
      severity: "warning",
      status: "open",
      subject: { kind: "contract", id: contract.id },
      // The plausibility holds for every year of the term.
      period: { from: contract.term.from, to: contract.term.to },
      measured: { value: p.contractedT, unit: "t/yr" },
      allowed: { value: p.producibleT ?? 0, unit: "t/yr" },
      message:
        p.sources.length === 0
          ? `contract ${contract.id}: ${fmt(p.contractedT)} t/yr of ${p.name} contracted, but the seller names no licence that could produce it`
          : `contract ${contract.id}: ${fmt(p.contractedT)} t/yr of ${p.name} contracted, but the named licences (${p.sources.map((s) => s.licence).join(", ")}) yield at most ${fmt(p.producibleT ?? 0)} t/yr at licensed capacity; it needs ${fmt(p.oreRequiredT ?? 0)} t ore a year`,
      evidence: { events: [], documents: [contract.id, ...p.sources.map((s) => s.licence)] },
      taints: [],
      rule: {
        citation: "licensed annual capacity × grade × oxide share × step recoveries (shared/domain.md §8.3)",
      },
    }));
  return { plausibility, findings };
}
