// The terms of an offtake contract (products, specifications, sources, periods, tolerance and grace days), the
// deliveries and performance read against them, and the calendar of delivery periods (shared/domain.md §6.2).

import type { Assay } from "./assay.ts";
import type { Finding } from "./finding.ts";

export type DeliveryPeriodKind = "month" | "quarter" | "year";
export type CustodyModelName =
  | "identity_preserved"
  | "segregated"
  | "controlled_blending"
  | "mass_balance"
  | "book_and_claim";

/** The quality a delivered lot must meet, on the lot's oxide assay. */
export interface ProductSpecification {
  /** Least share of the product's oxides in the lot's TREO (e.g. 0.99 for "NdPr oxide 99%"). */
  minPurity?: number;
  /** Share of one oxide among the product's oxides, e.g. Nd2O3 at 0.75 ± 0.02 of Nd2O3 + Pr6O11. */
  ratio?: { oxide: string; target: number; tolerance: number };
  /** Highest activity per radionuclide, Bq per gram of product (IAEA BSS practice: 1 Bq/g). */
  maxThBqPerG?: number;
  maxUBqPerG?: number;
}

export interface ContractProduct {
  id: string;
  name: string;
  /** The lot's material class must be this one, when given. */
  materialClass?: string;
  /** The product's payable oxides: a lot is this product when they make up most of its mass. */
  oxides: string[];
  /** Committed tonnes per calendar year of the term (a ramp is simply different numbers per year). */
  annualT: Record<string, number>;
  spec?: ProductSpecification;
}

/** A licence the seller names as a source of a product, with the recoveries it states for each step. */
export interface ContractSource {
  licence: string;
  product: string;
  /** Each step with its stated recovery and, when known, the plant (site) that runs it. */
  recoveries: { step: string; recovery: number; plant?: string }[];
  /** Share of the product's oxides in the ore's TREO; when absent, taken from the assays of the mine's lots. */
  oxideShareOfTreo?: number;
}

export interface OfftakeContract {
  id: string;
  buyer: string;
  seller: string;
  signed?: string;
  term: { from: string; to: string };
  status: "open" | "closed";
  /** A period's delivery may arrive up to graceDays after the period ends (shipment after quarter close). */
  schedule: { period: DeliveryPeriodKind; graceDays: number };
  /** Quantity tolerance ("10% more or less"): a period or year is short below committed × (1 − tolerance). */
  volumeTolerance: number;
  /** The buyer's take-or-pay share, recorded as a term; it does not change what counts as delivered. */
  takeOrPay?: number;
  incoterm?: string;
  priceBasis?: string;
  products: ContractProduct[];
  chainOfCustody: CustodyModelName;
  documentsRequired: string[];
  sources: ContractSource[];
  demo?: boolean;
}

/** A receipt by the buyer of a lot from the seller. */
export interface Delivery {
  lot: string;
  event: string;
  /** Local calendar date of receipt, YYYY-MM-DD. */
  date: string;
  massKg: number;
  materialClass?: string;
  assay?: Assay;
}

export interface SpecCheck {
  check: "purity" | "ratio" | "thorium" | "uranium";
  measured: number | null;
  limit: string;
  outcome: "pass" | "fail" | "unmeasured";
}

export interface DeliveredLot extends Delivery {
  product: string;
  period: string;
  checks: SpecCheck[];
  onSpec: boolean;
}

export interface PeriodPerformance {
  period: string;
  from: string;
  to: string;
  committedT: number;
  /** Tonnes delivered on specification: what counts toward the commitment. */
  deliveredT: number;
  /** Tonnes delivered off specification (each lot a SPEC_MISMATCH), not counted toward the commitment. */
  offSpecificationT: number;
  /** closed: the delivery window has passed; open: it has not. */
  state: "closed" | "open";
  short: boolean;
}

export interface YearPerformance {
  year: string;
  committedT: number;
  deliveredT: number;
  /** Delivered plus the rest of the year at the rate of the closed periods; null before any period closes. */
  projectedT: number | null;
  shortfallT: number | null;
  periods: PeriodPerformance[];
}

export interface ProductPerformance {
  product: string;
  name: string;
  years: YearPerformance[];
}

export interface ContractPerformance {
  contract: string;
  asOf: string;
  products: ProductPerformance[];
  deliveries: DeliveredLot[];
  /** Receipts from the seller that match no product of the contract: listed, never counted. */
  unmatched: Delivery[];
  findings: Finding[];
}

const DAY_MS = 86_400_000;
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The periods of one calendar year, each with its first and last day. */
export function periodsOfYear(
  year: number,
  kind: DeliveryPeriodKind,
): { label: string; from: string; to: string }[] {
  if (kind === "year") return [{ label: `${year}`, from: `${year}-01-01`, to: `${year}-12-31` }];
  const months = kind === "month" ? 1 : 3;
  const out: { label: string; from: string; to: string }[] = [];
  for (let first = 1; first <= 12; first += months) {
    const last = first + months - 1;
    out.push({
      label: kind === "month" ? `${year}-${pad(first)}` : `${year}-Q${(first + 2) / 3}`,
      from: `${year}-${pad(first)}-01`,
      to: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}`,
    });
  }
  return out;
}

/** The period a delivery counts against: the one holding its receipt date less the grace days. */
export function deliveryPeriod(contract: OfftakeContract, date: string): string {
  const shifted = addDays(date, -contract.schedule.graceDays);
  const period = periodsOfYear(Number(shifted.slice(0, 4)), contract.schedule.period).find(
    (p) => p.from <= shifted && shifted <= p.to,
  );
  return (period as { label: string }).label;
}
