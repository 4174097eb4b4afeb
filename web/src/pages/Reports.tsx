// Reports: a company's CRMA risk assessment, OECD step 5 report and EMRT-shaped template for a year, previewed
// from the API's JSON and downloaded as PDF, XLSX or JSON. A party has its own; regulators, auditors, admins any.
import { useState } from "react";
import { getToken, useApi } from "../api.ts";
import { Chart, Figure, Show } from "../components.tsx";
import { formatNumber, label, type MessageKey, t } from "../i18n.ts";

type Kind = "crma-risk" | "oecd-step5" | "emrt";
const KINDS: { kind: Kind; label: MessageKey; formats: string[] }[] = [
  { kind: "crma-risk", label: "reports.crma", formats: ["pdf", "json"] },
  { kind: "oecd-step5", label: "reports.oecd", formats: ["pdf", "json"] },
  { kind: "emrt", label: "reports.emrt", formats: ["xlsx", "pdf", "json"] },
];
const PRIVILEGED = new Set(["regulator", "auditor", "admin"]);

interface FigureValue {
  value: number;
  unit: string;
  basis: { queries: string[]; findings: string[] };
}
interface ShareRow {
  key: string | null;
  name: string | null;
  share: FigureValue;
}
interface CrmaReport {
  report: "crma-risk";
  elements: {
    element: string;
    receivedKg: FigureValue;
    byCountry: ShareRow[];
    byMine: ShareRow[];
    hhiCountry: FigureValue;
    largestThirdCountry: { country: string; share: FigureValue; above: boolean } | null;
  }[];
  vulnerabilities: { kind: string; message: string }[];
}
interface OecdReport {
  report: "oecd-step5";
  step1ManagementSystems: { receipts: FigureValue; receivedKg: FigureValue; tracedToMineShare: FigureValue };
  step2RiskIdentification: { redFlags: { code: string; findings: FigureValue }[] };
  step3RiskResponse: { open: FigureValue; acknowledged: FigureValue; resolved: FigureValue };
}
interface EmrtReport {
  report: "emrt";
  declaration: { question: string; answer: string }[];
  smelters: { smelterName: string; kind: string; country: string | null; metals: string[] }[];
  mines: { mineName: string; country: string | null; licences: { id: string; status: string }[] }[];
}
type AnyReport = CrmaReport | OecdReport | EmrtReport;

const pct = (share: number) => `${formatNumber(share * 100, 2)}%`;

/** Downloads one form of the report with the bearer token (a plain link could not carry it). */
async function download(path: string, fileName: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${getToken() ?? ""}` } });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

export function Reports() {
  const summary = useApi<{ organisation: string; role: string }>("/summary");
  return <Show loaded={summary}>{(s) => <ReportChooser me={s.organisation} role={s.role} />}</Show>;
}

function ReportChooser({ me, role }: { me: string; role: string }) {
  const thisYear = new Date().getFullYear();
  const [kind, setKind] = useState<Kind>("crma-risk");
  // A report is made for the year just ended, most often.
  const [year, setYear] = useState(thisYear - 1);
  const [company, setCompany] = useState(me);
  const organisations = useApi<{ id: string; name: string; roles?: string[] }[]>(
    PRIVILEGED.has(role) ? "/organisations" : null,
  );
  const query = `company=${encodeURIComponent(company)}&year=${year}`;
  const loaded = useApi<AnyReport>(`/reports/${kind}?${query}`);
  const formats = KINDS.find((k) => k.kind === kind)?.formats ?? [];
  return (
    <>
      <p>{t("reports.intro")}</p>
      <div className="controls">
        <label>
          {t("reports.kind")}{" "}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="report-kind">
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {t(k.label)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("reports.year")}{" "}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="report-year">
            {[thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>{" "}
        {organisations.state === "ready" && (
          <label>
            {t("reports.company")}{" "}
            <select value={company} onChange={(e) => setCompany(e.target.value)} data-testid="report-company">
              <option value={me}>{me}</option>
              {organisations.data
                .filter((o) => o.id !== me)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </select>
          </label>
        )}
      </div>
      <div className="controls">
        {formats.map((format) => (
          <button
            key={format}
            type="button"
            data-testid={`report-download-${format}`}
            onClick={() =>
              download(`/reports/${kind}?${query}&format=${format}`, `${kind}-${year}.${format}`).catch(
                (e: Error) => window.alert(e.message),
              )
            }
          >
            {t("reports.download", { format: format.toUpperCase() })}
          </button>
        ))}
      </div>
      <Show loaded={loaded}>{(r) => <Preview report={r} />}</Show>
    </>
  );
}

function Preview({ report }: { report: AnyReport }) {
  if (report.report === "crma-risk") {
    if (report.elements.length === 0) return <p className="state">{t("reports.noReceipts")}</p>;
    return (
      <>
        <table data-testid="report-elements">
          <thead>
            <tr>
              <th>{t("reports.element")}</th>
              <th>{t("reports.receivedKg")}</th>
              <th>{t("reports.largestCountry")}</th>
              <th>{t("reports.hhi")}</th>
              <th>{t("reports.benchmark")}</th>
            </tr>
          </thead>
          <tbody>
            {report.elements.map((e) => (
              <tr key={e.element} data-testid={`report-element-${e.element}`}>
                <td>{e.element}</td>
                <td data-testid={`report-received-${e.element}`}>{formatNumber(e.receivedKg.value, 3)}</td>
                <td data-testid={`report-country-${e.element}`}>
                  {e.largestThirdCountry
                    ? `${e.largestThirdCountry.country} ${pct(e.largestThirdCountry.share.value)}`
                    : "—"}
                </td>
                <td data-testid={`report-hhi-${e.element}`}>{formatNumber(e.hhiCountry.value)}</td>
                <td>{e.largestThirdCountry?.above ? t("reports.above") : t("reports.within")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t("reports.byMine")}</h2>
        <Chart
          testId="report-mines-chart"
          height={80 + report.elements.length * 40}
          option={{
            tooltip: { trigger: "item" },
            xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
            yAxis: { type: "category", data: report.elements.map((e) => e.element) },
            series: [...new Set(report.elements.flatMap((e) => e.byMine.map((m) => m.name ?? "?")))].map(
              (mine) => ({
                type: "bar",
                stack: "mines",
                name: mine,
                data: report.elements.map(
                  (e) => (e.byMine.find((m) => (m.name ?? "?") === mine)?.share.value ?? 0) * 100,
                ),
              }),
            ),
            legend: { bottom: 0 },
          }}
        />
        <h2>{t("reports.vulnerabilities")}</h2>
        <ul data-testid="report-vulnerabilities">
          {report.vulnerabilities.map((v) => (
            <li key={v.message}>{v.message}</li>
          ))}
        </ul>
      </>
    );
  }
  if (report.report === "oecd-step5") {
    const s1 = report.step1ManagementSystems;
    const s3 = report.step3RiskResponse;
    return (
      <>
        <div className="figures">
          <Figure
            label={t("reports.receipts")}
            value={formatNumber(s1.receipts.value)}
            testId="report-receipts"
          />
          <Figure
            label={t("reports.receivedKg")}
            value={formatNumber(s1.receivedKg.value, 3)}
            testId="report-mass"
          />
          <Figure
            label={t("reports.traced")}
            value={pct(s1.tracedToMineShare.value)}
            testId="report-traced"
          />
          <Figure label={label("status", "open")} value={formatNumber(s3.open.value)} testId="report-open" />
          <Figure
            label={label("status", "acknowledged")}
            value={formatNumber(s3.acknowledged.value)}
            testId="report-acknowledged"
          />
          <Figure
            label={label("status", "resolved")}
            value={formatNumber(s3.resolved.value)}
            testId="report-resolved"
          />
        </div>
        <h2>{t("reports.redFlags")}</h2>
        <table data-testid="report-red-flags">
          <tbody>
            {report.step2RiskIdentification.redFlags.map((f) => (
              <tr key={f.code}>
                <td>{label("rule", f.code)}</td>
                <td>{formatNumber(f.findings.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  return (
    <>
      <table data-testid="report-declaration">
        <tbody>
          {report.declaration.map((d) => (
            <tr key={d.question}>
              <td>{d.question}</td>
              <td>{d.answer}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("reports.smelters")}</h2>
      <table data-testid="report-smelters">
        <tbody>
          {report.smelters.map((s) => (
            <tr key={s.smelterName}>
              <td>{s.smelterName}</td>
              <td>{s.kind}</td>
              <td>{s.country}</td>
              <td>{s.metals.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("reports.mines")}</h2>
      <table data-testid="report-mines">
        <tbody>
          {report.mines.map((m) => (
            <tr key={m.mineName}>
              <td>{m.mineName}</td>
              <td>{m.country}</td>
              <td>{m.licences.map((l) => `${l.id} (${label("status", l.status)})`).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
