// Assays: the mass fractions of a lot's analytes (TREO, each oxide or element, ThO2, U3O8), with their basis,
// lab, method and date; validated, and turned into element masses of a lot.
import {
  type Element,
  isElement,
  isOxide,
  metalPerOxide,
  OXIDES,
  type Oxide,
  RARE_EARTH_ELEMENTS,
} from "./chemistry.ts";

export type AssayBasis = "oxide" | "element";

export interface Assay {
  basis: AssayBasis;
  /** Mass fraction (0..1) per analyte: oxides (and TREO) on an oxide basis, elements (and TREE) on an element basis. */
  massFractions: Record<string, number>;
  lab?: string;
  method?: string;
  date?: string;
  /** Absolute uncertainty of each fraction, if the lab states one. */
  uncertainty?: number;
}

/** Components may add up to more than 1 by this much (lab rounding) before the assay is refused. */
export const ASSAY_SUM_TOLERANCE = 0.005;

export interface AssayProblem {
  path: string;
  message: string;
}

const TOTALS = { oxide: "TREO", element: "TREE" } as const;

/** Checks an assay; returns every problem, each naming the analyte. */
export function validateAssay(assay: Assay): AssayProblem[] {
  const problems: AssayProblem[] = [];
  if (assay.basis !== "oxide" && assay.basis !== "element") {
    problems.push({ path: "basis", message: `basis must be "oxide" or "element", got "${assay.basis}"` });
    return problems;
  }
  const total = TOTALS[assay.basis];
  let sum = 0;
  let reoSum = 0;
  for (const [analyte, fraction] of Object.entries(assay.massFractions)) {
    const path = `massFractions.${analyte}`;
    const known = assay.basis === "oxide" ? isOxide(analyte) : isElement(analyte);
    if (analyte !== total && !known) {
      const other = assay.basis === "oxide" ? isElement(analyte) : isOxide(analyte);
      problems.push({
        path,
        message: other
          ? `analyte ${analyte} does not fit an assay on the ${assay.basis} basis`
          : `unknown analyte "${analyte}": use ${total}, or the ${assay.basis === "oxide" ? "reporting oxides (Nd2O3, Pr6O11, Dy2O3, Tb4O7, CeO2, ThO2, U3O8, ...)" : "element symbols (Nd, Pr, Dy, Th, U, ...)"}`,
      });
      continue;
    }
    if (typeof fraction !== "number" || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
      problems.push({ path, message: `mass fraction must be a number from 0 to 1, got ${fraction}` });
      continue;
    }
    if (analyte === total) continue;
    sum += fraction;
    const element =
      assay.basis === "oxide" ? (OXIDES[analyte] as { element: Element }).element : (analyte as Element);
    if (RARE_EARTH_ELEMENTS.includes(element)) reoSum += fraction;
  }
  if (sum > 1 + ASSAY_SUM_TOLERANCE) {
    problems.push({ path: "massFractions", message: `components add up to ${round(sum)}, more than 1` });
  }
  const stated = assay.massFractions[total];
  if (typeof stated === "number" && stated + ASSAY_SUM_TOLERANCE < reoSum) {
    problems.push({
      path: `massFractions.${total}`,
      message: `${total} ${round(stated)} is below the sum of its parts ${round(reoSum)}`,
    });
  }
  return problems;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Content keys: each element's mass, and TREO (rare-earth oxides, as oxide mass). */
export type ContentKey = Element | "TREO";
export type ContentsKg = Partial<Record<ContentKey, number>>;

/** Element masses (and TREO) held in `massKg` of material with this assay. */
export function contentsKg(massKg: number, assay: Assay | undefined): ContentsKg {
  if (!assay) return {};
  const out: ContentsKg = {};
  let reoFromParts = 0;
  let hasParts = false;
  for (const [analyte, fraction] of Object.entries(assay.massFractions)) {
    if (assay.basis === "oxide" && isOxide(analyte)) {
      const element = (OXIDES[analyte] as { element: Element }).element;
      out[element] = (out[element] ?? 0) + massKg * fraction * metalPerOxide(analyte as Oxide);
      if (RARE_EARTH_ELEMENTS.includes(element)) {
        reoFromParts += massKg * fraction;
        hasParts = true;
      }
    } else if (assay.basis === "element" && isElement(analyte)) {
      out[analyte] = (out[analyte] ?? 0) + massKg * fraction;
      if (RARE_EARTH_ELEMENTS.includes(analyte)) {
        reoFromParts += (massKg * fraction) / metalPerOxide(oxideName(analyte));
        hasParts = true;
      }
    }
  }
  const treo = assay.basis === "oxide" ? assay.massFractions.TREO : undefined;
  if (typeof treo === "number") out.TREO = massKg * treo;
  else if (hasParts) out.TREO = reoFromParts;
  return out;
}

function oxideName(element: Element): Oxide {
  const entry = Object.entries(OXIDES).find(([, f]) => f.element === element);
  return (entry as [Oxide, unknown])[0];
}

/** Adds contents, key by key. */
export function addContents(a: ContentsKg, b: ContentsKg): ContentsKg {
  const out: ContentsKg = { ...a };
  for (const [k, v] of Object.entries(b) as [ContentKey, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
}

export function scaleContents(a: ContentsKg, factor: number): ContentsKg {
  const out: ContentsKg = {};
  for (const [k, v] of Object.entries(a) as [ContentKey, number][]) out[k] = v * factor;
  return out;
}
