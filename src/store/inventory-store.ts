// The SQL of INVENTORY_NEGATIVE's aggregates: each element's balance per site, carried forward in the capture's
// transaction, and each lot's sums per site, grouped by SQL when a rule asks (domain/inventory-balances.ts).
import { type Kysely, sql } from "kysely";
import type { ContentKey, ContentsKg } from "../domain/assay.ts";
import { appendTo } from "../domain/grouping.ts";
import type { LotMovement, MovementKind } from "../domain/inventory.ts";
import {
  type BalanceMovement,
  carryForward,
  type ElementBalance,
  elementBalances,
  type LotSeriesSums,
} from "../domain/inventory-balances.ts";
import { chunks } from "./batches.ts";
import { onPostgres } from "./dialect.ts";
import type { Database } from "./schema.ts";

/** Serialises the carrying forward of balances among concurrent captures on PostgreSQL (SQLite has one writer). */
const BALANCES_LOCK = 7_302_114_014; // arbitrary, fixed

const rowToBalance = (r: Database["inventory_balances"]): ElementBalance => ({
  site: r.site,
  element: r.element as ContentKey,
  inKg: r.in_kg,
  outKg: r.out_kg,
  netKg: r.net_kg,
  lowestKg: r.lowest_kg,
  lastKey: r.last_key,
});

/** A balance as its row. */
const balanceRow = (b: ElementBalance): Database["inventory_balances"] => ({
  site: b.site,
  element: b.element,
  in_kg: b.inKg,
  out_kg: b.outKg,
  net_kg: b.netKg,
  lowest_kg: b.lowestKg,
  last_key: b.lastKey,
});

/** The stored element balances of these sites. */
export async function balancesAt(db: Kysely<Database>, sites: string[]): Promise<ElementBalance[]> {
  const out: ElementBalance[] = [];
  for (const batch of chunks([...new Set(sites)]))
    for (const r of await db
      .selectFrom("inventory_balances")
      .selectAll()
      .where("site", "in", batch)
      .execute())
      out.push(rowToBalance(r));
  return out;
}

/** Every movement at a site, as a balance counts it. */
async function siteMovements(db: Kysely<Database>, site: string): Promise<BalanceMovement[]> {
  const rows = await db
    .selectFrom("lot_movements")
    .select(["event_hash", "lot_id", "event_time_utc", "kind", "mass_kg", "contents"])
    .where("site", "=", site)
    .execute();
  return rows.map((r) => ({
    event: r.event_hash,
    lot: r.lot_id,
    eventTime: r.event_time_utc,
    kind: r.kind as MovementKind,
    massKg: r.mass_kg,
    contents: JSON.parse(r.contents) as ContentsKg,
  }));
}

/**
 * Carries a capture's new movements (already inserted) into the element balances of their sites, in the capture's
 * transaction. A movement earlier than one already counted makes its site's element be counted again from all the
 * site's movements: rare, as a site's events mostly arrive in their order.
 */
export async function carryBalances(trx: Kysely<Database>, movements: LotMovement[]): Promise<void> {
  if (movements.length === 0) return;
  if (onPostgres(trx)) await sql`select pg_advisory_xact_lock(${BALANCES_LOCK})`.execute(trx);
  const bySite = new Map<string, LotMovement[]>();
  for (const m of movements) appendTo(bySite, m.site, m);
  const stored = new Map<string, ElementBalance[]>();
  for (const b of await balancesAt(trx, [...bySite.keys()])) appendTo(stored, b.site, b);
  const rows: ElementBalance[] = [];
  for (const [site, added] of bySite) {
    const { balances, recompute } = carryForward(site, stored.get(site) ?? [], added);
    rows.push(...balances);
    if (recompute.size > 0)
      rows.push(
        ...elementBalances(site, await siteMovements(trx, site)).filter((b) => recompute.has(b.element)),
      );
  }
  for (const batch of chunks(rows))
    await trx
      .insertInto("inventory_balances")
      .values(batch.map(balanceRow))
      .onConflict((oc) =>
        oc.columns(["site", "element"]).doUpdateSet((eb) => ({
          in_kg: eb.ref("excluded.in_kg"),
          out_kg: eb.ref("excluded.out_kg"),
          net_kg: eb.ref("excluded.net_kg"),
          lowest_kg: eb.ref("excluded.lowest_kg"),
          last_key: eb.ref("excluded.last_key"),
        })),
      )
      .execute();
}

/**
 * Counts the element balances of these sites again from all their movements, one site at a time: what a document
 * captured in parts does once at its end, where carrying each part forward would count a site again for every
 * part whose events come before those of an earlier part; and what migration 014 does for a ledger's every site.
 */
export async function recountBalances(trx: Kysely<Database>, sites: Iterable<string>): Promise<void> {
  if (onPostgres(trx)) await sql`select pg_advisory_xact_lock(${BALANCES_LOCK})`.execute(trx);
  for (const site of new Set(sites)) {
    const rows = elementBalances(site, await siteMovements(trx, site)).map(balanceRow);
    await trx.deleteFrom("inventory_balances").where("site", "=", site).execute();
    for (const batch of chunks(rows)) await trx.insertInto("inventory_balances").values(batch).execute();
  }
}

/**
 * Each lot's movements summed per site, by SQL, for these lots or for all: the aggregate INVENTORY_NEGATIVE per lot
 * reads. Only the series that could breach come back (an outflow before an inflow, more out than half the rule's
 * tolerance above in, or masses so large that the rule's margin widens): a superset of what
 * lotSeriesMayBreach accepts, which decides.
 */
export async function lotSeriesSums(db: Kysely<Database>, lots: string[] | "all"): Promise<LotSeriesSums[]> {
  const out: LotSeriesSums[] = [];
  const inflow = sql<boolean>`kind in ('produced', 'received')`;
  const inKg = sql<number>`sum(case when ${inflow} then mass_kg else 0 end)`;
  const outKg = sql<number>`sum(case when ${inflow} then 0 else mass_kg end)`;
  const lastIn = sql<string | null>`max(case when ${inflow} then event_time_utc end)`;
  const firstOut = sql<string | null>`min(case when ${inflow} then null else event_time_utc end)`;
  const query = () =>
    db
      .selectFrom("lot_movements")
      .select([
        "site",
        "lot_id",
        inKg.as("in_kg"),
        outKg.as("out_kg"),
        lastIn.as("last_in"),
        firstOut.as("first_out"),
      ])
      .groupBy(["lot_id", "site"])
      .having(
        sql<boolean>`${firstOut} < ${lastIn} or ${inKg} - ${outKg} < -0.0005 or ${inKg} + ${outKg} > 4e9`,
      );
  const batches = lots === "all" ? [undefined] : chunks([...new Set(lots)]);
  for (const batch of batches) {
    const rows = await (batch ? query().where("lot_id", "in", batch) : query()).execute();
    for (const r of rows)
      out.push({
        site: r.site,
        lot: r.lot_id,
        inKg: Number(r.in_kg),
        outKg: Number(r.out_kg),
        lastIn: r.last_in,
        firstOut: r.first_out,
      });
  }
  return out;
}
