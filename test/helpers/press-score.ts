// Scores the news reader on the press corpus (test/fixtures/press): per language and split, subjects found
// (master-data organisations and review candidates alike), false subjects, and kinds and dates right.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { MasterData } from "../../src/domain/masterdata.ts";
import { normaliseName } from "../../src/domain/names.ts";
import { readArticle } from "../../src/domain/news.ts";
import { parseArticle } from "../../src/services/news.ts";

export const PRESS_DIR = resolve(import.meta.dirname, "../fixtures/press");
export const PRESS_ORGS: Record<string, string> = {
  thaiDuong: "urn:lodestone:org:ref:thai-duong-group",
  vtre: "urn:lodestone:org:ref:vietnam-rare-earth",
};

interface ExpectedSubject {
  name: string;
  organisation?: string;
  kind: string;
  date: string | null;
}
export interface PressArticle {
  file: string;
  split: "tuned" | "held-aside";
  language: "en" | "vi";
  subjects: ExpectedSubject[];
}

export interface Score {
  expected: number;
  found: number;
  reported: number;
  kindRight: number;
  dateRight: number;
  misses: string[];
  falseSubjects: string[];
  wrongKinds: string[];
  wrongDates: string[];
}

export function pressCorpus(): PressArticle[] {
  return (JSON.parse(readFileSync(join(PRESS_DIR, "readings.json"), "utf8")) as { articles: PressArticle[] })
    .articles;
}

/** Reads every article of the corpus and scores it, keyed "en tuned", "vi held-aside"... */
export function scorePress(): Record<string, Score> {
  const masterData = JSON.parse(
    readFileSync(resolve(import.meta.dirname, "../../data/demo/masterdata.json"), "utf8"),
  ) as MasterData;
  const scores: Record<string, Score> = {};
  for (const a of pressCorpus()) {
    const key = `${a.language} ${a.split}`;
    const score = scores[key] ?? {
      expected: 0,
      found: 0,
      reported: 0,
      kindRight: 0,
      dateRight: 0,
      misses: [],
      falseSubjects: [],
      wrongKinds: [],
      wrongDates: [],
    };
    scores[key] = score;
    const article = parseArticle(readFileSync(join(PRESS_DIR, a.file)), a.file);
    const reading = readArticle(article, masterData.organisations);
    const reported = [
      ...reading.mentions
        .filter((m) => m.role === "subject")
        .map((m) => ({ ...m, id: m.organisation, label: m.matched })),
      ...reading.candidates
        .filter((c) => c.role === "subject")
        .map((c) => ({ ...c, id: `candidate:${c.key}`, label: c.name })),
    ];
    score.expected += a.subjects.length;
    score.reported += reported.length;
    const used = new Set<string>();
    for (const s of a.subjects) {
      const want = s.organisation ? PRESS_ORGS[s.organisation] : undefined;
      const folded = normaliseName(s.name);
      const hit = reported.find(
        (r) =>
          !used.has(r.id) &&
          (want
            ? r.id === want
            : r.id.startsWith("candidate:") &&
              (r.id.slice(10).includes(folded) || folded.includes(r.id.slice(10)))),
      );
      if (!hit) {
        score.misses.push(`${a.file}: ${s.name}`);
        continue;
      }
      used.add(hit.id);
      score.found++;
      if (hit.kind === s.kind) score.kindRight++;
      else score.wrongKinds.push(`${a.file}: ${s.name} ${hit.kind} (expected ${s.kind})`);
      if ((hit.date ?? null) === s.date) score.dateRight++;
      else score.wrongDates.push(`${a.file}: ${s.name} ${hit.date ?? "none"} (expected ${s.date ?? "none"})`);
    }
    for (const r of reported)
      if (!used.has(r.id)) score.falseSubjects.push(`${a.file}: ${r.label} (${r.kind}) — ${r.reason}`);
  }
  return scores;
}
