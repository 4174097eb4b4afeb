// Jurisdiction rule packs as data: thresholds, the date each takes effect, and the law it encodes. A rule
// applies by the date of the event: a shipment made before a ban took effect is not flagged.
import type { MaterialClass } from "./material-class.ts";

export interface Dated {
  effectiveFrom: string;
  citation: string;
}

export interface ExportUnprocessedRule extends Dated {
  /** Classes of rare-earth material that may not be exported at all. */
  barredClasses: MaterialClass[];
  /** Rare-earth products below this TREO mass fraction count as unprocessed. */
  minTreoFraction: number;
}

export interface ExportRadioactiveRule extends Dated {
  /** Mass fraction of U or Th at or above which an export permit is required. */
  thresholdFraction: number;
}

export interface RulePack {
  jurisdiction: string;
  exportUnprocessed: ExportUnprocessedRule[];
  exportRadioactive: ExportRadioactiveRule[];
  /** Relative tolerance before declared figures and the ledger count as different. */
  declarationTolerance: number;
}

export const VIETNAM: RulePack = {
  jurisdiction: "VN",
  exportUnprocessed: [
    {
      effectiveFrom: "2026-01-01",
      barredClasses: ["ore", "concentrate", "monazite"],
      minTreoFraction: 0.9,
      citation:
        "Law on Geology and Minerals 54/2024/QH15 as amended 11 Dec 2025 (in force 1 Jan 2026): no export of raw rare-earth minerals; draft rare-earth decree (MAE 21/VBHN-BNNMT): processing to TREO ≥ 90%",
    },
  ],
  exportRadioactive: [
    {
      effectiveFrom: "2016-08-20",
      thresholdFraction: 0.0005,
      citation:
        "Circular 41/2012/TT-BCT as amended by Circular 12/2016/TT-BCT: ≥ 0.05 wt% U or Th needs a MOST export permit",
    },
  ],
  declarationTolerance: 0.02,
};

export const RULE_PACKS: RulePack[] = [VIETNAM];

/**
 * A jurisdiction's thresholds imported as master data (`rulePacks`): its versions are added to the built-in
 * pack of the jurisdiction (a version with the same effectiveFrom replaces the built-in one), or make a pack
 * for a jurisdiction Lodestone does not ship. docs/masterdata.md, "Jurisdiction rule packs".
 */
export interface RulePackRecord {
  id: string;
  jurisdiction: string;
  exportUnprocessed?: ExportUnprocessedRule[];
  exportRadioactive?: ExportRadioactiveRule[];
  declarationTolerance?: number;
  note?: string;
}

/** A pack's declaration tolerance when neither the built-in pack nor its record gives one: 2%. */
export const DEFAULT_DECLARATION_TOLERANCE = 0.02;

/** Versions with the added ones in: one version per effectiveFrom, the added (and the later added) winning. */
function withVersions<T extends Dated>(versions: T[], added: T[] | undefined): T[] {
  const byDate = new Map([...versions, ...(added ?? [])].map((v) => [v.effectiveFrom, v]));
  return [...byDate.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}

/** The packs evaluation applies: the built-in ones with the imported records merged in, in id order. */
export function effectiveRulePacks(records: RulePackRecord[], builtIn: RulePack[] = RULE_PACKS): RulePack[] {
  const packs = new Map(builtIn.map((p) => [p.jurisdiction, p]));
  for (const record of [...records].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const pack = packs.get(record.jurisdiction) ?? {
      jurisdiction: record.jurisdiction,
      exportUnprocessed: [],
      exportRadioactive: [],
      declarationTolerance: DEFAULT_DECLARATION_TOLERANCE,
    };
    packs.set(record.jurisdiction, {
      jurisdiction: record.jurisdiction,
      exportUnprocessed: withVersions(pack.exportUnprocessed, record.exportUnprocessed),
      exportRadioactive: withVersions(pack.exportRadioactive, record.exportRadioactive),
      declarationTolerance: record.declarationTolerance ?? pack.declarationTolerance,
    });
  }
  return [...packs.values()];
}

/** The version of a dated rule in force on a date, if any. */
export function inForce<T extends Dated>(versions: T[], date: string): T | undefined {
  return versions
    .filter((v) => v.effectiveFrom <= date.slice(0, 10))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

export function packFor(packs: RulePack[], country: string): RulePack | undefined {
  return packs.find((p) => p.jurisdiction === country);
}
