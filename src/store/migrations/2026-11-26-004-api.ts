// The API's tables: asynchronous capture jobs, bearer tokens (stored hashed), and the hash-chained audit log.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("capture_jobs")
    .addColumn("job_id", "text", (c) => c.primaryKey())
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('running','success','failure')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("capture_id", "text")
    .addColumn("report", "text")
    .execute();
  await db.schema
    .createIndex("capture_jobs_org")
    .on("capture_jobs")
    .columns(["organisation", "created_at"])
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('operator','buyer','regulator','auditor','admin')`),
    )
    .addColumn("label", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull().unique())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["audit_log", "api_tokens", "capture_jobs"]) await db.schema.dropTable(table).execute();
}
