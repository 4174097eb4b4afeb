// The evaluate verb: builds the rules' context from the stored projection and master data, runs every rule
// (compliance, mass balance, inventory), extends each finding's taint to the lots downstream, and records
// the outcome in the findings store. Run after each capture and on demand, with the same result.
import { sql } from "kysely";
import { productOf } from "../domain/contract-specification.ts";
import type { Finding } from "../domain/finding.ts";
import { inventoryFindings, type LotMovement } from "../domain/inventory.ts";
import type { TransformationFlows } from "../domain/mass-balance.ts";
import { massBalance } from "../domain/mass-balance.ts";
import type { MasterData } from "../domain/masterdata.ts";
import { RULE_PACKS } from "../domain/rule-packs.ts";
import type {
  EnvironmentInputs,
  ExportRecord,
  Extraction,
  RuleContext,
  Shipment,
} from "../domain/rules/context.ts";
import { counterpartyLegalPropagation } from "../domain/rules/counterparty-legal.ts";
import { evaluateCompliance } from "../domain/rules/index.ts";
import { cbvValue } from "../standards/epcis/cbv.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import { eventParties } from "../store/event-store.ts";
import { type FindingsDiff, recordEvaluation } from "../store/findings-store.ts";
import {
  downstreamClosure,
  edgesInto,
  type Lot,
  listLots,
  listMovements,
  listTransformations,
} from "../store/lot-store.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { contractDeliveries, contractFindings } from "./contracts.ts";
import { revokeTaintedPassports } from "./passport.ts";

const EXTRACTED_CLASSES = new Set(["ore", "ilmenite", "zircon", "rutile", "monazite"]);
const LOCATION = cbvValue("SDT", "location");
const OWNING_PARTY = cbvValue("SDT", "owning_party");

export async function buildRuleContext(ledger: Ledger): Promise<RuleContext> {
  return (await loadRuleInputs(ledger)).context;
}

/** The rules' context and the stock movements it was built from (the evaluation reuses them). */
async function loadRuleInputs(
  ledger: Ledger,
): Promise<{ context: RuleContext; movements: LotMovement[]; lots: Lot[] }> {
  const masterData = await loadMasterData(ledger.db);
  const lots = await listLots(ledger.db);
  const movements = await listMovements(ledger.db);
  const sites = new Map(masterData.sites.map((s) => [s.id, s]));
  const lotById = new Map(lots.map((l) => [l.id, l]));

  // Extractions: lots created without inputs at a mine, or of an extracted class, grouped by event.
  const extractionByEvent = new Map<string, Extraction>();
  for (const m of movements) {
    if (m.kind !== "produced") continue;
    const lot = lotById.get(m.lot);
    if (lot?.createdKind !== "ObjectEvent" || lot.createdEvent !== m.event) continue;
    const atMine = sites.get(m.site)?.kind === "mine";
    if (!atMine && !EXTRACTED_CLASSES.has(lot.materialClass ?? "")) continue;
    const e = extractionByEvent.get(m.event) ?? {
      event: m.event,
      // Rules count days and years in the event's own time zone (a miner's year is its local calendar year).
      time: m.localTime ?? m.eventTime,
      site: m.site,
      lots: [],
      massT: 0,
      treoT: 0,
      ...(lot.originLicence ? { licence: lot.originLicence } : {}),
      ...(lot.mineral ? { mineral: lot.mineral } : {}),
      ...(lot.point ? { point: lot.point } : {}),
    };
    e.lots.push(m.lot);
    e.massT += m.massKg / 1000;
    e.treoT += (m.contents.TREO ?? 0) / 1000;
    extractionByEvent.set(m.event, e);
  }

  const shipped = movements.filter((m) => m.kind === "shipped");
  const shipments: Shipment[] = shipped.map((m) => ({
    event: m.event,
    time: m.localTime ?? m.eventTime,
    site: m.site,
    massT: m.massKg / 1000,
  }));

  // Exports: customs export declarations, and shipments whose destination location lies in another country.
  const exports: ExportRecord[] = [];
  const movementEvents = new Map<string, string[]>();
  for (const m of movements) movementEvents.set(m.lot, [...(movementEvents.get(m.lot) ?? []), m.event]);
  const lotEvents = (lot: string) =>
    [...new Set([lotById.get(lot)?.createdEvent, ...(movementEvents.get(lot) ?? [])])].filter(
      (e): e is string => e !== undefined,
    );
  const processed = async (lot: string) => (await edgesInto(ledger.db, [lot])).length > 0;
  for (const d of masterData.declarations) {
    if (d.kind !== "customs_export" || !d.customs) continue;
    const lot = lotById.get(d.customs.lot);
    exports.push({
      id: d.id,
      lot: d.customs.lot,
      date: d.customs.date,
      exporter: d.declarant,
      originCountry: d.customs.originCountry,
      destinationCountry: d.customs.destinationCountry,
      quantityT: d.quantityT ?? 0,
      declaration: d,
      ...(lot?.materialClass ? { materialClass: lot.materialClass } : {}),
      ...(lot?.assay ? { assay: lot.assay } : {}),
      processedUpstream: await processed(d.customs.lot),
      events: lotEvents(d.customs.lot),
    });
  }
  const declaredLots = new Set(exports.map((x) => x.lot));
  const crossBorder = shipped.filter((m) => !declaredLots.has(m.lot));
  if (crossBorder.length > 0) {
    const destinationOf = await eventParties(
      ledger.db,
      crossBorder.map((m) => m.event),
      "destination",
      LOCATION,
    );
    for (const m of crossBorder) {
      const from = sites.get(m.site)?.country;
      const to = sites.get(destinationOf.get(m.event) ?? "")?.country;
      if (!from || !to || from === to) continue;
      const lot = lotById.get(m.lot);
      exports.push({
        id: m.event,
        lot: m.lot,
        date: (m.localTime ?? m.eventTime).slice(0, 10),
        ...(sites.get(m.site)?.operator ? { exporter: sites.get(m.site)?.operator as string } : {}),
        originCountry: from,
        destinationCountry: to,
        quantityT: m.massKg / 1000,
        ...(lot?.materialClass ? { materialClass: lot.materialClass } : {}),
        ...(lot?.assay ? { assay: lot.assay } : {}),
        processedUpstream: await processed(m.lot),
        events: lotEvents(m.lot),
      });
    }
  }
  const context: RuleContext = {
    masterData,
    lots: lots.map((l) => ({ id: l.id, ...(l.site ? { site: l.site } : {}) })),
    extractions: [...extractionByEvent.values()],
    exports,
    shipments,
    packs: RULE_PACKS,
  };
  return { context, movements, lots };
}

/** Every lot downstream of the given lots, including them: one walk of the graph for all of them. */
async function downstreamOf(ledger: Ledger, lots: string[], memo: Map<string, string[]>): Promise<string[]> {
  const starts = [...new Set(lots)].sort();
  const key = starts.join("\n");
  const cached = memo.get(key);
  if (cached) return cached;
  const closure = [...(await downstreamClosure(ledger.db, starts))].sort();
  memo.set(key, closure);
  return closure;
}

export async function evaluateAll(
  ledger: Ledger,
  options: { codes?: string[]; since?: string; asOf?: string } = {},
): Promise<Finding[]> {
  const { context, movements, lots } = await loadRuleInputs(ledger);
  const transformations = await listTransformations(ledger.db);
  context.environment = await environmentInputs(
    ledger,
    context.masterData,
    transformations,
    movements,
    lots,
    options.asOf,
  );
  let findings = [
    ...evaluateCompliance(context, options.codes),
    ...transformations.flatMap((t) => massBalance(t)),
    ...inventoryFindings(movements),
    // Contract periods close with the calendar, so contracts are judged as of the caller's date.
    ...(options.asOf ? await contractFindings(ledger, context.masterData, options.asOf) : []),
  ];
  if (options.codes) findings = findings.filter((f) => options.codes?.includes(f.code));
  const memo = new Map<string, string[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    out.push({
      ...f,
      evidence: {
        events: [...new Set(f.evidence.events)].sort(),
        documents: [...new Set(f.evidence.documents)].sort(),
      },
      taints: await downstreamOf(ledger, f.taints, memo),
    });
  }
  out.push(...(await legalPropagation(ledger, context.masterData, out)));
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * What the environmental rules need: plants' flows, stock movements, lots, a date (the caller's, else the
 * newest movement's, so an evaluation without a date is the same on every run) and the activity limits the
 * contracts set for the lots they delivered.
 */
async function environmentInputs(
  ledger: Ledger,
  masterData: MasterData,
  transformations: TransformationFlows[],
  movements: LotMovement[],
  lots: Lot[],
  asOf: string | undefined,
): Promise<EnvironmentInputs> {
  const contractActivityLimits: EnvironmentInputs["contractActivityLimits"] = {};
  for (const contract of masterData.contracts) {
    for (const delivery of await contractDeliveries(ledger, masterData, contract)) {
      const spec = productOf(contract, delivery)?.spec;
      if (!spec || (spec.maxThBqPerG === undefined && spec.maxUBqPerG === undefined)) continue;
      const known = contractActivityLimits[delivery.lot];
      const lowest = (a: number | undefined, b: number | undefined) =>
        a === undefined ? b : b === undefined ? a : Math.min(a, b);
      const th = lowest(known?.Th, spec.maxThBqPerG);
      const u = lowest(known?.U, spec.maxUBqPerG);
      contractActivityLimits[delivery.lot] = {
        contract: known?.contract ?? contract.id,
        ...(th === undefined ? {} : { Th: th }),
        ...(u === undefined ? {} : { U: u }),
      };
    }
  }
  let newest = "";
  for (const m of movements) if (m.eventTime > newest) newest = m.eventTime;
  return {
    asOf: asOf ?? (newest.slice(0, 10) || "1970-01-01"),
    transformations,
    movements,
    lots,
    contractActivityLimits,
  };
}

/** Contracts with, and holders of lots from, a party with an open legal event (rule in counterparty-legal.ts). */
async function legalPropagation(
  ledger: Ledger,
  masterData: MasterData,
  findings: Finding[],
): Promise<Finding[]> {
  const legal = findings.filter((f) => f.code === "COUNTERPARTY_LEGAL");
  if (legal.length === 0) return [];
  const tainted = [...new Set(legal.flatMap((f) => f.taints))];
  const idOf = new Map(masterData.organisations.map((o) => [canonicalIdentifier(o.id), o.id]));
  const holdersOf = new Map<string, string[]>();
  for (let i = 0; i < tainted.length; i += 500) {
    const rows = await ledger.db
      .selectFrom("event_quantities")
      .innerJoin("event_parties", "event_parties.event_hash", "event_quantities.event_hash")
      .select(["event_quantities.epc_class as lot", "event_parties.party as party"])
      .where("event_parties.direction", "=", "destination")
      .where("event_parties.type", "=", OWNING_PARTY)
      .where("event_quantities.epc_class", "in", tainted.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const holder = idOf.get(canonicalIdentifier(r.party)) ?? r.party;
      const holders = holdersOf.get(r.lot) ?? [];
      if (!holders.includes(holder)) holdersOf.set(r.lot, [...holders, holder]);
    }
  }
  const names = new Map(masterData.organisations.map((o) => [o.id, o.name]));
  return counterpartyLegalPropagation(
    legal,
    masterData.contracts,
    holdersOf,
    (o) => names.get(o) ?? o,
    (a, b) => canonicalIdentifier(a) === canonicalIdentifier(b),
  );
}

/** Evaluates and records the outcome; returns the findings and what changed in the store. */
export function evaluateAndRecord(
  ledger: Ledger,
  now: Date,
  options: { codes?: string[] } = {},
): Promise<{ findings: Finding[]; diff: FindingsDiff }> {
  // One evaluation at a time per ledger in this process: a later one must see what an earlier one recorded,
  // or the earlier, staler view could be written last. Across processes the advisory lock keeps two
  // recordings from inserting the same finding at once. A caller that finds an evaluation of the same rules
  // still waiting its turn joins it: it starts after this caller's writes, so its findings are as fresh, and a
  // burst of captures costs two evaluations instead of one per capture.
  let queue = evaluations.get(ledger);
  if (!queue) {
    queue = { tail: Promise.resolve(), waiting: new Map() };
    evaluations.set(ledger, queue);
  }
  const key = options.codes ? [...options.codes].sort().join(",") : "*";
  const waiting = queue.waiting.get(key);
  if (waiting) {
    if (now > waiting.now) waiting.now = now;
    return waiting.result;
  }
  const turn: WaitingEvaluation = { now, result: Promise.resolve() as never };
  const line = queue;
  turn.result = line.tail.then(() => {
    line.waiting.delete(key);
    return evaluateAndRecordNow(ledger, turn.now, options);
  });
  line.waiting.set(key, turn);
  line.tail = turn.result.then(
    () => undefined,
    () => undefined,
  );
  return turn.result;
}

interface WaitingEvaluation {
  now: Date;
  result: Promise<{ findings: Finding[]; diff: FindingsDiff }>;
}
const evaluations = new WeakMap<Ledger, { tail: Promise<void>; waiting: Map<string, WaitingEvaluation> }>();
const FINDINGS_LOCK = 7_302_114_001; // arbitrary, fixed: the findings store's advisory lock key

async function evaluateAndRecordNow(
  ledger: Ledger,
  now: Date,
  options: { codes?: string[] },
): Promise<{ findings: Finding[]; diff: FindingsDiff }> {
  const findings = await evaluateAll(ledger, { ...options, asOf: now.toISOString().slice(0, 10) });
  const diff = await ledger.writeTransaction(async (trx) => {
    if (ledger.backend === "postgres") await sql`select pg_advisory_xact_lock(${FINDINGS_LOCK})`.execute(trx);
    return recordEvaluation(trx, findings, now.toISOString(), options.codes);
  });
  // A passport whose lot a new finding taints is revoked, so verifiers see why.
  await revokeTaintedPassports(ledger, now);
  return { findings, diff };
}
