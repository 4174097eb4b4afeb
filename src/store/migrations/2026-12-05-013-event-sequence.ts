// Every event gets a compact sequence number (events.event_seq), and the per-event index tables (EPCs,
// quantities, business transactions, parties) are keyed by it instead of the 70-character event hash: a
// capture's index rows then land at the end of their event index instead of on ~100 random pages per document,
// which was most of the pages a capture wrote (measured at 10k events: the four hash-keyed indexes cost 14% of
// capture time and half of the write-ahead log's folds). The hash stays the event's identity; the sequence is a
// storage key only, never shown or exchanged.
import { type Kysely, sql } from "kysely";
import { onPostgres } from "../dialect.ts";

// The column an index row names its event by: the sequence (after this migration) or the hash (before).
type EventKey = "event_seq" | "event_hash";
const keyed = (db: Kysely<any>, name: string, key: EventKey) =>
  db.schema
    .createTable(name)
    .addColumn(key, key === "event_seq" ? "integer" : "text", (c) => c.notNull().references(`events.${key}`));

const INDEX_TABLES = {
  event_epcs: {
    columns: ["role", "epc"],
    create: (db: Kysely<any>, name: string, key: EventKey) =>
      keyed(db, name, key)
        .addColumn("role", "text", (c) =>
          c.notNull().check(sql`role in ('subject','parent','child','input','output')`),
        )
        .addColumn("epc", "text", (c) => c.notNull()),
    valueIndex: { name: "event_epcs_epc", columns: ["epc", "role"] },
  },
  event_quantities: {
    columns: ["role", "epc_class", "quantity", "uom"],
    create: (db: Kysely<any>, name: string, key: EventKey) =>
      keyed(db, name, key)
        .addColumn("role", "text", (c) =>
          c.notNull().check(sql`role in ('subject','child','input','output')`),
        )
        .addColumn("epc_class", "text", (c) => c.notNull())
        .addColumn("quantity", "double precision", (c) => c.check(sql`quantity > 0`))
        .addColumn("uom", "text"),
    valueIndex: { name: "event_quantities_class", columns: ["epc_class", "role"] },
  },
  event_biz_transactions: {
    columns: ["type", "biz_transaction"],
    create: (db: Kysely<any>, name: string, key: EventKey) =>
      keyed(db, name, key)
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("biz_transaction", "text", (c) => c.notNull()),
    valueIndex: { name: "event_biz_transactions_value", columns: ["type", "biz_transaction"] },
  },
  event_parties: {
    columns: ["direction", "type", "party"],
    create: (db: Kysely<any>, name: string, key: EventKey) =>
      keyed(db, name, key)
        .addColumn("direction", "text", (c) => c.notNull().check(sql`direction in ('source','destination')`))
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("party", "text", (c) => c.notNull()),
    valueIndex: { name: "event_parties_value", columns: ["direction", "type", "party"] },
  },
} as const;

/** Rebuilds each index table with its rows naming their event by `to` instead of `from`, with its indexes. */
async function rekeyIndexTables(db: Kysely<any>, from: EventKey, to: EventKey): Promise<void> {
  for (const [table, spec] of Object.entries(INDEX_TABLES)) {
    const rebuilt = `${table}_by_${to}`;
    await spec.create(db, rebuilt, to).execute();
    const columns = spec.columns.map((c) => sql.ref(`t.${c}`));
    await sql`insert into ${sql.table(rebuilt)} (${sql.ref(to)}, ${sql.join(spec.columns.map((c) => sql.ref(c)))})
      select ${sql.ref(`e.${to}`)}, ${sql.join(columns)} from ${sql.table(table)} t
      join events e on ${sql.ref(`e.${from}`)} = ${sql.ref(`t.${from}`)}`.execute(db);
    await db.schema.dropTable(table).execute();
    await db.schema.alterTable(rebuilt).renameTo(table).execute();
    await db.schema.createIndex(`${table}_event`).on(table).column(to).execute();
    await db.schema
      .createIndex(spec.valueIndex.name)
      .on(table)
      .columns([...spec.valueIndex.columns])
      .execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = onPostgres(db);
  await db.schema.alterTable("events").addColumn("event_seq", "integer").execute();
  if (postgres) {
    // PostgreSQL numbers events from a sequence (concurrent captures never collide); SQLite's writer is single,
    // so a capture numbers its own events from the largest number stored (capture-writes.ts).
    await sql`create sequence events_event_seq_seq owned by events.event_seq`.execute(db);
    await sql`update events set event_seq = nextval('events_event_seq_seq')`.execute(db);
    await sql`alter table events alter column event_seq set default nextval('events_event_seq_seq')`.execute(
      db,
    );
    await sql`alter table events alter column event_seq set not null`.execute(db);
  } else {
    await sql`update events set event_seq = rowid`.execute(db);
  }
  await db.schema.createIndex("events_seq").on("events").column("event_seq").unique().execute();
  await rekeyIndexTables(db, "event_hash", "event_seq");
}

export async function down(db: Kysely<any>): Promise<void> {
  // Back to index rows keyed by their event's hash, and events without a sequence.
  await rekeyIndexTables(db, "event_seq", "event_hash");
  await db.schema.dropIndex("events_seq").execute();
  await db.schema.alterTable("events").dropColumn("event_seq").execute();
}
