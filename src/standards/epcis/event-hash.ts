// The CBV 2.0 canonical event hash ("EPCIS Event Hash ID", CBV 2.0 section 8.9): a pre-hash string built from
// the event's fields in a fixed order with canonical values, hashed with SHA-256 and written as an RFC 6920
// `ni:` URI. The same event hashes the same whatever its key order, identifier syntax or time zone.
import { createHash } from "node:crypto";
import type {
  Extensions,
  ExtensionValue,
  LedgerEvent,
  Place,
  QuantityElement,
  SensorElement,
  SensorFields,
} from "../../domain/events.ts";
import { type CbvVocabulary, cbvUrnToWeb, cbvValue, gs1VocabularyValue } from "./cbv.ts";
import { canonicalIdentifier } from "./identifiers.ts";
import { SENSOR_METADATA_FIELDS, SENSOR_REPORT_FIELDS } from "./json-fields.ts";

const TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * An instant in UTC at millisecond precision with `Z`; the fraction is rounded half up at the fourth decimal
 * and the carry flows into seconds, minutes and days. Returns undefined for text that is not a date-time.
 */
export function canonicalInstant(text: string): string | undefined {
  const m = TIME_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction = "", zone = "Z"] = m;
  const digits = `${fraction}0000`;
  let millis = Number(digits.slice(0, 3));
  if (Number(digits[3]) >= 5) millis += 1;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  const epoch =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) +
    millis -
    offsetMinutes * 60_000;
  const date = new Date(epoch);
  if (Number.isNaN(date.getTime())) return undefined;
  return date.toISOString();
}

/** Numbers without trailing zeros or a leading "+"; integers written out in full. */
export function canonicalNumber(value: number): string {
  if (Number.isInteger(value)) return BigInt(value).toString();
  return String(value);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The canonical text of any value: CBV URNs as web URIs, decimals normalised, GS1 keys as Digital Links. */
export function canonicalValue(value: ExtensionValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return canonicalNumber(value);
  if (typeof value !== "string") return "";
  let text = cbvUrnToWeb(value.trim());
  if (DECIMAL.test(text) && Number.isFinite(Number(text))) text = canonicalNumber(Number(text));
  return canonicalIdentifier(text);
}

const piece = (key: string, value: string | undefined) =>
  value === undefined || value === "" ? "" : `${key}=${value}`;
const sortedJoin = (pieces: string[]) =>
  [...pieces]
    .filter((p) => p !== "")
    .sort(compareCodePoints)
    .join("");

function compareCodePoints(a: string, b: string): number {
  // Sorting by UTF-16 code units equals code point order for the BMP; pre-hash strings are mostly ASCII.
  return a < b ? -1 : a > b ? 1 : 0;
}

const list = (name: string, pieces: string[]) => {
  const body = sortedJoin(pieces);
  return body === "" ? "" : name + body;
};

const TIME_KEYS = new Set(["time", "startTime", "endTime", "declarationTime", "eventTime"]);

/** A user extension: key, `=value` for a scalar, then its children sorted; arrays repeat the key. */
function extensionPieces(key: string, value: ExtensionValue): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => extensionPieces(key, v));
  if (value !== null && typeof value === "object") return [key + sortedJoin(extensionsPieces(value))];
  const text =
    typeof value === "string" && TIME_KEYS.has(localName(key)) ? canonicalInstant(value) : undefined;
  return [piece(key, text ?? canonicalValue(value)) || key];
}

function localName(clark: string): string {
  return clark.replace(/^\{[^}]*\}/, "");
}

function extensionsPieces(extensions: Extensions): string[] {
  return Object.entries(extensions)
    .filter(([key]) => key !== "{http://www.w3.org/2000/01/rdf-schema#}comment")
    .flatMap(([key, value]) => extensionPieces(key, value));
}

function quantityList(name: string, quantities: QuantityElement[]): string {
  return list(
    name,
    quantities.map(
      (q) =>
        `quantityElement${piece("epcClass", canonicalValue(q.epcClass))}${
          q.quantity === undefined ? "" : piece("quantity", canonicalNumber(q.quantity))
        }${piece("uom", q.uom)}`,
    ),
  );
}

const epcList = (name: string, epcs: string[]) =>
  list(
    name,
    epcs.map((e) => piece("epc", canonicalValue(e))),
  );

function place(name: string, p: Place | undefined): string {
  if (!p) return "";
  return `${name}${piece("id", canonicalValue(p.id))}${sortedJoin(extensionsPieces(p.extensions))}`;
}

function sensorFieldValue(key: string, value: ExtensionValue): string {
  if (typeof value === "string") {
    if (TIME_KEYS.has(key)) return canonicalInstant(value) ?? canonicalValue(value);
    if (key === "type" || key === "exception") return gs1VocabularyValue(value);
    if (key === "component") return cbvValue("Comp", value);
  }
  return canonicalValue(value);
}

function sensorFields(name: string, fields: SensorFields, order: string[]): string {
  const ordered = order
    .filter((key) => fields[key] !== undefined)
    .map((key) => piece(key, sensorFieldValue(key, fields[key] as ExtensionValue)))
    .join("");
  const rest: Extensions = {};
  for (const [key, value] of Object.entries(fields)) if (!order.includes(key)) rest[key] = value;
  return `${name}${ordered}${sortedJoin(extensionsPieces(rest))}`;
}

function sensorElement(element: SensorElement): string {
  const metadata = element.metadata
    ? sensorFields("sensorMetadata", element.metadata, SENSOR_METADATA_FIELDS)
    : "";
  const reports = sortedJoin(
    element.reports.map((r) => sensorFields("sensorReport", r, SENSOR_REPORT_FIELDS)),
  );
  return `sensorElement${metadata}${reports}${sortedJoin(extensionsPieces(element.extensions))}`;
}

const vocab = (vocabulary: CbvVocabulary, value: string | undefined) =>
  value === undefined ? undefined : cbvValue(vocabulary, value);

/** The pre-hash string of an event (CBV 2.0 section 8.9.2), the exact text that is hashed. */
export function preHashString(event: LedgerEvent): string {
  const e = event;
  const has = <K extends string>(k: K) => (k in e ? (e as unknown as Record<K, unknown>)[k] : undefined);
  const pieces: string[] = [
    `eventType=${e.kind}`,
    piece("eventTime", canonicalInstant(e.eventTime)),
    piece("eventTimeZoneOffset", e.eventTimeZoneOffset),
    sortedJoin((e.certificationInfo ?? []).map((c) => piece("certificationInfo", canonicalValue(c)))),
    epcList("epcList", (has("epcs") as string[] | undefined) ?? []),
    piece("parentID", has("parentId") === undefined ? undefined : canonicalValue(has("parentId") as string)),
    epcList("inputEPCList", (has("inputEpcs") as string[] | undefined) ?? []),
    epcList("childEPCs", (has("childEpcs") as string[] | undefined) ?? []),
    quantityList("quantityList", (has("quantities") as QuantityElement[] | undefined) ?? []),
    quantityList("childQuantityList", (has("childQuantities") as QuantityElement[] | undefined) ?? []),
    quantityList("inputQuantityList", (has("inputQuantities") as QuantityElement[] | undefined) ?? []),
    epcList("outputEPCList", (has("outputEpcs") as string[] | undefined) ?? []),
    quantityList("outputQuantityList", (has("outputQuantities") as QuantityElement[] | undefined) ?? []),
    piece("action", has("action") as string | undefined),
    piece(
      "transformationID",
      has("transformationId") === undefined ? undefined : canonicalValue(has("transformationId") as string),
    ),
    piece("bizStep", vocab("BizStep", e.bizStep)),
    piece("disposition", vocab("Disp", e.disposition)),
    e.persistentDisposition
      ? `persistentDisposition${sortedJoin(e.persistentDisposition.set.map((d) => piece("set", cbvValue("Disp", d))))}${sortedJoin(
          e.persistentDisposition.unset.map((d) => piece("unset", cbvValue("Disp", d))),
        )}`
      : "",
    place("readPoint", e.readPoint),
    place("bizLocation", e.bizLocation),
    list("sensorElementList", e.sensorElements.map(sensorElement)),
  ];
  // Then the fields without a fixed place, and the user extensions, sorted as whole strings.
  const ilmd = has("ilmd") as Extensions | undefined;
  const unordered = [
    list(
      "bizTransactionList",
      e.bizTransactions.map(
        (b) => `${piece("type", vocab("BTT", b.type))}${piece("bizTransaction", canonicalValue(b.id))}`,
      ),
    ),
    list(
      "sourceList",
      e.sources.map(
        (s) => `${piece("type", cbvValue("SDT", s.type))}${piece("source", canonicalValue(s.id))}`,
      ),
    ),
    list(
      "destinationList",
      e.destinations.map(
        (d) => `${piece("type", cbvValue("SDT", d.type))}${piece("destination", canonicalValue(d.id))}`,
      ),
    ),
    ilmd ? list("ilmd", extensionsPieces(ilmd)) : "",
    ...extensionsPieces(e.extensions),
  ];
  return pieces.join("") + sortedJoin(unordered);
}

/** The canonical event id: `ni:///sha-256;<hex>?ver=CBV2.0` (RFC 6920 named information URI). */
export function eventHash(event: LedgerEvent): string {
  return hashPreHashString(preHashString(event));
}

export function hashPreHashString(preHash: string): string {
  return `ni:///sha-256;${createHash("sha256").update(preHash, "utf8").digest("hex")}?ver=CBV2.0`;
}
