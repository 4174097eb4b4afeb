// A lot's product name, and the identifier form a capture first used for each lot or site where it differs
// from the canonical Digital Link the ledger joins by (findings name things as the capture did).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("lots").addColumn("product_name", "text").execute();
  await db.schema
    .createTable("identifier_forms")
    .addColumn("canonical", "text", (c) => c.primaryKey())
    .addColumn("captured", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("identifier_forms").execute();
  await db.schema.alterTable("lots").dropColumn("product_name").execute();
}
