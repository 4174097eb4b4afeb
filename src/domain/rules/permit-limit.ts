// PERMIT_LIMIT: a plant may process no more feed, and make no more residue, in a calendar year than its
// environmental permit allows.
import type { Finding } from "../finding.ts";
import type { Rule } from "./context.ts";
import { inForceOn } from "./residue-unplaced.ts";

export const permitLimit: Rule = (context) => {
  const env = context.environment;
  if (!env) return [];
  const findings: Finding[] = [];
  for (const permit of context.masterData.permits) {
    if (permit.kind !== "environmental" || !permit.site) continue;
    const site = context.masterData.sites.find((s) => s.id === permit.site);
    const byYear = new Map<
      string,
      { feedT: number; residueT: number; events: string[]; residueLots: string[] }
    >();
    for (const t of env.transformations) {
      if (t.site !== permit.site || !inForceOn(permit, t.eventTime)) continue;
      const year = t.eventTime.slice(0, 4);
      const y = byYear.get(year) ?? { feedT: 0, residueT: 0, events: [], residueLots: [] };
      y.feedT += t.inputs.reduce((s, i) => s + i.massKg, 0) / 1000;
      const residues = t.outputs.filter((o) => o.materialClass === "residue");
      y.residueT += residues.reduce((s, o) => s + o.massKg, 0) / 1000;
      y.residueLots.push(...residues.map((o) => o.lot));
      y.events.push(t.event);
      byYear.set(year, y);
    }
    const limits: [
      "throughput" | "residue",
      number | undefined,
      (y: { feedT: number; residueT: number }) => number,
      string,
    ][] = [
      ["throughput", permit.annualThroughputT, (y) => y.feedT, "t feed"],
      ["residue", permit.annualResidueT, (y) => y.residueT, "t residue"],
    ];
    for (const [year, y] of byYear) {
      for (const [what, limit, measure, unit] of limits) {
        if (limit === undefined || measure(y) <= limit * (1 + 1e-9)) continue;
        findings.push({
          id: `PERMIT_LIMIT:${permit.id}:${year}:${what}`,
          code: "PERMIT_LIMIT",
          severity: "violation",
          status: "open",
          subject: { kind: "site", id: permit.site },
          period: { from: `${year}-01-01`, to: `${year}-12-31` },
          measured: { value: measure(y), unit: `${unit} in ${year}` },
          allowed: { value: limit, unit: `${unit} in ${year}` },
          message: `${site?.name ?? permit.site} ${what === "throughput" ? "processed" : "made"} ${measure(y).toFixed(1)} ${unit} in ${year}, above the ${limit} ${unit} its environmental permit ${permit.id} allows`,
          evidence: { events: y.events, documents: [permit.id] },
          taints: what === "residue" ? y.residueLots : [],
          rule: { citation: permit.citation ?? `environmental permit ${permit.id}` },
        });
      }
    }
  }
  return findings;
};
