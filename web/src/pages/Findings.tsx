// Findings: filter by rule, severity and status; open one to see its numbers and evidence; acknowledge or
// resolve it with a note (regulators).
import { useState } from "react";
import { api, useApi } from "../api.ts";
import { Show } from "../components.tsx";
import { formatNumber, label, type MessageKey, t } from "../i18n.ts";

const RULE_EXPLANATIONS = new Set(
  [
    "LICENCE_CAPACITY",
    "LICENCE_RESERVE",
    "LICENCE_VALIDITY",
    "LICENCE_AREA",
    "LICENCE_SCOPE",
    "UNLICENSED_EXTRACTION",
    "EXPORT_UNPROCESSED",
    "EXPORT_RADIOACTIVE",
    "EXPORT_MISDECLARED",
    "DECLARATION_MISMATCH",
    "MASS_BALANCE",
    "COUNTERPARTY_LEGAL",
    "CONCENTRATION",
    "CONTRACT_SHORTFALL",
    "SPEC_MISMATCH",
    "CONTRACT_CAPACITY",
    "SANCTIONS_MATCH",
    "INVENTORY_NEGATIVE",
    "RADIONUCLIDE_BALANCE",
    "RESIDUE_UNPLACED",
    "RESIDUE_SITE_OVER_CAPACITY",
    "PERMIT_LIMIT",
    "PRODUCT_ACTIVITY",
    "RECYCLED_CLAIM",
    "RECYCLER_UNPERMITTED",
  ].map((c) => `rule.${c}.explain`),
);

interface Finding {
  id: string;
  code: string;
  severity: string;
  status: string;
  message: string;
  subject: { kind: string; id: string };
  measured?: { value: number; unit: string };
  allowed?: { value: number; unit: string };
  evidence: { events: string[]; documents: string[] };
  taints: string[];
  rule: { citation: string };
}

export function Findings({ selectedId }: { selectedId?: string }) {
  const [code, setCode] = useState("");
  const [status, setStatus] = useState("");
  const [severity, setSeverity] = useState("");
  const [version, setVersion] = useState(0);
  const query = new URLSearchParams({
    ...(code ? { code } : {}),
    ...(status ? { status } : {}),
    ...(severity ? { severity } : {}),
  });
  const loaded = useApi<{ findings: Finding[] }>(`/findings?${query.toString()}`, version);
  const all = useApi<{ findings: Finding[] }>("/findings");
  const codes = all.state === "ready" ? [...new Set(all.data.findings.map((f) => f.code))].sort() : [];
  return (
    <div className="findings-layout">
      <div>
        <div className="filters">
          <select
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-label={t("findings.filter.code")}
            data-testid="filter-code"
          >
            <option value="">
              {t("findings.filter.code")}: {t("findings.all")}
            </option>
            {codes.map((c) => (
              <option key={c} value={c}>
                {label("rule", c)}
              </option>
            ))}
          </select>
          <select
            value={severity}
            onChange={(e) => setSeverity(e.target.value)}
            aria-label={t("findings.filter.severity")}
          >
            <option value="">
              {t("findings.filter.severity")}: {t("findings.all")}
            </option>
            {["violation", "warning", "info"].map((s) => (
              <option key={s} value={s}>
                {label("severity", s)}
              </option>
            ))}
          </select>
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            aria-label={t("findings.filter.status")}
          >
            <option value="">
              {t("findings.filter.status")}: {t("findings.all")}
            </option>
            {["open", "acknowledged", "resolved"].map((s) => (
              <option key={s} value={s}>
                {label("status", s)}
              </option>
            ))}
          </select>
        </div>
        <Show loaded={loaded} empty={(d) => d.findings.length === 0}>
          {(d) => (
            <>
              <p data-testid="finding-count">{t("findings.count", { count: d.findings.length })}</p>
              <ul className="finding-list">
                {d.findings.map((f) => (
                  <li
                    key={f.id}
                    className={`severity-${f.severity}${f.id === selectedId ? " selected" : ""}`}
                  >
                    <a href={`#/findings/${encodeURIComponent(f.id)}`} data-testid="finding-link">
                      <strong>{label("rule", f.code)}</strong>{" "}
                      <span className="status">{label("status", f.status)}</span> {f.message}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Show>
      </div>
      {selectedId && loaded.state === "ready" && (
        <FindingDetail
          finding={(all.state === "ready" ? all.data.findings : loaded.data.findings).find(
            (f) => f.id === selectedId,
          )}
          onChange={() => setVersion((v) => v + 1)}
        />
      )}
    </div>
  );
}

function FindingDetail({ finding, onChange }: { finding?: Finding; onChange: () => void }) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  if (!finding) return null;
  const act = async (verb: "acknowledge" | "resolve") => {
    setError(null);
    try {
      await api(`/findings/${encodeURIComponent(finding.id)}/${verb}`, {
        method: "POST",
        body: JSON.stringify({ note }),
      });
      onChange();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="finding-detail" data-testid="finding-detail">
      <h2>{label("rule", finding.code)}</h2>
      <p className="explanation">
        <strong>{t("findings.explanation")}:</strong>{" "}
        {RULE_EXPLANATIONS.has(`rule.${finding.code}.explain`)
          ? t(`rule.${finding.code}.explain` as MessageKey)
          : ""}
      </p>
      <p>{finding.message}</p>
      <dl>
        <dt>{t("findings.subject")}</dt>
        <dd>
          {finding.subject.kind} {finding.subject.id}
        </dd>
        {finding.measured && (
          <>
            <dt>{t("findings.measured")}</dt>
            <dd data-testid="measured">
              {formatNumber(finding.measured.value, 6)} {finding.measured.unit}
            </dd>
          </>
        )}
        {finding.allowed && (
          <>
            <dt>{t("findings.allowed")}</dt>
            <dd data-testid="allowed">
              {formatNumber(finding.allowed.value, 6)} {finding.allowed.unit}
            </dd>
          </>
        )}
        <dt>{t("findings.citation")}</dt>
        <dd>{finding.rule.citation}</dd>
      </dl>
      <h3>{t("findings.evidence")}</h3>
      <p>
        {t("findings.events")}: <span data-testid="evidence-count">{finding.evidence.events.length}</span>
      </p>
      <ul className="evidence">
        {finding.evidence.events.slice(0, 8).map((e) => (
          <li key={e}>
            <code>{e}</code>
          </li>
        ))}
      </ul>
      <p>
        {t("findings.documents")}: {finding.evidence.documents.join(", ") || "—"}
      </p>
      <h3>
        {t("findings.taints")} ({finding.taints.length})
      </h3>
      <ul className="evidence">
        {finding.taints.slice(0, 8).map((l) => (
          <li key={l}>
            <a href={`#/lots/${encodeURIComponent(l)}`}>{l}</a>
          </li>
        ))}
      </ul>
      <label>
        {t("findings.note")}{" "}
        <input value={note} onChange={(e) => setNote(e.target.value)} data-testid="finding-note" />
      </label>
      <div className="actions">
        <button type="button" onClick={() => act("acknowledge")} disabled={!note}>
          {t("findings.acknowledge")}
        </button>
        <button type="button" onClick={() => act("resolve")} disabled={!note}>
          {t("findings.resolve")}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
