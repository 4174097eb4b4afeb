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
  // Secondary origins: rare earths that enter the chain from scrap, not from a mine (docs/recycling.md).
  /** Swarf, off-cuts and rejects of magnet making, collected before the magnet reached a user. */
  magnet_swarf: { stage: 0, label: "pre-consumer magnet swarf and off-cuts (recycled feed)" },
  /** Magnets recovered from end-of-life motors, generators and other products. */
  eol_magnet: { stage: 0, label: "post-consumer end-of-life magnets (recycled feed)" },
  /** Magnet-bearing electronic waste (hard-disk drives, speakers), dismantled for its magnets. */
  ewaste: { stage: 0, label: "post-consumer magnet-bearing e-waste (recycled feed)" },
} as const;

export type MaterialClass = keyof typeof MATERIAL_CLASSES;

export function isMaterialClass(value: string): value is MaterialClass {
  return value in MATERIAL_CLASSES;
}

/** Where the rare earths of an origin lot come from: a mine, or scrap collected before or after use. */
export type OriginSource = "mined" | "pre_consumer" | "post_consumer";

const RECYCLED_SOURCE: Partial<Record<MaterialClass, OriginSource>> = {
  magnet_swarf: "pre_consumer",
  eol_magnet: "post_consumer",
  ewaste: "post_consumer",
};

/**
 * The source of an origin lot by its class: the secondary classes are recycled (pre- or post-consumer, as ISO
 * 14021 distinguishes them); any other lot created without inputs was extracted.
 */
export function originSource(materialClass: MaterialClass | undefined): OriginSource {
  return (materialClass && RECYCLED_SOURCE[materialClass]) || "mined";
}

export function isRecycledClass(materialClass: MaterialClass | undefined): boolean {
  return originSource(materialClass) !== "mined";
}
