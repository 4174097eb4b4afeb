// Reading a news article for legal actions against organisations of the master data, with explainable rules
// (docs/news.md): find each organisation by name or alias (any case, with or without Vietnamese diacritics,
// any legal form), decide whether it is the subject of a reported action, a partner or customer of the subject,
// or merely mentioned, and quote the sentence that says so. Only subjects become legal events.
// The words it reads are in news-vocabulary.ts, text steps in news-text.ts, finding names in news-names.ts.
import type { LegalEvent } from "./masterdata.ts";
import { type UnknownOrganisationName, unknownOrganisationNames } from "./news-candidates.ts";
import { findNames, nameForms } from "./news-names.ts";
import { actionsAgainstOfficers, type Officer, officersIn, officersNamed } from "./news-people.ts";
import { chargesIn, clauses, dateIn, sentences, tokens } from "./news-text.ts";
import {
  ACTIONS,
  ANAPHOR,
  actionOf,
  DENIAL,
  type LegalKind,
  PARTNER_CUES,
  RELATION,
  RELATIVE,
  TRADE,
} from "./news-vocabulary.ts";
import type { Organisation } from "./parties.ts";

export interface Article {
  title?: string;
  publisher?: string;
  url?: string;
  /** Publication date (YYYY-MM-DD, YYYY-MM or YYYY): the date of an action the text does not date. */
  published?: string;
  text: string;
}

export type { LegalKind };
export type MentionRole = "subject" | "partner" | "mentioned";

export interface OrganisationMention {
  organisation: string;
  /** The words of the article that named it. */
  matched: string;
  role: MentionRole;
  kind?: LegalKind;
  /** YYYY-MM-DD, YYYY-MM or YYYY; absent when neither the text nor the publication dates the action. */
  date?: string;
  dateBasis?: "action" | "publication" | "unknown";
  charges: string[];
  quote: string;
  confidence: number;
  /** Why the role was chosen, in words a reviewer can check against the quote. */
  reason: string;
}

export interface ArticleReading {
  mentions: OrganisationMention[];
  /** Names that look like an organisation's but continue into another name ("Hưng Thịnh Land"): not matched. */
  similarNames: { organisation: string; text: string; quote: string }[];
  /** Organisations master data does not know, read like the known ones, for review (docs/news.md). */
  candidates: CandidateMention[];
}

export type CandidateMention = Omit<OrganisationMention, "organisation"> & UnknownOrganisationName;

const CANDIDATE = "candidate:";

const ROLE_RANK: Record<MentionRole, number> = { subject: 2, partner: 1, mentioned: 0 };

/**
 * Reads an article. A name in a clause that reports an action is its subject, unless a trade word just
 * before it ("a contract with", "customer of", "sold to") makes it the counterparty, or the clause denies
 * involvement. A clause with an action and no name is about the organisation the sentence is about: the one
 * just named for a relative clause ("…, whose chairman was arrested"), the first of the sentence otherwise,
 * or the one last named for "the company".
 */
export function readArticle(
  article: Article,
  organisations: Pick<Organisation, "id" | "name" | "aliases">[],
): ArticleReading {
  // The title is read after the body: a headline seldom dates the action.
  const body = [article.text, article.title ? `${article.title}.` : ""].join("\n\n");
  const unknown = unknownOrganisationNames(body, nameForms(organisations));
  const forms = [
    ...nameForms(organisations),
    ...nameForms(unknown.map((u) => ({ id: `${CANDIDATE}${u.key}`, name: u.name, aliases: u.aliases }))).map(
      (f) => ({ ...f, asWritten: true }),
    ),
  ].sort((a, b) => b.words.length - a.words.length);
  const year = article.published ? Number(article.published.slice(0, 4)) : undefined;
  const best = new Map<string, { mention: OrganisationMention; score: number }>();
  const similarNames: ArticleReading["similarNames"] = [];
  // The strongest reading of each organisation wins: subject over partner over mention, then a clause whose
  // own text dates the action, then confidence.
  const record = (m: OrganisationMention, datedByText = false) => {
    // An organisation's reading is the strongest action the article reports against it.
    const strength = m.kind ? ACTIONS.length - ACTIONS.findIndex(([k]) => k === m.kind) : 0;
    const score = ROLE_RANK[m.role] * 1000 + strength * 10 + (datedByText ? 2 : 0) + m.confidence;
    const prior = best.get(m.organisation);
    if (!prior || score > prior.score) best.set(m.organisation, { mention: m, score });
  };
  let lastNamed: { organisation: string; matched: string } | undefined;
  // The lead (the body's first sentence) dates the news: an action the article reports without a date of its
  // own is taken to be the lead's when the lead reports one ("Sáng 14/5, … đề nghị mức án …").
  const lead = sentences(article.text)[0] ?? "";
  const leadDate = actionOf(lead) ? dateIn(lead, year) : undefined;
  // Pairs of organisations trading with each other, to tell a subject's partners from other names.
  const trades: [string, string][] = [];
  const officers: Officer[] = [];
  for (const sentence of sentences(body)) {
    const words = tokens(sentence);
    const { found, similar } = findNames(sentence, words, forms);
    for (const s of similar) similarNames.push({ ...s, quote: sentence });
    const named = found.map((f) => ({
      ...f,
      at: words[f.first]?.start ?? 0,
      matched: sentence.slice(words[f.first]?.start ?? 0, words[f.last]?.end ?? 0),
    }));
    const sentenceCharges = chargesIn(sentence);
    // An action against a person the article makes an organisation's officer is read as about the organisation.
    const officerAction = (o: Officer, kind: LegalKind, reason: string) => {
      const textDate = dateIn(sentence, year) ?? leadDate;
      const date = textDate ?? article.published;
      const dated = date
        ? { date, dateBasis: textDate ? ("action" as const) : ("publication" as const) }
        : { dateBasis: "unknown" as const };
      const quote = sentence;
      record(
        {
          organisation: o.organisation,
          matched: o.name,
          role: "subject",
          kind,
          ...dated,
          charges: sentenceCharges,
          quote,
          confidence: 0.7,
          reason,
        },
        textDate !== undefined,
      );
    };
    const suppliersNamed: { organisation: string; matched: string }[] = [];
    let previousClauseNames: typeof named = [];
    for (const clause of clauses(sentence)) {
      const inClause = named.filter((n) => n.at >= clause.start && n.at < clause.start + clause.text.length);
      // Names a trade cue makes counterparties ("trading rare earths with X"): the clause's action is then about
      // the organisation the sentence is about, as if the clause named none.
      const namedSubjects = inClause.filter(
        (n) => !PARTNER_CUES.some((re) => re.test(sentence.slice(clause.start, n.at).toLowerCase())),
      ).length;
      const kind = actionOf(clause.text);
      const denied = DENIAL.test(clause.text.toLowerCase());
      const textDate = kind ? (dateIn(clause.text, year) ?? dateIn(sentence, year) ?? leadDate) : undefined;
      const date = textDate ?? (kind ? article.published : undefined);
      const dated = date
        ? { date, dateBasis: textDate ? ("action" as const) : ("publication" as const) }
        : { dateBasis: "unknown" as const };
      for (const n of inClause) {
        const before = sentence.slice(clause.start, n.at).toLowerCase();
        const cue = PARTNER_CUES.find((re) => re.test(before));
        const base = {
          organisation: n.organisation,
          matched: n.matched,
          charges: sentenceCharges,
          quote: sentence,
        };
        if (cue) {
          record({
            ...base,
            role: "partner",
            confidence: 0.8,
            reason: `named as a trading counterparty ("${before.trim().split(/\s+/).slice(-4).join(" ")}")`,
          });
          // The other side of the trade: named earlier in the clause, else the name a relative clause follows,
          // else the organisation "the company" refers to.
          const earlier = inClause.filter((x) => x.at < n.at && x.organisation !== n.organisation);
          const relative = RELATIVE.test(clause.text.trim().toLowerCase());
          const other =
            earlier[earlier.length - 1] ??
            (relative ? previousClauseNames[previousClauseNames.length - 1] : undefined) ??
            (ANAPHOR.test(clause.text.toLowerCase()) ? lastNamed : undefined);
          if (other) trades.push([other.organisation, n.organisation]);
          if (/\b(from)\s*$|(của|từ)\s*$/u.test(before)) suppliersNamed.push(n);
        } else if (kind && !denied) {
          record(
            {
              ...base,
              role: "subject",
              kind,
              ...dated,
              confidence: 0.9,
              reason: `named in a clause reporting ${kind.replace(/_/g, " ")}`,
            },
            textDate !== undefined,
          );
        } else {
          record({
            ...base,
            role: "mentioned",
            confidence: 0.8,
            reason: denied ? "the clause denies its involvement" : "named in a clause reporting no action",
          });
        }
      }
      // A subject reached through a reference ("its supplier", "the company", a relative clause), not by name.
      const referredSubject = (party: { organisation: string; matched: string }, why: string) => {
        if (!kind) return;
        record(
          {
            organisation: party.organisation,
            matched: party.matched,
            role: "subject",
            kind,
            ...dated,
            charges: sentenceCharges,
            quote: sentence,
            confidence: 0.7,
            reason: `${kind.replace(/_/g, " ")} ${why}`,
          },
          textDate !== undefined,
        );
      };
      const relation = clause.text.toLowerCase().match(RELATION);
      if (
        inClause.length === 0 &&
        kind &&
        !denied &&
        relation &&
        /supplier|nhà cung cấp/u.test(relation[0])
      ) {
        // "…, which buys oxide from X, said its supplier had been prosecuted": the supplier is X.
        const supplier = suppliersNamed.length === 1 ? suppliersNamed[0] : undefined;
        if (supplier) {
          referredSubject(supplier, `reported of "${relation[0]}", the one named as selling to it`);
        }
      }
      if (
        inClause.length === 0 &&
        RELATIVE.test(clause.text.trim().toLowerCase()) &&
        TRADE.test(clause.text.toLowerCase()) &&
        ANAPHOR.test(clause.text.toLowerCase().replace(/'s\b/g, "")) &&
        previousClauseNames.length > 0 &&
        lastNamed
      ) {
        // "X, which buys metal made from the plant's oxides": X trades with the organisation last named.
        trades.push([
          (previousClauseNames[previousClauseNames.length - 1] as { organisation: string }).organisation,
          lastNamed.organisation,
        ]);
      }
      if (namedSubjects === 0 && kind && !denied && !relation) {
        const trimmed = clause.text.trim().toLowerCase();
        let target: { organisation: string; matched: string } | undefined;
        let how = "";
        if (RELATIVE.test(trimmed) && previousClauseNames.length > 0) {
          target = previousClauseNames[previousClauseNames.length - 1];
          how = "the relative clause after its name";
        } else if (named.length > 0 && named[0] && named[0].at < clause.start) {
          target = named[0];
          how = "the clause continuing the sentence it opens";
        } else if (named.length === 0 && ANAPHOR.test(trimmed) && lastNamed) {
          target = lastNamed;
          how = `"${trimmed.match(ANAPHOR)?.[0]}" referring to it`;
        }
        if (target) {
          const beforeTarget = named.find((n) => n.organisation === target?.organisation);
          const cue =
            beforeTarget &&
            PARTNER_CUES.find((re) => re.test(sentence.slice(0, beforeTarget.at).toLowerCase()));
          if (!cue) {
            referredSubject(target, `reported in ${how}`);
          }
        }
      }
      if (inClause.length > 0) previousClauseNames = inClause;
    }
    // "The arrests of Tuan, Chinh and four others…": an action against an officer named earlier, in a sentence
    // naming no organisation, is about the officer's company.
    const sentenceKind = actionOf(sentence);
    if (named.length === 0 && sentenceKind && !DENIAL.test(sentence.toLowerCase())) {
      for (const o of officersNamed(sentence, officers))
        officerAction(
          o,
          sentenceKind,
          `${sentenceKind.replace(/_/g, " ")} of ${o.name}, named earlier as its officer`,
        );
    }
    const introduced = officersIn(sentence, named);
    for (const { officer: o, kind } of actionsAgainstOfficers(sentence, introduced))
      officerAction(o, kind, `${kind.replace(/_/g, " ")} of ${o.name}, its officer`);
    officers.push(...introduced);
    const lastInSentence = named[named.length - 1];
    if (lastInSentence) lastNamed = lastInSentence;
  }
  // A partner is a partner of a subject: a trading counterparty of no subject is only mentioned.
  const subjects = new Set(
    [...best.values()].filter((b) => b.mention.role === "subject").map((b) => b.mention.organisation),
  );
  for (const [a, b] of trades) {
    for (const [partner, subject] of [
      [a, b],
      [b, a],
    ] as const) {
      const entry = best.get(partner);
      if (!subjects.has(subject) || !entry || entry.mention.role === "subject") continue;
      entry.mention = { ...entry.mention, role: "partner", reason: `trades with the subject (${subject})` };
      entry.score = ROLE_RANK.partner * 10 + 9;
    }
  }
  for (const entry of best.values()) {
    if (entry.mention.role === "partner" && entry.score < ROLE_RANK.partner * 10 + 9) {
      const linked = trades.some(
        ([a, b]) =>
          (a === entry.mention.organisation && subjects.has(b)) ||
          (b === entry.mention.organisation && subjects.has(a)),
      );
      if (!linked)
        entry.mention = {
          ...entry.mention,
          role: "mentioned",
          reason: `${entry.mention.reason}, but not with a subject of the article`,
        };
    }
  }
  const all = [...best.values()]
    .map((b) => b.mention)
    .sort((a, b) => (a.organisation < b.organisation ? -1 : 1));
  const unknownByKey = new Map(unknown.map((u) => [`${CANDIDATE}${u.key}`, u]));
  // "Demo Separation Services Ltd" is a candidate of its own, and a near miss of "Demo Separation JSC".
  for (const m of all) {
    const u = unknownByKey.get(m.organisation);
    if (!u) continue;
    for (const f of forms) {
      const known = f.words.join(" ");
      if (!f.organisation.startsWith(CANDIDATE) && u.key.startsWith(`${known} `))
        similarNames.push({ organisation: f.organisation, text: u.name, quote: m.quote });
    }
  }
  return {
    mentions: all.filter((m) => !m.organisation.startsWith(CANDIDATE)),
    similarNames: similarNames.filter((n) => !n.organisation.startsWith(CANDIDATE)),
    candidates: all.flatMap((m) => {
      const u = unknownByKey.get(m.organisation);
      if (!u) return [];
      const { organisation: _id, ...rest } = m;
      return [{ ...rest, ...u }];
    }),
  };
}

/** Stable id of a legal event read from an article: the same article read again gives the same id. */
export function newsEventId(party: string, kind: LegalKind, date: string, source: string): string {
  return `NEWS-${date}-${textHash(`${party}|${kind}|${date}|${source}`)}`;
}

/** A short stable hash of a text (FNV-1a, 8 hex digits): ids that the same input always gives again. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The legal events an article reports: one per subject, dated by the action, with the sentence quoted. */
export function legalEventsFromArticle(
  article: Article,
  reading: ArticleReading,
  jurisdictionOf: (party: string) => string | undefined,
): LegalEvent[] {
  const source = article.url ?? article.title ?? article.text.slice(0, 80);
  const subjects = reading.mentions.filter((m) => m.role === "subject" && m.kind);
  // Charges quoted in another sentence belong to the subject only when the article has one subject.
  const charges = (m: OrganisationMention) =>
    m.charges.length > 0 || subjects.length !== 1 ? m.charges : chargesIn(article.text);
  return subjects.map((m) => {
    const kind = m.kind as LegalKind;
    const jurisdiction = jurisdictionOf(m.organisation);
    return {
      id: newsEventId(m.organisation, kind, m.date ?? "undated", source),
      party: m.organisation,
      kind,
      ...(m.date ? { date: m.date } : {}),
      dateBasis: m.dateBasis ?? "unknown",
      ...(jurisdiction ? { jurisdiction } : {}),
      ...(charges(m).length ? { charges: charges(m) } : {}),
      source: {
        title: article.title ?? "untitled article",
        ...(article.publisher ? { publisher: article.publisher } : {}),
        ...(article.url ? { url: article.url } : {}),
        quote: m.quote,
      },
      confidence: m.confidence,
      status: "open" as const,
    };
  });
}
