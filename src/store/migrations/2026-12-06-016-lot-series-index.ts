// The index of stock movements by lot grows to cover a lot's series at each site (site, kind, time, mass), so SQL
// sums every lot's balance for INVENTORY_NEGATIVE from the index alone, in its order, without sorting the ledger;
// it replaces the index on the lot alone, which every query by lot still uses as its first column.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("lot_movements_lot_series")
    .on("lot_movements")
    .columns(["lot_id", "site", "kind", "event_time_utc", "mass_kg"])
    .execute();
  await db.schema.dropIndex("lot_movements_lot").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("lot_movements_lot").on("lot_movements").column("lot_id").execute();
  await db.schema.dropIndex("lot_movements_lot_series").execute();
}
