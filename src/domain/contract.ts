// Offtake contracts: what a seller committed to deliver per period, what was delivered, whether each lot met
// the specification, and whether the seller's upstream licences can produce the contracted oxide at all
// (shared/domain.md §6.2, §8.3, §8.4). Pure: deliveries and the as-of date come in as data.

import type { Assay } from "./assay.ts";
import { metalPerOxide, OXIDES, type Oxide } from "./chemistry.ts";
import type { Finding } from "./finding.ts";
import { SPECIFIC_ACTIVITY_BQ_PER_G } from "./radioactivity.ts";

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
  deliveredT: number;
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

function oxideFractions(assay: Assay | undefined): Record<string, number> | undefined {
  if (assay?.basis !== "oxide") return undefined;
  return assay.massFractions;
}

/** The contract product a lot is: its class matches and the product's oxides are most of its mass. */
export function productOf(contract: OfftakeContract, delivery: Delivery): ContractProduct | undefined {
  const fractions = oxideFractions(delivery.assay);
  return contract.products.find((p) => {
    if (p.materialClass && delivery.materialClass !== p.materialClass) return false;
    if (!fractions) return p.materialClass !== undefined;
    return p.oxides.reduce((s, o) => s + (fractions[o] ?? 0), 0) > 0.5;
  });
}

/** TREO share of an oxide assay: as stated, else the sum of the rare-earth oxides (Th and U are not REO). */
export function treoFraction(fractions: Record<string, number>): number {
  return (
    fractions.TREO ??
    Object.entries(fractions)
      .filter(([k]) => k in OXIDES && k !== "ThO2" && k !== "U3O8")
      .reduce((s, [, v]) => s + v, 0)
  );
}

/** Specific activity of Th-232 and of natural U-238, Bq per gram of the element (shared/domain.md §3.2). */
export const BQ_PER_G = SPECIFIC_ACTIVITY_BQ_PER_G;

/** The lot's assay against each limit of the specification; an analyte the assay omits is unmeasured. */
export function specificationChecks(product: ContractProduct, assay: Assay | undefined): SpecCheck[] {
  const spec = product.spec ?? {};
  const fractions = oxideFractions(assay);
  const checks: SpecCheck[] = [];
  const productShare = fractions ? product.oxides.reduce((s, o) => s + (fractions[o] ?? 0), 0) : 0;
  if (spec.minPurity !== undefined) {
    let measured: number | null = null;
    if (fractions) {
      const treo = treoFraction(fractions);
      measured = treo > 0 ? productShare / treo : null;
    }
    checks.push({
      check: "purity",
      measured,
      limit: `≥ ${spec.minPurity}`,
      outcome: measured === null ? "unmeasured" : measured + 1e-12 >= spec.minPurity ? "pass" : "fail",
    });
  }
  if (spec.ratio) {
    const r = spec.ratio;
    const measured = fractions && productShare > 0 ? (fractions[r.oxide] ?? 0) / productShare : null;
    checks.push({
      check: "ratio",
      measured,
      limit: `${r.oxide} ${r.target} ± ${r.tolerance}`,
      outcome:
        measured === null
          ? "unmeasured"
          : Math.abs(measured - r.target) <= r.tolerance + 1e-12
            ? "pass"
            : "fail",
    });
  }
  const activity = (element: "Th" | "U", max: number | undefined, check: "thorium" | "uranium") => {
    if (max === undefined) return;
    const oxide = element === "Th" ? "ThO2" : "U3O8";
    let fraction: number | undefined;
    if (assay?.basis === "element") fraction = assay.massFractions[element];
    else if (fractions?.[oxide] !== undefined)
      fraction = (fractions[oxide] ?? 0) * metalPerOxide(oxide as Oxide);
    const measured = fraction === undefined ? null : fraction * BQ_PER_G[element];
    checks.push({
      check,
      measured,
      limit: `< ${max} Bq/g`,
      outcome: measured === null ? "unmeasured" : measured < max ? "pass" : "fail",
    });
  };
  activity("Th", spec.maxThBqPerG, "thorium");
  activity("U", spec.maxUBqPerG, "uranium");
  return checks;
}

const t = (kg: number) => kg / 1000;
const fmt = (x: number) => Number(x.toFixed(3)).toLocaleString("en-US", { maximumFractionDigits: 3 });
const CONTRACT_CITATION = "offtake contract terms (quantity per period, less the quantity tolerance)";

/**
 * Delivered against committed per period and year, projected annual shortfall (CONTRACT_SHORTFALL) and
 * off-specification lots (SPEC_MISMATCH), as of a date. Years after the as-of date are not reported.
 */
export function contractPerformance(
  contract: OfftakeContract,
  deliveries: Delivery[],
  asOf: string,
): ContractPerformance {
  const delivered: DeliveredLot[] = [];
  const unmatched: Delivery[] = [];
  for (const d of [...deliveries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    const product = productOf(contract, d);
    if (!product || d.date > asOf) {
      if (!product) unmatched.push(d);
      continue;
    }
    const checks = specificationChecks(product, d.assay);
    delivered.push({
      ...d,
      product: product.id,
      period: deliveryPeriod(contract, d.date),
      checks,
      onSpec: checks.every((c) => c.outcome !== "fail"),
    });
  }
  const findings: Finding[] = [];
  const tolerance = 1 - contract.volumeTolerance;
  const firstYear = Number(contract.term.from.slice(0, 4));
  const lastYear = Math.min(Number(contract.term.to.slice(0, 4)), Number(asOf.slice(0, 4)));
  const products: ProductPerformance[] = contract.products.map((product) => {
    const years: YearPerformance[] = [];
    for (let year = firstYear; year <= lastYear; year++) {
      const annual = product.annualT[String(year)] ?? 0;
      const inTerm = periodsOfYear(year, contract.schedule.period).filter(
        (p) => p.to >= contract.term.from && p.from <= contract.term.to,
      );
      const periods: PeriodPerformance[] = inTerm.map((p) => {
        const committedT = annual / inTerm.length;
        const deliveredT = t(
          delivered
            .filter((d) => d.product === product.id && d.period === p.label)
            .reduce((s, d) => s + d.massKg, 0),
        );
        const state = addDays(p.to, contract.schedule.graceDays) < asOf ? "closed" : "open";
        return {
          period: p.label,
          from: p.from,
          to: p.to,
          committedT,
          deliveredT,
          state,
          short: state === "closed" && deliveredT < committedT * tolerance - 1e-9,
        };
      });
      const deliveredT = periods.reduce((s, p) => s + p.deliveredT, 0);
      const closed = periods.filter((p) => p.state === "closed");
      const committedClosed = closed.reduce((s, p) => s + p.committedT, 0);
      const deliveredClosed = closed.reduce((s, p) => s + p.deliveredT, 0);
      const committedOpen = periods.filter((p) => p.state === "open").reduce((s, p) => s + p.committedT, 0);
      const projectedT =
        closed.length === 0
          ? null
          : deliveredT + (committedClosed > 0 ? (committedOpen * deliveredClosed) / committedClosed : 0);
      const yearRow: YearPerformance = {
        year: String(year),
        committedT: annual,
        deliveredT,
        projectedT,
        shortfallT: projectedT === null ? null : Math.max(0, annual - projectedT),
        periods,
      };
      years.push(yearRow);
      for (const p of periods.filter((x) => x.short)) {
        findings.push(
          shortfallFinding(contract, product, p.period, p.committedT, p.deliveredT, "warning", p),
        );
      }
      if (projectedT !== null && annual > 0 && projectedT < annual * tolerance - 1e-9) {
        const complete = closed.length === periods.length;
        findings.push(
          shortfallFinding(
            contract,
            product,
            String(year),
            annual,
            projectedT,
            complete ? "violation" : "warning",
            {
              from: `${year}-01-01`,
              to: `${year}-12-31`,
            },
          ),
        );
      }
    }
    return { product: product.id, name: product.name, years };
  });
  for (const d of delivered.filter((x) => !x.onSpec)) {
    const product = contract.products.find((p) => p.id === d.product) as ContractProduct;
    const failed = d.checks.filter((c) => c.outcome === "fail");
    findings.push({
      id: `SPEC_MISMATCH:${contract.id}:${d.lot}`,
      code: "SPEC_MISMATCH",
      severity: "warning",
      status: "open",
      subject: { kind: "contract", id: contract.id },
      period: { from: d.date, to: d.date },
      message: `contract ${contract.id}: lot ${d.lot} (${fmt(t(d.massKg))} t ${product.name}, received ${d.date}) is off specification: ${failed.map((c) => `${c.check} ${fmt(c.measured ?? 0)} against ${c.limit}`).join("; ")}`,
      evidence: { events: [d.event], documents: [contract.id] },
      taints: [],
      rule: { citation: `offtake contract ${contract.id}, quality specification of ${product.name}` },
    });
  }
  return { contract: contract.id, asOf, products, deliveries: delivered, unmatched, findings };
}

function shortfallFinding(
  contract: OfftakeContract,
  product: ContractProduct,
  period: string,
  committedT: number,
  deliveredT: number,
  severity: Finding["severity"],
  range: { from: string; to: string },
): Finding {
  const projected = severity === "warning" && !period.includes("-");
  return {
    id: `CONTRACT_SHORTFALL:${contract.id}:${product.id}:${period}`,
    code: "CONTRACT_SHORTFALL",
    severity,
    status: "open",
    subject: { kind: "contract", id: contract.id },
    period: { from: range.from, to: range.to },
    measured: { value: deliveredT, unit: "t" },
    allowed: { value: committedT * (1 - contract.volumeTolerance), unit: "t" },
    message: `contract ${contract.id}, ${product.name}, ${period}: ${projected ? "projected" : "delivered"} ${fmt(deliveredT)} t of ${fmt(committedT)} t committed (short by ${fmt(committedT - deliveredT)} t; tolerance ${fmt(contract.volumeTolerance * 100)}%)`,
    evidence: { events: [], documents: [contract.id] },
    taints: [],
    rule: { citation: CONTRACT_CITATION },
  };
}

/** One licence's annual capacity, as the capacity plausibility needs it. */
export interface SourceCapacity {
  licence: string;
  product: string;
  capacityT: number;
  unit: string;
  /** TREO grade of the ore (mass fraction); null when neither the capacity nor the reserve states one. */
  grade: number | null;
  /** Null when stated nowhere and no lot of the mine has an assay: the capacity cannot be judged. */
  oxideShareOfTreo: number | null;
  /** Each step with its stated recovery and, when known, the plant (site) that runs it. */
  recoveries: { step: string; recovery: number; plant?: string }[];
}

export interface CapacityPlausibility {
  product: string;
  name: string;
  contractedT: number;
  sources: (SourceCapacity & {
    overallRecovery: number;
    /** Product oxide the licence can yield at its licensed capacity, tonnes a year; null when unknown. */
    producibleT: number | null;
  })[];
  /** Null when a source's grade or oxide share is unknown: no judgement is made then. */
  producibleT: number | null;
  /** Ore the contracted tonnage needs, from the first source's grade and recoveries. */
  oreRequiredT: number | null;
  /** Contracted over producible: above 1 the licences cannot supply the contract. */
  utilisation: number | null;
  plausible: boolean | null;
}

/**
 * Can the seller's named licences, at their licensed capacity, grades and the stated recoveries, produce the
 * contracted oxide in a full year? (shared/domain.md §8.3: 150,000 t ore × 3.0% × 17.5% × 0.70 × 0.92 × 0.95
 * × 0.99 ≈ 477 t NdPr oxide against 480 t contracted.)
 */
export function capacityPlausibility(
  contract: OfftakeContract,
  sources: SourceCapacity[],
  year: string,
): { plausibility: CapacityPlausibility[]; findings: Finding[] } {
  const plausibility = contract.products.map((product) => {
    const own = sources
      .filter((s) => s.product === product.id)
      .map((s) => {
        const overallRecovery = s.recoveries.reduce((r, x) => r * x.recovery, 1);
        const yieldPerT =
          s.grade === null || s.oxideShareOfTreo === null
            ? null
            : s.grade * s.oxideShareOfTreo * overallRecovery;
        return {
          ...s,
          overallRecovery,
          yieldPerT,
          producibleT: yieldPerT === null ? null : s.capacityT * yieldPerT,
        };
      });
    const contractedT = product.annualT[year] ?? Math.max(0, ...Object.values(product.annualT));
    const known = own.every((x) => x.producibleT !== null);
    const producibleT = known ? own.reduce((s, x) => s + (x.producibleT ?? 0), 0) : null;
    const first = own[0];
    return {
      product: product.id,
      name: product.name,
      contractedT,
      sources: own.map(({ yieldPerT: _y, ...x }) => x),
      producibleT,
      oreRequiredT: first?.yieldPerT ? contractedT / first.yieldPerT : null,
      utilisation: producibleT ? contractedT / producibleT : null,
      plausible: producibleT === null ? null : producibleT + 1e-9 >= contractedT,
    };
  });
  const findings: Finding[] = plausibility
    .filter((p) => p.plausible === false)
    .map((p) => ({
      id: `CONTRACT_CAPACITY:${contract.id}:${p.product}`,
      code: "CONTRACT_CAPACITY",
      severity: "warning",
      status: "open",
      subject: { kind: "contract", id: contract.id },
      measured: { value: p.contractedT, unit: "t/yr" },
      allowed: { value: p.producibleT ?? 0, unit: "t/yr" },
      message:
        p.sources.length === 0
          ? `contract ${contract.id}: ${fmt(p.contractedT)} t/yr of ${p.name} contracted, but the seller names no licence that could produce it`
          : `contract ${contract.id}: ${fmt(p.contractedT)} t/yr of ${p.name} contracted, but the named licences (${p.sources.map((s) => s.licence).join(", ")}) yield at most ${fmt(p.producibleT ?? 0)} t/yr at licensed capacity; it needs ${fmt(p.oreRequiredT ?? 0)} t ore a year`,
      evidence: { events: [], documents: [contract.id, ...p.sources.map((s) => s.licence)] },
      taints: [],
      rule: {
        citation: "licensed annual capacity × grade × oxide share × step recoveries (shared/domain.md §8.3)",
      },
    }));
  return { plausibility, findings };
}

/** Committed tonnes of the periods whose delivery window is still open on the as-of date, per product. */
export function undeliveredCommitment(
  contract: OfftakeContract,
  asOf: string,
  horizonDays: number,
): { product: string; name: string; undeliveredT: number }[] {
  const until = addDays(asOf, horizonDays);
  return contract.products.map((product) => {
    let undeliveredT = 0;
    const from = Number(asOf.slice(0, 4));
    const to = Number(contract.term.to.slice(0, 4));
    for (let year = from; year <= to; year++) {
      const inTerm = periodsOfYear(year, contract.schedule.period).filter(
        (p) => p.to >= contract.term.from && p.from <= contract.term.to,
      );
      for (const p of inTerm) {
        const due = addDays(p.to, contract.schedule.graceDays);
        if (due >= asOf && due <= until) undeliveredT += (product.annualT[String(year)] ?? 0) / inTerm.length;
      }
    }
    return { product: product.id, name: product.name, undeliveredT };
  });
}
