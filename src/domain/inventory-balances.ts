// The running balances behind INVENTORY_NEGATIVE, kept as aggregates so that the rule need not read every stock
// movement of a site: per site and element a balance carried forward as movements arrive, per site and lot the
// sums and times SQL gives. They only say where a breach may be; inventory.ts judges those series exactly.
import type { ContentKey } from "./assay.ts";
import { INVENTORY_TOLERANCE_KG, type LotMovement, walkKey, walkOrder } from "./inventory.ts";

/** One element's running balance at a site, in the order inventory.ts walks the site's movements. */
export interface ElementBalance {
  site: string;
  element: ContentKey;
  inKg: number;
  outKg: number;
  netKg: number;
  /** The lowest the balance has been, counting its start at zero. */
  lowestKg: number;
  /** The walk key (inventory.ts) of the last movement counted: a later one is carried forward, an earlier one not. */
  lastKey: string;
}

/** What a balance needs of a movement. */
export type BalanceMovement = Pick<
  LotMovement,
  "eventTime" | "kind" | "event" | "lot" | "massKg" | "contents"
>;

const emptyBalance = (site: string, element: ContentKey): ElementBalance => ({
  site,
  element,
  inKg: 0,
  outKg: 0,
  netKg: 0,
  lowestKg: 0,
  lastKey: "",
});

// The same operations, in the same order, as the rule's walk (inventory.ts track): the sums agree to the bit.
function count(balance: ElementBalance, m: BalanceMovement, kg: number, key: string): void {
  const delta = m.kind === "produced" || m.kind === "received" ? kg : -kg;
  balance.netKg += delta;
  if (delta >= 0) balance.inKg += delta;
  else balance.outKg -= delta;
  if (balance.netKg < balance.lowestKg) balance.lowestKg = balance.netKg;
  balance.lastKey = key;
}

/** Every element's balance at a site from all its movements. */
export function elementBalances(site: string, movements: BalanceMovement[]): ElementBalance[] {
  const out = new Map<ContentKey, ElementBalance>();
  for (const m of walkOrder(movements)) {
    const key = walkKey(m);
    for (const [element, kg] of Object.entries(m.contents) as [ContentKey, number][]) {
      const balance = out.get(element) ?? emptyBalance(site, element);
      count(balance, m, kg, key);
      out.set(element, balance);
    }
  }
  return [...out.values()];
}

/**
 * New movements at a site carried into its stored balances. A movement that comes, in the walk's order, before one
 * already counted changes the lowest point in a way the balance cannot know: its element is named in `recompute`,
 * to be counted again from all of the site's movements.
 */
export function carryForward(
  site: string,
  stored: ElementBalance[],
  added: BalanceMovement[],
): { balances: ElementBalance[]; recompute: Set<ContentKey> } {
  const balances = new Map(stored.map((b) => [b.element, { ...b }]));
  const recompute = new Set<ContentKey>();
  for (const m of walkOrder(added)) {
    const key = walkKey(m);
    for (const [element, kg] of Object.entries(m.contents) as [ContentKey, number][]) {
      if (recompute.has(element)) continue;
      const balance = balances.get(element) ?? emptyBalance(site, element);
      balances.set(element, balance);
      // The same key again is the same event and lot, listed twice in one capture: counted in the walk's order.
      if (key < balance.lastKey) {
        recompute.add(element);
        continue;
      }
      count(balance, m, kg, key);
    }
  }
  return { balances: [...balances.values()].filter((b) => !recompute.has(b.element)), recompute };
}

/**
 * Whether a balance may have gone below the rule's tolerance. Carried forward in the rule's own order the sums are
 * the rule's to the bit; movements of one instant and direction may be summed in another order, and SQL's sums
 * in any, which moves the last bits: the test keeps a margin of 10⁻¹³ of the mass moved, so a series near the
 * line is walked by the rule rather than judged from its aggregate.
 */
export function mayBreach(lowestKg: number, movedKg: number): boolean {
  return lowestKg < -INVENTORY_TOLERANCE_KG + 1e-13 * movedKg + 1e-9;
}

/** A lot's movements at one site, summed: what SQL gives for INVENTORY_NEGATIVE per lot. */
export interface LotSeriesSums {
  site: string;
  lot: string;
  inKg: number;
  outKg: number;
  /** The latest inflow and the earliest outflow (null when there is none). */
  lastIn: string | null;
  firstOut: string | null;
}

/**
 * Whether a lot's balance at a site may go below zero: when an outflow comes before an inflow the lowest point is
 * somewhere inside the series and it is walked; otherwise every inflow comes first, and the end is the lowest.
 */
export function lotSeriesMayBreach(s: LotSeriesSums): boolean {
  if (s.lastIn !== null && s.firstOut !== null && s.firstOut < s.lastIn) return true;
  return mayBreach(Math.min(0, s.inKg - s.outKg), s.inKg + s.outKg);
}
