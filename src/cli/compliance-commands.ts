// `lodestone masterdata import`, `lodestone check` and `lodestone findings`: the regulator's commands.
import type { Command } from "commander";
import { describeProblem, LodestoneError } from "../domain/errors.ts";
import type { Finding, FindingStatus } from "../domain/finding.ts";
import { COMPLIANCE_RULES } from "../domain/rules/index.ts";
import { evaluateAndRecord } from "../services/evaluate.ts";
import { presentFindings } from "../services/identifier-forms.ts";
import { importMasterData } from "../services/masterdata-import.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { findingHistory, listFindings, setFindingStatus } from "../store/findings-store.ts";
import { dbOption } from "./options.ts";
import { readJsonFile } from "./read-document.ts";

export const RULE_CODES = [...Object.keys(COMPLIANCE_RULES), "MASS_BALANCE", "INVENTORY_NEGATIVE"];

function parseRule(value: string, previous: string[] = []): string[] {
  if (!RULE_CODES.includes(value)) {
    throw new LodestoneError(
      "QUERY_PARAMETER",
      `--rule ${value}: unknown rule; one of ${RULE_CODES.join(", ")}`,
    );
  }
  return [...previous, value];
}

function parseSince(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new LodestoneError("QUERY_PARAMETER", `--since ${value}: not a date (YYYY-MM-DD)`);
  }
  return value.slice(0, 10);
}

function line(f: Finding): string {
  const numbers =
    f.measured && f.allowed
      ? ` [${f.measured.value} ${f.measured.unit} vs ${f.allowed.value} ${f.allowed.unit}]`
      : "";
  return `${f.severity.toUpperCase()} ${f.code} ${f.subject.kind} ${f.subject.id}: ${f.message}${numbers}${f.taints.length > 0 ? ` (taints ${f.taints.length} lot(s))` : ""}`;
}

export function registerComplianceCommands(program: Command): void {
  const masterdata = program
    .command("masterdata")
    .description(
      "organisations, sites, licences, permits, declarations, legal events, contracts, sanctions entries",
    );
  masterdata
    .command("import")
    .description("import master data (JSON, docs/masterdata.md); idempotent, every change kept as a version")
    .addOption(dbOption())
    .option("--json", "print {created, changed, unchanged}")
    .argument("<file>", "a master-data JSON file")
    .action(async (file: string, options: { db?: string; json?: boolean }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const document = readJsonFile(file);
        let result: Awaited<ReturnType<typeof importMasterData>>;
        try {
          result = await importMasterData(ledger, document, new Date());
        } catch (error) {
          if (error instanceof LodestoneError && error.problems.length > 0) {
            throw new LodestoneError(
              error.code,
              `${file}: ${describeProblem(error.problems[0] as never)}${error.problems.length > 1 ? ` (and ${error.problems.length - 1} more)` : ""}; nothing stored`,
            );
          }
          throw error;
        }
        // Master data can change past results: the full evaluation re-opens or clears findings, and says which.
        const { diff } = await evaluateAndRecord(ledger, new Date());
        const { opened, reopened, cleared } = diff.changes;
        process.stdout.write(
          options.json
            ? `${JSON.stringify(result)}\n`
            : `${file}: ${result.created} created, ${result.changed} changed, ${result.unchanged} unchanged\n` +
                (opened.length + reopened.length + cleared.length > 0
                  ? `findings: ${opened.length} opened, ${reopened.length} reopened, ${cleared.length} cleared\n`
                  : ""),
        );
      } finally {
        await ledger.close();
      }
    });

  program
    .command("check")
    .description(
      "evaluate every rule over the whole ledger and print the findings; findings are results, so the exit code is 0",
    )
    .addOption(dbOption())
    // Captures evaluate only what they touched; check always evaluates the whole ledger from scratch, and
    // --full says so explicitly for scripts that want the full re-evaluation named.
    .option("--full", "evaluate the whole ledger from scratch (what check always does)")
    .option("--json", "print {findings: [Finding]}")
    .option("--rule <code>", "only this rule (repeatable)", parseRule)
    .option("--since <date>", "only findings whose period reaches this date or later", parseSince)
    .action(
      async (options: { db?: string; full?: boolean; json?: boolean; rule?: string[]; since?: string }) => {
        const ledger = openLedger(resolveDbLocation(options.db));
        try {
          await migrateLedger(ledger);
          const { findings } = await evaluateAndRecord(
            ledger,
            new Date(),
            options.rule ? { codes: options.rule } : {},
          );
          const stored = new Map((await listFindings(ledger.db)).map((f) => [f.id, f.status]));
          const since = options.since;
          const shown = await presentFindings(
            ledger,
            findings
              .filter((f) => !since || !f.period || f.period.to.slice(0, 10) >= since)
              .map((f) => ({ ...f, status: stored.get(f.id) ?? f.status })),
          );
          if (options.json) {
            process.stdout.write(`${JSON.stringify({ findings: shown })}\n`);
            return;
          }
          if (shown.length === 0) process.stdout.write("no findings\n");
          for (const f of shown) process.stdout.write(`${line(f)}\n`);
        } finally {
          await ledger.close();
        }
      },
    );

  const findings = program
    .command("findings")
    .description("the findings store: list, acknowledge, resolve, history");
  findings
    .command("list")
    .addOption(dbOption())
    .option("--status <status>", "open, acknowledged or resolved")
    .option("--json", "print {findings: [Finding]}")
    .action(async (options: { db?: string; status?: FindingStatus; json?: boolean }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const list = await presentFindings(
          ledger,
          await listFindings(ledger.db, options.status ? { statuses: [options.status] } : {}),
        );
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ findings: list })}\n`
            : list.map((f) => `${f.status} ${line(f)}\n`).join(""),
        );
      } finally {
        await ledger.close();
      }
    });
  for (const status of ["acknowledged", "resolved"] as const) {
    findings
      .command(status === "acknowledged" ? "acknowledge" : "resolve")
      .description(`mark a finding ${status}, with a note`)
      .addOption(dbOption())
      .requiredOption("--note <text>", "why")
      .argument("<id>", "the finding's id")
      .action(async (id: string, options: { db?: string; note: string }) => {
        const ledger = openLedger(resolveDbLocation(options.db));
        try {
          await migrateLedger(ledger);
          const done = await ledger.writeTransaction((trx) =>
            setFindingStatus(trx, id, status, options.note, new Date().toISOString()),
          );
          if (!done) throw new LodestoneError("NOT_FOUND", `no finding ${id}`);
          process.stdout.write(`${id}: ${status}\n`);
        } finally {
          await ledger.close();
        }
      });
  }
  findings
    .command("history")
    .addOption(dbOption())
    .argument("<id>", "the finding's id")
    .action(async (id: string, options: { db?: string }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        process.stdout.write(`${JSON.stringify(await findingHistory(ledger.db, id))}\n`);
      } finally {
        await ledger.close();
      }
    });
}
