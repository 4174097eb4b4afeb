// COUNTERPARTY_LEGAL: an open legal event (investigation, prosecution, sanction, suspension...) against a party
// upstream of a lot. The finding lists the party's own lots (made at sites it operates or under licences it
// holds); evaluation extends the taint to every lot downstream, which is every lot with a non-zero upstream
// share from the party. Closing the event clears the finding (OECD Due Diligence Guidance, step 2 red flags).
import type { OfftakeContract } from "../contract-terms.ts";
import type { Finding } from "../finding.ts";
import { appendTo } from "../grouping.ts";
import { legalEventDateLabel, legalEventPeriod } from "../masterdata.ts";
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
        ...(legalEventPeriod(event) ? { period: legalEventPeriod(event) } : {}),
        message: `${party?.name ?? event.party}: ${event.kind.replace(/_/g, " ")} (${legalEventDateLabel(event)})${event.charges?.length ? `, ${event.charges.join(", ")}` : ""}; source: ${event.source.title}${event.source.quote ? ` — "${event.source.quote}"` : ""}`,
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

/**
 * Propagation of a COUNTERPARTY_LEGAL finding (after its taint reaches every lot downstream): one finding on
 * every open contract with the party, and one for every other organisation that holds tainted lots, naming
 * them. They share the legal event's fate: closing the event clears them all.
 */
export function counterpartyLegalPropagation(
  findings: Finding[],
  contracts: OfftakeContract[],
  /** Organisations that took ownership of each lot (destination owning parties), as master-data ids. */
  holdersOf: Map<string, string[]>,
  nameOf: (organisation: string) => string,
  sameParty: (a: string, b: string) => boolean,
): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.code !== "COUNTERPARTY_LEGAL" || f.subject.kind !== "organisation") continue;
    const party = f.subject.id;
    for (const c of contracts) {
      if (c.status !== "open" || !(sameParty(c.seller, party) || sameParty(c.buyer, party))) continue;
      out.push({
        ...f,
        id: `${f.id}:contract:${c.id}`,
        subject: { kind: "contract", id: c.id },
        message: `contract ${c.id} is with ${nameOf(party)}: ${f.message}`,
        evidence: { events: f.evidence.events, documents: [...f.evidence.documents, c.id] },
        taints: [],
      });
    }
    const lotsByHolder = new Map<string, string[]>();
    for (const lot of f.taints) {
      for (const holder of holdersOf.get(lot) ?? []) {
        if (sameParty(holder, party)) continue;
        appendTo(lotsByHolder, holder, lot);
      }
    }
    for (const [holder, lots] of [...lotsByHolder.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push({
        ...f,
        id: `${f.id}:holder:${holder}`,
        severity: "warning",
        subject: { kind: "organisation", id: holder },
        message: `${nameOf(holder)} holds ${lots.length} lot(s) with an upstream share from ${nameOf(party)}: ${f.message}`,
        taints: [...lots].sort(),
      });
    }
  }
  return out;
}
