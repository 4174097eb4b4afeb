// `lodestone legal list|close|reopen`: the legal and risk events of the master data, for review.
import type { Command } from "commander";
import { type LegalEvent, legalEventDateLabel } from "../domain/masterdata.ts";
import { listLegalEvents, setLegalEventStatus } from "../services/legal-events.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { dbOption } from "./options.ts";

export function registerLegalCommands(program: Command): void {
  const legal = program.command("legal").description("legal and risk events about parties (docs/news.md)");
  legal
    .command("list")
    .description("legal events, newest first")
    .addOption(dbOption())
    .option("--party <org>", "only events about this organisation")
    .option("--status <status>", "open or closed")
    .option("--json", "print [LegalEvent]")
    .action(
      async (options: { db?: string; party?: string; status?: LegalEvent["status"]; json?: boolean }) => {
        const ledger = openLedger(resolveDbLocation(options.db));
        try {
          await migrateLedger(ledger);
          const events = await listLegalEvents(ledger, {
            ...(options.party ? { party: options.party } : {}),
            ...(options.status ? { status: options.status } : {}),
          });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(events)}\n`);
            return;
          }
          for (const e of events) {
            process.stdout.write(
              `${legalEventDateLabel(e)}  ${e.status.padEnd(6)}  ${e.kind.padEnd(18)}  ${e.party}  ${e.id}${e.real ? "  (real record)" : ""}\n    ${e.source.title}${e.source.quote ? ` — "${e.source.quote}"` : ""}\n`,
            );
          }
          if (events.length === 0) process.stdout.write("no legal events\n");
        } finally {
          await ledger.close();
        }
      },
    );
  for (const [verb, status] of [
    ["close", "closed"],
    ["reopen", "open"],
  ] as const) {
    legal
      .command(verb)
      .description(
        `${verb} a legal event with a note; the findings it raised ${status === "closed" ? "clear" : "return"}`,
      )
      .addOption(dbOption())
      .requiredOption("--note <text>", "why")
      .argument("<id>", "legal event id")
      .action(async (id: string, options: { db?: string; note: string }) => {
        const ledger = openLedger(resolveDbLocation(options.db));
        try {
          await migrateLedger(ledger);
          const event = await setLegalEventStatus(ledger, id, status, options.note, new Date());
          process.stdout.write(`${event.id}: ${event.status} (${event.statusNote})\n`);
        } finally {
          await ledger.close();
        }
      });
  }
}
