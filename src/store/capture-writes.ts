// The writes of a capture: its row in capture_documents, its events with their index rows (the event log is
// append-only; a known event is a duplicate), and its final counts.
import type { Kysely } from "kysely";
import { chunks } from "./batches.ts";
import { onPostgres } from "./dialect.ts";
import type { CaptureRecord, EventRecord } from "./event-store.ts";
import type { Database } from "./schema.ts";

/**
 * Appends a capture and its events inside the caller's transaction. An event whose hash is already stored
 * (by this capture or an earlier one) is not stored again; the hashes actually appended are returned.
 */
export async function appendCapture(
  trx: Kysely<Database>,
  capture: CaptureRecord,
  records: EventRecord[],
): Promise<Set<string>> {
  await beginCapture(trx, capture);
  const inserted = await appendEvents(trx, capture, records);
  await finishCapture(trx, capture.captureId, {
    captured: inserted.size,
    duplicates: records.length - inserted.size,
  });
  return inserted;
}

/** The capture's own row, before its events (a document captured in parts writes it once). */
export async function beginCapture(trx: Kysely<Database>, capture: CaptureRecord): Promise<void> {
  await trx
    .insertInto("capture_documents")
    .values({
      capture_id: capture.captureId,
      organisation: capture.organisation,
      source_name: capture.sourceName ?? null,
      document_id: capture.documentId ?? null,
      document_kind: capture.documentKind,
      creation_date: capture.creationDate ?? null,
      record_time: capture.recordTime,
      event_count: capture.eventCount,
      captured_count: 0,
      duplicate_count: 0,
    })
    .execute();
}

/** Events of a capture and their index rows; returns the hashes that were new to the ledger. */
export async function appendEvents(
  trx: Kysely<Database>,
  capture: Pick<CaptureRecord, "captureId" | "organisation" | "recordTime">,
  records: EventRecord[],
): Promise<Set<string>> {
  // An event's index rows carry its sequence number (migration 013). PostgreSQL numbers from a sequence; on SQLite
  // the capture holds the only write transaction, so it numbers on from the largest number stored.
  const postgres = onPostgres(trx);
  let nextSeq = postgres
    ? 0
    : Number(
        (
          await trx
            .selectFrom("events")
            .select((eb) => eb.fn.max("event_seq").as("last"))
            .executeTakeFirst()
        )?.last ?? 0,
      ) + 1;
  const seqOf = new Map<string, number>();
  for (const batch of chunks(records)) {
    const rows = await trx
      .insertInto("events")
      .values(
        batch.map((r) => ({
          ...(postgres ? {} : { event_seq: nextSeq++ }),
          event_hash: r.eventHash,
          sender_event_id: r.event.eventId ?? null,
          event_type: r.event.kind,
          event_time_utc: r.eventTimeUtc,
          record_time: capture.recordTime,
          action: r.action ?? null,
          biz_step: r.bizStep ?? null,
          disposition: r.disposition ?? null,
          read_point: r.readPoint ?? null,
          biz_location: r.bizLocation ?? null,
          transformation_id: r.transformationId ?? null,
          capturing_organisation: capture.organisation,
          capture_id: capture.captureId,
          body: JSON.stringify(r.event),
        })),
      )
      .onConflict((oc) => oc.column("event_hash").doNothing())
      .returning(["event_hash", "event_seq"])
      .execute();
    for (const row of rows) seqOf.set(row.event_hash, Number(row.event_seq));
  }
  // An event twice in one document is stored and indexed once.
  const indexed = new Set<string>();
  const fresh = records.filter((r) => {
    if (!seqOf.has(r.eventHash) || indexed.has(r.eventHash)) return false;
    indexed.add(r.eventHash);
    return true;
  });
  const seq = (r: EventRecord) => seqOf.get(r.eventHash) as number;
  const epcs = fresh.flatMap((r) => r.epcs.map((e) => ({ event_seq: seq(r), role: e.role, epc: e.epc })));
  for (const batch of chunks(epcs)) await trx.insertInto("event_epcs").values(batch).execute();
  const quantities = fresh.flatMap((r) =>
    r.quantities.map((q) => ({
      event_seq: seq(r),
      role: q.role,
      epc_class: q.epcClass,
      quantity: q.quantity ?? null,
      uom: q.uom ?? null,
    })),
  );
  for (const batch of chunks(quantities)) await trx.insertInto("event_quantities").values(batch).execute();
  const transactions = fresh.flatMap((r) =>
    r.bizTransactions.map((b) => ({ event_seq: seq(r), type: b.type, biz_transaction: b.id })),
  );
  for (const batch of chunks(transactions))
    await trx.insertInto("event_biz_transactions").values(batch).execute();
  const parties = fresh.flatMap((r) =>
    r.parties.map((p) => ({ event_seq: seq(r), direction: p.direction, type: p.type, party: p.id })),
  );
  for (const batch of chunks(parties)) await trx.insertInto("event_parties").values(batch).execute();
  return new Set(seqOf.keys());
}

/** The capture's counts, once all its events are written. */
export async function finishCapture(
  trx: Kysely<Database>,
  captureId: string,
  counts: { captured: number; duplicates: number; eventCount?: number },
): Promise<void> {
  await trx
    .updateTable("capture_documents")
    .set({
      captured_count: counts.captured,
      duplicate_count: counts.duplicates,
      ...(counts.eventCount === undefined ? {} : { event_count: counts.eventCount }),
    })
    .where("capture_id", "=", captureId)
    .execute();
}
