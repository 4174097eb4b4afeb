// RADIONUCLIDE_BALANCE: the thorium and uranium fed to a plant must come out of it, in products or in
// residues, within assay tolerance; what is in none of its outputs went somewhere unrecorded (shared/domain.md
// §3: Th follows the rare earths unless removed, and ends in products, residues or the environment).
import type { Finding } from "../finding.ts";
import { sumContents } from "../lot-flows.ts";
import { fmt } from "../mass-balance.ts";
import { elementFractionOfOxide, gigabecquerels, RADIONUCLIDES, REPORTING_OXIDE } from "../radioactivity.ts";
import type { Rule } from "./context.ts";

/**
 * Trace assays (ppm Th and U by ICP-MS or gamma spectrometry) are good to about ±10%; a shortfall beyond that
 * is material going missing, not measurement.
 */
export const RADIONUCLIDE_TOLERANCE = 0.1;
/** Below a gram the radionuclide is under any assay's resolution in a tonne-scale lot. */
const MIN_CHECKED_KG = 0.001;
const CITATION =
  "Law on Atomic Energy 94/2025/QH15 (radioactive waste); IAEA GSR Part 3; shared/domain.md §3 (Th and U follow the rare earths into products and residues)";

export const radionuclideBalance: Rule = (context) => {
  const env = context.environment;
  if (!env) return [];
  const siteName = new Map(context.masterData.sites.map((s) => [s.id, s.name]));
  const findings: Finding[] = [];
  for (const t of env.transformations) {
    const inputs = sumContents(t.inputs);
    const outputs = sumContents(t.outputs);
    for (const element of RADIONUCLIDES) {
      const inKg = inputs[element] ?? 0;
      if (inKg < MIN_CHECKED_KG) continue;
      const outKg = outputs[element] ?? 0;
      const missingKg = inKg - outKg;
      // A relative 1e-9 absorbs floating-point sums: exactly at the tolerance is inside it.
      if (missingKg <= inKg * RADIONUCLIDE_TOLERANCE * (1 + 1e-9)) continue;
      const oxide = REPORTING_OXIDE[element];
      const oxideKg = missingKg / elementFractionOfOxide(element, 1);
      const silent = t.outputs.filter((o) => (o.contents[element] ?? 0) === 0).map((o) => o.lot);
      const where = t.site ? (siteName.get(t.site) ?? t.site) : "the plant";
      findings.push({
        id: `RADIONUCLIDE_BALANCE:${t.event}:${element}`,
        code: "RADIONUCLIDE_BALANCE",
        severity: "violation",
        status: "open",
        subject: { kind: "transformation", id: t.event },
        period: { from: t.eventTime, to: t.eventTime },
        measured: { value: missingKg, unit: `kg ${element} unaccounted` },
        allowed: { value: inKg * RADIONUCLIDE_TOLERANCE, unit: `kg ${element} unaccounted` },
        message: `${element}: ${((missingKg / inKg) * 100).toFixed(1)}% of the ${element === "Th" ? "thorium" : "uranium"} fed to ${where} is in none of its outputs: ${fmt(missingKg)} kg ${element} (${fmt(oxideKg)} kg ${oxide}, ${(missingKg / 1000).toFixed(4)} t), ${gigabecquerels(element, missingKg).toFixed(3)} GBq; ${fmt(inKg)} kg in, ${fmt(outKg)} kg in products and residues${silent.length ? `; outputs reporting none: ${silent.join(", ")}` : ""}`,
        evidence: { events: [t.event], documents: [] },
        taints: t.outputs.map((o) => o.lot),
        rule: { citation: CITATION },
      });
    }
  }
  return findings;
};
