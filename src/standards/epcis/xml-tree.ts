// Reads an XML text into a small namespace-resolved element tree with saxes, refusing what makes XML
// dangerous before any of it is used: DTD declarations (external entities, entity-expansion bombs), undeclared
// entities, absurd depth, element counts and sizes.
import { SaxesParser } from "saxes";

/** An attribute or element name resolved against its namespace declarations. */
export interface XmlName {
  /** Namespace URI; "" when the name has none. */
  uri: string;
  local: string;
  /** The prefix the sender wrote, kept for messages and as a hint when writing prefixes back. */
  prefix: string;
}

export interface XmlAttribute extends XmlName {
  value: string;
  /** For a value written as a qualified name (`gs1:Temperature`) whose prefix is in scope: the full IRI. */
  expanded?: string;
}

export interface XmlElement extends XmlName {
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Character data directly inside the element (CDATA included), concatenated. */
  text: string;
  /** Whether non-whitespace text sits beside child elements (mixed content). */
  mixed: boolean;
  /** Where it is: `/EPCISDocument/EPCISBody/EventList/ObjectEvent[2]`, positions counted per name from 1. */
  path: string;
  line: number;
  /** Prefix → namespace URI of the declarations in scope here (shared with the parent when it adds none). */
  namespaces: Readonly<Record<string, string>>;
}

const QNAME = /^([A-Za-z_][\w.-]*):([^/].*)$/;

/**
 * A value written as a qualified name (`cbv:BizStep-receiving`, `gs1:Temperature`) whose prefix is declared
 * where it stands, as its full IRI; undefined when it is none.
 */
export function expandQName(element: XmlElement, value: string): string | undefined {
  const qname = QNAME.exec(value.trim());
  const namespace = qname ? element.namespaces[qname[1] as string] : undefined;
  return namespace === undefined || !qname ? undefined : namespace + qname[2];
}

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
}

/** Generous for real EPCIS documents (a 20 MiB capture has well under a million elements), tiny for a bomb. */
export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 48,
  maxElements: 2_000_000,
};

export class XmlRefused extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "XmlRefused";
  }
}

/** Namespaces the XML specification binds itself; attributes in them are declarations, not data. */
export const XMLNS_URI = "http://www.w3.org/2000/xmlns/";
export const XSI_URI = "http://www.w3.org/2001/XMLSchema-instance";

/**
 * A DOCTYPE is allowed only as a bare name (`<!DOCTYPE project>`, as some of the standard's own examples
 * carry): an external identifier can fetch or read files and an internal subset can declare entities.
 */
function checkDoctype(doctype: string): void {
  if (/\[|\bSYSTEM\b|\bPUBLIC\b/i.test(doctype)) {
    throw new XmlRefused(
      "/",
      "a DOCTYPE with an external identifier or an internal subset is refused: EPCIS documents need no DTD, and DTDs carry external entities and entity-expansion bombs",
    );
  }
}

export function readXmlTree(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  if (Buffer.byteLength(text, "utf8") > limits.maxBytes) {
    throw new XmlRefused("/", `the document is larger than the limit of ${limits.maxBytes} bytes`);
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  const counters: Map<string, number>[] = [new Map()];
  let root: XmlElement | undefined;
  let elements = 0;
  let failure: Error | undefined;
  parser.on("error", (error) => {
    failure ??= error;
    throw error;
  });
  parser.on("doctype", checkDoctype);
  parser.on("opentag", (tag) => {
    elements += 1;
    const parent = stack[stack.length - 1];
    if (stack.length + 1 > limits.maxDepth) {
      throw new XmlRefused(
        parent?.path ?? "/",
        `elements nest deeper than the limit of ${limits.maxDepth} levels`,
      );
    }
    if (elements > limits.maxElements) {
      throw new XmlRefused(parent?.path ?? "/", `more than the limit of ${limits.maxElements} elements`);
    }
    const siblings = counters[counters.length - 1] as Map<string, number>;
    const position = (siblings.get(tag.name) ?? 0) + 1;
    siblings.set(tag.name, position);
    const path = `${parent?.path ?? ""}/${tag.name}${position > 1 ? `[${position}]` : ""}`;
    const declared = tag.ns ?? {};
    const namespaces =
      Object.keys(declared).length === 0
        ? (parent?.namespaces ?? {})
        : { ...parent?.namespaces, ...declared };
    const element: XmlElement = {
      uri: tag.uri ?? "",
      local: tag.local ?? tag.name,
      prefix: tag.prefix ?? "",
      attributes: Object.values(tag.attributes).map((a) => {
        const qname = QNAME.exec(a.value.trim());
        const namespace = qname ? namespaces[qname[1] as string] : undefined;
        return {
          uri: a.uri ?? "",
          local: a.local ?? a.name,
          prefix: a.prefix ?? "",
          value: a.value,
          ...(namespace === undefined || !qname ? {} : { expanded: namespace + qname[2] }),
        };
      }),
      children: [],
      text: "",
      mixed: false,
      path,
      line: parser.line,
      namespaces,
    };
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
    counters.push(new Map());
  });
  const addText = (chunk: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += chunk;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", () => {
    const element = stack.pop();
    counters.pop();
    if (element && element.children.length > 0 && element.text.trim() !== "") element.mixed = true;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof XmlRefused) throw error;
    const message = (failure ?? (error as Error)).message;
    const where = stack[stack.length - 1]?.path ?? "/";
    throw new XmlRefused(where, `not well-formed XML: ${message}`);
  }
  if (!root) throw new XmlRefused("/", "not an XML document: no root element");
  return root;
}

/** The first line of a text sniffed as XML: a document that starts (after a BOM and whitespace) with `<`. */
export function looksLikeXml(text: string): boolean {
  return /^\uFEFF?\s*</.test(text);
}
