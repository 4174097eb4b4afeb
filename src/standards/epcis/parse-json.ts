// Maps EPCIS 2.0 JSON-LD (EPCISDocument, EPCISQueryDocument or one bare event) to the ledger's domain events,
// after schema validation; Lodestone's capture policy (units, positive quantities, known event types) is
// checked here too, each problem naming the event index and the JSON path. Fields are in json-fields.ts and
// reading one event in json-event-reader.ts.

import type { Problem } from "../../domain/errors.ts";
import type { LedgerEvent } from "../../domain/events.ts";
import { EVENT_KINDS } from "../../domain/events.ts";
import { EventReader, readEvent } from "./json-event-reader.ts";
import type { Json } from "./json-fields.ts";
import { prefixesOf } from "./namespaces.ts";
import { validateEpcisJson } from "./validate.ts";
import { withVocabTermsExpanded } from "./vocab-terms.ts";

export type EpcisDocumentKind = "EPCISDocument" | "EPCISQueryDocument" | "event";

export interface ParsedDocument {
  kind: EpcisDocumentKind;
  /** Document-level fields kept for the capture record (id, creationDate, sender, receiver). */
  header: { id?: string; creationDate?: string; sender?: string; receiver?: string };
  events: LedgerEvent[];
}

export type ParseResult = { ok: true; document: ParsedDocument } | { ok: false; problems: Problem[] };

/** Validates and maps a parsed JSON value. Every problem of every event is reported, not only the first. */
export function parseEpcisJson(input: unknown): ParseResult {
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, problems: [{ path: "$", message: "not an EPCIS document: expected a JSON object" }] };
  }
  const doc = input as Json;
  if (typeof doc.type !== "string") {
    return {
      ok: false,
      problems: [
        {
          path: "$.type",
          message: "not an EPCIS document: no type (EPCISDocument, EPCISQueryDocument or an event type)",
        },
      ],
    };
  }
  const verdict = validateEpcisJson(withVocabTermsExpanded(doc));
  const problems: Problem[] = [...verdict.problems];
  const documentPrefixes = prefixesOf(doc["@context"]);
  let kind: EpcisDocumentKind;
  let rawEvents: Json[];
  // Whatever the schema said, only an array is walked: its problems are already reported.
  const listOf = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
  const objectAt = (value: unknown, key: string): unknown =>
    value && typeof value === "object" && !Array.isArray(value) ? (value as Json)[key] : undefined;
  if (doc.type === "EPCISDocument") {
    kind = "EPCISDocument";
    rawEvents = listOf(objectAt(doc.epcisBody, "eventList"));
  } else if (doc.type === "EPCISQueryDocument") {
    kind = "EPCISQueryDocument";
    rawEvents = listOf(
      objectAt(objectAt(objectAt(doc.epcisBody, "queryResults"), "resultsBody"), "eventList"),
    );
  } else {
    kind = "event";
    rawEvents = [doc];
  }
  // An event type outside the five is named as such, rather than as the schema's "must be a uri".
  rawEvents.forEach((raw, i) => {
    const type = raw && typeof raw === "object" ? raw.type : undefined;
    if (typeof type === "string" && !(EVENT_KINDS as readonly string[]).includes(type)) {
      const index = kind === "event" ? undefined : i;
      for (let j = problems.length - 1; j >= 0; j--) if (problems[j]?.event === index) problems.splice(j, 1);
      problems.push({
        ...(index === undefined ? {} : { event: index }),
        path: "$.type",
        message: `unknown event type "${type}": Lodestone captures ${EVENT_KINDS.join(", ")}`,
      });
    }
  });
  const invalidEvents = new Set(problems.map((p) => p.event));
  const events: LedgerEvent[] = [];
  rawEvents.forEach((raw, i) => {
    const index = kind === "event" ? undefined : i;
    // An event the schema refused is not mapped: its shape is not what the mapping may assume.
    if (!raw || typeof raw !== "object" || invalidEvents.has(index)) return;
    const reader = new EventReader(index, prefixesOf(raw["@context"], documentPrefixes));
    try {
      const event = readEvent(raw, reader);
      problems.push(...reader.problems);
      if (event) events.push(event);
    } catch (error) {
      // A shape the schema let through but the mapping cannot read is refused, never a crash.
      problems.push({
        ...(index === undefined ? {} : { event: index }),
        path: "$",
        message: `the event cannot be read: ${(error as Error).message}`,
      });
    }
  });
  if (problems.length > 0) {
    // One problem per event is enough to act on; keep the schema's first, then Lodestone's.
    const seen = new Set<number | undefined>();
    const firstPerEvent = problems.filter((p) => {
      if (seen.has(p.event)) return false;
      seen.add(p.event);
      return true;
    });
    return { ok: false, problems: firstPerEvent.sort((a, b) => (a.event ?? -1) - (b.event ?? -1)) };
  }
  const header: ParsedDocument["header"] = {};
  for (const field of ["id", "creationDate", "sender", "receiver"] as const) {
    if (typeof doc[field] === "string") header[field] = doc[field] as string;
  }
  return { ok: true, document: { kind, header, events } };
}
