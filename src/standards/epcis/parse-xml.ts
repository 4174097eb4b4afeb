// Maps the EPCIS XML binding (2.0, and 1.x upgraded on the way) to the JSON binding's shape, then through the
// same validation and mapping as JSON (parse-json.ts), so one event has one canonical id whatever its binding.
// Problems name the XML element path (`/epcis:EPCISDocument/EPCISBody/EventList/ObjectEvent[2]/action`).
// Element names and namespaces are in xml-names.ts, reading fields in xml-reader.ts and xml-events.ts.
import type { Problem } from "../../domain/errors.ts";
import { EVENT_KINDS } from "../../domain/events.ts";
import { type ParseResult, parseEpcisJson } from "./parse-json.ts";
import { XmlEventReader } from "./xml-events.ts";

import {
  EPCIS_1_NS,
  EPCIS_1_QUERY_NS,
  EPCIS_QUERY_XML_NS,
  EPCIS_XML_NS,
  fieldsOf,
  type Json,
  SBDH_NS,
} from "./xml-names.ts";
import { DEFAULT_XML_LIMITS, readXmlTree, type XmlElement, type XmlLimits, XmlRefused } from "./xml-tree.ts";

/** Reads the sender and receiver identifiers of a Standard Business Document Header, when there is one. */
function sbdhParties(header: XmlElement | undefined): { sender?: string; receiver?: string } {
  const sbdh = header?.children.find(
    (c) => c.uri === SBDH_NS && c.local === "StandardBusinessDocumentHeader",
  );
  if (!sbdh) return {};
  const identifier = (role: string) =>
    sbdh.children
      .find((c) => c.local === role)
      ?.children.find((c) => c.local === "Identifier")
      ?.text.trim();
  const sender = identifier("Sender");
  const receiver = identifier("Receiver");
  return { ...(sender ? { sender } : {}), ...(receiver ? { receiver } : {}) };
}

function child(
  element: XmlElement | undefined,
  local: string,
  uris: string[] = [""],
): XmlElement | undefined {
  return element?.children.find((c) => c.local === local && uris.includes(c.uri));
}

/** The event elements of an EventList, with EPCIS 1.x's `<extension>` (TransformationEvent) opened. */
function eventElements(list: XmlElement | undefined): XmlElement[] {
  return list ? fieldsOf(list) : [];
}

function mapProblemPath(problem: Problem, paths: Map<string, string>): Problem {
  // The JSON path of a problem is cut back until a recorded element is found; what is left is appended.
  let jsonPath = problem.path;
  const event = problem.event ?? "";
  while (jsonPath.length > 0) {
    const xmlPath = paths.get(`${event}|${jsonPath}`);
    if (xmlPath !== undefined) {
      const rest = problem.path
        .slice(jsonPath.length)
        .replace(/^\./, "/")
        .replace(/\["([^"]+)"\]/g, "/$1");
      return {
        ...problem,
        path: rest === "" ? xmlPath : `${xmlPath}${rest.startsWith("/") ? "" : "/"}${rest}`,
      };
    }
    const cut = Math.max(jsonPath.lastIndexOf("."), jsonPath.lastIndexOf("["));
    if (cut <= 0) break;
    jsonPath = jsonPath.slice(0, cut);
  }
  const eventPath = paths.get(`${event}|$`);
  return eventPath ? { ...problem, path: `${eventPath} (${problem.path})` } : problem;
}

export interface XmlParseOptions {
  limits?: XmlLimits;
}

/** An XML document in the JSON binding's shape, with the way back from JSON paths to XML element paths. */
export type XmlAsJson =
  | { ok: true; json: Json; paths: Map<string, string> }
  | { ok: false; problems: Problem[] };

/**
 * Reads an EPCIS XML document (EPCISDocument, EPCISQueryDocument or one bare event, EPCIS 2.0 or 1.x) into
 * the JSON binding's shape, not yet validated. Hostile XML is refused before anything is mapped.
 */
export function epcisXmlToJson(text: string, options: XmlParseOptions = {}): XmlAsJson {
  let root: XmlElement;
  try {
    root = readXmlTree(text, options.limits ?? DEFAULT_XML_LIMITS);
  } catch (error) {
    if (error instanceof XmlRefused)
      return { ok: false, problems: [{ path: error.path, message: error.message }] };
    throw error;
  }
  const mapper = new XmlEventReader();
  const kind = documentKind(root);
  if (kind === undefined) {
    const name = root.prefix ? `${root.prefix}:${root.local}` : root.local;
    return {
      ok: false,
      problems: [
        {
          path: root.path,
          message: `not an EPCIS document: the root element is <${name}>${root.uri ? ` in namespace ${root.uri}` : ""}; expected EPCISDocument (${EPCIS_XML_NS}), EPCISQueryDocument (${EPCIS_QUERY_XML_NS}) or an event`,
        },
      ],
    };
  }
  let events: XmlElement[];
  if (kind === "EPCISDocument") {
    events = eventElements(child(child(root, "EPCISBody"), "EventList"));
  } else if (kind === "EPCISQueryDocument") {
    const results = child(child(root, "EPCISBody"), "QueryResults", QUERY_NAMESPACES);
    events = eventElements(child(child(results, "resultsBody"), "EventList"));
  } else {
    events = [root];
  }
  const jsonEvents = events.map((element, i) => {
    mapper.at(kind === "event" ? undefined : i);
    mapper.record("$", element);
    if (element.uri !== "" || !EVENT_ELEMENTS.includes(element.local)) {
      mapper.problem(
        element.path,
        `<${element.local}> is not an EPCIS event type: Lodestone captures ${EVENT_KINDS.join(", ")}`,
      );
      return {};
    }
    return mapper.eventOf(element);
  });
  if (mapper.problems.length > 0) return { ok: false, problems: firstPerEvent(mapper.problems) };
  if (kind === "event") {
    mapper.record("$.type", root);
    return {
      ok: true,
      json: { "@context": mapper.context(), ...(jsonEvents[0] as Json) },
      paths: mapper.paths,
    };
  }
  const attribute = (local: string) => root.attributes.find((a) => a.uri === "" && a.local === local)?.value;
  const creationDate = attribute("creationDate");
  const json: Json = {
    "@context": mapper.context(),
    type: kind,
    // A 1.x document is upgraded as it is read, so it is validated as what it now is: 2.0.
    schemaVersion: "2.0",
    ...(creationDate === undefined ? {} : { creationDate: creationDate.trim() }),
    ...sbdhParties(child(root, "EPCISHeader")),
    epcisBody:
      kind === "EPCISDocument"
        ? { eventList: jsonEvents }
        : { queryResults: { queryName: "SimpleEventQuery", resultsBody: { eventList: jsonEvents } } },
  };
  return { ok: true, json, paths: mapper.paths };
}

const DOCUMENT_NAMESPACES = [EPCIS_XML_NS, EPCIS_1_NS];
const QUERY_NAMESPACES = [EPCIS_QUERY_XML_NS, EPCIS_1_QUERY_NS];
const EVENT_ELEMENTS: string[] = [...EVENT_KINDS, "QuantityEvent"];

/** What the root element says the document is, or undefined for XML that is no EPCIS document. */
export function documentKind(root: XmlElement): "EPCISDocument" | "EPCISQueryDocument" | "event" | undefined {
  if (root.local === "EPCISDocument" && DOCUMENT_NAMESPACES.includes(root.uri)) return "EPCISDocument";
  if (root.local === "EPCISQueryDocument" && QUERY_NAMESPACES.includes(root.uri)) return "EPCISQueryDocument";
  if (root.uri === "" && EVENT_ELEMENTS.includes(root.local)) return "event";
  return undefined;
}

/** Parses an EPCIS XML document into the ledger's events, through the JSON binding's validation. */
export function parseEpcisXml(text: string, options: XmlParseOptions = {}): ParseResult {
  const converted = epcisXmlToJson(text, options);
  if (!converted.ok) return converted;
  const result = parseEpcisJson(converted.json);
  if (result.ok) return result;
  return { ok: false, problems: result.problems.map((p) => mapProblemPath(p, converted.paths)) };
}

function firstPerEvent(problems: Problem[]): Problem[] {
  const seen = new Set<number | undefined>();
  return problems.filter((p) => {
    if (seen.has(p.event)) return false;
    seen.add(p.event);
    return true;
  });
}
