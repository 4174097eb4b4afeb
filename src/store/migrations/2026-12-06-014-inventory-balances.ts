// Each element's running stock balance per site (INVENTORY_NEGATIVE), carried forward by every capture so that the
// rule reads a few rows per site instead of all its movements; filled here from the movements already stored.
import type { Kysely } from "kysely";
import { recountBalances } from "../inventory-store.ts";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("inventory_balances")
    .addColumn("site", "text", (c) => c.notNull())
    .addColumn("element", "text", (c) => c.notNull())
    .addColumn("in_kg", "double precision", (c) => c.notNull())
    .addColumn("out_kg", "double precision", (c) => c.notNull())
    .addColumn("net_kg", "double precision", (c) => c.notNull())
    .addColumn("lowest_kg", "double precision", (c) => c.notNull())
    .addColumn("last_key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("inventory_balances_pk", ["site", "element"])
    .execute();
  // Counted as a document captured in parts counts its sites: one site's movements at a time, so memory holds the
  // busiest site's, never the ledger's.
  const sites = await db.selectFrom("lot_movements").select("site").distinct().execute();
  await recountBalances(
    db,
    (sites as { site: string }[]).map((r) => r.site),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("inventory_balances").execute();
}
