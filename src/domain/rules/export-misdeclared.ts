// EXPORT_MISDECLARED: a customs declaration whose declared grade or product the lot's assay contradicts
// (Circular 23/2021/TT-BCT: each export lot assayed at a VILAS laboratory; the VTRE case: rare earths exported
// with deceptive customs declarations). A grade exactly at the declared minimum is consistent.
import type { Finding } from "../finding.ts";
import { MATERIAL_CLASSES, type MaterialClass } from "../material-class.ts";
import { baseFinding, type Rule } from "./context.ts";

export const exportMisdeclared: Rule = (context) => {
  const findings: Finding[] = [];
  for (const x of context.exports) {
    const customs = x.declaration?.customs;
    if (!customs) continue;
    const grade = customs.declaredGrade;
    const assayed = grade ? x.assay?.massFractions[grade.analyte] : undefined;
    const gradeWrong = grade !== undefined && assayed !== undefined && assayed < grade.min;
    const declaredClass = customs.declaredMaterialClass as MaterialClass | undefined;
    const classWrong =
      declaredClass !== undefined &&
      x.materialClass !== undefined &&
      declaredClass in MATERIAL_CLASSES &&
      MATERIAL_CLASSES[x.materialClass].stage < MATERIAL_CLASSES[declaredClass].stage;
    if (!gradeWrong && !classWrong) continue;
    const parts = [
      gradeWrong && grade
        ? `declared ${grade.analyte} ≥ ${(grade.min * 100).toFixed(1)}%, assayed ${((assayed ?? 0) * 100).toFixed(2)}%`
        : undefined,
      classWrong ? `declared as ${declaredClass}, the ledger and assay say ${x.materialClass}` : undefined,
    ].filter((p): p is string => p !== undefined);
    findings.push(
      baseFinding({
        id: `EXPORT_MISDECLARED:${x.id}`,
        code: "EXPORT_MISDECLARED",
        severity: "violation",
        subject: { kind: "declaration", id: x.declaration?.id ?? x.id },
        period: { from: x.date, to: x.date },
        ...(gradeWrong && grade
          ? {
              measured: { value: assayed ?? 0, unit: `${grade.analyte} mass fraction` },
              allowed: { value: grade.min, unit: `${grade.analyte} mass fraction` },
            }
          : {}),
        message: `customs declaration ${x.declaration?.id} ("${customs.declaredProduct}", HS ${customs.hsCode}): ${parts.join("; ")}`,
        evidence: { events: x.events, documents: x.declaration ? [x.declaration.id] : [] },
        taints: [x.lot],
        rule: {
          citation:
            "Circular 23/2021/TT-BCT (exportable minerals, quality standards); Customs Law 54/2014/QH13",
        },
      }),
    );
  }
  return findings;
};
