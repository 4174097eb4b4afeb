// The SQL of extraction sums (domain/extraction-sums.ts): added to by every capture in its transaction, read by
// the licence screen of an evaluation, and counted afresh from the stored productions by the migration.
import type { Kysely } from "kysely";
import { type ExtractionSum, extractionSumKey, extractionSumsOf } from "../domain/extraction-sums.ts";
import { chunks } from "./batches.ts";
import { getLots } from "./lot-store.ts";
import { movementsAtOrOf } from "./movement-store.ts";
import type { Database } from "./schema.ts";

const rowOf = (s: ExtractionSum) => ({
  group_key: extractionSumKey(s),
  site: s.site,
  kind: s.kind,
  licence: s.licence ?? null,
  year: s.year,
  mineral: s.mineral ?? null,
  material_class: s.materialClass ?? null,
  point_lat: s.point?.lat ?? null,
  point_lon: s.point?.lon ?? null,
  mass_kg: s.massKg,
  treo_kg: s.treoKg,
  first_day: s.firstDay,
  last_day: s.lastDay,
  events: s.events,
  mixed: s.mixed,
});

/**
 * Adds a capture's sums to the stored ones. Each row is added to in SQL (sum = sum + new), so concurrent
 * captures on PostgreSQL add up without a lock, and the sums never depend on the order captures commit in.
 */
export async function addToExtractionSums(trx: Kysely<Database>, sums: ExtractionSum[]): Promise<void> {
  for (const batch of chunks(sums, 100)) {
    await trx
      .insertInto("extraction_sums")
      .values(batch.map(rowOf))
      .onConflict((oc) =>
        oc.column("group_key").doUpdateSet((eb) => ({
          mass_kg: eb("extraction_sums.mass_kg", "+", eb.ref("excluded.mass_kg")),
          treo_kg: eb("extraction_sums.treo_kg", "+", eb.ref("excluded.treo_kg")),
          first_day: eb
            .case()
            .when("excluded.first_day", "<", eb.ref("extraction_sums.first_day"))
            .then(eb.ref("excluded.first_day"))
            .else(eb.ref("extraction_sums.first_day"))
            .end(),
          last_day: eb
            .case()
            .when("excluded.last_day", ">", eb.ref("extraction_sums.last_day"))
            .then(eb.ref("excluded.last_day"))
            .else(eb.ref("extraction_sums.last_day"))
            .end(),
          events: eb("extraction_sums.events", "+", eb.ref("excluded.events")),
          mixed: eb("extraction_sums.mixed", "+", eb.ref("excluded.mixed")),
        })),
      )
      .execute();
  }
}

/** The stored sums of these sites. */
export async function extractionSumsAt(db: Kysely<Database>, sites: string[]): Promise<ExtractionSum[]> {
  const out: ExtractionSum[] = [];
  for (const batch of chunks([...new Set(sites)], 300)) {
    const rows = await db.selectFrom("extraction_sums").selectAll().where("site", "in", batch).execute();
    for (const r of rows)
      out.push({
        site: r.site,
        kind: r.kind as ExtractionSum["kind"],
        ...(r.licence !== null ? { licence: r.licence } : {}),
        year: r.year,
        ...(r.mineral !== null ? { mineral: r.mineral } : {}),
        ...(r.material_class !== null ? { materialClass: r.material_class } : {}),
        ...(r.point_lat !== null && r.point_lon !== null
          ? { point: { lat: Number(r.point_lat), lon: Number(r.point_lon) } }
          : {}),
        massKg: Number(r.mass_kg),
        treoKg: Number(r.treo_kg),
        firstDay: r.first_day,
        lastDay: r.last_day,
        events: Number(r.events),
        mixed: Number(r.mixed),
      });
  }
  return out;
}

/** The sums of these sites counted afresh from their stored productions, one site at a time. */
export async function recountExtractionSums(db: Kysely<Database>, sites: string[]): Promise<void> {
  for (const site of new Set(sites)) {
    await db.deleteFrom("extraction_sums").where("site", "=", site).execute();
    const produced = (await movementsAtOrOf(db, { sites: [site], lots: [] })).filter(
      (m) => m.kind === "produced",
    );
    const lots = await getLots(
      db,
      produced.map((m) => m.lot),
    );
    await addToExtractionSums(
      db,
      extractionSumsOf(produced, (id) => lots.get(id)),
    );
  }
}
