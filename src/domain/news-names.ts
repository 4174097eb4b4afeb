// Finding organisations of the master data in a text by name or alias (any case, with or without diacritics,
// any legal form), longest name first, with near misses kept for the reader to see.
import { isLegalFormWord, normaliseName } from "./names.ts";
import type { Token } from "./news-text.ts";
import { TITLES } from "./news-vocabulary.ts";
import type { Organisation } from "./parties.ts";

export interface NameForm {
  organisation: string;
  words: string[];
  /** A name taken from the article itself (a review candidate): it counts written as it was first found. */
  asWritten?: boolean;
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

export interface Found {
  organisation: string;
  first: number;
  last: number;
}

export function findNames(
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
      const prev = words[i - 1];
      // A name as written may open in lowercase right after its legal form ("Công ty TNHH xây dựng … Tân Hải").
      const opensAfterForm = form.asWritten && prev !== undefined && isLegalFormWord(prev.text);
      if (
        (!/^[\p{Lu}\p{N}]/u.test(span[0]?.text ?? "") && !opensAfterForm) ||
        (!form.asWritten && capitalised * 2 < span.length)
      )
        continue;
      // "Cô Vi": a name joined to a capitalised word before it (not a legal form or a title) is part of
      // another name. "Vi phạm …": a one-word name opening a sentence and running on in lowercase is a word.
      if (
        prev &&
        /^(\s+|-)$/.test(sentence.slice(prev.end, span[0]?.start ?? 0)) &&
        /^\p{Lu}/u.test(prev.text) &&
        !isLegalFormWord(prev.text) &&
        !TITLES.has(prev.norm)
      )
        continue;
      if (
        form.words.length === 1 &&
        i === 0 &&
        /^\p{Ll}/u.test(words[1]?.text ?? "") &&
        /^[\s]*$/.test(sentence.slice(span[0]?.end ?? 0, words[1]?.start ?? 0))
      )
        continue;
      // "Hưng Thịnh Land": a name running on into another capitalised word (not a legal form or a title) is
      // another organisation's name.
      const next = words[last + 1];
      const lastWord = words[last] as Token;
      const gap = next ? sentence.slice(lastWord.end, next.start) : "";
      if (
        next &&
        /^(\s+|-)$/.test(gap) &&
        /^\p{Lu}/u.test(next.text) &&
        !isLegalFormWord(next.text) &&
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
