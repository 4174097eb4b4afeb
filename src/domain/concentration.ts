// Supply concentration: how far a buyer's supply of an element depends on one origin country or one supplier,
// with the Herfindahl–Hirschman index, and the CONCENTRATION rule (EU CRMA: at most 65% from one third country).
import type { Finding, Measure } from "./finding.ts";
import type { OriginSource } from "./material-class.ts";

/** One receipt of material by the buyer: its content of the element and where that content came from. */
export interface Receipt {
  lot: string;
  event: string;
  /** The party that made the lot received (the operator of the site that produced it); null when unknown. */
  supplier: string | null;
  elementKg: number;
  /** Origin shares of the element in the lot (by country, and by mine site where known); they sum to 1. */
  origins: { country: string | null; mine?: string | null; source?: OriginSource | null; share: number }[];
}

export interface SupplyShare {
  /** A country code or a supplier id; null for supply whose origin or supplier the ledger does not know. */
  key: string | null;
  elementKg: number;
  share: number;
}

export interface SupplyConcentration {
  buyer: string;
  element: string;
  totalKg: number;
  byCountry: SupplyShare[];
  /** By origin site (a mine, or the collection site of recycled feed); null where the ledger cannot place it. */
  byMine: SupplyShare[];
  /** By source: mined, pre_consumer or post_consumer recycled; null for an unrecorded source. */
  bySource: SupplyShare[];
  bySupplier: SupplyShare[];
  /** HHI on the 0–10,000 scale (shares in percent, squared and summed). */
  hhiCountry: number;
  hhiSupplier: number;
  findings: Finding[];
}

export interface ConcentrationLimits {
  /** The buyer's own country: supply from it is domestic, never a third-country dependency. */
  buyerCountry?: string;
  /** Highest share allowed from one third country; default the EU CRMA benchmark, 0.65. */
  countryShareMax?: number;
  /** Highest share allowed from one supplier; no limit unless the buyer sets one. */
  supplierShareMax?: number;
}

export const CRMA_SINGLE_COUNTRY_SHARE_MAX = 0.65;

function shares(totals: Map<string | null, number>, totalKg: number): SupplyShare[] {
  return [...totals.entries()]
    .map(([key, elementKg]) => ({ key, elementKg, share: totalKg > 0 ? elementKg / totalKg : 0 }))
    .sort((a, b) => b.elementKg - a.elementKg);
}

/**
 * HHI over the groups. Supply of unknown origin counts as one group: for a risk measure the conservative
 * reading is that what the ledger cannot place may all come from one place.
 */
export function herfindahlIndex(groups: SupplyShare[]): number {
  return groups.reduce((sum, g) => sum + (g.share * 100) ** 2, 0);
}

const percent = (share: number): Measure => ({ value: share * 100, unit: "%" });
const label = (share: number) => `${Number((share * 100).toFixed(4))}%`;

/** The concentration of a buyer's received supply of one element, and the findings where a limit is exceeded. */
export function supplyConcentration(
  buyer: string,
  element: string,
  receipts: Receipt[],
  limits: ConcentrationLimits = {},
): SupplyConcentration {
  const countryMax = limits.countryShareMax ?? CRMA_SINGLE_COUNTRY_SHARE_MAX;
  const byCountryKg = new Map<string | null, number>();
  const byMineKg = new Map<string | null, number>();
  const bySourceKg = new Map<string | null, number>();
  const bySupplierKg = new Map<string | null, number>();
  let totalKg = 0;
  for (const r of receipts) {
    totalKg += r.elementKg;
    bySupplierKg.set(r.supplier, (bySupplierKg.get(r.supplier) ?? 0) + r.elementKg);
    for (const o of r.origins) {
      byCountryKg.set(o.country, (byCountryKg.get(o.country) ?? 0) + r.elementKg * o.share);
      const mine = o.mine ?? null;
      byMineKg.set(mine, (byMineKg.get(mine) ?? 0) + r.elementKg * o.share);
      const source = o.source ?? null;
      bySourceKg.set(source, (bySourceKg.get(source) ?? 0) + r.elementKg * o.share);
    }
  }
  const byCountry = shares(byCountryKg, totalKg);
  const bySupplier = shares(bySupplierKg, totalKg);
  const byMine = shares(byMineKg, totalKg);
  const bySource = shares(bySourceKg, totalKg);
  const finding = (
    by: "country" | "supplier",
    group: SupplyShare & { key: string },
    max: number,
    message: string,
    citation: string,
    match: (r: Receipt) => boolean,
  ): Finding => ({
    id: `CONCENTRATION:${buyer}:${element}:${by}:${group.key}`,
    code: "CONCENTRATION",
    severity: "warning",
    status: "open",
    subject: { kind: "organisation", id: buyer },
    measured: percent(group.share),
    allowed: percent(max),
    message,
    evidence: { events: [...new Set(receipts.filter(match).map((r) => r.event))], documents: [] },
    taints: [],
    rule: { citation },
  });
  const findings: Finding[] = [];
  for (const c of byCountry) {
    const country = c.key;
    if (country === null || country === limits.buyerCountry || c.share <= countryMax) continue;
    findings.push(
      finding(
        "country",
        { ...c, key: country },
        countryMax,
        `${label(c.share)} of received ${element} comes from ${country}, above the ${label(countryMax)} single-country limit`,
        "Regulation (EU) 2024/1252 (Critical Raw Materials Act), art. 1(2)(c): at most 65% from a single third country",
        (r) => r.origins.some((o) => o.country === country && o.share > 0),
      ),
    );
  }
  const supplierMax = limits.supplierShareMax;
  for (const s of supplierMax === undefined ? [] : bySupplier) {
    const supplier = s.key;
    if (supplier === null || supplierMax === undefined || s.share <= supplierMax) continue;
    findings.push(
      finding(
        "supplier",
        { ...s, key: supplier },
        supplierMax,
        `${label(s.share)} of received ${element} comes from supplier ${supplier}, above the buyer's ${label(supplierMax)} limit`,
        "buyer's single-supplier limit",
        (r) => r.supplier === supplier,
      ),
    );
  }
  return {
    buyer,
    element,
    totalKg,
    byCountry,
    byMine,
    bySource,
    bySupplier,
    hhiCountry: herfindahlIndex(byCountry),
    hhiSupplier: herfindahlIndex(bySupplier),
    findings,
  };
}
