// Reading a news article for legal actions against organisations of the master data, with explainable rules
// (docs/news.md): find each organisation by name or alias (any case, with or without Vietnamese diacritics,
// any legal form), decide whether it is the subject of a reported action, a partner or customer of the subject,
// or merely mentioned, and quote the sentence that says so. Only subjects become legal events.
import type { LegalEvent } from "./masterdata.ts";
import { LEGAL_FORM_WORDS, normaliseName } from "./names.ts";
import type { Organisation } from "./parties.ts";

export interface Article {
  title?: string;
  publisher?: string;
  url?: string;
  /** Publication date, YYYY-MM-DD: the date of an action the text does not date. */
  published?: string;
  text: string;
}

export type LegalKind = LegalEvent["kind"];
export type MentionRole = "subject" | "partner" | "mentioned";

export interface OrganisationMention {
  organisation: string;
  /** The words of the article that named it. */
  matched: string;
  role: MentionRole;
  kind?: LegalKind;
  date?: string;
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
}

// The actions, strongest first: a clause naming several is read as the strongest.
const ACTIONS: [LegalKind, RegExp][] = [
  ["conviction", /\b(convicted|sentenced|found guilty|jailed)\b|tuyên phạt|tuyên án|kết án|mức án|án tù/u],
  ["indictment", /\b(indicted|indictment)\b|truy tố|cáo trạng/u],
  [
    "prosecution",
    /\b(prosecuted|prosecution|prosecute|charged|charges against|criminal case|criminal proceedings)\b|khởi tố/u,
  ],
  ["arrest", /\b(arrested|arrest|detained|taken into custody)\b|bắt tạm giam|bị bắt|bắt giữ|tạm giữ/u],
  [
    "search",
    /\b(searched|raided|raid on|search of|(police|officers|investigators) (search|raid))\b|khám xét/u,
  ],
  ["licence_revocation", /\b(revoked|revocation)\b|thu hồi giấy phép/u],
  ["licence_suspension", /\b(suspended|suspension)\b|đình chỉ|tạm dừng hoạt động/u],
  [
    "sanction",
    /\b(sanctioned|sanctions list|designated|blacklisted|entity list)\b|lệnh trừng phạt|danh sách trừng phạt/u,
  ],
  [
    "investigation",
    /\b(investigation|investigating|investigated|probe|probing)\b|điều tra vụ án|bị điều tra|đang điều tra/u,
  ],
  [
    "export_violation",
    /\b(illegally exported|illegal exports?|smuggl\w*|export violations?)\b|buôn lậu|xuất khẩu trái phép/u,
  ],
];

// A clause that says the organisation is not concerned.
const DENIAL =
  /\b(not|denied|denies|unrelated|no connection|no link|no involvement|cleared)\b|không liên quan|không bị|không phải|bác bỏ|không dính líu/u;

// Words just before a name that make it the counterparty of a trade, not the one the action is about.
const PARTNER_CUES: RegExp[] = [
  /\b(contract|deal|agreement|partnership|offtake|memorandum|mou|cooperation|signed|cooperates?|works?|trades?|traded|trading)\b(\s+\S+){0,5}\s+with\s*$/u,
  /\b(customers?|clients?|buyers?|partners?|offtakers?)\s+(of|to)\s*$/u,
  /\b(customers?|clients?|buyers?|partners?|offtakers?)\s+(such as|including|like)\s*$/u,
  /\b(sold|sells|supplies|supplied|shipped|ships|delivered|delivers|exported|exports)\b(\s+\S+){0,5}\s+to\s*$/u,
  /\b(bought|buys|purchased|purchases|sourced|sources|imported|imports|processed|processes|received|receives)\b(\s+\S+){0,5}\s+from\s*$/u,
  /(hợp đồng|thỏa thuận|hợp tác|ký kết|ký)(\s+\S+){0,5}\s+với\s*$/u,
  /(đối tác|khách hàng|bên mua)(\s+(của|là|như))?\s*$/u,
  /(bán|cung cấp|xuất khẩu|giao)(\s+\S+){0,5}\s+cho\s*$/u,
  /(mua|nhập khẩu|nhập)(\s+\S+){0,5}\s+(của|từ)\s*$/u,
];

// Words of trade, for a relative clause that ties the name before it to another party.
const TRADE =
  /\b(buys?|bought|sells?|sold|supplies|supplied|trades?|traded|processe[sd]|ships?|shipped)\b|mua|bán|cung cấp/u;
// A clause opening with one of these continues the sentence about the organisation just named.
const RELATIVE = /^(whose|which|who|mà|là đơn vị|có)\b/u;
// "its supplier was prosecuted": the action is about another party than the one the sentence is about.
const RELATION =
  /\b(its|their) (suppliers?|customers?|partners?|buyers?|sellers?)\b|nhà cung cấp của (mình|họ)|đối tác của (mình|họ)/u;
// A clause naming no organisation but one of these refers to the last organisation named.
const ANAPHOR =
  /\b(the company|the firm|the group|the miner|the supplier|the processor|the plant|the concentrator)\b|công ty này|doanh nghiệp này|tập đoàn này|đơn vị này/u;

const TITLES = new Set(
  [
    "chairman",
    "chairwoman",
    "ceo",
    "director",
    "deputy",
    "general",
    "chief",
    "president",
    "board",
    "vice",
    "founder",
    "owner",
    "manager",
    "executive",
    "officials",
  ].map((w) => w),
);

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

interface Token {
  text: string;
  norm: string;
  start: number;
  end: number;
}

/** Lowercase and without diacritics (đ is d), for comparing words as people type them. */
export function foldWord(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

function tokens(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    text: m[0],
    norm: foldWord(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS =
  /\b(Co|Ltd|Corp|Inc|Art|No|Mr|Mrs|Ms|Dr|St|Jr|Sr|Dept|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|TP|Tp|P|Q)\.(?=\s)/g;
const HOLD = "\u2024";

/** Sentences of a text, keeping "Co., Ltd." and "Art. 227" inside their sentence. */
export function sentences(text: string): string[] {
  const held = text.replace(ABBREVIATIONS, (m) => m.replace(".", HOLD));
  return held
    .split(/(?<=[.!?…])\s+(?=["“'(\p{Lu}\p{N}])|\n\s*\n|\n(?=\s*\p{Lu})/u)
    .map((s) => s.replaceAll(HOLD, ".").replace(/\s+/g, " ").trim())
    .filter((s) => s.length > 0);
}

/** Clauses of a sentence: split at ; : and at commas or words that start a new clause. */
function clauses(sentence: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const splitter =
    /\s*[;:]\s*|,\s+(?=(?:whose|which|who|while|whereas|but|and said|said|according|mà|trong khi|nhưng|còn)\b)|\s+(?=(?:after|before|because|while|whereas|when|sau khi|trước khi|vì|trong khi|nhưng)\s)|,\s*(?=(?:was|were|has been|had been|is|bị|đã bị)\s)/giu;
  let last = 0;
  for (const m of sentence.matchAll(splitter)) {
    out.push({ text: sentence.slice(last, m.index), start: last });
    last = m.index + m[0].length;
  }
  out.push({ text: sentence.slice(last), start: last });
  return out.filter((c) => c.text.trim().length > 0);
}

interface NameForm {
  organisation: string;
  words: string[];
}

/** Every name and alias of every organisation, as folded words without legal forms, longest first. */
export function nameForms(organisations: Pick<Organisation, "id" | "name" | "aliases">[]): NameForm[] {
  const forms: NameForm[] = [];
  for (const o of organisations) {
    for (const name of [o.name, ...o.aliases]) {
      const words = normaliseName(name).split(" ").filter(Boolean);
      if (words.length > 0) forms.push({ organisation: o.id, words });
    }
  }
  return forms.sort((a, b) => b.words.length - a.words.length);
}

interface Found {
  organisation: string;
  first: number;
  last: number;
}

function findNames(
  sentence: string,
  words: Token[],
  forms: NameForm[],
): { found: Found[]; similar: { organisation: string; text: string }[] } {
  const found: Found[] = [];
  const similar: { organisation: string; text: string }[] = [];
  const taken = new Set<number>();
  for (const form of forms) {
    for (let i = 0; i + form.words.length <= words.length; i++) {
      if (form.words.some((w, k) => words[i + k]?.norm !== w)) continue;
      const last = i + form.words.length - 1;
      if ([...Array(form.words.length).keys()].some((k) => taken.has(i + k))) continue;
      // Written as a name: first word capitalised and at least half the words ("Vietnam rare earth exports"
      // is not Vietnam Rare Earth JSC); any case beyond that (HƯNG THỊNH, Hưng thịnh).
      const span = words.slice(i, last + 1);
      const capitalised = span.filter((w) => /^[\p{Lu}\p{N}]/u.test(w.text)).length;
      if (!/^[\p{Lu}\p{N}]/u.test(span[0]?.text ?? "") || capitalised * 2 < span.length) continue;
      // "Hưng Thịnh Land": a name running on into another capitalised word (not a legal form or a title) is
      // another organisation's name.
      const next = words[last + 1];
      const lastWord = words[last] as Token;
      const gap = next ? sentence.slice(lastWord.end, next.start) : "";
      if (
        next &&
        /^[\s-]*$/.test(gap) &&
        /^\p{Lu}/u.test(next.text) &&
        !LEGAL_FORM_WORDS.has(next.norm) &&
        !TITLES.has(next.norm)
      ) {
        let end = last + 1;
        while (words[end + 1] && /^\p{Lu}/u.test(words[end + 1]?.text ?? "")) end++;
        similar.push({
          organisation: form.organisation,
          text: sentence.slice(words[i]?.start ?? 0, words[end]?.end ?? 0),
        });
        for (let k = i; k <= end; k++) taken.add(k);
        continue;
      }
      for (let k = i; k <= last; k++) taken.add(k);
      found.push({ organisation: form.organisation, first: i, last });
    }
  }
  return { found: found.sort((a, b) => a.first - b.first), similar };
}

function actionOf(text: string): LegalKind | undefined {
  const lower = text.toLowerCase();
  return ACTIONS.find(([, re]) => re.test(lower))?.[0];
}

const pad = (n: number) => String(n).padStart(2, "0");
function isoDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso) ? iso : undefined;
}

/** The first date the text gives (English or Vietnamese forms); a date without a year takes the given year. */
export function dateIn(text: string, year?: number): string | undefined {
  const patterns: [RegExp, (m: RegExpMatchArray) => string | undefined][] = [
    [/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => isoDate(+(m[1] ?? 0), +(m[2] ?? 0), +(m[3] ?? 0))],
    [
      /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?/iu,
      (m) => (m[3] || year ? isoDate(+(m[3] ?? year ?? 0), +(m[2] ?? 0), +(m[1] ?? 0)) : undefined),
    ],
    [
      /(?:ngày\s+)?\b(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?\b/iu,
      (m) => (m[3] || year ? isoDate(+(m[3] ?? year ?? 0), +(m[2] ?? 0), +(m[1] ?? 0)) : undefined),
    ],
    [
      /\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/,
      (m) => {
        const month = MONTHS[(m[2] ?? "").toLowerCase()];
        return month ? isoDate(+(m[3] ?? 0), month, +(m[1] ?? 0)) : undefined;
      },
    ],
    [
      /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b/,
      (m) => {
        const month = MONTHS[(m[1] ?? "").toLowerCase()];
        const y = m[3] ? +m[3] : year;
        return month && y ? isoDate(y, month, +(m[2] ?? 0)) : undefined;
      },
    ],
    [
      /\b(\d{1,2})\s+([A-Za-z]{3,9})\b/,
      (m) => {
        const month = MONTHS[(m[2] ?? "").toLowerCase()];
        return month && year ? isoDate(year, month, +(m[1] ?? 0)) : undefined;
      },
    ],
  ];
  let best: { at: number; date: string } | undefined;
  for (const [re, read] of patterns) {
    for (const m of text.matchAll(new RegExp(re.source, `${re.flags}g`))) {
      const date = read(m);
      if (!date) continue;
      if (!best || m.index < best.at) best = { at: m.index, date };
      break;
    }
  }
  return best?.date;
}

/** Penal Code articles cited in the text: "Article 227(2)", "Art. 221", "khoản 2 Điều 227". */
export function chargesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:article|art\.)\s*(\d{2,3})(?:\s*\((\d)\))?/giu)) {
    out.push(`Penal Code art. ${m[1]}${m[2] ? `(${m[2]})` : ""}`);
  }
  for (const m of text.matchAll(/(?:khoản\s+(\d)\s+)?điều\s+(\d{2,3})/giu)) {
    out.push(`Penal Code art. ${m[2]}${m[1] ? `(${m[1]})` : ""}`);
  }
  return [...new Set(out)];
}

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
  const forms = nameForms(organisations);
  const year = article.published ? Number(article.published.slice(0, 4)) : undefined;
  const best = new Map<string, { mention: OrganisationMention; score: number }>();
  const similarNames: ArticleReading["similarNames"] = [];
  // The strongest reading of each organisation wins: subject over partner over mention, then a clause whose
  // own text dates the action, then confidence.
  const record = (m: OrganisationMention, datedByText = false) => {
    const score = ROLE_RANK[m.role] * 10 + (datedByText ? 2 : 0) + m.confidence;
    const prior = best.get(m.organisation);
    if (!prior || score > prior.score) best.set(m.organisation, { mention: m, score });
  };
  let lastNamed: { organisation: string; matched: string } | undefined;
  // Pairs of organisations trading with each other, to tell a subject's partners from other names.
  const trades: [string, string][] = [];
  // The title is read after the body: a headline seldom dates the action.
  const body = [article.text, article.title ? `${article.title}.` : ""].join("\n\n");
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
    const suppliersNamed: { organisation: string; matched: string }[] = [];
    let previousClauseNames: typeof named = [];
    for (const clause of clauses(sentence)) {
      const inClause = named.filter((n) => n.at >= clause.start && n.at < clause.start + clause.text.length);
      const kind = actionOf(clause.text);
      const denied = DENIAL.test(clause.text.toLowerCase());
      const textDate = kind ? (dateIn(clause.text, year) ?? dateIn(sentence, year)) : undefined;
      const date = textDate ?? (kind ? article.published : undefined);
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
              ...(date ? { date } : {}),
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
            ...(date ? { date } : {}),
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
      if (inClause.length === 0 && kind && !denied && !relation) {
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
  return {
    mentions: [...best.values()]
      .map((b) => b.mention)
      .sort((a, b) => (a.organisation < b.organisation ? -1 : 1)),
    similarNames,
  };
}

/** Stable id of a legal event read from an article: the same article read again gives the same id. */
export function newsEventId(party: string, kind: LegalKind, date: string, source: string): string {
  let h = 0x811c9dc5;
  for (const ch of `${party}|${kind}|${date}|${source}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `NEWS-${date}-${h.toString(16).padStart(8, "0")}`;
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
    const date = m.date ?? article.published ?? "";
    const jurisdiction = jurisdictionOf(m.organisation);
    return {
      id: newsEventId(m.organisation, kind, date, source),
      party: m.organisation,
      kind,
      date,
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
