// Offtake contracts over the ledger: the buyer's receipts from the seller become deliveries, the seller's
// named licences become capacities, and open findings and legal events upstream put undelivered volume at
// risk. The rules themselves live in domain/contract.ts.
import type { Assay } from "../domain/assay.ts";
import { contractPerformance, undeliveredCommitment } from "../domain/contract.ts";
import {
  type CapacityPlausibility,
  capacityPlausibility,
  type SourceCapacity,
} from "../domain/contract-capacity.ts";
import { treoFraction } from "../domain/contract-specification.ts";
import type { ContractPerformance, Delivery, OfftakeContract } from "../domain/contract-terms.ts";
import { LodestoneError } from "../domain/errors.ts";
import type { Finding } from "../domain/finding.ts";
import { appendTo } from "../domain/grouping.ts";
import type { LotMovement } from "../domain/inventory.ts";
import { type LegalEvent, legalEventDateLabel, type MasterData } from "../domain/masterdata.ts";
import { cbvValue } from "../standards/epcis/cbv.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import { eventParties, localEventTimes } from "../store/event-store.ts";
import { listFindings } from "../store/findings-store.ts";
import { getLots, listLots, listMovements } from "../store/lot-store.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { traceOriginShares } from "./trace.ts";

const OWNING_PARTY = cbvValue("SDT", "owning_party");

export function findContract(masterData: MasterData, id: string): OfftakeContract {
  const contract = masterData.contracts.find((c) => c.id === id);
  if (!contract) {
    const known = masterData.contracts.map((c) => c.id);
    throw new LodestoneError(
      "NOT_FOUND",
      `contract: no contract ${id}${known.length ? ` (known: ${known.join(", ")})` : " (no contracts in the master data)"}`,
    );
  }
  return contract;
}

/** The buyer's receipts of lots from the seller: by the receiving event's source owner, else the lot's maker. */
export async function contractDeliveries(
  ledger: Ledger,
  masterData: MasterData,
  contract: OfftakeContract,
): Promise<Delivery[]> {
  const buyerSites = new Set(masterData.sites.filter((s) => s.operator === contract.buyer).map((s) => s.id));
  const operatorOf = new Map(masterData.sites.map((s) => [s.id, s.operator]));
  const movements = await listMovements(ledger.db);
  const received = movements.filter((m) => m.kind === "received" && buyerSites.has(m.site));
  if (received.length === 0) return [];
  // The lot's last shipment from outside the buyer's sites before each receipt: the delivery's shipping date.
  const shipments = new Map<string, LotMovement[]>();
  for (const m of movements) {
    if (m.kind !== "shipped" || buyerSites.has(m.site)) continue;
    appendTo(shipments, m.lot, m);
  }
  const shipmentOf = (receipt: LotMovement) =>
    (shipments.get(receipt.lot) ?? []).filter((m) => m.eventTime <= receipt.eventTime).at(-1);
  const shipped = new Map(received.map((m) => [m, shipmentOf(m)]));
  const hashes = [
    ...new Set([
      ...received.map((m) => m.event),
      ...[...shipped.values()].flatMap((m) => (m ? [m.event] : [])),
    ]),
  ];
  const ownerOf = await eventParties(ledger.db, hashes, "source", OWNING_PARTY);
  // The receipt's local calendar date: a delivery on the 1st in Busan is not the 31st in UTC.
  const localTimes = await localEventTimes(ledger.db, hashes);
  const lots = await getLots(
    ledger.db,
    received.map((m) => m.lot),
  );
  const deliveries: Delivery[] = [];
  const sellerId = canonicalIdentifier(contract.seller);
  for (const m of received) {
    const lot = lots.get(m.lot);
    const seller = ownerOf.get(m.event) ?? (lot?.site ? operatorOf.get(lot.site) : undefined);
    // Parties are stored canonical (Digital Link); master data may name them as URNs.
    if (seller === undefined || canonicalIdentifier(seller) !== sellerId) continue;
    const shipment = shipped.get(m);
    deliveries.push({
      lot: m.lot,
      event: m.event,
      date: (localTimes.get(m.event) ?? m.eventTime).slice(0, 10),
      ...(shipment ? { shippedOn: (localTimes.get(shipment.event) ?? shipment.eventTime).slice(0, 10) } : {}),
      massKg: m.massKg,
      ...(lot?.materialClass ? { materialClass: lot.materialClass } : {}),
      ...(lot?.assay ? { assay: lot.assay } : {}),
    });
  }
  return deliveries;
}

/** Each named licence's capacity and grade, and the product's share of TREO from its mine's own assays. */
export async function sourceCapacities(
  ledger: Ledger,
  masterData: MasterData,
  contract: OfftakeContract,
): Promise<SourceCapacity[]> {
  const lots = await listLots(ledger.db);
  const out: SourceCapacity[] = [];
  for (const source of contract.sources) {
    const licence = masterData.licences.find((l) => l.id === source.licence);
    const product = contract.products.find((p) => p.id === source.product);
    const capacity = licence?.annualCapacity;
    if (!licence || !product || !capacity) continue;
    let share = source.oxideShareOfTreo;
    if (share === undefined) {
      const assays = lots
        .filter((l) => l.originLicence === licence.id && l.assay?.basis === "oxide")
        .map((l) => l.assay as Assay);
      share = meanOxideShare(assays, product.oxides);
    }
    out.push({
      licence: licence.id,
      product: product.id,
      capacityT: capacity.quantity,
      unit: capacity.unit,
      // A capacity in tonnes of ore without its own grade is mined at the reserve's grade.
      grade: capacity.grade ?? licence.reserve?.grade ?? null,
      oxideShareOfTreo: share ?? null,
      recoveries: source.recoveries,
    });
  }
  return out;
}

/** Share of the given oxides in the TREO of the assays (unweighted mean; the mine's assays share one grade). */
function meanOxideShare(assays: Assay[], oxides: string[]): number | undefined {
  const shares = assays
    .map((a) => {
      const treo = treoFraction(a.massFractions);
      return treo > 0 ? oxides.reduce((s, o) => s + (a.massFractions[o] ?? 0), 0) / treo : undefined;
    })
    .filter((x): x is number => x !== undefined);
  return shares.length ? shares.reduce((s, x) => s + x, 0) / shares.length : undefined;
}

export interface SupplyAtRisk {
  atRisk: boolean;
  /** Why: open legal events against the seller or an upstream party, open findings on upstream licences or sites. */
  reasons: { kind: "legal_event" | "finding"; id: string; party?: string; message: string }[];
  /** Committed tonnes still to be delivered in the next 12 months and over the rest of the term, per product. */
  undelivered: { product: string; name: string; next12MonthsT: number; restOfTermT: number }[];
}

export interface ContractReport extends ContractPerformance {
  buyer: string;
  seller: string;
  term: OfftakeContract["term"];
  status: OfftakeContract["status"];
  chainOfCustody: OfftakeContract["chainOfCustody"];
  documentsRequired: string[];
  capacity: CapacityPlausibility[];
  supplyAtRisk: SupplyAtRisk;
}

/** Everything a buyer asks of one contract, as of a date. */
export async function contractReport(ledger: Ledger, id: string, asOf: string): Promise<ContractReport> {
  const masterData = await loadMasterData(ledger.db);
  const contract = findContract(masterData, id);
  const deliveries = await contractDeliveries(ledger, masterData, contract);
  const performance = contractPerformance(contract, deliveries, asOf);
  const capacity = capacityPlausibility(
    contract,
    await sourceCapacities(ledger, masterData, contract),
    asOf.slice(0, 4),
  );
  const upstream = await upstreamOf(ledger, masterData, contract, performance);
  const openFindings = (await listFindings(ledger.db)).filter((f) => f.status !== "resolved");
  return {
    ...performance,
    findings: [...performance.findings, ...capacity.findings],
    buyer: contract.buyer,
    seller: contract.seller,
    term: contract.term,
    status: contract.status,
    chainOfCustody: contract.chainOfCustody,
    documentsRequired: contract.documentsRequired,
    capacity: capacity.plausibility,
    supplyAtRisk: supplyAtRisk(contract, asOf, upstream, masterData.legalEvents, openFindings),
  };
}

/** Parties, sites and licences upstream of the contract: the seller, the named licences, and every origin of what it delivered. */
async function upstreamOf(
  ledger: Ledger,
  masterData: MasterData,
  contract: OfftakeContract,
  performance: ContractPerformance,
): Promise<{ parties: Set<string>; subjects: Set<string> }> {
  const parties = new Set([contract.seller]);
  const subjects = new Set<string>(contract.sources.map((s) => s.licence));
  for (const s of contract.sources) {
    const licence = masterData.licences.find((l) => l.id === s.licence);
    if (licence) {
      parties.add(licence.holder);
      subjects.add(licence.site);
    }
  }
  const operatorOf = new Map(masterData.sites.map((s) => [s.id, s.operator]));
  for (const d of performance.deliveries) {
    const shares = await traceOriginShares(ledger, d.lot, ["TREO"]);
    for (const o of shares.TREO ?? []) {
      if (o.share <= 0) continue;
      if (o.licence) subjects.add(o.licence);
      if (o.site) {
        subjects.add(o.site);
        const operator = operatorOf.get(o.site);
        if (operator) parties.add(operator);
      }
    }
  }
  for (const p of parties) subjects.add(p);
  return { parties, subjects };
}

export function supplyAtRisk(
  contract: OfftakeContract,
  asOf: string,
  upstream: { parties: Set<string>; subjects: Set<string> },
  legalEvents: LegalEvent[],
  openFindings: Finding[],
): SupplyAtRisk {
  const reasons: SupplyAtRisk["reasons"] = [];
  for (const e of legalEvents) {
    if (e.status === "open" && upstream.parties.has(e.party)) {
      reasons.push({
        kind: "legal_event",
        id: e.id,
        party: e.party,
        message: `${e.kind.replace(/_/g, " ")} (${legalEventDateLabel(e)}): ${e.source.title}`,
      });
    }
  }
  for (const f of openFindings) {
    if (f.code === "CONTRACT_SHORTFALL" || f.code === "SPEC_MISMATCH" || f.code === "CONCENTRATION") continue;
    if (upstream.subjects.has(f.subject.id)) {
      reasons.push({ kind: "finding", id: f.id, message: f.message });
    }
  }
  const next12 = undeliveredCommitment(contract, asOf, 365);
  const rest = undeliveredCommitment(contract, asOf, 365 * 50);
  return {
    atRisk: contract.status === "open" && reasons.length > 0,
    reasons,
    undelivered: next12.map((n, i) => ({
      product: n.product,
      name: n.name,
      next12MonthsT: n.undeliveredT,
      restOfTermT: rest[i]?.undeliveredT ?? 0,
    })),
  };
}

/** Contract findings of every open contract, as of a date, for the evaluation. */
export async function contractFindings(
  ledger: Ledger,
  masterData: MasterData,
  asOf: string,
): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const contract of masterData.contracts) {
    if (contract.status !== "open") continue;
    const deliveries = await contractDeliveries(ledger, masterData, contract);
    out.push(...contractPerformance(contract, deliveries, asOf).findings);
    const sources = await sourceCapacities(ledger, masterData, contract);
    out.push(...capacityPlausibility(contract, sources, asOf.slice(0, 4)).findings);
  }
  return out;
}
