// LICENCE_RESERVE: cumulative extraction above the licensed reserve (Law 54/2024/QH15: exploitation within
// the approved reserve; the Hưng Thịnh case was charged as mining "beyond reserves and capacity").
import type { Finding } from "../finding.ts";
import { baseFinding, extractionsByLicence, measuredT, type Rule, tonnes, UNIT_LABEL } from "./context.ts";

export const licenceReserve: Rule = (context) => {
  const findings: Finding[] = [];
  for (const [licence, extractions] of extractionsByLicence(context)) {
    const reserve = licence.reserve;
    if (!reserve) continue;
    const measured = extractions.reduce((s, e) => s + measuredT(e, reserve.unit), 0);
    if (measured <= reserve.quantity) continue;
    const unit = UNIT_LABEL[reserve.unit];
    const times = extractions.map((e) => e.time).sort();
    findings.push(
      baseFinding({
        id: `LICENCE_RESERVE:${licence.id}`,
        code: "LICENCE_RESERVE",
        severity: "violation",
        subject: { kind: "licence", id: licence.id },
        period: { from: (times[0] ?? "").slice(0, 10), to: (times[times.length - 1] ?? "").slice(0, 10) },
        measured: { value: measured, unit },
        allowed: { value: reserve.quantity, unit },
        message: `${tonnes(measured)} ${unit} extracted in all under licence ${licence.id}, ${tonnes(measured - reserve.quantity)} ${unit} beyond the licensed reserve of ${tonnes(reserve.quantity)} ${unit}`,
        evidence: { events: extractions.map((e) => e.event), documents: [licence.id] },
        taints: extractions.flatMap((e) => e.lots),
        rule: { citation: "Law 54/2024/QH15 on Geology and Minerals (licensed reserve)" },
      }),
    );
  }
  return findings;
};
