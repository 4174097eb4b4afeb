// Opens the ledger's database: SQLite (better-sqlite3, WAL) for a file path, PostgreSQL (pg) for a postgres://
// URL. This factory is the only place that knows which backend is in use.
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import {
  type Kysely,
  Kysely as KyselyClass,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  sql,
  type Transaction,
} from "kysely";
import pg from "pg";
import { ledgerMigrations } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

export type Backend = "sqlite" | "postgres";

export interface Ledger {
  db: Kysely<Database>;
  backend: Backend;
  location: string;
  /** Runs `work` in one write transaction; on SQLite it takes the write lock at once (BEGIN IMMEDIATE). */
  writeTransaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const DEFAULT_DB_LOCATION = "./data/lodestone.db";

/** The database location from the option, else LODESTONE_DB, else ./data/lodestone.db. */
export function resolveDbLocation(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env.LODESTONE_DB ?? DEFAULT_DB_LOCATION;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

export interface LedgerOptions {
  /** Called with the SQL of every query: for diagnostics and for tests that prove what a verb reads. */
  onQuery?: (sql: string) => void;
}

/** Prepared statements kept per SQL text: Kysely prepares every query anew, which was an eighth of capture's time. */
const STATEMENT_CACHE_SIZE = 500;

function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      const cached = cache.get(text);
      // A statement still being iterated by a streamed query cannot run again until that query ends.
      if (cached && !cached.busy) {
        cache.delete(text); // most recently used goes last; the first entry is the one to evict
        cache.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      if (!cached) {
        cache.set(text, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
    close: () => sqlite.close(),
  };
}

/**
 * SQLite has transactional DDL, though Kysely's SQLite adapter says it has not. Said so, the migrator runs the pending
 * migrations and their records in one transaction: a migration cut short (a crash, a kill during a backfill)
 * leaves the ledger as it was, instead of with a new column and no record of it, which the next migration then
 * refused as "duplicate column name".
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
class LedgerSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export function openLedger(location: string, options: LedgerOptions = {}): Ledger {
  const log = options.onQuery
    ? (event: { level: string; query: { sql: string } }) => {
        if (event.level === "query") options.onQuery?.(event.query.sql);
      }
    : undefined;
  if (isPostgresUrl(location)) {
    // numeric and bigint come back as strings from pg; the ledger stores masses as double precision instead.
    const pool = new pg.Pool({ connectionString: location, max: 4 });
    let closing = false;
    // An idle connection the server drops (restart, administrator, or the database dropped after close) is
    // discarded by the pool and replaced on next use; without a listener pg would throw it out of the process.
    pool.on("error", (error) => {
      if (!closing)
        process.stderr.write(`lodestone: PostgreSQL dropped an idle connection: ${error.message}\n`);
    });
    const db = new KyselyClass<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
    return {
      db,
      backend: "postgres",
      location,
      writeTransaction: (work) => db.transaction().execute((trx: Transaction<Database>) => work(trx)),
      close: () => {
        closing = true;
        return db.destroy();
      },
    };
  }
  if (location !== ":memory:") mkdirSync(dirname(location), { recursive: true });
  const sqlite = new SQLite(location);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 30000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  // The write-ahead log is folded into the database when it passes 40 MiB (10,000 pages) instead of SQLite's
  // 1,000 pages: a capture touches index pages all over a large ledger, and rarer checkpoints write each page
  // once for many captures (+20% capture rate at 60,000 events). The fold runs after the commit of the write
  // that crossed the line (foldWriteAheadLog), not on whichever commit SQLite's own trigger lands on: that was
  // often the evaluation's small write after a capture, which then took 40 ms longer. journal_size_limit = 0
  // truncates the log when it restarts, so its size on disk is what has been written since the last fold.
  sqlite.pragma("wal_autocheckpoint = 0");
  sqlite.pragma("journal_size_limit = 0");
  const walPath = location === ":memory:" ? undefined : `${location}-wal`;
  const foldWriteAheadLog = () => {
    if (!walPath) return;
    let bytes = 0;
    try {
      bytes = statSync(walPath).size;
    } catch {
      return; // no log yet
    }
    // PASSIVE: folds what no reader still needs and never waits for readers in other processes.
    if (bytes >= WAL_FOLD_BYTES) sqlite.pragma("wal_checkpoint(PASSIVE)");
  };
  const db = new KyselyClass<Database>({
    dialect: new LedgerSqliteDialect({ database: withStatementCache(sqlite) }),
    ...(log ? { log } : {}),
  });
  return {
    db,
    backend: "sqlite",
    location,
    writeTransaction: (work) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await work(conn);
          await sql`commit`.execute(conn);
          foldWriteAheadLog();
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn);
          throw error;
        }
      }),
    close: () => db.destroy(),
  };
}

/** The size past which a commit folds SQLite's write-ahead log into the database (10,000 pages of 4 KiB). */
const WAL_FOLD_BYTES = 40 * 1024 * 1024;

export interface MigrationReport {
  applied: string[];
}

// Another process migrating the same database at the same moment shows up as one of these (on SQLite, a
// process that read the pending list before the other committed then records the same migration twice); the
// migration itself is transactional, so trying again after the other process finished is safe. An ALTER that
// adds a column the other process has just added reads "duplicate column name" on SQLite.
const CONCURRENT_MIGRATION =
  /already exists|duplicate column name|database is locked|SQLITE_BUSY|duplicate key value|could not serialize|UNIQUE constraint failed: kysely_migration/i;

/** Brings the schema up to date; safe to run concurrently from several processes on PostgreSQL and SQLite. */
export async function migrateLedger(ledger: Ledger): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: ledger.db,
    provider: { getMigrations: async () => ledgerMigrations },
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error)
      return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
    const message = error instanceof Error ? error.message : String(error);
    if (attempt >= 10 || !CONCURRENT_MIGRATION.test(message)) {
      throw error instanceof Error ? error : new Error(message);
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}
