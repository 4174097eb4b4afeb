// `lodestone report crma-risk|oecd-step5|emrt --company ORG --year Y`: a company's due-diligence reports,
// computed from the ledger, printed as a summary or written as JSON, PDF or (the EMRT) XLSX (docs/reports.md).
import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import type { Command } from "commander";
import type { ContentKey } from "../domain/assay.ts";
import { LodestoneError } from "../domain/errors.ts";
import type { CrmaRiskReport } from "../domain/reports/crma-risk.ts";
import type { EmrtReport } from "../domain/reports/emrt.ts";
import type { OecdStep5Report } from "../domain/reports/oecd-step5.ts";
import { REPORT_ELEMENTS } from "../domain/reports/report-inputs.ts";
import { formatsOf, parseReportFormat, renderReport } from "../services/report-formats.ts";
import { companyReport, type Report, type ReportKind, validYear } from "../services/reports.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { dbOption, parseDate, parseElement, today } from "./options.ts";

const DESCRIPTIONS: Record<ReportKind, string> = {
  "crma-risk":
    "EU CRMA Art. 24 supply-chain risk assessment: origins by country and mine, processing, HHI against the 65% benchmark, risk factors, contracts, what-ifs",
  "oecd-step5":
    "OECD due-diligence step 5 annual report: traceability, red flags, each finding's response and notes, verification",
  emrt: "RMI EMRT-shaped template for Rare Earth Elements: declaration, smelter/refiner list, mine list, product list",
};

const pct = (share: number) => `${(share * 100).toFixed(2)}%`;
const kg = (x: number) => `${Number(x.toFixed(3)).toLocaleString("en-US")} kg`;

function summary(report: Report): string[] {
  const out = [
    `${report.report} ${report.year} for ${report.company.name} (${report.company.id}), as of ${report.asOf}`,
  ];
  if (report.report === "crma-risk") {
    const r = report as CrmaRiskReport;
    for (const e of r.elements) {
      const top = e.byCountry[0];
      out.push(
        `  ${e.element}: ${kg(e.receivedKg.value)} received; ${top ? `${pct(top.share.value)} from ${top.key ?? "unrecorded origin"}` : "no origin"}; HHI ${e.hhiCountry.value.toFixed(0)}${e.largestThirdCountry?.above ? " (above the CRMA 65% benchmark)" : ""}`,
      );
    }
    if (r.elements.length === 0) out.push("  no receipts of the magnet rare earths in the year");
    for (const v of r.vulnerabilities) out.push(`  vulnerability: ${v.message}`);
  } else if (report.report === "oecd-step5") {
    const r = report as OecdStep5Report;
    const s1 = r.step1ManagementSystems;
    const s3 = r.step3RiskResponse;
    out.push(
      `  ${s1.receipts.value} receipts, ${kg(s1.receivedKg.value)}, ${pct(s1.tracedToMineShare.value)} traced to the mine`,
      `  red flags: ${r.step2RiskIdentification.redFlags.map((f) => `${f.code} ${f.findings.value}`).join(", ") || "none"}`,
      `  findings: ${s3.open.value} open, ${s3.acknowledged.value} acknowledged, ${s3.resolved.value} resolved`,
    );
  } else {
    const r = report as EmrtReport;
    for (const d of r.declaration) out.push(`  ${d.question} ${d.answer}`);
    out.push(
      `  smelters/refiners: ${r.smelters.length}, mines: ${r.mines.length}, products: ${r.products.length}`,
    );
  }
  return out;
}

export function registerReportCommands(program: Command): void {
  const report = program
    .command("report")
    .description("due-diligence reports of a company for a year, computed from the ledger (docs/reports.md)");
  for (const kind of Object.keys(DESCRIPTIONS) as ReportKind[]) {
    report
      .command(kind)
      .description(DESCRIPTIONS[kind])
      .addOption(dbOption())
      .requiredOption("--company <org>", "the reporting company (PGLN URN or id in the master data)")
      .requiredOption("--year <year>", "the calendar year reported on, e.g. 2025")
      .option(
        "--as-of <date>",
        "the day open findings, legal events and what-ifs are read as of (default: today)",
        parseDate("--as-of"),
      )
      .option(
        "--elements <symbols>",
        `the elements reported on, comma-separated (default ${REPORT_ELEMENTS.join(",")})`,
      )
      .option(
        "--format <format>",
        `text (a summary), ${formatsOf(kind).join(", ")}; default from --out's extension, else text`,
      )
      .option("--out <file>", "write the report to this file instead of standard output")
      .action(
        async (options: {
          db?: string;
          company: string;
          year: string;
          asOf?: string;
          elements?: string;
          format?: string;
          out?: string;
        }) => {
          if (!/^\d{4}$/.test(options.year))
            throw new LodestoneError("QUERY_PARAMETER", `--year ${options.year}: a calendar year, e.g. 2025`);
          const year = validYear(Number(options.year));
          const elements = options.elements
            ? options.elements.split(",").map((e) => parseElement(e.trim()) as ContentKey)
            : undefined;
          const wanted =
            options.format ?? (options.out ? extname(options.out).slice(1).toLowerCase() : "text");
          const format = wanted === "text" ? "text" : parseReportFormat(kind, wanted, "--format");
          if ((format === "pdf" || format === "xlsx") && !options.out && process.stdout.isTTY)
            throw new LodestoneError(
              "QUERY_PARAMETER",
              `--format ${format}: give --out FILE (or redirect standard output to a file)`,
            );
          const ledger = openLedger(resolveDbLocation(options.db));
          try {
            await migrateLedger(ledger);
            const made = await companyReport(ledger, kind, {
              company: options.company,
              year,
              asOf: options.asOf ?? today(),
              ...(elements ? { elements } : {}),
            });
            const body =
              format === "text"
                ? Buffer.from(`${summary(made).join("\n")}\n`)
                : (await renderReport(made, format)).body;
            if (options.out) {
              writeFileSync(options.out, body);
              process.stderr.write(`wrote ${options.out} (${body.length.toLocaleString("en-US")} bytes)\n`);
            } else process.stdout.write(body);
          } finally {
            await ledger.close();
          }
        },
      );
  }
}
