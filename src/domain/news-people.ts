// People the press names as an organisation's officer ("Luu Anh Tuan, chairman of VTRE", "Chủ tịch Công ty Thái
// Dương - Đoàn Văn Huấn"), so that a later sentence reporting an action against the person alone ("The arrests of
// Tuan…") is read as being about the company.
import { clauses, foldWord } from "./news-text.ts";
import { ACTIONS, actionOf, DENIAL, type LegalKind } from "./news-vocabulary.ts";

// Officers whose acts the press reports as the company's.
const OFFICE =
  "(?:chairman|chairwoman|chair|director|president|ceo|founder|owner|managing director|general director|(?:deputy )?chief executive|(?:phó )?(?:tổng )?giám đốc|chủ tịch(?: (?:hội đồng quản trị|hđqt))?|người điều hành)";
// The legal form between an office and the company's name ("Giám đốc Công ty TNHH …", "Tổng Giám đốc Công ty CP …").
const COMPANY_WORDS = "(?:công ty(?:\\s+(?:tnhh|cổ phần|cp|mtv))*\\s+)?";
const PERSON = "(\\p{Lu}[\\p{Ll}'-]+(?:\\s+\\p{Lu}[\\p{Ll}'-]+){1,3})";

export interface Officer {
  /** Folded words of the person's full name, and the last one (the given name in Vietnamese order). */
  full: string;
  short: string;
  organisation: string;
  name: string;
}

/** Officers a sentence introduces for the organisations named in it (each with its position in the sentence). */
export function officersIn(
  sentence: string,
  named: { organisation: string; at: number; matched: string }[],
): Officer[] {
  const out: Officer[] = [];
  for (const n of named) {
    const before = sentence.slice(0, n.at);
    const after = sentence.slice(n.at + n.matched.length);
    const candidates = [
      // "Luu Anh Tuan, chairman of", "Đoàn Văn Huấn, Chủ tịch HĐQT", "bị can Đoàn Văn Huấn (Chủ tịch …"
      before.match(
        new RegExp(
          `${PERSON}(?:\\s*[,(]\\s*(?:the\\s+)?(?:\\S+\\s+){0,2}|\\s+là\\s+)${OFFICE}(?:\\s+kiêm\\s+\\S+(?:\\s+\\S+)?)?(?:\\s+(?:of|at))?\\s+${COMPANY_WORDS}$`,
          "iu",
        ),
      )?.[1],
      // "VTRE's chairman, Luu Anh Tuan", "The chairman of Thai Duong Group, Doan Van Huan", "Chủ tịch Công ty Thái Dương - Đoàn Văn Huấn"
      new RegExp(`${OFFICE}(?:\\s+of)?\\s*${COMPANY_WORDS}$`, "iu").test(before)
        ? after.match(new RegExp(`^\\s*[,–—-]\\s*${PERSON}`, "u"))?.[1]
        : undefined,
      after.match(new RegExp(`^'s\\s+(?:\\S+\\s+)?${OFFICE},\\s+${PERSON}`, "iu"))?.[1],
    ];
    for (const found of candidates) {
      // The pattern is matched without case for the office, so the person's name may have taken lowercase words
      // before it ("bị can Nguyễn Xuân Phượng"): a name starts at its first capitalised word.
      const name = found?.replace(/^(?:\p{Ll}\S*\s+)+/u, "");
      if (!name) continue;
      const words = name.split(/\s+/).map(foldWord);
      out.push({
        full: words.join(" "),
        short: words[words.length - 1] ?? "",
        organisation: n.organisation,
        name,
      });
    }
  }
  return out;
}

/** The officers of earlier sentences that this sentence names, by full name or by their last name word alone. */
export function officersNamed(sentence: string, officers: Officer[]): Officer[] {
  const folded = ` ${sentence
    .split(/[^\p{L}\p{N}]+/u)
    .map(foldWord)
    .join(" ")} `;
  return officers.filter((o) => folded.includes(` ${o.full} `) || folded.includes(` ${o.short} `));
}

/**
 * Actions a sentence reports against an officer it introduces ("Lệnh bắt tạm giam đối với bị can X (SN 1958,
 * Giám đốc Công ty Y …)", "police arrested X, director of Y"): the strongest action named before the person in the
 * person's clause, which the reader takes to be about the company.
 */
export function actionsAgainstOfficers(
  sentence: string,
  introduced: Officer[],
): { officer: Officer; kind: LegalKind }[] {
  const out: { officer: Officer; kind: LegalKind }[] = [];
  for (const officer of introduced) {
    const at = sentence.indexOf(officer.name);
    const clause = clauses(sentence).find((c) => at >= c.start && at < c.start + c.text.length);
    if (!clause) continue;
    const before = clause.text.slice(0, at - clause.start);
    const kind = actionOf(before);
    if (kind && !DENIAL.test(before.toLowerCase()) && ACTIONS.some(([k]) => k === kind))
      out.push({ officer, kind });
  }
  return out;
}
