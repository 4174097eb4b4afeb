// Compliance: master data with version history, the findings store with its history, and the extraction
// attributes of lots (how a lot was created, the mineral, the extraction point).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("masterdata")
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('organisation','site','licence','permit','declaration')`),
    )
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("masterdata_pk", ["kind", "id"])
    .execute();
  await db.schema
    .createTable("masterdata_versions")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("masterdata_versions_pk", ["kind", "id", "version"])
    .execute();

  await db.schema
    .createTable("findings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull().check(sql`severity in ('info','warning','violation')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open','acknowledged','resolved')`))
    .addColumn("subject_kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status_note", "text")
    .addColumn("first_seen", "text", (c) => c.notNull())
    .addColumn("last_changed", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("findings_code").on("findings").columns(["code", "status"]).execute();
  await db.schema
    .createIndex("findings_subject")
    .on("findings")
    .columns(["subject_kind", "subject_id"])
    .execute();
  await db.schema
    .createTable("finding_history")
    .addColumn("finding_id", "text", (c) => c.notNull().references("findings.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("change", "text", (c) =>
      c.notNull().check(sql`change in ('opened','updated','status','cleared','reopened')`),
    )
    .addColumn("body", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("finding_history_finding").on("finding_history").column("finding_id").execute();

  await db.schema.alterTable("lots").addColumn("created_kind", "text").execute();
  await db.schema.alterTable("lots").addColumn("mineral", "text").execute();
  await db.schema.alterTable("lots").addColumn("point_lat", "double precision").execute();
  await db.schema.alterTable("lots").addColumn("point_lon", "double precision").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["point_lon", "point_lat", "mineral", "created_kind"]) {
    await db.schema.alterTable("lots").dropColumn(column).execute();
  }
  for (const table of ["finding_history", "findings", "masterdata_versions", "masterdata"]) {
    await db.schema.dropTable(table).execute();
  }
}
