// Customs declarations as real ones are written, through master data import, capture and evaluation on every
// backend: several lines, a declared grade read with its rounding, and a radioactive-export permit granted for
// named lots only.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { caseTwoDocument, detectionMasterData, EXPORT_LOT } from "../../scripts/demo/detection-cases.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { evaluateAndRecord } from "../../src/services/evaluate.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const NOW = new Date("2027-01-05T00:00:00Z");
const OTHER_LOT = "urn:epc:class:lgtin:8930000.000022.EXP-2026-0143";
type Json = Record<string, unknown>;

/** The demo's export declaration written in two lines, the first as the assay bears it out (TREO 38%). */
function masterData(permitLots: string[], declaredPercent = 38): Json {
  const data = structuredClone(detectionMasterData()) as unknown as Json;
  const declarations = data.declarations as Json[];
  const exported = declarations.find((d) => d.id === "DEMO-CUS-EXP-2026-0142") as Json;
  const customs = exported.customs as Json;
  delete customs.lot;
  customs.invoice = "urn:epc:id:gdti:8930000.00001.INV-2026-0142";
  customs.lines = [
    {
      lot: EXPORT_LOT,
      quantityT: 200,
      declaredProduct: "Rare earth concentrate, TREO 38%",
      declaredMaterialClass: "concentrate",
      declaredGrade: { analyte: "TREO", percent: declaredPercent },
    },
    { lot: OTHER_LOT, quantityT: 40 },
  ];
  const trader = exported.declarant as string;
  data.permits = [
    {
      id: "MOST-2026-0142",
      kind: "radioactive_export",
      holder: trader,
      validFrom: "2026-01-01",
      validTo: "2026-12-31",
      lots: permitLots,
    },
  ];
  return data;
}

for (const backend of BACKENDS) {
  describe(`customs declarations of several lines (${backend})`, () => {
    let t: TestLedger;
    beforeEach(async () => {
      t = await openTestLedger(backend);
    });
    afterEach(async () => t.dispose());

    const findingsWith = async (permitLots: string[], declaredPercent?: number) => {
      await importMasterData(t.ledger, masterData(permitLots, declaredPercent), NOW);
      const report = await captureDocument(
        t.ledger,
        { document: caseTwoDocument(), organisation: "urn:lodestone:org:test" },
        { now: () => NOW, newId: randomUUID },
      );
      expect(report.rejected).toEqual([]);
      return (await evaluateAndRecord(t.ledger, NOW)).findings.filter((f) => f.id.startsWith("EXPORT_"));
    };

    it("a line declared as its assay reads is not misdeclared; a permit for another lot does not cover it", async () => {
      const findings = await findingsWith([OTHER_LOT]);
      expect(findings.map((f) => f.id).sort()).toEqual([
        "EXPORT_RADIOACTIVE:DEMO-CUS-EXP-2026-0142/1",
        "EXPORT_UNPROCESSED:DEMO-CUS-EXP-2026-0142/1",
      ]);
      const radioactive = findings.find((f) => f.code === "EXPORT_RADIOACTIVE");
      expect(radioactive?.message).toContain("that covers this lot (its permits name other lots)");
    });

    it("a permit that names the lot covers its export", async () => {
      const findings = await findingsWith([EXPORT_LOT]);
      expect(findings.map((f) => f.id)).toEqual(["EXPORT_UNPROCESSED:DEMO-CUS-EXP-2026-0142/1"]);
    });

    it("a line declaring 90% of a lot assayed at 38% is misdeclared, and the finding names the line and lot", async () => {
      const findings = await findingsWith([EXPORT_LOT], 90);
      const misdeclared = findings.find((f) => f.code === "EXPORT_MISDECLARED");
      expect(misdeclared?.id).toBe("EXPORT_MISDECLARED:DEMO-CUS-EXP-2026-0142/1");
      expect(misdeclared?.message).toContain("line 1 (lot");
      expect(misdeclared?.message).toContain("declared TREO 90%, assayed 38.00%");
      expect(misdeclared?.allowed).toEqual({ value: 0.9, unit: "TREO mass fraction" });
    });
  });
}
