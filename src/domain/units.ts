// Units of mass by UN/ECE Recommendation 20 code, converted to the ledger's one internal unit, the kilogram.
// An unknown code is an error, never a guess. Kilograms are doubles: sums compare within 1e-9 relative.

export const KG_PER_UNIT: Record<string, number> = {
  KGM: 1,
  TNE: 1000,
  GRM: 0.001,
  MGM: 0.000001,
  DTN: 100, // decitonne (quintal)
  KTN: 1_000_000,
  LBR: 0.45359237,
  ONZ: 0.028349523125,
  STN: 907.18474, // short ton (US)
  LTN: 1016.0469088, // long ton (UK)
};

export type MassUnitResult = { ok: true; kg: number } | { ok: false; reason: string };

/** Converts a quantity in a Rec 20 unit to kilograms. */
export function toKilograms(quantity: number, uom: string | undefined): MassUnitResult {
  if (uom === undefined) return { ok: false, reason: "no unit of measure: a mass needs uom (KGM, TNE, ...)" };
  const factor = KG_PER_UNIT[uom];
  if (factor === undefined) {
    return {
      ok: false,
      reason: `unknown unit of mass "${uom}": use a UN/ECE Rec 20 code (${Object.keys(KG_PER_UNIT).join(", ")})`,
    };
  }
  return { ok: true, kg: quantity * factor };
}
