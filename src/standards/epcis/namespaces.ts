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

/** Reads the prefix definitions of a JSON-LD @context (string, object or array); remote contexts add none. */
export function prefixesOf(context: unknown, inherited: PrefixMap = STANDARD_PREFIXES): PrefixMap {
  const prefixes: PrefixMap = { ...inherited };
  const entries = Array.isArray(context) ? context : [context];
  for (const entry of entries) {
    if (entry && typeof entry === "object" && !Array.isArray(entry)) {
      for (const [prefix, iri] of Object.entries(entry as Record<string, unknown>)) {
        if (typeof iri === "string" && !prefix.startsWith("@")) prefixes[prefix] = iri;
      }
    }
  }
  return prefixes;
}

/** `prefix:name` → `{namespace}name`; a key that is already an IRI, or has no known prefix, is kept. */
export function toClark(key: string, prefixes: PrefixMap): string | undefined {
  const colon = key.indexOf(":");
  if (colon <= 0) return undefined;
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
