// `lodestone db migrate`: brings the ledger's schema up to date.
import type { Command } from "commander";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { dbOption } from "./main.ts";

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

/** Hides a password in a postgres:// URL before printing it. */
export function redact(location: string): string {
  return location.replace(/(postgres(?:ql)?:\/\/[^:/@]+:)[^@]+@/, "$1***@");
}
