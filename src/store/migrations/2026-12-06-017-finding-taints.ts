// The lots each finding taints, one row per lot and indexed by lot: the evaluation after a capture asks which
// findings taint the lots that gained a new edge, without reading and parsing every finding's body (a licence's
// capacity finding taints every lot of its licence-year and downstream: thousands of ids in its body).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("finding_taints")
    .addColumn("finding_id", "text", (c) => c.notNull())
    .addColumn("lot_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("finding_taints_pk", ["finding_id", "lot_id"])
    .execute();
  await db.schema.createIndex("finding_taints_lot").on("finding_taints").column("lot_id").execute();
  const findings = await db.selectFrom("findings").select(["id", "body"]).execute();
  for (const f of findings as { id: string; body: string }[]) {
    const taints = [...new Set((JSON.parse(f.body) as { taints?: string[] }).taints ?? [])];
    for (let i = 0; i < taints.length; i += 1000)
      await db
        .insertInto("finding_taints")
        .values(taints.slice(i, i + 1000).map((lot_id) => ({ finding_id: f.id, lot_id })))
        .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("finding_taints").execute();
}
