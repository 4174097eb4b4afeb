// Overview: the key figures of what the signed-in party may see, and the newest findings.
import { useApi } from "../api.ts";
import { Figure, Show } from "../components.tsx";
import { formatNumber, t } from "../i18n.ts";

export interface Summary {
  events: number;
  lots: number;
  openFindings: number;
  violations: number;
  newestFindings: { id: string; code: string; severity: string; message: string }[];
}

export function Overview() {
  const loaded = useApi<Summary>("/summary");
  return (
    <Show loaded={loaded}>
      {(s) => (
        <>
          <div className="figures">
            <Figure label={t("overview.events")} value={formatNumber(s.events)} testId="figure-events" />
            <Figure label={t("overview.lots")} value={formatNumber(s.lots)} testId="figure-lots" />
            <Figure
              label={t("overview.openFindings")}
              value={formatNumber(s.openFindings)}
              testId="figure-open-findings"
            />
            <Figure
              label={t("overview.violations")}
              value={formatNumber(s.violations)}
              testId="figure-violations"
            />
          </div>
          <h2>{t("overview.newest")}</h2>
          {s.newestFindings.length === 0 ? (
            <p className="state">{t("state.empty")}</p>
          ) : (
            <ul className="finding-list">
              {s.newestFindings.map((f) => (
                <li key={f.id} className={`severity-${f.severity}`}>
                  <a href={`#/findings/${encodeURIComponent(f.id)}`}>
                    <strong>{f.code}</strong> {f.message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Show>
  );
}
