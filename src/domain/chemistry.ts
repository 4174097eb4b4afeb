// Rare-earth chemistry: standard atomic weights (CIAAW/IUPAC) and the oxide ↔ element mass factors computed
// from them (shared/domain.md §2.2). Oxide and element masses are never added: convert through this table.

/** Standard atomic weights, g/mol (CIAAW 2021 abridged values where the domain brief gives them). */
export const ATOMIC_WEIGHT = {
  O: 15.999,
  Sc: 44.955907,
  Y: 88.905838,
  La: 138.90547,
  Ce: 140.116,
  Pr: 140.90766,
  Nd: 144.242,
  Pm: 145,
  Sm: 150.36,
  Eu: 151.964,
  Gd: 157.25,
  Tb: 158.925354,
  Dy: 162.5,
  Ho: 164.930329,
  Er: 167.259,
  Tm: 168.934219,
  Yb: 173.045,
  Lu: 174.9668,
  Th: 232.0377,
  U: 238.02891,
  // Elements of purchased non-rare-earth inputs (iron, ferro-boron, cobalt, alloying additions) and common
  // gangue, so that such a feed has a known composition with no rare earth in it (CIAAW 2021 abridged).
  B: 10.81,
  Mg: 24.305,
  Al: 26.982,
  Si: 28.085,
  P: 30.974,
  Ca: 40.078,
  Ti: 47.867,
  Mn: 54.938,
  Fe: 55.845,
  Co: 58.933,
  Ni: 58.693,
  Cu: 63.546,
  Zn: 65.38,
  Ga: 69.723,
  Zr: 91.224,
  Nb: 92.906,
} as const;

export type Element = Exclude<keyof typeof ATOMIC_WEIGHT, "O">;

/** The rare-earth elements (the lanthanides without Pm, plus Y and Sc) that TREO sums. */
export const RARE_EARTH_ELEMENTS: Element[] = [
  "La",
  "Ce",
  "Pr",
  "Nd",
  "Sm",
  "Eu",
  "Gd",
  "Tb",
  "Dy",
  "Ho",
  "Er",
  "Tm",
  "Yb",
  "Lu",
  "Y",
  "Sc",
];

/** An oxide as metal count and oxygen count: Nd2O3 is { element: "Nd", metal: 2, oxygen: 3 }. */
export interface OxideFormula {
  element: Element;
  metal: number;
  oxygen: number;
}

/** The oxide in which each element is reported (the trade convention: Pr6O11, Tb4O7, CeO2, U3O8, ThO2). */
export const OXIDES: Record<string, OxideFormula> = {
  La2O3: { element: "La", metal: 2, oxygen: 3 },
  CeO2: { element: "Ce", metal: 1, oxygen: 2 },
  Pr6O11: { element: "Pr", metal: 6, oxygen: 11 },
  Nd2O3: { element: "Nd", metal: 2, oxygen: 3 },
  Sm2O3: { element: "Sm", metal: 2, oxygen: 3 },
  Eu2O3: { element: "Eu", metal: 2, oxygen: 3 },
  Gd2O3: { element: "Gd", metal: 2, oxygen: 3 },
  Tb4O7: { element: "Tb", metal: 4, oxygen: 7 },
  Dy2O3: { element: "Dy", metal: 2, oxygen: 3 },
  Ho2O3: { element: "Ho", metal: 2, oxygen: 3 },
  Er2O3: { element: "Er", metal: 2, oxygen: 3 },
  Tm2O3: { element: "Tm", metal: 2, oxygen: 3 },
  Yb2O3: { element: "Yb", metal: 2, oxygen: 3 },
  Lu2O3: { element: "Lu", metal: 2, oxygen: 3 },
  Y2O3: { element: "Y", metal: 2, oxygen: 3 },
  Sc2O3: { element: "Sc", metal: 2, oxygen: 3 },
  ThO2: { element: "Th", metal: 1, oxygen: 2 },
  U3O8: { element: "U", metal: 3, oxygen: 8 },
  // The usual reporting oxides of the non-rare-earth elements above.
  B2O3: { element: "B", metal: 2, oxygen: 3 },
  MgO: { element: "Mg", metal: 1, oxygen: 1 },
  Al2O3: { element: "Al", metal: 2, oxygen: 3 },
  SiO2: { element: "Si", metal: 1, oxygen: 2 },
  P2O5: { element: "P", metal: 2, oxygen: 5 },
  CaO: { element: "Ca", metal: 1, oxygen: 1 },
  TiO2: { element: "Ti", metal: 1, oxygen: 2 },
  MnO: { element: "Mn", metal: 1, oxygen: 1 },
  Fe2O3: { element: "Fe", metal: 2, oxygen: 3 },
  CoO: { element: "Co", metal: 1, oxygen: 1 },
  NiO: { element: "Ni", metal: 1, oxygen: 1 },
  CuO: { element: "Cu", metal: 1, oxygen: 1 },
  ZnO: { element: "Zn", metal: 1, oxygen: 1 },
  Ga2O3: { element: "Ga", metal: 2, oxygen: 3 },
  ZrO2: { element: "Zr", metal: 1, oxygen: 2 },
  Nb2O5: { element: "Nb", metal: 2, oxygen: 5 },
};

export type Oxide = keyof typeof OXIDES;

export function molarMass(formula: OxideFormula): number {
  return formula.metal * ATOMIC_WEIGHT[formula.element] + formula.oxygen * ATOMIC_WEIGHT.O;
}

/** Mass of element per unit mass of its oxide, e.g. 0.8574 for Nd2O3. */
export function metalPerOxide(oxide: Oxide): number {
  const formula = OXIDES[oxide] as OxideFormula;
  return (formula.metal * ATOMIC_WEIGHT[formula.element]) / molarMass(formula);
}

/** Mass of oxide per unit mass of its element, e.g. 1.1664 for Nd2O3. */
export function oxidePerMetal(oxide: Oxide): number {
  return 1 / metalPerOxide(oxide);
}

/** The reporting oxide of an element. */
export function oxideOf(element: Element): Oxide {
  const found = Object.entries(OXIDES).find(([, f]) => f.element === element);
  if (!found) throw new Error(`no reporting oxide for ${element}`);
  return found[0];
}

export function isElement(symbol: string): symbol is Element {
  return symbol in ATOMIC_WEIGHT && symbol !== "O";
}

export function isOxide(name: string): name is Oxide {
  return name in OXIDES;
}
