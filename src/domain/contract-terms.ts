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
  annualT?: Record<string, number>;
  /**
   * Committed tonnes per delivery period, by its label ("2026-Q3", "2026-07", "2026"), where the schedule is
   * not an even split of the year: a year with any period named here commits exactly its named periods (an
   * unnamed period of that year commits nothing) and, without annualT for it, their sum.
   */
  periodT?: Record<string, number>;
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
  /**
   * A period's delivery may arrive up to graceDays after the period ends (shipment after quarter close). A
   * delivery counts by its receipt date, or by the date the seller shipped it when countBy is "shipment".
   */
  schedule: { period: DeliveryPeriodKind; graceDays: number; countBy?: "receipt" | "shipment" };
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
  /** Local calendar date the seller shipped the lot, when the ledger holds the shipment. */
  shippedOn?: string;
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

/**
 * The date a delivery counts by: its receipt, or its shipment when the contract counts by shipment (a
 * delivery whose shipment is not on the ledger then counts by its receipt: the one date there is).
 */
export function countingDate(contract: OfftakeContract, delivery: Delivery): string {
  return contract.schedule.countBy === "shipment" ? (delivery.shippedOn ?? delivery.date) : delivery.date;
}

/** The period a delivery counts against: the one holding its counting date less the grace days. */
export function deliveryPeriod(contract: OfftakeContract, date: string): string {
  const shifted = addDays(date, -contract.schedule.graceDays);
  const period = periodsOfYear(Number(shifted.slice(0, 4)), contract.schedule.period).find(
    (p) => p.from <= shifted && shifted <= p.to,
  );
  return (period as { label: string }).label;
}

/** A delivery period of the term with the tonnes committed in it. */
export interface CommittedPeriod {
  label: string;
  from: string;
  to: string;
  committedT: number;
}

/**
 * A year's commitment of a product and its periods within the term: the periods the product names in
 * periodT, else the year's annualT split evenly over its periods.
 */
export function committedPeriods(
  contract: OfftakeContract,
  product: ContractProduct,
  year: number,
): { annualT: number; periods: CommittedPeriod[] } {
  const inTerm = periodsOfYear(year, contract.schedule.period).filter(
    (p) => p.to >= contract.term.from && p.from <= contract.term.to,
  );
  const named = product.periodT ?? {};
  const scheduled = inTerm.some((p) => named[p.label] !== undefined);
  const annual = product.annualT?.[String(year)];
  const periods = inTerm.map((p) => ({
    ...p,
    committedT: scheduled ? (named[p.label] ?? 0) : (annual ?? 0) / inTerm.length,
  }));
  return { annualT: annual ?? periods.reduce((sum, p) => sum + p.committedT, 0), periods };
}

/** Committed tonnes per calendar year: annualT, and for a year only scheduled by period, its periods' sum. */
export function annualCommitments(product: ContractProduct): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [label, tonnes] of Object.entries(product.periodT ?? {})) {
    const year = label.slice(0, 4);
    out[year] = (out[year] ?? 0) + tonnes;
  }
  return { ...out, ...product.annualT };
}

const PERIOD_LABEL: Record<DeliveryPeriodKind, RegExp> = {
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarter: /^\d{4}-Q[1-4]$/,
  year: /^\d{4}$/,
};

/** Problems of a contract's terms: a product without a commitment, a period label the schedule cannot hold. */
export function contractTermsProblems(
  contract: OfftakeContract,
  at: string,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  contract.products.forEach((product, i) => {
    const where = `${at}.products[${i}]`;
    if (product.annualT === undefined && product.periodT === undefined) {
      problems.push({
        path: where,
        message: `contract ${contract.id}, ${product.name}: commits nothing; give annualT (tonnes a year) or periodT (tonnes a period)`,
      });
    }
    const kind = contract.schedule.period;
    for (const label of Object.keys(product.periodT ?? {})) {
      if (!PERIOD_LABEL[kind].test(label)) {
        problems.push({
          path: `${where}.periodT.${label}`,
          message: `contract ${contract.id} schedules by ${kind}: "${label}" is not a ${kind} (e.g. ${kind === "month" ? "2026-07" : kind === "quarter" ? "2026-Q3" : "2026"})`,
        });
        continue;
      }
      const year = Number(label.slice(0, 4));
      const period = committedPeriods(contract, product, year).periods.find((p) => p.label === label);
      if (!period) {
        problems.push({
          path: `${where}.periodT.${label}`,
          message: `contract ${contract.id}: ${label} lies outside the term ${contract.term.from} to ${contract.term.to}`,
        });
      }
    }
    for (const [year, annual] of Object.entries(product.annualT ?? {})) {
      const { periods } = committedPeriods(contract, { ...product, annualT: {} }, Number(year));
      const named = periods.filter((p) => product.periodT?.[p.label] !== undefined);
      const sum = named.reduce((s, p) => s + p.committedT, 0);
      // Tonnes are stated to the kilogram at most: a difference under a gram is the arithmetic of decimals.
      if (named.length > 0 && Math.abs(sum - annual) > 1e-6) {
        problems.push({
          path: `${where}.annualT.${year}`,
          message: `contract ${contract.id}, ${product.name}: ${year} commits ${annual} t a year but its periods add up to ${sum} t`,
        });
      }
    }
  });
  return problems;
}
