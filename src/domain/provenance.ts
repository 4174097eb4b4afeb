// Provenance over the lot graph: origin shares of an element in a lot by mine, licence and country, and the
// upstream and downstream closures. Pure functions over edges already loaded; no history is replayed.
import type { ContentKey } from "./assay.ts";
import type { LotEdge } from "./lot-flows.ts";
import type { OriginSource } from "./material-class.ts";

/**
 * Where material entered the ledger: the site (a mine, or the collection site of scrap), its licence and
 * country when known, and whether it was mined or recycled (null: an unrecorded source).
 */
export interface Origin {
  site: string | null;
  licence: string | null;
  country: string | null;
  source: OriginSource | null;
}

export interface OriginShare extends Origin {
  share: number;
}

export interface ProvenanceGraph {
  /** Edges into each lot (its inputs). */
  incoming: Map<string, LotEdge[]>;
  /** Origin of each lot with no incoming edges; a lot never created in the ledger has no entry (unrecorded). */
  origins: Map<string, Origin>;
}

export const UNRECORDED: Origin = { site: null, licence: null, country: null, source: null };
const key = (o: Origin) => JSON.stringify([o.site, o.licence, o.country, o.source]);

/**
 * The weight of each incoming edge for an element: by its content of the element, else by mass, else equal.
 * When any input's composition is unknown (no assay), all weigh by mass: material of unknown composition is
 * never assumed to hold none of the element, so an unrecorded source cannot hide behind a missing assay.
 */
export function edgeWeights(edges: LotEdge[], element: ContentKey): number[] {
  const unknownComposition = edges.some((e) => Object.keys(e.contentsKg).length === 0);
  const byElement = edges.map((e) => e.contentsKg[element] ?? 0);
  const total = byElement.reduce((s, v) => s + v, 0);
  if (total > 0 && !unknownComposition) return byElement.map((v) => v / total);
  const byMass = edges.map((e) => e.massKg);
  const mass = byMass.reduce((s, v) => s + v, 0);
  if (mass > 0) return byMass.map((v) => v / mass);
  return edges.map(() => 1 / edges.length);
}

/**
 * originShares(lot, element): the share of the element in the lot that came from each origin, by physical
 * proportional attribution (ISO 22095 segregated / controlled blending). Shares sum to 1.
 */
export function originShares(lot: string, element: ContentKey, graph: ProvenanceGraph): OriginShare[] {
  const memo = new Map<string, Map<string, number>>();
  const origins = new Map<string, Origin>();
  const visit = (current: string, path: Set<string>): Map<string, number> => {
    const cached = memo.get(current);
    if (cached) return cached;
    if (path.has(current)) throw new Error(`the lot graph has a cycle through ${current}`);
    const edges = graph.incoming.get(current) ?? [];
    let result: Map<string, number>;
    if (edges.length === 0) {
      const origin = graph.origins.get(current) ?? UNRECORDED;
      origins.set(key(origin), origin);
      result = new Map([[key(origin), 1]]);
    } else {
      path.add(current);
      result = new Map();
      const weights = edgeWeights(edges, element);
      edges.forEach((edge, i) => {
        const w = weights[i] ?? 0;
        if (w === 0) return;
        for (const [k, share] of visit(edge.from, path)) result.set(k, (result.get(k) ?? 0) + w * share);
      });
      path.delete(current);
    }
    memo.set(current, result);
    return result;
  };
  const shares = visit(lot, new Set());
  return [...shares.entries()]
    .map(([k, share]) => ({ ...(origins.get(k) as Origin), share }))
    .sort((a, b) => b.share - a.share);
}

export interface ClosureEntry {
  lot: string;
  depth: number;
}

/** Breadth-first closure over a neighbour function; each lot once, at its least depth. */
export function closure(start: string, neighbours: (lot: string) => string[]): ClosureEntry[] {
  const seen = new Map<string, number>([[start, 0]]);
  let frontier = [start];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const lot of frontier) {
      for (const n of neighbours(lot)) {
        if (!seen.has(n)) {
          seen.set(n, depth);
          next.push(n);
        }
      }
    }
    frontier = next;
  }
  return [...seen.entries()].filter(([lot]) => lot !== start).map(([lot, depth]) => ({ lot, depth }));
}

/** Would adding edges from `inputs` into `output` make a lot its own ancestor? */
export function wouldCycle(output: string, inputs: string[], incoming: (lot: string) => string[]): boolean {
  if (inputs.includes(output)) return true;
  for (const input of inputs) {
    if (closure(input, incoming).some((e) => e.lot === output)) return true;
  }
  return false;
}

/** The chain-of-custody model a claim is made under (ISO 22095:2020 §3.3). */
export type CustodyModel = "physical" | "mass_balance";

/**
 * A mass-balance account (ISO 22095 3.3.4): the origin mix of everything a site took in over a period,
 * weighted by the element each input held. Every output of that site and period carries the same shares.
 */
export function massBalanceAccount(
  inputs: { contentKg: number | undefined; massKg: number; shares: OriginShare[] }[],
): OriginShare[] {
  // As for physical attribution: with any input of unknown composition, inputs weigh by mass.
  const byMass = inputs.some((i) => i.contentKg === undefined);
  const amount = (i: (typeof inputs)[number]) => (byMass ? i.massKg : (i.contentKg ?? 0));
  const total = inputs.reduce((s, i) => s + amount(i), 0);
  const byOrigin = new Map<string, OriginShare>();
  for (const input of inputs) {
    const weight = total > 0 ? amount(input) / total : 1 / inputs.length;
    for (const share of input.shares) {
      const k = key(share);
      const entry = byOrigin.get(k) ?? {
        site: share.site,
        licence: share.licence,
        country: share.country,
        source: share.source,
        share: 0,
      };
      entry.share += weight * share.share;
      byOrigin.set(k, entry);
    }
  }
  return [...byOrigin.values()].sort((a, b) => b.share - a.share);
}

/** The share of an element that was mined, recycled before use, recycled after use, or of unrecorded source. */
export interface SourceShares {
  mined: number;
  preConsumer: number;
  postConsumer: number;
  /** Pre- and post-consumer together: the recycled content (UNTP recycledMassFraction, per element). */
  recycled: number;
  unrecorded: number;
}

/** Origin shares summed by source; the five add up as the shares do (to 1). */
export function sourceShares(shares: OriginShare[]): SourceShares {
  const out: SourceShares = { mined: 0, preConsumer: 0, postConsumer: 0, recycled: 0, unrecorded: 0 };
  for (const s of shares) {
    if (s.source === "mined") out.mined += s.share;
    else if (s.source === "pre_consumer") out.preConsumer += s.share;
    else if (s.source === "post_consumer") out.postConsumer += s.share;
    else out.unrecorded += s.share;
  }
  out.recycled = out.preConsumer + out.postConsumer;
  return out;
}
