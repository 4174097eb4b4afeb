// EXPORT_RADIOACTIVE: export of a lot holding uranium or thorium at or above the threshold (Vietnam: 0.05 wt%)
// without a valid radioactive-material export permit held by the exporter (Circular 12/2016/TT-BCT). The limit
// is inclusive: exactly 0.05 wt% needs the permit.
import { metalPerOxide } from "../chemistry.ts";
import type { Finding } from "../finding.ts";
import { inForce, packFor } from "../rule-packs.ts";
import { baseFinding, type ExportRecord, type Rule } from "./context.ts";

/** Mass fraction of the element in the lot, from an oxide (ThO2, U3O8) or element assay. */
export function elementFraction(x: ExportRecord, element: "Th" | "U"): number {
  const assay = x.assay;
  if (!assay) return 0;
  if (assay.basis === "element") return assay.massFractions[element] ?? 0;
  const oxide = element === "Th" ? "ThO2" : "U3O8";
  return (assay.massFractions[oxide] ?? 0) * metalPerOxide(oxide);
}

export const exportRadioactive: Rule = (context) => {
  const findings: Finding[] = [];
  for (const x of context.exports) {
    const pack = packFor(context.packs, x.originCountry);
    const rule = pack && inForce(pack.exportRadioactive, x.date);
    if (!rule) continue;
    const th = elementFraction(x, "Th");
    const u = elementFraction(x, "U");
    const [element, fraction] = th >= u ? (["Th", th] as const) : (["U", u] as const);
    if (fraction < rule.thresholdFraction) continue;
    const valid = context.masterData.permits.filter(
      (p) =>
        p.kind === "radioactive_export" &&
        p.holder === x.exporter &&
        p.validFrom <= x.date &&
        x.date <= p.validTo,
    );
    // A permit granted for named lots covers those lots only.
    if (valid.some((p) => p.lots === undefined || p.lots.includes(x.lot))) continue;
    const forOtherLots = valid.length > 0 ? " that covers this lot (its permits name other lots)" : "";
    findings.push(
      baseFinding({
        id: `EXPORT_RADIOACTIVE:${x.id}`,
        code: "EXPORT_RADIOACTIVE",
        severity: "violation",
        subject: { kind: "lot", id: x.lot },
        period: { from: x.date, to: x.date },
        measured: { value: fraction, unit: `${element} mass fraction` },
        allowed: { value: rule.thresholdFraction, unit: `${element} mass fraction` },
        message: `export ${x.id} holds ${(fraction * 100).toFixed(4)} wt% ${element}, at or above ${(rule.thresholdFraction * 100).toFixed(2)} wt%, and the exporter has no radioactive-material export permit${forOtherLots}`,
        evidence: { events: x.events, documents: x.declaration ? [x.declaration.id] : [] },
        taints: [x.lot],
        rule: { citation: rule.citation },
      }),
    );
  }
  return findings;
};
