// The press review queue on the Counterparties page: organisations an article named that master data does not
// know, with what each article said; a reviewer matches one to an organisation or rejects it with a note.
import { useState } from "react";
import { api, useApi } from "../api.ts";
import { Show } from "../components.tsx";
import { label, t } from "../i18n.ts";

interface Candidate {
  id: string;
  name: string;
  aliases: string[];
  language: string;
  status: string;
  suggestions: string[];
  reports: {
    role: string;
    kind?: string;
    date?: string;
    dateBasis?: string;
    source: { title: string; url?: string; quote?: string };
  }[];
}

export function PressCandidates({
  organisations,
  nameOf,
}: {
  organisations: { id: string; name: string }[];
  nameOf: (id: string) => string;
}) {
  const [version, setVersion] = useState(0);
  const queue = useApi<Candidate[]>("/news/candidates", version);
  return (
    <>
      <h2>{t("press.queue")}</h2>
      <p className="state">{t("press.intro")}</p>
      <Show loaded={queue}>
        {(list) =>
          list.length === 0 ? (
            <p className="state">{t("press.empty")}</p>
          ) : (
            <ul className="legal-events" data-testid="press-candidates">
              {list.map((c) => (
                <CandidateItem
                  key={c.id}
                  candidate={c}
                  organisations={organisations}
                  nameOf={nameOf}
                  onChange={() => setVersion((v) => v + 1)}
                />
              ))}
            </ul>
          )
        }
      </Show>
    </>
  );
}

function CandidateItem({
  candidate: c,
  organisations,
  nameOf,
  onChange,
}: {
  candidate: Candidate;
  organisations: { id: string; name: string }[];
  nameOf: (id: string) => string;
  onChange: () => void;
}) {
  const [organisation, setOrganisation] = useState(c.suggestions[0] ?? "");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const review = async (verb: "match" | "reject") => {
    setError(null);
    try {
      await api(`/news/candidates/${encodeURIComponent(c.id)}/${verb}`, {
        method: "POST",
        body: JSON.stringify(verb === "match" ? { organisation, ...(note ? { note } : {}) } : { note }),
      });
      onChange();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <li className="open" data-testid="press-candidate">
      <div>
        <strong>{c.name}</strong> · {c.language} ·{" "}
        {c.aliases.length > 0 && <small>{t("press.aliases", { aliases: c.aliases.join("; ") })}</small>}
      </div>
      {c.reports.map((r) => (
        <div key={`${r.source.url ?? r.source.title}-${r.role}-${r.kind ?? ""}`}>
          {label("pressRole", r.role)}
          {r.kind ? ` · ${label("legalKind", r.kind)} · ${r.date ?? t("counterparties.dateUnknown")}` : ""} —{" "}
          {r.source.url ? (
            <a href={r.source.url} rel="noreferrer" target="_blank">
              {r.source.title}
            </a>
          ) : (
            r.source.title
          )}
          {r.source.quote && <blockquote>{r.source.quote}</blockquote>}
        </div>
      ))}
      <div className="review">
        <label>
          {t("press.organisation")}{" "}
          <select
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
            data-testid="press-organisation"
          >
            <option value="">—</option>
            {[
              ...c.suggestions,
              ...organisations.map((o) => o.id).filter((id) => !c.suggestions.includes(id)),
            ].map((id) => (
              <option key={id} value={id}>
                {nameOf(id)}
                {c.suggestions.includes(id) ? ` (${t("press.likely")})` : ""}
              </option>
            ))}
          </select>
        </label>{" "}
        <input
          placeholder={t("press.note")}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="press-note"
        />{" "}
        <button type="button" disabled={!organisation} onClick={() => review("match")}>
          {t("press.match")}
        </button>{" "}
        <button type="button" disabled={!note.trim()} onClick={() => review("reject")}>
          {t("press.reject")}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}
