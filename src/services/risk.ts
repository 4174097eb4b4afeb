// Supply-risk views over the ledger: the concentration of what a buyer received, by origin country and by
// supplier. Loads receipts and origin shares; the measures and the rule live in domain/concentration.ts.
import type { ContentKey } from "../domain/assay.ts";
import { type ConcentrationLimits, type Receipt, supplyConcentration } from "../domain/concentration.ts";
import { LodestoneError } from "../domain/errors.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import { getLots, movementsAtOrOf } from "../store/lot-store.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { traceOriginShares } from "./trace.ts";

export interface ConcentrationReport extends ReturnType<typeof supplyConcentration> {
  /** The receipts counted: those dated (in the receiving site's local time) within it, when one is given. */
  period?: { from: string; to: string };
  /** Receipts with no recorded composition: their content of the element is unknown, so they are listed, not counted. */
  unassayed: { lot: string; event: string; massKg: number }[];
}

/** Material received at the buyer's sites (the sites it operates), weighed by its content of the element. */
export async function buyerConcentration(
  ledger: Ledger,
  buyerId: string,
  element: ContentKey,
  limits: Omit<ConcentrationLimits, "buyerCountry"> & { period?: { from: string; to: string } } = {},
): Promise<ConcentrationReport> {
  const { period, ...shareLimits } = limits;
  const masterData = await loadMasterData(ledger.db);
  // The buyer may be named by its master-data id or by the same PGLN in another form (URN or Digital Link).
  const wanted = canonicalIdentifier(buyerId);
  const organisation = masterData.organisations.find(
    (o) => o.id === buyerId || canonicalIdentifier(o.id) === wanted,
  );
  if (!organisation) {
    throw new LodestoneError("NOT_FOUND", `buyer: no organisation ${buyerId} in the master data`);
  }
  const buyer = organisation.id;
  const buyerSites = new Set(masterData.sites.filter((s) => s.operator === buyer).map((s) => s.id));
  const operatorOf = new Map(masterData.sites.map((s) => [s.id, s.operator ?? null]));
  const countryOf = new Map(masterData.sites.map((s) => [s.id, s.country]));
  const within = (date: string) => !period || (date >= period.from && date <= period.to);
  const received = (await movementsAtOrOf(ledger.db, { sites: [...buyerSites], lots: [] })).filter(
    (m) =>
      m.kind === "received" && buyerSites.has(m.site) && within((m.localTime ?? m.eventTime).slice(0, 10)),
  );
  const lots = await getLots(
    ledger.db,
    received.map((m) => m.lot),
  );
  const originsOf = new Map<string, Receipt["origins"]>();
  const receipts: Receipt[] = [];
  const unassayed: ConcentrationReport["unassayed"] = [];
  for (const m of received) {
    if (Object.keys(m.contents).length === 0) {
      unassayed.push({ lot: m.lot, event: m.event, massKg: m.massKg });
      continue;
    }
    const elementKg = m.contents[element] ?? 0;
    if (elementKg <= 0) continue; // holds none of the element: no part of its supply
    let origins = originsOf.get(m.lot);
    if (!origins) {
      const shares = (await traceOriginShares(ledger, m.lot, [element]))[element] ?? [];
      // Content the graph cannot place is of unknown origin, never left out of the country shares.
      origins = shares.length
        ? shares.map((o) => ({
            // A lot that records no origin country takes the country of the site it came from.
            country: o.country ?? (o.site ? (countryOf.get(o.site) ?? null) : null),
            mine: o.site,
            source: o.source,
            share: o.share,
          }))
        : [{ country: null, mine: null, source: null, share: 1 }];
      originsOf.set(m.lot, origins);
    }
    const site = lots.get(m.lot)?.site;
    receipts.push({
      lot: m.lot,
      event: m.event,
      supplier: site ? (operatorOf.get(site) ?? null) : null,
      elementKg,
      origins,
    });
  }
  const result = supplyConcentration(buyer, element, receipts, {
    ...shareLimits,
    ...(organisation.country ? { buyerCountry: organisation.country } : {}),
  });
  if (!period) return { ...result, unassayed };
  // A period's findings are of that period, apart from the ledger's own (which count every receipt).
  const findings = result.findings.map((f) => ({
    ...f,
    id: `${f.id}:${period.from}/${period.to}`,
    period: { from: period.from, to: period.to },
  }));
  return { ...result, findings, period, unassayed };
}
