// Sanctions-list import: CSV or JSON with the documented columns (docs/sanctions.md) becomes master-data
// sanctions entries, all or nothing; every organisation is then screened by the evaluation.
import { createHash } from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import { LodestoneError, type Problem } from "../domain/errors.ts";
import type { SanctionsEntry } from "../domain/parties.ts";
import type { Ledger } from "../store/db.ts";
import { evaluateAndRecord } from "./evaluate.ts";
import { importMasterData } from "./masterdata-import.ts";

export const SANCTIONS_COLUMNS = [
  "name",
  "aliases",
  "country",
  "identifiers",
  "list",
  "programme",
  "date",
] as const;
const REQUIRED = ["name", "list"];

/** Several values in one cell: separated by semicolons or vertical bars. */
const splitCell = (value: unknown): string[] =>
  typeof value === "string"
    ? value
        .split(/[;|]/)
        .map((v) => v.trim())
        .filter(Boolean)
    : Array.isArray(value)
      ? value
          .map(String)
          .map((v) => v.trim())
          .filter(Boolean)
      : [];

/** Rows of a CSV (with a header row) or a JSON array of objects (or {entries: [...]}), checked column by column. */
export function parseSanctionsList(content: Buffer, name: string): SanctionsEntry[] {
  if (content.includes(0))
    throw new LodestoneError("INPUT_UNREADABLE", `${name}: a binary file, not a CSV or JSON list`);
  const text = content.toString("utf8").replace(/^\uFEFF/, "");
  if (text.trim() === "") throw new LodestoneError("INPUT_UNREADABLE", `${name}: the list is empty`);
  let rows: Record<string, unknown>[];
  let columns: string[];
  if (/^\s*[[{]/.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new LodestoneError("INPUT_UNREADABLE", `${name}: not valid JSON: ${(error as Error).message}`);
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { entries?: unknown }).entries;
    if (!Array.isArray(list) || list.some((r) => typeof r !== "object" || r === null || Array.isArray(r))) {
      throw new LodestoneError(
        "INPUT_UNREADABLE",
        `${name}: a JSON list is an array of objects (or {"entries": [...]})`,
      );
    }
    rows = list as Record<string, unknown>[];
    columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  } else {
    try {
      rows = parseCsv(text, {
        columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        bom: true,
      });
    } catch (error) {
      throw new LodestoneError(
        "INPUT_UNREADABLE",
        `${name}: not a readable CSV: ${(error as Error).message}`,
      );
    }
    columns = Object.keys(rows[0] ?? {});
    if (rows.length === 0) {
      columns =
        text
          .split(/\r?\n/)[0]
          ?.split(",")
          .map((c) => c.trim().toLowerCase()) ?? [];
    }
  }
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new LodestoneError(
      "CAPTURE_REJECTED",
      `${name}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (columns: ${SANCTIONS_COLUMNS.join(", ")})`,
    );
  }
  const unknown = columns.filter((c) => !(SANCTIONS_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw new LodestoneError(
      "CAPTURE_REJECTED",
      `${name}: unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (columns: ${SANCTIONS_COLUMNS.join(", ")})`,
    );
  }
  const problems: Problem[] = [];
  const entries: SanctionsEntry[] = [];
  rows.forEach((row, i) => {
    const at = `row ${i + 1}`;
    const value = (c: string) =>
      typeof row[c] === "string"
        ? (row[c] as string).trim()
        : row[c] === undefined || row[c] === null
          ? ""
          : String(row[c]);
    const entryName = value("name");
    const list = value("list");
    if (!entryName) problems.push({ path: `${at}.name`, message: "required: the listed party's name" });
    if (!list) problems.push({ path: `${at}.list`, message: "required: the list the entry comes from" });
    const country = value("country").toUpperCase();
    if (country && !/^[A-Z]{2}$/.test(country))
      problems.push({ path: `${at}.country`, message: `"${country}" is not an ISO 3166 two-letter code` });
    const date = value("date");
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date))
      problems.push({ path: `${at}.date`, message: `"${date}" is not YYYY-MM-DD` });
    const identifiers = splitCell(row.identifiers);
    const id = `${list}:${createHash("sha256")
      .update(`${entryName}|${country}|${identifiers.join(";")}`)
      .digest("hex")
      .slice(0, 12)}`;
    entries.push({
      id,
      name: entryName,
      aliases: splitCell(row.aliases),
      ...(country ? { country } : {}),
      identifiers,
      list,
      ...(value("programme") ? { programme: value("programme") } : {}),
      ...(date ? { date } : {}),
    });
  });
  if (problems.length > 0) {
    const first = problems[0] as Problem;
    throw new LodestoneError(
      "CAPTURE_REJECTED",
      `${name}: ${first.path}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}; nothing stored`,
      problems,
    );
  }
  return entries;
}

export async function importSanctionsList(ledger: Ledger, entries: SanctionsEntry[], now: Date) {
  const result = await importMasterData(ledger, { sanctions: entries }, now);
  const { findings } = await evaluateAndRecord(ledger, now, { codes: ["SANCTIONS_MATCH"] });
  return { ...result, matches: findings };
}
