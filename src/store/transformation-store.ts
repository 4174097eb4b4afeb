// All SQL of transformation flows: each TransformationEvent's inputs and outputs as the lot graph read them,
// with the run id (EPCIS transformationID) its event gave.
import type { Kysely } from "kysely";
import type { LotQuantity } from "../domain/lot-flows.ts";
import type { TransformationFlows } from "../domain/mass-balance.ts";
import { chunks as batchesOf } from "./batches.ts";
import type { Database } from "./schema.ts";

const BATCH = 300;
const chunks = <T>(items: T[], size = BATCH) => batchesOf(items, size);
const byEventTime = (a: { event_time_utc: string }, b: { event_time_utc: string }) =>
  a.event_time_utc < b.event_time_utc ? -1 : a.event_time_utc > b.event_time_utc ? 1 : 0;

export async function insertTransformations(
  trx: Kysely<Database>,
  transformations: TransformationFlows[],
): Promise<void> {
  for (const batch of chunks(transformations, 100)) {
    await trx
      .insertInto("transformations")
      .values(
        batch.map((t) => ({
          event_hash: t.event,
          site: t.site ?? null,
          event_time_utc: t.eventTime,
          inputs: JSON.stringify(t.inputs),
          outputs: JSON.stringify(t.outputs),
        })),
      )
      .execute();
  }
}

type TransformationRow = Database["transformations"] & { transformation_id: string | null };

const rowToTransformation = (r: TransformationRow): TransformationFlows => ({
  event: r.event_hash,
  ...(r.transformation_id ? { run: r.transformation_id } : {}),
  ...(r.site ? { site: r.site } : {}),
  eventTime: r.event_time_utc,
  inputs: JSON.parse(r.inputs) as LotQuantity[],
  outputs: JSON.parse(r.outputs) as LotQuantity[],
});

/** Transformations with the run id (EPCIS transformationID) their event gave, if any. */
function transformationRows(db: Kysely<Database>) {
  return db
    .selectFrom("transformations")
    .leftJoin("events", "events.event_hash", "transformations.event_hash")
    .selectAll("transformations")
    .select("events.transformation_id");
}

export async function listTransformations(
  db: Kysely<Database>,
  site?: string,
): Promise<TransformationFlows[]> {
  let q = transformationRows(db);
  if (site) q = q.where("transformations.site", "=", site);
  const rows = await q.orderBy("transformations.event_time_utc").execute();
  return rows.map(rowToTransformation);
}

/** The transformations at any of these sites or of these events, in event-time order. */
export async function transformationsAtOrOf(
  db: Kysely<Database>,
  where: { sites: string[]; events: string[] },
): Promise<TransformationFlows[]> {
  const rows = new Map<string, TransformationRow>();
  for (const batch of chunks([...new Set(where.sites)]))
    for (const r of await transformationRows(db).where("transformations.site", "in", batch).execute())
      rows.set(r.event_hash, r);
  for (const batch of chunks([...new Set(where.events)]))
    for (const r of await transformationRows(db).where("transformations.event_hash", "in", batch).execute())
      rows.set(r.event_hash, r);
  return [...rows.values()].sort(byEventTime).map(rowToTransformation);
}

/** The ids of the transformations at any of these sites. */
export async function transformationsAt(db: Kysely<Database>, sites: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const batch of chunks([...new Set(sites)])) {
    const rows = await db
      .selectFrom("transformations")
      .select("event_hash")
      .where("site", "in", batch)
      .execute();
    out.push(...rows.map((r) => r.event_hash));
  }
  return out;
}

/** Total mass produced of each lot (its size), for the lots that have any. */
