// Each stock movement keeps its event's time as the sender wrote it (with its offset), so that the rules can
// count days and years in the local calendar without reading every event's body back; existing movements
// take it from their event.
import { type Kysely, sql } from "kysely";
import { onPostgres } from "../dialect.ts";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("lot_movements").addColumn("event_time_local", "text").execute();
  const eventTime = onPostgres(db)
    ? sql`events.body::json ->> 'eventTime'`
    : sql`events.body ->> '$.eventTime'`;
  await sql`update lot_movements set event_time_local =
    (select ${eventTime} from events where events.event_hash = lot_movements.event_hash)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("lot_movements").dropColumn("event_time_local").execute();
}
