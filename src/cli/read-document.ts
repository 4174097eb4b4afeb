// Reads a JSON (or EPCIS XML) document from a file for the CLI, turning every way it can fail into one clear
// error.
import { readFileSync } from "node:fs";
import { LodestoneError } from "../domain/errors.ts";
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
