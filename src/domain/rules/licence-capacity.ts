// LICENCE_CAPACITY: extraction in a calendar year above the licensed annual capacity (Law 54/2024/QH15 on
// Geology and Minerals: exploitation within the licensed capacity; Decree 193/2025/NĐ-CP output control).
// Years are calendar years in the event's own time zone, as output is declared and taxed per local year.
import type { Finding } from "../finding.ts";
import { appendTo } from "../grouping.ts";
import { baseFinding, extractionsByLicence, measuredT, type Rule, tonnes, UNIT_LABEL } from "./context.ts";

const CITATION = "Law 54/2024/QH15 on Geology and Minerals; Decree 193/2025/NĐ-CP (output control)";

export const licenceCapacity: Rule = (context) => {
  const findings: Finding[] = [];
  for (const [licence, extractions] of extractionsByLicence(context)) {
    const capacity = licence.annualCapacity;
    if (!capacity) continue;
    const byYear = new Map<string, typeof extractions>();
    for (const e of extractions) appendTo(byYear, e.time.slice(0, 4), e);
    for (const [year, list] of byYear) {
      const measured = list.reduce((s, e) => s + measuredT(e, capacity.unit), 0);
      if (measured <= capacity.quantity) continue;
      const unit = UNIT_LABEL[capacity.unit];
      findings.push(
        baseFinding({
          id: `LICENCE_CAPACITY:${licence.id}:${year}`,
          code: "LICENCE_CAPACITY",
          severity: "violation",
          subject: { kind: "licence", id: licence.id },
          period: { from: `${year}-01-01`, to: `${year}-12-31` },
          measured: { value: measured, unit },
          allowed: { value: capacity.quantity, unit },
          message: `${year}: ${tonnes(measured)} ${unit} extracted under licence ${licence.id}, ${((measured / capacity.quantity) * 100).toFixed(1)}% of the licensed ${tonnes(capacity.quantity)} ${unit}/yr`,
          evidence: { events: list.map((e) => e.event), documents: [licence.id] },
          taints: list.flatMap((e) => e.lots),
          rule: { citation: CITATION },
        }),
      );
    }
  }
  return findings;
};
