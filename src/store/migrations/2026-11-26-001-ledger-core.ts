// Ledger core: capture documents, the append-only event log keyed by canonical hash, and query indexes.
// Frozen in time: written against Kysely<any>, importing no application code.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("capture_documents")
    .addColumn("capture_id", "text", (c) => c.primaryKey())
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("source_name", "text")
    .addColumn("document_id", "text")
    .addColumn("document_kind", "text", (c) => c.notNull())
    .addColumn("creation_date", "text")
    .addColumn("record_time", "text", (c) => c.notNull())
    .addColumn("event_count", "integer", (c) => c.notNull().check(sql`event_count >= 0`))
    .addColumn("captured_count", "integer", (c) => c.notNull().check(sql`captured_count >= 0`))
    .addColumn("duplicate_count", "integer", (c) => c.notNull().check(sql`duplicate_count >= 0`))
    .execute();

  await db.schema
    .createTable("events")
    .addColumn("event_hash", "text", (c) => c.primaryKey().check(sql`event_hash like 'ni:///sha-256;%'`))
    .addColumn("sender_event_id", "text")
    .addColumn("event_type", "text", (c) =>
      c
        .notNull()
        .check(
          sql`event_type in ('ObjectEvent','AggregationEvent','TransactionEvent','TransformationEvent','AssociationEvent')`,
        ),
    )
    .addColumn("event_time_utc", "text", (c) => c.notNull())
    .addColumn("record_time", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.check(sql`action in ('ADD','OBSERVE','DELETE')`))
    .addColumn("biz_step", "text")
    .addColumn("disposition", "text")
    .addColumn("read_point", "text")
    .addColumn("biz_location", "text")
    .addColumn("transformation_id", "text")
    .addColumn("capturing_organisation", "text", (c) => c.notNull())
    .addColumn("capture_id", "text", (c) => c.notNull().references("capture_documents.capture_id"))
    .addColumn("body", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("events_record_order")
    .on("events")
    .columns(["record_time", "event_hash"])
    .execute();
  await db.schema
    .createIndex("events_event_time")
    .on("events")
    .columns(["event_time_utc", "event_hash"])
    .execute();
  await db.schema.createIndex("events_sender_id").on("events").column("sender_event_id").execute();
  await db.schema.createIndex("events_biz_location").on("events").column("biz_location").execute();
  await db.schema.createIndex("events_read_point").on("events").column("read_point").execute();
  await db.schema.createIndex("events_biz_step").on("events").column("biz_step").execute();
  await db.schema.createIndex("events_transformation").on("events").column("transformation_id").execute();

  await db.schema
    .createTable("event_epcs")
    .addColumn("event_hash", "text", (c) => c.notNull().references("events.event_hash"))
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('subject','parent','child','input','output')`),
    )
    .addColumn("epc", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("event_epcs_epc").on("event_epcs").columns(["epc", "role"]).execute();
  await db.schema.createIndex("event_epcs_event").on("event_epcs").column("event_hash").execute();

  await db.schema
    .createTable("event_quantities")
    .addColumn("event_hash", "text", (c) => c.notNull().references("events.event_hash"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('subject','child','input','output')`))
    .addColumn("epc_class", "text", (c) => c.notNull())
    .addColumn("quantity", "double precision", (c) => c.check(sql`quantity > 0`))
    .addColumn("uom", "text")
    .execute();
  await db.schema
    .createIndex("event_quantities_class")
    .on("event_quantities")
    .columns(["epc_class", "role"])
    .execute();
  await db.schema.createIndex("event_quantities_event").on("event_quantities").column("event_hash").execute();

  await db.schema
    .createTable("event_biz_transactions")
    .addColumn("event_hash", "text", (c) => c.notNull().references("events.event_hash"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("biz_transaction", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("event_biz_transactions_value")
    .on("event_biz_transactions")
    .columns(["type", "biz_transaction"])
    .execute();

  await db.schema
    .createTable("event_parties")
    .addColumn("event_hash", "text", (c) => c.notNull().references("events.event_hash"))
    .addColumn("direction", "text", (c) => c.notNull().check(sql`direction in ('source','destination')`))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("party", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("event_parties_value")
    .on("event_parties")
    .columns(["direction", "type", "party"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "event_parties",
    "event_biz_transactions",
    "event_quantities",
    "event_epcs",
    "events",
    "capture_documents",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
