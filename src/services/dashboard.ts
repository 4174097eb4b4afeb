// Read models for the dashboard: key figures, site-to-site flows of an element, and a licence's extraction
// over time against its capacity and reserve. Each respects what the caller may see.
import { may, type Principal } from "../domain/access.ts";
import type { ContentKey } from "../domain/assay.ts";
import { extractionsByLicence, measuredT } from "../domain/rules/context.ts";
import { cbvValue } from "../standards/epcis/cbv.ts";
import type { Ledger } from "../store/db.ts";
import { eventParties } from "../store/event-store.ts";
import { listFindings } from "../store/findings-store.ts";
import { listMovements, listTransformations } from "../store/lot-store.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { lotsHeldBy, scopeFor } from "./access.ts";
import { buildRuleContext } from "./rule-inputs.ts";

const privileged = (p: Principal) => may(p, "read_all") || may(p, "read_jurisdiction");

export async function summary(ledger: Ledger, principal: Principal) {
  const scope = await scopeFor(ledger, principal);
  let q = ledger.db.selectFrom("events").select((eb) => eb.fn.countAll<string | number>().as("n"));
  if (!scope.all) {
    const { organisations, sites } = scope;
    q = q.where((eb) =>
      eb.or([
        eb("capturing_organisation", "in", organisations),
        ...(sites.length > 0 ? [eb("biz_location", "in", sites), eb("read_point", "in", sites)] : []),
      ]),
    );
  }
  const events = Number((await q.executeTakeFirst())?.n ?? 0);
  const held = privileged(principal) ? undefined : await lotsHeldBy(ledger, principal.organisation);
  const lots = held
    ? held.size
    : Number(
        (
          await ledger.db
            .selectFrom("lots")
            .select((eb) => eb.fn.countAll<string | number>().as("n"))
            .executeTakeFirst()
        )?.n ?? 0,
      );
  const findings = (await listFindings(ledger.db)).filter(
    (f) => f.status !== "resolved" && (!held || f.taints.some((l) => held.has(l))),
  );
  const { legalEvents } = await loadMasterData(ledger.db);
  return {
    organisation: principal.organisation,
    role: principal.role,
    events,
    lots,
    openFindings: findings.length,
    violations: findings.filter((f) => f.severity === "violation").length,
    newestFindings: findings
      .sort((a, b) => (a.lastChanged < b.lastChanged ? 1 : -1))
      .slice(0, 5)
      .map((f) => ({ id: f.id, code: f.code, severity: f.severity, message: f.message })),
    // Legal events are public records about parties (court cases, press): everyone sees the newest.
    newestLegalEvents: [...legalEvents]
      .sort((a, b) => ((a.date ?? "") < (b.date ?? "") ? 1 : (a.date ?? "") > (b.date ?? "") ? -1 : 0))
      .slice(0, 5)
      .map((e) => ({
        id: e.id,
        party: e.party,
        kind: e.kind,
        date: e.date,
        status: e.status,
        title: e.source.title,
        real: e.real === true,
      })),
  };
}

/** Shipments between sites, summed per pair: what a Sankey of material draws. */
export async function flows(
  ledger: Ledger,
  principal: Principal,
  element: ContentKey | "mass",
  period: { from?: string; to?: string } = {},
) {
  // Dates are compared on the UTC calendar date of each event.
  const inPeriod = (time: string) =>
    (!period.from || time.slice(0, 10) >= period.from) && (!period.to || time.slice(0, 10) <= period.to);
  const movements = await listMovements(ledger.db);
  const held = privileged(principal) ? undefined : await lotsHeldBy(ledger, principal.organisation);
  const masterData = await loadMasterData(ledger.db);
  const name = new Map(masterData.sites.map((s) => [s.id, s.name]));
  const shipped = movements.filter(
    (m) => m.kind === "shipped" && (!held || held.has(m.lot)) && inPeriod(m.eventTime),
  );
  // The destination of a shipment is the location it names, as the export rules read it.
  const destination = await eventParties(
    ledger.db,
    shipped.map((m) => m.event),
    "destination",
    cbvValue("SDT", "location"),
  );
  const links = new Map<string, { source: string; target: string; valueKg: number }>();
  for (const m of shipped) {
    const to = destination.get(m.event);
    if (!to || to === m.site) continue;
    const value = element === "mass" ? m.massKg : (m.contents[element] ?? 0);
    if (value <= 0) continue;
    const key = `${m.site}|${to}`;
    const link = links.get(key) ?? {
      source: name.get(m.site) ?? m.site,
      target: name.get(to) ?? to,
      valueKg: 0,
    };
    link.valueKg += value;
    links.set(key, link);
  }
  const nodes = [...new Set([...links.values()].flatMap((l) => [l.source, l.target]))].map((n) => ({
    name: n,
  }));
  // Unexplained gains and losses: open mass-balance findings on transformations at a site in the period.
  const siteOf = new Map(
    (await listTransformations(ledger.db)).filter((x) => inPeriod(x.eventTime)).map((x) => [x.event, x.site]),
  );
  const unexplained = new Map<string, { site: string; findings: string[] }>();
  for (const f of await listFindings(ledger.db, {
    codes: ["MASS_BALANCE"],
    statuses: ["open", "acknowledged"],
  })) {
    // A mass-balance finding cites its transformation first; the period filter is the transformation's.
    const site = siteOf.get(f.evidence.events[0] ?? "");
    if (!site || (held && !f.taints.some((l) => held.has(l)))) continue;
    const siteName = name.get(site) ?? site;
    const entry = unexplained.get(siteName) ?? { site: siteName, findings: [] };
    entry.findings.push(f.id);
    unexplained.set(siteName, entry);
  }
  return { element, period, nodes, links: [...links.values()], unexplained: [...unexplained.values()] };
}

export async function licenceExtraction(ledger: Ledger, licenceId: string) {
  const context = await buildRuleContext(ledger);
  const entry = [...extractionsByLicence(context).entries()].find(([l]) => l.id === licenceId);
  const licence = context.masterData.licences.find((l) => l.id === licenceId);
  if (!licence) return undefined;
  const unit = licence.annualCapacity?.unit ?? licence.reserve?.unit ?? "t_ore";
  const byYear = new Map<string, number>();
  for (const e of entry?.[1] ?? [])
    byYear.set(e.time.slice(0, 4), (byYear.get(e.time.slice(0, 4)) ?? 0) + measuredT(e, unit));
  const years = [...byYear.keys()].sort();
  let cumulative = 0;
  return {
    licence: licence.id,
    unit,
    capacity: licence.annualCapacity?.quantity ?? null,
    reserve: licence.reserve?.quantity ?? null,
    years: years.map((year) => {
      cumulative += byYear.get(year) ?? 0;
      return { year, extracted: byYear.get(year) ?? 0, cumulative };
    }),
  };
}
