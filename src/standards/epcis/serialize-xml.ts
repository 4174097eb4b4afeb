// Writes domain events as the EPCIS 2.0 XML binding (EPCISDocument and EPCISQueryDocument), element order as
// in the XSD, with fast-xml-builder; reading it back (parse-xml.ts) gives the same events and canonical ids.
import XMLBuilder from "fast-xml-builder";
import { LodestoneError } from "../../domain/errors.ts";
import type {
  Extensions,
  ExtensionValue,
  LedgerEvent,
  QuantityElement,
  SensorFields,
} from "../../domain/events.ts";
import { fromClark } from "./namespaces.ts";
import type { StoredEventView } from "./serialize-json.ts";
import { CBV_MDA_XML_NS, EPCIS_QUERY_XML_NS, EPCIS_XML_NS } from "./xml-names.ts";

type XmlObject = Record<string, unknown>;

/** Characters XML 1.0 cannot carry at all, not even as character references. */
// biome-ignore-start lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore-end lint/suspicious/noControlCharactersInRegex: finding control characters is the point

function checked(text: string, where: string): string {
  if (NOT_XML.test(text)) {
    throw new LodestoneError(
      "EPCIS_UNSUPPORTED",
      `${where}: the value holds a control character that XML 1.0 cannot carry; ask for JSON instead`,
    );
  }
  return text;
}

/** Escapes for element text: carriage returns as references, or a reader would turn them into newlines. */
const escapeText = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
/** Escapes for attribute values, whose tabs and newlines a reader would otherwise normalise to spaces. */
const escapeAttribute = (text: string) =>
  escapeText(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  processEntities: false,
  tagValueProcessor: (_name: string, value: unknown) => escapeText(String(value)),
  attributeValueProcessor: (_name: string, value: unknown) => escapeAttribute(String(value)),
});

/** Standard vocabularies keep their usual prefixes; every other namespace is ext1, ext2, ... */
const XML_STANDARD_PREFIXES: Record<string, string> = {
  "https://gs1.org/voc/": "gs1",
  "https://ref.gs1.org/cbv/": "cbv",
  [`${CBV_MDA_XML_NS}:`]: "cbvmda",
};

class XmlNamespaces {
  private readonly byNamespace = new Map<string, string>();

  /** `{namespace}local` (or a plain IRI key) as a prefixed XML name, declaring the namespace on first use. */
  name(key: string, where: string): string {
    let namespace: string;
    let local: string;
    const clark = fromClark(key);
    // A bare name inside an extension (read from an unqualified XML element) is written back unqualified.
    if (!clark && /^[A-Za-z_][\w.-]*$/.test(key)) return key;
    if (clark) ({ namespace, local } = clark);
    else {
      const cut = Math.max(key.lastIndexOf("/"), key.lastIndexOf("#"), key.lastIndexOf(":")) + 1;
      namespace = key.slice(0, cut);
      local = key.slice(cut);
    }
    if (!/^[A-Za-z_][\w.-]*$/.test(local)) {
      throw new LodestoneError(
        "EPCIS_UNSUPPORTED",
        `${where}: extension name "${local}" is not an XML name; ask for JSON instead`,
      );
    }
    let prefix = this.byNamespace.get(namespace);
    if (prefix === undefined) {
      const used = new Set(this.byNamespace.values());
      prefix = XML_STANDARD_PREFIXES[namespace];
      for (let n = this.byNamespace.size + 1; prefix === undefined || used.has(prefix); n++)
        prefix = `ext${n}`;
      this.byNamespace.set(namespace, prefix);
    }
    return `${prefix}:${local}`;
  }

  declarations(): XmlObject {
    const out: XmlObject = {};
    for (const [namespace, prefix] of this.byNamespace) {
      out[`@_xmlns:${prefix}`] = namespace === `${CBV_MDA_XML_NS}:` ? CBV_MDA_XML_NS : namespace;
    }
    return out;
  }
}

const CBV_URN: Record<string, string> = {
  bizStep: "urn:epcglobal:cbv:bizstep:",
  disposition: "urn:epcglobal:cbv:disp:",
  reason: "urn:epcglobal:cbv:er:",
  bizTransaction: "urn:epcglobal:cbv:btt:",
  source: "urn:epcglobal:cbv:sdt:",
};
/** A bare CBV word (`shipping`) is written as its URN, as the XML binding's URI-typed fields need. */
const cbvUrn = (field: keyof typeof CBV_URN, value: string) =>
  /^[A-Za-z0-9_]+$/.test(value) ? `${CBV_URN[field]}${value}` : value;

/**
 * A number as xsd:decimal text, which has no exponent: JavaScript's shortest digits, with the exponent
 * written out as zeros (exactly, never rounded).
 */
export function decimalText(value: number): string {
  const text = String(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, lead, rest = "", exponentText] = m;
  const digits = `${lead}${rest}`;
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function scalarText(value: ExtensionValue, where: string): string {
  if (typeof value === "string") return checked(value, where);
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  throw new LodestoneError("EPCIS_UNSUPPORTED", `${where}: a structured value cannot be an XML attribute`);
}

const flatten = (value: ExtensionValue): ExtensionValue[] =>
  Array.isArray(value) ? value.flatMap(flatten) : [value];

class EventWriter {
  constructor(private readonly ns: XmlNamespaces) {}

  /** Extension members as elements: a list repeats its element (nested lists flattened, as the hash reads them). */
  extensions(extensions: Extensions, where: string): XmlObject {
    const out: XmlObject = {};
    for (const [key, value] of Object.entries(extensions)) {
      const name = this.ns.name(key, where);
      const values = flatten(value);
      const written = values.map((v) => this.extensionValue(v as ExtensionValue, `${where}/${name}`));
      if (written.length > 0) out[name] = written.length === 1 ? written[0] : written;
    }
    return out;
  }

  extensionValue(value: ExtensionValue, where: string): unknown {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      return this.extensions(value, where);
    }
    return { "#text": scalarText(value, where) };
  }

  quantities(list: QuantityElement[]): XmlObject {
    return {
      quantityElement: list.map((q) => ({
        epcClass: q.epcClass,
        ...(q.quantity === undefined ? {} : { quantity: decimalText(q.quantity) }),
        ...(q.uom === undefined ? {} : { uom: q.uom }),
      })),
    };
  }

  sensorFields(fields: SensorFields, where: string): XmlObject {
    const out: XmlObject = {};
    for (const [key, value] of Object.entries(fields)) {
      const name = fromClark(key) ? this.ns.name(key, where) : key;
      // A GS1 vocabulary term (a bare word in JSON) is written as its IRI, as the URI-typed attribute needs.
      const term =
        (key === "type" || key === "exception") && typeof value === "string" && /^[A-Za-z0-9_]+$/.test(value)
          ? `https://gs1.org/voc/${value}`
          : value;
      out[`@_${name}`] = scalarText(term, `${where}/@${name}`);
    }
    return out;
  }

  event(event: LedgerEvent, eventId: string | undefined, recordTime: string | undefined): XmlObject {
    const e = event;
    const where = `${e.kind} ${eventId ?? e.eventTime}`;
    const out: XmlObject = { eventTime: e.eventTime };
    if (recordTime !== undefined) out.recordTime = recordTime;
    out.eventTimeZoneOffset = e.eventTimeZoneOffset;
    const id = eventId ?? e.eventId;
    if (id !== undefined) out.eventID = id;
    if (e.errorDeclaration) {
      const d = e.errorDeclaration;
      out.errorDeclaration = {
        declarationTime: d.declarationTime,
        ...(d.reason === undefined ? {} : { reason: cbvUrn("reason", d.reason) }),
        ...(d.correctiveEventIds.length > 0
          ? { correctiveEventIDs: { correctiveEventID: d.correctiveEventIds } }
          : {}),
        ...this.extensions(d.extensions, `${where}/errorDeclaration`),
      };
    }
    if (e.certificationInfo && e.certificationInfo.length > 0) {
      out.certificationInfo = e.certificationInfo.length === 1 ? e.certificationInfo[0] : e.certificationInfo;
    }
    const epcs = (list: string[]) => ({ epc: list.map((v) => checked(v, where)) });
    const action = "action" in e ? e.action : undefined;
    switch (e.kind) {
      case "ObjectEvent":
        out.epcList = epcs(e.epcs);
        out.action = action;
        break;
      case "AggregationEvent":
        if (e.parentId !== undefined) out.parentID = e.parentId;
        out.childEPCs = epcs(e.childEpcs);
        out.action = action;
        break;
      case "TransactionEvent":
        out.bizTransactionList = undefined; // its place in the sequence; filled below
        if (e.parentId !== undefined) out.parentID = e.parentId;
        out.epcList = epcs(e.epcs);
        out.action = action;
        break;
      case "TransformationEvent":
        if (e.inputEpcs.length > 0) out.inputEPCList = epcs(e.inputEpcs);
        if (e.inputQuantities.length > 0) out.inputQuantityList = this.quantities(e.inputQuantities);
        if (e.outputEpcs.length > 0) out.outputEPCList = epcs(e.outputEpcs);
        if (e.outputQuantities.length > 0) out.outputQuantityList = this.quantities(e.outputQuantities);
        if (e.transformationId !== undefined) out.transformationID = e.transformationId;
        break;
      case "AssociationEvent":
        if (e.parentId !== undefined) out.parentID = e.parentId;
        if (e.childEpcs.length > 0) out.childEPCs = epcs(e.childEpcs);
        if (e.childQuantities.length > 0) out.childQuantityList = this.quantities(e.childQuantities);
        out.action = action;
        break;
    }
    if (e.bizStep !== undefined) out.bizStep = cbvUrn("bizStep", e.bizStep);
    if (e.disposition !== undefined) out.disposition = cbvUrn("disposition", e.disposition);
    const place = (p: NonNullable<LedgerEvent["readPoint"]>, name: string) => ({
      id: p.id,
      ...this.extensions(p.extensions, `${where}/${name}`),
    });
    if (e.readPoint) out.readPoint = place(e.readPoint, "readPoint");
    if (e.bizLocation) out.bizLocation = place(e.bizLocation, "bizLocation");
    if (e.bizTransactions.length > 0) {
      out.bizTransactionList = {
        bizTransaction: e.bizTransactions.map((b) => ({
          ...(b.type === undefined ? {} : { "@_type": cbvUrn("bizTransaction", b.type) }),
          "#text": checked(b.id, where),
        })),
      };
    } else delete out.bizTransactionList;
    if (e.kind === "ObjectEvent" || e.kind === "TransactionEvent") {
      if (e.quantities.length > 0) out.quantityList = this.quantities(e.quantities);
    }
    if (e.kind === "AggregationEvent" && e.childQuantities.length > 0) {
      out.childQuantityList = this.quantities(e.childQuantities);
    }
    const parties = (list: LedgerEvent["sources"]) =>
      list.map((p) => ({ "@_type": cbvUrn("source", p.type), "#text": checked(p.id, where) }));
    if (e.sources.length > 0) out.sourceList = { source: parties(e.sources) };
    if (e.destinations.length > 0) out.destinationList = { destination: parties(e.destinations) };
    if (e.sensorElements.length > 0) {
      out.sensorElementList = {
        sensorElement: e.sensorElements.map((s, i) => ({
          ...(s.metadata
            ? { sensorMetadata: this.sensorFields(s.metadata, `${where}/sensorElement[${i + 1}]`) }
            : {}),
          sensorReport: s.reports.map((r) =>
            this.sensorFields(r, `${where}/sensorElement[${i + 1}]/sensorReport`),
          ),
          ...this.extensions(s.extensions, `${where}/sensorElement[${i + 1}]`),
        })),
      };
    }
    if (e.persistentDisposition) {
      const p = e.persistentDisposition;
      out.persistentDisposition = {
        ...(p.unset.length > 0 ? { unset: p.unset.map((d) => cbvUrn("disposition", d)) } : {}),
        ...(p.set.length > 0 ? { set: p.set.map((d) => cbvUrn("disposition", d)) } : {}),
      };
    }
    if ((e.kind === "ObjectEvent" || e.kind === "TransformationEvent") && e.ilmd) {
      out.ilmd = this.extensions(e.ilmd, `${where}/ilmd`);
    }
    Object.assign(out, this.extensions(e.extensions, where));
    return out;
  }
}

/** Groups events by kind in document order, as the builder writes one key per element name. */
function eventList(events: StoredEventView[], writer: EventWriter): XmlObject[] {
  // The builder needs one object per event to keep their order: each is wrapped as { Kind: {...} }.
  return events.map((v) => ({
    [v.event.kind]: writer.event(v.event, v.event.eventId ?? v.eventHash, v.recordTime),
  }));
}

function render(root: string, attributes: XmlObject, body: XmlObject, ns: XmlNamespaces): string {
  const document = { [root]: { ...attributes, ...ns.declarations(), ...body } };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document)}`;
}

/** The body of an event list: the events in their order (XML allows the kinds to interleave). */
function listBody(events: StoredEventView[], writer: EventWriter): string {
  return eventList(events, writer)
    .map((wrapped) => builder.build(wrapped) as string)
    .join("");
}

const PLACEHOLDER = "__lodestone_event_list__";

function withEvents(xml: string, events: string): string {
  // The event list is built separately so events of different kinds keep their order (a JS object would group
  // them by kind); it is put in the place the document reserved for it.
  return xml.replace(
    new RegExp(`<EventList>\\s*${PLACEHOLDER}\\s*</EventList>`),
    () => `<EventList>\n${events}</EventList>`,
  );
}

export function serializeDocumentXml(events: StoredEventView[], creationDate: string): string {
  const ns = new XmlNamespaces();
  const writer = new EventWriter(ns);
  const body = listBody(events, writer);
  const xml = render(
    "epcis:EPCISDocument",
    { "@_xmlns:epcis": EPCIS_XML_NS, "@_schemaVersion": "2.0", "@_creationDate": creationDate },
    { EPCISBody: { EventList: PLACEHOLDER } },
    ns,
  );
  return withEvents(xml, body);
}

export function serializeQueryDocumentXml(
  events: StoredEventView[],
  creationDate: string,
  queryName = "SimpleEventQuery",
): string {
  const ns = new XmlNamespaces();
  const writer = new EventWriter(ns);
  const body = listBody(events, writer);
  const xml = render(
    "epcisq:EPCISQueryDocument",
    {
      "@_xmlns:epcis": EPCIS_XML_NS,
      "@_xmlns:epcisq": EPCIS_QUERY_XML_NS,
      "@_schemaVersion": "2.0",
      "@_creationDate": creationDate,
    },
    { EPCISBody: { "epcisq:QueryResults": { queryName, resultsBody: { EventList: PLACEHOLDER } } } },
    ns,
  );
  return withEvents(xml, body);
}
