// JSON-LD prefixes of EPCIS 2.0 documents: the standard context's own, and turning `prefix:name` keys into
// Clark names `{namespace}name` and back.

/** Prefixes that the standard EPCIS 2.0 context (epcis-context.jsonld) defines. */
export const STANDARD_PREFIXES: Record<string, string> = {
  epcis: "https://ref.gs1.org/epcis/",
  cbv: "https://ref.gs1.org/cbv/",
  cbvmda: "urn:epcglobal:cbv:mda:",
  gs1: "https://gs1.org/voc/",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  owl: "http://www.w3.org/2002/07/owl#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  dcterms: "http://purl.org/dc/terms/",
};

export type PrefixMap = Record<string, string>;

/** The key under which a context's default vocabulary (`@vocab`) is kept in a prefix map. */
export const VOCAB = "@vocab";

/**
 * Reads the prefix definitions of a JSON-LD @context (string, object or array) over the ones inherited from
 * the enclosing context: `"ex": "https://..."`, `"ex": {"@id": "https://..."}` and a default `@vocab`.
 * Remote contexts add none (they are the standard's, already known).
 */
export function prefixesOf(context: unknown, inherited: PrefixMap = STANDARD_PREFIXES): PrefixMap {
  const prefixes: PrefixMap = { ...inherited };
  const entries = Array.isArray(context) ? context : [context];
  for (const entry of entries) {
    if (entry === null) {
      // JSON-LD 1.1 section 4.1.7: a null context clears what was inherited.
      for (const key of Object.keys(prefixes)) delete prefixes[key];
      Object.assign(prefixes, STANDARD_PREFIXES);
    } else if (typeof entry === "object" && !Array.isArray(entry)) {
      for (const [prefix, definition] of Object.entries(entry as Record<string, unknown>)) {
        const iri =
          definition && typeof definition === "object"
            ? (definition as Record<string, unknown>)["@id"]
            : definition;
        if (typeof iri !== "string") continue;
        if (prefix === VOCAB) prefixes[VOCAB] = iri;
        else if (!prefix.startsWith("@")) prefixes[prefix] = iri;
      }
    }
  }
  return prefixes;
}

/**
 * A compact IRI (`cbv:BizStep-receiving`, `ex:step7`) whose prefix the context declares, as its full IRI, the
 * way JSON-LD expands IRI-typed values; a full IRI, a URN or a word without a declared prefix stays as written.
 */
export function expandCompactIri(value: string, prefixes: PrefixMap): string {
  const colon = value.indexOf(":");
  if (colon <= 0 || value.startsWith("//", colon + 1)) return value;
  const namespace = prefixes[value.slice(0, colon)];
  return namespace === undefined || value.slice(0, colon) === VOCAB
    ? value
    : namespace + value.slice(colon + 1);
}

/**
 * `prefix:name` → `{namespace}name`; a key that is already an IRI is kept; a bare key is a term of the
 * context's `@vocab` when it has one. Undefined when the key names no namespace.
 */
export function toClark(key: string, prefixes: PrefixMap): string | undefined {
  const colon = key.indexOf(":");
  if (colon <= 0) {
    const vocab = prefixes[VOCAB];
    return vocab === undefined || colon === 0 ? undefined : `{${vocab}}${key}`;
  }
  const prefix = key.slice(0, colon);
  const namespace = prefixes[prefix];
  if (namespace !== undefined) return `{${namespace}}${key.slice(colon + 1)}`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(key) || key.startsWith("urn:")) return key;
  return undefined;
}

/** Splits a Clark name into namespace and local name; undefined for a plain IRI key. */
export function fromClark(name: string): { namespace: string; local: string } | undefined {
  const m = /^\{([^}]*)\}(.*)$/.exec(name);
  return m ? { namespace: m[1] as string, local: m[2] as string } : undefined;
}

/** Values written as a GS1 vocabulary CURIE (`gs1:Temperature`, `cbv:BizStep-x`) are expanded to their IRI. */
export function expandVocabularyValue(value: string, prefixes: PrefixMap): string {
  const colon = value.indexOf(":");
  if (colon <= 0) return value;
  const namespace = prefixes[value.slice(0, colon)];
  if (namespace && (namespace.startsWith("https://ref.gs1.org") || namespace.startsWith("https://gs1.org"))) {
    return namespace + value.slice(colon + 1);
  }
  return value;
}
