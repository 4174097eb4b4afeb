// `lodestone news ingest`: reads articles (plain text or HTML, English or Vietnamese) and stores a legal event
// for each organisation of the master data that an article reports as the subject of a legal action.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { LodestoneError } from "../domain/errors.ts";
import { ingestArticle, type NewsIngestReport, parseArticle } from "../services/news.ts";
import {
  listPressCandidates,
  matchPressCandidate,
  rejectPressCandidate,
} from "../services/press-candidates.ts";
import type { Ledger } from "../store/db.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { dbOption } from "./options.ts";

export function registerNewsCommands(program: Command): void {
  const news = program.command("news").description("legal and risk events read from news articles");
  news
    .command("ingest")
    .description(
      "read articles (plain text with Title:/Publisher:/Date:/URL: header lines or a title line and by-lines, or HTML) and store one legal event per subject of a reported action; organisations master data lacks go to the review queue (docs/news.md)",
    )
    .addOption(dbOption())
    .option(
      "--json",
      "print one {file, article, reading, legalEvents, created, unchanged} per file, as a JSON array",
    )
    .argument("<files...>", "article files")
    .action(async (files: string[], options: { db?: string; json?: boolean }) => {
      // Every file is read and checked before anything is stored: one bad article stores nothing.
      const articles = files.map((file) => {
        let content: Buffer;
        try {
          content = readFileSync(file);
        } catch (error) {
          throw new LodestoneError("INPUT_UNREADABLE", `${file}: ${(error as Error).message}`);
        }
        return { file, article: parseArticle(content, file) };
      });
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const reports: (NewsIngestReport & { file: string })[] = [];
        for (const { file, article } of articles) {
          reports.push({ file, ...(await ingestArticle(ledger, article, new Date())) });
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(reports)}\n`);
          return;
        }
        const out: string[] = [];
        for (const r of reports) {
          out.push(
            `${r.file}: ${r.legalEvents.length} legal event(s), ${r.created} new, ${r.unchanged} already known`,
          );
          for (const m of r.reading.mentions) {
            out.push(
              `  ${m.role.padEnd(9)} ${m.organisation} ("${m.matched}")${m.kind ? ` ${m.kind.replace(/_/g, " ")} ${m.date ?? ""}` : ""}: ${m.reason}`,
            );
          }
          for (const c of r.reading.candidates) {
            out.push(
              `  ${c.role.padEnd(9)} "${c.name}" (not in master data: review queue)${c.kind ? ` ${c.kind.replace(/_/g, " ")} ${c.date ?? "date unknown"}` : ""}: ${c.reason}`,
            );
          }
          if (r.candidatesCreated > 0)
            out.push(`  ${r.candidatesCreated} new candidate(s) to review: lodestone news candidates`);
          for (const s of r.reading.similarNames)
            out.push(`  not matched: "${s.text}" is another name than ${s.organisation}'s`);
          if (r.reading.mentions.length === 0 && r.reading.candidates.length === 0)
            out.push("  no organisation of the master data is named, and no other company with a legal form");
        }
        process.stdout.write(`${out.join("\n")}\n`);
      } finally {
        await ledger.close();
      }
    });

  news
    .command("candidates")
    .description(
      "the review queue: organisations read in the press that master data does not know, with what each article said and likely matches",
    )
    .addOption(dbOption())
    .option("--status <status>", "pending, matched, rejected or all", "pending")
    .option("--json", "print the candidates as a JSON array")
    .action(async (options: { db?: string; status: string; json?: boolean }) => {
      if (!["pending", "matched", "rejected", "all"].includes(options.status))
        throw new LodestoneError(
          "QUERY_PARAMETER",
          `--status ${options.status}: one of pending, matched, rejected, all`,
        );
      await withLedger(options.db, async (ledger) => {
        const list = await listPressCandidates(ledger, {
          status: options.status as "pending" | "matched" | "rejected" | "all",
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(list)}\n`);
          return;
        }
        if (list.length === 0) process.stdout.write(`no ${options.status} press candidates\n`);
        for (const c of list) {
          const lines = [
            `${c.id}  ${c.status.padEnd(8)} ${c.language}  ${c.name}${c.aliases.length ? ` (also: ${c.aliases.join("; ")})` : ""}${c.organisation ? ` -> ${c.organisation}` : ""}`,
            ...c.reports.map(
              (r) =>
                `    ${r.role}${r.kind ? ` ${r.kind.replace(/_/g, " ")} ${r.date ?? "date unknown"}` : ""}: "${r.source.quote ?? ""}" (${r.source.url ?? r.source.title})`,
            ),
            ...(c.suggestions.length ? [`    likely: ${c.suggestions.join(", ")}`] : []),
          ];
          process.stdout.write(`${lines.join("\n")}\n`);
        }
      });
    });
  news
    .command("match")
    .description(
      "match a press candidate to an organisation of master data: its reported actions become open legal events, its spellings aliases",
    )
    .addOption(dbOption())
    .option("--note <text>", "why this is the organisation")
    .argument("<candidate>", "the candidate's id (PRESS-…)")
    .argument("<organisation>", "the organisation's id in master data")
    .action(async (candidate: string, organisation: string, options: { db?: string; note?: string }) => {
      await withLedger(options.db, async (ledger) => {
        const r = await matchPressCandidate(ledger, candidate, organisation, options.note, new Date());
        process.stdout.write(
          `${candidate} matched to ${organisation}: ${r.legalEvents} legal event(s) recorded\n`,
        );
      });
    });
  news
    .command("reject")
    .description("reject a press candidate with a note: it raises nothing and stays in the queue's history")
    .addOption(dbOption())
    .requiredOption("--note <text>", "why it is not an organisation to follow")
    .argument("<candidate>", "the candidate's id (PRESS-…)")
    .action(async (candidate: string, options: { db?: string; note: string }) => {
      await withLedger(options.db, async (ledger) => {
        await rejectPressCandidate(ledger, candidate, options.note, new Date());
        process.stdout.write(`${candidate} rejected\n`);
      });
    });
}

async function withLedger(db: string | undefined, work: (ledger: Ledger) => Promise<void>): Promise<void> {
  const ledger = openLedger(resolveDbLocation(db));
  try {
    await migrateLedger(ledger);
    await work(ledger);
  } finally {
    await ledger.close();
  }
}
