// Organisations the press names that master data does not know: found by their legal form ("… Ltd", "… LLC",
// "Công ty TNHH …", "Tập đoàn …"), so that a new name in an article becomes a candidate for review, not a loss.
import { isLegalFormWord, normaliseName } from "./names.ts";
import type { NameForm } from "./news-names.ts";
import { sentences, type Token, tokens } from "./news-text.ts";
import { TITLES } from "./news-vocabulary.ts";

export interface UnknownOrganisationName {
  /** The name folded without legal forms: how the same company is recognised again. */
  key: string;
  /** The name as first written in the article. */
  name: string;
  /** Other spellings in the same article ("Công ty Anh Kiên" for "Công ty TNHH Anh Kiên", "(VTRE)"). */
  aliases: string[];
}

// Words that end an English company name: the legal form itself.
const ENGLISH_ENDINGS = new Set([
  "ltd",
  "limited",
  "llc",
  "inc",
  "corp",
  "corporation",
  "jsc",
  "plc",
  "gmbh",
  "pte",
  "company",
  "group",
]);
// Vietnamese function words: a company's name never runs on through them ("Công ty Tuấn Thiện bị …").
const VIETNAMESE_STOPS = new Set(
  "bi da duoc la co va cua tai voi do cho trong ve o tu doi theo khi vi nay thuc hien gan hon cung nhu ma se dang".split(
    " ",
  ),
);
// A name made only of these says what a company does, not which one it is ("Công ty Thương mại").
const GENERIC = new Set(
  "thuong mai dich vu san xuat xay dung dau tu khoang san phat trien xuat nhap khau trading services mining".split(
    " ",
  ),
);

const capitalised = (t: Token | undefined) => t !== undefined && /^[\p{Lu}\p{N}]/u.test(t.text);

/** Names of organisations with a legal form that none of the known names covers, with their aliases. */
export function unknownOrganisationNames(text: string, known: NameForm[]): UnknownOrganisationName[] {
  const knownKeys = new Set(known.map((f) => f.words.join(" ")));
  const found = new Map<string, UnknownOrganisationName>();
  const add = (sentence: string, words: Token[], first: number, last: number) => {
    const name = sentence.slice(words[first]?.start ?? 0, words[last]?.end ?? 0).replace(/\s+/g, " ");
    const key = normaliseName(name);
    const keyWords = key.split(" ").filter(Boolean);
    if (keyWords.length === 0 || keyWords.every((w) => GENERIC.has(w))) return;
    if ([...knownKeys].some((k) => k === key || k.endsWith(` ${key}`) || key.endsWith(` ${k}`))) return;
    // "(Công ty Anh Kiên)" or "(ASM)" right after the name: another spelling of it.
    const after = sentence.slice(words[last]?.end ?? 0).match(/^[.]?\s*\(([^()]{2,60})\)/u);
    const alias = after?.[1]?.trim();
    const entry = found.get(key) ?? { key, name, aliases: [] };
    if (alias && /^\p{Lu}/u.test(alias) && normaliseName(alias) !== "" && !entry.aliases.includes(alias))
      entry.aliases.push(alias);
    if (name !== entry.name && !entry.aliases.includes(name)) entry.aliases.push(name);
    found.set(key, entry);
  };
  for (const sentence of sentences(text)) {
    const words = tokens(sentence);
    const joined = (a: number, b: number) =>
      // Words of one name are joined by spaces, "&" or a bare hyphen; a spaced dash separates ("X - Trần Văn Cường").
      /^(\s+|\s*&\s*|-)$/u.test(sentence.slice(words[a]?.end ?? 0, words[b]?.start ?? 0));
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as Token;
      // Vietnamese: "Công ty [TNHH|cổ phần|CP|MTV] Name", "Tập đoàn Name", "Tổng công ty Name".
      const prefix =
        w.norm === "cong" && words[i + 1]?.norm === "ty"
          ? 2
          : w.norm === "tap" && words[i + 1]?.norm === "doan"
            ? 2
            : w.norm === "ctcp"
              ? 1
              : 0;
      if (prefix > 0 && isLegalFormWord(w.text)) {
        let j = i + prefix;
        while (words[j] && isLegalFormWord((words[j] as Token).text) && joined(j - 1, j)) j++;
        if (!capitalised(words[j]) || !joined(j - 1, j)) continue;
        let last = j;
        for (let k = j + 1; words[k] && joined(k - 1, k); k++) {
          const t = words[k] as Token;
          if (capitalised(t)) {
            last = k;
            continue;
          }
          if (VIETNAMESE_STOPS.has(t.norm)) break;
          // A lowercase word stays inside only when the name goes on with a capitalised one
          // ("Sản xuất vật liệu xây dựng Nam Thành").
          let ahead = k + 1;
          while (words[ahead] && joined(ahead - 1, ahead) && !capitalised(words[ahead]) && ahead - k < 6) {
            if (VIETNAMESE_STOPS.has((words[ahead] as Token).norm)) break;
            ahead++;
          }
          if (!capitalised(words[ahead]) || !joined(ahead - 1, ahead)) break;
          k = ahead;
          last = ahead;
        }
        add(sentence, words, i, last);
        i = last;
        continue;
      }
      // English: capitalised words ending in a legal form ("Silver Bern International (Private) Limited").
      if (
        !ENGLISH_ENDINGS.has(w.norm) ||
        !capitalised(w) ||
        (w.norm === "group" && !capitalised(words[i - 1]))
      )
        continue;
      let first = i;
      while (first > 0) {
        const prev = words[first - 1] as Token;
        const gap = sentence.slice(prev.end, words[first]?.start ?? 0);
        if (!/^[\s()&-]*$/u.test(gap) || !capitalised(prev) || TITLES.has(prev.norm)) break;
        first--;
      }
      let last = i;
      while (words[last + 1] && isLegalFormWord((words[last + 1] as Token).text) && joined(last, last + 1))
        last++;
      if (first === i) continue;
      add(sentence, words, first, last);
      i = last;
    }
  }
  return [...found.values()];
}
