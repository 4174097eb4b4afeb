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

// GS1 Digital Link table 7-1: characters that must be percent-encoded in a path segment. Escapes already
// written stay escapes (upper-case hex), so `%2F` in an EPC URN and in a Digital Link name the same serial.
function percentEncode(value: string): string {
  return value
    .replace(/[!()*+,:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%[0-9a-f]{2}/gi, (percentEscape) => percentEscape.toUpperCase());
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

/** The serial-like tail of an EPC URN; its %XX escapes are the Digital Link's own and are kept as written. */
const tail = (parts: string[], from: number) => percentEncode(parts.slice(from).join("."));

/**
 * Converts an EPC pure-identity, class or pattern URN to its canonical GS1 Digital Link (EPC Tag Data Standard
 * 2.0 section 6, one rule per GS1 key), or undefined when it is none. Each scheme names how many digits the
 * company prefix and reference take together, and how the Digital Link is built from them.
 */
export function epcUrnToDigitalLink(urn: string): string | undefined {
  const m = /^urn:epc:(id|class|idpat):([a-z]+):(.+)$/.exec(urn);
  if (!m) return undefined;
  const [, family, scheme, rest] = m as unknown as [string, string, string, string];
  const parts = rest.split(".");
  const at = (i: number) => parts[i] ?? "";
  const key = (refLength: number) => splitCompanyPrefix(`${at(0)}.${at(1)}`, refLength);
  if (family === "class") {
    if (scheme !== "lgtin" || parts.length < 3) return undefined;
    const k = key(13);
    return k ? `${DL}/01/${gtin14(k.cp, k.ref)}/10/${tail(parts, 2)}` : undefined;
  }
  if (family === "idpat") return patternToDigitalLink(scheme, parts);
  switch (scheme) {
    case "sgtin": {
      const k = key(13);
      return k && parts.length >= 3 ? `${DL}/01/${gtin14(k.cp, k.ref)}/21/${tail(parts, 2)}` : undefined;
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
      return extension === "0" ? `${DL}/414/${gln}` : `${DL}/414/${gln}/254/${tail(parts, 2)}`;
    }
    case "pgln": {
      const k = key(12);
      return k && parts.length === 2 ? `${DL}/417/${withCheck(k.cp + k.ref)}` : undefined;
    }
    case "grai": {
      const k = key(12);
      return k && parts.length >= 3
        ? `${DL}/8003/${withCheck(`0${k.cp}${k.ref}`)}${tail(parts, 2)}`
        : undefined;
    }
    case "giai":
      return parts.length >= 2 && /^\d{6,12}$/.test(at(0))
        ? `${DL}/8004/${at(0)}${tail(parts, 1)}`
        : undefined;
    case "gsrn": {
      const k = key(17);
      return k && parts.length === 2 ? `${DL}/8018/${withCheck(k.cp + k.ref)}` : undefined;
    }
    case "gsrnp": {
      const k = key(17);
      return k && parts.length === 2 ? `${DL}/8017/${withCheck(k.cp + k.ref)}` : undefined;
    }
    case "gdti": {
      const k = key(12);
      return k && parts.length >= 3 ? `${DL}/253/${withCheck(k.cp + k.ref)}${tail(parts, 2)}` : undefined;
    }
    case "sgcn": {
      const k = key(12);
      return k && parts.length === 3 && /^\d{1,12}$/.test(at(2))
        ? `${DL}/255/${withCheck(k.cp + k.ref)}${at(2)}`
        : undefined;
    }
    case "cpi": {
      // The CPI reference is variable length: the serial is what follows the last dot.
      if (parts.length < 3 || !/^\d{6,12}$/.test(at(0)) || !/^\d{1,12}$/.test(parts[parts.length - 1] ?? ""))
        return undefined;
      return `${DL}/8010/${percentEncode(at(0) + parts.slice(1, -1).join("."))}/8011/${parts[parts.length - 1]}`;
    }
    case "ginc":
      return parts.length >= 2 && /^\d{6,12}$/.test(at(0))
        ? `${DL}/401/${at(0)}${tail(parts, 1)}`
        : undefined;
    case "gsin": {
      const k = key(16);
      return k && parts.length === 2 ? `${DL}/402/${withCheck(k.cp + k.ref)}` : undefined;
    }
    case "itip": {
      const k = key(13);
      return k && parts.length >= 5 && /^\d{2}$/.test(at(2)) && /^\d{2}$/.test(at(3))
        ? `${DL}/8006/${gtin14(k.cp, k.ref)}${at(2)}${at(3)}/21/${tail(parts, 4)}`
        : undefined;
    }
    case "upui": {
      const k = key(13);
      return k && parts.length >= 3 ? `${DL}/01/${gtin14(k.cp, k.ref)}/235/${tail(parts, 2)}` : undefined;
    }
    default:
      return undefined;
  }
}

/** EPC pattern URNs whose serial part is `*`: the class they cover, as a Digital Link without the serial. */
function patternToDigitalLink(scheme: string, parts: string[]): string | undefined {
  if (parts[parts.length - 1] !== "*") return undefined;
  if (scheme === "cpi" && parts.length === 3 && /^\d{6,12}$/.test(parts[0] ?? ""))
    return `${DL}/8010/${percentEncode(`${parts[0]}${parts[1]}`)}`;
  if (scheme === "itip" && parts.length === 5) {
    const k = splitCompanyPrefix(`${parts[0] ?? ""}.${parts[1] ?? ""}`, 13);
    return k && /^\d{2}$/.test(parts[2] ?? "") && /^\d{2}$/.test(parts[3] ?? "")
      ? `${DL}/8006/${gtin14(k.cp, k.ref)}${parts[2]}${parts[3]}`
      : undefined;
  }
  if (parts.length !== 3) return undefined;
  const k = splitCompanyPrefix(
    `${parts[0] ?? ""}.${parts[1] ?? ""}`,
    scheme === "sgtin" || scheme === "upui" ? 13 : 12,
  );
  if (!k) return undefined;
  switch (scheme) {
    case "sgtin":
    case "upui":
      return `${DL}/01/${gtin14(k.cp, k.ref)}`;
    case "grai":
      return `${DL}/8003/${withCheck(`0${k.cp}${k.ref}`)}`;
    case "gdti":
      return `${DL}/253/${withCheck(k.cp + k.ref)}`;
    case "sgcn":
      return `${DL}/255/${withCheck(k.cp + k.ref)}`;
    default:
      return undefined;
  }
}

// Primary keys of GS1 Digital Link and the qualifiers kept in canonical form (finest level only, in order).
const PRIMARY_KEYS: Record<string, { length?: number; qualifiers: string[] }> = {
  "01": { length: 14, qualifiers: ["21", "10", "235"] },
  "00": { length: 18, qualifiers: [] },
  "253": { qualifiers: [] },
  "255": { qualifiers: [] },
  "401": { qualifiers: [] },
  "402": { length: 17, qualifiers: [] },
  "414": { length: 13, qualifiers: ["254"] },
  "417": { length: 13, qualifiers: [] },
  "8003": { qualifiers: [] },
  "8004": { qualifiers: [] },
  "8006": { length: 18, qualifiers: ["21", "10"] },
  "8010": { qualifiers: ["8011"] },
  "8017": { length: 18, qualifiers: [] },
  "8018": { length: 18, qualifiers: [] },
};
/** Key qualifiers a Digital Link path may carry; any other path element makes it no GS1 key (22 is the CPV). */
const KEY_QUALIFIERS = new Set(["10", "21", "22", "235", "254", "8011"]);

// GS1 Digital Link 1.2 section 4.8: the short names that may stand for numeric AIs in a path.
const SHORT_NAMES: Record<string, string> = {
  gtin: "01",
  sscc: "00",
  gdti: "253",
  gcn: "255",
  ginc: "401",
  gsin: "402",
  gln: "414",
  party: "417",
  grai: "8003",
  giai: "8004",
  itip: "8006",
  cpid: "8010",
  gsrnp: "8017",
  gsrn: "8018",
  cpv: "22",
  lot: "10",
  ser: "21",
  glnx: "254",
  cpsn: "8011",
  tpx: "235",
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
  const segments = url.pathname
    .split("/")
    .filter((s) => s.length > 0)
    .map((s) => SHORT_NAMES[s] ?? s);
  for (let i = 0; i + 1 < segments.length; i++) {
    const ai = segments[i] as string;
    const spec = PRIMARY_KEYS[ai];
    if (!spec) continue;
    let value = segments[i + 1] as string;
    if (spec.length !== undefined) {
      if (!/^\d+$/.test(value) || value.length > spec.length) return undefined;
      value = value.padStart(spec.length, "0");
    } else value = percentEncode(value);
    const qualifiers = new Map<string, string>();
    for (let j = i + 2; j < segments.length; j += 2) {
      const qualifier = segments[j] as string;
      const qualifierValue = segments[j + 1];
      if (!KEY_QUALIFIERS.has(qualifier) || qualifierValue === undefined) return undefined;
      qualifiers.set(qualifier, qualifierValue);
    }
    for (const q of spec.qualifiers) {
      const v = qualifiers.get(q);
      if (v !== undefined) return `${DL}/${ai}/${value}/${q}/${percentEncode(v)}`;
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
