// The two bindings of an EPCIS document, JSON-LD and XML, behind one parse: callers say which they hold.
import type { ParseResult } from "./parse-json.ts";
import { parseEpcisJson } from "./parse-json.ts";
import { parseEpcisXml } from "./parse-xml.ts";

export type EpcisFormat = "json" | "xml";

/** A parsed JSON value for the JSON binding; the document's text for the XML binding. */
export function parseEpcis(document: unknown, format: EpcisFormat = "json"): ParseResult {
  if (format === "json") return parseEpcisJson(document);
  if (typeof document !== "string") {
    return { ok: false, problems: [{ path: "/", message: "an XML document must be given as text" }] };
  }
  return parseEpcisXml(document);
}

/** The binding a media type names: XML for application/xml, text/xml and any +xml type; else JSON. */
export function formatOfMediaType(mediaType: string | undefined): EpcisFormat {
  const type = (mediaType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/xml" || type === "text/xml" || type.endsWith("+xml") ? "xml" : "json";
}
