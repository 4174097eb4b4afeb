// `lodestone sanctions import|screen`: sanctions and restricted-party lists, and the screening of every
// organisation of the master data against them.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { LodestoneError } from "../domain/errors.ts";
import { SANCTIONS_MATCH_THRESHOLD, screenOrganisations } from "../domain/sanctions.ts";
import { importSanctionsList, parseSanctionsList } from "../services/sanctions-import.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { dbOption } from "./options.ts";

function parseThreshold(value: string): number {
  const x = Number(value);
  if (value.trim() === "" || !Number.isFinite(x) || x <= 0 || x > 1) {
    throw new LodestoneError(
      "QUERY_PARAMETER",
      `--threshold ${value}: a similarity between 0 (excluded) and 1, e.g. 0.85`,
    );
  }
  return x;
}

export function registerSanctionsCommands(program: Command): void {
  const sanctions = program
    .command("sanctions")
    .description("sanctions and restricted-party lists, and screening");
  sanctions
    .command("import")
    .description(
      "import a list (CSV with a header row, or JSON): columns name, aliases, country, identifiers, list, programme, date (docs/sanctions.md); then screen every organisation",
    )
    .addOption(dbOption())
    .option("--json", "print {created, changed, unchanged, matches}")
    .argument("<file>", "CSV or JSON list")
    .action(async (file: string, options: { db?: string; json?: boolean }) => {
      let content: Buffer;
      try {
        content = readFileSync(file);
      } catch (error) {
        throw new LodestoneError("INPUT_UNREADABLE", `${file}: ${(error as Error).message}`);
      }
      const entries = parseSanctionsList(content, file);
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const result = await importSanctionsList(ledger, entries, new Date());
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        const out = [
          `${file}: ${entries.length} entries; ${result.created} created, ${result.changed} changed, ${result.unchanged} unchanged`,
        ];
        for (const f of result.matches) out.push(`REVIEW ${f.subject.id}: ${f.message}`);
        if (result.matches.length === 0) out.push("no organisation matches a listed party");
        process.stdout.write(`${out.join("\n")}\n`);
      } finally {
        await ledger.close();
      }
    });
  sanctions
    .command("screen")
    .description(
      "screen every organisation against the imported lists at a threshold, without storing findings",
    )
    .addOption(dbOption())
    .option(
      "--threshold <similarity>",
      `least name similarity reported (default ${SANCTIONS_MATCH_THRESHOLD})`,
      parseThreshold,
      SANCTIONS_MATCH_THRESHOLD,
    )
    .option("--json", "print [{organisation, entry, list, score, basis}]")
    .action(async (options: { db?: string; threshold: number; json?: boolean }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const { organisations, sanctions: entries } = await loadMasterData(ledger.db);
        const matches = screenOrganisations(organisations, entries, options.threshold);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(matches)}\n`);
          return;
        }
        const names = new Map(entries.map((e) => [e.id, e.name]));
        for (const m of matches) {
          process.stdout.write(
            `${m.score.toFixed(3)}  ${m.organisation}  ~  ${names.get(m.entry)} (${m.list})${"identifier" in m.basis ? ` [identifier ${m.basis.identifier}]` : ""}\n`,
          );
        }
        if (matches.length === 0) {
          process.stdout.write(
            `no match at ${options.threshold} among ${organisations.length} organisations and ${entries.length} entries\n`,
          );
        }
      } finally {
        await ledger.close();
      }
    });
}
