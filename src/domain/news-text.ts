// The news reader's text steps: words folded without diacritics, sentences and clauses, and the dates and Penal
// Code articles that a text gives (English and Vietnamese forms).
export const MONTHS: Record<string, number> = {
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

export interface Token {
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

export function tokens(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    text: m[0],
    norm: foldWord(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

// Abbreviations whose full stop does not end a sentence.
export const ABBREVIATIONS =
  /\b(Co|Ltd|Corp|Inc|Art|No|Mr|Mrs|Ms|Dr|St|Jr|Sr|Dept|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|TP|Tp|P|Q)\.(?=\s)/g;
export const HOLD = "\u2024";

/** Sentences of a text, keeping "Co., Ltd." and "Art. 227" inside their sentence. */
export function sentences(text: string): string[] {
  // Dotted initials ("U.S. Virgin Islands", "U.A.E.") end no sentence either: a name runs on through them.
  const held = text
    .replace(ABBREVIATIONS, (m) => m.replace(".", HOLD))
    .replace(/\b(?:\p{Lu}\.){2,}(?=\s)/gu, (m) => m.replaceAll(".", HOLD));
  return held
    .split(/(?<=[.!?…])\s+(?=["“'(\p{Lu}\p{N}])|\n\s*\n|\n(?=\s*\p{Lu})/u)
    .map((s) => s.replaceAll(HOLD, ".").replace(/\s+/g, " ").trim())
    .filter((s) => s.length > 0);
}

/** Clauses of a sentence: split at ; : and at commas or words that start a new clause. */
export function clauses(sentence: string): { text: string; start: number }[] {
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

export const pad = (n: number) => String(n).padStart(2, "0");
export function isoDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso) ? iso : undefined;
}

/**
 * The first date the text gives (English or Vietnamese forms), as precisely as it gives it: YYYY-MM-DD, YYYY-MM
 * ("October 2022", "tháng 10/2022") or YYYY ("last year"); a day without a year takes the given year.
 */
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
      /(?:ngày|sáng|chiều|tối|trưa)\s+(\d{1,2})-(\d{1,2})\b/iu,
      (m) => (year ? isoDate(year, +(m[2] ?? 0), +(m[1] ?? 0)) : undefined),
    ],
    // Partial dates: the month or the year an action took place, as precisely as the text gives it.
    [
      /tháng\s+(\d{1,2})(?:\/|\s+năm\s+)(\d{4})/iu,
      (m) => (+(m[1] ?? 0) >= 1 && +(m[1] ?? 0) <= 12 ? `${m[2]}-${pad(+(m[1] ?? 0))}` : undefined),
    ],
    [
      /(?<!\d\s*)\b([A-Za-z]{3,9})\s+(\d{4})\b/,
      (m) => {
        const month = MONTHS[(m[1] ?? "").toLowerCase()];
        return month ? `${m[2]}-${pad(month)}` : undefined;
      },
    ],
    [/\b(last year)\b|năm ngoái|năm trước/iu, () => (year ? String(year - 1) : undefined)],
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

/** A publication date as written in a header or a by-line: ISO (whole or YYYY-MM, YYYY) or any form dateIn reads. */
export function publicationDate(text: string): string | undefined {
  const iso = text.trim().match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T\s,])/);
  if (iso) {
    const [, y, m, d] = iso;
    if (d) return isoDate(+(y ?? 0), +(m ?? 0), +d);
    if (m) return +m >= 1 && +m <= 12 ? `${y}-${m}` : undefined;
    return y;
  }
  const full = dateIn(text);
  return full && full.length === 10 ? full : undefined;
}
