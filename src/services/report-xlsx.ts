// The EMRT-shaped report as an Excel workbook (exceljs), the form downstream customers ask for: one sheet each
// for the declaration, the smelter list, the mine list and the product list, and one of the sources.
import ExcelJS from "exceljs";
import type { EmrtReport } from "../domain/reports/emrt.ts";
import type { Basis } from "../domain/reports/report-inputs.ts";

const sources = (basis: Basis) =>
  [...basis.queries.map((q) => `GET ${q}`), ...basis.findings.map((f) => `finding ${f}`)].join("\n");

function sheet(
  book: ExcelJS.Workbook,
  name: string,
  columns: { header: string; key: string; width: number }[],
) {
  const s = book.addWorksheet(name);
  s.columns = columns;
  s.getRow(1).font = { bold: true };
  s.views = [{ state: "frozen", ySplit: 1 }];
  return s;
}

export async function emrtWorkbook(report: EmrtReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Lodestone";
  book.title = `${report.company.name}: minerals reporting template ${report.year}`;
  const declaration = sheet(book, "Declaration", [
    { header: "Question", key: "question", width: 70 },
    { header: "Answer", key: "answer", width: 30 },
    { header: "Figure", key: "figure", width: 12 },
    { header: "Sources", key: "sources", width: 80 },
  ]);
  declaration.addRow({ question: "Company name", answer: report.company.name });
  declaration.addRow({ question: "Company identifier", answer: report.company.id });
  declaration.addRow({
    question: "Reporting period",
    answer: `${report.period.from} to ${report.period.to}`,
  });
  declaration.addRow({ question: "Mineral", answer: "Rare Earth Elements" });
  declaration.addRow({ question: "Template", answer: report.template });
  for (const d of report.declaration)
    declaration.addRow({
      question: d.question,
      answer: d.answer,
      ...(d.figure ? { figure: d.figure.value } : {}),
      sources: sources(d.basis),
    });
  const smelters = sheet(book, "Smelter List", [
    { header: "Metal", key: "metal", width: 14 },
    { header: "Smelter / refiner name", key: "name", width: 40 },
    { header: "Smelter identification", key: "id", width: 42 },
    { header: "Stage", key: "kind", width: 16 },
    { header: "Country", key: "country", width: 10 },
    { header: "Operator", key: "operator", width: 36 },
    { header: "Permits", key: "permits", width: 30 },
    { header: "Open findings", key: "findings", width: 50 },
    { header: "Receipts through it", key: "lots", width: 12 },
    { header: "Sources", key: "sources", width: 80 },
  ]);
  for (const s of report.smelters)
    smelters.addRow({
      metal: s.metals.join(", "),
      name: s.smelterName,
      id: s.smelterId,
      kind: s.kind,
      country: s.country ?? "",
      operator: s.operatorName ?? "",
      permits: s.permits.join(", "),
      findings: s.openFindings.join("\n"),
      lots: s.lots.value,
      sources: sources(s.lots.basis),
    });
  const mines = sheet(book, "Mine List", [
    { header: "Metal", key: "metal", width: 14 },
    { header: "Mine name", key: "name", width: 40 },
    { header: "Mine identification", key: "id", width: 42 },
    { header: "Country", key: "country", width: 10 },
    { header: "Licences", key: "licences", width: 40 },
    { header: "Open findings", key: "findings", width: 50 },
  ]);
  for (const m of report.mines)
    mines.addRow({
      metal: m.metals.join(", "),
      name: m.mineName,
      id: m.mineId,
      country: m.country ?? "",
      licences: m.licences.map((l) => `${l.id} (${l.status}, ${l.validFrom} to ${l.validTo})`).join("\n"),
      findings: m.openFindings.join("\n"),
    });
  const products = sheet(book, "Product List", [
    { header: "Product", key: "name", width: 40 },
    { header: "Material class", key: "materialClass", width: 16 },
    { header: "Receipts", key: "lots", width: 10 },
    { header: "Mass (kg)", key: "massKg", width: 14 },
    { header: "Sources", key: "sources", width: 80 },
  ]);
  for (const p of report.products)
    products.addRow({
      name: p.productName,
      materialClass: p.materialClass ?? "",
      lots: p.lots.value,
      massKg: p.massKg.value,
      sources: sources(p.massKg.basis),
    });
  return Buffer.from(await book.xlsx.writeBuffer());
}
