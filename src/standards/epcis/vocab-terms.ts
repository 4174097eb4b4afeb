// Under a default `@vocab`, a bare extension key is a term of that vocabulary (JSON-LD 1.1 section 4.1.2). The
// EPCIS schema knows extensions only as prefixed names, so the schema checks a view of the document in which
// such keys are written as the full IRIs that JSON-LD expansion gives them; the document itself is unchanged.

import { COMMON_FIELDS, type Json, KIND_FIELDS } from "./json-fields.ts";
import { type PrefixMap, prefixesOf, VOCAB } from "./namespaces.ts";

const EVENT_FIELDS = new Set([...COMMON_FIELDS, ...Object.values(KIND_FIELDS).flat()]);
// Objects inside an event whose own fields the schema names, so a bare vocabulary term there is refused too.
const OBJECT_FIELDS: Record<string, Set<string>> = {
  readPoint: new Set(["id"]),
  bizLocation: new Set(["id"]),
  errorDeclaration: new Set(["declarationTime", "reason", "correctiveEventIDs"]),
};

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** A copy of `source` with its bare unknown keys written as `vocab + key`; the same object when none is. */
function expandBareKeys(source: Json, known: Set<string>, prefixes: PrefixMap): Json {
  const scoped = prefixesOf(source["@context"], prefixes);
  const vocab = scoped[VOCAB];
  let changed = false;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    const inner = OBJECT_FIELDS[key];
    const written = isObject(value) && inner ? expandBareKeys(value, inner, scoped) : value;
    const bareTerm = vocab !== undefined && !key.includes(":") && !key.startsWith("@") && !known.has(key);
    if (written !== value || bareTerm) changed = true;
    out[bareTerm ? `${vocab}${key}` : key] = written;
  }
  return changed ? out : source;
}

/** The document as the schema should see it: events' `@vocab` terms as full IRIs. */
export function withVocabTermsExpanded(doc: Json): Json {
  const documentPrefixes = prefixesOf(doc["@context"]);
  const expandEvents = (list: unknown): unknown => {
    if (!Array.isArray(list)) return list;
    const expanded = list.map((event) =>
      isObject(event) ? expandBareKeys(event, EVENT_FIELDS, documentPrefixes) : event,
    );
    return expanded.some((event, i) => event !== list[i]) ? expanded : list;
  };
  if (doc.type === "EPCISDocument" && isObject(doc.epcisBody)) {
    const eventList = expandEvents(doc.epcisBody.eventList);
    return eventList === doc.epcisBody.eventList
      ? doc
      : { ...doc, epcisBody: { ...doc.epcisBody, eventList } };
  }
  if (doc.type === "EPCISQueryDocument" && isObject(doc.epcisBody)) {
    const results = doc.epcisBody.queryResults;
    if (!isObject(results) || !isObject(results.resultsBody)) return doc;
    const eventList = expandEvents(results.resultsBody.eventList);
    if (eventList === results.resultsBody.eventList) return doc;
    return {
      ...doc,
      epcisBody: {
        ...doc.epcisBody,
        queryResults: { ...results, resultsBody: { ...results.resultsBody, eventList } },
      },
    };
  }
  return expandBareKeys(doc, EVENT_FIELDS, prefixesOf(undefined));
}
