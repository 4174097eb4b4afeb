// The evaluate verb: builds the rules' context from the stored projection and master data, runs every rule
// (compliance, mass balance, inventory), extends each finding's taint to the lots downstream, and records
// the outcome in the findings store. In full (on demand and after master data changes) or of what a capture
// touched (after each capture): the findings of a scope are those of a full evaluation (evaluation-scope.ts).
import { sql } from "kysely";
import {
  type EvaluationScope,
  findingUnit,
  LEDGER_WIDE_CODES,
  mergeScopes,
  unitInScope,
} from "../domain/evaluation-scope.ts";
import { calendarPeriod, type Finding, type FindingCode } from "../domain/finding.ts";
import { inventoryFindings } from "../domain/inventory.ts";
import { declaredProcesses, massBalance } from "../domain/mass-balance.ts";
import type { MasterData } from "../domain/masterdata.ts";
import { counterpartyLegalPropagation } from "../domain/rules/counterparty-legal.ts";
import { COMPLIANCE_RULES, evaluateCompliance } from "../domain/rules/index.ts";
import { cbvValue } from "../standards/epcis/cbv.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import {
  CLEARED_NOTE,
  type FindingHead,
  type FindingsDiff,
  findingsByIds,
  findingsTainting,
  listFindingHeads,
  recordEvaluation,
} from "../store/findings-store.ts";
import {
  downstreamClosure,
  listTransformations,
  lotsShippedBy,
  transformationsAtOrOf,
} from "../store/lot-store.ts";
import { currentMasterData } from "../store/masterdata-store.ts";
import { contractFindings } from "./contracts.ts";
import { inventoryOfScope, lotsThatMayBreach } from "./inventory-scope.ts";
import { ledgerParts } from "./ledger-parts.ts";
import { revokeTaintedPassports } from "./passport.ts";
import { environmentInputs, expandScope, loadRuleInputs } from "./rule-inputs.ts";

const OWNING_PARTY = cbvValue("SDT", "owning_party");
const RULE_CODES = [...Object.keys(COMPLIANCE_RULES), "MASS_BALANCE", "INVENTORY_NEGATIVE"] as FindingCode[];

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

/**
 * Every finding of the ledger, evaluated in parts of a few sites each (ledgerParts), so memory holds one part's
 * data at a time, not the ledger; each part's findings are those of a whole-ledger evaluation for its units.
 */
export async function evaluateAll(
  ledger: Ledger,
  options: { codes?: string[]; since?: string; asOf?: string } = {},
): Promise<Finding[]> {
  const masterData = await currentMasterData(ledger.db);
  // Without a date, the environmental rules take the one a whole-ledger evaluation would: the newest movement's.
  const environmentDate = options.asOf ?? (await newestMovementDate(ledger));
  const out = new Map<string, Finding>();
  let first = true;
  const lotsMayBreach = await lotsThatMayBreach(ledger, "all");
  for await (const part of ledgerParts(ledger, masterData, PART_BUDGET)) {
    const scope = await expandScope(ledger, masterData, part, { agingResidues: false });
    const found = await evaluate(ledger, masterData, {
      ...(options.asOf ? { asOf: options.asOf } : {}),
      environmentDate,
      scope,
      ledgerWide: first,
      lotsMayBreach,
    });
    first = false;
    const unitOf = await findingUnits(ledger, masterData, found);
    for (const f of found) if (unitInScope(unitOf(f), part)) out.set(f.id, f);
  }
  let findings = [...out.values()];
  if (options.codes) findings = findings.filter((f) => options.codes?.includes(f.code));
  return findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Sites and stock movements per part of a full evaluation: a part's data is what memory holds at once. */
const PART_BUDGET = { sites: 40, movements: 20_000 };

/**
 * A capture that touched more lots than this is followed by the full evaluation, which walks the ledger in
 * parts, instead of the evaluation of its scope, which holds everything the scope reaches at once: a
 * document of 200,000 events is evaluated within bounded memory (its findings are the same either way).
 */
const LARGEST_SCOPE_LOTS = 20_000;

async function newestMovementDate(ledger: Ledger): Promise<string> {
  const row = await ledger.db
    .selectFrom("lot_movements")
    .select((eb) => eb.fn.max("event_time_utc").as("newest"))
    .executeTakeFirst();
  return (row?.newest as string | null | undefined)?.slice(0, 10) || "1970-01-01";
}

/** The whole ledger evaluated at once, holding all of it in memory: the reference the parts must equal. */
export async function evaluateAllAtOnce(
  ledger: Ledger,
  options: { codes?: string[]; asOf?: string } = {},
): Promise<Finding[]> {
  return evaluate(ledger, await currentMasterData(ledger.db), options);
}

/**
 * The findings resting on a scope (an expanded one: expandScope), equal finding by finding to those of a full
 * evaluation; the date is the caller's, as a scope's newest movement is not the ledger's.
 */
export async function evaluateScope(
  ledger: Ledger,
  masterData: MasterData,
  scope: EvaluationScope,
  asOf: string,
): Promise<Finding[]> {
  const found = await evaluate(ledger, masterData, { asOf, scope });
  const unitOf = await findingUnits(ledger, masterData, found);
  return found.filter((f) => unitInScope(unitOf(f), scope));
}

/** The unit each finding rests on, with the lots of shipping events looked up in one query. */
async function findingUnits(ledger: Ledger, masterData: MasterData, findings: FindingHead[]) {
  const declared = new Set(masterData.declarations.map((d) => d.id));
  const events = findings
    .filter((f) => f.code === "EXPORT_MISDECLARED" && !declared.has(f.subject.id))
    .map((f) => f.subject.id);
  const shipped = events.length > 0 ? await lotsShippedBy(ledger.db, events) : new Map<string, string[]>();
  return (f: FindingHead) => findingUnit(f, masterData, (event) => shipped.get(event) ?? []);
}

async function evaluate(
  ledger: Ledger,
  masterData: MasterData,
  options: {
    codes?: string[];
    asOf?: string;
    /** The date of the environmental rules when no asOf is given (a part's newest movement is not the ledger's). */
    environmentDate?: string;
    scope?: EvaluationScope;
    ledgerWide?: boolean;
    /** The whole ledger's lots whose stock balance may breach, when a full evaluation found them in one pass. */
    lotsMayBreach?: Set<string>;
  },
): Promise<Finding[]> {
  const { scope } = options;
  // Ledger-wide rules (master data, contracts, legal events) need no scope; a part of a full evaluation that
  // is not the first leaves them out, as the first found them.
  const ledgerWide = options.ledgerWide !== false;
  const codes =
    options.codes ?? (ledgerWide ? undefined : RULE_CODES.filter((c) => !LEDGER_WIDE_CODES.has(c)));
  const { context, movements, lots } = await loadRuleInputs(ledger, masterData, scope);
  // A scope reads its own transformations (MASS_BALANCE and RADIONUCLIDE_BALANCE rest on each), and every
  // transformation only at its sites with an environmental permit (PERMIT_LIMIT sums a plant's year): a
  // receipt at a plant no longer reads the plant's year of transformations and their flows.
  const permitted = new Set(
    masterData.permits.flatMap((p) => (p.kind === "environmental" && p.site ? [p.site] : [])),
  );
  const transformations = scope
    ? await transformationsAtOrOf(ledger.db, {
        sites: [...scope.sites].filter((site) => permitted.has(site)),
        events: [...scope.transformations],
      })
    : await listTransformations(ledger.db);
  context.environment = await environmentInputs(
    ledger,
    context.masterData,
    transformations,
    movements,
    lots,
    options.asOf ?? options.environmentDate,
  );
  const processesAt = declaredProcesses(context.masterData);
  let findings = [
    ...evaluateCompliance(context, codes),
    ...transformations.flatMap((t) => massBalance(t, processesAt(t.site))),
    // A scope's stock balances come from their aggregates; the whole ledger's, held at once, from its movements.
    ...(scope ? await inventoryOfScope(ledger, scope, options.lotsMayBreach) : inventoryFindings(movements)),
    // Contract periods close with the calendar, so contracts are judged as of the caller's date.
    ...(options.asOf && ledgerWide ? await contractFindings(ledger, context.masterData, options.asOf) : []),
  ];
  if (codes) findings = findings.filter((f) => codes.includes(f.code));
  const memo = new Map<string, string[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    out.push({
      ...calendarPeriod(f),
      evidence: {
        events: [...new Set(f.evidence.events)].sort(),
        documents: [...new Set(f.evidence.documents)].sort(),
      },
      taints: await downstreamOf(ledger, f.taints, memo),
    });
  }
  if (ledgerWide) out.push(...(await legalPropagation(ledger, context.masterData, out)));
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
      .innerJoin("event_parties", "event_parties.event_seq", "event_quantities.event_seq")
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

/**
 * Evaluates and records the outcome; returns the findings (of the scope, when one is given) and what changed
 * in the store. With a scope (what a capture touched) only the findings resting on it are recomputed.
 */
export function evaluateAndRecord(
  ledger: Ledger,
  now: Date,
  options: { codes?: string[]; scope?: EvaluationScope } = {},
): Promise<{ findings: Finding[]; diff: FindingsDiff }> {
  // One evaluation at a time per ledger in this process: a later one must see what an earlier one recorded,
  // or the earlier, staler view could be written last. Across processes the advisory lock keeps two
  // recordings from inserting the same finding at once. A caller that finds an evaluation still waiting its
  // turn joins it when that one covers its own (a full one covers any scope; scopes are merged): it starts
  // after this caller's writes, so its findings are as fresh, and a burst of captures costs two evaluations.
  let queue = evaluations.get(ledger);
  if (!queue) {
    queue = { tail: Promise.resolve(), waiting: new Map() };
    evaluations.set(ledger, queue);
  }
  const key = options.codes ? [...options.codes].sort().join(",") : options.scope ? "scope" : "*";
  const waiting = queue.waiting.get(key) ?? (key === "scope" ? queue.waiting.get("*") : undefined);
  if (waiting) {
    if (now > waiting.now) waiting.now = now;
    if (waiting.scope && options.scope) waiting.scope = mergeScopes(waiting.scope, options.scope);
    return waiting.result;
  }
  const turn: WaitingEvaluation = {
    now,
    result: Promise.resolve() as never,
    ...(options.scope ? { scope: options.scope } : {}),
  };
  const line = queue;
  turn.result = line.tail.then(() => {
    line.waiting.delete(key);
    return evaluateAndRecordNow(ledger, turn.now, {
      ...(options.codes ? { codes: options.codes } : {}),
      ...(turn.scope ? { scope: turn.scope } : {}),
    });
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
  scope?: EvaluationScope;
  result: Promise<{ findings: Finding[]; diff: FindingsDiff }>;
}
const evaluations = new WeakMap<Ledger, { tail: Promise<void>; waiting: Map<string, WaitingEvaluation> }>();
const FINDINGS_LOCK = 7_302_114_001; // arbitrary, fixed: the findings store's advisory lock key

async function evaluateAndRecordNow(
  ledger: Ledger,
  now: Date,
  options: { codes?: string[]; scope?: EvaluationScope },
): Promise<{ findings: Finding[]; diff: FindingsDiff }> {
  const asOf = now.toISOString().slice(0, 10);
  const masterData = await currentMasterData(ledger.db);
  let findings: Finding[];
  let inScope: ((f: { id: string }) => boolean) | undefined;
  let among: Set<string> | undefined;
  const large = options.scope !== undefined && options.scope.lots.size > LARGEST_SCOPE_LOTS;
  if (options.scope && !large) {
    const scope = await expandScope(ledger, masterData, options.scope);
    findings = await evaluateScope(ledger, masterData, scope, asOf);
    // The stored findings resting on the scope are replaced by the scope's; the others stand, but a new edge
    // out of a lot they taint carries their taint further downstream. Only the heads of stored findings are
    // read to sort them by unit, and whole only those tainting a new edge's source (finding_taints).
    const stored = (await listFindingHeads(ledger.db)).filter(
      (f) => !(f.status === "resolved" && f.statusNote === CLEARED_NOTE),
    );
    const unitOf = await findingUnits(ledger, masterData, stored);
    const replaced = new Set<string>();
    const standing = new Set<string>();
    for (const f of stored) (unitInScope(unitOf(f), scope) ? replaced : standing).add(f.id);
    const tainting =
      scope.edgeSources.size > 0 ? await findingsTainting(ledger.db, scope.edgeSources) : new Set<string>();
    const carried = [...tainting].filter((id) => standing.has(id));
    for (const f of await findingsByIds(ledger.db, carried)) {
      const { statusNote: _, firstSeen: __, lastChanged: ___, ...finding } = f;
      const taints = [...(await downstreamClosure(ledger.db, f.taints))].sort();
      findings.push({ ...finding, status: "open", taints });
      replaced.add(f.id);
    }
    inScope = (f) => replaced.has(f.id);
    among = replaced;
  } else {
    findings = await evaluateAll(ledger, { ...options, asOf });
  }
  const diff = await ledger.writeTransaction(async (trx) => {
    if (ledger.backend === "postgres") await sql`select pg_advisory_xact_lock(${FINDINGS_LOCK})`.execute(trx);
    return recordEvaluation(trx, findings, now.toISOString(), {
      ...(options.codes ? { codes: options.codes } : {}),
      ...(inScope ? { inScope } : {}),
      ...(among ? { among } : {}),
    });
  });
  // A passport whose lot a new finding taints is revoked, so verifiers see why.
  await revokeTaintedPassports(ledger, now);
  return { findings, diff };
}
