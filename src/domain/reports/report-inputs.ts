// What the due-diligence reports are computed from: the company's receipts of one year, their origins and
// processing sites, the findings and legal events on its chain, its contracts, and the what-ifs of losing a
// supplier, all read from the ledger by the reports service. A figure carries the queries and findings behind it.
import type { ContentKey } from "../assay.ts";
import type { SupplyConcentration } from "../concentration.ts";
import type { FindingStatus, Severity } from "../finding.ts";
import type { LegalEvent, SiteKind } from "../masterdata.ts";

/** The magnet rare earths a report covers unless told otherwise: the elements of NdFeB magnets. */
export const REPORT_ELEMENTS: ContentKey[] = ["Pr", "Nd", "Tb", "Dy"];

/** Where a figure comes from: API queries whose answers hold it, and the ids of the findings it rests on. */
export interface Basis {
  queries: string[];
  findings: string[];
}

/** One number of a report, with its unit and its basis. */
export interface Figure {
  value: number;
  unit: string;
  basis: Basis;
}

export function figure(value: number, unit: string, basis: Partial<Basis> = {}): Figure {
  return {
    value,
    unit,
    basis: {
      queries: [...new Set(basis.queries ?? [])],
      findings: [...new Set(basis.findings ?? [])].sort(),
    },
  };
}

/** The company's supply of one element in the year, as GET /risk/concentration answers it for the period. */
export interface ElementSupply
  extends Pick<
    SupplyConcentration,
    "totalKg" | "byCountry" | "byMine" | "bySource" | "bySupplier" | "hhiCountry" | "hhiSupplier"
  > {
  element: ContentKey;
  /** The query whose answer these figures are. */
  query: string;
  /** CONCENTRATION findings of the period: one per country (or supplier) above its limit. */
  findings: { id: string; message: string }[];
  /** Receipts with no recorded composition: not counted. */
  unassayedLots: string[];
}

export interface ReportReceipt {
  lot: string;
  event: string;
  /** The receiving site's local date. */
  date: string;
  site: string;
  massKg: number;
  /** The element content of the lot received, kg. */
  elementsKg: Partial<Record<ContentKey, number>>;
  productName: string | null;
  materialClass: string | null;
  /** The operator of the site that made the lot. */
  supplier: string | null;
  /** Whether the trace reaches a mine for the lot's content. */
  tracedToMine: boolean;
}

/** A site upstream of the company's receipts, with what master data says of it. */
export interface ChainSite {
  id: string;
  name: string;
  kind: SiteKind | "unknown";
  country: string | null;
  operator: string | null;
  /** The receipts whose upstream trace passes through the site. */
  lots: string[];
  permits: { id: string; kind: string; validFrom: string; validTo: string }[];
  licences: { id: string; status: string; validFrom: string; validTo: string }[];
}

export interface ReportFinding {
  id: string;
  code: string;
  severity: Severity;
  status: FindingStatus;
  statusNote: string | null;
  subject: { kind: string; id: string };
  period: { from: string; to: string } | null;
  message: string;
  firstSeen: string;
  /** Status changes with their notes (acknowledged, resolved, reopened), oldest first. */
  statusChanges: { at: string; status: string; note: string | null }[];
}

export interface ReportContract {
  contract: string;
  seller: string;
  /** The query whose answer these figures are. */
  query: string;
  chainOfCustody: string;
  products: {
    product: string;
    name: string;
    committedT: number;
    deliveredT: number;
    offSpecificationT: number;
    shortfallT: number | null;
  }[];
  findings: string[];
  atRisk: boolean;
  riskReasons: { kind: string; id: string; message: string }[];
}

/** What the company's contracts lose over the next 12 months if one party stopped supplying. */
export interface ReportWhatIf {
  party: string;
  query: string;
  /** Why the party was asked about: the seller of a contract, or a party with an open legal event. */
  reason: "contract_seller" | "legal_event";
  shortfalls: {
    contract: string;
    product: string;
    name: string;
    shortfallT: number;
    next12MonthsT: number;
  }[];
}

export interface ReportInputs {
  company: { id: string; name: string; country: string | null };
  year: number;
  period: { from: string; to: string };
  /** The day the report's open findings, legal events and what-ifs are as of. */
  asOf: string;
  supply: ElementSupply[];
  receipts: ReportReceipt[];
  chainSites: ChainSite[];
  findings: ReportFinding[];
  legalEvents: (Pick<LegalEvent, "id" | "party" | "kind" | "date" | "dateBasis" | "status" | "source"> & {
    partyName: string;
    statusNote?: string;
  })[];
  contracts: ReportContract[];
  whatIf: ReportWhatIf[];
  /** The rule packs in force (master data), for the management-system part. */
  rulePacks: string[];
  /** Passports issued for the company's lots received in the year (signed, verifiable offline). */
  passports: { lot: string; credentialId: string; revoked: boolean }[];
  /** Display names of organisations and sites by id. */
  names: Record<string, string>;
  /** Countries of organisations and sites by id, where master data records one. */
  countries: Record<string, string>;
}

/** The query answering a concentration figure: the same period and element as the report. */
export function concentrationQuery(company: string, element: string, period: { from: string; to: string }) {
  const q = new URLSearchParams({ buyer: company, element, from: period.from, to: period.to });
  return `/risk/concentration?${q}`;
}

/** The stages of processing a report names, by the kind of site (shared/domain.md: the chain). */
export const PROCESSING_KINDS: ReadonlySet<string> = new Set([
  "beneficiation",
  "hydrometallurgy",
  "separation",
  "metal",
  "alloy",
  "magnet",
]);
/** Smelters and refiners in the RMI templates' sense: the sites that chemically change the rare earths. */
export const REFINER_KINDS: ReadonlySet<string> = new Set(["hydrometallurgy", "separation", "metal"]);

/** A site of the chain as a report lists it: what it is, where, and who runs it (by name). */
export interface SiteSummary {
  site: string;
  name: string;
  kind: string;
  country: string | null;
  operator: string | null;
  operatorName: string | null;
}

export function siteSummary(site: ChainSite, names: Record<string, string>): SiteSummary {
  return {
    site: site.id,
    name: site.name,
    kind: site.kind,
    country: site.country,
    operator: site.operator,
    operatorName: site.operator ? (names[site.operator] ?? site.operator) : null,
  };
}
