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
}

const INFLOW: Record<MovementKind, number> = { produced: 1, received: 1, consumed: -1, shipped: -1 };
/** Absolute slack (kg) before a balance counts as negative: weighbridge rounding. */
export const INVENTORY_TOLERANCE_KG = 0.001;
const CITATION = "ISO 22095:2020 3.1.1 chain of custody: outputs cannot exceed inputs at a site";

function ordered(movements: LotMovement[]): LotMovement[] {
  // Inflows before outflows at the same instant: a lot received and shipped in one second is not negative.
  return [...movements].sort((a, b) =>
    a.eventTime === b.eventTime ? INFLOW[b.kind] - INFLOW[a.kind] : a.eventTime < b.eventTime ? -1 : 1,
  );
}

interface Running {
  balance: number;
  lowest: number;
  /** The movement that took the balance below zero; its time as written, for the finding's local date. */
  breach?: { event: string; time: string };
  events: string[];
  inKg: number;
  outKg: number;
}

function track(map: Map<string, Running>, key: string, delta: number, m: LotMovement): void {
  const r = map.get(key) ?? { balance: 0, lowest: 0, events: [], inKg: 0, outKg: 0 };
  r.balance += delta;
  if (delta >= 0) r.inKg += delta;
  else r.outKg -= delta;
  r.events.push(m.event);
  if (r.balance < r.lowest) r.lowest = r.balance;
  if (!r.breach && r.balance < -INVENTORY_TOLERANCE_KG)
    r.breach = { event: m.event, time: m.localTime ?? m.eventTime };
  map.set(key, r);
}

export function inventoryFindings(movements: LotMovement[]): Finding[] {
  const byLot = new Map<string, Running>();
  const byElement = new Map<string, Running>();
  for (const m of ordered(movements)) {
    const sign = INFLOW[m.kind];
    track(byLot, `${m.site}\u0000${m.lot}`, sign * m.massKg, m);
    for (const [k, v] of Object.entries(m.contents) as [ContentKey, number][]) {
      track(byElement, `${m.site}\u0000${k}`, sign * v, m);
    }
  }
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
      evidence: { events: [...new Set(r.events)], documents: [] },
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
      evidence: { events: [...new Set(r.events)], documents: [] },
      taints: [],
      rule: { citation: CITATION },
    });
  }
  return findings;
}
