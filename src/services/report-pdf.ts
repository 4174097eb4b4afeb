// The PDF of a report, for people: the same figures as its JSON, laid out by the parts of the regulation or
// guidance it answers, with the shares drawn as bar charts and every figure numbered to its sources.
import { legalEventDateLabel } from "../domain/masterdata.ts";
import type { CrmaRiskReport } from "../domain/reports/crma-risk.ts";
import type { EmrtReport } from "../domain/reports/emrt.ts";
import type { OecdStep5Report } from "../domain/reports/oecd-step5.ts";
import type { Figure } from "../domain/reports/report-inputs.ts";
import { PdfReport } from "./pdf-layout.ts";
import type { Report } from "./reports.ts";

const kg = (x: number) => `${Number(x.toFixed(3)).toLocaleString("en-US")} kg`;
const t = (x: number) => `${Number(x.toFixed(3)).toLocaleString("en-US")} t`;
const pct = (share: number) => `${(share * 100).toFixed(2)}%`;

function header(pdf: PdfReport, title: string, report: Report, answers: string): void {
  pdf.title(title, [
    `${report.company.name} (${report.company.id})${report.company.country ? `, ${report.company.country}` : ""}`,
    `Reporting year ${report.year} (${report.period.from} to ${report.period.to}); open findings, legal events and what-ifs as of ${report.asOf}`,
    answers,
    "Computed from the Lodestone ledger: no figure is typed in. Bracketed numbers refer to the sources at the end.",
  ]);
}

function crma(pdf: PdfReport, r: CrmaRiskReport): void {
  header(
    pdf,
    "Supply-chain risk assessment",
    r,
    "Answers Regulation (EU) 2024/1252 (Critical Raw Materials Act), Art. 24: where the strategic raw materials were extracted and processed, the factors that may affect their supply, and the vulnerabilities.",
  );
  pdf.heading("1. Where the rare earths came from");
  if (r.elements.length === 0) pdf.paragraph(`No receipts of ${"Pr, Nd, Tb or Dy"} in ${r.year}.`);
  for (const e of r.elements) {
    const cite = (f: Figure) => pdf.cite(f.basis);
    pdf.paragraph(
      `${e.element}: ${kg(e.receivedKg.value)} received ${cite(e.receivedKg)}; HHI by country of extraction ${e.hhiCountry.value.toFixed(0)}, by supplier ${e.hhiSupplier.value.toFixed(0)} ${cite(e.hhiCountry)}; recycled content ${pct(e.recycledShare.value)} ${cite(e.recycledShare)}.`,
    );
    pdf.bars(
      `${e.element}: share by country of extraction ${cite(e.byCountry[0]?.share ?? e.receivedKg)}`,
      e.byCountry.map((c) => ({ label: c.name ?? "origin not recorded", share: c.share.value })),
      e.largestThirdCountry ? e.largestThirdCountry.benchmark : undefined,
    );
    pdf.bars(
      `${e.element}: share by mine`,
      e.byMine.map((c) => ({ label: c.name ?? "mine not recorded", share: c.share.value })),
    );
    pdf.bars(
      `${e.element}: share by country of processing (the supplier's site)`,
      e.byProcessingCountry.map((c) => ({ label: c.name ?? "not recorded", share: c.share.value })),
    );
    if (e.largestThirdCountry)
      pdf.paragraph(
        `Largest single third country: ${e.largestThirdCountry.country} at ${pct(e.largestThirdCountry.share.value)} ${cite(e.largestThirdCountry.share)}, ${e.largestThirdCountry.above ? "above" : "within"} the CRMA benchmark of ${pct(e.largestThirdCountry.benchmark)}.`,
      );
    if (e.unassayedLots.length > 0)
      pdf.paragraph(`Not counted (no recorded composition): ${e.unassayedLots.join(", ")}.`, { muted: true });
  }
  pdf.heading("2. Processing sites in the chain");
  pdf.table(
    ["Site", "Stage", "Country", "Operator"],
    r.processing.map((s) => [s.name, s.kind, s.country ?? "", s.operatorName ?? ""]),
    [0.36, 0.16, 0.1, 0.38],
  );
  pdf.heading("3. Factors that may affect supply");
  pdf.table(
    ["Party", "Legal event", "Date", "Status", "Source"],
    r.riskFactors.legalEvents.map((e) => [
      e.partyName,
      e.kind.replace(/_/g, " "),
      legalEventDateLabel(e),
      e.status,
      e.source.title,
    ]),
    [0.24, 0.14, 0.12, 0.1, 0.4],
  );
  pdf.table(
    ["Open finding", "Subject", "What was found"],
    r.riskFactors.openFindings.map((f) => [
      `${f.code} ${pdf.cite({ queries: [], findings: [f.id] })}`,
      f.subject,
      f.message,
    ]),
    [0.22, 0.28, 0.5],
  );
  pdf.heading("4. Contracts and vulnerabilities");
  for (const c of r.contracts) {
    pdf.table(
      [`Contract ${c.contract}`, "Committed", "Delivered", "Shortfall (projected)"],
      c.products.map((p) => [
        p.name,
        `${t(p.committedT.value)} ${pdf.cite(p.committedT.basis)}`,
        `${t(p.deliveredT.value)} ${pdf.cite(p.deliveredT.basis)}`,
        p.shortfallT ? `${t(p.shortfallT.value)} ${pdf.cite(p.shortfallT.basis)}` : "no period closed yet",
      ]),
      [0.4, 0.2, 0.2, 0.2],
    );
    pdf.bars(
      `Contract ${c.contract}: delivered against committed in ${r.year}`,
      c.products.map((p) => ({
        label: p.name,
        share: p.committedT.value > 0 ? p.deliveredT.value / p.committedT.value : 0,
      })),
    );
  }
  for (const w of r.whatIf)
    pdf.table(
      [`If ${w.name} stopped supplying`, "Due in 12 months", "Short"],
      w.shortfalls.map((x) => [
        `${x.contract}: ${x.name}`,
        t(x.next12MonthsT.value),
        `${t(x.shortfallT.value)} ${pdf.cite(x.shortfallT.basis)}`,
      ]),
      [0.5, 0.25, 0.25],
    );
  pdf.heading("5. Vulnerabilities found");
  if (r.vulnerabilities.length === 0) pdf.paragraph("None found.");
  for (const v of r.vulnerabilities) pdf.paragraph(`• ${v.message} ${pdf.cite(v.basis)}`);
}

function oecd(pdf: PdfReport, r: OecdStep5Report): void {
  header(
    pdf,
    "Supply-chain due diligence report",
    r,
    "Answers the OECD Due Diligence Guidance for Responsible Supply Chains of Minerals, step 5 (annual public report), by the five steps.",
  );
  const s1 = r.step1ManagementSystems;
  pdf.heading("Step 1. Management systems: traceability");
  pdf.paragraph(
    `${s1.receipts.value} receipts, ${kg(s1.receivedKg.value)} in all ${pdf.cite(s1.receipts.basis)}; ${pct(s1.tracedToMineShare.value)} of the mass traced to the mine of origin ${pdf.cite(s1.tracedToMineShare.basis)}. Chain-of-custody model${s1.chainOfCustody.length === 1 ? "" : "s"}: ${s1.chainOfCustody.join(", ") || "none contracted"}. Rule packs in force: ${s1.rulePacks.join(", ")}.`,
  );
  const s2 = r.step2RiskIdentification;
  pdf.heading("Step 2. Risks identified in the supply chain");
  pdf.bars(
    "Countries of origin, by element",
    s2.countriesOfOrigin.map((c) => ({
      label: `${c.element} from ${c.country ?? "unrecorded"}`,
      share: c.share.value,
    })),
  );
  pdf.table(
    ["Mine", "Country", "Licences"],
    s2.mines.map((m) => [m.name, m.country ?? "", m.licences.join(", ")]),
    [0.5, 0.15, 0.35],
  );
  pdf.table(
    ["Smelter / refiner", "Stage", "Country", "Operator"],
    s2.refiners.map((m) => [m.name, m.kind, m.country ?? "", m.operatorName ?? ""]),
    [0.38, 0.16, 0.1, 0.36],
  );
  pdf.table(
    ["Red flag (rule)", "Findings"],
    s2.redFlags.map((f) => [f.code, `${f.findings.value} ${pdf.cite(f.findings.basis)}`]),
    [0.6, 0.4],
  );
  pdf.table(
    ["Party", "Legal event", "Date", "Status"],
    s2.legalEvents.map((e) => [e.partyName, e.kind.replace(/_/g, " "), legalEventDateLabel(e), e.status]),
    [0.4, 0.25, 0.2, 0.15],
  );
  const s3 = r.step3RiskResponse;
  pdf.heading("Step 3. Response to the risks");
  pdf.paragraph(
    `${s3.open.value} open ${pdf.cite(s3.open.basis)}, ${s3.acknowledged.value} acknowledged ${pdf.cite(s3.acknowledged.basis)}, ${s3.resolved.value} resolved ${pdf.cite(s3.resolved.basis)}.`,
  );
  pdf.table(
    ["Finding", "Status", "Notes"],
    s3.findings.map((f) => [
      `${f.code}: ${f.message}`,
      f.status,
      [
        f.statusNote,
        ...f.statusChanges.map((c) => `${c.at.slice(0, 10)} ${c.status}${c.note ? `: ${c.note}` : ""}`),
      ]
        .filter(Boolean)
        .join("\n"),
    ]),
    [0.55, 0.13, 0.32],
  );
  const s4 = r.step4IndependentVerification;
  pdf.heading("Step 4. Independent verification");
  pdf.paragraph(
    `${s4.passports.value} signed product passports (W3C Verifiable Credentials, Ed25519) for the lots received, ${s4.revoked.value} of them revoked ${pdf.cite(s4.passports.basis)}; each can be verified offline by anyone holding it.`,
  );
  pdf.heading("Step 5. Reporting");
  pdf.paragraph(r.step5Reporting.basis);
}

function emrt(pdf: PdfReport, r: EmrtReport): void {
  header(pdf, "Minerals reporting template: Rare Earth Elements", r, r.template);
  pdf.heading("Declaration");
  pdf.table(
    ["Question", "Answer"],
    r.declaration.map((d) => [d.question, `${d.answer} ${pdf.cite(d.basis)}`]),
    [0.65, 0.35],
  );
  pdf.heading("Smelter list");
  pdf.table(
    ["Metal", "Smelter / refiner", "Country", "Identifier", "Open findings"],
    r.smelters.map((s) => [
      s.metals.join(", "),
      s.smelterName,
      s.country ?? "",
      s.smelterId,
      s.openFindings.join(", "),
    ]),
    [0.12, 0.3, 0.1, 0.3, 0.18],
  );
  pdf.heading("Mine list");
  pdf.table(
    ["Metal", "Mine", "Country", "Licences"],
    r.mines.map((m) => [
      m.metals.join(", "),
      m.mineName,
      m.country ?? "",
      m.licences.map((l) => `${l.id} (${l.status})`).join(", "),
    ]),
    [0.12, 0.38, 0.1, 0.4],
  );
  pdf.heading("Product list");
  pdf.table(
    ["Product", "Receipts", "Mass"],
    r.products.map((p) => [
      p.productName,
      String(p.lots.value),
      `${kg(p.massKg.value)} ${pdf.cite(p.massKg.basis)}`,
    ]),
    [0.5, 0.2, 0.3],
  );
}

export function reportPdf(report: Report): Promise<Buffer> {
  const pdf = new PdfReport(
    `${report.report} ${report.year}`,
    `${report.company.name}: ${report.report} ${report.year}`,
  );
  if (report.report === "crma-risk") crma(pdf, report);
  else if (report.report === "oecd-step5") oecd(pdf, report);
  else emrt(pdf, report);
  return pdf.finish();
}
