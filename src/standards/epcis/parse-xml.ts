// Maps the EPCIS XML binding (2.0, and 1.x upgraded on the way) to the JSON binding's shape, then through the
// same validation and mapping as JSON (parse-json.ts), so one event has one canonical id whatever its binding.
// Problems name the XML element path (`/epcis:EPCISDocument/EPCISBody/EventList/ObjectEvent[2]/action`).
import type { Problem } from "../../domain/errors.ts";
import { EVENT_KINDS, type LedgerEvent } from "../../domain/events.ts";
import { STANDARD_PREFIXES } from "./namespaces.ts";
import {
  COMMON_FIELDS,
  KIND_FIELDS,
  type ParseResult,
  parseEpcisJson,
  SENSOR_METADATA_FIELDS,
  SENSOR_REPORT_FIELDS,
} from "./parse-json.ts";
import { EPCIS_CONTEXT } from "./serialize-json.ts";
import {
  DEFAULT_XML_LIMITS,
  readXmlTree,
  XMLNS_URI,
  type XmlElement,
  type XmlLimits,
  XmlRefused,
  XSI_URI,
} from "./xml-tree.ts";

export const EPCIS_XML_NS = "urn:epcglobal:epcis:xsd:2";
export const EPCIS_QUERY_XML_NS = "urn:epcglobal:epcis-query:xsd:2";
const EPCIS_1_NS = "urn:epcglobal:epcis:xsd:1";
const EPCIS_1_QUERY_NS = "urn:epcglobal:epcis-query:xsd:1";
const SBDH_NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";

/**
 * The CBV master-data namespace is `urn:epcglobal:cbv:mda` in XML and `urn:epcglobal:cbv:mda:` as a JSON-LD
 * prefix (which needs the separator): one vocabulary, so XML names are read into the JSON-LD form.
 */
export const CBV_MDA_XML_NS = "urn:epcglobal:cbv:mda";
export function namespaceFromXml(uri: string): string {
  return uri === CBV_MDA_XML_NS ? `${CBV_MDA_XML_NS}:` : uri;
}

type Json = Record<string, unknown>;

const TEXT_FIELDS = new Set([
  "eventTime",
  "recordTime",
  "eventTimeZoneOffset",
  "eventID",
  "action",
  "bizStep",
  "disposition",
  "parentID",
  "transformationID",
]);
const EPC_LISTS = new Set(["epcList", "childEPCs", "inputEPCList", "outputEPCList"]);
const QUANTITY_LISTS = new Set([
  "quantityList",
  "childQuantityList",
  "inputQuantityList",
  "outputQuantityList",
]);
/** The elements of events are named as the JSON binding's fields (`@context` and `type` are JSON's own). */
const EVENT_FIELDS = new Set([...COMMON_FIELDS].filter((f) => f !== "@context" && f !== "type"));
const SENSOR_METADATA_ATTRIBUTES = new Set(SENSOR_METADATA_FIELDS);
const SENSOR_NUMBERS = new Set([
  "value",
  "minValue",
  "maxValue",
  "meanValue",
  "sDev",
  "percRank",
  "percValue",
]);
const GS1_VOC = "https://gs1.org/voc/";
const XSD_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const XSD_DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A sensor type or exception written as a qualified name (`gs1:Temperature`) is read against the XML's
 * namespace declarations, or, for a prefix the XML leaves undeclared (as the standard's own examples do),
 * against the EPCIS context's prefixes; GS1 web vocabulary terms are bare words in the JSON binding.
 */
function sensorTerm(value: string, expanded: string | undefined): string {
  const colon = value.indexOf(":");
  const standard = colon > 0 ? STANDARD_PREFIXES[value.slice(0, colon)] : undefined;
  const iri = expanded ?? (standard === undefined ? value : standard + value.slice(colon + 1));
  return iri.startsWith(GS1_VOC) ? iri.slice(GS1_VOC.length) : iri;
}

/** The XML-only wrappers of older versions: their children belong to the element that holds them. */
const isWrapper = (e: XmlElement) => e.uri === "" && (e.local === "extension" || e.local === "baseExtension");

/** Children with every `extension`/`baseExtension` wrapper opened (EPCIS 1.x put later fields inside them). */
function fieldsOf(element: XmlElement): XmlElement[] {
  return element.children.flatMap((c) => (isWrapper(c) ? fieldsOf(c) : [c]));
}

const trimmed = (e: XmlElement) => e.text.trim();

/**
 * The XML binding writes standard vocabulary values as CBV URNs (`urn:epcglobal:cbv:bizstep:shipping`), the
 * JSON binding as bare words (`shipping`); both name one value (and hash the same), so the JSON form is used.
 */
const CBV_URNS: Record<string, string> = {
  bizStep: "urn:epcglobal:cbv:bizstep:",
  disposition: "urn:epcglobal:cbv:disp:",
  set: "urn:epcglobal:cbv:disp:",
  unset: "urn:epcglobal:cbv:disp:",
  reason: "urn:epcglobal:cbv:er:",
  bizTransaction: "urn:epcglobal:cbv:btt:",
  source: "urn:epcglobal:cbv:sdt:",
  destination: "urn:epcglobal:cbv:sdt:",
};
export function cbvWordFromXml(field: string, value: string): string {
  const urn = CBV_URNS[field];
  return urn !== undefined && value.startsWith(urn) && /^[A-Za-z0-9_]+$/.test(value.slice(urn.length))
    ? value.slice(urn.length)
    : value;
}

class XmlToJson {
  readonly problems: Problem[] = [];
  /** Namespace URI → the prefix the JSON form uses for it. */
  private readonly prefixes = new Map<string, string>();
  private readonly taken = new Set(Object.keys(STANDARD_PREFIXES));
  /** `${event}|${jsonPath}` → XML path, to name XML elements in problems found on the JSON form. */
  readonly paths = new Map<string, string>();
  private event: number | undefined;

  constructor() {
    for (const [prefix, uri] of Object.entries(STANDARD_PREFIXES)) this.prefixes.set(uri, prefix);
  }

  context(): (string | Json)[] {
    const declared: Json = {};
    for (const [uri, prefix] of this.prefixes) {
      if (STANDARD_PREFIXES[prefix] !== uri) declared[prefix] = uri;
    }
    return Object.keys(declared).length > 0 ? [EPCIS_CONTEXT, declared] : [EPCIS_CONTEXT];
  }

  at(event: number | undefined): void {
    this.event = event;
  }

  problem(path: string, message: string): void {
    this.problems.push({ ...(this.event === undefined ? {} : { event: this.event }), path, message });
  }

  record(jsonPath: string, element: XmlElement): void {
    this.paths.set(`${this.event ?? ""}|${jsonPath}`, element.path);
  }

  /** `prefix:local` for a namespaced XML name, the sender's prefix kept where it is free. */
  key(uri: string, local: string, hint: string): string {
    const namespace = namespaceFromXml(uri);
    let prefix = this.prefixes.get(namespace);
    if (prefix === undefined) {
      prefix = hint !== "" && !this.taken.has(hint) ? hint : "";
      for (let n = 1; prefix === ""; n++) if (!this.taken.has(`ns${n}`)) prefix = `ns${n}`;
      this.taken.add(prefix);
      this.prefixes.set(namespace, prefix);
    }
    return `${prefix}:${local}`;
  }

  /** Attributes that carry no data: namespace declarations, schema locations and value types. */
  private dataAttributes(element: XmlElement) {
    return element.attributes.filter(
      (a) =>
        a.uri !== XMLNS_URI &&
        !(a.uri === "" && a.local === "xmlns") &&
        !(a.uri === XSI_URI && (a.local === "type" || a.local === "schemaLocation")),
    );
  }

  noAttributes(element: XmlElement, allowed: string[] = []): void {
    for (const a of this.dataAttributes(element)) {
      if (a.uri === "" && allowed.includes(a.local)) continue;
      const name = a.prefix ? `${a.prefix}:${a.local}` : a.local;
      this.problem(
        `${element.path}/@${name}`,
        `attribute ${name} has no place on <${element.local}> in EPCIS 2.0 (an extension is a namespaced child element)`,
      );
    }
  }

  leafText(element: XmlElement): string {
    if (element.children.length > 0) {
      this.problem(element.path, `<${element.local}> holds a value, not child elements`);
    }
    this.noAttributes(element);
    return trimmed(element);
  }

  /**
   * An extension element's value: its text, or an object of its children (repeated names become lists). An
   * element with attributes (`<cbvmda:netWeight measurementUnitCode="KGM">3.5</cbvmda:netWeight>`) becomes an
   * object too: each attribute a member (an unqualified one in the element's namespace) and the text the
   * member `value`, so the unit is kept rather than dropped.
   */
  extensionValue(element: XmlElement, jsonPath: string): unknown {
    this.record(jsonPath, element);
    if (element.mixed) {
      this.problem(element.path, "text and child elements mixed in one extension element cannot be kept");
    }
    const attributes = this.dataAttributes(element);
    if (attributes.length === 0) {
      return element.children.length === 0 ? element.text : this.extensionObject(element.children, jsonPath);
    }
    const out: Json = {};
    for (const a of attributes) {
      out[this.key(a.uri === "" ? element.uri : a.uri, a.local, a.uri === "" ? element.prefix : a.prefix)] =
        a.value;
    }
    if (element.children.length > 0) Object.assign(out, this.extensionObject(element.children, jsonPath));
    else out[this.key(element.uri, "value", element.prefix)] = element.text;
    return out;
  }

  extensionObject(children: XmlElement[], jsonPath: string): Json {
    const groups = new Map<string, XmlElement[]>();
    for (const child of children) {
      if (child.uri === "") {
        this.problem(
          child.path,
          `<${child.local}> has no namespace: inside an extension every element needs the namespace of its vocabulary`,
        );
        continue;
      }
      const key = this.key(child.uri, child.local, child.prefix);
      groups.set(key, [...(groups.get(key) ?? []), child]);
    }
    // A name repeated among siblings is a list, as the JSON binding writes it; once is a single value.
    const out: Json = {};
    for (const [key, group] of groups) {
      const path = `${jsonPath}["${key}"]`;
      out[key] =
        group.length === 1
          ? this.extensionValue(group[0] as XmlElement, path)
          : group.map((element, i) => this.extensionValue(element, `${path}[${i}]`));
    }
    return out;
  }

  epcs(element: XmlElement, jsonPath: string): string[] {
    this.record(jsonPath, element);
    return element.children.map((child, i) => {
      this.record(`${jsonPath}[${i}]`, child);
      if (child.local !== "epc" || child.uri !== "")
        this.problem(child.path, `expected <epc>, found <${child.local}>`);
      return this.leafText(child);
    });
  }

  quantities(element: XmlElement, jsonPath: string): Json[] {
    this.record(jsonPath, element);
    return element.children.map((child, i) => {
      const path = `${jsonPath}[${i}]`;
      this.record(path, child);
      if (child.local !== "quantityElement") {
        this.problem(child.path, `expected <quantityElement>, found <${child.local}>`);
      }
      const out: Json = {};
      for (const field of child.children) {
        this.record(`${path}.${field.local}`, field);
        const text = this.leafText(field);
        if (field.local === "quantity") {
          if (!XSD_DECIMAL.test(text)) {
            this.problem(field.path, `quantity must be a decimal number, got "${text}"`);
          } else {
            out.quantity = Number(text);
          }
        } else if (field.local === "epcClass" || field.local === "uom") {
          out[field.local] = text;
        } else {
          this.problem(field.path, `<${field.local}> is not part of a quantityElement`);
        }
      }
      return out;
    });
  }

  place(element: XmlElement, jsonPath: string): Json {
    this.record(jsonPath, element);
    this.noAttributes(element);
    const out: Json = {};
    const extensions: XmlElement[] = [];
    for (const child of fieldsOf(element)) {
      if (child.uri === "" && child.local === "id") {
        this.record(`${jsonPath}.id`, child);
        out.id = this.leafText(child);
      } else extensions.push(child);
    }
    return { ...out, ...this.extensionObject(extensions, jsonPath) };
  }

  typedList(element: XmlElement, jsonPath: string, item: string, valueKey: string): Json[] {
    this.record(jsonPath, element);
    return element.children.map((child, i) => {
      this.record(`${jsonPath}[${i}]`, child);
      if (child.local !== item) this.problem(child.path, `expected <${item}>, found <${child.local}>`);
      this.noAttributes(child, ["type"]);
      const type = child.attributes.find((a) => a.uri === "" && a.local === "type")?.value;
      if (child.children.length > 0) this.problem(child.path, `<${item}> holds a value, not child elements`);
      return {
        ...(type === undefined ? {} : { type: cbvWordFromXml(item, type.trim()) }),
        [valueKey]: trimmed(child),
      };
    });
  }

  sensorAttributes(element: XmlElement, jsonPath: string, known: Set<string>): Json {
    this.record(jsonPath, element);
    if (element.children.length > 0 || element.text.trim() !== "") {
      this.problem(element.path, `<${element.local}> carries its data in attributes, not content`);
    }
    const out: Json = {};
    for (const a of this.dataAttributes(element)) {
      if (a.uri === "") {
        if (!known.has(a.local)) {
          this.problem(
            `${element.path}/@${a.local}`,
            `attribute ${a.local} is not part of <${element.local}>`,
          );
          continue;
        }
        this.record(`${jsonPath}.${a.local}`, element);
        if (SENSOR_NUMBERS.has(a.local)) {
          const text = a.value.trim();
          if (XSD_DOUBLE.test(text)) out[a.local] = Number(text);
          else this.problem(`${element.path}/@${a.local}`, `must be a number, got "${a.value}"`);
        } else if (a.local === "booleanValue") {
          const text = a.value.trim();
          if (text === "true" || text === "1") out[a.local] = true;
          else if (text === "false" || text === "0") out[a.local] = false;
          else this.problem(`${element.path}/@${a.local}`, `must be true or false, got "${a.value}"`);
        } else if (a.local === "type" || a.local === "exception") {
          out[a.local] = sensorTerm(a.value.trim(), a.expanded);
        } else out[a.local] = a.value.trim();
      } else {
        out[this.key(a.uri, a.local, a.prefix)] = a.value;
      }
    }
    return out;
  }

  sensorElements(element: XmlElement, jsonPath: string): Json[] {
    this.record(jsonPath, element);
    return element.children.map((sensor, i) => {
      const path = `${jsonPath}[${i}]`;
      this.record(path, sensor);
      if (sensor.local !== "sensorElement") {
        this.problem(sensor.path, `expected <sensorElement>, found <${sensor.local}>`);
      }
      const out: Json = {};
      const reports: Json[] = [];
      const extensions: XmlElement[] = [];
      for (const child of fieldsOf(sensor)) {
        if (child.uri === "" && child.local === "sensorMetadata") {
          out.sensorMetadata = this.sensorAttributes(
            child,
            `${path}.sensorMetadata`,
            SENSOR_METADATA_ATTRIBUTES,
          );
        } else if (child.uri === "" && child.local === "sensorReport") {
          reports.push(
            this.sensorAttributes(
              child,
              `${path}.sensorReport[${reports.length}]`,
              new Set(SENSOR_REPORT_FIELDS),
            ),
          );
        } else extensions.push(child);
      }
      this.record(`${path}.sensorReport`, sensor);
      out.sensorReport = reports;
      return { ...out, ...this.extensionObject(extensions, path) };
    });
  }

  errorDeclaration(element: XmlElement, jsonPath: string): Json {
    this.record(jsonPath, element);
    const out: Json = {};
    const extensions: XmlElement[] = [];
    for (const child of fieldsOf(element)) {
      if (child.uri !== "") {
        extensions.push(child);
        continue;
      }
      this.record(`${jsonPath}.${child.local}`, child);
      if (child.local === "declarationTime" || child.local === "reason")
        out[child.local] = cbvWordFromXml(child.local, this.leafText(child));
      else if (child.local === "correctiveEventIDs") {
        out.correctiveEventIDs = child.children.map((c, i) => {
          this.record(`${jsonPath}.correctiveEventIDs[${i}]`, c);
          return this.leafText(c);
        });
      } else this.problem(child.path, `<${child.local}> is not part of an errorDeclaration`);
    }
    return { ...out, ...this.extensionObject(extensions, jsonPath) };
  }

  persistentDisposition(element: XmlElement, jsonPath: string): Json {
    this.record(jsonPath, element);
    const set: string[] = [];
    const unset: string[] = [];
    for (const child of element.children) {
      if (child.local === "set") set.push(cbvWordFromXml("set", this.leafText(child)));
      else if (child.local === "unset") unset.push(cbvWordFromXml("unset", this.leafText(child)));
      else this.problem(child.path, `<${child.local}> is not part of a persistentDisposition`);
    }
    return { ...(set.length > 0 ? { set } : {}), ...(unset.length > 0 ? { unset } : {}) };
  }

  /** One event element in the JSON binding's shape; EPCIS 1.x QuantityEvent becomes its 2.0 ObjectEvent. */
  eventOf(element: XmlElement): Json {
    this.noAttributes(element);
    if (element.local === "QuantityEvent") return this.quantityEvent(element);
    const kind = element.local;
    const out: Json = { type: kind };
    const allowed = new Set<string>(KIND_FIELDS[kind as LedgerEvent["kind"]] ?? []);
    const extensions: XmlElement[] = [];
    const certification: string[] = [];
    for (const child of fieldsOf(element)) {
      if (child.uri !== "") {
        extensions.push(child);
        continue;
      }
      const name = child.local;
      const path = `$.${name}`;
      this.record(path, child);
      if (!EVENT_FIELDS.has(name) && !allowed.has(name)) {
        this.problem(child.path, `<${name}> is not part of ${kind} in EPCIS 2.0`);
        continue;
      }
      if (name !== "certificationInfo" && out[name] !== undefined) {
        this.problem(child.path, `<${name}> is given twice`);
        continue;
      }
      if (TEXT_FIELDS.has(name)) out[name] = cbvWordFromXml(name, this.leafText(child));
      else if (name === "certificationInfo") certification.push(this.leafText(child));
      else if (EPC_LISTS.has(name)) out[name] = this.epcs(child, path);
      else if (QUANTITY_LISTS.has(name)) out[name] = this.quantities(child, path);
      else if (name === "readPoint" || name === "bizLocation") out[name] = this.place(child, path);
      else if (name === "bizTransactionList")
        out[name] = this.typedList(child, path, "bizTransaction", "bizTransaction");
      else if (name === "sourceList") out[name] = this.typedList(child, path, "source", "source");
      else if (name === "destinationList")
        out[name] = this.typedList(child, path, "destination", "destination");
      else if (name === "sensorElementList") out[name] = this.sensorElements(child, path);
      else if (name === "errorDeclaration") out[name] = this.errorDeclaration(child, path);
      else if (name === "persistentDisposition") out[name] = this.persistentDisposition(child, path);
      else if (name === "ilmd") {
        this.noAttributes(child);
        out.ilmd = this.extensionObject(fieldsOf(child), path);
      }
    }
    if (certification.length > 0)
      out.certificationInfo = certification.length === 1 ? certification[0] : certification;
    return { ...out, ...this.extensionObject(extensions, "$") };
  }

  /**
   * EPCIS 1.x QuantityEvent (removed in 2.0): a count of a class observed. EPCIS 2.0 section 7.4.1 writes
   * the same fact as an ObjectEvent with action OBSERVE and one quantityElement.
   */
  quantityEvent(element: XmlElement): Json {
    const copy: XmlElement = { ...element, local: "ObjectEvent", children: [] };
    const quantity: Json = {};
    const rest: XmlElement[] = [];
    for (const child of fieldsOf(element)) {
      if (child.uri === "" && child.local === "epcClass") quantity.epcClass = this.leafText(child);
      else if (child.uri === "" && child.local === "quantity") {
        const text = this.leafText(child);
        if (/^[+-]?\d+$/.test(text)) quantity.quantity = Number(text);
        else this.problem(child.path, `a QuantityEvent's quantity must be a whole number, got "${text}"`);
      } else rest.push(child);
    }
    copy.children = rest;
    const event = this.eventOf(copy);
    return { ...event, action: "OBSERVE", quantityList: [quantity] };
  }
}

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
  const mapper = new XmlToJson();
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
