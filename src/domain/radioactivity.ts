// Thorium and uranium as activity: the specific activities of shared/domain.md §3.2, conversions between
// mass fractions, Bq/g and GBq, and the limits of §3.3. Th-232 and natural uranium's U-238 only: the daughters
// are counted as in secular equilibrium, as the practice limits count each chain member separately.
import { metalPerOxide } from "./chemistry.ts";

export type Radionuclide = "Th" | "U";
export const RADIONUCLIDES: Radionuclide[] = ["Th", "U"];

/** Bq per gram of the element: Th-232 (T½ 1.40×10¹⁰ y) and U-238 in natural uranium (T½ 4.468×10⁹ y). */
export const SPECIFIC_ACTIVITY_BQ_PER_G: Record<Radionuclide, number> = { Th: 4070, U: 12350 };

/** IAEA GSR Part 3 practice: 1 Bq/g per radionuclide of the U-238 and Th-232 chains (shared/domain.md §3.3). */
export const PRACTICE_LIMIT_BQ_PER_G = 1;
export const PRACTICE_CITATION =
  "IAEA GSR Part 3 (Basic Safety Standards): 1 Bq/g per radionuclide of the U-238 and Th-232 chains (shared/domain.md §3.3)";

/** The oxide each radionuclide is assayed as. */
export const REPORTING_OXIDE: Record<Radionuclide, "ThO2" | "U3O8"> = { Th: "ThO2", U: "U3O8" };

/** Activity concentration (Bq/g) of material holding the element at a mass fraction. */
export function bqPerGram(element: Radionuclide, elementFraction: number): number {
  return elementFraction * SPECIFIC_ACTIVITY_BQ_PER_G[element];
}

/** Activity (GBq) of a mass of the element, in kg. */
export function gigabecquerels(element: Radionuclide, elementKg: number): number {
  return (elementKg * 1000 * SPECIFIC_ACTIVITY_BQ_PER_G[element]) / 1e9;
}

/** Mass fraction of the element that gives 1 Bq/g (about 246 ppm Th, 81 ppm U). */
export function fractionForOneBqPerG(element: Radionuclide): number {
  return 1 / SPECIFIC_ACTIVITY_BQ_PER_G[element];
}

/** Mass fraction of the element in material holding its reporting oxide at a fraction (ThO2 → Th). */
export function elementFractionOfOxide(element: Radionuclide, oxideFraction: number): number {
  return oxideFraction * metalPerOxide(REPORTING_OXIDE[element]);
}
