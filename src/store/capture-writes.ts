// The writes of a capture: its row in capture_documents, its events with their index rows (the event log is
// append-only; a known event is a duplicate), and its final counts.
import type { Kysely } from "kysely";
import { chunks } from "./batches.ts";
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
  const inserted = new Set<string>();
  for (const batch of chunks(records)) {
    const rows = await trx
      .insertInto("events")
      .values(
        batch.map((r) => ({
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
      .returning("event_hash")
      .execute();
    for (const row of rows) inserted.add(row.event_hash);
  }
  const fresh = records.filter((r) => inserted.has(r.eventHash));
  const epcs = fresh.flatMap((r) =>
    r.epcs.map((e) => ({ event_hash: r.eventHash, role: e.role, epc: e.epc })),
  );
  for (const batch of chunks(epcs)) await trx.insertInto("event_epcs").values(batch).execute();
  const quantities = fresh.flatMap((r) =>
    r.quantities.map((q) => ({
      event_hash: r.eventHash,
      role: q.role,
      epc_class: q.epcClass,
      quantity: q.quantity ?? null,
      uom: q.uom ?? null,
    })),
  );
  for (const batch of chunks(quantities)) await trx.insertInto("event_quantities").values(batch).execute();
  const transactions = fresh.flatMap((r) =>
    r.bizTransactions.map((b) => ({ event_hash: r.eventHash, type: b.type, biz_transaction: b.id })),
  );
  for (const batch of chunks(transactions))
    await trx.insertInto("event_biz_transactions").values(batch).execute();
  const parties = fresh.flatMap((r) =>
    r.parties.map((p) => ({ event_hash: r.eventHash, direction: p.direction, type: p.type, party: p.id })),
  );
  for (const batch of chunks(parties)) await trx.insertInto("event_parties").values(batch).execute();
  return inserted;
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
