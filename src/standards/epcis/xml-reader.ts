// The state of reading one XML document into the JSON binding: the prefixes given to namespaces, the problems
// found with their XML element paths, and user extensions (at any depth, repeated names as lists).
import type { Problem } from "../../domain/errors.ts";
import { appendTo } from "../../domain/grouping.ts";
import { expandCompactIri, STANDARD_PREFIXES } from "./namespaces.ts";
import { EPCIS_CONTEXT } from "./serialize-json.ts";
import { type Json, namespaceFromXml, trimmed } from "./xml-names.ts";
import { expandQName, XMLNS_URI, type XmlElement, XSI_URI } from "./xml-tree.ts";

/** Reads XML elements into the JSON binding's shape: prefixes, problems with their XML paths, extensions. */
export class XmlReader {
  readonly problems: Problem[] = [];
  /** Namespace URI → the prefix the JSON form uses for it. */
  protected readonly prefixes = new Map<string, string>();
  protected readonly taken = new Set(Object.keys(STANDARD_PREFIXES));
  /** `${event}|${jsonPath}` → XML path, to name XML elements in problems found on the JSON form. */
  readonly paths = new Map<string, string>();
  protected event: number | undefined;

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
  protected dataAttributes(element: XmlElement) {
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

  /**
   * An IRI-typed value (bizStep, an EPC, a type attribute...) written as a qualified name is its full IRI: the
   * prefix is read against the declarations in scope, or, when the XML leaves it undeclared (as the
   * standard's own examples do), against the EPCIS context's prefixes, so both bindings agree.
   */
  iri(element: XmlElement, value: string): string {
    const text = value.trim();
    return expandQName(element, text) ?? expandCompactIri(text, STANDARD_PREFIXES);
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

  /**
   * Children of an extension element. One without a namespace (the reference vectors nest EPCIS-like
   * `<epcClass>` inside a vendor element) keeps its bare name, as the hash algorithm writes it; at the top of
   * an event such an element would be a standard field, and eventOf reads those first.
   */
  extensionObject(children: XmlElement[], jsonPath: string): Json {
    const groups = new Map<string, XmlElement[]>();
    for (const child of children) {
      const key = child.uri === "" ? child.local : this.key(child.uri, child.local, child.prefix);
      appendTo(groups, key, child);
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
}
