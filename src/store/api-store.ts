// All SQL of the API's own records: capture jobs, hashed tokens, and the hash-chained audit log.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export interface CaptureJob {
  jobId: string;
  organisation: string;
  status: "running" | "success" | "failure";
  createdAt: string;
  finishedAt?: string;
  captureId?: string;
  report?: unknown;
}

function rowToJob(r: Database["capture_jobs"]): CaptureJob {
  return {
    jobId: r.job_id,
    organisation: r.organisation,
    status: r.status as CaptureJob["status"],
    createdAt: r.created_at,
    ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
    ...(r.capture_id ? { captureId: r.capture_id } : {}),
    ...(r.report ? { report: JSON.parse(r.report) } : {}),
  };
}

export async function createJob(
  db: Kysely<Database>,
  jobId: string,
  organisation: string,
  at: string,
): Promise<void> {
  await db
    .insertInto("capture_jobs")
    .values({
      job_id: jobId,
      organisation,
      status: "running",
      created_at: at,
      finished_at: null,
      capture_id: null,
      report: null,
    })
    .execute();
}

export async function finishJob(
  db: Kysely<Database>,
  jobId: string,
  status: "success" | "failure",
  at: string,
  report: unknown,
  captureId?: string,
): Promise<void> {
  await db
    .updateTable("capture_jobs")
    .set({ status, finished_at: at, report: JSON.stringify(report), capture_id: captureId ?? null })
    .where("job_id", "=", jobId)
    .execute();
}

export async function getJob(db: Kysely<Database>, jobId: string): Promise<CaptureJob | undefined> {
  const row = await db.selectFrom("capture_jobs").selectAll().where("job_id", "=", jobId).executeTakeFirst();
  return row ? rowToJob(row) : undefined;
}

export async function listJobs(db: Kysely<Database>, organisation?: string): Promise<CaptureJob[]> {
  let q = db.selectFrom("capture_jobs").selectAll();
  if (organisation) q = q.where("organisation", "=", organisation);
  return (await q.orderBy("created_at", "desc").limit(1000).execute()).map(rowToJob);
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function storeToken(
  db: Kysely<Database>,
  token: string,
  organisation: string,
  role: string,
  at: string,
  label?: string,
): Promise<void> {
  await db
    .insertInto("api_tokens")
    .values({
      token_hash: hashToken(token),
      organisation,
      role,
      label: label ?? null,
      created_at: at,
      revoked_at: null,
    })
    .execute();
}

export async function findToken(
  db: Kysely<Database>,
  token: string,
): Promise<{ organisation: string; role: string } | undefined> {
  const row = await db
    .selectFrom("api_tokens")
    .select(["organisation", "role", "revoked_at"])
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  return row && !row.revoked_at ? { organisation: row.organisation, role: row.role } : undefined;
}

export interface AuditEntry {
  at: string;
  organisation: string;
  role: string;
  action: string;
  resource: string;
  detail: unknown;
}

export const GENESIS = "0".repeat(64);

/** The hash of an entry: SHA-256 over the previous hash and the entry's fields in a fixed order. */
export function auditHash(prev: string, seq: number, e: AuditEntry): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        prev,
        seq,
        e.at,
        e.organisation,
        e.role,
        e.action,
        e.resource,
        JSON.stringify(e.detail),
      ]),
    )
    .digest("hex");
}

/** Appends an entry chained to the one before; call inside a write transaction so the chain cannot fork. */
export async function appendAudit(trx: Kysely<Database>, entry: AuditEntry): Promise<void> {
  const last = await trx
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prev = last?.hash ?? GENESIS;
  await trx
    .insertInto("audit_log")
    .values({
      seq,
      at: entry.at,
      organisation: entry.organisation,
      role: entry.role,
      action: entry.action,
      resource: entry.resource,
      detail: JSON.stringify(entry.detail),
      prev_hash: prev,
      hash: auditHash(prev, seq, entry),
    })
    .execute();
}

export type AuditVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; seq: number; reason: string };

/** Walks the chain: every entry's hash must match its content and link to the entry before. */
export async function verifyAudit(db: Kysely<Database>): Promise<AuditVerdict> {
  const rows = await db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectedSeq)
      return { ok: false, entries: rows.length, seq: r.seq, reason: `entry ${expectedSeq} is missing` };
    if (r.prev_hash !== prev)
      return { ok: false, entries: rows.length, seq: r.seq, reason: "does not link to the entry before" };
    const entry = {
      at: r.at,
      organisation: r.organisation,
      role: r.role,
      action: r.action,
      resource: r.resource,
      detail: JSON.parse(r.detail) as unknown,
    };
    if (auditHash(prev, r.seq, entry) !== r.hash)
      return { ok: false, entries: rows.length, seq: r.seq, reason: "its content does not match its hash" };
    prev = r.hash;
    expectedSeq++;
  }
  return { ok: true, entries: rows.length };
}
