// Each shipment's destination location kept on its stock movement, so that the export rules compare countries
// without joining every shipping event to its parties; filled here for the shipments already stored.
import { type Kysely, sql } from "kysely";
import { cbvValue } from "../../standards/epcis/cbv.ts";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("lot_movements").addColumn("destination", "text").execute();
  // The greatest id when an event names several destination locations, as the capture does (lot-projection.ts).
  // One pass over the destination locations joined to the shipments (UPDATE … FROM, SQLite 3.33+ and PostgreSQL):
  // a subquery per shipment let SQLite's planner read every destination party for each row.
  await sql`
    update lot_movements set destination = named.party
    from (
      select events.event_hash, max(event_parties.party) as party from event_parties
      join events on events.event_seq = event_parties.event_seq
      where event_parties.direction = 'destination' and event_parties.type = ${cbvValue("SDT", "location")}
      group by events.event_hash
    ) as named
    where lot_movements.event_hash = named.event_hash and lot_movements.kind = 'shipped'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("lot_movements").dropColumn("destination").execute();
}
