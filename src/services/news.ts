// News ingestion: reads a plain-text or HTML article, finds the master data's organisations in it, and
// stores a legal event for each subject of a reported action (rules in domain/news.ts, method in docs/news.md).
import { parse as parseHtml } from "node-html-parser";
import { LodestoneError } from "../domain/errors.ts";
import type { LegalEvent } from "../domain/masterdata.ts";
import { type Article, type ArticleReading, legalEventsFromArticle, readArticle } from "../domain/news.ts";
import { publicationDate } from "../domain/news-text.ts";
import type { Ledger } from "../store/db.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { evaluateAndRecord } from "./evaluate.ts";
import { importMasterData } from "./masterdata-import.ts";
import { recordPressCandidates } from "./press-candidates.ts";

const HEADER_KEYS: Record<string, keyof Omit<Article, "text">> = {
  title: "title",
  publisher: "publisher",
  date: "published",
  published: "published",
  url: "url",
};

/** A publication date or date-time as the calendar date, month or year it gives; undefined when it is none. */
function calendarDate(value: string | undefined): string | undefined {
  return value === undefined ? undefined : publicationDate(value);
}

/** The article in a file: HTML (title, meta tags, canonical link, body text) or plain text with optional header lines. */
export function parseArticle(content: Buffer, name: string): Article {
  if (content.length === 0) throw new LodestoneError("INPUT_UNREADABLE", `${name}: the file is empty`);
  if (content.includes(0)) {
    throw new LodestoneError("INPUT_UNREADABLE", `${name}: a binary file, not a text or HTML article`);
  }
  let raw: string;
  try {
    raw = new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    throw new LodestoneError("INPUT_UNREADABLE", `${name}: not UTF-8 text; save the article as UTF-8`);
  }
  raw = raw.replace(/^\uFEFF/, "");
  const article = /^\s*<(!doctype html|html|head|body|article|p)\b/i.test(raw)
    ? fromHtml(raw)
    : fromText(raw);
  if (article.text.trim().length === 0) {
    throw new LodestoneError("INPUT_UNREADABLE", `${name}: the article has no text`);
  }
  if (article.published !== undefined && calendarDate(article.published) === undefined) {
    throw new LodestoneError(
      "INPUT_UNREADABLE",
      `${name}: Date: "${article.published}" is not a date (YYYY-MM-DD, YYYY-MM, YYYY or "3 November 2024"); correct it or leave the line out`,
    );
  }
  return article;
}

// A line of page furniture: a bare dash, an advertisement marker, a share or sign-up prompt.
const FURNITURE_LINE =
  /^\s*(-+|[-•·]?\s*(advertisement|quảng cáo|sign up.*|follow topic:?|read more.*|xem thêm.*|tin liên quan.*|share.*|chia sẻ.*)\s*-?)\s*$/iu;
const ENDS_SENTENCE = /[.!?…"”»)]\s*$/u;

/**
 * The article's body without page furniture: marker lines, and runs of two or more short lines that end no
 * sentence (navigation menus, lists of related headlines). A single unfinished line stays: it is a cut sentence.
 */
function withoutFurniture(lines: string[]): string[] {
  const short = (l: string) =>
    l.trim() !== "" && !ENDS_SENTENCE.test(l) && l.trim().split(/\s+/).length <= 25;
  return lines.filter((line, i) => {
    if (FURNITURE_LINE.test(line)) return false;
    if (!short(line)) return true;
    const neighbour = (d: number) => {
      for (let k = i + d; k >= 0 && k < lines.length; k += d) {
        const l = lines[k] as string;
        if (FURNITURE_LINE.test(l)) continue;
        return short(l);
      }
      return false;
    };
    return !(neighbour(-1) || neighbour(1));
  });
}

/**
 * Plain text: optional "Key: value" header lines; else a first line that is the title, then by-lines: a URL,
 * "Publisher — date", a date alone ("13/03/2025, 15:25"), or a publisher or author's name alone.
 */
function fromText(raw: string): Article {
  const lines = raw.split(/\r?\n/);
  const article: Article = { text: "" };
  let i = 0;
  for (; i < lines.length; i++) {
    const m = lines[i]?.match(/^([A-Za-z]+):\s*(.*)$/);
    const key = m ? HEADER_KEYS[(m[1] ?? "").toLowerCase()] : undefined;
    if (!m || !key) break;
    article[key] = (m[2] ?? "").trim();
  }
  if (i === 0) {
    while (i < lines.length && lines[i]?.trim() === "") i++;
    const first = lines[i]?.trim() ?? "";
    const rest = lines.slice(i + 1).some((l) => l.trim() !== "");
    // A first line that is not a long paragraph is the title.
    if (rest && first.split(/\s+/).length <= 30 && !/^https?:\/\//.test(first)) {
      article.title = first;
      i++;
      for (; i < lines.length; i++) {
        const line = lines[i]?.trim() ?? "";
        if (line === "") break;
        if (/^https?:\/\/\S+$/.test(line)) {
          article.url ??= line;
          continue;
        }
        const byline = line.match(/^(.*?)\s+[—–|-]\s+(.+)$/u);
        const bylineDate = byline ? publicationDate(byline[2] ?? "") : undefined;
        if (byline && bylineDate) {
          article.publisher ??= (byline[1] ?? "").trim();
          article.published ??= bylineDate;
          continue;
        }
        const alone = publicationDate(line);
        if (alone && line.split(/\s+/).length <= 4) {
          article.published ??= alone;
          continue;
        }
        if (line.split(/\s+/).length <= 5 && !ENDS_SENTENCE.test(line) && article.publisher === undefined) {
          article.publisher = line;
          continue;
        }
        break;
      }
    }
  }
  article.text = withoutFurniture(lines.slice(i)).join("\n").trim();
  if (article.published) article.published = calendarDate(article.published) ?? article.published;
  return article;
}

function fromHtml(raw: string): Article {
  const root = parseHtml(raw);
  for (const node of root.querySelectorAll("script, style, noscript, nav, header, footer, aside, form"))
    node.remove();
  // Page furniture by its class or id: menus, related articles, sharing and comment blocks, advertisements.
  const FURNITURE =
    /(^|[\s_-])(menu|nav|breadcrumb|related|relate|share|social|comment|sidebar|advert|ads|banner|tags?)([\s_-]|$)/i;
  for (const node of root.querySelectorAll("[class], [id]")) {
    if (FURNITURE.test(`${node.getAttribute("class") ?? ""} ${node.getAttribute("id") ?? ""}`)) node.remove();
  }
  const meta = (selector: string) => root.querySelector(selector)?.getAttribute("content")?.trim();
  const published =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="date"]') ??
    meta('meta[name="pubdate"]') ??
    root.querySelector("time[datetime]")?.getAttribute("datetime") ??
    root.querySelector('[class~="date"], [class~="time"], [itemprop="datePublished"]')?.text.trim();
  const title = meta('meta[property="og:title"]') ?? root.querySelector("title")?.text.trim();
  const publisher = meta('meta[property="og:site_name"]');
  const url =
    root.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? meta('meta[property="og:url"]');
  const body = root.querySelector("article") ?? root.querySelector("body") ?? root;
  // Block elements end sentences: a heading without a full stop must not run into the first paragraph.
  for (const block of body.querySelectorAll("h1, h2, h3, h4, p, li, div, br"))
    block.insertAdjacentHTML("afterend", "\n\n");
  const text = body.structuredText.replace(/\n{3,}/g, "\n\n").trim();
  const date = calendarDate(published);
  return {
    text,
    ...(title ? { title } : {}),
    ...(publisher ? { publisher } : {}),
    ...(url ? { url } : {}),
    ...(date ? { published: date } : published ? { published } : {}),
  };
}

export interface NewsIngestReport {
  article: { title?: string; publisher?: string; url?: string; published?: string };
  reading: ArticleReading;
  legalEvents: LegalEvent[];
  created: number;
  unchanged: number;
  /** Organisations master data does not know, now in the review queue (docs/news.md). */
  candidates: { id: string; name: string; status: string }[];
  candidatesCreated: number;
}

/** Reads the article against the master data and stores one legal event per subject; idempotent. */
export async function ingestArticle(ledger: Ledger, article: Article, now: Date): Promise<NewsIngestReport> {
  const masterData = await loadMasterData(ledger.db);
  const reading = readArticle(article, masterData.organisations);
  const countryOf = new Map(masterData.organisations.map((o) => [o.id, o.country]));
  const legalEvents = legalEventsFromArticle(article, reading, (party) => countryOf.get(party));
  let created = 0;
  let unchanged = 0;
  if (legalEvents.length > 0) {
    // An event read again keeps its status (a reviewer may have closed it): only new events are written.
    const known = new Set(masterData.legalEvents.map((e) => e.id));
    const fresh = legalEvents.filter((e) => !known.has(e.id));
    unchanged = legalEvents.length - fresh.length;
    if (fresh.length > 0) {
      created = (await importMasterData(ledger, { legalEvents: fresh }, now)).created;
      await evaluateAndRecord(ledger, now);
    }
  }
  const queued = await recordPressCandidates(ledger, article, reading.candidates, now);
  const { text: _text, ...about } = article;
  return {
    article: about,
    reading,
    legalEvents,
    created,
    unchanged,
    candidates: queued.candidates.map((c) => ({ id: c.id, name: c.name, status: c.status })),
    candidatesCreated: queued.created,
  };
}
