// EXPORT_UNPROCESSED: a cross-border shipment of rare-earth material that its origin country bars from export
// unprocessed: for Vietnam from 1 Jan 2026 raw ore and concentrate, and rare-earth products below 90% TREO
// (rule pack vietnam; shared/domain.md §4.6). Applies by the date of the export.
import type { Finding } from "../finding.ts";
import { inForce, packFor } from "../rule-packs.ts";
import { baseFinding, type Rule, tonnes } from "./context.ts";

const RARE_EARTH_CLASSES = new Set([
  "ore",
  "concentrate",
  "monazite",
  "mixed_carbonate",
  "total_oxide",
  "mixed_oxide",
  "separated_oxide",
  "ndpr_oxide",
]);

export const exportUnprocessed: Rule = (context) => {
  const findings: Finding[] = [];
  for (const x of context.exports) {
    const pack = packFor(context.packs, x.originCountry);
    const rule = pack && inForce(pack.exportUnprocessed, x.date);
    if (!rule) continue;
    const treo = x.assay?.basis === "oxide" ? x.assay.massFractions.TREO : undefined;
    const isRareEarth = (x.materialClass && RARE_EARTH_CLASSES.has(x.materialClass)) || (treo ?? 0) > 0;
    if (!isRareEarth) continue;
    const barredClass = x.materialClass !== undefined && rule.barredClasses.includes(x.materialClass);
    const belowGrade = treo !== undefined && treo < rule.minTreoFraction;
    if (!barredClass && !belowGrade) continue;
    const exporter = context.masterData.organisations.find((o) => o.id === x.exporter);
    const exporterLicensed = context.masterData.licences.some((l) => l.holder === x.exporter);
    const reasons = [
      barredClass ? `it is ${x.materialClass}` : undefined,
      belowGrade
        ? `its TREO is ${((treo ?? 0) * 100).toFixed(2)}%, below ${(rule.minTreoFraction * 100).toFixed(0)}%`
        : undefined,
      x.processedUpstream ? undefined : "no processing step lies between the mine and the export",
      x.exporter && !exporterLicensed
        ? `the exporter ${exporter?.name ?? x.exporter} holds no mining or processing licence`
        : undefined,
    ].filter((r): r is string => r !== undefined);
    findings.push(
      baseFinding({
        id: `EXPORT_UNPROCESSED:${x.id}`,
        code: "EXPORT_UNPROCESSED",
        severity: "violation",
        subject: { kind: "lot", id: x.lot },
        period: { from: x.date, to: x.date },
        ...(treo === undefined
          ? {}
          : {
              measured: { value: treo, unit: "TREO mass fraction" },
              allowed: { value: rule.minTreoFraction, unit: "TREO mass fraction" },
            }),
        message: `export ${x.id} of ${tonnes(x.quantityT)} t to ${x.destinationCountry} is unprocessed rare-earth material: ${reasons.join("; ")}`,
        evidence: { events: x.events, documents: x.declaration ? [x.declaration.id] : [] },
        taints: [x.lot],
        rule: { citation: rule.citation },
      }),
    );
  }
  return findings;
};
