// Validates EPCIS 2.0 JSON-LD against Lodestone's schema (schema.ts) and turns Ajv's verdict into problems
// that name the event index, the JSON path inside the event and the reason.
import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import type { Problem } from "../../domain/errors.ts";
import { epcisJsonSchema } from "./schema.ts";

const addFormats = addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv };

export function createEpcisAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv;
}

const validateDocument = createEpcisAjv().compile(epcisJsonSchema);

export interface SchemaVerdict {
  valid: boolean;
  problems: Problem[];
}

/** The schema's verdict on a parsed JSON value: valid, or the problems that make it invalid (most precise first). */
export function validateEpcisJson(document: unknown): SchemaVerdict {
  if (validateDocument(document)) return { valid: true, problems: [] };
  return { valid: false, problems: explainErrors(validateDocument.errors ?? []) };
}

const EVENT_PATH = /^\/epcisBody\/(?:eventList|queryResults\/resultsBody\/eventList)\/(\d+)(.*)$/;
const COMBINATORS = new Set(["anyOf", "allOf", "oneOf", "if", "not", "false schema"]);
const PREFERENCE = [
  "required",
  "additionalProperties",
  "propertyNames",
  "type",
  "enum",
  "format",
  "pattern",
  "minItems",
];

function jsonPath(pointer: string): string {
  if (pointer === "") return "$";
  return `$${pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) =>
      /^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_@][\w@]*$/.test(part) ? `.${part}` : `["${part}"]`,
    )
    .join("")}`;
}

function describe(error: ErrorObject): { pointer: string; message: string } {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { pointer: `${error.instancePath}/${p.missingProperty}`, message: "required field is missing" };
    case "additionalProperties":
      return {
        pointer: `${error.instancePath}/${p.additionalProperty}`,
        message: "unknown field (this object is closed)",
      };
    case "propertyNames":
      return {
        pointer: `${error.instancePath}/${p.propertyName}`,
        message:
          "unknown field: not an EPCIS field here, nor a namespaced extension (prefix:name), nor a term of a default @vocab the @context declares",
      };
    case "enum": {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const shown = allowed
        .slice(0, 8)
        .map((v) => JSON.stringify(v))
        .join(", ");
      return {
        pointer: error.instancePath,
        message: `must be one of ${shown}${allowed.length > 8 ? ", ..." : ""} or a URI of another vocabulary`,
      };
    }
    case "format":
      return {
        pointer: error.instancePath,
        message:
          p.format === "date-time"
            ? "must be a date-time with a time zone offset (RFC 3339, e.g. 2026-02-12T08:00:00+07:00)"
            : `must be a ${p.format}`,
      };
    case "type":
      return { pointer: error.instancePath, message: `must be ${p.type}` };
    case "pattern":
      return { pointer: error.instancePath, message: `must match ${p.pattern}` };
    case "minItems":
      return { pointer: error.instancePath, message: `must hold at least ${p.limit} item(s)` };
    default:
      return { pointer: error.instancePath, message: error.message ?? error.keyword };
  }
}

function toProblem(error: ErrorObject): Problem {
  const { pointer, message } = describe(error);
  const match = EVENT_PATH.exec(pointer);
  if (match) return { event: Number(match[1]), path: jsonPath(match[2] ?? ""), message };
  return { path: jsonPath(pointer), message };
}

/** Keeps the most telling error per event: the deepest leaf error, never an anyOf/if summary. */
export function explainErrors(errors: ErrorObject[]): Problem[] {
  const leaves = errors.filter((e) => !COMBINATORS.has(e.keyword));
  const candidates = leaves.length > 0 ? leaves : errors;
  const rank = (e: ErrorObject) => {
    const i = PREFERENCE.indexOf(e.keyword);
    return i < 0 ? PREFERENCE.length : i;
  };
  const byEvent = new Map<string, ErrorObject>();
  for (const error of candidates) {
    const match = EVENT_PATH.exec(error.instancePath);
    const key = match ? `event:${match[1]}` : "document";
    const best = byEvent.get(key);
    const depth = (e: ErrorObject) => e.instancePath.split("/").length;
    if (!best || depth(error) > depth(best) || (depth(error) === depth(best) && rank(error) < rank(best))) {
      byEvent.set(key, error);
    }
  }
  return [...byEvent.values()].map(toProblem).sort((a, b) => (a.event ?? -1) - (b.event ?? -1));
}
