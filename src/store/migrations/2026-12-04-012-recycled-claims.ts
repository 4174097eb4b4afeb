// The recycled content a lot's maker claims for it (lode:recycledContentClaim), which RECYCLED_CLAIM checks
// against the recycled share its trace gives.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("lots").addColumn("recycled_content_claim", "double precision").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("lots").dropColumn("recycled_content_claim").execute();
}
