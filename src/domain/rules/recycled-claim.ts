// RECYCLED_CLAIM: the recycled content a maker claims for a lot must follow from the mass balance: at most the
// recycled share of its rare earths that its trace gives (pre- plus post-consumer), to half a percentage point.
import type { Finding } from "../finding.ts";
import type { Rule } from "./context.ts";

/** Slack for rounding in a claim (a claim of 25% where the trace gives 24.6% stands). */
export const RECYCLED_CLAIM_TOLERANCE = 0.005;

const pct = (x: number) => `${Number((x * 100).toFixed(2))}%`;

export const recycledClaim: Rule = (context) => {
  const findings: Finding[] = [];
  for (const c of context.recycledClaims ?? []) {
    const recycled = c.computed.recycled;
    if (c.claimed <= recycled + RECYCLED_CLAIM_TOLERANCE) continue;
    findings.push({
      id: `RECYCLED_CLAIM:${c.lot}`,
      code: "RECYCLED_CLAIM",
      severity: "violation",
      status: "open",
      subject: { kind: "lot", id: c.lot },
      period: { from: c.time, to: c.time },
      measured: { value: c.claimed * 100, unit: "% recycled claimed" },
      allowed: { value: recycled * 100, unit: "% recycled by the trace" },
      message: `${c.lot}: ${pct(c.claimed)} recycled content claimed, but its trace gives ${pct(recycled)} (pre-consumer ${pct(c.computed.preConsumer)}, post-consumer ${pct(c.computed.postConsumer)}, mined ${pct(c.computed.mined)}${c.computed.unrecorded > 0 ? `, unrecorded ${pct(c.computed.unrecorded)}` : ""})`,
      evidence: { events: [c.event], documents: [] },
      taints: [c.lot],
      rule: {
        citation:
          "a recycled-content claim follows from the mass balance (ISO 22095 chain of custody; UNTP recycledMassFraction)",
      },
    });
  }
  return findings;
};
