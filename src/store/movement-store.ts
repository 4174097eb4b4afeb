// The SQL of stock movements, the lot graph's record of what entered and left each site: written at capture, read
// by the rules, balances, contracts and reports.
import type { Kysely } from "kysely";
import type { ContentsKg } from "../domain/assay.ts";
import { appendTo } from "../domain/grouping.ts";
import type { LotMovement, MovementKind } from "../domain/inventory.ts";
import { chunks as batchesOf } from "./batches.ts";
import type { Database } from "./schema.ts";

const BATCH = 300;
const chunks = <T>(items: T[]) => batchesOf(items, BATCH);

export async function insertMovements(trx: Kysely<Database>, movements: LotMovement[]): Promise<void> {
  for (const batch of chunks(movements)) {
    await trx
      .insertInto("lot_movements")
      .values(
        batch.map((m) => ({
          event_hash: m.event,
          event_time_utc: m.eventTime,
          event_time_local: m.localTime ?? null,
          site: m.site,
          lot_id: m.lot,
          kind: m.kind,
          mass_kg: m.massKg,
          contents: JSON.stringify(m.contents),
          destination: m.destination ?? null,
        })),
      )
      .execute();
  }
}

const byEventTime = (a: { event_time_utc: string }, b: { event_time_utc: string }) =>
  a.event_time_utc < b.event_time_utc ? -1 : a.event_time_utc > b.event_time_utc ? 1 : 0;

const rowToMovement = (r: Database["lot_movements"]): LotMovement => ({
  event: r.event_hash,
  eventTime: r.event_time_utc,
  ...(r.event_time_local ? { localTime: r.event_time_local } : {}),
  site: r.site,
  lot: r.lot_id,
  kind: r.kind as MovementKind,
  massKg: r.mass_kg,
  contents: JSON.parse(r.contents) as ContentsKg,
  ...(r.destination ? { destination: r.destination } : {}),
});

export async function listMovements(db: Kysely<Database>, site?: string): Promise<LotMovement[]> {
  let q = db.selectFrom("lot_movements").selectAll();
  if (site) q = q.where("site", "=", site);
  const rows = await q.orderBy("event_time_utc").execute();
  return rows.map(rowToMovement);
}

/**
 * The stock movements at any of these sites or of any of these lots, in event-time order (ties in the order
 * listMovements gives them), each once: what an evaluation of those sites and lots reads.
 */
export async function movementsAtOrOf(
  db: Kysely<Database>,
  where: { sites: string[]; lots: string[]; skipStockOnly?: boolean },
): Promise<LotMovement[]> {
  // A movement is one per event, lot, kind and site: the rows at the sites, then the lots' rows elsewhere, so
  // no row is read twice (a lot's movements at the scope's own sites are most of them).
  const sites = [...new Set(where.sites)];
  const atSites = new Set(sites);
  const rows: Database["lot_movements"][] = [];
  // Receipts and consumptions count only in stock balances, which INVENTORY_NEGATIVE reads from its aggregates
  // (inventory-store.ts); the other rules read them of residue lots only.
  const select = () => {
    const q = db.selectFrom("lot_movements").selectAll();
    if (!where.skipStockOnly) return q;
    return q.where((eb) =>
      eb.or([
        eb("kind", "in", ["produced", "shipped"]),
        eb("lot_id", "in", eb.selectFrom("lots").select("lot_id").where("material_class", "=", "residue")),
      ]),
    );
  };
  for (const batch of chunks(sites)) rows.push(...(await select().where("site", "in", batch).execute()));
  for (const batch of chunks([...new Set(where.lots)])) {
    let q = select().where("lot_id", "in", batch);
    // Few sites are left out in SQL, so their rows are never built; many are left out as the rows come back.
    if (sites.length > 0 && sites.length <= BATCH) q = q.where("site", "not in", sites);
    for (const r of await q.execute()) if (!atSites.has(r.site)) rows.push(r);
  }
  return rows.sort(byEventTime).map(rowToMovement);
}

/** The events that moved each of these lots, wherever they were. */
export async function movementEventsOf(db: Kysely<Database>, lots: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const batch of chunks([...new Set(lots)]))
    for (const r of await db
      .selectFrom("lot_movements")
      .select(["lot_id", "event_hash"])
      .where("lot_id", "in", batch)
      .orderBy("event_time_utc")
      .execute())
      appendTo(out, r.lot_id, r.event_hash);
  return out;
}

/** The lots a shipping event moved (an export found by its event names no lot of its own). */
export async function lotsShippedBy(db: Kysely<Database>, events: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const batch of chunks([...new Set(events)])) {
    const rows = await db
      .selectFrom("lot_movements")
      .select(["event_hash", "lot_id"])
      .where("event_hash", "in", batch)
      .where("kind", "=", "shipped")
      .execute();
    for (const r of rows) appendTo(out, r.event_hash, r.lot_id);
  }
  return out;
}
