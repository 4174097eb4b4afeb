// COUNTERPARTY_LEGAL: an open legal event (investigation, prosecution, sanction, suspension...) against a party
// upstream of a lot. The finding lists the party's own lots (made at sites it operates or under licences it
// holds); evaluation extends the taint to every lot downstream, which is every lot with a non-zero upstream
// share from the party. Closing the event clears the finding (OECD Due Diligence Guidance, step 2 red flags).
import type { Finding } from "../finding.ts";
import { baseFinding, type Rule } from "./context.ts";

export const counterpartyLegal: Rule = (context) => {
  const { organisations, sites, licences, legalEvents } = context.masterData;
  const findings: Finding[] = [];
  for (const event of legalEvents) {
    if (event.status !== "open") continue;
    const operated = new Set(sites.filter((s) => s.operator === event.party).map((s) => s.id));
    for (const l of licences) if (l.holder === event.party) operated.add(l.site);
    const lots = (context.lots ?? []).filter((l) => l.site && operated.has(l.site)).map((l) => l.id);
    const party = organisations.find((o) => o.id === event.party);
    findings.push(
      baseFinding({
        id: `COUNTERPARTY_LEGAL:${event.id}`,
        code: "COUNTERPARTY_LEGAL",
        severity:
          event.kind === "conviction" || event.kind === "sanction" || event.kind === "prosecution"
            ? "violation"
            : "warning",
        subject: { kind: "organisation", id: event.party },
        period: { from: event.date, to: event.date },
        message: `${party?.name ?? event.party}: ${event.kind.replace(/_/g, " ")} (${event.date})${event.charges?.length ? `, ${event.charges.join(", ")}` : ""}; source: ${event.source.title}${event.source.quote ? ` — "${event.source.quote}"` : ""}`,
        evidence: { events: [], documents: [event.id] },
        taints: lots,
        rule: {
          citation:
            "OECD Due Diligence Guidance for Responsible Supply Chains of Minerals, step 2 (red flags)",
        },
      }),
    );
  }
  return findings;
};
