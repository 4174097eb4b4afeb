// PRODUCT_ACTIVITY: a product (separated oxide and beyond) may carry no more thorium or uranium activity than
// its customer contract allows, and never more than the 1 Bq/g practice of IAEA GSR Part 3 (shared/domain.md §3.3).
import { contentsKg } from "../assay.ts";
import type { Finding } from "../finding.ts";
import type { MaterialClass } from "../material-class.ts";
import { bqPerGram, PRACTICE_CITATION, PRACTICE_LIMIT_BQ_PER_G, RADIONUCLIDES } from "../radioactivity.ts";
import type { Rule } from "./context.ts";

/** What counts as a product: separated oxides and everything made from them. */
export const PRODUCT_CLASSES = new Set<MaterialClass>([
  "separated_oxide",
  "ndpr_oxide",
  "metal",
  "alloy",
  "magnet",
]);

export const productActivity: Rule = (context) => {
  const env = context.environment;
  if (!env) return [];
  const findings: Finding[] = [];
  for (const lot of env.lots) {
    if (!lot.materialClass || !PRODUCT_CLASSES.has(lot.materialClass) || !lot.assay) continue;
    const fractions = contentsKg(1, lot.assay);
    const contract = env.contractActivityLimits[lot.id];
    for (const element of RADIONUCLIDES) {
      const fraction = fractions[element];
      if (fraction === undefined) continue;
      const activity = bqPerGram(element, fraction);
      const contractLimit = contract?.[element];
      const limit = Math.min(PRACTICE_LIMIT_BQ_PER_G, contractLimit ?? Number.POSITIVE_INFINITY);
      if (activity <= limit) continue;
      const byContract = contractLimit !== undefined && contractLimit < PRACTICE_LIMIT_BQ_PER_G;
      findings.push({
        id: `PRODUCT_ACTIVITY:${lot.id}:${element}`,
        code: "PRODUCT_ACTIVITY",
        severity: "violation",
        status: "open",
        subject: { kind: "lot", id: lot.id },
        ...(lot.createdTime ? { period: { from: lot.createdTime, to: lot.createdTime } } : {}),
        measured: { value: activity, unit: `Bq/g ${element === "Th" ? "Th-232" : "U-238"}` },
        allowed: { value: limit, unit: `Bq/g ${element === "Th" ? "Th-232" : "U-238"}` },
        message: `${lot.id}: ${activity.toFixed(2)} Bq/g of ${element === "Th" ? "Th-232" : "U-238"} (${(fraction * 1e6).toFixed(0)} ppm ${element}), above the ${limit} Bq/g ${byContract ? `contract ${contract?.contract} allows` : "of the practice limit"}`,
        evidence: {
          events: lot.createdEvent ? [lot.createdEvent] : [],
          documents: byContract && contract ? [contract.contract] : [],
        },
        taints: [lot.id],
        rule: {
          citation: byContract
            ? `contract ${contract?.contract}: radioactivity limit per lot`
            : PRACTICE_CITATION,
        },
      });
    }
  }
  return findings;
};
