// `lodestone db migrate`: brings the ledger's schema up to date; `lodestone backup` and `lodestone restore`:
// consistent copies of a live SQLite ledger, checked before they are trusted.
import type { Command } from "commander";
import { backupLedger, restoreLedger } from "../store/backup.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { dbOption } from "./options.ts";

export function registerDbCommands(program: Command): void {
  const db = program.command("db").description("database administration");
  db.command("migrate")
    .description("create or update the ledger's tables")
    .addOption(dbOption())
    .action(async (options: { db?: string }) => {
      const location = resolveDbLocation(options.db);
      const ledger = openLedger(location);
      try {
        const report = await migrateLedger(ledger);
        process.stdout.write(
          report.applied.length > 0
            ? `applied ${report.applied.join(", ")} to ${ledger.backend} at ${redact(location)}\n`
            : `${ledger.backend} at ${redact(location)} is up to date\n`,
        );
      } finally {
        await ledger.close();
      }
    });
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description(
      "copy a live SQLite ledger to a new file, consistently, while it keeps capturing; checks the copy (PostgreSQL: pg_dump, see RELIABILITY.md)",
    )
    .addOption(dbOption())
    .requiredOption("--out <file>", "the backup file to create (never overwritten)")
    .option("--json", "print {file, bytes, pages, events, captures, integrity}")
    .action(async (options: { db?: string; out: string; json?: boolean }) => {
      const location = resolveDbLocation(options.db);
      const report = await backupLedger(location, options.out, (m) => {
        if (!options.json && process.stderr.isTTY) process.stderr.write(`backup: ${m}\n`);
      });
      process.stdout.write(
        options.json
          ? `${JSON.stringify(report)}\n`
          : `backed up ${report.events} events in ${report.captures} captures (${mib(report.bytes)}) to ${report.file}; integrity ok\n`,
      );
    });
  program
    .command("restore")
    .description("replace an SQLite ledger by a backup, after checking the backup (PostgreSQL: pg_restore)")
    .addOption(dbOption())
    .requiredOption("--from <file>", "the backup file")
    .option("--force", "replace an existing ledger (stop every process using it first)")
    .option("--json", "print {file, bytes, pages, events, captures, integrity}")
    .action(async (options: { db?: string; from: string; force?: boolean; json?: boolean }) => {
      const location = resolveDbLocation(options.db);
      const report = await restoreLedger(options.from, location, {
        ...(options.force ? { force: true } : {}),
      });
      process.stdout.write(
        options.json
          ? `${JSON.stringify(report)}\n`
          : `restored ${report.events} events in ${report.captures} captures to ${report.file}; integrity ok\n`,
      );
    });
}

/** Hides a password in a postgres:// URL before printing it. */
export function redact(location: string): string {
  return location.replace(/(postgres(?:ql)?:\/\/[^:/@]+:)[^@]+@/, "$1***@");
}
