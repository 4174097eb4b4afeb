// The EPCIS SimpleEventQuery over the ledger: parameters are checked by the binding's rules (EPCIS 2.0
// section 8.2.7.1 and the REST binding), values brought to canonical form, and results paged by an opaque
// keyset cursor bound to the query that made it.
import { createHash } from "node:crypto";
import { LodestoneError } from "../domain/errors.ts";
import { EVENT_KINDS } from "../domain/events.ts";
import { cbvValue } from "../standards/epcis/cbv.ts";
import { canonicalInstant } from "../standards/epcis/event-hash.ts";
import { canonicalIdentifier, epcUrnToDigitalLink } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import {
  type EventSelection,
  type IdentifierMatch,
  type StoredEvent,
  selectEvents,
} from "../store/event-store.ts";

export type QueryParams = Record<string, string>;

export interface QueryResult {
  events: StoredEvent[];
  nextPageToken?: string;
}

const paramError = (message: string) => new LodestoneError("QUERY_PARAMETER", message);

/** EPCIS REST lists are pipe-delimited ("shipping|receiving"). */
const listOf = (value: string) =>
  value
    .split("|")
    .map((v) => v.trim())
    .filter((v) => v !== "");

function instant(name: string, value: string): string {
  const canonical = canonicalInstant(value);
  if (!canonical) throw paramError(`${name}: "${value}" is not a date-time with a time zone offset`);
  return canonical;
}

function positiveInteger(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw paramError(`${name}: must be a positive integer, got "${value}"`);
  return Number(value);
}

function decimal(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n))
    throw paramError(`${name}: must be a number, got "${value}"`);
  return n;
}

/** Exact identifiers in canonical form, and EPC patterns (urn:epc:idpat:...:*) as Digital Link prefixes. */
function identifierMatch(name: string, value: string, roles: string[]): IdentifierMatch {
  const match: IdentifierMatch = { roles, values: [], prefixes: [] };
  for (const item of listOf(value)) {
    if (item.startsWith("urn:epc:idpat:")) {
      const base = epcUrnToDigitalLink(item);
      if (!base)
        throw paramError(`${name}: the pattern "${item}" is not supported (use CP.ItemRef.* or an exact id)`);
      match.values.push(base);
      match.prefixes.push(`${base}/`);
    } else {
      match.values.push(canonicalIdentifier(item));
    }
  }
  if (match.values.length === 0) throw paramError(`${name}: needs at least one value`);
  return match;
}

const EPC_ROLES: Record<string, string[]> = {
  MATCH_epc: ["subject", "child"],
  MATCH_parentID: ["parent"],
  MATCH_inputEPC: ["input"],
  MATCH_outputEPC: ["output"],
  MATCH_anyEPC: ["subject", "child", "parent", "input", "output"],
};
const CLASS_ROLES: Record<string, string[]> = {
  MATCH_epcClass: ["subject", "child"],
  MATCH_inputEPCClass: ["input"],
  MATCH_outputEPCClass: ["output"],
  MATCH_anyEPCClass: ["subject", "child", "input", "output"],
};
const QUANTITY_OPS = {
  EQ_quantity: "=",
  GT_quantity: ">",
  GE_quantity: ">=",
  LT_quantity: "<",
  LE_quantity: "<=",
} as const;

export const SUPPORTED_PARAMETERS = [
  "eventType",
  "GE_eventTime",
  "LT_eventTime",
  "GE_recordTime",
  "LT_recordTime",
  "EQ_action",
  "EQ_bizStep",
  "EQ_disposition",
  "EQ_readPoint",
  "EQ_bizLocation",
  "EQ_transformationID",
  ...Object.keys(EPC_ROLES),
  ...Object.keys(CLASS_ROLES),
  ...Object.keys(QUANTITY_OPS),
  "EQ_eventID",
  "EQ_bizTransaction_{type}",
  "EQ_source_{type}",
  "EQ_destination_{type}",
  "orderBy",
  "orderDirection",
  "eventCountLimit",
  "maxEventCount",
  "perPage",
  "nextPageToken",
];

interface PageToken {
  /** Fingerprint of the query the token belongs to. */
  q: string;
  o: string;
  h: string;
  /** Events still allowed by eventCountLimit. */
  r?: number;
}

function fingerprint(params: QueryParams): string {
  const stable = Object.entries(params)
    .filter(([k]) => k !== "perPage" && k !== "nextPageToken")
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash("sha256").update(JSON.stringify(stable)).digest("base64url").slice(0, 16);
}

function decodeToken(token: string, params: QueryParams): PageToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as PageToken;
    if (typeof parsed.o !== "string" || typeof parsed.h !== "string") throw new Error("shape");
    if (parsed.q !== fingerprint(params)) throw paramError("nextPageToken: belongs to another query");
    return parsed;
  } catch (error) {
    if (error instanceof LodestoneError) throw error;
    throw paramError("nextPageToken: not a token this ledger issued");
  }
}

/** Turns SimpleEventQuery parameters into a store selection; every rule of the binding is checked here. */
export function selectionFromParams(params: QueryParams): {
  selection: EventSelection;
  perPage?: number;
  eventCountLimit?: number;
  maxEventCount?: number;
  token?: PageToken;
} {
  const s: EventSelection = {
    epcMatches: [],
    classMatches: [],
    quantityBounds: [],
    bizTransactions: [],
    parties: [],
    order: { by: "recordTime", direction: "asc" },
  };
  let perPage: number | undefined;
  let eventCountLimit: number | undefined;
  let maxEventCount: number | undefined;
  for (const [name, value] of Object.entries(params)) {
    if (name in EPC_ROLES) {
      s.epcMatches.push(identifierMatch(name, value, EPC_ROLES[name] as string[]));
      continue;
    }
    if (name in CLASS_ROLES) {
      s.classMatches.push(identifierMatch(name, value, CLASS_ROLES[name] as string[]));
      continue;
    }
    if (name in QUANTITY_OPS) {
      s.quantityBounds.push({
        op: QUANTITY_OPS[name as keyof typeof QUANTITY_OPS],
        value: decimal(name, value),
      });
      continue;
    }
    const typed = /^EQ_(bizTransaction|source|destination)_(.+)$/.exec(name);
    if (typed) {
      const [, field, type] = typed as unknown as [string, string, string];
      const values = listOf(value).map(canonicalIdentifier);
      if (field === "bizTransaction") s.bizTransactions.push({ type: cbvValue("BTT", type), values });
      else
        s.parties.push({ direction: field as "source" | "destination", type: cbvValue("SDT", type), values });
      continue;
    }
    switch (name) {
      case "eventType": {
        const kinds = listOf(value);
        const unknown = kinds.filter((k) => !(EVENT_KINDS as readonly string[]).includes(k));
        if (unknown.length > 0) throw paramError(`eventType: unknown event type ${unknown.join(", ")}`);
        s.eventTypes = kinds;
        break;
      }
      case "GE_eventTime":
        s.eventTime = { ...s.eventTime, ge: instant(name, value) };
        break;
      case "LT_eventTime":
        s.eventTime = { ...s.eventTime, lt: instant(name, value) };
        break;
      case "GE_recordTime":
        s.recordTime = { ...s.recordTime, ge: instant(name, value) };
        break;
      case "LT_recordTime":
        s.recordTime = { ...s.recordTime, lt: instant(name, value) };
        break;
      case "EQ_action": {
        const actions = listOf(value);
        const bad = actions.filter((a) => !["ADD", "OBSERVE", "DELETE"].includes(a));
        if (bad.length > 0)
          throw paramError(`EQ_action: must be ADD, OBSERVE or DELETE, got ${bad.join(", ")}`);
        s.actions = actions;
        break;
      }
      case "EQ_bizStep":
        s.bizSteps = listOf(value).map((v) => cbvValue("BizStep", v));
        break;
      case "EQ_disposition":
        s.dispositions = listOf(value).map((v) => cbvValue("Disp", v));
        break;
      case "EQ_readPoint":
        s.readPoints = listOf(value).map(canonicalIdentifier);
        break;
      case "EQ_bizLocation":
        s.bizLocations = listOf(value).map(canonicalIdentifier);
        break;
      case "EQ_transformationID":
        s.transformationIds = listOf(value).map(canonicalIdentifier);
        break;
      case "EQ_eventID":
        s.eventIds = listOf(value);
        break;
      case "orderBy":
        if (value !== "eventTime" && value !== "recordTime") {
          throw paramError(
            `orderBy: must be eventTime or recordTime, got "${value}" (ordering by extension fields is not supported)`,
          );
        }
        s.order = { ...s.order, by: value };
        break;
      case "orderDirection":
        if (value !== "ASC" && value !== "DESC")
          throw paramError(`orderDirection: must be ASC or DESC, got "${value}"`);
        s.order = { ...s.order, direction: value === "ASC" ? "asc" : "desc" };
        break;
      case "eventCountLimit":
        eventCountLimit = positiveInteger(name, value);
        break;
      case "maxEventCount":
        maxEventCount = positiveInteger(name, value);
        break;
      case "perPage":
        perPage = positiveInteger(name, value);
        break;
      case "nextPageToken":
        break;
      default:
        throw paramError(`${name}: unknown query parameter`);
    }
  }
  // EPCIS 2.0 section 8.2.7.1: eventCountLimit needs orderBy, and excludes maxEventCount.
  if (eventCountLimit !== undefined && params.orderBy === undefined) {
    throw paramError("eventCountLimit: may only be used together with orderBy");
  }
  if (eventCountLimit !== undefined && maxEventCount !== undefined) {
    throw paramError("eventCountLimit and maxEventCount are mutually exclusive");
  }
  const token = params.nextPageToken === undefined ? undefined : decodeToken(params.nextPageToken, params);
  if (token) s.after = { orderValue: token.o, eventHash: token.h };
  return {
    selection: s,
    ...(perPage === undefined ? {} : { perPage }),
    ...(eventCountLimit === undefined ? {} : { eventCountLimit }),
    ...(maxEventCount === undefined ? {} : { maxEventCount }),
    ...(token === undefined ? {} : { token }),
  };
}

export async function queryEvents(
  ledger: Ledger,
  params: QueryParams,
  scope?: EventSelection["scope"],
): Promise<QueryResult> {
  const parsed = selectionFromParams(params);
  const { perPage, eventCountLimit, maxEventCount, token } = parsed;
  const selection = scope ? { ...parsed.selection, scope } : parsed.selection;
  if (maxEventCount !== undefined) {
    const probe = await selectEvents(ledger.db, {
      ...selection,
      after: undefined,
      limit: maxEventCount + 1,
    } as EventSelection);
    if (probe.length > maxEventCount) {
      throw new LodestoneError(
        "QUERY_TOO_LARGE",
        `the query matches more than maxEventCount=${maxEventCount} events; narrow it or raise maxEventCount`,
      );
    }
  }
  const remaining = token?.r ?? eventCountLimit;
  const pageSize = Math.min(perPage ?? Number.POSITIVE_INFINITY, remaining ?? Number.POSITIVE_INFINITY);
  const limit = Number.isFinite(pageSize) ? pageSize + 1 : undefined;
  const rows = await selectEvents(ledger.db, { ...selection, ...(limit === undefined ? {} : { limit }) });
  const page = limit === undefined ? rows : rows.slice(0, pageSize);
  const left = remaining === undefined ? undefined : remaining - page.length;
  const more = rows.length > page.length && (left === undefined || left > 0);
  const last = page[page.length - 1];
  if (!more || !last) return { events: page };
  const next: PageToken = {
    q: fingerprint(params),
    o: selection.order.by === "eventTime" ? last.eventTimeUtc : last.recordTime,
    h: last.eventHash,
    ...(left === undefined ? {} : { r: left }),
  };
  return { events: page, nextPageToken: Buffer.from(JSON.stringify(next)).toString("base64url") };
}
