// All SQL of the event log but its writes (capture-writes.ts): select events by the criteria of an EPCIS
// SimpleEventQuery, and the lookups the rules and the API make.
import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { LedgerEvent } from "../domain/events.ts";
import { appendTo } from "../domain/grouping.ts";
import { chunks } from "./batches.ts";
import { onPostgres } from "./dialect.ts";
import type { Database } from "./schema.ts";

export interface CaptureRecord {
  captureId: string;
  organisation: string;
  sourceName?: string;
  documentId?: string;
  documentKind: string;
  creationDate?: string;
  recordTime: string;
  eventCount: number;
}

/** An event ready to append, with its index values already canonical. */
export interface EventRecord {
  eventHash: string;
  event: LedgerEvent;
  eventTimeUtc: string;
  action?: string;
  bizStep?: string;
  disposition?: string;
  readPoint?: string;
  bizLocation?: string;
  transformationId?: string;
  epcs: { role: string; epc: string }[];
  quantities: { role: string; epcClass: string; quantity?: number; uom?: string }[];
  bizTransactions: { type: string; id: string }[];
  parties: { direction: "source" | "destination"; type: string; id: string }[];
}

export interface StoredEvent {
  eventHash: string;
  event: LedgerEvent;
  recordTime: string;
  eventTimeUtc: string;
  capturingOrganisation: string;
  captureId: string;
}

/** Which of these hashes the ledger already holds. */
export async function storedHashes(db: Kysely<Database>, hashes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const batch of chunks(hashes, 500)) {
    const rows = await db
      .selectFrom("events")
      .select("event_hash")
      .where("event_hash", "in", batch)
      .execute();
    for (const row of rows) found.add(row.event_hash);
  }
  return found;
}

export async function countEvents(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A match on identifiers in given roles: exact canonical values, or prefixes for EPC patterns. */
export interface IdentifierMatch {
  roles: string[];
  values: string[];
  prefixes: string[];
}

export interface EventSelection {
  eventTypes?: string[];
  eventTime?: { ge?: string; lt?: string };
  recordTime?: { ge?: string; lt?: string };
  actions?: string[];
  bizSteps?: string[];
  dispositions?: string[];
  readPoints?: string[];
  bizLocations?: string[];
  transformationIds?: string[];
  eventIds?: string[];
  epcMatches: IdentifierMatch[];
  classMatches: IdentifierMatch[];
  quantityBounds: { op: "=" | ">" | ">=" | "<" | "<="; value: number }[];
  bizTransactions: { type: string; values: string[] }[];
  parties: { direction: "source" | "destination"; type: string; values: string[] }[];
  order: { by: "eventTime" | "recordTime"; direction: "asc" | "desc" };
  /** Only events captured by these organisations or located at these sites (access control). */
  scope?: { organisations: string[]; sites: string[] };
  /** Keyset position: events strictly after this (order value, hash) in the chosen order. */
  after?: { orderValue: string; eventHash: string };
  limit?: number;
}

function identifierMatch(
  eb: ExpressionBuilder<Database, "events">,
  table: "event_epcs" | "event_quantities",
  match: IdentifierMatch,
) {
  const column = table === "event_epcs" ? "epc" : "epc_class";
  return eb.exists(
    eb
      .selectFrom(table)
      .select(sql`1`.as("one"))
      .whereRef(`${table}.event_seq`, "=", "events.event_seq")
      .where(`${table}.role`, "in", match.roles)
      .where((inner) =>
        inner.or([
          ...(match.values.length > 0 ? [inner(sql.ref(`${table}.${column}`), "in", match.values)] : []),
          ...match.prefixes.map((p) =>
            inner(sql.ref(`${table}.${column}`), "like", `${p.replace(/[%_\\]/g, "\\$&")}%`),
          ),
        ]),
      ),
  );
}

export async function selectEvents(db: Kysely<Database>, s: EventSelection): Promise<StoredEvent[]> {
  let q = db.selectFrom("events").selectAll();
  const inList = (
    column:
      | "event_type"
      | "action"
      | "biz_step"
      | "disposition"
      | "read_point"
      | "biz_location"
      | "transformation_id",
    values: string[] | undefined,
  ) => {
    if (values) q = q.where(column, "in", values);
  };
  inList("event_type", s.eventTypes);
  inList("action", s.actions);
  inList("biz_step", s.bizSteps);
  inList("disposition", s.dispositions);
  inList("read_point", s.readPoints);
  inList("biz_location", s.bizLocations);
  inList("transformation_id", s.transformationIds);
  if (s.eventTime?.ge) q = q.where("event_time_utc", ">=", s.eventTime.ge);
  if (s.eventTime?.lt) q = q.where("event_time_utc", "<", s.eventTime.lt);
  if (s.recordTime?.ge) q = q.where("record_time", ">=", s.recordTime.ge);
  if (s.recordTime?.lt) q = q.where("record_time", "<", s.recordTime.lt);
  if (s.eventIds) {
    const ids = s.eventIds;
    q = q.where((eb) => eb.or([eb("event_hash", "in", ids), eb("sender_event_id", "in", ids)]));
  }
  if (s.scope) {
    const { organisations, sites } = s.scope;
    q = q.where((eb) =>
      eb.or([
        eb("capturing_organisation", "in", organisations.length > 0 ? organisations : [""]),
        ...(sites.length > 0 ? [eb("biz_location", "in", sites), eb("read_point", "in", sites)] : []),
      ]),
    );
  }
  for (const match of s.epcMatches) q = q.where((eb) => identifierMatch(eb, "event_epcs", match));
  for (const match of s.classMatches) q = q.where((eb) => identifierMatch(eb, "event_quantities", match));
  for (const bound of s.quantityBounds) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("event_quantities")
          .select(sql`1`.as("one"))
          .whereRef("event_quantities.event_seq", "=", "events.event_seq")
          .where("event_quantities.quantity", bound.op, bound.value),
      ),
    );
  }
  for (const bt of s.bizTransactions) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("event_biz_transactions")
          .select(sql`1`.as("one"))
          .whereRef("event_biz_transactions.event_seq", "=", "events.event_seq")
          .where("event_biz_transactions.type", "=", bt.type)
          .where("event_biz_transactions.biz_transaction", "in", bt.values),
      ),
    );
  }
  for (const party of s.parties) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("event_parties")
          .select(sql`1`.as("one"))
          .whereRef("event_parties.event_seq", "=", "events.event_seq")
          .where("event_parties.direction", "=", party.direction)
          .where("event_parties.type", "=", party.type)
          .where("event_parties.party", "in", party.values),
      ),
    );
  }
  const orderColumn = s.order.by === "eventTime" ? "event_time_utc" : "record_time";
  if (s.after) {
    const { orderValue, eventHash } = s.after;
    const cmp = s.order.direction === "asc" ? ">" : "<";
    q = q.where((eb) =>
      eb.or([
        eb(orderColumn, cmp, orderValue),
        eb.and([eb(orderColumn, "=", orderValue), eb("event_hash", cmp, eventHash)]),
      ]),
    );
  }
  q = q.orderBy(orderColumn, s.order.direction).orderBy("event_hash", s.order.direction);
  if (s.limit !== undefined) q = q.limit(s.limit);
  const rows = await q.execute();
  return rows.map((row) => ({
    eventHash: row.event_hash,
    event: JSON.parse(row.body) as LedgerEvent,
    recordTime: row.record_time,
    eventTimeUtc: row.event_time_utc,
    capturingOrganisation: row.capturing_organisation,
    captureId: row.capture_id,
  }));
}

/** Stored events by canonical id (for building traceability credentials). */
export async function eventsByHash(
  db: Kysely<Database>,
  hashes: string[],
): Promise<{ hash: string; event: LedgerEvent }[]> {
  const out: { hash: string; event: LedgerEvent }[] = [];
  for (const batch of chunks([...new Set(hashes)], 500)) {
    const rows = await db
      .selectFrom("events")
      .select(["event_hash", "body", "event_time_utc"])
      .where("event_hash", "in", batch)
      .orderBy("event_time_utc")
      .execute();
    for (const r of rows) out.push({ hash: r.event_hash, event: JSON.parse(r.body) as LedgerEvent });
  }
  return out;
}

/** The party each event names for one direction and type (its destination location, its source owner...), read in batches. */
export async function eventParties(
  db: Kysely<Database>,
  hashes: string[],
  direction: "source" | "destination",
  type: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(hashes)];
  // In batches: a query's parameters are limited (32,766 on SQLite), a ledger's events are not.
  for (let i = 0; i < unique.length; i += 500) {
    // Selected by event only, and filtered here: given the direction and type too, SQLite's planner chose the
    // index on (direction, type, party) and read every party of that kind for each batch.
    const rows = await db
      .selectFrom("events")
      .innerJoin("event_parties", "event_parties.event_seq", "events.event_seq")
      .select(["events.event_hash", "event_parties.direction", "event_parties.type", "event_parties.party"])
      .where("events.event_hash", "in", unique.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.direction === direction && r.type === type) out.set(r.event_hash, r.party);
  }
  return out;
}

/** The events citing each business transaction id (of any type), e.g. a customs declaration or an invoice. */
export async function eventsWithBizTransactions(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom("event_biz_transactions")
      .innerJoin("events", "events.event_seq", "event_biz_transactions.event_seq")
      .select(["events.event_hash", "event_biz_transactions.biz_transaction"])
      .where("event_biz_transactions.biz_transaction", "in", unique.slice(i, i + 500))
      .execute();
    for (const r of rows) appendTo(out, r.biz_transaction, r.event_hash);
  }
  return out;
}

/** One top-level field of the stored event body, read by the database (the body is JSON text on both backends). */
function bodyField(db: Kysely<Database>, field: string) {
  return onPostgres(db)
    ? sql<string>`(body::json ->> ${sql.lit(field)})`
    : sql<string>`(body ->> ${sql.lit(`$.${field}`)})`;
}

/** The eventTime of each event as its sender wrote it, with its own offset (so slicing gives the local date). */
export async function localEventTimes(db: Kysely<Database>, hashes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(hashes)];
  for (let i = 0; i < unique.length; i += 500) {
    // Only the one field is read out of each body: parsing whole bodies was most of the evaluation's memory.
    const rows = await db
      .selectFrom("events")
      .select(["event_hash", bodyField(db, "eventTime").as("event_time")])
      .where("event_hash", "in", unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.event_hash, r.event_time);
  }
  return out;
}
