// INVENTORY_NEGATIVE: at no site may a lot (or an element) be shipped or consumed beyond what was received
// or produced there: received + produced − shipped − consumed never drops below zero, in event-time order.
import type { ContentKey, ContentsKg } from "./assay.ts";
import type { Finding } from "./finding.ts";
import { fmt } from "./mass-balance.ts";

export type MovementKind = "produced" | "received" | "consumed" | "shipped";

export interface LotMovement {
  event: string;
  eventTime: string;
  /** The event's time as its sender wrote it, with its offset: slicing it gives the local date. */
  localTime?: string;
  site: string;
  lot: string;
  kind: MovementKind;
  massKg: number;
  contents: ContentsKg;
  /** Of a shipment: the destination location its event names (the greatest id, should it name several). */
  destination?: string;
}

const INFLOW: Record<MovementKind, number> = { produced: 1, received: 1, consumed: -1, shipped: -1 };
/** Absolute slack (kg) before a balance counts as negative: weighbridge rounding. */
export const INVENTORY_TOLERANCE_KG = 0.001;
const CITATION = "ISO 22095:2020 3.1.1 chain of custody: outputs cannot exceed inputs at a site";

/**
 * Where a movement comes in the rule's walk of a site: by time, inflows before outflows at the same instant (a lot
 * received and shipped in one second is not negative), then by event and lot. Instants and event ids have one
 * length and a lot id (a URI) no space, so the keys sort as the tuple would; the walk, and its sums to the last bit, never depend on the order
 * a database returns rows of one instant in, and the balances carried forward (inventory-balances.ts) add up the same.
 */
export const walkKey = (m: Pick<LotMovement, "eventTime" | "kind" | "event" | "lot">): string =>
  `${m.eventTime}${INFLOW[m.kind] > 0 ? 0 : 1}${m.event} ${m.lot}`;

/** The rule's order: by walk key, then mass (a lot listed twice in one event). */
export function walkOrder<T extends Pick<LotMovement, "eventTime" | "kind" | "event" | "lot" | "massKg">>(
  movements: T[],
): T[] {
  const keyed = movements.map((m) => ({ m, key: walkKey(m) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.m.massKg - b.m.massKg));
  return keyed.map((k) => k.m);
}

interface Running {
  balance: number;
  lowest: number;
  /** The movement that took the balance below zero; its time as written, for the finding's local date. */
  breach?: { event: string; time: string };
  inKg: number;
  outKg: number;
}

function track(map: Map<string, Running>, key: string, delta: number, m: LotMovement): void {
  let r = map.get(key);
  if (!r) {
    r = { balance: 0, lowest: 0, inKg: 0, outKg: 0 };
    map.set(key, r);
  }
  r.balance += delta;
  if (delta >= 0) r.inKg += delta;
  else r.outKg -= delta;
  if (r.balance < r.lowest) r.lowest = r.balance;
  if (!r.breach && r.balance < -INVENTORY_TOLERANCE_KG)
    r.breach = { event: m.event, time: m.localTime ?? m.eventTime };
}

export function inventoryFindings(movements: LotMovement[]): Finding[] {
  const byLot = new Map<string, Running>();
  const byElement = new Map<string, Running>();
  const inOrder = walkOrder(movements);
  for (const m of inOrder) {
    const sign = INFLOW[m.kind];
    track(byLot, `${m.site}\u0000${m.lot}`, sign * m.massKg, m);
    for (const [k, v] of Object.entries(m.contents) as [ContentKey, number][]) {
      track(byElement, `${m.site}\u0000${k}`, sign * v, m);
    }
  }
  // The evidence of a breach is every movement of its lot or element at the site: gathered in a second pass for
  // the breaches only, so the rule holds no list of events for the balances that stay above zero.
  const breachedLots = new Set([...byLot].filter(([, r]) => r.breach).map(([key]) => key));
  const breachedElements = new Set([...byElement].filter(([, r]) => r.breach).map(([key]) => key));
  const evidence = new Map<string, Set<string>>();
  const cite = (key: string, event: string) => {
    const events = evidence.get(key) ?? new Set<string>();
    events.add(event);
    evidence.set(key, events);
  };
  if (breachedLots.size > 0 || breachedElements.size > 0)
    for (const m of inOrder) {
      if (breachedLots.has(`${m.site}\u0000${m.lot}`)) cite(`lot\u0000${m.site}\u0000${m.lot}`, m.event);
      for (const k of Object.keys(m.contents))
        if (breachedElements.has(`${m.site}\u0000${k}`)) cite(`element\u0000${m.site}\u0000${k}`, m.event);
    }
  const eventsOf = (key: string) => [...(evidence.get(key) ?? [])];
  const findings: Finding[] = [];
  for (const [key, r] of byLot) {
    if (!r.breach) continue;
    const [site, lot] = key.split("\u0000") as [string, string];
    findings.push({
      id: `INVENTORY_NEGATIVE:${site}:${lot}`,
      code: "INVENTORY_NEGATIVE",
      severity: "violation",
      status: "open",
      subject: { kind: "lot", id: lot },
      period: {
        from: r.breach.time,
        to: r.breach.time,
      },
      measured: { value: r.lowest, unit: "kg" },
      allowed: { value: 0, unit: "kg" },
      message: `${lot} at ${site}: ${fmt(r.outKg)} kg shipped or consumed against ${fmt(r.inKg)} kg received or produced`,
      evidence: { events: eventsOf(`lot\u0000${key}`), documents: [] },
      taints: [lot],
      rule: { citation: CITATION },
    });
  }
  for (const [key, r] of byElement) {
    if (!r.breach) continue;
    const [site, element] = key.split("\u0000") as [string, string];
    findings.push({
      id: `INVENTORY_NEGATIVE:${site}:element:${element}`,
      code: "INVENTORY_NEGATIVE",
      severity: "violation",
      status: "open",
      subject: { kind: "site", id: site },
      period: {
        from: r.breach.time,
        to: r.breach.time,
      },
      measured: { value: r.lowest, unit: `kg ${element}` },
      allowed: { value: 0, unit: `kg ${element}` },
      message: `${element} at ${site}: ${fmt(r.outKg)} kg out against ${fmt(r.inKg)} kg in`,
      evidence: { events: eventsOf(`element\u0000${key}`), documents: [] },
      taints: [],
      rule: { citation: CITATION },
    });
  }
  return findings;
}
