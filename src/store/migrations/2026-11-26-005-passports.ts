// Passports: issuer key pairs (private keys encrypted at rest; retired keys kept so old passports verify) and
// the passports issued.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("issuer_keys")
    .addColumn("kid", "text", (c) => c.primaryKey())
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("did", "text", (c) => c.notNull())
    .addColumn("public_jwk", "text", (c) => c.notNull())
    .addColumn("private_jwk_encrypted", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .execute();
  await db.schema.createIndex("issuer_keys_org").on("issuer_keys").column("organisation").execute();
  await db.schema
    .createTable("passports")
    .addColumn("credential_id", "text", (c) => c.primaryKey())
    .addColumn("lot_id", "text", (c) => c.notNull())
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("kid", "text", (c) => c.notNull().references("issuer_keys.kid"))
    .addColumn("jwt", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("passports_lot").on("passports").column("lot_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("passports").execute();
  await db.schema.dropTable("issuer_keys").execute();
}
