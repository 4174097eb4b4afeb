// The lot graph projection: lots with their class, assay and origin; edges of material between lots; stock
// movements per site; transformations with their flows. Rebuildable from the event log.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("lots")
    .addColumn("lot_id", "text", (c) => c.primaryKey())
    .addColumn("material_class", "text")
    .addColumn("site", "text")
    .addColumn("origin_licence", "text")
    .addColumn("origin_country", "text")
    .addColumn("created_event", "text", (c) => c.references("events.event_hash"))
    .addColumn("created_time", "text")
    .addColumn("assay", "text")
    .execute();

  await db.schema
    .createTable("lot_edges")
    .addColumn("event_hash", "text", (c) => c.notNull().references("events.event_hash"))
    .addColumn("from_lot", "text", (c) => c.notNull())
    .addColumn("to_lot", "text", (c) => c.notNull())
    .addColumn("mass_kg", "double precision", (c) => c.notNull().check(sql`mass_kg >= 0`))
    .addColumn("contents", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("lot_edges_pk", ["event_hash", "from_lot", "to_lot"])
    .execute();
  await db.schema.createIndex("lot_edges_to").on("lot_edges").column("to_lot").execute();
  await db.schema.createIndex("lot_edges_from").on("lot_edges").column("from_lot").execute();

  await db.schema
    .createTable("lot_movements")
    .addColumn("event_hash", "text", (c) => c.notNull().references("events.event_hash"))
    .addColumn("event_time_utc", "text", (c) => c.notNull())
    .addColumn("site", "text", (c) => c.notNull())
    .addColumn("lot_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('produced','received','consumed','shipped')`),
    )
    .addColumn("mass_kg", "double precision", (c) => c.notNull().check(sql`mass_kg > 0`))
    .addColumn("contents", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("lot_movements_site")
    .on("lot_movements")
    .columns(["site", "event_time_utc"])
    .execute();
  await db.schema.createIndex("lot_movements_lot").on("lot_movements").column("lot_id").execute();

  await db.schema
    .createTable("transformations")
    .addColumn("event_hash", "text", (c) => c.primaryKey().references("events.event_hash"))
    .addColumn("site", "text")
    .addColumn("event_time_utc", "text", (c) => c.notNull())
    .addColumn("inputs", "text", (c) => c.notNull())
    .addColumn("outputs", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("transformations_site").on("transformations").column("site").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["transformations", "lot_movements", "lot_edges", "lots"]) {
    await db.schema.dropTable(table).execute();
  }
}
