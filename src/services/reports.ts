// The report verb: reads what a company's due-diligence reports rest on (its receipts of the year, their
// traces, the findings it may see, its contracts, the what-ifs of losing a supplier) and hands it to the pure
// report builders (domain/reports). A report is the company's own view: nothing of another party's volumes.
import type { Principal } from "../domain/access.ts";
import type { ContentKey } from "../domain/assay.ts";
import { LodestoneError } from "../domain/errors.ts";
import { legalEventPeriod, licenceStatusAt } from "../domain/masterdata.ts";
import { type CrmaRiskReport, crmaRiskReport } from "../domain/reports/crma-risk.ts";
import { type EmrtReport, emrtReport } from "../domain/reports/emrt.ts";
import { type OecdStep5Report, oecdStep5Report } from "../domain/reports/oecd-step5.ts";
import {
  type ChainSite,
  concentrationQuery,
  REPORT_ELEMENTS,
  type ReportFinding,
  type ReportInputs,
  type ReportReceipt,
} from "../domain/reports/report-inputs.ts";
import { effectiveRulePacks } from "../domain/rule-packs.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import { findingHistory, listFindings, type StoredFinding } from "../store/findings-store.ts";
import { getLots, movementsAtOrOf } from "../store/lot-store.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { listPassports } from "../store/passport-store.ts";
import { findingsVisibleTo } from "./access.ts";
import { contractReport } from "./contracts.ts";
import { buyerConcentration } from "./risk.ts";
import { traceLot, traceOriginShares } from "./trace.ts";
import { whatIf } from "./what-if.ts";

export const REPORT_KINDS = ["crma-risk", "oecd-step5", "emrt"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type Report = CrmaRiskReport | OecdStep5Report | EmrtReport;

export function isReportKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}

export interface ReportRequest {
  company: string;
  year: number;
  /** The day open findings, legal events and what-ifs are read as of (today, for a report made now). */
  asOf: string;
  elements?: ContentKey[];
}

/** One report of a company for a calendar year, computed from the ledger. */
export async function companyReport(
  ledger: Ledger,
  kind: ReportKind,
  request: ReportRequest,
): Promise<Report> {
  const inputs = await reportInputs(ledger, request);
  if (kind === "crma-risk") return crmaRiskReport(inputs);
  if (kind === "oecd-step5") return oecdStep5Report(inputs);
  return emrtReport(inputs);
}

/** Whether a principal may have a company's report: its own, or any for regulators, auditors and admins. */
export function mayReadReport(principal: Principal, company: string): boolean {
  if (canonicalIdentifier(principal.organisation) === canonicalIdentifier(company)) return true;
  return principal.role === "regulator" || principal.role === "auditor" || principal.role === "admin";
}

export function validYear(year: number): number {
  if (!Number.isInteger(year) || year < 1900 || year > 2999)
    throw new LodestoneError("QUERY_PARAMETER", `year: ${year} is not a calendar year (e.g. 2025)`);
  return year;
}

export async function reportInputs(ledger: Ledger, request: ReportRequest): Promise<ReportInputs> {
  const year = validYear(request.year);
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const masterData = await loadMasterData(ledger.db);
  const wanted = canonicalIdentifier(request.company);
  const organisation = masterData.organisations.find(
    (o) => o.id === request.company || canonicalIdentifier(o.id) === wanted,
  );
  if (!organisation)
    throw new LodestoneError("NOT_FOUND", `company: no organisation ${request.company} in the master data`);
  const company = organisation.id;
  const same = (a: string, b: string) => canonicalIdentifier(a) === canonicalIdentifier(b);
  const siteById = new Map(masterData.sites.map((s) => [s.id, s]));
  const ownSites = new Set(
    masterData.sites.filter((s) => s.operator && same(s.operator, company)).map((s) => s.id),
  );
  // The year's figures are as of its last day, or of the report's day when the year has not ended.
  const yearAsOf = [request.asOf, period.to].sort()[0] as string;

  const supply: ReportInputs["supply"] = [];
  for (const element of request.elements ?? REPORT_ELEMENTS) {
    const c = await buyerConcentration(ledger, company, element, { period });
    supply.push({
      element,
      query: concentrationQuery(company, element, period),
      totalKg: c.totalKg,
      byCountry: c.byCountry,
      byMine: c.byMine,
      bySource: c.bySource,
      bySupplier: c.bySupplier,
      hhiCountry: c.hhiCountry,
      hhiSupplier: c.hhiSupplier,
      findings: c.findings.map((f) => ({ id: f.id, message: f.message })),
      unassayedLots: [...new Set(c.unassayed.map((u) => u.lot))],
    });
  }

  // The receipts of the year at the company's sites, as the concentration counts them.
  const received = (await movementsAtOrOf(ledger.db, { sites: [...ownSites], lots: [] })).filter((m) => {
    const date = (m.localTime ?? m.eventTime).slice(0, 10);
    return m.kind === "received" && date >= period.from && date <= period.to;
  });
  const lots = await getLots(
    ledger.db,
    received.map((m) => m.lot),
  );
  const receipts: ReportReceipt[] = [];
  const chain = new Map<string, Set<string>>();
  for (const m of received) {
    const lot = lots.get(m.lot);
    const shares = (await traceOriginShares(ledger, m.lot, ["TREO"])).TREO ?? [];
    const trace = await traceLot(ledger, m.lot, { elements: ["TREO"] });
    for (const node of trace.nodes) {
      if (!node.site || ownSites.has(node.site)) continue;
      chain.set(node.site, (chain.get(node.site) ?? new Set()).add(m.lot));
    }
    receipts.push({
      lot: m.lot,
      event: m.event,
      date: (m.localTime ?? m.eventTime).slice(0, 10),
      site: m.site,
      massKg: m.massKg,
      elementsKg: m.contents,
      productName: lot?.productName ?? null,
      materialClass: lot?.materialClass ?? null,
      supplier: lot?.site ? (siteById.get(lot.site)?.operator ?? null) : null,
      tracedToMine: shares.some((o) => o.share > 0 && o.site && siteById.get(o.site)?.kind === "mine"),
    });
  }
  const chainSites: ChainSite[] = [...chain.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([id, held]) => {
      const site = siteById.get(id);
      return {
        id,
        name: site?.name ?? id,
        kind: site?.kind ?? "unknown",
        country: site?.country ?? null,
        operator: site?.operator ?? null,
        lots: [...held].sort(),
        permits: masterData.permits
          .filter((p) => p.site === id)
          .map((p) => ({ id: p.id, kind: p.kind, validFrom: p.validFrom, validTo: p.validTo })),
        licences: masterData.licences
          .filter((l) => l.site === id)
          .map((l) => ({
            id: l.id,
            // Its status on the year's last day (or the report's, in a year not yet over).
            status: licenceStatusAt(l, `${yearAsOf}T23:59:59Z`),
            validFrom: l.validFrom,
            validTo: l.validTo,
          })),
      };
    });

  // Parties of the chain: the operators of its sites, the holders of their licences (contract sellers below).
  const parties = new Set<string>();
  for (const s of chainSites) if (s.operator) parties.add(canonicalIdentifier(s.operator));
  for (const s of chainSites)
    for (const l of masterData.licences.filter((x) => x.site === s.id))
      parties.add(canonicalIdentifier(l.holder));
  const sellers = masterData.contracts.filter((c) => same(c.buyer, company)).map((c) => c.seller);
  for (const seller of sellers) parties.add(canonicalIdentifier(seller));

  // The findings of the year the company may see (on its lots and contracts), and those on its chain's sites,
  // licences and parties (what its contracts already name as supply at risk); a finding with no period counts
  // in every year.
  const chainSubjects = new Set<string>(chainSites.flatMap((s) => [s.id, ...s.licences.map((l) => l.id)]));
  const onChain = (f: StoredFinding) =>
    chainSubjects.has(f.subject.id) ||
    (f.subject.kind === "organisation" && parties.has(canonicalIdentifier(f.subject.id)));
  const principal: Principal = { organisation: company, role: "buyer" };
  const byId = new Map<string, StoredFinding>();
  for (const f of await findingsVisibleTo(ledger, principal)) byId.set(f.id, f);
  for (const f of await listFindings(ledger.db)) if (onChain(f)) byId.set(f.id, f);
  const visible = [...byId.values()].filter(
    (f) => !f.period || (f.period.from <= period.to && f.period.to >= period.from),
  );
  const findings: ReportFinding[] = [];
  for (const f of visible.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const history = await findingHistory(ledger.db, f.id);
    findings.push({
      id: f.id,
      code: f.code,
      severity: f.severity,
      status: f.status,
      statusNote: f.statusNote ?? null,
      subject: { kind: f.subject.kind, id: f.subject.id },
      period: f.period ? { from: f.period.from, to: f.period.to } : null,
      message: f.message,
      firstSeen: f.firstSeen,
      statusChanges: history.flatMap((h) => {
        if (h.change === "status") {
          const body = h.body as { status: string; note: string | null };
          return [{ at: h.at, status: body.status, note: body.note }];
        }
        if (h.change === "cleared")
          return [{ at: h.at, status: "resolved", note: "no longer found by evaluation" }];
        if (h.change === "reopened") return [{ at: h.at, status: "open", note: "found again by evaluation" }];
        return [];
      }),
    });
  }

  // Contracts the company buys under, as of the year's end.
  const contracts: ReportInputs["contracts"] = [];
  for (const contract of masterData.contracts.filter((c) => same(c.buyer, company))) {
    const r = await contractReport(ledger, contract.id, yearAsOf);
    contracts.push({
      contract: contract.id,
      seller: contract.seller,
      query: `/contracts/${encodeURIComponent(contract.id)}?asOf=${yearAsOf}`,
      chainOfCustody: contract.chainOfCustody,
      products: r.products.flatMap((p) => {
        const y = p.years.find((x) => x.year === String(year));
        if (!y) return [];
        return [
          {
            product: p.product,
            name: p.name,
            committedT: y.committedT,
            deliveredT: y.deliveredT,
            offSpecificationT: y.periods.reduce((sum, x) => sum + x.offSpecificationT, 0),
            shortfallT: y.shortfallT,
          },
        ];
      }),
      findings: r.findings.map((f) => f.id).sort(),
      atRisk: r.supplyAtRisk.atRisk,
      riskReasons: r.supplyAtRisk.reasons.map((x) => ({ kind: x.kind, id: x.id, message: x.message })),
    });
  }

  // The chain's legal events known by the report's day: open ones, or any of the year.
  const legalEvents = masterData.legalEvents
    .filter(
      (e) =>
        parties.has(canonicalIdentifier(e.party)) &&
        // An undated event counts while open: nothing says it happened after the report's day.
        (legalEventPeriod(e)?.from ?? "") <= request.asOf &&
        (e.status === "open" ||
          ((legalEventPeriod(e)?.to ?? "") >= period.from && (legalEventPeriod(e)?.from ?? "") <= period.to)),
    )
    .sort((a, b) =>
      (a.date ?? "") < (b.date ?? "") ? -1 : (a.date ?? "") > (b.date ?? "") ? 1 : a.id < b.id ? -1 : 1,
    )
    .map((e) => ({
      id: e.id,
      party: e.party,
      partyName: masterData.organisations.find((o) => same(o.id, e.party))?.name ?? e.party,
      kind: e.kind,
      ...(e.date ? { date: e.date } : {}),
      ...(e.dateBasis ? { dateBasis: e.dateBasis } : {}),
      status: e.status,
      source: e.source,
      ...(e.statusNote ? { statusNote: e.statusNote } : {}),
    }));

  // What the company's contracts lose if a seller, or a party with an open legal event, stopped at year end.
  const asked = new Map<string, "contract_seller" | "legal_event">();
  for (const c of contracts) asked.set(c.seller, "contract_seller");
  for (const e of legalEvents)
    if (e.status === "open" && !asked.has(e.party)) asked.set(e.party, "legal_event");
  const mine = new Set(contracts.map((c) => c.contract));
  const whatIfs: ReportInputs["whatIf"] = [];
  for (const [party, reason] of asked) {
    if (!masterData.organisations.some((o) => same(o.id, party))) continue;
    const w = await whatIf(ledger, party, yearAsOf);
    const shortfalls = w.contracts
      .filter((x) => mine.has(x.contract))
      .flatMap((x) =>
        x.products.map((p) => ({
          contract: x.contract,
          product: p.product,
          name: p.name,
          shortfallT: p.shortfallT,
          next12MonthsT: p.next12MonthsT,
        })),
      );
    whatIfs.push({
      party,
      reason,
      query: `/risk/what-if?${new URLSearchParams({ party, asOf: yearAsOf })}`,
      shortfalls,
    });
  }

  const passports: ReportInputs["passports"] = [];
  for (const lot of new Set(receipts.map((r) => r.lot)))
    for (const p of await listPassports(ledger.db, { lot }))
      passports.push({ lot, credentialId: p.credentialId, revoked: p.revokedAt !== undefined });

  const names: Record<string, string> = {};
  const countries: Record<string, string> = {};
  for (const o of masterData.organisations) {
    names[o.id] = o.name;
    if (o.country) countries[o.id] = o.country;
  }
  for (const s of masterData.sites) {
    names[s.id] = s.name;
    countries[s.id] = s.country;
  }
  return {
    company: { id: company, name: organisation.name, country: organisation.country ?? null },
    year,
    period,
    asOf: request.asOf,
    supply,
    receipts,
    chainSites,
    findings,
    legalEvents,
    contracts,
    whatIf: whatIfs,
    rulePacks: effectiveRulePacks(masterData.rulePacks).map((p) => p.jurisdiction),
    passports,
    names,
    countries,
  };
}
