// Rewrites an EPCIS document the way another system might write the same events: other prefix names, other
// key, attribute and element order where the schema leaves it free, CURIEs for full IRIs, Digital Links for
// EPC URNs. Each rewrite keeps the events' meaning, so it must keep their canonical ids.

import { seeded as seededRandom } from "../../bench/generator.ts";
import { epcUrnToDigitalLink } from "../../src/standards/epcis/identifiers.ts";
import { STANDARD_PREFIXES } from "../../src/standards/epcis/namespaces.ts";
import { readXmlTree, type XmlElement } from "../../src/standards/epcis/xml-tree.ts";

type Json = Record<string, unknown>;

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const freshPrefix = (random: () => number, taken: Set<string>) => {
  for (;;) {
    const prefix = `p${Math.floor(random() * 1e6).toString(36)}`;
    if (!taken.has(prefix)) {
      taken.add(prefix);
      return prefix;
    }
  }
};

const DIGITAL_LINK = "https://id.gs1.org/";
const CBV = "https://ref.gs1.org/cbv/";
const EPC_FIELDS = new Set([
  "epcList",
  "childEPCs",
  "inputEPCList",
  "outputEPCList",
  "parentID",
  "epcClass",
  "id",
]);

/** An EPC URN as its Digital Link, when it has one and the coin says so; anything else as it is. */
function maybeDigitalLink(value: string, random: () => number): string {
  if (!value.startsWith("urn:epc:") || random() < 0.5) return value;
  return epcUrnToDigitalLink(value) ?? value;
}

/** The JSON-LD document rewritten: prefixes renamed, keys reordered, CURIEs and Digital Links mixed in. */
export function jsonVariant(document: Json, seed: number): Json {
  const random = seededRandom(seed);
  const taken = new Set(Object.keys(STANDARD_PREFIXES));
  const context = Array.isArray(document["@context"]) ? document["@context"] : [document["@context"]];
  const renamed = new Map<string, string>();
  const declared: Json = {};
  for (const entry of context) {
    if (!entry || typeof entry !== "object") continue;
    for (const [prefix, iri] of Object.entries(entry as Json)) {
      const name = freshPrefix(random, taken);
      renamed.set(prefix, name);
      declared[name] = iri;
    }
  }
  const dl = freshPrefix(random, taken);
  declared[dl] = DIGITAL_LINK;
  const curie = (iri: string) =>
    iri.startsWith(DIGITAL_LINK) && random() < 0.5 ? `${dl}:${iri.slice(DIGITAL_LINK.length)}` : iri;
  const key = (k: string) => {
    const colon = k.indexOf(":");
    const to = colon > 0 ? renamed.get(k.slice(0, colon)) : undefined;
    return to === undefined ? k : `${to}:${k.slice(colon + 1)}`;
  };
  const cbvWord = (field: string, value: unknown) => {
    if (typeof value !== "string" || value.includes(":") || random() < 0.5) return value;
    return `cbv:${field === "bizStep" ? "BizStep" : "Disp"}-${value}`;
  };
  const rewrite = (value: unknown, field: string, inEpcField: boolean): unknown => {
    if (typeof value === "string") return inEpcField ? curie(maybeDigitalLink(value, random)) : value;
    if (Array.isArray(value)) return value.map((v) => rewrite(v, field, inEpcField));
    if (!value || typeof value !== "object") return value;
    const out: Json = {};
    for (const [k, v] of shuffled(Object.entries(value as Json), random)) {
      if (k === "@context") continue;
      if (k === "bizStep" || k === "disposition") out[k] = cbvWord(k, v);
      else out[key(k)] = rewrite(v, k, EPC_FIELDS.has(k) && !k.includes(":"));
    }
    return out;
  };
  const { "@context": _context, ...rest } = document;
  return { "@context": [context[0], declared], ...(rewrite(rest, "", false) as Json) };
}

// Carriage returns as references, as the XML serialiser writes them, or the reader would make them newlines.
const escapeText = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
const escapeAttribute = (text: string) =>
  escapeText(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");

const EVENT_NAMES = new Set([
  "ObjectEvent",
  "AggregationEvent",
  "TransactionEvent",
  "TransformationEvent",
  "AssociationEvent",
]);
const QNAME = /^([A-Za-z_][\w.-]*):([^/].*)$/;

/**
 * The XML document rewritten: every namespace under a new prefix declared on the root, attributes in another
 * order, extension elements (the XSD's trailing `##other`, and the children of an extension) reordered,
 * qualified-name values following their prefix, EPC URNs sometimes as Digital Links, CBV values sometimes
 * as qualified names.
 */
export function xmlVariant(text: string, seed: number): string {
  const random = seededRandom(seed);
  const root = readXmlTree(text);
  const prefixes = new Map<string, string>();
  const taken = new Set<string>();
  const prefixOf = (uri: string) => {
    let prefix = prefixes.get(uri);
    if (prefix === undefined) {
      prefix = freshPrefix(random, taken);
      prefixes.set(uri, prefix);
    }
    return prefix;
  };
  const cbvPrefix = prefixOf(CBV);
  const qname = (uri: string, local: string) => (uri === "" ? local : `${prefixOf(uri)}:${local}`);
  const value = (element: XmlElement, raw: string): string => {
    const m = QNAME.exec(raw.trim());
    const namespace = m ? element.namespaces[m[1] as string] : undefined;
    return m && namespace !== undefined ? `${prefixOf(namespace)}:${m[2]}` : raw;
  };
  const leafValue = (element: XmlElement, parent: XmlElement | undefined): string => {
    const raw = value(element, element.text);
    if (element.uri !== "") return raw;
    if (element.local === "epc" || element.local === "epcClass" || element.local === "parentID")
      return maybeDigitalLink(raw.trim(), random);
    if (element.local === "id" && (parent?.local === "readPoint" || parent?.local === "bizLocation"))
      return maybeDigitalLink(raw.trim(), random);
    const cbv = /^urn:epcglobal:cbv:(bizstep|disp):(\w+)$/.exec(raw.trim());
    if (cbv && random() < 0.5) return `${cbvPrefix}:${cbv[1] === "bizstep" ? "BizStep" : "Disp"}-${cbv[2]}`;
    return raw;
  };
  const orderedChildren = (element: XmlElement): XmlElement[] => {
    if (element.uri !== "") return shuffled(element.children, random);
    if (!EVENT_NAMES.has(element.local)) return element.children;
    const standard = element.children.filter((c) => c.uri === "");
    const extensions = element.children.filter((c) => c.uri !== "");
    return [...standard, ...shuffled(extensions, random)];
  };
  const write = (element: XmlElement, parent: XmlElement | undefined): string => {
    const attributes = shuffled(
      element.attributes.filter((a) => a.uri !== "http://www.w3.org/2000/xmlns/" && a.local !== "xmlns"),
      random,
    )
      .map((a) => ` ${qname(a.uri, a.local)}="${escapeAttribute(value(element, a.value))}"`)
      .join("");
    const name = qname(element.uri, element.local);
    const body =
      element.children.length === 0
        ? escapeText(leafValue(element, parent))
        : orderedChildren(element)
            .map((c) => write(c, element))
            .join("\n");
    return `<${name}${attributes}>${body}</${name}>`;
  };
  const body = write(root, undefined);
  const declarations = [...prefixes]
    .map(([uri, prefix]) => ` xmlns:${prefix}="${escapeAttribute(uri)}"`)
    .join("");
  const rootName = qname(root.uri, root.local);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body.replace(`<${rootName}`, `<${rootName}${declarations}`)}`;
}
