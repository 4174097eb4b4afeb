// GS1 identifiers: EPC URNs (urn:epc:id:..., urn:epc:class:lgtin:...) and GS1 Digital Link URIs brought to one
// canonical form, the GS1 Digital Link on id.gs1.org (GS1 Digital Link 1.2; EPC Tag Data Standard 2.0 section 6),
// so that a lot named either way is the same lot.

/** GS1 mod-10 check digit over a string of digits (GS1 General Specifications 7.9.1). */
export function gs1CheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i]);
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return String((10 - (sum % 10)) % 10);
}

// GS1 Digital Link table 7-1: characters that must be percent-encoded in a path segment.
function percentEncode(value: string): string {
  return value.replace(/[!()*+,:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const DL = "https://id.gs1.org";

function splitCompanyPrefix(body: string, refLength: number): { cp: string; ref: string } | undefined {
  const match = /^(\d{6,12})\.(\d*)$/.exec(body);
  if (!match?.[1] || match[2] === undefined || match[1].length + match[2].length !== refLength)
    return undefined;
  return { cp: match[1], ref: match[2] };
}

function gtin14(cp: string, itemRef: string): string {
  const body = (itemRef[0] ?? "") + cp + itemRef.slice(1);
  return body + gs1CheckDigit(body);
}

function withCheck(body: string): string {
  return body + gs1CheckDigit(body);
}

/** Converts an EPC pure-identity or class URN to its canonical GS1 Digital Link, or undefined when it is none. */
export function epcUrnToDigitalLink(urn: string): string | undefined {
  const m = /^urn:epc:(id|class|idpat):([a-z]+):(.+)$/.exec(urn);
  if (!m) return undefined;
  const [, family, scheme, rest] = m as unknown as [string, string, string, string];
  const parts = rest.split(".");
  const at = (i: number) => parts[i] ?? "";
  const key = (refLength: number) => splitCompanyPrefix(`${at(0)}.${at(1)}`, refLength);
  if (family === "class" && scheme === "lgtin" && parts.length >= 3) {
    const k = key(13);
    return k ? `${DL}/01/${gtin14(k.cp, k.ref)}/10/${percentEncode(parts.slice(2).join("."))}` : undefined;
  }
  if (family === "idpat" && scheme === "sgtin" && parts.length === 3 && at(2) === "*") {
    const k = key(13);
    return k ? `${DL}/01/${gtin14(k.cp, k.ref)}` : undefined;
  }
  if (family !== "id") return undefined;
  switch (scheme) {
    case "sgtin": {
      const k = key(13);
      return k && parts.length >= 3
        ? `${DL}/01/${gtin14(k.cp, k.ref)}/21/${percentEncode(parts.slice(2).join("."))}`
        : undefined;
    }
    case "sscc": {
      const k = key(17);
      return k && parts.length === 2
        ? `${DL}/00/${withCheck((k.ref[0] ?? "") + k.cp + k.ref.slice(1))}`
        : undefined;
    }
    case "sgln": {
      const k = key(12);
      if (!k || parts.length < 3) return undefined;
      const extension = parts.slice(2).join(".");
      const gln = withCheck(k.cp + k.ref);
      return extension === "0" ? `${DL}/414/${gln}` : `${DL}/414/${gln}/254/${percentEncode(extension)}`;
    }
    case "pgln": {
      const k = key(12);
      return k && parts.length === 2 ? `${DL}/417/${withCheck(k.cp + k.ref)}` : undefined;
    }
    case "grai": {
      const k = key(12);
      return k && parts.length >= 3
        ? `${DL}/8003/${withCheck(`0${k.cp}${k.ref}`)}${percentEncode(parts.slice(2).join("."))}`
        : undefined;
    }
    case "giai": {
      return parts.length >= 2 && /^\d{6,12}$/.test(at(0))
        ? `${DL}/8004/${at(0)}${percentEncode(parts.slice(1).join("."))}`
        : undefined;
    }
    case "gsrn": {
      const k = key(17);
      return k && parts.length === 2 ? `${DL}/8018/${withCheck(k.cp + k.ref)}` : undefined;
    }
    case "gdti": {
      const k = key(12);
      return k && parts.length >= 3
        ? `${DL}/253/${withCheck(k.cp + k.ref)}${percentEncode(parts.slice(2).join("."))}`
        : undefined;
    }
    default:
      return undefined;
  }
}

// Primary keys of GS1 Digital Link and the qualifiers kept in canonical form (finest level only).
const PRIMARY_KEYS: Record<string, { length?: number; qualifiers: string[] }> = {
  "01": { length: 14, qualifiers: ["21", "10"] },
  "00": { length: 18, qualifiers: [] },
  "414": { length: 13, qualifiers: ["254"] },
  "417": { length: 13, qualifiers: [] },
  "8003": { qualifiers: [] },
  "8004": { qualifiers: [] },
  "253": { qualifiers: [] },
  "8018": { length: 18, qualifiers: [] },
  "255": { qualifiers: [] },
  "401": { qualifiers: [] },
  "402": { length: 17, qualifiers: [] },
};

/** Brings a GS1 Digital Link URI on any host to the canonical id.gs1.org form, or undefined when it is none. */
export function canonicalDigitalLink(uri: string): string | undefined {
  if (!/^https?:\/\//.test(uri)) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const segments = url.pathname.split("/").filter((s) => s.length > 0);
  for (let i = 0; i + 1 < segments.length; i++) {
    const ai = segments[i] as string;
    const spec = PRIMARY_KEYS[ai];
    if (!spec) continue;
    let value = segments[i + 1] as string;
    if (spec.length !== undefined) {
      if (!/^\d+$/.test(value) || value.length > spec.length) return undefined;
      value = value.padStart(spec.length, "0");
    }
    const qualifiers = new Map<string, string>();
    for (let j = i + 2; j + 1 < segments.length; j += 2)
      qualifiers.set(segments[j] as string, segments[j + 1] as string);
    for (const q of spec.qualifiers) {
      const v = qualifiers.get(q);
      if (v !== undefined) return `${DL}/${ai}/${value}/${q}/${percentEncode(decodeURIComponent(v))}`;
    }
    return `${DL}/${ai}/${value}`;
  }
  return undefined;
}

/** The canonical form of any identifier: a GS1 key as canonical Digital Link, anything else unchanged. */
// A chain names the same lots and sites over and over; remembering recent answers spares re-parsing them.
const CANONICAL_CACHE_SIZE = 20_000;
const canonicalCache = new Map<string, string>();

export function canonicalIdentifier(value: string): string {
  const known = canonicalCache.get(value);
  if (known !== undefined) return known;
  const canonical = epcUrnToDigitalLink(value) ?? canonicalDigitalLink(value) ?? value;
  if (canonicalCache.size >= CANONICAL_CACHE_SIZE) canonicalCache.clear();
  canonicalCache.set(value, canonical);
  return canonical;
}
