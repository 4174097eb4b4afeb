// Matching names of companies and places as people type them: without diacritics ("Hưng Thịnh" is
// "hung thinh"), in any case, and without legal-form words ("JSC", "Joint Stock Company", "Co., Ltd", "Group").

const LEGAL_FORMS = [
  "joint stock company",
  "limited liability company",
  "company limited",
  "co ltd",
  "limited",
  "gmbh",
  "co",
  "ltd",
  "jsc",
  "llc",
  "group",
  "corporation",
  "corp",
  "inc",
  "company",
  "pte",
  "plc",
  "cong ty",
  "tnhh",
  "co phan",
  "cp",
  "ctcp",
  "mtv",
  "pvt",
  "pty",
  "sdn bhd",
  "bhd",
  "llp",
  "tap doan",
];

/** Every single word of a legal form ("joint", "stock", "jsc", "tnhh"...), for telling a name's end. */
export const LEGAL_FORM_WORDS = new Set(LEGAL_FORMS.flatMap((f) => f.split(" ")));

// Longer forms first, so "cong ty co phan" goes whole before "co" could split it.
const LONGEST_FIRST = [...LEGAL_FORMS].sort((a, b) => b.length - a.length);

// The Vietnamese spellings of legal-form words. Any other accented word whose folding looks like a legal form
// is a name: "Cô Vi" is a person's name, not "Co" + "Vi"; "Cổ" is a form only in "cổ phần".
const VIETNAMESE_FORM_SPELLINGS = new Set(["công", "ty", "cổ", "phần", "tập", "đoàn"]);

function fold(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

/** Is this word, as written, part of a legal form ("Co", "JSC", "công", "TNHH"), not a name that folds like one? */
export function isLegalFormWord(word: string): boolean {
  const folded = fold(word);
  if (!LEGAL_FORM_WORDS.has(folded)) return false;
  const lower = word.normalize("NFC").toLowerCase();
  return lower === folded || VIETNAMESE_FORM_SPELLINGS.has(lower);
}

/** Lowercase, no diacritics (Vietnamese đ included), no punctuation, no legal forms, single spaces. */
export function normaliseName(name: string): string {
  const words = name.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
  const folded = words.map(fold);
  const form = words.map(isLegalFormWord);
  const keep = words.map(() => true);
  for (const f of LONGEST_FIRST) {
    const parts = f.split(" ");
    for (let i = 0; i + parts.length <= words.length; i++) {
      if (parts.every((p, k) => folded[i + k] === p && form[i + k] && keep[i + k])) {
        for (let k = 0; k < parts.length; k++) keep[i + k] = false;
      }
    }
  }
  return folded.filter((_, i) => keep[i]).join(" ");
}

/** Does the query name this party, by its name or any alias (Hangul or romanised, native or Latin script)? */
export function namesMatch(query: string, names: string[]): boolean {
  const q = normaliseName(query);
  if (q === "") return false;
  return names.some((n) => normaliseName(n).includes(q));
}
