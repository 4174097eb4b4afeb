// All SQL of findings: one row per finding id, its status workflow, and the history of every change.
import { type Kysely, sql } from "kysely";
import type { Finding, FindingStatus } from "../domain/finding.ts";
import type { Database } from "./schema.ts";

export interface StoredFinding extends Finding {
  statusNote?: string;
  firstSeen: string;
  lastChanged: string;
}

function rowToFinding(row: Database["findings"]): StoredFinding {
  const body = JSON.parse(row.body) as Omit<Finding, "status">;
  return {
    ...body,
    status: row.status as FindingStatus,
    ...(row.status_note ? { statusNote: row.status_note } : {}),
    firstSeen: row.first_seen,
    lastChanged: row.last_changed,
  };
}

const bodyOf = (f: Finding) => {
  const { status: _, ...rest } = f;
  return JSON.stringify(rest);
};

export interface FindingsDiff {
  opened: number;
  updated: number;
  cleared: number;
  unchanged: number;
  /** The findings that opened, reopened (found again after being cleared) or were cleared, by id. */
  changes: { opened: string[]; reopened: string[]; cleared: string[] };
}

/**
 * Records the outcome of an evaluation: new findings open, changed numbers update the finding (keeping its
 * status, history kept), and open findings the evaluation no longer produces are cleared (resolved).
 */
export async function recordEvaluation(
  trx: Kysely<Database>,
  findings: Finding[],
  at: string,
  options: {
    codes?: string[];
    /** Of an evaluation of a scope: whether a stored finding rests on it (the others are left as they are). */
    inScope?: (finding: { id: string }) => boolean;
    /**
     * Of an evaluation of a scope: the stored findings it may open, change or clear (those of its findings and
     * those inScope), so only they are read; without it every stored finding is.
     */
    among?: ReadonlySet<string>;
  } = {},
): Promise<FindingsDiff> {
  const { codes, inScope, among } = options;
  const diff: FindingsDiff = {
    opened: 0,
    updated: 0,
    cleared: 0,
    unchanged: 0,
    changes: { opened: [], reopened: [], cleared: [] },
  };
  const existing = new Map<string, Database["findings"]>();
  const read = async (ids?: string[]) => {
    let q = trx.selectFrom("findings").selectAll();
    if (codes) q = q.where("code", "in", codes);
    if (ids) q = q.where("id", "in", ids);
    for (const r of await q.execute()) existing.set(r.id, r);
  };
  if (among) {
    const ids = [...new Set([...among, ...findings.map((f) => f.id)])];
    for (let i = 0; i < ids.length; i += IN_LIST) await read(ids.slice(i, i + IN_LIST));
  } else await read();
  const seen = new Set<string>();
  for (const f of findings) {
    seen.add(f.id);
    const body = bodyOf(f);
    const row = existing.get(f.id);
    if (!row) {
      await trx
        .insertInto("findings")
        .values({
          id: f.id,
          code: f.code,
          severity: f.severity,
          status: "open",
          subject_kind: f.subject.kind,
          subject_id: f.subject.id,
          body,
          status_note: null,
          first_seen: at,
          last_changed: at,
        })
        .execute();
      await trx
        .insertInto("finding_history")
        .values({ finding_id: f.id, at, change: "opened", body })
        .execute();
      await writeTaints(trx, f);
      diff.opened++;
      diff.changes.opened.push(f.id);
      continue;
    }
    const reopened = row.status === "resolved" && row.status_note === CLEARED_NOTE;
    if (row.body === body && !reopened) {
      diff.unchanged++;
      continue;
    }
    await trx
      .updateTable("findings")
      .set({
        body,
        severity: f.severity,
        // A rule may come to name its subject differently (MASS_BALANCE: the lot, once the transformation).
        subject_kind: f.subject.kind,
        subject_id: f.subject.id,
        last_changed: at,
        ...(reopened ? { status: "open", status_note: null } : {}),
      })
      .where("id", "=", f.id)
      .execute();
    if (row.body !== body) await writeTaints(trx, f);
    await trx
      .insertInto("finding_history")
      .values({ finding_id: f.id, at, change: reopened ? "reopened" : "updated", body })
      .execute();
    diff.updated++;
    if (reopened) diff.changes.reopened.push(f.id);
  }
  for (const [id, row] of existing) {
    if (seen.has(id) || row.status === "resolved" || (inScope && !inScope({ id }))) continue;
    await trx
      .updateTable("findings")
      .set({ status: "resolved", status_note: CLEARED_NOTE, last_changed: at })
      .where("id", "=", id)
      .execute();
    await trx
      .insertInto("finding_history")
      .values({ finding_id: id, at, change: "cleared", body: row.body })
      .execute();
    diff.cleared++;
    diff.changes.cleared.push(id);
  }
  return diff;
}

/** Ids per IN list and rows per multi-row insert: well inside both backends' limits on bound parameters. */
const IN_LIST = 500;

/** A finding's rows in finding_taints, replacing those of its earlier body. */
async function writeTaints(trx: Kysely<Database>, finding: Finding): Promise<void> {
  await trx.deleteFrom("finding_taints").where("finding_id", "=", finding.id).execute();
  const lots = [...new Set(finding.taints)];
  for (let i = 0; i < lots.length; i += IN_LIST)
    await trx
      .insertInto("finding_taints")
      .values(lots.slice(i, i + IN_LIST).map((lot_id) => ({ finding_id: finding.id, lot_id })))
      .execute();
}

/** What decides the unit a stored finding rests on (findingUnit), read without the finding's body. */
export interface FindingHead {
  id: string;
  code: Finding["code"];
  subject: Finding["subject"];
  status: FindingStatus;
  statusNote?: string;
  /** A mass balance rests on the transformation it cites first; the other rules' evidence is not needed. */
  evidence: Pick<Finding["evidence"], "events">;
}

/** Every stored finding's head: a scoped evaluation sorts the findings by unit without parsing their bodies. */
export async function listFindingHeads(db: Kysely<Database>): Promise<FindingHead[]> {
  const rows = await db
    .selectFrom("findings")
    .select(["id", "code", "subject_kind", "subject_id", "status", "status_note"])
    // Only a mass balance's unit needs its body (the transformation it cites).
    .select(sql<string | null>`case when code = 'MASS_BALANCE' then body end`.as("body"))
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code as Finding["code"],
    subject: { kind: r.subject_kind, id: r.subject_id } as Finding["subject"],
    status: r.status as FindingStatus,
    ...(r.status_note ? { statusNote: r.status_note } : {}),
    evidence: { events: r.body ? (JSON.parse(r.body) as Finding).evidence.events : [] },
  }));
}

/** The ids of the stored findings that taint any of the lots (finding_taints). */
export async function findingsTainting(db: Kysely<Database>, lots: Iterable<string>): Promise<Set<string>> {
  const all = [...new Set(lots)];
  const out = new Set<string>();
  for (let i = 0; i < all.length; i += IN_LIST) {
    const rows = await db
      .selectFrom("finding_taints")
      .select("finding_id")
      .distinct()
      .where("lot_id", "in", all.slice(i, i + IN_LIST))
      .execute();
    for (const r of rows) out.add(r.finding_id);
  }
  return out;
}

/** The stored findings of the given ids, whole, in listFindings' order (code, then id). */
export async function findingsByIds(db: Kysely<Database>, ids: Iterable<string>): Promise<StoredFinding[]> {
  const all = [...new Set(ids)];
  const out: StoredFinding[] = [];
  for (let i = 0; i < all.length; i += IN_LIST) {
    const rows = await db
      .selectFrom("findings")
      .selectAll()
      .where("id", "in", all.slice(i, i + IN_LIST))
      .execute();
    out.push(...rows.map(rowToFinding));
  }
  const key = (f: StoredFinding) => `${f.code} ${f.id}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The note a finding carries when evaluation no longer produces it (a correction or new data explained it). */
export const CLEARED_NOTE = "no longer found by evaluation";

export async function listFindings(
  db: Kysely<Database>,
  filter: { codes?: string[]; statuses?: FindingStatus[]; since?: string } = {},
): Promise<StoredFinding[]> {
  let q = db.selectFrom("findings").selectAll();
  if (filter.codes) q = q.where("code", "in", filter.codes);
  if (filter.statuses) q = q.where("status", "in", filter.statuses);
  if (filter.since) q = q.where("last_changed", ">=", filter.since);
  const rows = await q.orderBy("code").orderBy("id").execute();
  return rows.map(rowToFinding);
}

export async function setFindingStatus(
  trx: Kysely<Database>,
  id: string,
  status: FindingStatus,
  note: string | undefined,
  at: string,
): Promise<boolean> {
  const row = await trx.selectFrom("findings").select("body").where("id", "=", id).executeTakeFirst();
  if (!row) return false;
  await trx
    .updateTable("findings")
    .set({ status, status_note: note ?? null, last_changed: at })
    .where("id", "=", id)
    .execute();
  await trx
    .insertInto("finding_history")
    .values({ finding_id: id, at, change: "status", body: JSON.stringify({ status, note: note ?? null }) })
    .execute();
  return true;
}

export async function findingHistory(
  db: Kysely<Database>,
  id: string,
): Promise<{ at: string; change: string; body: unknown }[]> {
  const rows = await db
    .selectFrom("finding_history")
    .selectAll()
    .where("finding_id", "=", id)
    .orderBy("at")
    .execute();
  return rows.map((r) => ({ at: r.at, change: r.change, body: JSON.parse(r.body) }));
}
