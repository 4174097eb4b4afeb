// `lodestone news ingest`: reads articles (plain text or HTML, English or Vietnamese) and stores a legal event
// for each organisation of the master data that an article reports as the subject of a legal action.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { LodestoneError } from "../domain/errors.ts";
import { ingestArticle, type NewsIngestReport, parseArticle } from "../services/news.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { dbOption } from "./options.ts";

export function registerNewsCommands(program: Command): void {
  const news = program.command("news").description("legal and risk events read from news articles");
  news
    .command("ingest")
    .description(
      "read articles (plain text with optional Title:/Publisher:/Date:/URL: header lines, or HTML) and store one legal event per subject of a reported action (docs/news.md)",
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
          for (const s of r.reading.similarNames)
            out.push(`  not matched: "${s.text}" is another name than ${s.organisation}'s`);
          if (r.reading.mentions.length === 0) out.push("  no organisation of the master data is named");
        }
        process.stdout.write(`${out.join("\n")}\n`);
      } finally {
        await ledger.close();
      }
    });
}
