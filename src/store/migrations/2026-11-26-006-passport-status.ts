// Revocation of passports: each passport's index in its issuer's Bitstring Status List, and why it was revoked.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("passports").addColumn("status_index", "integer").execute();
  await db.schema.alterTable("passports").addColumn("revoked_at", "text").execute();
  await db.schema.alterTable("passports").addColumn("revocation_reason", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["revocation_reason", "revoked_at", "status_index"])
    await db.schema.alterTable("passports").dropColumn(column).execute();
}
