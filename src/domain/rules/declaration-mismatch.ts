// DECLARATION_MISMATCH: declared production, sales or royalties that differ from the ledger beyond the
// jurisdiction's tolerance (resource tax is due on the quantity actually exploited, whether sold or not;
// Decree 193/2025/NĐ-CP output control). A difference exactly at the tolerance is accepted.
import type { Finding } from "../finding.ts";
import { packFor } from "../rule-packs.ts";
import { baseFinding, extractionsByLicence, measuredT, type Rule, tonnes, UNIT_LABEL } from "./context.ts";

const inPeriod = (time: string, period: { from: string; to: string }) =>
  time.slice(0, 10) >= period.from && time.slice(0, 10) <= period.to;

export const declarationMismatch: Rule = (context) => {
  const findings: Finding[] = [];
  const byLicence = extractionsByLicence(context);
  for (const d of context.masterData.declarations) {
    const licence = context.masterData.licences.find((l) => l.id === d.licence);
    const site = licence && context.masterData.sites.find((s) => s.id === licence.site);
    const tolerance = packFor(context.packs, site?.country ?? "VN")?.declarationTolerance ?? 0.02;
    const base = {
      id: `DECLARATION_MISMATCH:${d.id}`,
      code: "DECLARATION_MISMATCH" as const,
      severity: "violation" as const,
      subject: { kind: "declaration" as const, id: d.id },
      period: d.period,
      rule: {
        citation:
          "Law on Natural Resource Tax 45/2009/QH12 (tax on quantity exploited); Decree 193/2025/NĐ-CP",
      },
    };
    if ((d.kind === "production" || d.kind === "sales") && licence && d.quantityT !== undefined) {
      const unit = licence.annualCapacity?.unit ?? licence.reserve?.unit ?? "t_ore";
      const extracted = (byLicence.get(licence) ?? []).filter((e) => inPeriod(e.time, d.period));
      const shipped = context.shipments.filter((s) => s.site === licence.site && inPeriod(s.time, d.period));
      const production = d.kind === "production";
      const ledgerT = production
        ? extracted.reduce((s, e) => s + measuredT(e, unit), 0)
        : shipped.reduce((s, e) => s + e.massT, 0);
      const events = production ? extracted.map((e) => e.event) : shipped.map((e) => e.event);
      const difference = ledgerT - d.quantityT;
      if (Math.abs(difference) <= tolerance * Math.max(ledgerT, d.quantityT)) continue;
      const label = production ? UNIT_LABEL[unit] : "t";
      findings.push(
        baseFinding({
          ...base,
          measured: { value: ledgerT, unit: label },
          allowed: { value: d.quantityT, unit: label },
          message: `${d.kind} declared for ${d.period.from} to ${d.period.to}: ${tonnes(d.quantityT)} ${label}; the ledger records ${tonnes(ledgerT)} ${label}: ${tonnes(Math.abs(difference))} ${label} ${difference > 0 ? "under-declared" : "over-declared"}`,
          evidence: { events, documents: [d.id] },
          taints: production ? extracted.flatMap((e) => e.lots) : [],
        }),
      );
    }
    if (d.kind === "royalty" && d.royalty) {
      const { due, paid, currency } = d.royalty;
      if (paid >= due * (1 - tolerance)) continue;
      findings.push(
        baseFinding({
          ...base,
          measured: { value: paid, unit: currency },
          allowed: { value: due, unit: currency },
          message: `royalty for ${d.period.from} to ${d.period.to}: ${paid.toLocaleString("en-US")} ${currency} paid of ${due.toLocaleString("en-US")} ${currency} due`,
          evidence: { events: [], documents: [d.id] },
        }),
      );
    }
  }
  return findings;
};
