// The demo offtake OFT-2025-001 (shared/domain.md §8.4; headline real, every term fictional): 480 t NdPr oxide
// and 20 t Dy2O3 a year, 2025–2031, quarterly CIF Busan, from Demo Separation JSC to Demo Korean Offtaker Co.
import type { OfftakeContract } from "../../src/domain/contract-terms.ts";

const years = (from: number, to: number, t: number): Record<string, number> =>
  Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [String(from + i), t]));

/** The sites of the demo chain's plants (shared/domain.md §8.2). */
export interface ChainPlants {
  concentratorA: string;
  concentratorB: string;
  hydromet: string;
  separation: string;
}

/** The seller's stated recoveries (§8.2): flotation, leaching, solvent extraction, calcination, with the plant of each. */
const lreeRecoveries = (p: ChainPlants) => [
  { step: "beneficiation (flotation, PLANT-BA)", recovery: 0.7, plant: p.concentratorA },
  { step: "cracking and leaching (PLANT-H)", recovery: 0.92, plant: p.hydromet },
  { step: "solvent extraction La–Nd (PLANT-S)", recovery: 0.95, plant: p.separation },
  { step: "calcination (PLANT-S)", recovery: 0.99 },
];
const hreeRecoveries = (p: ChainPlants) => [
  { step: "beneficiation (gravity and magnetic, PLANT-BB)", recovery: 0.55, plant: p.concentratorB },
  { step: "cracking and leaching (PLANT-H)", recovery: 0.92, plant: p.hydromet },
  { step: "solvent extraction Sm–Lu, Y (PLANT-S)", recovery: 0.9, plant: p.separation },
  { step: "calcination (PLANT-S)", recovery: 0.99 },
];

export function offtakeContract(
  parties: { buyer: string; seller: string },
  plants: ChainPlants,
): OfftakeContract {
  return {
    id: "OFT-2025-001",
    buyer: parties.buyer,
    seller: parties.seller,
    signed: "2024-12-16",
    // The real anchor ramped 200 t in 2024; the ledger starts with the 7-year term (2025–2031).
    term: { from: "2025-01-01", to: "2031-12-31" },
    status: "open",
    // Quarterly lots, shipped after the quarter closes: a quarter's lot may arrive up to 30 days later.
    schedule: { period: "quarter", graceDays: 30 },
    volumeTolerance: 0.1,
    takeOrPay: 0.9,
    incoterm: "CIF Busan",
    priceBasis:
      "quarterly average Fastmarkets NdPr oxide 99% (75:25) fob China less 3%; Dy2O3 on the quarterly China domestic average at the contract FX",
    products: [
      {
        id: "ndpr-oxide",
        name: "NdPr oxide 99% (75:25)",
        materialClass: "ndpr_oxide",
        oxides: ["Nd2O3", "Pr6O11"],
        annualT: years(2025, 2031, 480),
        spec: {
          minPurity: 0.99,
          ratio: { oxide: "Nd2O3", target: 0.75, tolerance: 0.02 },
          maxThBqPerG: 1,
          maxUBqPerG: 1,
        },
      },
      {
        id: "dy2o3",
        name: "Dy2O3 99.5%",
        oxides: ["Dy2O3"],
        annualT: years(2025, 2031, 20),
        spec: { minPurity: 0.995, maxThBqPerG: 1, maxUBqPerG: 1 },
      },
    ],
    chainOfCustody: "segregated",
    documentsRequired: [
      "certificate of analysis from a VILAS (ISO/IEC 17025) laboratory",
      "origin declaration listing mine licence ids (DEMO-001, DEMO-002) and lot ids",
      "radioactivity certificate (Th-232, U-238)",
      "customs declaration number",
      "MOIT quarterly export report reference (Form 01, Circular 23/2021)",
      "proof of Vietnamese processing to ≥ 90% TREO intermediate",
      "DFARS / CRMA origin attestation for downstream magnet customers",
    ],
    sources: [
      { licence: "DEMO-001/GP-BTNMT", product: "ndpr-oxide", recoveries: lreeRecoveries(plants) },
      { licence: "DEMO-002/GP-BTNMT", product: "dy2o3", recoveries: hreeRecoveries(plants) },
    ],
    demo: true,
  };
}
