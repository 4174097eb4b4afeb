// Material classes of the rare-earth chain, each with its processing stage (shared/domain.md §2.1 and
// design.md §4). Every lot has exactly one class.

export const MATERIAL_CLASSES = {
  ore: { stage: 1, label: "run-of-mine ore" },
  monazite: { stage: 2, label: "monazite concentrate" },
  ilmenite: { stage: 2, label: "ilmenite" },
  zircon: { stage: 2, label: "zircon" },
  rutile: { stage: 2, label: "rutile" },
  concentrate: { stage: 2, label: "mineral concentrate" },
  mixed_carbonate: { stage: 3, label: "mixed rare-earth carbonate" },
  total_oxide: { stage: 3, label: "mixed rare-earth (total) oxide" },
  /** A group cut from solvent extraction (SEG, HREE or LREE oxide): separated from the rest, not into elements. */
  mixed_oxide: { stage: 3, label: "mixed rare-earth oxide (a group cut such as SEG or HREE oxide)" },
  separated_oxide: { stage: 4, label: "separated rare-earth oxide" },
  ndpr_oxide: { stage: 4, label: "NdPr oxide" },
  metal: { stage: 5, label: "rare-earth metal" },
  alloy: { stage: 6, label: "magnet alloy" },
  magnet: { stage: 7, label: "sintered magnet" },
  residue: { stage: 0, label: "processing residue or tailings" },
  /** Bought in, not mined or made in the chain: iron, ferro-boron, cobalt and other alloying additions. */
  alloying_feed: { stage: 0, label: "purchased non-rare-earth input (iron, ferro-boron, cobalt...)" },
} as const;

export type MaterialClass = keyof typeof MATERIAL_CLASSES;

export function isMaterialClass(value: string): value is MaterialClass {
  return value in MATERIAL_CLASSES;
}
