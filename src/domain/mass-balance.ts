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

/**
 * Recovery of rare earths per kind of step: the typical range, from the sourced ranges of shared/domain.md
 * §2.1, and the lowest still plausible (Lodestone's judgement, not a sourced figure): operations report
 * recoveries somewhat under the typical ranges (a refractory or weathered feed, a circuit being tuned), so a
 * leach at 75% is low but plausible, while a separation at 61% is a loss to explain.
 */
export const RECOVERY_RANGES: Record<
  StepKind,
  { min: number; max: number; plausibleMin: number; source: string }
> = {
  beneficiation: { min: 0.5, max: 0.9, plausibleMin: 0.4, source: "flotation/gravity 60–83.2% [S35][S76]" },
  cracking_leaching: {
    min: 0.85,
    max: 0.99,
    plausibleMin: 0.7,
    source: "leach 85–99%, Lynas >90% [S33][S34]",
  },
  separation: {
    min: 0.75,
    max: 0.99,
    plausibleMin: 0.7,
    source: "SX 79.8–95% [S34][S35], calcination 99%",
  },
  reduction: {
    min: 0.9,
    max: 0.99,
    plausibleMin: 0.85,
    source: "oxide to metal 95–98% (unverified placeholder) [S36b]",
  },
  alloying: {
    min: 0.95,
    max: 1.0,
    plausibleMin: 0.9,
    source: "metal fully alloyed (strip casting losses small)",
  },
  magnet_making: {
    min: 0.75,
    max: 0.95,
    plausibleMin: 0.65,
    source: "sintered NdFeB material yield ≈83% [S41]",
  },
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
  /** The run's id as the event gave it (EPCIS transformationID), evidence of its findings. */
  run?: string;
  site?: string;
  eventTime: string;
  inputs: LotQuantity[];
  outputs: LotQuantity[];
}

/** A step as a site declares it runs it (master data `sites[].processes`): its recovery range and tolerance. */
export interface DeclaredProcess {
  step: StepKind;
  /** The recovery range the site declares (process design, permit), in place of the typical one. */
  recovery?: { min: number; max: number };
  /** Relative tolerance on outputs over inputs, covering assay uncertainty; default 2%. */
  massBalanceTolerance?: number;
}

/** A declared process that cannot be: a recovery range upside down, or a step declared twice. */
export function declaredProcessProblems(
  processes: DeclaredProcess[],
  at: string,
  site: string,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  processes.forEach((p, i) => {
    if (p.recovery && p.recovery.min > p.recovery.max) {
      problems.push({
        path: `${at}[${i}].recovery`,
        message: `site ${site}, ${p.step}: the recovery range starts (${p.recovery.min}) above its end (${p.recovery.max})`,
      });
    }
    if (processes.findIndex((q) => q.step === p.step) < i) {
      problems.push({ path: `${at}[${i}].step`, message: `site ${site} declares ${p.step} twice` });
    }
  });
  return problems;
}

/** The processes a site declares, from master data (sites are keyed by their canonical id). */
export function declaredProcesses(masterData: {
  sites: { id: string; processes?: DeclaredProcess[] }[];
}): (site: string | undefined) => DeclaredProcess[] {
  // Indexed once: an evaluation asks for every transformation's site (22,032 of them among 2,040 sites at 1M).
  const bySite = new Map(masterData.sites.map((s) => [s.id, s.processes ?? []]));
  return (site) => (site && bySite.get(site)) || [];
}

/** Outputs may exceed inputs by 2% before the excess counts as material from no recorded input. */
export const DEFAULT_MASS_BALANCE_TOLERANCE = 0.02;

/** Contents below a milligram are below any assay's resolution and are not checked. */
export const MIN_CHECKED_KG = 1e-6;
const CHECKED: ContentKey[] = ["TREO", ...RARE_EARTH_ELEMENTS];
const CITATION = "ISO 22095:2020 3.3.4 mass balance; shared/domain.md §2.1 recoveries";
const pct = (x: number, digits = 0) => (x * 100).toFixed(digits);

/** The lot holding most of a content: the one that gained (an output) or lost (an input) it. */
function mainLot(lots: LotQuantity[], key: ContentKey): string | undefined {
  let best: LotQuantity | undefined;
  for (const l of lots) if ((l.contents[key] ?? 0) > (best?.contents[key] ?? 0)) best = l;
  return (best ?? lots[0])?.lot;
}

/**
 * How a recovery reads against its step's range: outside a range the site declares, above the typical
 * maximum, or below the step's lowest plausible recovery is a warning; below the typical minimum but still
 * plausible is information.
 */
export function recoveryFinding(
  recovery: number,
  step: StepKind,
  declared: DeclaredProcess | undefined,
  tolerance: number,
): { severity: "info" | "warning"; bound: number; range: string } | undefined {
  const typical = RECOVERY_RANGES[step];
  const range = declared?.recovery ?? typical;
  const named = declared?.recovery
    ? `the site's declared ${pct(range.min)}–${pct(range.max)}%`
    : `the typical ${pct(range.min)}–${pct(range.max)}% (${typical.source})`;
  // A relative 1e-9 absorbs floating-point sums: exactly at the bound is inside the range.
  if (recovery > range.max * (1 + tolerance)) return { severity: "warning", bound: range.max, range: named };
  if (recovery >= range.min * (1 - 1e-9)) return undefined;
  const severity = declared?.recovery || recovery < typical.plausibleMin * (1 - 1e-9) ? "warning" : "info";
  return { severity, bound: range.min, range: named };
}

export function massBalance(t: TransformationFlows, processes: DeclaredProcess[] = []): Finding[] {
  const inputs = sumContents(t.inputs);
  const outputs = sumContents(t.outputs);
  const step = stepKind(t.outputs);
  const declared = processes.find((p) => p.step === step);
  const tolerance = declared?.massBalanceTolerance ?? DEFAULT_MASS_BALANCE_TOLERANCE;
  const findings: Finding[] = [];
  const at = t.site ? ` at ${t.site}` : "";
  for (const key of CHECKED) {
    const outKg = outputs[key] ?? 0;
    const inKg = inputs[key] ?? 0;
    if (outKg <= MIN_CHECKED_KG) continue;
    const base = (lot: string | undefined) => ({
      code: "MASS_BALANCE" as const,
      status: "open" as const,
      subject: { kind: "lot" as const, id: lot ?? t.event, ...(t.site ? { site: t.site } : {}) },
      period: { from: t.eventTime, to: t.eventTime },
      evidence: { events: [t.event], documents: t.run ? [t.run] : [] },
      taints: t.outputs.map((o) => o.lot),
      rule: { citation: CITATION },
    });
    if (outKg > inKg * (1 + tolerance)) {
      findings.push({
        ...base(mainLot(t.outputs, key)),
        id: `MASS_BALANCE:${t.event}:${key}`,
        severity: "violation",
        measured: { value: outKg, unit: `kg ${key}` },
        allowed: { value: inKg * (1 + tolerance), unit: `kg ${key}` },
        message: `${key}: ${fmt(outKg)} kg out of ${fmt(inKg)} kg in${at}${t.run ? ` (run ${t.run})` : ""}; ${fmt(outKg - inKg)} kg from no recorded input (tolerance ${pct(tolerance, 1)}%)`,
      });
      continue;
    }
    if (!step || inKg <= 0) continue;
    const recovery = outKg / inKg;
    const judged = recoveryFinding(recovery, step, declared, tolerance);
    if (!judged) continue;
    const low = recovery < judged.bound;
    findings.push({
      ...base(mainLot(low ? t.inputs : t.outputs, key)),
      id: `MASS_BALANCE:${t.event}:${key}:recovery`,
      severity: judged.severity,
      measured: { value: recovery, unit: "recovery" },
      allowed: { value: judged.bound, unit: "recovery" },
      message: `${key} recovery ${pct(recovery, 1)}%${at}${t.run ? ` (run ${t.run})` : ""} is ${low ? "below" : "above"} ${judged.range} for ${step}`,
    });
  }
  return findings;
}

export function fmt(kg: number): string {
  return Number(kg.toFixed(3)).toLocaleString("en-US", { maximumFractionDigits: 3 });
}
