// Overview: the key figures of what the signed-in party may see, and the newest findings.
import { useState } from "react";
import { useApi } from "../api.ts";
import { Figure, Show } from "../components.tsx";
import { formatNumber, label, t } from "../i18n.ts";

export interface Summary {
  organisation: string;
  role: string;
  events: number;
  lots: number;
  openFindings: number;
  violations: number;
  newestFindings: { id: string; code: string; severity: string; message: string }[];
  newestLegalEvents: {
    id: string;
    party: string;
    kind: string;
    date?: string;
    status: string;
    title: string;
    real: boolean;
  }[];
}

function OrganisationSearch() {
  const [query, setQuery] = useState("");
  const found = useApi<{ id: string; name: string; country?: string; demo?: boolean }[]>(
    query.trim() ? `/organisations?search=${encodeURIComponent(query)}` : null,
  );
  return (
    <section className="org-search">
      <input
        placeholder={t("overview.searchOrgs")}
        aria-label={t("overview.searchOrgs")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="org-search"
      />
      {query.trim() && (
        <Show loaded={found}>
          {(list) =>
            list.length === 0 ? (
              <p className="state">{t("overview.noMatch")}</p>
            ) : (
              <ul data-testid="org-results">
                {list.map((o) => (
                  <li key={o.id}>
                    {o.name} {o.country ? `(${o.country})` : ""}
                  </li>
                ))}
              </ul>
            )
          }
        </Show>
      )}
    </section>
  );
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
          <OrganisationSearch />
          <h2>{t("overview.legalEvents")}</h2>
          {s.newestLegalEvents.length === 0 ? (
            <p className="state">{t("state.empty")}</p>
          ) : (
            <ul className="finding-list" data-testid="newest-legal-events">
              {s.newestLegalEvents.map((e) => (
                <li key={e.id} className={e.status === "open" ? "severity-violation" : ""}>
                  <a href="#/counterparties">
                    <strong>{label("legalKind", e.kind)}</strong> {e.date ?? t("counterparties.dateUnknown")}{" "}
                    · {e.title} <small>{e.real ? t("counterparties.real") : t("counterparties.demo")}</small>
                  </a>
                </li>
              ))}
            </ul>
          )}
          <h2>{t("overview.newest")}</h2>
          {s.newestFindings.length === 0 ? (
            <p className="state">{t("state.empty")}</p>
          ) : (
            <ul className="finding-list">
              {s.newestFindings.map((f) => (
                <li key={f.id} className={`severity-${f.severity}`}>
                  <a href={`#/findings/${encodeURIComponent(f.id)}`}>
                    <strong>{label("rule", f.code)}</strong> {f.message}
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
