// The review queue of organisations read in the press that master data does not know: what each article said
// of them is kept (nothing is lost), and only a reviewer's match turns their reported actions into legal events.
import type { LegalEvent, PressCandidate, PressReport } from "./masterdata.ts";
import { normaliseName } from "./names.ts";
import { type Article, type CandidateMention, newsEventId, textHash } from "./news.ts";
import type { Organisation } from "./parties.ts";

// Letters only Vietnamese spells with: a name or a sentence holding one is Vietnamese.
const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;

export function pressCandidateId(key: string): string {
  return `PRESS-${textHash(key)}`;
}

/**
 * The queue after an article: each candidate it names gains a report (once per article and reading), a new one
 * enters pending. Returns only the candidates that changed.
 */
export function withArticleReports(
  queue: PressCandidate[],
  article: Article,
  mentions: CandidateMention[],
): PressCandidate[] {
  const byKey = new Map(queue.map((c) => [c.key, c]));
  const changed = new Map<string, PressCandidate>();
  const source: LegalEvent["source"] = {
    title: article.title ?? "untitled article",
    ...(article.publisher ? { publisher: article.publisher } : {}),
    ...(article.url ? { url: article.url } : {}),
  };
  for (const m of mentions) {
    const prior = changed.get(m.key) ?? byKey.get(m.key);
    const report: PressReport = {
      role: m.role,
      ...(m.kind ? { kind: m.kind } : {}),
      ...(m.date ? { date: m.date } : {}),
      ...(m.kind ? { dateBasis: m.dateBasis ?? "unknown" } : {}),
      ...(m.charges.length ? { charges: m.charges } : {}),
      source: { ...source, quote: m.quote },
      confidence: m.confidence,
      reason: m.reason,
    };
    const same = (r: PressReport) => JSON.stringify(r) === JSON.stringify(report);
    if (prior?.reports.some(same)) continue;
    const aliases = [
      ...new Set([
        ...(prior?.aliases ?? []),
        ...m.aliases,
        ...(prior && prior.name !== m.name ? [m.name] : []),
      ]),
    ];
    changed.set(m.key, {
      ...(prior ?? {
        id: pressCandidateId(m.key),
        name: m.name,
        key: m.key,
        language: VIETNAMESE_LETTERS.test(`${m.name} ${m.quote}`) ? "vi" : "en",
        status: "pending" as const,
      }),
      aliases,
      reports: [...(prior?.reports ?? []), report],
    } as PressCandidate);
  }
  return [...changed.values()];
}

/** Organisations of master data whose name or an alias is the candidate's, or contains it: likely matches. */
export function candidateSuggestions(
  candidate: Pick<PressCandidate, "key" | "aliases">,
  organisations: Pick<Organisation, "id" | "name" | "aliases">[],
): string[] {
  const keys = [candidate.key, ...candidate.aliases.map(normaliseName)].filter((k) => k.length >= 3);
  return organisations
    .filter((o) =>
      [o.name, ...o.aliases]
        .map(normaliseName)
        .some((n) => keys.some((k) => n === k || n.includes(k) || k.includes(n))),
    )
    .map((o) => o.id);
}

/** What matching a candidate to an organisation records: a legal event per reported action, the new aliases. */
export function matchedCandidate(
  candidate: PressCandidate,
  organisation: Organisation,
  note: string | undefined,
): { candidate: PressCandidate; organisation: Organisation; legalEvents: LegalEvent[] } {
  const legalEvents = candidate.reports.flatMap((r): LegalEvent[] => {
    if (r.role !== "subject" || !r.kind) return [];
    return [
      {
        id: newsEventId(organisation.id, r.kind, r.date ?? "undated", r.source.url ?? r.source.title),
        party: organisation.id,
        kind: r.kind,
        ...(r.date ? { date: r.date } : {}),
        dateBasis: r.dateBasis ?? "unknown",
        ...(organisation.country ? { jurisdiction: organisation.country } : {}),
        ...(r.charges?.length ? { charges: r.charges } : {}),
        source: r.source,
        confidence: r.confidence,
        status: "open",
      },
    ];
  });
  // The press's spellings become aliases, so the next article names the organisation directly.
  const known = new Set([organisation.name, ...organisation.aliases].map(normaliseName));
  const aliases = [...organisation.aliases];
  for (const a of [candidate.name, ...candidate.aliases]) {
    if (!known.has(normaliseName(a))) {
      known.add(normaliseName(a));
      aliases.push(a);
    }
  }
  return {
    candidate: {
      ...candidate,
      status: "matched",
      organisation: organisation.id,
      ...(note ? { reviewNote: note } : {}),
    },
    organisation: { ...organisation, aliases },
    legalEvents,
  };
}
