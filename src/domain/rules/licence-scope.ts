// LICENCE_SCOPE: extraction of a mineral the licence does not cover, or exploitation under a licence that only
// permits exploration (Law 54/2024/QH15: licences name their minerals; exploration and exploitation are
// licensed separately).
import type { Finding } from "../finding.ts";
import {
  baseFinding,
  type Extraction,
  extractionDays,
  extractionsByLicence,
  type Rule,
  tonnes,
} from "./context.ts";

export const licenceScope: Rule = (context) => {
  const findings: Finding[] = [];
  for (const [licence, extractions] of extractionsByLicence(context)) {
    const groups = new Map<string, { reason: string; list: Extraction[] }>();
    for (const e of extractions) {
      if (licence.kind === "exploration") {
        const g = groups.get("exploration") ?? { reason: "under an exploration-only licence", list: [] };
        g.list.push(e);
        groups.set("exploration", g);
      } else if (e.mineral && !licence.minerals.includes(e.mineral)) {
        const g = groups.get(e.mineral) ?? {
          reason: `of ${e.mineral}, which the licence (${licence.minerals.join(", ")}) does not cover`,
          list: [],
        };
        g.list.push(e);
        groups.set(e.mineral, g);
      }
    }
    for (const [key, { reason, list }] of groups) {
      const massT = list.reduce((s, e) => s + e.massT, 0);
      findings.push(
        baseFinding({
          id: `LICENCE_SCOPE:${licence.id}:${key}`,
          code: "LICENCE_SCOPE",
          severity: "violation",
          subject: { kind: "licence", id: licence.id },
          period: extractionDays(list),
          measured: { value: massT, unit: "t" },
          allowed: { value: 0, unit: "t" },
          message: `${tonnes(massT)} t extracted ${reason} (${licence.id})`,
          evidence: { events: list.map((e) => e.event), documents: [licence.id] },
          taints: list.flatMap((e) => e.lots),
          rule: { citation: "Law 54/2024/QH15 on Geology and Minerals (licensed minerals and activity)" },
        }),
      );
    }
  }
  return findings;
};
