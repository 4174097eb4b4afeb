// What the compliance rules look at, as plain data: extractions, exports and master data; and helpers
// every licence rule shares (which licence an extraction falls under, how it is measured).
import type { Assay } from "../assay.ts";
import type { Finding } from "../finding.ts";
import { appendTo } from "../grouping.ts";
import type { LotMovement } from "../inventory.ts";
import type { TransformationFlows } from "../mass-balance.ts";
import type { CustomsLine, Declaration, Licence, LicensedUnit, MasterData } from "../masterdata.ts";
import type { MaterialClass } from "../material-class.ts";
import type { SourceShares } from "../provenance.ts";
import type { RulePack } from "../rule-packs.ts";

/** Material taken out of the ground: lots created without inputs at a mine, or of class ore. */
export interface Extraction {
  event: string;
  /** ISO date-time in the event's own time zone: its first ten characters are the local date. */
  time: string;
  site: string;
  lots: string[];
  massT: number;
  treoT: number;
  licence?: string;
  mineral?: string;
  point?: { lat: number; lon: number };
}

/** A lot leaving its origin country: from a customs export declaration or a cross-border shipment. */
export interface ExportRecord {
  id: string;
  lot: string;
  date: string;
  exporter?: string;
  originCountry: string;
  destinationCountry: string;
  quantityT: number;
  declaration?: Declaration;
  /** The customs declaration's line for this lot. */
  line?: CustomsLine;
  materialClass?: MaterialClass;
  assay?: Assay;
  /** Whether any transformation lies upstream of the lot (a processing step in its custody chain). */
  processedUpstream: boolean;
  events: string[];
}

/** Tonnes shipped from a site, by event, for reconciling declared sales. */
export interface Shipment {
  event: string;
  time: string;
  site: string;
  massT: number;
}

/** What the environmental rules look at beyond the rest: plants' flows, stock movements, lots and a date. */
export interface EnvironmentInputs {
  /** The date (YYYY-MM-DD) elapsed-time rules are judged on. */
  asOf: string;
  transformations: TransformationFlows[];
  movements: LotMovement[];
  lots: {
    id: string;
    materialClass?: MaterialClass;
    site?: string;
    createdTime?: string;
    createdEvent?: string;
    assay?: Assay;
  }[];
  /** The lowest activity (Bq/g) a customer contract allows for a lot it received, per radionuclide. */
  contractActivityLimits: Record<string, { Th?: number; U?: number; contract: string }>;
}

export interface RuleContext {
  masterData: MasterData;
  /** For the environmental rules; absent, they find nothing. */
  environment?: EnvironmentInputs;
  /** Every lot with the site where it was made (for rules about parties upstream of lots). */
  lots?: { id: string; site?: string }[];
  extractions: Extraction[];
  exports: ExportRecord[];
  shipments: Shipment[];
  packs: RulePack[];
  /** Lots of recycled feed created in the ledger (secondary origins), for RECYCLER_UNPERMITTED. */
  recycledOrigins?: RecycledOrigin[];
  /** Lots whose maker claims a recycled content, with the shares their trace gives, for RECYCLED_CLAIM. */
  recycledClaims?: RecycledClaim[];
}

export interface RecycledOrigin {
  lot: string;
  event: string;
  /** The event's time as written: its local date is the day the permit must be in force. */
  time: string;
  site: string;
  materialClass: string;
  source: "pre_consumer" | "post_consumer";
  massKg: number;
}

export interface RecycledClaim {
  lot: string;
  /** The event that created the lot with the claim. */
  event: string;
  time: string;
  /** The claimed recycled content, a mass fraction of the lot's rare earths (0–1). */
  claimed: number;
  /** The trace's shares of the lot's rare earths (TREO) by source. */
  computed: SourceShares;
}

export type Rule = (context: RuleContext) => Finding[];

/** Licences by id and by site, made once per list: every extraction of a large ledger looks its licence up. */
const licenceIndexes = new WeakMap<
  Licence[],
  { byId: Map<string, Licence>; bySite: Map<string, Licence[]> }
>();
function licenceIndex(licences: Licence[]) {
  let index = licenceIndexes.get(licences);
  if (!index) {
    const byId = new Map<string, Licence>();
    const bySite = new Map<string, Licence[]>();
    for (const l of licences) {
      if (!byId.has(l.id)) byId.set(l.id, l);
      appendTo(bySite, l.site, l);
    }
    index = { byId, bySite };
    licenceIndexes.set(licences, index);
  }
  return index;
}

/** The licence an extraction falls under: the one it names, else the site's exploitation licence, else any. */
export function licenceOf(extraction: Extraction, licences: Licence[]): Licence | undefined {
  const { byId, bySite } = licenceIndex(licences);
  if (extraction.licence) {
    const named = byId.get(extraction.licence);
    if (named) return named;
  }
  const atSite = bySite.get(extraction.site) ?? [];
  return atSite.find((l) => l.kind === "exploitation") ?? atSite[0];
}

/** Extractions grouped by licence, once per list of extractions: five rules ask for the same grouping. */
const groupings = new WeakMap<Extraction[], { licences: Licence[]; byLicence: Map<Licence, Extraction[]> }>();
export function extractionsByLicence(context: RuleContext): Map<Licence, Extraction[]> {
  const { extractions, masterData } = context;
  const known = groupings.get(extractions);
  if (known && known.licences === masterData.licences) return known.byLicence;
  const out = new Map<Licence, Extraction[]>();
  for (const e of extractions) {
    const licence = licenceOf(e, masterData.licences);
    if (licence) appendTo(out, licence, e);
  }
  groupings.set(extractions, { licences: masterData.licences, byLicence: out });
  return out;
}

/** An extraction measured in the licence's unit: tonnes of ore or heavy minerals, or tonnes of TREO. */
export function measuredT(e: Extraction, unit: LicensedUnit): number {
  return unit === "t_TREO" ? e.treoT : e.massT;
}

export const UNIT_LABEL: Record<LicensedUnit, string> = {
  t_ore: "t ore",
  t_heavy_minerals: "t heavy minerals",
  t_TREO: "t TREO",
};

export function tonnes(x: number): string {
  return Number(x.toFixed(6)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

export function baseFinding(
  f: Pick<Finding, "id" | "code" | "severity" | "subject" | "message" | "rule"> & Partial<Finding>,
): Finding {
  return { status: "open", evidence: { events: [], documents: [] }, taints: [], ...f };
}

/** The first and last local day of some extractions: the period of a finding about them. */
export function extractionDays(list: Extraction[]): { from: string; to: string } {
  const days = list.map((e) => e.time.slice(0, 10)).sort();
  return { from: days[0] ?? "", to: days[days.length - 1] ?? "" };
}
