// Extractions summed per site, named licence, local year, mineral, class and point (domain/extraction-sums.ts),
// added to by every capture, so the licence rules read a mine's extractions one by one only when a rule may
// fire on them; filled here from the productions already stored, one site at a time. And the indexes the
// rules' reads by site and kind, and by destination, take.
import { type Kysely, sql } from "kysely";
import { recountExtractionSums } from "../extraction-store.ts";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("extraction_sums")
    .addColumn("group_key", "text", (c) => c.primaryKey())
    .addColumn("site", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("licence", "text")
    .addColumn("year", "text", (c) => c.notNull())
    .addColumn("mineral", "text")
    .addColumn("material_class", "text")
    .addColumn("point_lat", "double precision")
    .addColumn("point_lon", "double precision")
    .addColumn("mass_kg", "double precision", (c) => c.notNull())
    .addColumn("treo_kg", "double precision", (c) => c.notNull())
    .addColumn("first_day", "text", (c) => c.notNull())
    .addColumn("last_day", "text", (c) => c.notNull())
    .addColumn("events", "integer", (c) => c.notNull())
    .addColumn("mixed", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("extraction_sums_site").on("extraction_sums").column("site").execute();
  await db.schema.createIndex("extraction_sums_licence").on("extraction_sums").column("licence").execute();
  // The shipments that name where they go, by site and destination: at a mine the licence screen cleared, an
  // evaluation reads those to another country (and residue movements) instead of the mine's whole history.
  await db.schema
    .createIndex("lot_movements_destined")
    .on("lot_movements")
    .columns(["site", "destination"])
    .where(sql.ref("destination"), "is not", null)
    .execute();
  // Movements by site and kind, in place of by site alone: the rules read a site's productions and shipments,
  // never its receipts and consumptions, which are most of a plant's rows; every query by site still fits it.
  await db.schema
    .createIndex("lot_movements_site_kind")
    .on("lot_movements")
    .columns(["site", "kind", "event_time_utc"])
    .execute();
  await db.schema.dropIndex("lot_movements_site").execute();
  const sites = await db
    .selectFrom("lot_movements")
    .select("site")
    .distinct()
    .where("kind", "=", "produced")
    .execute();
  await recountExtractionSums(
    db,
    (sites as { site: string }[]).map((r) => r.site),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("lot_movements_site")
    .on("lot_movements")
    .columns(["site", "event_time_utc"])
    .execute();
  await db.schema.dropIndex("lot_movements_site_kind").execute();
  await db.schema.dropIndex("lot_movements_destined").execute();
  await db.schema.dropTable("extraction_sums").execute();
}
