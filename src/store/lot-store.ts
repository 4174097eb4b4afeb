// All SQL of the lot graph projection: lots, edges and stock movements (transformation flows: transformation-store).
import type { Kysely } from "kysely";
import type { Assay, ContentsKg } from "../domain/assay.ts";
import type { LotEdge } from "../domain/lot-flows.ts";
import type { MaterialClass } from "../domain/material-class.ts";
import { chunks as batchesOf } from "./batches.ts";
import type { Database } from "./schema.ts";

export {
  insertMovements,
  listMovements,
  lotsShippedBy,
  movementEventsOf,
  movementsAtOrOf,
} from "./movement-store.ts";
export {
  insertTransformations,
  listTransformations,
  transformationsAt,
  transformationsAtOrOf,
} from "./transformation-store.ts";

export interface Lot {
  id: string;
  materialClass?: MaterialClass;
  site?: string;
  originLicence?: string;
  originCountry?: string;
  createdEvent?: string;
  createdTime?: string;
  assay?: Assay;
  createdKind?: "ObjectEvent" | "TransformationEvent";
  mineral?: string;
  point?: { lat: number; lon: number };
  productName?: string;
  /** The recycled content its maker claims (a mass fraction of its rare earths). */
  recycledContentClaim?: number;
}

function rowToLot(row: Database["lots"]): Lot {
  return {
    id: row.lot_id,
    ...(row.material_class ? { materialClass: row.material_class as MaterialClass } : {}),
    ...(row.site ? { site: row.site } : {}),
    ...(row.origin_licence ? { originLicence: row.origin_licence } : {}),
    ...(row.origin_country ? { originCountry: row.origin_country } : {}),
    ...(row.created_event ? { createdEvent: row.created_event } : {}),
    ...(row.created_time ? { createdTime: row.created_time } : {}),
    ...(row.assay ? { assay: JSON.parse(row.assay) as Assay } : {}),
    ...(row.created_kind ? { createdKind: row.created_kind as Lot["createdKind"] & string } : {}),
    ...(row.mineral ? { mineral: row.mineral } : {}),
    ...(row.point_lat !== null && row.point_lon !== null
      ? { point: { lat: row.point_lat, lon: row.point_lon } }
      : {}),
    ...(row.product_name ? { productName: row.product_name } : {}),
    ...(row.recycled_content_claim !== null ? { recycledContentClaim: row.recycled_content_claim } : {}),
  };
}

const BATCH = 300;
const chunks = <T>(items: T[], size = BATCH) => batchesOf(items, size);

export async function getLots(db: Kysely<Database>, ids: string[]): Promise<Map<string, Lot>> {
  const out = new Map<string, Lot>();
  for (const batch of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom("lots").selectAll().where("lot_id", "in", batch).execute();
    for (const row of rows) out.set(row.lot_id, rowToLot(row));
  }
  return out;
}

/** Where each lot came from (creating event, site, licence, country, class), without its assay and the rest. */
export async function lotOrigins(db: Kysely<Database>, ids: string[]): Promise<Map<string, Lot>> {
  const out = new Map<string, Lot>();
  for (const batch of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom("lots")
      .select(["lot_id", "created_event", "site", "origin_licence", "origin_country", "material_class"])
      .where("lot_id", "in", batch)
      .execute();
    for (const row of rows) {
      out.set(row.lot_id, {
        id: row.lot_id,
        ...(row.material_class ? { materialClass: row.material_class as MaterialClass } : {}),
        ...(row.created_event ? { createdEvent: row.created_event } : {}),
        ...(row.site ? { site: row.site } : {}),
        ...(row.origin_licence ? { originLicence: row.origin_licence } : {}),
        ...(row.origin_country ? { originCountry: row.origin_country } : {}),
      });
    }
  }
  return out;
}

/**
 * Writes lots created or first referenced by a capture, many to a statement. A lot already stored keeps every
 * attribute it has and gains only those it lacked (a lot first seen as an input, later created).
 */
export async function upsertLots(trx: Kysely<Database>, lots: Lot[]): Promise<void> {
  for (const batch of chunks(lots, 100)) {
    await trx
      .insertInto("lots")
      .values(
        batch.map((lot) => ({
          lot_id: lot.id,
          material_class: lot.materialClass ?? null,
          site: lot.site ?? null,
          origin_licence: lot.originLicence ?? null,
          origin_country: lot.originCountry ?? null,
          created_event: lot.createdEvent ?? null,
          created_time: lot.createdTime ?? null,
          assay: lot.assay ? JSON.stringify(lot.assay) : null,
          created_kind: lot.createdKind ?? null,
          mineral: lot.mineral ?? null,
          point_lat: lot.point?.lat ?? null,
          point_lon: lot.point?.lon ?? null,
          product_name: lot.productName ?? null,
          recycled_content_claim: lot.recycledContentClaim ?? null,
        })),
      )
      .onConflict((oc) =>
        oc.column("lot_id").doUpdateSet((eb) => ({
          material_class: eb.fn.coalesce("lots.material_class", eb.ref("excluded.material_class")),
          site: eb.fn.coalesce("lots.site", eb.ref("excluded.site")),
          origin_licence: eb.fn.coalesce("lots.origin_licence", eb.ref("excluded.origin_licence")),
          origin_country: eb.fn.coalesce("lots.origin_country", eb.ref("excluded.origin_country")),
          created_event: eb.fn.coalesce("lots.created_event", eb.ref("excluded.created_event")),
          created_time: eb.fn.coalesce("lots.created_time", eb.ref("excluded.created_time")),
          assay: eb.fn.coalesce("lots.assay", eb.ref("excluded.assay")),
          created_kind: eb.fn.coalesce("lots.created_kind", eb.ref("excluded.created_kind")),
          mineral: eb.fn.coalesce("lots.mineral", eb.ref("excluded.mineral")),
          point_lat: eb.fn.coalesce("lots.point_lat", eb.ref("excluded.point_lat")),
          point_lon: eb.fn.coalesce("lots.point_lon", eb.ref("excluded.point_lon")),
          product_name: eb.fn.coalesce("lots.product_name", eb.ref("excluded.product_name")),
          recycled_content_claim: eb.fn.coalesce(
            "lots.recycled_content_claim",
            eb.ref("excluded.recycled_content_claim"),
          ),
        })),
      )
      .execute();
  }
}

export async function insertEdges(trx: Kysely<Database>, edges: LotEdge[]): Promise<void> {
  for (const batch of chunks(edges)) {
    await trx
      .insertInto("lot_edges")
      .values(
        batch.map((e) => ({
          event_hash: e.event,
          from_lot: e.from,
          to_lot: e.to,
          mass_kg: e.massKg,
          contents: JSON.stringify(e.contentsKg),
        })),
      )
      .execute();
  }
}

export interface LotBalance {
  producedKg: number;
  consumedKg: number;
}

/** Mass of each lot produced and consumed so far, over all sites; a lot never moved is absent. */
export async function lotBalances(db: Kysely<Database>, lots: string[]): Promise<Map<string, LotBalance>> {
  const out = new Map<string, LotBalance>();
  for (const batch of chunks([...new Set(lots)])) {
    const rows = await db
      .selectFrom("lot_movements")
      .select(["lot_id", "kind", (eb) => eb.fn.sum<number | string>("mass_kg").as("kg")])
      .where("lot_id", "in", batch)
      .where("kind", "in", ["produced", "consumed"])
      .groupBy(["lot_id", "kind"])
      .execute();
    for (const row of rows) {
      const balance = out.get(row.lot_id) ?? { producedKg: 0, consumedKg: 0 };
      if (row.kind === "produced") balance.producedKg += Number(row.kg);
      else balance.consumedKg += Number(row.kg);
      out.set(row.lot_id, balance);
    }
  }
  return out;
}

function rowToEdge(row: Database["lot_edges"]): LotEdge {
  return {
    event: row.event_hash,
    from: row.from_lot,
    to: row.to_lot,
    massKg: row.mass_kg,
    contentsKg: JSON.parse(row.contents) as ContentsKg,
  };
}

export async function edgesInto(db: Kysely<Database>, lots: string[]): Promise<LotEdge[]> {
  const out: LotEdge[] = [];
  for (const batch of chunks(lots)) {
    const rows = await db.selectFrom("lot_edges").selectAll().where("to_lot", "in", batch).execute();
    out.push(...rows.map(rowToEdge));
  }
  return out;
}

/** Those of the lots that were made from others: an edge leads into them. */
export async function lotsWithInputs(db: Kysely<Database>, lots: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const batch of chunks([...new Set(lots)]))
    for (const r of await db
      .selectFrom("lot_edges")
      .select("to_lot")
      .distinct()
      .where("to_lot", "in", batch)
      .execute())
      out.add(r.to_lot);
  return out;
}

export async function edgesOutOf(db: Kysely<Database>, lots: string[]): Promise<LotEdge[]> {
  const out: LotEdge[] = [];
  for (const batch of chunks(lots)) {
    const rows = await db.selectFrom("lot_edges").selectAll().where("from_lot", "in", batch).execute();
    out.push(...rows.map(rowToEdge));
  }
  return out;
}

/** Every lot downstream of the given lots, including them: one query per tier of the graph. */
export async function downstreamClosure(db: Kysely<Database>, starts: string[]): Promise<Set<string>> {
  const seen = new Set(starts);
  let frontier = [...seen];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const e of await edgesOutOf(db, frontier)) {
      if (!seen.has(e.to)) {
        seen.add(e.to);
        next.push(e.to);
      }
    }
    frontier = next;
  }
  return seen;
}

/** The ids of the lots made at these sites, without building their rows. */
export async function lotIdsAt(db: Kysely<Database>, sites: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const batch of chunks([...new Set(sites)]))
    for (const r of await db.selectFrom("lots").select("lot_id").where("site", "in", batch).execute())
      out.push(r.lot_id);
  return out;
}

/** The sites of the lots naming these licences, without building their rows. */
export async function sitesOfLicences(db: Kysely<Database>, licences: string[]): Promise<string[]> {
  // Every lot naming a licence was made at a site with a production summed under it (extraction-store.ts):
  // a few rows a site, where the lots themselves are thousands a licence.
  const out = new Set<string>();
  for (const batch of chunks([...new Set(licences)]))
    for (const r of await db
      .selectFrom("extraction_sums")
      .select("site")
      .distinct()
      .where("licence", "in", batch)
      .execute())
      out.add(r.site);
  return [...out];
}

/** Lots made at any of these sites, or naming any of these licences, or of this material class. */
export async function lotsWhere(
  db: Kysely<Database>,
  where: { sites?: string[]; licences?: string[]; materialClass?: string },
): Promise<Lot[]> {
  const out = new Map<string, Lot>();
  for (const batch of chunks([...new Set(where.sites ?? [])]))
    for (const r of await db.selectFrom("lots").selectAll().where("site", "in", batch).execute())
      out.set(r.lot_id, rowToLot(r));
  for (const batch of chunks([...new Set(where.licences ?? [])]))
    for (const r of await db.selectFrom("lots").selectAll().where("origin_licence", "in", batch).execute())
      out.set(r.lot_id, rowToLot(r));
  if (where.materialClass)
    for (const r of await db
      .selectFrom("lots")
      .selectAll()
      .where("material_class", "=", where.materialClass)
      .execute())
      out.set(r.lot_id, rowToLot(r));
  return [...out.values()];
}

export async function producedMass(db: Kysely<Database>, lots: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const batch of chunks([...new Set(lots)])) {
    const rows = await db
      .selectFrom("lot_movements")
      .select(["lot_id", (eb) => eb.fn.sum<number | string>("mass_kg").as("kg")])
      .where("lot_id", "in", batch)
      .where("kind", "=", "produced")
      .groupBy("lot_id")
      .execute();
    for (const row of rows) out.set(row.lot_id, Number(row.kg));
  }
  return out;
}

/** Every lot, for the compliance evaluation. */
export async function listLots(db: Kysely<Database>): Promise<Lot[]> {
  const rows = await db.selectFrom("lots").selectAll().execute();
  return rows.map(rowToLot);
}
