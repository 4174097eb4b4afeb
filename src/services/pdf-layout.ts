// Page layout for the PDF reports (pdfkit): headings, wrapped paragraphs, tables and horizontal bar charts
// drawn as vector shapes, with page breaks, in DejaVu Sans (Vietnamese and the other Latin scripts of the
// chain's names), and a numbered list of the sources behind each figure.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { Basis } from "../domain/reports/report-inputs.ts";

const FONT_DIR = join(
  dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
);
const MARGIN = 50;
const INK = "#1f2933";
const MUTED = "#616e7c";
const BAR = "#2f6f9f";
const BAR_ABOVE = "#b44d12";

/** A PDF being laid out, top to bottom, with the sources its figures cite. */
export class PdfReport {
  readonly doc: PDFKit.PDFDocument;
  private readonly sources: Basis[] = [];
  private readonly sourceIndex = new Map<string, number>();

  constructor(title: string, subject: string) {
    this.doc = new PDFDocument({
      size: "A4",
      margin: MARGIN,
      info: { Title: title, Subject: subject, Creator: "Lodestone", Producer: "Lodestone" },
      bufferPages: true,
    });
    this.doc.registerFont("body", join(FONT_DIR, "DejaVuSans.ttf"));
    this.doc.registerFont("bold", join(FONT_DIR, "DejaVuSans-Bold.ttf"));
    this.doc.font("body").fillColor(INK);
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  /** Starts a new page when fewer than `height` points are left on this one. */
  private room(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN) this.doc.addPage();
  }

  /** The number of a figure's sources in the closing list ("[3]"); the same basis keeps its number. */
  cite(basis: Basis): string {
    if (basis.queries.length === 0 && basis.findings.length === 0) return "";
    const key = JSON.stringify(basis);
    let n = this.sourceIndex.get(key);
    if (n === undefined) {
      this.sources.push(basis);
      n = this.sources.length;
      this.sourceIndex.set(key, n);
    }
    return `[${n}]`;
  }

  title(text: string, lines: string[]): void {
    this.doc.font("bold").fontSize(18).fillColor(INK).text(text, { width: this.width });
    this.doc.moveDown(0.3).font("body").fontSize(10).fillColor(MUTED);
    for (const line of lines) this.doc.text(line, { width: this.width });
    this.doc.fillColor(INK).moveDown(0.8);
  }

  heading(text: string): void {
    this.room(60);
    this.doc.moveDown(0.6).font("bold").fontSize(13).fillColor(INK).text(text, MARGIN, undefined, {
      width: this.width,
    });
    this.doc.moveDown(0.3).font("body").fontSize(10);
  }

  paragraph(text: string, options: { muted?: boolean } = {}): void {
    this.room(30);
    this.doc
      .font("body")
      .fontSize(10)
      .fillColor(options.muted ? MUTED : INK)
      .text(text, MARGIN, undefined, { width: this.width });
    this.doc.fillColor(INK).moveDown(0.4);
  }

  /** A table with wrapped cells; widths are fractions of the page's text width. */
  table(headers: string[], rows: string[][], widths: number[]): void {
    const columns = widths.map((w) => w * this.width);
    const drawRow = (cells: string[], font: "body" | "bold") => {
      this.doc.font(font).fontSize(8.5);
      const height =
        Math.max(...cells.map((c, i) => this.doc.heightOfString(c, { width: (columns[i] ?? 60) - 6 }))) + 6;
      this.room(height);
      const y = this.doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        this.doc.text(cell, x + 3, y + 3, { width: (columns[i] ?? 60) - 6 });
        x += columns[i] ?? 60;
      });
      this.doc
        .moveTo(MARGIN, y + height)
        .lineTo(MARGIN + this.width, y + height)
        .lineWidth(0.5)
        .strokeColor("#cbd2d9")
        .stroke();
      this.doc.x = MARGIN;
      this.doc.y = y + height;
    };
    drawRow(headers, "bold");
    for (const row of rows) drawRow(row, "body");
    this.doc.font("body").fontSize(10).moveDown(0.6);
  }

  /** A horizontal bar chart of shares (0–1), one bar a row, with an optional benchmark line. */
  bars(title: string, rows: { label: string; share: number; note?: string }[], benchmark?: number): void {
    const labelWidth = this.width * 0.38;
    const barWidth = this.width * 0.45;
    const rowHeight = 16;
    this.room(24 + rows.length * rowHeight + 14);
    this.doc.font("bold").fontSize(9).text(title, MARGIN, undefined, { width: this.width });
    let y = this.doc.y + 4;
    const top = y;
    for (const row of rows) {
      this.doc
        .font("body")
        .fontSize(8.5)
        .fillColor(INK)
        .text(row.label, MARGIN, y + 3, { width: labelWidth - 6, height: rowHeight, ellipsis: true });
      const w = Math.max(0.5, Math.min(1, row.share) * barWidth);
      const above = benchmark !== undefined && row.share > benchmark;
      this.doc
        .rect(MARGIN + labelWidth, y + 2, w, rowHeight - 5)
        .fill(above ? BAR_ABOVE : BAR)
        .fillColor(INK);
      this.doc.text(
        `${(row.share * 100).toFixed(2)}%${row.note ? ` ${row.note}` : ""}`,
        MARGIN + labelWidth + barWidth + 6,
        y + 3,
        { width: this.width - labelWidth - barWidth - 6 },
      );
      y += rowHeight;
    }
    if (benchmark !== undefined) {
      const x = MARGIN + labelWidth + benchmark * barWidth;
      this.doc
        .moveTo(x, top)
        .lineTo(x, y)
        .lineWidth(1)
        .dash(3, { space: 2 })
        .strokeColor(INK)
        .stroke()
        .undash();
      this.doc
        .fontSize(7)
        .fillColor(INK)
        .text(`benchmark ${(benchmark * 100).toFixed(0)}%`, x - 30, y + 1, { width: 60, align: "center" });
      y += 10;
    }
    this.doc.fillColor(INK).font("body").fontSize(10);
    this.doc.x = MARGIN;
    this.doc.y = y + 8;
  }

  /** The closing list of sources, then page numbers; resolves to the PDF's bytes. */
  finish(): Promise<Buffer> {
    this.heading("Sources");
    this.paragraph(
      "Each bracketed number above names the API queries (on this ledger, e.g. GET /risk/concentration?...) whose answers hold the figure, and the findings it rests on.",
      { muted: true },
    );
    this.sources.forEach((basis, i) => {
      const parts = [
        ...basis.queries.map((q) => `GET ${q}`),
        ...(basis.findings.length ? [`findings: ${basis.findings.join(", ")}`] : []),
      ];
      this.room(20);
      this.doc
        .font("body")
        .fontSize(7.5)
        .text(`[${i + 1}] ${parts.join("; ")}`, MARGIN, undefined, { width: this.width });
      this.doc.moveDown(0.2);
    });
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // The footer sits in the bottom margin: without this pdfkit would take it for an overflow and add a page.
      this.doc.page.margins.bottom = 0;
      this.doc
        .font("body")
        .fontSize(7.5)
        .fillColor(MUTED)
        .text(`${i + 1} / ${range.count}`, MARGIN, this.doc.page.height - MARGIN + 15, {
          width: this.width,
          align: "right",
          lineBreak: false,
        });
    }
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on("data", (c: Buffer) => chunks.push(c));
      this.doc.on("end", () => resolve(Buffer.concat(chunks)));
      this.doc.on("error", reject);
      this.doc.end();
    });
  }
}
