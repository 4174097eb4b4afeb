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
  "tap doan",
];

/** Every single word of a legal form ("joint", "stock", "jsc", "tnhh"...), for telling a name's end. */
export const LEGAL_FORM_WORDS = new Set(LEGAL_FORMS.flatMap((f) => f.split(" ")));

// Longer forms first, so "cong ty co phan" goes whole before "co" could split it.
const LONGEST_FIRST = [...LEGAL_FORMS].sort((a, b) => b.length - a.length);

/** Lowercase, no diacritics (Vietnamese đ included), no punctuation, no legal forms, single spaces. */
export function normaliseName(name: string): string {
  let text = name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  for (const form of LONGEST_FIRST) text = text.replace(new RegExp(`(^| )${form}( |$)`, "g"), " ").trim();
  return text.replace(/\s+/g, " ");
}

/** Does the query name this party, by its name or any alias (Hangul or romanised, native or Latin script)? */
export function namesMatch(query: string, names: string[]): boolean {
  const q = normaliseName(query);
  if (q === "") return false;
  return names.some((n) => normaliseName(n).includes(q));
}
