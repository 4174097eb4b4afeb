// The annual supply-chain due-diligence report of the OECD Due Diligence Guidance, step 5, laid out by the
// five steps: the management system (traceability), the risks identified (red flags on the chain), the
// response (each finding's status and notes), independent verification (signed passports), and this report.

import { appendTo } from "../grouping.ts";
import {
  type Figure,
  figure,
  REFINER_KINDS,
  type ReportInputs,
  type SiteSummary,
  siteSummary,
} from "./report-inputs.ts";

export interface OecdStep5Report {
  report: "oecd-step5";
  company: ReportInputs["company"];
  year: number;
  period: ReportInputs["period"];
  asOf: string;
  step1ManagementSystems: {
    receipts: Figure;
    receivedKg: Figure;
    /** Share of the mass received whose trace reaches a mine of origin. */
    tracedToMineShare: Figure;
    chainOfCustody: string[];
    rulePacks: string[];
  };
  step2RiskIdentification: {
    countriesOfOrigin: { element: string; country: string | null; share: Figure }[];
    mines: { site: string; name: string; country: string | null; licences: string[] }[];
    refiners: SiteSummary[];
    redFlags: { code: string; findings: Figure }[];
    legalEvents: ReportInputs["legalEvents"];
  };
  step3RiskResponse: {
    open: Figure;
    acknowledged: Figure;
    resolved: Figure;
    findings: {
      id: string;
      code: string;
      status: string;
      statusNote: string | null;
      message: string;
      statusChanges: ReportInputs["findings"][number]["statusChanges"];
    }[];
  };
  step4IndependentVerification: { passports: Figure; revoked: Figure };
  step5Reporting: { basis: string };
}

export function oecdStep5Report(inputs: ReportInputs): OecdStep5Report {
  const { company, period, receipts, findings } = inputs;
  const receivedKg = receipts.reduce((sum, r) => sum + r.massKg, 0);
  const tracedKg = receipts.filter((r) => r.tracedToMine).reduce((sum, r) => sum + r.massKg, 0);
  const lotQueries = receipts.map((r) => `/lots/${encodeURIComponent(r.lot)}/origin`);
  const byCode = new Map<string, string[]>();
  for (const f of findings) appendTo(byCode, f.code, f.id);
  const withStatus = (status: string) => findings.filter((f) => f.status === status).map((f) => f.id);
  const findingsQuery = "/findings";
  const passportQueries = [
    ...new Set(inputs.passports.map((p) => `/lots/${encodeURIComponent(p.lot)}/passports`)),
  ];
  const count = (ids: string[]) =>
    figure(ids.length, "findings", { queries: [findingsQuery], findings: ids });
  return {
    report: "oecd-step5",
    company,
    year: inputs.year,
    period,
    asOf: inputs.asOf,
    step1ManagementSystems: {
      receipts: figure(receipts.length, "receipts", { queries: lotQueries }),
      receivedKg: figure(receivedKg, "kg", { queries: lotQueries }),
      tracedToMineShare: figure(receivedKg > 0 ? tracedKg / receivedKg : 0, "ratio", { queries: lotQueries }),
      chainOfCustody: [...new Set(inputs.contracts.map((c) => c.chainOfCustody))].sort(),
      rulePacks: inputs.rulePacks,
    },
    step2RiskIdentification: {
      countriesOfOrigin: inputs.supply.flatMap((s) =>
        s.byCountry.map((c) => ({
          element: s.element,
          country: c.key,
          share: figure(c.share, "ratio", { queries: [s.query] }),
        })),
      ),
      mines: inputs.chainSites
        .filter((s) => s.kind === "mine")
        .map((s) => ({
          site: s.id,
          name: s.name,
          country: s.country,
          licences: s.licences.map((l) => l.id),
        })),
      refiners: inputs.chainSites
        .filter((s) => REFINER_KINDS.has(s.kind))
        .map((s) => siteSummary(s, inputs.names)),
      redFlags: [...byCode.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([code, ids]) => ({
          code,
          findings: figure(ids.length, "findings", {
            queries: [`${findingsQuery}?code=${code}`],
            findings: ids,
          }),
        })),
      legalEvents: inputs.legalEvents,
    },
    step3RiskResponse: {
      open: count(withStatus("open")),
      acknowledged: count(withStatus("acknowledged")),
      resolved: count(withStatus("resolved")),
      findings: findings.map((f) => ({
        id: f.id,
        code: f.code,
        status: f.status,
        statusNote: f.statusNote,
        message: f.message,
        statusChanges: f.statusChanges,
      })),
    },
    step4IndependentVerification: {
      passports: figure(inputs.passports.length, "passports", { queries: passportQueries }),
      revoked: figure(inputs.passports.filter((p) => p.revoked).length, "passports", {
        queries: passportQueries,
      }),
    },
    step5Reporting: {
      basis:
        "Every figure is computed from the shared ledger's events, master data and findings; no figure is typed in.",
    },
  };
}
