// Indexes for looking up an event's parties and business transactions by the event: the compliance evaluation
// reads the destination of every shipment, and without them each batch of events scanned the whole table.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("event_parties_event").on("event_parties").column("event_hash").execute();
  await db.schema
    .createIndex("event_biz_transactions_event")
    .on("event_biz_transactions")
    .column("event_hash")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("event_biz_transactions_event").execute();
  await db.schema.dropIndex("event_parties_event").execute();
}
