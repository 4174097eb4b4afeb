// The forms a report is handed on in: JSON for tools (docs/schemas), PDF for people, XLSX for the EMRT; which
// report has which form, and the bytes and media type of each, shared by the CLI and the API.
import { LodestoneError } from "../domain/errors.ts";
import type { EmrtReport } from "../domain/reports/emrt.ts";
import type { Report, ReportKind } from "./reports.ts";

export const REPORT_FORMATS = ["json", "pdf", "xlsx"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const MEDIA_TYPES: Record<ReportFormat, string> = {
  json: "application/json; charset=utf-8",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The forms a kind of report has: every report has JSON and PDF; the EMRT also has its workbook. */
export function formatsOf(kind: ReportKind): ReportFormat[] {
  return kind === "emrt" ? ["json", "pdf", "xlsx"] : ["json", "pdf"];
}

export function parseReportFormat(kind: ReportKind, value: string, field: string): ReportFormat {
  const formats = formatsOf(kind);
  if (!(formats as string[]).includes(value))
    throw new LodestoneError(
      "QUERY_PARAMETER",
      `${field}: ${value} is not a form of the ${kind} report (one of ${formats.join(", ")})`,
    );
  return value as ReportFormat;
}

export async function renderReport(
  report: Report,
  format: ReportFormat,
): Promise<{ body: Buffer; mediaType: string; fileName: string }> {
  const fileName = `${report.report}-${report.year}.${format}`;
  const mediaType = MEDIA_TYPES[format];
  if (format === "json")
    return { body: Buffer.from(`${JSON.stringify(report, null, 2)}\n`), mediaType, fileName };
  // pdfkit and exceljs are loaded on first use: every other command starts without them.
  if (format === "pdf") {
    const { reportPdf } = await import("./report-pdf.ts");
    return { body: await reportPdf(report), mediaType, fileName };
  }
  if (report.report !== "emrt")
    throw new LodestoneError("QUERY_PARAMETER", `format: xlsx is a form of the emrt report only`);
  const { emrtWorkbook } = await import("./report-xlsx.ts");
  return { body: await emrtWorkbook(report as EmrtReport), mediaType, fileName };
}
