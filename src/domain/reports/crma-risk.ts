// The supply-chain risk assessment of EU CRMA Art. 24 (Regulation (EU) 2024/1252): where the company's rare
// earths were extracted and processed, how concentrated that is against the 65% single-country benchmark, the
// factors that may affect supply (open findings, legal events) and the vulnerabilities (contracts, what-ifs).

import { CRMA_SINGLE_COUNTRY_SHARE_MAX } from "../concentration.ts";
import { legalEventDateLabel } from "../masterdata.ts";
import {
  type Basis,
  type Figure,
  figure,
  PROCESSING_KINDS,
  type ReportInputs,
  type SiteSummary,
  siteSummary,
} from "./report-inputs.ts";

export interface ShareRow {
  key: string | null;
  name: string | null;
  elementKg: Figure;
  share: Figure;
}

export interface CrmaRiskReport {
  report: "crma-risk";
  company: ReportInputs["company"];
  year: number;
  period: ReportInputs["period"];
  asOf: string;
  elements: {
    element: string;
    receivedKg: Figure;
    /** Extraction stage: the countries and mines the element was extracted at. */
    byCountry: ShareRow[];
    byMine: ShareRow[];
    /** Recycled content: the share of the element from pre- plus post-consumer scrap (CRMA's recycling aim). */
    recycledShare: Figure;
    /** Processing stage: the country of the supplier that made the lots received, and the supplier. */
    byProcessingCountry: ShareRow[];
    bySupplier: ShareRow[];
    hhiCountry: Figure;
    hhiSupplier: Figure;
    /** The largest share from one third country against the CRMA benchmark (at most 65%). */
    largestThirdCountry: { country: string; share: Figure; benchmark: number; above: boolean } | null;
    unassayedLots: string[];
  }[];
  processing: SiteSummary[];
  riskFactors: {
    legalEvents: ReportInputs["legalEvents"];
    openFindings: { id: string; code: string; severity: string; subject: string; message: string }[];
  };
  contracts: {
    contract: string;
    seller: string;
    products: {
      product: string;
      name: string;
      committedT: Figure;
      deliveredT: Figure;
      shortfallT: Figure | null;
    }[];
    atRisk: boolean;
    riskReasons: { kind: string; id: string; message: string }[];
  }[];
  whatIf: {
    party: string;
    name: string;
    reason: string;
    shortfalls: {
      contract: string;
      product: string;
      name: string;
      shortfallT: Figure;
      next12MonthsT: Figure;
    }[];
  }[];
  vulnerabilities: { kind: string; message: string; basis: Basis }[];
}

const pct = (share: number) => `${Number((share * 100).toFixed(2))}%`;

export function crmaRiskReport(inputs: ReportInputs): CrmaRiskReport {
  const { names, countries, company } = inputs;
  const vulnerabilities: CrmaRiskReport["vulnerabilities"] = [];
  const elements = inputs.supply
    .filter((s) => s.totalKg > 0)
    .map((s) => {
      const basis = { queries: [s.query], findings: s.findings.map((f) => f.id) };
      const rows = (shares: typeof s.byCountry): ShareRow[] =>
        shares.map((r) => ({
          key: r.key,
          name: r.key === null ? null : (names[r.key] ?? r.key),
          elementKg: figure(r.elementKg, "kg", { queries: [s.query] }),
          share: figure(r.share, "ratio", { queries: [s.query] }),
        }));
      // Processing stage: each supplier's share goes to the country master data records for it.
      const byProcessingKg = new Map<string | null, number>();
      for (const r of s.bySupplier) {
        const country = r.key === null ? null : (countries[r.key] ?? null);
        byProcessingKg.set(country, (byProcessingKg.get(country) ?? 0) + r.elementKg);
      }
      const byProcessingCountry = [...byProcessingKg.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([key, kg]) => ({
          key,
          name: key,
          elementKg: figure(kg, "kg", { queries: [s.query] }),
          share: figure(s.totalKg > 0 ? kg / s.totalKg : 0, "ratio", { queries: [s.query] }),
        }));
      const third = s.byCountry.find((c) => c.key !== null && c.key !== company.country);
      const largestThirdCountry = third?.key
        ? {
            country: third.key,
            share: figure(third.share, "ratio", basis),
            benchmark: CRMA_SINGLE_COUNTRY_SHARE_MAX,
            above: third.share > CRMA_SINGLE_COUNTRY_SHARE_MAX,
          }
        : null;
      if (largestThirdCountry?.above)
        vulnerabilities.push({
          kind: "single_country",
          message: `${pct(largestThirdCountry.share.value)} of ${s.element} was extracted in ${largestThirdCountry.country}, above the CRMA benchmark of ${pct(CRMA_SINGLE_COUNTRY_SHARE_MAX)} from one third country`,
          basis,
        });
      const topSupplier = s.bySupplier[0];
      if (topSupplier?.key && topSupplier.share > CRMA_SINGLE_COUNTRY_SHARE_MAX)
        vulnerabilities.push({
          kind: "single_supplier",
          message: `${pct(topSupplier.share)} of ${s.element} came from one supplier, ${names[topSupplier.key] ?? topSupplier.key}`,
          basis: { queries: [s.query], findings: [] },
        });
      return {
        element: s.element,
        receivedKg: figure(s.totalKg, "kg", { queries: [s.query] }),
        byCountry: rows(s.byCountry),
        byMine: rows(s.byMine),
        recycledShare: figure(
          s.bySource
            .filter((x) => x.key === "pre_consumer" || x.key === "post_consumer")
            .reduce((sum, x) => sum + x.share, 0),
          "ratio",
          { queries: [s.query] },
        ),
        byProcessingCountry,
        bySupplier: rows(s.bySupplier),
        hhiCountry: figure(s.hhiCountry, "HHI", { queries: [s.query] }),
        hhiSupplier: figure(s.hhiSupplier, "HHI", { queries: [s.query] }),
        largestThirdCountry,
        unassayedLots: s.unassayedLots,
      };
    });
  const openFindings = inputs.findings
    .filter((f) => f.status !== "resolved")
    .map((f) => ({
      id: f.id,
      code: f.code,
      severity: f.severity,
      subject: f.subject.id,
      message: f.message,
    }));
  for (const e of inputs.legalEvents.filter((e) => e.status === "open"))
    vulnerabilities.push({
      kind: "legal_event",
      message: `${names[e.party] ?? e.party}: ${e.kind.replace(/_/g, " ")} (${legalEventDateLabel(e)}), ${e.source.title}`,
      basis: { queries: [`/legal-events?party=${encodeURIComponent(e.party)}`], findings: [] },
    });
  const contracts = inputs.contracts.map((c) => ({
    contract: c.contract,
    seller: c.seller,
    products: c.products.map((p) => ({
      product: p.product,
      name: p.name,
      committedT: figure(p.committedT, "t", { queries: [c.query] }),
      deliveredT: figure(p.deliveredT, "t", { queries: [c.query] }),
      shortfallT:
        p.shortfallT === null
          ? null
          : figure(p.shortfallT, "t", { queries: [c.query], findings: c.findings }),
    })),
    atRisk: c.atRisk,
    riskReasons: c.riskReasons,
  }));
  for (const c of contracts)
    if (c.atRisk)
      vulnerabilities.push({
        kind: "contract_at_risk",
        message: `contract ${c.contract}: supply at risk (${c.riskReasons.length} reason${c.riskReasons.length === 1 ? "" : "s"})`,
        basis: {
          queries: inputs.contracts.filter((x) => x.contract === c.contract).map((x) => x.query),
          findings: c.riskReasons.filter((r) => r.kind === "finding").map((r) => r.id),
        },
      });
  const whatIf = inputs.whatIf.map((w) => ({
    party: w.party,
    name: names[w.party] ?? w.party,
    reason: w.reason,
    shortfalls: w.shortfalls.map((x) => ({
      contract: x.contract,
      product: x.product,
      name: x.name,
      shortfallT: figure(x.shortfallT, "t", { queries: [w.query] }),
      next12MonthsT: figure(x.next12MonthsT, "t", { queries: [w.query] }),
    })),
  }));
  for (const w of whatIf)
    for (const x of w.shortfalls)
      if (x.shortfallT.value > 0)
        vulnerabilities.push({
          kind: "what_if",
          message: `if ${w.name} stopped supplying, contract ${x.contract} (${x.name}) would be ${Number(x.shortfallT.value.toFixed(3))} t short over the next 12 months`,
          basis: x.shortfallT.basis,
        });
  return {
    report: "crma-risk",
    company,
    year: inputs.year,
    period: inputs.period,
    asOf: inputs.asOf,
    elements,
    processing: inputs.chainSites
      .filter((s) => PROCESSING_KINDS.has(s.kind))
      .map((s) => siteSummary(s, names)),
    riskFactors: { legalEvents: inputs.legalEvents, openFindings },
    contracts,
    whatIf,
    vulnerabilities,
  };
}
