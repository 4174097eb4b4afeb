// RESIDUE_SITE_OVER_CAPACITY: a storage or disposal site may hold no more residue than its permit states.
import type { Finding } from "../finding.ts";
import type { Rule } from "./context.ts";

const SIGN = { received: 1, produced: 1, shipped: -1, consumed: -1 } as const;

export const residueSiteOverCapacity: Rule = (context) => {
  const env = context.environment;
  if (!env) return [];
  const residues = new Set(env.lots.filter((l) => l.materialClass === "residue").map((l) => l.id));
  const findings: Finding[] = [];
  for (const permit of context.masterData.permits) {
    if (permit.kind !== "radioactive_storage" || !permit.site || permit.capacityT === undefined) continue;
    const site = context.masterData.sites.find((s) => s.id === permit.site);
    const moves = env.movements
      .filter((m) => m.site === permit.site && residues.has(m.lot))
      .sort((a, b) =>
        a.eventTime === b.eventTime ? SIGN[b.kind] - SIGN[a.kind] : a.eventTime < b.eventTime ? -1 : 1,
      );
    let stockT = 0;
    let peak = { t: 0, at: "", event: "" };
    const over: string[] = [];
    for (const m of moves) {
      stockT += (SIGN[m.kind] * m.massKg) / 1000;
      if (stockT > peak.t) peak = { t: stockT, at: m.eventTime, event: m.event };
      if (stockT > permit.capacityT && SIGN[m.kind] > 0) over.push(m.event);
    }
    if (peak.t <= permit.capacityT * (1 + 1e-9)) continue;
    findings.push({
      id: `RESIDUE_SITE_OVER_CAPACITY:${permit.site}`,
      code: "RESIDUE_SITE_OVER_CAPACITY",
      severity: "violation",
      status: "open",
      subject: { kind: "site", id: permit.site },
      period: { from: moves.find((m) => over.includes(m.event))?.eventTime ?? peak.at, to: peak.at },
      measured: { value: peak.t, unit: "t residue held" },
      allowed: { value: permit.capacityT, unit: "t residue held" },
      message: `${site?.name ?? permit.site} held ${peak.t.toFixed(1)} t of residue on ${peak.at.slice(0, 10)}, above the ${permit.capacityT} t its permit ${permit.id} allows`,
      evidence: { events: over, documents: [permit.id] },
      taints: [...new Set(moves.filter((m) => over.includes(m.event)).map((m) => m.lot))],
      rule: { citation: permit.citation ?? `storage permit ${permit.id}` },
    });
  }
  return findings;
};
