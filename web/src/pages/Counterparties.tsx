// Counterparties: legal events with their sources and quoted evidence, what each marks (lots, contracts,
// holders), and sanctions-list matches awaiting review.
import { useApi } from "../api.ts";
import { Show } from "../components.tsx";
import { formatNumber, label, t } from "../i18n.ts";
import { PressCandidates } from "./PressCandidates.tsx";

interface LegalEvent {
  id: string;
  party: string;
  kind: string;
  date?: string;
  dateBasis?: string;
  status: string;
  charges?: string[];
  source: { title: string; publisher?: string; url?: string; quote?: string };
  confidence: number;
  real?: boolean;
}
interface Finding {
  id: string;
  code: string;
  subject: { kind: string; id: string };
  taints: string[];
  status: string;
}
interface Organisation {
  id: string;
  name: string;
}
interface Match {
  organisation: string;
  entry: string;
  list: string;
  score: number;
}

/** The event's date, or that it is unknown, or that it is the article's date rather than the action's. */
function eventDate(e: Pick<LegalEvent, "date" | "dateBasis">): string {
  if (!e.date) return t("counterparties.dateUnknown");
  return e.dateBasis === "publication" ? t("counterparties.publicationDate", { date: e.date }) : e.date;
}

export function Counterparties() {
  const events = useApi<LegalEvent[]>("/legal-events");
  const findings = useApi<{ findings: Finding[] }>("/findings?code=COUNTERPARTY_LEGAL");
  const organisations = useApi<Organisation[]>("/organisations");
  const matches = useApi<Match[]>("/sanctions/matches");
  const nameOf = (id: string) =>
    (organisations.state === "ready" ? organisations.data.find((o) => o.id === id)?.name : undefined) ?? id;
  const marks = (eventId: string) => {
    const all = findings.state === "ready" ? findings.data.findings : [];
    const own = all.filter(
      (f) => f.id === `COUNTERPARTY_LEGAL:${eventId}` || f.id.startsWith(`COUNTERPARTY_LEGAL:${eventId}:`),
    );
    return {
      lots: all.find((f) => f.id === `COUNTERPARTY_LEGAL:${eventId}`)?.taints.length ?? 0,
      contracts: own.filter((f) => f.subject.kind === "contract").map((f) => f.subject.id),
      holders: own.filter((f) => f.id.includes(":holder:")).map((f) => f.subject.id),
    };
  };
  return (
    <>
      <h2>{t("counterparties.legalEvents")}</h2>
      <Show loaded={events} empty={(e) => e.length === 0}>
        {(list) => (
          <ul className="legal-events" data-testid="legal-events">
            {list.map((e) => {
              const m = marks(e.id);
              return (
                <li key={e.id} className={e.status === "open" ? "open" : "closed"} data-testid="legal-event">
                  <div>
                    <strong>{label("legalKind", e.kind)}</strong> · {nameOf(e.party)} · {eventDate(e)} ·{" "}
                    {label("status", e.status)}{" "}
                    <small className="badge">
                      {e.real ? t("counterparties.real") : t("counterparties.demo")}
                    </small>
                  </div>
                  {e.charges && e.charges.length > 0 && <div>{e.charges.join("; ")}</div>}
                  <div>
                    {e.source.url ? (
                      <a href={e.source.url} rel="noreferrer" target="_blank">
                        {e.source.title}
                      </a>
                    ) : (
                      e.source.title
                    )}
                    {e.source.publisher ? ` — ${e.source.publisher}` : ""}
                  </div>
                  {e.source.quote && <blockquote data-testid="legal-quote">{e.source.quote}</blockquote>}
                  {e.status === "open" && (
                    <div className="marks" data-testid={`marks-${e.id}`}>
                      {t("counterparties.marks", {
                        lots: formatNumber(m.lots),
                        contracts: m.contracts.join(", ") || "—",
                        holders: m.holders.map(nameOf).join(", ") || "—",
                      })}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Show>
      <PressCandidates
        organisations={organisations.state === "ready" ? organisations.data : []}
        nameOf={nameOf}
      />
      <h2>{t("counterparties.sanctions")}</h2>
      <Show loaded={matches}>
        {(list) =>
          list.length === 0 ? (
            <p className="state">{t("counterparties.noMatches")}</p>
          ) : (
            <ul data-testid="sanctions-matches">
              {list.map((m) => (
                <li key={`${m.organisation}-${m.entry}`}>
                  {nameOf(m.organisation)} ~ {m.list} ({m.score.toFixed(2)})
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </>
  );
}
