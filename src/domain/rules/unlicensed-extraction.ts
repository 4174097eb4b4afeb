// UNLICENSED_EXTRACTION: extraction at a site that holds no licence at all (Law 54/2024/QH15: mineral
// exploitation requires a licence; the Thái Dương case: >11,000 t of rare-earth ore mined and sold illegally).
import type { Finding } from "../finding.ts";
import { appendTo } from "../grouping.ts";
import { baseFinding, type Extraction, extractionDays, licenceOf, type Rule, tonnes } from "./context.ts";

export const unlicensedExtraction: Rule = (context) => {
  const bySite = new Map<string, Extraction[]>();
  for (const e of context.extractions) {
    if (licenceOf(e, context.masterData.licences)) continue;
    appendTo(bySite, e.site, e);
  }
  const findings: Finding[] = [];
  for (const [site, list] of bySite) {
    const massT = list.reduce((s, e) => s + e.massT, 0);
    const named = list.map((e) => e.licence).filter((l): l is string => l !== undefined);
    findings.push(
      baseFinding({
        id: `UNLICENSED_EXTRACTION:${site}`,
        code: "UNLICENSED_EXTRACTION",
        severity: "violation",
        subject: { kind: "site", id: site },
        period: extractionDays(list),
        measured: { value: massT, unit: "t" },
        allowed: { value: 0, unit: "t" },
        message: `${tonnes(massT)} t extracted at ${site}, which holds no licence${named.length > 0 ? ` (named licence ${[...new Set(named)].join(", ")} is not on the register)` : ""}`,
        evidence: { events: list.map((e) => e.event), documents: [] },
        taints: list.flatMap((e) => e.lots),
        rule: { citation: "Law 54/2024/QH15 on Geology and Minerals (exploitation requires a licence)" },
      }),
    );
  }
  return findings;
};
