// Reads a JSON (or EPCIS XML) document from a file for the CLI, turning every way it can fail into one clear
// error; a large JSON EPCISDocument is read streamed, in parts.
import { createReadStream, readFileSync } from "node:fs";
import chain from "stream-chain";
import { parser } from "stream-json";
import { ignore } from "stream-json/filters/ignore.js";
import { pick } from "stream-json/filters/pick.js";
import { streamArray } from "stream-json/streamers/stream-array.js";
import { streamValues } from "stream-json/streamers/stream-values.js";
import { LodestoneError } from "../domain/errors.ts";
import type { DocumentParts } from "../services/capture-parts.ts";
import type { EpcisFormat } from "../standards/epcis/binding.ts";
import { looksLikeXml } from "../standards/epcis/xml-tree.ts";

function readText(file: string, what: string): string {
  try {
    const bytes = readFileSync(file);
    if (bytes.includes(0))
      throw new LodestoneError("INPUT_UNREADABLE", `${file}: is a binary file, not ${what}`);
    return bytes.toString("utf8");
  } catch (error) {
    if (error instanceof LodestoneError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message;
    throw new LodestoneError("INPUT_UNREADABLE", `${file}: cannot read: ${reason}`);
  }
}

export function readJsonFile(file: string): unknown {
  const text = readText(file, "JSON");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LodestoneError("EPCIS_INVALID", `${file}: not JSON: ${(error as Error).message}`);
  }
}

/**
 * An EPCIS document from a file: XML when the name ends in .xml or the text starts with `<`, else JSON
 * (parsed). The XML text is returned as it is, for the XML binding's own parser.
 */
export function readEpcisFile(file: string): { format: EpcisFormat; document: unknown } {
  if (file.toLowerCase().endsWith(".xml")) return { format: "xml", document: readText(file, "XML") };
  if (/\.json(ld)?$/i.test(file)) return { format: "json", document: readJsonFile(file) };
  const text = readText(file, "JSON or XML");
  if (looksLikeXml(text)) return { format: "xml", document: text };
  return { format: "json", document: readJsonFile(file) };
}

/** JSON files from this size up are read streamed, in parts, when they are EPCIS documents (docs/capture.md). */
export const STREAMED_JSON_BYTES = 16 * 1024 * 1024;
const EVENTS_PER_BATCH = 2_000;

/**
 * An EPCISDocument file read streamed (stream-json): every member but its events in a first pass, then its
 * events in batches in a second, so that memory never holds the whole document. Undefined when the file is
 * not an EPCISDocument with an event list (it is then read whole).
 */
export async function readEpcisParts(file: string): Promise<DocumentParts | undefined> {
  const notJson = (error: unknown) =>
    new LodestoneError("EPCIS_INVALID", `${file}: not JSON: ${(error as Error).message}`);
  let header: Record<string, unknown> | undefined;
  try {
    const rest = chain([
      createReadStream(file),
      parser(),
      ignore({ filter: "epcisBody.eventList" }),
      streamValues(),
    ]);
    for await (const { value } of rest as AsyncIterable<{ value: unknown }>)
      header ??= value as Record<string, unknown>;
  } catch (error) {
    throw notJson(error);
  }
  const body = header?.epcisBody as Record<string, unknown> | undefined;
  if (header?.type !== "EPCISDocument" || !body || typeof body !== "object") return undefined;
  async function* batches(): AsyncGenerator<unknown[]> {
    let batch: unknown[] = [];
    try {
      const events = chain([
        createReadStream(file),
        parser(),
        pick({ filter: "epcisBody.eventList" }),
        streamArray(),
      ]);
      for await (const { value } of events as AsyncIterable<{ value: unknown }>) {
        batch.push(value);
        if (batch.length >= EVENTS_PER_BATCH) {
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      throw notJson(error);
    }
    if (batch.length > 0) yield batch;
  }
  return { header, batches: batches() };
}
