// `lodestone import`: each file is one capture, all or nothing; a summary per file, or JSON with --json.
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { describeProblem, LodestoneError, type Problem } from "../domain/errors.ts";
import type { EvaluationScope } from "../domain/evaluation-scope.ts";
import { captureDocument } from "../services/capture.ts";
import { captureInParts } from "../services/capture-parts.ts";
import { evaluateAndRecord } from "../services/evaluate.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { DEFAULT_ORGANISATION, dbOption } from "./options.ts";
import { readEpcisFile, readEpcisParts, STREAMED_JSON_BYTES } from "./read-document.ts";

interface FileReport {
  file: string;
  captured: number;
  duplicates: number;
  rejected: { event: number | null; path: string; message: string }[];
}

const LARGE_INPUT_BYTES = 1_000_000;

export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description(
      "capture EPCIS documents (2.0 JSON-LD, or XML 2.0 and 1.x by the .xml extension or content); each file is stored whole or not at all",
    )
    .addOption(dbOption())
    .option(
      "--org <organisation>",
      "the capturing organisation (default: $LODESTONE_ORG, else urn:lodestone:org:local)",
    )
    .option("--json", "print {files:[{file,captured,duplicates,rejected}]} instead of a summary")
    .argument("<file...>", "EPCISDocument, EPCISQueryDocument or single-event files, JSON or XML")
    .action(async (files: string[], options: { db?: string; org?: string; json?: boolean }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      const organisation = options.org ?? process.env.LODESTONE_ORG ?? DEFAULT_ORGANISATION;
      const reports: FileReport[] = [];
      const sizes = files.map((f) => {
        try {
          return statSync(f).size;
        } catch {
          return 0;
        }
      });
      const totalBytes = sizes.reduce((a, b) => a + b, 0);
      const showBar =
        process.stderr.isTTY && !options.json && (files.length > 1 || totalBytes > LARGE_INPUT_BYTES);
      const bar = showBar
        ? new cliProgress.SingleBar(
            {
              format:
                "importing [{bar}] {percentage}% | {value}/{total} files | {events} events, {rate} events/s | {file}",
              stream: process.stderr,
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      try {
        await migrateLedger(ledger);
        const started = Date.now();
        let events = 0;
        // Events captured so far, with those of a large file still being captured in parts.
        const progress = (inFile = 0) => ({
          events: (events + inFile).toLocaleString("en-US"),
          rate: Math.round((events + inFile) / Math.max((Date.now() - started) / 1000, 0.001)).toLocaleString(
            "en-US",
          ),
        });
        bar?.start(files.length, 0, { file: "", ...progress() });
        for (const [i, file] of files.entries()) {
          bar?.update({ file, ...progress() });
          const { report, touched } = await importFile(ledger, file, organisation, sizes[i] ?? 0, (inFile) =>
            bar?.update({ file, ...progress(inFile) }),
          );
          reports.push(report);
          events += report.captured;
          // Findings follow every capture that stored something new: those resting on what it touched.
          if (report.captured > 0)
            await evaluateAndRecord(ledger, new Date(), touched ? { scope: touched } : {});
          bar?.increment(1, progress());
        }
      } finally {
        bar?.stop();
        await ledger.close();
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ files: reports })}\n`);
      } else {
        for (const r of reports) {
          if (r.rejected.length === 0) {
            process.stdout.write(`${r.file}: ${r.captured} captured, ${r.duplicates} duplicates\n`);
          } else {
            const [first, ...rest] = r.rejected;
            if (first) {
              const problem: Problem = {
                path: first.path,
                message: first.message,
                ...(first.event === null ? {} : { event: first.event }),
              };
              const more = rest.length > 0 ? ` (and ${rest.length} more event(s); --json lists all)` : "";
              process.stderr.write(
                `lodestone: ${r.file}: ${describeProblem(problem)}${more}; nothing stored\n`,
              );
            }
          }
        }
      }
      if (reports.some((r) => r.rejected.length > 0)) process.exitCode = 1;
    });
}

async function importFile(
  ledger: ReturnType<typeof openLedger>,
  file: string,
  organisation: string,
  size: number,
  onEvents: (eventsSoFar: number) => void,
): Promise<{ report: FileReport; touched?: EvaluationScope }> {
  let input: ReturnType<typeof readEpcisFile>;
  try {
    // A large JSON document is read and captured streamed, in parts, still whole or not at all.
    const parts =
      size >= STREAMED_JSON_BYTES && !file.toLowerCase().endsWith(".xml")
        ? await readEpcisParts(file)
        : undefined;
    if (parts) {
      const report = await captureInParts(
        ledger,
        { parts, organisation, sourceName: file },
        { now: () => new Date(), newId: randomUUID },
        onEvents,
      );
      return {
        report: {
          file,
          captured: report.captured,
          duplicates: report.duplicates,
          rejected: report.rejected.map((p) => ({
            event: p.event ?? null,
            path: p.path,
            message: p.message,
          })),
        },
        ...(report.touched ? { touched: report.touched } : {}),
      };
    }
    input = readEpcisFile(file);
  } catch (error) {
    if (!(error instanceof LodestoneError)) throw error;
    const message = error.message.startsWith(`${file}: `)
      ? error.message.slice(file.length + 2)
      : error.message;
    return { report: { file, captured: 0, duplicates: 0, rejected: [{ event: null, path: "$", message }] } };
  }
  const report = await captureDocument(
    ledger,
    { document: input.document, format: input.format, organisation, sourceName: file },
    { now: () => new Date(), newId: randomUUID },
  );
  return {
    report: {
      file,
      captured: report.captured,
      duplicates: report.duplicates,
      rejected: report.rejected.map((p) => ({ event: p.event ?? null, path: p.path, message: p.message })),
    },
    ...(report.touched ? { touched: report.touched } : {}),
  };
}
