// The identifier form a capture first used for a lot, site or party (URN or Digital Link) where it differs
// from the canonical Digital Link the ledger joins by: findings are shown to people in their own form.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

const BATCH = 200;

/** Records first-seen captured forms; a form already recorded for the canonical id stays (first seen wins). */
export async function recordCapturedForms(
  trx: Kysely<Database>,
  forms: { canonical: string; captured: string }[],
): Promise<void> {
  const firstSeen = new Map<string, { canonical: string; captured: string }>();
  for (const f of forms)
    if (f.canonical !== f.captured && !firstSeen.has(f.canonical)) firstSeen.set(f.canonical, f);
  const rows = [...firstSeen.values()];
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto("identifier_forms")
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) => oc.column("canonical").doNothing())
      .execute();
  }
}

/** The captured form of each of these canonical ids that has one. */
export async function capturedForms(
  db: Kysely<Database>,
  canonicalIds: string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(canonicalIds)];
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await db
      .selectFrom("identifier_forms")
      .select(["canonical", "captured"])
      .where("canonical", "in", ids.slice(i, i + BATCH))
      .execute();
    for (const row of rows) out.set(row.canonical, row.captured);
  }
  return out;
}
