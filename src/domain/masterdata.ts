// Master data of the chain (organisations, sites, licences, permits, declarations) and the checks that keep
// bad records out: a validity that ends before it starts, an open polygon, a capacity without unit.
import { contractTermsProblems, type OfftakeContract } from "./contract-terms.ts";
import type { LegalEvent, PressCandidate } from "./legal-event.ts";
import { type DeclaredProcess, declaredProcessProblems } from "./mass-balance.ts";
import type { Organisation, SanctionsEntry } from "./parties.ts";
import { type GeoJsonPolygon, polygonProblem } from "./polygon.ts";
import type { RulePackRecord } from "./rule-packs.ts";

export type { LegalEvent, PressCandidate, PressReport } from "./legal-event.ts";
export { legalEventDateLabel, legalEventPeriod } from "./legal-event.ts";

export type SiteKind =
  | "mine"
  | "beneficiation"
  | "hydrometallurgy"
  | "separation"
  | "metal"
  | "alloy"
  | "magnet"
  | "port"
  | "warehouse"
  | "trader"
  /** A licensed storage or disposal site for residues (tailings, leach residue, precipitates). */
  | "storage"
  /** A collection or dismantling site where scrap, end-of-life magnets or e-waste enter the chain. */
  | "collection"
  /** A plant that turns magnet scrap back into alloy powder or oxides (hydrogen decrepitation, leaching). */
  | "recycler";

export interface Site {
  id: string;
  name: string;
  kind: SiteKind;
  operator?: string;
  country: string;
  coordinates?: { lat: number; lon: number };
  admin?: { asIssued?: string; current?: string };
  /** The steps the site runs as it declares them: recovery range and mass-balance tolerance per step. */
  processes?: DeclaredProcess[];
  demo?: boolean;
}

/** Licensed quantities are tonnes of ore, of heavy minerals (placers) or of contained TREO. */
export type LicensedUnit = "t_ore" | "t_heavy_minerals" | "t_TREO";
export const LICENSED_UNITS: LicensedUnit[] = ["t_ore", "t_heavy_minerals", "t_TREO"];

export interface LicensedQuantity {
  quantity: number;
  unit: LicensedUnit;
  grade?: number;
  source?: string;
}

export type LicenceStatus = "active" | "suspended" | "revoked";

export interface Licence {
  id: string;
  kind: "exploration" | "exploitation";
  holder: string;
  site: string;
  authority: string;
  minerals: string[];
  reserve?: LicensedQuantity;
  annualCapacity?: LicensedQuantity;
  /** The date the authority issued the licence; validity may start later (validFrom). */
  issuedOn?: string;
  validFrom: string;
  validTo: string;
  area?: GeoJsonPolygon;
  /** Status changes; active from validFrom unless one says otherwise; one with `to` lapses after that day. */
  statusHistory: LicenceStatusChange[];
  conditions: string[];
  demo?: boolean;
}

export interface LicenceStatusChange {
  status: LicenceStatus;
  from: string;
  to?: string;
  note?: string;
}

export interface Permit {
  id: string;
  /**
   * radioactive_export: the export permit for material with ≥ 0.05 wt% U or Th; environmental: a plant's
   * environmental permit (throughput, residue output, how long residue may stay); radioactive_storage: a
   * storage or disposal site licensed for radioactive residue, with its capacity; recycling: a collection
   * site or recycler registered to take in scrap (recycled origins need one in force, RECYCLER_UNPERMITTED).
   */
  kind: "radioactive_export" | "environmental" | "radioactive_storage" | "recycling";
  holder: string;
  validFrom: string;
  validTo: string;
  /** The site the permit covers (environmental, radioactive_storage). */
  site?: string;
  /** What a storage permit admits, e.g. ["thorium", "uranium"]. */
  materials?: string[];
  /** Tonnes of residue the site may hold (radioactive_storage). */
  capacityT?: number;
  /** Tonnes of feed the plant may process in a calendar year (environmental). */
  annualThroughputT?: number;
  /** Tonnes of residue the plant may produce in a calendar year (environmental). */
  annualResidueT?: number;
  /** Tonnes of scrap the site may take in a calendar year (recycling). */
  annualIntakeT?: number;
  /** Days a residue lot may stay at the plant before it reaches a licensed storage site (environmental). */
  residueHoldingDays?: number;
  /** The lots a radioactive_export permit covers if it names them; else every export of its holder. */
  lots?: string[];
  citation?: string;
  demo?: boolean;
}

export type DeclarationKind = "production" | "sales" | "royalty" | "customs_export";

export interface Declaration {
  id: string;
  kind: DeclarationKind;
  declarant: string;
  licence?: string;
  period: { from: string; to: string };
  /** Declared tonnes (production, sales, exports). */
  quantityT?: number;
  /** Royalty amounts, in one currency. */
  royalty?: { due: number; paid: number; currency: string };
  /** Customs export declarations. */
  customs?: CustomsDeclaration;
}

/**
 * A declared grade. `min`: the declaration states a minimum ("TREO ≥ 92%"), met when the assay is at or above
 * it. `percent` with `decimals`: the declaration states a value as written on it ("TREO 99%"), met when the
 * assay rounded half up to that many decimals of a percent gives the same figure (98.9999% is 99%; 60% is not
 * 90%); decimals defaults to 0, because a number in JSON does not keep the trailing zeros it was written with.
 */
export type DeclaredGrade =
  | { analyte: string; min: number }
  | { analyte: string; percent: number; decimals?: number };

/** One line of a customs declaration: one lot, with what the line declares about it. */
export interface CustomsLine {
  lot: string;
  quantityT: number;
  hsCode: string;
  declaredProduct: string;
  declaredMaterialClass?: string;
  declaredGrade?: DeclaredGrade;
}

export interface CustomsDeclaration {
  /** The declared lot, for a declaration of one lot; a declaration of several gives `lines` instead. */
  lot?: string;
  lines?: Partial<CustomsLine>[];
  /** The commercial invoice (a URN) the declaration refers to: the shipping events' bizTransaction. */
  invoice?: string;
  hsCode: string;
  declaredProduct: string;
  declaredMaterialClass?: string;
  declaredGrade?: DeclaredGrade;
  originCountry: string;
  destinationCountry: string;
  date: string;
}

/**
 * The lines of a customs declaration, each complete: a line states its lot and tonnes and may override the
 * declaration's HS code, product, material class and grade; a declaration of one lot is its one line.
 */
export function customsLines(declaration: Declaration): CustomsLine[] {
  const customs = declaration.customs;
  if (!customs) return [];
  const shared = {
    hsCode: customs.hsCode,
    declaredProduct: customs.declaredProduct,
    ...(customs.declaredMaterialClass ? { declaredMaterialClass: customs.declaredMaterialClass } : {}),
    ...(customs.declaredGrade ? { declaredGrade: customs.declaredGrade } : {}),
  };
  if (!customs.lines) {
    return customs.lot ? [{ lot: customs.lot, quantityT: declaration.quantityT ?? 0, ...shared }] : [];
  }
  return customs.lines.map((line) => ({ ...shared, ...line }) as CustomsLine);
}

/** A legal or risk event about a party: an investigation, prosecution, conviction, sanction, suspension... */
export interface MasterData {
  organisations: Organisation[];
  sites: Site[];
  licences: Licence[];
  permits: Permit[];
  declarations: Declaration[];
  legalEvents: LegalEvent[];
  contracts: OfftakeContract[];
  /** Entries of imported sanctions and restricted-party lists. */
  sanctions: SanctionsEntry[];
  /** Jurisdiction thresholds added to the built-in rule packs. */
  rulePacks: RulePackRecord[];
  /** Organisations read in the press and not yet known: the review queue (docs/news.md). */
  pressCandidates: PressCandidate[];
}

/** Master data with nothing in it: every collection present and empty. */
export function emptyMasterData(): MasterData {
  return {
    organisations: [],
    sites: [],
    licences: [],
    permits: [],
    declarations: [],
    legalEvents: [],
    contracts: [],
    sanctions: [],
    rulePacks: [],
    pressCandidates: [],
  };
}

export interface MasterDataProblem {
  path: string;
  message: string;
}

/** Cross-record checks; field shapes are checked by the JSON Schema before this runs. */
export function validateMasterData(
  data: MasterData,
  knownLicences: Set<string> = new Set(),
  knownOrganisations: Set<string> = new Set(),
  knownSites: Set<string> = new Set(),
): MasterDataProblem[] {
  const problems: MasterDataProblem[] = [];
  const licences = new Set([...knownLicences, ...data.licences.map((l) => l.id)]);
  data.licences.forEach((l, i) => {
    const at = `licences[${i}]`;
    if (l.validTo < l.validFrom) {
      problems.push({
        path: `${at}.validTo`,
        message: `licence ${l.id} ends (${l.validTo}) before it starts (${l.validFrom})`,
      });
    }
    if (l.issuedOn !== undefined && l.issuedOn > l.validTo) {
      problems.push({
        path: `${at}.issuedOn`,
        message: `licence ${l.id} is issued (${l.issuedOn}) after its validity ends (${l.validTo})`,
      });
    }
    l.statusHistory.forEach((change, j) => {
      if (change.to !== undefined && change.to < change.from.slice(0, 10)) {
        problems.push({
          path: `${at}.statusHistory[${j}].to`,
          message: `licence ${l.id}: the ${change.status} status ends (${change.to}) before it starts (${change.from})`,
        });
      }
    });
    if (l.area) {
      const problem = polygonProblem(l.area);
      if (problem) problems.push({ path: `${at}.area`, message: `licence ${l.id}: ${problem}` });
    }
  });
  data.sites.forEach((site, i) => {
    problems.push(...declaredProcessProblems(site.processes ?? [], `sites[${i}].processes`, site.id));
  });
  const siteIds = new Set(data.sites.map((s) => s.id));
  data.permits.forEach((p, i) => {
    if (p.validTo < p.validFrom) {
      problems.push({ path: `permits[${i}].validTo`, message: `permit ${p.id} ends before it starts` });
    }
    if (p.kind !== "radioactive_export" && p.site === undefined) {
      problems.push({ path: `permits[${i}].site`, message: `a ${p.kind} permit names the site it covers` });
    } else if (p.site !== undefined && !siteIds.has(p.site) && !knownSites.has(p.site)) {
      problems.push({
        path: `permits[${i}].site`,
        message: `permit ${p.id} names the unknown site ${p.site}`,
      });
    }
    if (p.kind === "radioactive_storage" && p.capacityT === undefined) {
      problems.push({
        path: `permits[${i}].capacityT`,
        message: "a radioactive_storage permit states its capacity",
      });
    }
  });
  const parties = new Set([...knownOrganisations, ...data.organisations.map((o) => o.id)]);
  data.legalEvents.forEach((e, i) => {
    if (!parties.has(e.party)) {
      problems.push({
        path: `legalEvents[${i}].party`,
        message: `legal event ${e.id} names the unknown organisation ${e.party}`,
      });
    }
  });
  data.contracts.forEach((c, i) => {
    const at = `contracts[${i}]`;
    for (const role of ["buyer", "seller"] as const) {
      if (!parties.has(c[role])) {
        problems.push({
          path: `${at}.${role}`,
          message: `contract ${c.id} names the unknown organisation ${c[role]}`,
        });
      }
    }
    if (c.term.to < c.term.from) {
      problems.push({
        path: `${at}.term.to`,
        message: `contract ${c.id} ends (${c.term.to}) before it starts (${c.term.from})`,
      });
    } else problems.push(...contractTermsProblems(c, at));
    const products = new Set(c.products.map((p) => p.id));
    c.sources.forEach((s, j) => {
      if (!licences.has(s.licence)) {
        problems.push({
          path: `${at}.sources[${j}].licence`,
          message: `contract ${c.id} names the unknown licence ${s.licence}`,
        });
      }
      if (!products.has(s.product)) {
        problems.push({
          path: `${at}.sources[${j}].product`,
          message: `contract ${c.id} has no product ${s.product}`,
        });
      }
    });
  });
  data.declarations.forEach((d, i) => {
    if (d.licence !== undefined && !licences.has(d.licence)) {
      problems.push({
        path: `declarations[${i}].licence`,
        message: `declaration ${d.id} names the unknown licence ${d.licence}`,
      });
    }
    const lines = d.customs?.lines;
    if (d.customs && (d.customs.lot === undefined) === (lines === undefined)) {
      problems.push({
        path: `declarations[${i}].customs`,
        message: `customs declaration ${d.id} names its lot either as lot (one lot) or in lines (several), ${lines ? "not both" : "and names none"}`,
      });
    }
    if (lines && d.quantityT !== undefined) {
      const sum = lines.reduce((t, line) => t + (line.quantityT ?? 0), 0);
      // Lines are declared to the kilogram at most: a difference under a gram is the arithmetic of decimals.
      if (Math.abs(sum - d.quantityT) > 1e-6) {
        problems.push({
          path: `declarations[${i}].quantityT`,
          message: `declaration ${d.id} declares ${d.quantityT} t in all but its lines add up to ${sum} t`,
        });
      }
    }
    if (d.period.to < d.period.from) {
      problems.push({
        path: `declarations[${i}].period`,
        message: `declaration ${d.id}: period ends before it starts`,
      });
    }
  });
  return problems;
}

/**
 * The licence's status at an instant: that of the latest change in force then, else active. A change is in
 * force from its `from` through its `to`, a date read as the whole day (or an instant, read as given).
 */
export function licenceStatusAt(licence: Licence, instant: string): LicenceStatus {
  let status: LicenceStatus = "active";
  for (const change of [...licence.statusHistory].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    if (change.from > instant) continue;
    const ended =
      change.to !== undefined && (change.to.length === 10 ? instant.slice(0, 10) : instant) > change.to;
    if (!ended) status = change.status;
  }
  return status;
}
