// EXPORT_MISDECLARED: a customs declaration line whose declared grade or product the lot's assay contradicts
// (Circular 23/2021/TT-BCT: each export lot assayed at a VILAS laboratory; the VTRE case: rare earths exported
// with deceptive customs declarations). A grade exactly at a declared minimum is consistent; a declared value
// is read with the rounding it was written with (declaredGradeHolds).
import type { Finding } from "../finding.ts";
import type { DeclaredGrade } from "../masterdata.ts";
import { MATERIAL_CLASSES, type MaterialClass } from "../material-class.ts";
import { baseFinding, type Rule } from "./context.ts";

/** A mass fraction as a percentage rounded half up to `decimals` places (the epsilon absorbs binary noise). */
function roundedPercent(fraction: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(fraction * 100 * scale + 1e-9) / scale;
}

/** Whether the assayed fraction bears out the declared grade: at or above a minimum, or equal to a value once rounded. */
export function declaredGradeHolds(grade: DeclaredGrade, assayed: number): boolean {
  if ("min" in grade) return assayed >= grade.min;
  return roundedPercent(assayed, grade.decimals ?? 0) === grade.percent;
}

function describeGrade(grade: DeclaredGrade, assayed: number): string {
  if ("min" in grade)
    return `declared ${grade.analyte} ≥ ${(grade.min * 100).toFixed(1)}%, assayed ${(assayed * 100).toFixed(2)}%`;
  const decimals = grade.decimals ?? 0;
  return `declared ${grade.analyte} ${grade.percent.toFixed(decimals)}%, assayed ${(assayed * 100).toFixed(Math.max(2, decimals + 1))}% (${roundedPercent(assayed, decimals).toFixed(decimals)}% as declared to ${decimals} decimal${decimals === 1 ? "" : "s"})`;
}

export const exportMisdeclared: Rule = (context) => {
  const findings: Finding[] = [];
  for (const x of context.exports) {
    const line = x.line;
    if (!line) continue;
    const grade = line.declaredGrade;
    const assayed = grade ? x.assay?.massFractions[grade.analyte] : undefined;
    const gradeWrong = grade !== undefined && assayed !== undefined && !declaredGradeHolds(grade, assayed);
    const declaredClass = line.declaredMaterialClass as MaterialClass | undefined;
    const classWrong =
      declaredClass !== undefined &&
      x.materialClass !== undefined &&
      declaredClass in MATERIAL_CLASSES &&
      MATERIAL_CLASSES[x.materialClass].stage < MATERIAL_CLASSES[declaredClass].stage;
    if (!gradeWrong && !classWrong) continue;
    const parts = [
      gradeWrong && grade ? describeGrade(grade, assayed ?? 0) : undefined,
      classWrong ? `declared as ${declaredClass}, the ledger and assay say ${x.materialClass}` : undefined,
    ].filter((p): p is string => p !== undefined);
    const declared = gradeWrong && grade ? ("min" in grade ? grade.min : grade.percent / 100) : undefined;
    const where =
      x.id === x.declaration?.id
        ? ""
        : `, line ${x.id.slice((x.declaration?.id ?? "").length + 1)} (lot ${x.lot})`;
    findings.push(
      baseFinding({
        id: `EXPORT_MISDECLARED:${x.id}`,
        code: "EXPORT_MISDECLARED",
        severity: "violation",
        subject: { kind: "declaration", id: x.declaration?.id ?? x.id },
        period: { from: x.date, to: x.date },
        ...(gradeWrong && grade && declared !== undefined
          ? {
              measured: { value: assayed ?? 0, unit: `${grade.analyte} mass fraction` },
              allowed: { value: declared, unit: `${grade.analyte} mass fraction` },
            }
          : {}),
        message: `customs declaration ${x.declaration?.id}${where} ("${line.declaredProduct}", HS ${line.hsCode}): ${parts.join("; ")}`,
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
