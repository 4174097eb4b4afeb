// The press review queue on the ledger: candidates kept with every article's report, listed with likely
// matches, and matched (their actions become legal events, their spellings aliases) or rejected with a note.
import { LodestoneError } from "../domain/errors.ts";
import type { PressCandidate } from "../domain/masterdata.ts";
import type { Article, CandidateMention } from "../domain/news.ts";
import { candidateSuggestions, matchedCandidate, withArticleReports } from "../domain/press-candidates.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { evaluateAndRecord } from "./evaluate.ts";
import { importMasterData } from "./masterdata-import.ts";

/** Adds an article's unknown organisations to the queue; returns how many candidates are new. */
export async function recordPressCandidates(
  ledger: Ledger,
  article: Article,
  mentions: CandidateMention[],
  now: Date,
): Promise<{ candidates: PressCandidate[]; created: number }> {
  if (mentions.length === 0) return { candidates: [], created: 0 };
  const { pressCandidates } = await loadMasterData(ledger.db);
  const changed = withArticleReports(pressCandidates, article, mentions);
  const known = new Set(pressCandidates.map((c) => c.id));
  if (changed.length > 0) await importMasterData(ledger, { pressCandidates: changed }, now);
  const current = new Map([...pressCandidates, ...changed].map((c) => [c.key, c]));
  const named = [...new Set(mentions.map((m) => m.key))].flatMap((k) => current.get(k) ?? []);
  return { candidates: named, created: changed.filter((c) => !known.has(c.id)).length };
}

export type ListedCandidate = PressCandidate & { suggestions: string[] };

export async function listPressCandidates(
  ledger: Ledger,
  filter: { status?: PressCandidate["status"] | "all" },
): Promise<ListedCandidate[]> {
  const { pressCandidates, organisations } = await loadMasterData(ledger.db);
  const status = filter.status ?? "pending";
  return pressCandidates
    .filter((c) => status === "all" || c.status === status)
    .map((c) => ({ ...c, suggestions: c.status === "pending" ? candidateSuggestions(c, organisations) : [] }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function pendingCandidate(ledger: Ledger, id: string) {
  const masterData = await loadMasterData(ledger.db);
  const candidate = masterData.pressCandidates.find((c) => c.id === id);
  if (!candidate) throw new LodestoneError("NOT_FOUND", `no press candidate ${id}`);
  if (candidate.status !== "pending")
    throw new LodestoneError(
      "INPUT_INVALID",
      `press candidate ${id} is already ${candidate.status}${candidate.organisation ? ` (to ${candidate.organisation})` : ""}`,
    );
  return { masterData, candidate };
}

/** Matches a candidate to an organisation of master data: one import (all or nothing), then evaluation. */
export async function matchPressCandidate(
  ledger: Ledger,
  id: string,
  organisationId: string,
  note: string | undefined,
  now: Date,
): Promise<{ candidate: PressCandidate; legalEvents: number }> {
  const { masterData, candidate } = await pendingCandidate(ledger, id);
  const organisation = masterData.organisations.find(
    (o) => o.id === organisationId || canonicalIdentifier(o.id) === canonicalIdentifier(organisationId),
  );
  if (!organisation)
    throw new LodestoneError(
      "QUERY_PARAMETER",
      `organisation: no organisation ${organisationId} in master data; import it first, then match`,
    );
  const matched = matchedCandidate(candidate, organisation, note?.trim() || undefined);
  const known = new Set(masterData.legalEvents.map((e) => e.id));
  await importMasterData(
    ledger,
    {
      organisations: [matched.organisation],
      pressCandidates: [matched.candidate],
      legalEvents: matched.legalEvents.filter((e) => !known.has(e.id)),
    },
    now,
  );
  if (matched.legalEvents.length > 0) await evaluateAndRecord(ledger, now);
  return { candidate: matched.candidate, legalEvents: matched.legalEvents.length };
}

export async function rejectPressCandidate(
  ledger: Ledger,
  id: string,
  note: string,
  now: Date,
): Promise<PressCandidate> {
  if (note.trim() === "")
    throw new LodestoneError(
      "QUERY_PARAMETER",
      "note: required: say why the candidate is not an organisation to follow",
    );
  const { candidate } = await pendingCandidate(ledger, id);
  const rejected: PressCandidate = { ...candidate, status: "rejected", reviewNote: note.trim() };
  await importMasterData(ledger, { pressCandidates: [rejected] }, now);
  return rejected;
}
