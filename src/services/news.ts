// News ingestion: reads a plain-text or HTML article, finds the master data's organisations in it, and
// stores a legal event for each subject of a reported action (rules in domain/news.ts, method in docs/news.md).
import { parse as parseHtml } from "node-html-parser";
import { LodestoneError } from "../domain/errors.ts";
import type { LegalEvent } from "../domain/masterdata.ts";
import { type Article, type ArticleReading, legalEventsFromArticle, readArticle } from "../domain/news.ts";
import type { Ledger } from "../store/db.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { evaluateAndRecord } from "./evaluate.ts";
import { importMasterData } from "./masterdata-import.ts";

const HEADER_KEYS: Record<string, keyof Omit<Article, "text">> = {
  title: "title",
  publisher: "publisher",
  date: "published",
  published: "published",
  url: "url",
};

/** A publication date or date-time, as its calendar date; undefined when it is not one. */
function calendarDate(value: string | undefined): string | undefined {
  const m = value?.trim().match(/^(\d{4}-\d{2}-\d{2})/);
  return m?.[1];
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
    throw new LodestoneError("INPUT_UNREADABLE", `${name}: date "${article.published}" is not YYYY-MM-DD`);
  }
  return article;
}

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
  article.text = lines.slice(i).join("\n").trim();
  if (article.published) article.published = calendarDate(article.published) ?? article.published;
  return article;
}

function fromHtml(raw: string): Article {
  const root = parseHtml(raw);
  for (const node of root.querySelectorAll("script, style, noscript, nav, header, footer, aside, form"))
    node.remove();
  const meta = (selector: string) => root.querySelector(selector)?.getAttribute("content")?.trim();
  const published =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="date"]') ??
    meta('meta[name="pubdate"]');
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
  const { text: _text, ...about } = article;
  return { article: about, reading, legalEvents, created, unchanged };
}
