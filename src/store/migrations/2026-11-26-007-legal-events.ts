// Legal and risk events join master data: the kind check of the master-data tables admits them.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite cannot alter a CHECK; both backends get a table without the kind check, copied over.
  await db.schema
    .createTable("masterdata_next")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("masterdata_next_pk", ["kind", "id"])
    .execute();
  await sql`insert into masterdata_next select kind, id, version, body, imported_at from masterdata`.execute(
    db,
  );
  await db.schema.dropTable("masterdata").execute();
  await db.schema.alterTable("masterdata_next").renameTo("masterdata").execute();
}

export async function down(): Promise<void> {
  // The kind check is not restored: older code simply never writes legal events.
}
