// People the press names as an organisation's officer ("Luu Anh Tuan, chairman of VTRE", "Chủ tịch Công ty Thái
// Dương - Đoàn Văn Huấn"), so that a later sentence reporting an action against the person alone ("The arrests of
// Tuan…") is read as being about the company.
import { foldWord } from "./news-text.ts";

// Officers whose acts the press reports as the company's.
const OFFICE =
  "(?:chairman|chairwoman|chair|director|president|ceo|founder|owner|managing director|general director|(?:deputy )?chief executive|(?:phó )?(?:tổng )?giám đốc|chủ tịch(?: (?:hội đồng quản trị|hđqt))?)";
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
          `${PERSON}\\s*[,(]\\s*(?:the\\s+)?(?:\\S+\\s+){0,2}${OFFICE}(?:\\s+kiêm\\s+\\S+(?:\\s+\\S+)?)?(?:\\s+(?:of|at))?\\s+(?:công ty\\s+)?$`,
          "iu",
        ),
      )?.[1],
      // "VTRE's chairman, Luu Anh Tuan", "The chairman of Thai Duong Group, Doan Van Huan", "Chủ tịch Công ty Thái Dương - Đoàn Văn Huấn"
      new RegExp(`${OFFICE}(?:\\s+of)?\\s*(?:công ty\\s+)?$`, "iu").test(before)
        ? after.match(new RegExp(`^\\s*[,–—-]\\s*${PERSON}`, "u"))?.[1]
        : undefined,
      after.match(new RegExp(`^'s\\s+(?:\\S+\\s+)?${OFFICE},\\s+${PERSON}`, "iu"))?.[1],
    ];
    for (const name of candidates) {
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
