// Indexes the incremental evaluation reads by: lots by the site that made them, by the licence they name and by
// material class; stock movements by event (the lots a shipping event moved).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("lots_site").on("lots").column("site").execute();
  await db.schema.createIndex("lots_origin_licence").on("lots").column("origin_licence").execute();
  await db.schema.createIndex("lots_material_class").on("lots").column("material_class").execute();
  await db.schema.createIndex("lot_movements_event").on("lot_movements").column("event_hash").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["lots_site", "lots_origin_licence", "lots_material_class", "lot_movements_event"])
    await db.schema.dropIndex(name).execute();
}
