// MASS_BALANCE: a transformation may not put out more of an element than went in (beyond assay tolerance),
// and its recovery must lie in the plausible range for its kind of step (shared/domain.md §2.1, as data).
import type { ContentKey } from "./assay.ts";
import { RARE_EARTH_ELEMENTS } from "./chemistry.ts";
import type { Finding } from "./finding.ts";
import { type LotQuantity, sumContents } from "./lot-flows.ts";
import { MATERIAL_CLASSES, type MaterialClass } from "./material-class.ts";

export type StepKind =
  | "beneficiation"
  | "cracking_leaching"
  | "separation"
  | "reduction"
  | "alloying"
  | "magnet_making";

/** Plausible recovery of rare earths per kind of step, from the sourced ranges of shared/domain.md §2.1. */
export const RECOVERY_RANGES: Record<StepKind, { min: number; max: number; source: string }> = {
  beneficiation: { min: 0.5, max: 0.9, source: "flotation/gravity 60–83.2% [S35][S76]" },
  cracking_leaching: { min: 0.85, max: 0.99, source: "leach 85–99%, Lynas >90% [S33][S34]" },
  separation: { min: 0.75, max: 0.99, source: "SX 79.8–95% [S34][S35], calcination 99%" },
  reduction: { min: 0.9, max: 0.99, source: "oxide to metal 95–98% (unverified placeholder) [S36b]" },
  alloying: { min: 0.95, max: 1.0, source: "metal fully alloyed (strip casting losses small)" },
  magnet_making: { min: 0.75, max: 0.95, source: "sintered NdFeB material yield ≈83% [S41]" },
};

const STEP_BY_OUTPUT: Partial<Record<MaterialClass, StepKind>> = {
  concentrate: "beneficiation",
  monazite: "beneficiation",
  mixed_carbonate: "cracking_leaching",
  total_oxide: "cracking_leaching",
  // A group cut comes out of the solvent-extraction circuit, like a separated oxide.
  mixed_oxide: "separation",
  separated_oxide: "separation",
  ndpr_oxide: "separation",
  metal: "reduction",
  alloy: "alloying",
  magnet: "magnet_making",
};

/** The kind of step, from the most processed non-residue output class. */
export function stepKind(outputs: LotQuantity[]): StepKind | undefined {
  const classes = outputs
    .map((o) => o.materialClass)
    .filter((c): c is MaterialClass => c !== undefined && c !== "residue")
    .sort((a, b) => MATERIAL_CLASSES[b].stage - MATERIAL_CLASSES[a].stage);
  return classes[0] ? STEP_BY_OUTPUT[classes[0]] : undefined;
}

export interface TransformationFlows {
  event: string;
  site?: string;
  eventTime: string;
  inputs: LotQuantity[];
  outputs: LotQuantity[];
}

export interface MassBalancePolicy {
  /** Relative tolerance on outputs against inputs, covering assay uncertainty. */
  assayTolerance: number;
}

export const DEFAULT_MASS_BALANCE_POLICY: MassBalancePolicy = { assayTolerance: 0.02 };

/** Contents below a milligram are below any assay's resolution and are not checked. */
export const MIN_CHECKED_KG = 1e-6;
const CHECKED: ContentKey[] = ["TREO", ...RARE_EARTH_ELEMENTS];
const CITATION = "ISO 22095:2020 3.3.4 mass balance; shared/domain.md §2.1 recoveries";

export function massBalance(t: TransformationFlows, policy = DEFAULT_MASS_BALANCE_POLICY): Finding[] {
  const inputs = sumContents(t.inputs);
  const outputs = sumContents(t.outputs);
  const step = stepKind(t.outputs);
  const range = step ? RECOVERY_RANGES[step] : undefined;
  const findings: Finding[] = [];
  for (const key of CHECKED) {
    const outKg = outputs[key] ?? 0;
    const inKg = inputs[key] ?? 0;
    if (outKg <= MIN_CHECKED_KG) continue;
    const base = {
      code: "MASS_BALANCE" as const,
      status: "open" as const,
      subject: { kind: "transformation" as const, id: t.event },
      period: { from: t.eventTime, to: t.eventTime },
      evidence: { events: [t.event], documents: [] },
      taints: t.outputs.map((o) => o.lot),
      rule: { citation: CITATION },
    };
    if (outKg > inKg * (1 + policy.assayTolerance)) {
      findings.push({
        ...base,
        id: `MASS_BALANCE:${t.event}:${key}`,
        severity: "violation",
        measured: { value: outKg, unit: `kg ${key}` },
        allowed: { value: inKg * (1 + policy.assayTolerance), unit: `kg ${key}` },
        message: `${key}: ${fmt(outKg)} kg out of ${fmt(inKg)} kg in${t.site ? ` at ${t.site}` : ""}; ${fmt(outKg - inKg)} kg from no recorded input`,
      });
      continue;
    }
    if (range && inKg > 0) {
      const recovery = outKg / inKg;
      // A relative 1e-9 absorbs floating-point sums: exactly at the bound is inside the range.
      if (recovery < range.min * (1 - 1e-9) || recovery > range.max * (1 + policy.assayTolerance)) {
        findings.push({
          ...base,
          id: `MASS_BALANCE:${t.event}:${key}:recovery`,
          severity: "warning",
          measured: { value: recovery, unit: "recovery" },
          allowed: { value: recovery < range.min ? range.min : range.max, unit: "recovery" },
          message: `${key} recovery ${(recovery * 100).toFixed(1)}% is outside the plausible ${(range.min * 100).toFixed(0)}–${(range.max * 100).toFixed(0)}% for ${step} (${range.source})`,
        });
      }
    }
  }
  return findings;
}

export function fmt(kg: number): string {
  return Number(kg.toFixed(3)).toLocaleString("en-US", { maximumFractionDigits: 3 });
}
