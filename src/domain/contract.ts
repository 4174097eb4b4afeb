// Offtake contracts: what a seller committed to deliver per period, what was delivered, and the shortfall
// (CONTRACT_SHORTFALL, SPEC_MISMATCH); terms, specification and capacity are in the contract-*.ts modules.
// Pure: deliveries and the as-of date come in as data (shared/domain.md §6.2, §8.3, §8.4).

import { productOf, specificationChecks } from "./contract-specification.ts";
import {
  addDays,
  type ContractPerformance,
  type ContractProduct,
  committedPeriods,
  countingDate,
  type DeliveredLot,
  type Delivery,
  deliveryPeriod,
  type OfftakeContract,
  type PeriodPerformance,
  type ProductPerformance,
  type YearPerformance,
} from "./contract-terms.ts";
import type { Finding } from "./finding.ts";

export const t = (kg: number) => kg / 1000;
export const fmt = (x: number) => Number(x.toFixed(3)).toLocaleString("en-US", { maximumFractionDigits: 3 });
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
      period: deliveryPeriod(contract, countingDate(contract, d)),
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
      const { annualT: annual, periods: committed } = committedPeriods(contract, product, year);
      const periods: PeriodPerformance[] = committed.map((p) => {
        const committedT = p.committedT;
        const inPeriod = delivered.filter((d) => d.product === product.id && d.period === p.label);
        // An off-specification lot is not what was committed: it raises SPEC_MISMATCH and does not count.
        const deliveredT = t(inPeriod.filter((d) => d.onSpec).reduce((s, d) => s + d.massKg, 0));
        const offSpecificationT = t(inPeriod.filter((d) => !d.onSpec).reduce((s, d) => s + d.massKg, 0));
        const state = addDays(p.to, contract.schedule.graceDays) < asOf ? "closed" : "open";
        return {
          period: p.label,
          from: p.from,
          to: p.to,
          committedT,
          deliveredT,
          offSpecificationT,
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
      message: `contract ${contract.id}: lot ${d.lot} (${fmt(t(d.massKg))} t ${product.name}, received ${d.date}) is off specification and does not count toward the commitment: ${failed.map((c) => `${c.check} ${fmt(c.measured ?? 0)} against ${c.limit}`).join("; ")}`,
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
      for (const p of committedPeriods(contract, product, year).periods) {
        const due = addDays(p.to, contract.schedule.graceDays);
        if (due >= asOf && due <= until) undeliveredT += p.committedT;
      }
    }
    return { product: product.id, name: product.name, undeliveredT };
  });
}
