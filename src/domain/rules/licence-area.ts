// LICENCE_AREA: extraction at a point outside the licence polygon (Law 54/2024/QH15: exploitation only within
// the licensed area; e.g. Đức Cảnh Co. mining 1,500 m² outside its Bình Thuận licence). A point on the
// boundary is inside.
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { point, polygon } from "@turf/helpers";
import type { Finding } from "../finding.ts";
import { baseFinding, extractionDays, extractionsByLicence, type Rule, tonnes } from "./context.ts";

export const licenceArea: Rule = (context) => {
  const findings: Finding[] = [];
  for (const [licence, extractions] of extractionsByLicence(context)) {
    if (!licence.area) continue;
    const area = polygon(licence.area.coordinates);
    const outside = extractions.filter(
      (e) => e.point && !booleanPointInPolygon(point([e.point.lon, e.point.lat]), area),
    );
    if (outside.length === 0) continue;
    const massT = outside.reduce((s, e) => s + e.massT, 0);
    findings.push(
      baseFinding({
        id: `LICENCE_AREA:${licence.id}`,
        code: "LICENCE_AREA",
        severity: "violation",
        subject: { kind: "licence", id: licence.id },
        period: extractionDays(outside),
        measured: { value: massT, unit: "t" },
        allowed: { value: 0, unit: "t" },
        message: `${tonnes(massT)} t extracted at ${outside.length} point(s) outside the area of licence ${licence.id}: ${outside
          .map((e) => `${e.point?.lat}, ${e.point?.lon}`)
          .join("; ")}`,
        evidence: { events: outside.map((e) => e.event), documents: [licence.id] },
        taints: outside.flatMap((e) => e.lots),
        rule: { citation: "Law 54/2024/QH15 on Geology and Minerals (licensed area)" },
      }),
    );
  }
  return findings;
};
