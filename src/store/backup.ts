// Backups of an SQLite ledger with SQLite's online backup API: a consistent copy taken while the ledger keeps
// capturing, checked before it is trusted, and restored the same way. PostgreSQL ledgers use pg_dump and
// pg_restore (RELIABILITY.md), which already give a consistent snapshot of a live database.
import { existsSync, rmSync, statSync } from "node:fs";
import SQLite from "better-sqlite3";
import { LodestoneError } from "../domain/errors.ts";
import { isPostgresUrl } from "./db.ts";

export interface BackupReport {
  file: string;
  bytes: number;
  pages: number;
  events: number;
  captures: number;
  integrity: "ok";
}

function refusePostgres(location: string, verb: "backup" | "restore"): void {
  if (isPostgresUrl(location)) {
    throw new LodestoneError(
      "INPUT_INVALID",
      verb === "backup"
        ? "--db: a PostgreSQL ledger is backed up with pg_dump (a consistent snapshot of the live database): pg_dump --format=custom --file FILE 'postgres://...' (see RELIABILITY.md)"
        : "--db: a PostgreSQL ledger is restored with pg_restore: pg_restore --clean --if-exists --dbname 'postgres://...' FILE (see RELIABILITY.md)",
    );
  }
}

/** Checks a ledger file: SQLite's integrity check, and the tables a ledger has. Returns its counts. */
export function checkLedgerFile(file: string): { events: number; captures: number } {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new LodestoneError(
      "INPUT_UNREADABLE",
      `${file}: not a readable SQLite file: ${(error as Error).message}`,
    );
  }
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") {
      throw new LodestoneError(
        "INPUT_INVALID",
        `${file}: SQLite's integrity check failed: ${String(integrity)}`,
      );
    }
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    if (!tables.has("events") || !tables.has("capture_documents")) {
      throw new LodestoneError(
        "INPUT_INVALID",
        `${file}: an SQLite file, but not a Lodestone ledger (no events table)`,
      );
    }
    const count = (table: string) =>
      (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return { events: count("events"), captures: count("capture_documents") };
  } catch (error) {
    if (error instanceof LodestoneError) throw error;
    throw new LodestoneError("INPUT_UNREADABLE", `${file}: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * Copies the ledger at `location` to `out` while it may be in use. The copy is taken in one step of the
 * backup API, so it is one consistent snapshot: a capture being written is wholly in it or wholly absent.
 */
export async function backupLedger(
  location: string,
  out: string,
  onProgress: (message: string) => void = () => {},
): Promise<BackupReport> {
  refusePostgres(location, "backup");
  if (!existsSync(location)) throw new LodestoneError("INPUT_UNREADABLE", `--db ${location}: no such ledger`);
  if (existsSync(out)) {
    throw new LodestoneError(
      "INPUT_INVALID",
      `--out ${out}: the file exists; give a new file name (backups are never overwritten)`,
    );
  }
  const source = new SQLite(location, { readonly: true, fileMustExist: true });
  let pages = 0;
  try {
    const meta = await source.backup(out, {
      // The first step reports the size; the rest is copied in one step, so the copy is one snapshot.
      progress: ({ totalPages }) => {
        pages = totalPages;
        onProgress(`copying ${totalPages} pages`);
        return totalPages;
      },
    });
    pages = meta.totalPages;
  } catch (error) {
    rmSync(out, { force: true });
    throw new LodestoneError("STORE_FAILURE", `backup of ${location} failed: ${(error as Error).message}`);
  } finally {
    source.close();
  }
  const counts = checkLedgerFile(out);
  return { file: out, bytes: statSync(out).size, pages, ...counts, integrity: "ok" };
}

/** Replaces the ledger at `location` with the backup `from`, after checking the backup. */
export async function restoreLedger(
  from: string,
  location: string,
  options: { force?: boolean } = {},
): Promise<BackupReport> {
  refusePostgres(location, "restore");
  checkLedgerFile(from);
  if (existsSync(location) && !options.force) {
    throw new LodestoneError(
      "INPUT_INVALID",
      `--db ${location}: a ledger exists there; stop every process using it and give --force to replace it`,
    );
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${location}${suffix}`, { force: true });
  const source = new SQLite(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(location, { progress: ({ totalPages }) => totalPages });
  } finally {
    source.close();
  }
  const counts = checkLedgerFile(location);
  return { file: location, bytes: statSync(location).size, pages: 0, ...counts, integrity: "ok" };
}
