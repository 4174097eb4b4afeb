// RECYCLER_UNPERMITTED: recycled feed (magnet swarf, end-of-life magnets, e-waste) may enter the chain only at a
// collection site or recycler holding a recycling permit in force on the day, as ore only under a licence.
import type { Finding } from "../finding.ts";
import type { Rule } from "./context.ts";
import { inForceOn } from "./residue-unplaced.ts";

export const recyclerUnpermitted: Rule = (context) => {
  const { permits, sites } = context.masterData;
  const findings: Finding[] = [];
  for (const origin of context.recycledOrigins ?? []) {
    const day = origin.time.slice(0, 10);
    const atSite = permits.filter((p) => p.kind === "recycling" && p.site === origin.site);
    if (atSite.some((p) => inForceOn(p, day))) continue;
    const site = sites.find((s) => s.id === origin.site);
    const why =
      atSite.length > 0
        ? `its recycling permit${atSite.length > 1 ? "s" : ""} (${atSite.map((p) => `${p.id}, ${p.validFrom} to ${p.validTo}`).join("; ")}) ${atSite.length > 1 ? "were" : "was"} not in force on ${day}`
        : "it holds no recycling permit";
    findings.push({
      id: `RECYCLER_UNPERMITTED:${origin.lot}`,
      code: "RECYCLER_UNPERMITTED",
      severity: "violation",
      status: "open",
      subject: { kind: "lot", id: origin.lot },
      period: { from: origin.time, to: origin.time },
      measured: { value: origin.massKg / 1000, unit: "t" },
      allowed: { value: 0, unit: "t" },
      message: `${origin.lot}: ${origin.massKg / 1000} t of ${origin.materialClass.replace(/_/g, " ")} (${origin.source.replace("_", "-")} recycled feed) entered the chain at ${site?.name ?? origin.site}, but ${why}`,
      evidence: { events: [origin.event], documents: [] },
      taints: [origin.lot],
      rule: { citation: "recycled input only from a registered collector or recycler with a valid permit" },
    });
  }
  return findings;
};
