// The what-if view over the ledger: a party stops supplying today; which contracts, materials and downstream
// customers lose how much. Loads traces and receipts; the arithmetic is in domain/what-if.ts.

import { productOf } from "../domain/contract-specification.ts";
import { addDays } from "../domain/contract-terms.ts";
import { LodestoneError } from "../domain/errors.ts";
import {
  type ContractExposure,
  contractExposure,
  dependencyOnParty,
  type LotDependency,
  shortfallByMaterial,
} from "../domain/what-if.ts";
import { cbvValue } from "../standards/epcis/cbv.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import { eventParties } from "../store/event-store.ts";
import { downstreamClosure, listLots, listMovements } from "../store/lot-store.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { contractDeliveries } from "./contracts.ts";
import { traceLot } from "./trace.ts";

const OWNING_PARTY = cbvValue("SDT", "owning_party");

export interface WhatIfReport {
  party: string;
  name: string;
  asOf: string;
  /** Receipts in this window count as the customers' current supply. */
  window: { from: string; to: string };
  contracts: ContractExposure[];
  materials: { material: string; shortfallT: number }[];
  customers: { organisation: string; name: string; lots: number; receivedKg: number; dependentKg: number }[];
}

export async function whatIf(ledger: Ledger, partyId: string, asOf: string): Promise<WhatIfReport> {
  const masterData = await loadMasterData(ledger.db);
  const wanted = canonicalIdentifier(partyId);
  const party = masterData.organisations.find(
    (o) => o.id === partyId || canonicalIdentifier(o.id) === wanted,
  );
  if (!party) throw new LodestoneError("NOT_FOUND", `party: no organisation ${partyId} in the master data`);
  const same = (a: string, b: string) => canonicalIdentifier(a) === canonicalIdentifier(b);
  const partySites = new Set(
    masterData.sites.filter((s) => s.operator && same(s.operator, party.id)).map((s) => s.id),
  );
  for (const l of masterData.licences) if (same(l.holder, party.id)) partySites.add(l.site);
  const partyMines = new Set(
    masterData.sites.filter((s) => s.kind === "mine" && partySites.has(s.id)).map((s) => s.id),
  );
  for (const l of masterData.licences) if (same(l.holder, party.id)) partyMines.add(l.site);
  const window = { from: addDays(asOf, -365), to: asOf };

  const cache = new Map<string, LotDependency>();
  const dependency = async (lot: string): Promise<LotDependency> => {
    const known = cache.get(lot);
    if (known) return known;
    const trace = await traceLot(ledger, lot, { elements: ["TREO"] });
    const d = dependencyOnParty(
      lot,
      trace.nodes.map((n) => ({ lot: n.lot, site: n.site })),
      trace.originShares.TREO ?? [],
      partySites,
      partyMines,
    );
    cache.set(lot, d);
    return d;
  };

  const contracts: ContractExposure[] = [];
  for (const c of masterData.contracts.filter((x) => x.status === "open")) {
    if (same(c.seller, party.id)) {
      contracts.push(contractExposure(c, "seller", new Map(), asOf));
      continue;
    }
    const deliveries = (await contractDeliveries(ledger, masterData, c)).filter((d) => d.date <= asOf);
    const recent = deliveries.filter((d) => d.date > window.from);
    // The latest year's deliveries say where the supply comes from; without any, all deliveries so far.
    const basis = recent.length > 0 ? recent : deliveries;
    const byProduct = new Map<string, { massKg: number; dependentKg: number }>();
    for (const d of basis) {
      const product = productOf(c, d);
      if (!product) continue;
      const total = byProduct.get(product.id) ?? { massKg: 0, dependentKg: 0 };
      total.massKg += d.massKg;
      total.dependentKg += d.massKg * (await dependency(d.lot)).share;
      byProduct.set(product.id, total);
    }
    const shares = new Map(
      [...byProduct.entries()].map(([p, t]) => [p, t.massKg > 0 ? t.dependentKg / t.massKg : 0]),
    );
    if ([...shares.values()].some((s) => s > 0))
      contracts.push(contractExposure(c, "upstream", shares, asOf));
  }

  // Customers: receipts in the window of lots made by the party or downstream of them, by the new owner.
  const lots = await listLots(ledger.db);
  const downstream = await downstreamClosure(
    ledger.db,
    lots.filter((l) => l.site && partySites.has(l.site)).map((l) => l.id),
  );
  const operatorOf = new Map(masterData.sites.map((s) => [s.id, s.operator]));
  const receipts = (await listMovements(ledger.db)).filter(
    (m) =>
      m.kind === "received" &&
      downstream.has(m.lot) &&
      m.eventTime.slice(0, 10) > window.from &&
      m.eventTime.slice(0, 10) <= asOf,
  );
  const ownerOf = await eventParties(
    ledger.db,
    receipts.map((r) => r.event),
    "destination",
    OWNING_PARTY,
  );
  const idOf = new Map(masterData.organisations.map((o) => [canonicalIdentifier(o.id), o.id]));
  const names = new Map(masterData.organisations.map((o) => [o.id, o.name]));
  const byCustomer = new Map<string, { lots: Set<string>; receivedKg: number; dependentKg: number }>();
  for (const r of receipts) {
    const raw = ownerOf.get(r.event) ?? operatorOf.get(r.site);
    if (!raw) continue;
    const customer = idOf.get(canonicalIdentifier(raw)) ?? raw;
    if (same(customer, party.id)) continue;
    const d = await dependency(r.lot);
    if (d.share <= 0) continue;
    const entry = byCustomer.get(customer) ?? { lots: new Set<string>(), receivedKg: 0, dependentKg: 0 };
    // A lot received twice by the same customer (its port, then its toller) is its supply once.
    if (entry.lots.has(r.lot)) continue;
    entry.lots.add(r.lot);
    entry.receivedKg += r.massKg;
    entry.dependentKg += r.massKg * d.share;
    byCustomer.set(customer, entry);
  }
  return {
    party: party.id,
    name: party.name,
    asOf,
    window,
    contracts,
    materials: shortfallByMaterial(contracts),
    customers: [...byCustomer.entries()]
      .map(([organisation, e]) => ({
        organisation,
        name: names.get(organisation) ?? organisation,
        lots: e.lots.size,
        receivedKg: e.receivedKg,
        dependentKg: e.dependentKg,
      }))
      .sort((a, b) => b.dependentKg - a.dependentKg),
  };
}
