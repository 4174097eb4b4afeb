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
  "bhd",
  "llp",
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
// A capital letter, not a number: a lowercase run inside a Vietnamese name ends in a word ("… xây dựng Nam Thành"),
// never in a year ("Công ty TNHH Hoàng Hậu Phố vào năm 2013").
const upper = (t: Token | undefined) => t !== undefined && /^\p{Lu}/u.test(t.text);
// The nouns the English press puts before a company it names without a legal form ("Italian company GVA …",
// "San Diego company EcoShield"): the name after them is proposed like one with a legal form.
const DESCRIPTORS = new Set(
  "company firm miner producer exporter importer manufacturer trader supplier refiner smelter processor".split(
    " ",
  ),
);
// A capitalised word that opens another party, not the rest of a Vietnamese name: a legal form ("Công ty B") or
// a person's title or honorific ("Giám đốc", "Chủ tịch", "Ông").
const VIETNAMESE_TITLE_WORDS = new Set(["giam", "chu", "pho", "tong", "ong", "ba"]);
const startsOtherParty = (t: Token) => isLegalFormWord(t.text) || VIETNAMESE_TITLE_WORDS.has(t.norm);
// Lowercase words that stay inside an English name between capitalised ones ("Oil and Gas Services").
const ENGLISH_JOINERS = new Set(["and", "of", "for", "de"]);
// Dotted legal forms ("L.C.", "L.L.C.", "L.P."): tokens of their letters that end where the dots end.
const DOTTED_FORM = /\b(?:L\.){1,2}[CP]\./gu;

function tokensWithDottedForms(sentence: string): Token[] {
  const dotted = new Map<number, number>();
  const compact = sentence.replace(DOTTED_FORM, (m, offset: number) => {
    dotted.set(offset, offset + m.length);
    const letters = m.replace(/\./g, "");
    return letters + " ".repeat(m.length - letters.length);
  });
  return tokens(compact).map((t) => {
    const end = dotted.get(t.start);
    return end === undefined ? t : { ...t, text: sentence.slice(t.start, end), end };
  });
}

/** Names of organisations with a legal form that none of the known names covers, with their aliases. */
export function unknownOrganisationNames(text: string, known: NameForm[]): UnknownOrganisationName[] {
  const knownKeys = new Set(known.map((f) => f.words.join(" ")));
  const found = new Map<string, UnknownOrganisationName>();
  const add = (sentence: string, words: Token[], first: number, last: number) => {
    // An abbreviated legal form keeps its full stop ("Co., Inc. of Rochester"), unless it ends the sentence.
    const formEnd = words[last]?.end ?? 0;
    const abbreviated =
      /^(inc|co|ltd|corp)$/.test(words[last]?.norm ?? "") &&
      sentence[formEnd] === "." &&
      formEnd + 1 < sentence.length;
    const end = formEnd + (abbreviated ? 1 : 0);
    const name = sentence.slice(words[first]?.start ?? 0, end).replace(/\s+/g, " ");
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
    const words = tokensWithDottedForms(sentence);
    const joined = (a: number, b: number) =>
      // Words of one name are joined by spaces, "&" or a bare hyphen; a spaced dash separates ("X - Trần Văn Cường").
      /^(\s+|\s*&\s*|-)$/u.test(sentence.slice(words[a]?.end ?? 0, words[b]?.start ?? 0));
    // Between a name and its legal form: a space, or a comma after the name or an abbreviating full stop.
    const formGap = (a: number, b: number) =>
      /^(\s+|\.?,\s*|\.\s+)$/u.test(sentence.slice(words[a]?.end ?? 0, words[b]?.start ?? 0));
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
        if (!joined(j - 1, j)) continue;
        // A name may open with lowercase words of what the company does ("Công ty TNHH xây dựng và thương mại Tân
        // Hải"), as long as a capitalised word follows within six.
        let opening = j;
        if (!capitalised(words[j])) {
          let ahead = j;
          while (words[ahead] && !capitalised(words[ahead]) && ahead - j < 6 && joined(ahead - 1, ahead)) {
            const norm = (words[ahead] as Token).norm;
            if (norm !== "va" && VIETNAMESE_STOPS.has(norm)) break;
            ahead++;
          }
          // "và" joins words of one name, never two companies ("… và Công ty B").
          if (!upper(words[ahead]) || !joined(ahead - 1, ahead) || startsOtherParty(words[ahead] as Token))
            continue;
          opening = ahead;
        }
        let last = opening;
        // The end of the name before its last "và": where to fall back to if what follows it is cut mid-word.
        let beforeJoiner = -1;
        for (let k = opening + 1; words[k] && joined(k - 1, k); k++) {
          const t = words[k] as Token;
          if (capitalised(t)) {
            last = k;
            beforeJoiner = -1;
            continue;
          }
          if (t.norm !== "va" && VIETNAMESE_STOPS.has(t.norm)) break;
          // A lowercase word stays inside only when the name goes on with a capitalised one ("Sản xuất vật liệu
          // xây dựng Nam Thành"); "và" too ("Sản xuất và Thương mại Huyền Quý"), but never before a legal form
          // ("… và Công ty B") or a person's title ("… và Giám đốc …").
          let ahead = k + 1;
          while (words[ahead] && joined(ahead - 1, ahead) && !capitalised(words[ahead]) && ahead - k < 6) {
            const norm = (words[ahead] as Token).norm;
            if (norm !== "va" && VIETNAMESE_STOPS.has(norm)) break;
            ahead++;
          }
          if (!upper(words[ahead]) || !joined(ahead - 1, ahead) || startsOtherParty(words[ahead] as Token))
            break;
          const joiner = words.slice(k, ahead).findIndex((x) => x.norm === "va");
          beforeJoiner = joiner >= 0 ? k + joiner - 1 : -1;
          k = ahead;
          last = ahead;
        }
        // "Thương mại và Trồng trọt (TM&TT) Tuấn Thiện": a name across "và" that stops before a lowercase word
        // has been cut inside a word pair; keep what came before the "và".
        const cutBefore = (n: number) =>
          words[n + 1] !== undefined && joined(n, n + 1) && !capitalised(words[n + 1]);
        if (beforeJoiner >= 0 && cutBefore(last)) last = beforeJoiner;
        // A number ends a name ("Đá Hóa An 1"), but not one that a lowercase word counts on ("… Huyền Quý 170 triệu").
        while (last > opening && /^\p{N}/u.test((words[last] as Token).text) && cutBefore(last)) last--;
        add(sentence, words, i, last);
        i = last;
        continue;
      }
      // English: a descriptor before a name without a legal form ("Italian company GVA International Oil and Gas
      // Services pleaded guilty").
      if (DESCRIPTORS.has(w.norm) && !capitalised(w) && capitalised(words[i + 1]) && joined(i, i + 1)) {
        let last = i + 1;
        for (let k = i + 2; words[k] && joined(k - 1, k); k++) {
          const t = words[k] as Token;
          if (capitalised(t) && !TITLES.has(t.norm)) last = k;
          else if (!ENGLISH_JOINERS.has(t.norm) || !capitalised(words[k + 1])) break;
        }
        while (words[last + 1] && isLegalFormWord((words[last + 1] as Token).text) && formGap(last, last + 1))
          last++;
        add(sentence, words, i + 1, last);
        i = last;
        continue;
      }
      // English: capitalised words ending in a legal form ("Silver Bern International (Private) Limited",
      // "Streit USA Armoring, LLC", "Thompson/Center Arms Co., Inc.", "Young Living Essential Oils, L.C.").
      if (
        !(ENGLISH_ENDINGS.has(w.norm) || /^L\.(L\.)?[CP]\.$/u.test(w.text)) ||
        !capitalised(w) ||
        (w.norm === "group" && !capitalised(words[i - 1]))
      )
        continue;
      let first = i;
      // Legal forms before it, after a comma ("Co., Inc.", "Armoring, LLC").
      while (first > 0 && isLegalFormWord((words[first - 1] as Token).text) && formGap(first - 1, first))
        first--;
      if (first > 0 && formGap(first - 1, first) && capitalised(words[first - 1])) {
        const prev = words[first - 1] as Token;
        if (!TITLES.has(prev.norm) && !ENGLISH_ENDINGS.has(prev.norm)) first--;
      }
      while (first > 0) {
        const prev = words[first - 1] as Token;
        const gap = sentence.slice(prev.end, words[first]?.start ?? 0);
        if (!/^[\s()&/-]*$/u.test(gap) || !capitalised(prev) || TITLES.has(prev.norm)) break;
        first--;
      }
      let last = i;
      while (words[last + 1] && isLegalFormWord((words[last + 1] as Token).text) && formGap(last, last + 1))
        last++;
      if (first === i) continue;
      add(sentence, words, first, last);
      i = last;
    }
  }
  return [...found.values()];
}
