// The Lodestone EPCIS extension vocabulary (namespace https://lodestone.dev/ns/, documented in
// docs/epcis-extensions.md): material class, assay, licence and origin country of lots, read from an event's
// ilmd (at creation) or its extensions (at inspection).
import type { Assay, AssayBasis } from "../../domain/assay.ts";
import type { Extensions, ExtensionValue } from "../../domain/events.ts";
import { isMaterialClass, type MaterialClass } from "../../domain/material-class.ts";
import { canonicalIdentifier } from "../epcis/identifiers.ts";

export const LODESTONE_NS = "https://lodestone.dev/ns/";
const n = (local: string) => `{${LODESTONE_NS}}${local}`;

/** What the vocabulary says about one lot. */
export interface LotMasterData {
  materialClass?: MaterialClass;
  assay?: Assay;
  licence?: string;
  country?: string;
  mineral?: string;
  point?: { lat: number; lon: number };
  /** The trade name of the product, e.g. "Neodymium oxide 99.5%", shown on passports and lot views. */
  productName?: string;
  /** The recycled content its maker claims for the lot, a mass fraction of its rare earths (RECYCLED_CLAIM). */
  recycledContentClaim?: number;
}

export interface VocabularyProblem {
  path: string;
  message: string;
}

function text(value: ExtensionValue | undefined): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

function isRecord(value: ExtensionValue | undefined): value is Extensions {
  return value !== undefined && typeof value === "object" && !Array.isArray(value);
}

function readAssay(raw: ExtensionValue, path: string, problems: VocabularyProblem[]): Assay | undefined {
  if (!isRecord(raw)) {
    problems.push({ path, message: "lode:assay must be an object" });
    return undefined;
  }
  const basis = (text(raw[n("basis")]) ?? "oxide") as AssayBasis;
  const fractionsRaw = raw[n("massFractions")];
  if (!isRecord(fractionsRaw)) {
    problems.push({
      path: `${path}["lode:massFractions"]`,
      message: "an assay needs lode:massFractions, an object of analyte: fraction",
    });
    return undefined;
  }
  const massFractions: Record<string, number> = {};
  for (const [key, value] of Object.entries(fractionsRaw)) {
    const local = key.startsWith(`{${LODESTONE_NS}}`) ? key.slice(LODESTONE_NS.length + 2) : key;
    const fraction =
      typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
    massFractions[local] = fraction;
  }
  const uncertainty = raw[n("uncertainty")];
  return {
    basis,
    massFractions,
    ...(text(raw[n("lab")]) === undefined ? {} : { lab: text(raw[n("lab")]) as string }),
    ...(text(raw[n("method")]) === undefined ? {} : { method: text(raw[n("method")]) as string }),
    ...(text(raw[n("date")]) === undefined ? {} : { date: text(raw[n("date")]) as string }),
    ...(typeof uncertainty === "number" ? { uncertainty } : {}),
  };
}

function readLotData(source: Extensions, path: string, problems: VocabularyProblem[]): LotMasterData {
  const out: LotMasterData = {};
  const cls = text(source[n("materialClass")]);
  if (cls !== undefined) {
    if (isMaterialClass(cls)) out.materialClass = cls;
    else problems.push({ path: `${path}["lode:materialClass"]`, message: `unknown material class "${cls}"` });
  }
  const assay = source[n("assay")];
  if (assay !== undefined) {
    const parsed = readAssay(assay, `${path}["lode:assay"]`, problems);
    if (parsed) out.assay = parsed;
  }
  const licence = text(source[n("licence")]);
  if (licence !== undefined) out.licence = licence;
  const country = text(source[n("country")]);
  if (country !== undefined) out.country = country;
  const mineral = text(source[n("mineral")]);
  if (mineral !== undefined) out.mineral = mineral;
  const productName = text(source[n("productName")]);
  if (productName !== undefined) out.productName = productName;
  const claim = source[n("recycledContentClaim")];
  if (claim !== undefined) {
    const fraction =
      typeof claim === "number" ? claim : typeof claim === "string" ? Number(claim) : Number.NaN;
    if (Number.isFinite(fraction) && fraction >= 0 && fraction <= 1) out.recycledContentClaim = fraction;
    else
      problems.push({
        path: `${path}["lode:recycledContentClaim"]`,
        message: "lode:recycledContentClaim must be a mass fraction from 0 to 1, e.g. 0.25",
      });
  }
  const where = source[n("point")];
  if (where !== undefined) {
    const lat = isRecord(where) ? Number(where[n("lat")]) : Number.NaN;
    const lon = isRecord(where) ? Number(where[n("lon")]) : Number.NaN;
    if (Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      out.point = { lat, lon };
    } else {
      problems.push({
        path: `${path}["lode:point"]`,
        message: "lode:point needs lode:lat (-90..90) and lode:lon (-180..180)",
      });
    }
  }
  return out;
}

/**
 * Lot master data per canonical lot id: `lode:lots` (an array of objects with `lode:lot`) names each lot;
 * fields given directly on the ilmd or event apply to every lot of the event.
 */
export function readLotMasterData(
  source: Extensions | undefined,
  path: string,
): { byLot: Map<string, LotMasterData>; shared: LotMasterData; problems: VocabularyProblem[] } {
  const problems: VocabularyProblem[] = [];
  const byLot = new Map<string, LotMasterData>();
  if (!source) return { byLot, shared: {}, problems };
  const shared = readLotData(source, path, problems);
  const lots = source[n("lots")];
  if (lots !== undefined) {
    const list = Array.isArray(lots) ? lots : [lots];
    list.forEach((entry, i) => {
      const at = `${path}["lode:lots"][${i}]`;
      if (!isRecord(entry) || text(entry[n("lot")]) === undefined) {
        problems.push({ path: at, message: "each entry of lode:lots needs lode:lot, the lot's id" });
        return;
      }
      byLot.set(canonicalIdentifier(text(entry[n("lot")]) as string), readLotData(entry, at, problems));
    });
  }
  return { byLot, shared, problems };
}

/**
 * The point of a `geo:` URI (RFC 5870, e.g. `geo:21.72,104.91` or `geo:21.72,104.91,120;u=30`): the fallback
 * extraction point of a lot created at a readPoint that is a position, when no `lode:point` gives it. Only the
 * WGS 84 reference system (the URI's default) is read; any other `crs` gives no point rather than a wrong one.
 */
export function pointFromGeoUri(uri: string | undefined): { lat: number; lon: number } | undefined {
  const match = uri?.match(/^geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)(?:,-?\d+(?:\.\d+)?)?((?:;[^;]*)*)$/i);
  if (!match) return undefined;
  const crs = /;crs=([^;]*)/i.exec(match[3] ?? "")?.[1];
  if (crs !== undefined && crs.toLowerCase() !== "wgs84") return undefined;
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : undefined;
}
