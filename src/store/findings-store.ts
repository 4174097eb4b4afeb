// All SQL of findings: one row per finding id, its status workflow, and the history of every change.
import type { Kysely } from "kysely";
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
  } = {},
): Promise<FindingsDiff> {
  const { codes, inScope } = options;
  const diff: FindingsDiff = {
    opened: 0,
    updated: 0,
    cleared: 0,
    unchanged: 0,
    changes: { opened: [], reopened: [], cleared: [] },
  };
  let q = trx.selectFrom("findings").selectAll();
  if (codes) q = q.where("code", "in", codes);
  const existing = new Map((await q.execute()).map((r) => [r.id, r]));
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
