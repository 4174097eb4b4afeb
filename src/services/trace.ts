// The trace verb: a lot's upstream or downstream graph from stored edges, with the element masses that moved
// and the lot's origin shares per element (physical proportional attribution).
import { type ContentKey, type ContentsKg, contentsKg } from "../domain/assay.ts";
import { LodestoneError } from "../domain/errors.ts";
import type { LotEdge } from "../domain/lot-flows.ts";
import { originSource } from "../domain/material-class.ts";
import {
  type CustodyModel,
  massBalanceAccount,
  type Origin,
  type OriginShare,
  originShares,
  type ProvenanceGraph,
  type SourceShares,
  sourceShares,
  UNRECORDED,
} from "../domain/provenance.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import {
  edgesInto,
  edgesOutOf,
  getLots,
  type Lot,
  listTransformations,
  lotOrigins,
  producedMass,
} from "../store/lot-store.ts";

export type TraceDirection = "up" | "down";

export interface TraceNode {
  lot: string;
  materialClass: string | null;
  massKg: number | null;
  site: string | null;
  depth: number;
}

export interface TraceEdge {
  from: string;
  to: string;
  event: string;
  massKg: number;
  elementsKg: ContentsKg;
}

export interface Trace {
  lot: string;
  direction: TraceDirection;
  /** How origin shares were attributed: physically along edges, or by the site's mass-balance account. */
  model: CustodyModel;
  /** For the mass-balance model: the site and period whose account gave the shares. */
  account?: { site: string; from: string; to: string };
  nodes: TraceNode[];
  edges: TraceEdge[];
  originShares: Record<string, (OriginShare & { site: string | null })[]>;
  /** Per element: mined, pre- and post-consumer recycled, and unrecorded shares (docs/recycling.md). */
  sourceShares: Record<string, SourceShares>;
}

/** The origin shares of each element summed by source. */
export function sourceSharesOf(shares: Trace["originShares"]): Record<string, SourceShares> {
  return Object.fromEntries(Object.entries(shares).map(([element, s]) => [element, sourceShares(s)]));
}

/** Loads the closure tier by tier (one query per tier), never replaying events. */
async function loadClosure(
  ledger: Ledger,
  start: string,
  direction: TraceDirection,
): Promise<{ edges: LotEdge[]; depth: Map<string, number> }> {
  const depth = new Map<string, number>([[start, 0]]);
  const edges: LotEdge[] = [];
  let frontier = [start];
  for (let d = 1; frontier.length > 0; d++) {
    const tier =
      direction === "up" ? await edgesInto(ledger.db, frontier) : await edgesOutOf(ledger.db, frontier);
    edges.push(...tier);
    const next: string[] = [];
    for (const e of tier) {
      const neighbour = direction === "up" ? e.from : e.to;
      if (!depth.has(neighbour)) {
        depth.set(neighbour, d);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return { edges, depth };
}

function originOf(lot: Lot | undefined): Origin | undefined {
  if (!lot?.createdEvent) return undefined; // never created in the ledger: an unrecorded source
  return {
    site: lot.site ?? null,
    licence: lot.originLicence ?? null,
    country: lot.originCountry ?? null,
    source: originSource(lot.materialClass),
  };
}

export const TRACE_ELEMENTS: ContentKey[] = [
  "TREO",
  "La",
  "Ce",
  "Pr",
  "Nd",
  "Sm",
  "Eu",
  "Gd",
  "Tb",
  "Dy",
  "Y",
  "Th",
  "U",
];

export async function traceLot(
  ledger: Ledger,
  lotId: string,
  options: { direction?: TraceDirection; elements?: ContentKey[]; model?: CustodyModel } = {},
): Promise<Trace> {
  const lot = canonicalIdentifier(lotId);
  const direction = options.direction ?? "up";
  const known = await getLots(ledger.db, [lot]);
  if (!known.has(lot)) throw new LodestoneError("NOT_FOUND", `no lot ${lotId} in the ledger`);
  const { edges, depth } = await loadClosure(ledger, lot, direction);
  const lots = await getLots(ledger.db, [...depth.keys()]);
  const produced = await producedMass(ledger.db, [...depth.keys()]);
  const nodes: TraceNode[] = [...depth.entries()].map(([id, d]) => {
    const record = lots.get(id);
    return {
      lot: id,
      materialClass: record?.materialClass ?? null,
      massKg: produced.get(id) ?? null,
      site: record?.site ?? null,
      depth: d,
    };
  });
  // Origin shares always look upstream, whatever the direction of the trace.
  const up = direction === "up" ? { edges, depth } : await loadClosure(ledger, lot, "up");
  const upLots = direction === "up" ? lots : await getLots(ledger.db, [...up.depth.keys()]);
  const shares = sharesFrom(lot, upLots.get(lot), up.edges, upLots, options.elements ?? TRACE_ELEMENTS);
  const model = options.model ?? "physical";
  let account: Trace["account"];
  if (model === "mass_balance") {
    const made = upLots.get(lot);
    if (!made?.site || !made.createdTime) {
      throw new LodestoneError(
        "NOT_FOUND",
        `${lotId} was not produced at a known site: no mass-balance account applies`,
      );
    }
    // The account period is the calendar year in which the lot was produced.
    const year = made.createdTime.slice(0, 4);
    account = {
      site: made.site,
      from: `${year}-01-01T00:00:00.000Z`,
      to: `${Number(year) + 1}-01-01T00:00:00.000Z`,
    };
    const period = account;
    const flows = (await listTransformations(ledger.db, made.site)).filter(
      (t) => t.eventTime >= period.from && t.eventTime < period.to,
    );
    const inputs = flows.flatMap((t) => t.inputs);
    for (const element of Object.keys(shares) as ContentKey[]) {
      const accountInputs = [];
      for (const input of inputs) {
        const sub = await traceOriginShares(ledger, input.lot, [element]);
        const known = Object.keys(input.contents).length > 0;
        accountInputs.push({
          contentKg: known ? (input.contents[element] ?? 0) : undefined,
          massKg: input.massKg,
          shares: sub[element] ?? [{ ...UNRECORDED, share: 1 }],
        });
      }
      shares[element] = massBalanceAccount(accountInputs);
    }
  }
  return {
    lot,
    direction,
    model,
    ...(account ? { account } : {}),
    nodes,
    edges: edges.map((e) => ({
      from: e.from,
      to: e.to,
      event: e.event,
      massKg: e.massKg,
      elementsKg: e.contentsKg,
    })),
    originShares: shares,
    sourceShares: sourceSharesOf(shares),
  };
}

/**
 * Origin shares of a lot per element, from its upstream edges and the origins of the lots they reach: only the
 * elements the lot or its inputs contain.
 */
function sharesFrom(
  lot: string,
  record: Lot | undefined,
  edges: LotEdge[],
  origins: Map<string, Lot>,
  elements: ContentKey[],
): Trace["originShares"] {
  const graph: ProvenanceGraph = { incoming: new Map(), origins: new Map() };
  for (const e of edges) graph.incoming.set(e.to, [...(graph.incoming.get(e.to) ?? []), e]);
  for (const [id, candidate] of origins) {
    const origin = originOf(candidate);
    if (origin) graph.origins.set(id, origin);
  }
  const shares: Trace["originShares"] = {};
  for (const element of elements) {
    const inLot = edges.some((e) => (e.contentsKg[element] ?? 0) > 0) || hasOwn(record, element);
    if (!inLot) continue;
    shares[element] = originShares(lot, element, graph);
  }
  return shares;
}

/**
 * Only the origin shares of a lot (what GET /lots/{id}/origin, contracts and risk need): the upstream edges and
 * the origins of the lots at their far end, without the trace's nodes, masses and assays.
 */
export async function traceOriginShares(
  ledger: Ledger,
  lotId: string,
  elements: ContentKey[] = TRACE_ELEMENTS,
): Promise<Trace["originShares"]> {
  const lot = canonicalIdentifier(lotId);
  const record = (await getLots(ledger.db, [lot])).get(lot);
  if (!record) throw new LodestoneError("NOT_FOUND", `no lot ${lotId} in the ledger`);
  const { edges, depth } = await loadClosure(ledger, lot, "up");
  const fed = new Set(edges.map((e) => e.to));
  const origins = await lotOrigins(
    ledger.db,
    [...depth.keys()].filter((id) => !fed.has(id)),
  );
  return sharesFrom(lot, record, edges, origins, elements);
}

function hasOwn(lot: Lot | undefined, element: ContentKey): boolean {
  return (contentsKg(1, lot?.assay)[element] ?? 0) > 0;
}
