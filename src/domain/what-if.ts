// What-if: if a party stopped supplying today, how much of each contract, each material and each downstream
// customer's supply goes with it. A lot depends on the party wholly when the party made it or processed a lot
// upstream of it; on a party's mines, by their share of the lot's rare-earth origin (originShares, TREO).

import { undeliveredCommitment } from "./contract.ts";
import type { OfftakeContract } from "./contract-terms.ts";

export interface LotDependency {
  lot: string;
  share: number;
  via: "made_by_party" | "made_upstream_by_party" | "origin_share" | "none";
}

/** The party's share in a lot, from the lot's upstream trace (lots with the site that made each) and its origin shares. */
export function dependencyOnParty(
  lot: string,
  upstream: { lot: string; site: string | null }[],
  origins: { site: string | null; share: number }[],
  partySites: Set<string>,
  partyMines: Set<string>,
): LotDependency {
  // A mine's part is its share of the origin: a minor input (Dy from one mine) is not the whole magnet.
  const processing = (site: string | null) => site !== null && partySites.has(site) && !partyMines.has(site);
  const own = upstream.find((n) => n.lot === lot);
  if (processing(own?.site ?? null)) return { lot, share: 1, via: "made_by_party" };
  if (upstream.some((n) => n.lot !== lot && processing(n.site))) {
    return { lot, share: 1, via: "made_upstream_by_party" };
  }
  const share = origins.filter((o) => o.site && partyMines.has(o.site)).reduce((s, o) => s + o.share, 0);
  return { lot, share: Math.min(1, share), via: share > 0 ? "origin_share" : "none" };
}

export interface ContractExposure {
  contract: string;
  buyer: string;
  seller: string;
  /** seller: the party is the contract's seller; upstream: it supplied what the seller delivered. */
  relation: "seller" | "upstream";
  products: {
    product: string;
    name: string;
    /** Share of the product's delivered mass that depends on the party (1 for the seller itself). */
    dependency: number;
    next12MonthsT: number;
    shortfallT: number;
  }[];
}

/** Each open contract's shortfall over the next 12 months: commitment falling due × dependency on the party. */
export function contractExposure(
  contract: OfftakeContract,
  relation: ContractExposure["relation"],
  dependencyByProduct: Map<string, number>,
  asOf: string,
): ContractExposure {
  const due = undeliveredCommitment(contract, asOf, 365);
  return {
    contract: contract.id,
    buyer: contract.buyer,
    seller: contract.seller,
    relation,
    products: due.map((d) => {
      const dependency = relation === "seller" ? 1 : (dependencyByProduct.get(d.product) ?? 0);
      return {
        product: d.product,
        name: d.name,
        dependency,
        next12MonthsT: d.undeliveredT,
        shortfallT: d.undeliveredT * dependency,
      };
    }),
  };
}

/** Shortfall per material: the contracts' products summed by name. */
export function shortfallByMaterial(
  exposures: ContractExposure[],
): { material: string; shortfallT: number }[] {
  const totals = new Map<string, number>();
  for (const e of exposures)
    for (const p of e.products) totals.set(p.name, (totals.get(p.name) ?? 0) + p.shortfallT);
  return [...totals.entries()]
    .map(([material, shortfallT]) => ({ material, shortfallT }))
    .sort((a, b) => b.shortfallT - a.shortfallT);
}
