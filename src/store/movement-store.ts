// The SQL of stock movements, the lot graph's record of what entered and left each site: written at capture, read
// by the rules, balances, contracts and reports.
import type { ExpressionBuilder, Kysely } from "kysely";
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

/**
 * Movements in one total order: by time, then event, lot, kind and site. Rules sum in this order (a licence's
 * TREO, a year's shipments), so its sums are the same whichever query read the rows and whatever order the
 * database returned rows of one instant in (PostgreSQL's is arbitrary; the licence screen's test found sums
 * differing in their last bit between a scope and the whole ledger).
 */
const MOVEMENT_ORDER = ["event_time_utc", "event_hash", "lot_id", "kind", "site"] as const;
const byEventTime = (a: Database["lot_movements"], b: Database["lot_movements"]) => {
  for (const key of MOVEMENT_ORDER) if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  return 0;
};

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
  // Ordered here, in the one total order, not by SQL as well.
  return (await q.execute()).sort(byEventTime).map(rowToMovement);
}

/** What rules other than INVENTORY_NEGATIVE read of a site's shipments (rule-inputs.ts says why). */
export interface ShipmentsRead {
  /** Sites whose every shipment is read (a sales declaration's licence site). */
  sites: Set<string>;
  /** Each known site's country: a shipment to a site of another country is read (a possible export). */
  countryOf: Map<string, string>;
  /**
   * Mines whose every production is an extraction no licence rule can find against: none of their productions
   * is read, only their shipments abroad and their residue lots' movements.
   */
  productionsSkipped?: ReadonlySet<string>;
}

/** Beyond this many destinations in one statement every shipment with a destination is read: more, not fewer. */
const MAX_DESTINATIONS = 5_000;

/**
 * The stock movements at any of these sites or of any of these lots, in one total order (byEventTime:
 * time, event, lot, kind, site), each once: what an evaluation of those sites and lots reads. With `forRules`, only
 * what the rules beside INVENTORY_NEGATIVE read (which reads its own aggregates, inventory-store.ts): productions,
 * every movement of a residue lot, and of the sites' shipments those `forRules` names; the lots' shipments
 * elsewhere are all read.
 */
export async function movementsAtOrOf(
  db: Kysely<Database>,
  where: { sites: string[]; lots: string[]; forRules?: ShipmentsRead },
): Promise<LotMovement[]> {
  // A movement is one per event, lot, kind and site: the rows at the sites, then the lots' rows elsewhere, so
  // no row is read twice (a lot's movements at the scope's own sites are most of them).
  const sites = [...new Set(where.sites)];
  const atSites = new Set(sites);
  const rows: Database["lot_movements"][] = [];
  const forRules = where.forRules;
  const residue = (eb: ExpressionBuilder<Database, "lot_movements">) =>
    eb("lot_id", "in", eb.selectFrom("lots").select("lot_id").where("material_class", "=", "residue"));
  if (!forRules)
    for (const batch of chunks(sites))
      rows.push(...(await db.selectFrom("lot_movements").selectAll().where("site", "in", batch).execute()));
  // What the rules read at the sites, each part by an index, not by walking the sites' receipts and consumptions:
  // productions and shipments by site and kind (lot_movements_site_kind), residue lots' other movements by lot.
  // At a mine whose productions the licence screen cleared, none of its productions, and its shipments by
  // destination (partial index lot_movements_destined, migration 018). The parts are disjoint by kind.
  const skipped = forRules?.productionsSkipped ?? new Set<string>();
  if (forRules)
    for (const [cleared, all] of [
      [false, sites.filter((site) => !skipped.has(site))],
      [true, sites.filter((site) => skipped.has(site))],
    ] as const)
      for (const batch of chunks(all)) {
        const at = db.selectFrom("lot_movements").selectAll().where("site", "in", batch);
        if (!cleared) rows.push(...(await at.where("kind", "=", "produced").execute()));
        const shipped = (eb: ExpressionBuilder<Database, "lot_movements">) =>
          eb.or([residue(eb), shipmentsRead(eb, batch, forRules)]);
        rows.push(
          ...(await (cleared
            ? // Without a kind, so that the destination index is the one that fits (a destination means a shipment).
              at.where("destination", "is not", null).where(shipped)
            : at.where("kind", "=", "shipped").where(shipped)
          ).execute()),
          ...(await at
            .where(residue)
            .where((eb) =>
              cleared
                ? eb.or([eb("kind", "!=", "shipped"), eb("destination", "is", null)])
                : eb("kind", "in", ["received", "consumed"]),
            )
            .execute()),
        );
      }
  for (const batch of chunks([...new Set(where.lots)])) {
    let q = db.selectFrom("lot_movements").selectAll().where("lot_id", "in", batch);
    if (forRules) q = q.where((eb) => eb.or([eb("kind", "in", ["produced", "shipped"]), residue(eb)]));
    // Few sites are left out in SQL, so their rows are never built; many are left out as the rows come back.
    if (sites.length > 0 && sites.length <= BATCH) q = q.where("site", "not in", sites);
    for (const r of await q.execute()) if (!atSites.has(r.site)) rows.push(r);
  }
  return rows.sort(byEventTime).map(rowToMovement);
}

/** The shipments of these sites that the rules read: all at the named sites, else those to another country. */
function shipmentsRead(
  eb: ExpressionBuilder<Database, "lot_movements">,
  batch: string[],
  read: ShipmentsRead,
) {
  const byCountry = new Map<string, string[]>();
  for (const site of batch) {
    const country = read.countryOf.get(site);
    if (country) appendTo(byCountry, country, site);
  }
  const known = [...read.countryOf.entries()];
  const abroad = [...byCountry].flatMap(([country, from]) => {
    const to = known.filter(([, c]) => c !== country).map(([site]) => site);
    if (to.length === 0) return [];
    return [
      eb.and([
        eb("site", "in", from),
        to.length > MAX_DESTINATIONS ? eb("destination", "is not", null) : eb("destination", "in", to),
      ]),
    ];
  });
  const named = batch.filter((site) => read.sites.has(site));
  const which = [...(named.length > 0 ? [eb("site", "in", named)] : []), ...abroad];
  // A destination is only ever a shipment's; the named sites' rows are narrowed to shipments by the caller.
  return which.length > 0 ? eb.or(which) : eb.lit(false);
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
