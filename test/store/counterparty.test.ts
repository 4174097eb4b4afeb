// COUNTERPARTY_LEGAL on every backend: a prosecution of a supplier taints exactly the lots with an upstream
// share from it, marks the contracts with it and the other owners of those lots, and closing the event clears
// them all.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  caseOneBDocument,
  caseOneDocument,
  caseTwoDocument,
  detectionMasterData,
  ORG,
} from "../../scripts/demo/detection-cases.ts";
import { LodestoneError } from "../../src/domain/errors.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { evaluateAndRecord } from "../../src/services/evaluate.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { listFindings } from "../../src/store/findings-store.ts";
import { listLots } from "../../src/store/lot-store.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const NOW = new Date("2027-01-05T00:00:00Z");
const prosecution = (status: "open" | "closed") => ({
  legalEvents: [
    {
      id: "DEMO-LEGAL-2026-001",
      party: ORG.mineA,
      kind: "prosecution",
      date: "2026-11-03",
      jurisdiction: "VN",
      charges: ["Penal Code art. 227(2)"],
      source: {
        title: "Demo Daily: miner charged over licence overrun (fictional)",
        quote: "Demo Nậm Xe Rare Earth Mining JSC was charged on 3 November 2026.",
      },
      confidence: 0.9,
      status,
    },
  ],
});

// A closed-period ore contract between the miner and the trader: no delivery findings, only the legal mark.
const oreContract = {
  id: "DEMO-ORE-2026",
  buyer: ORG.trader,
  seller: ORG.mineA,
  term: { from: "2027-01-01", to: "2027-12-31" },
  status: "open",
  schedule: { period: "year", graceDays: 0 },
  volumeTolerance: 0.1,
  products: [
    { id: "ore", name: "run-of-mine ore", materialClass: "ore", oxides: ["CeO2"], annualT: { "2027": 1000 } },
  ],
  chainOfCustody: "segregated",
  documentsRequired: [],
  sources: [],
};

for (const backend of BACKENDS) {
  describe(`counterparty legal events on ${backend}`, () => {
    let t: TestLedger;
    beforeEach(async () => {
      t = await openTestLedger(backend);
      await importMasterData(t.ledger, detectionMasterData(), NOW);
      for (const document of [caseOneDocument(), caseOneBDocument(), caseTwoDocument()]) {
        await captureDocument(
          t.ledger,
          { document, organisation: "urn:lodestone:org:test" },
          { now: () => NOW, newId: randomUUID },
        );
      }
    });
    afterEach(async () => {
      await t.dispose();
    });

    it("taints exactly the lots with an upstream share from the prosecuted supplier, and clears when closed", async () => {
      await importMasterData(t.ledger, { contracts: [oreContract] }, NOW);
      await importMasterData(t.ledger, prosecution("open"), NOW);
      await evaluateAndRecord(t.ledger, NOW);
      const finding = (await listFindings(t.ledger.db)).find(
        (f) => f.id === "COUNTERPARTY_LEGAL:DEMO-LEGAL-2026-001",
      );
      expect(finding).toMatchObject({
        status: "open",
        severity: "violation",
        subject: { kind: "organisation", id: ORG.mineA },
      });
      expect(finding?.message).toContain("Penal Code art. 227(2)");
      const lots = await listLots(t.ledger.db);
      const expected = lots
        .filter((l) => /ORE-A-2026|CONC-A-2026|EXP-2026-0142/.test(l.id))
        .map((l) => l.id)
        .sort();
      expect(expected.length).toBe(25);
      expect(finding?.taints).toEqual(expected);
      expect(finding?.taints.some((l) => l.includes("HM-C"))).toBe(false);
      expect(finding?.taints).toContain(
        canonicalIdentifier("urn:epc:class:lgtin:8930000.000022.CONC-A-2026-06"),
      );

      // The contract with the miner and every other owner of its lots are marked too.
      const derived = (await listFindings(t.ledger.db)).filter((f) =>
        f.id.startsWith("COUNTERPARTY_LEGAL:DEMO-LEGAL-2026-001:"),
      );
      const exportLot = expected.filter((l) => l.includes("EXP-2026-0142"));
      expect(derived.map((f) => [f.id, f.subject.kind, f.taints])).toEqual([
        ["COUNTERPARTY_LEGAL:DEMO-LEGAL-2026-001:contract:DEMO-ORE-2026", "contract", []],
        // The export lot passed from the miner to the trader and from the trader to the foreign buyer.
        [`COUNTERPARTY_LEGAL:DEMO-LEGAL-2026-001:holder:${ORG.foreignBuyer}`, "organisation", exportLot],
        [`COUNTERPARTY_LEGAL:DEMO-LEGAL-2026-001:holder:${ORG.trader}`, "organisation", exportLot],
      ]);
      expect(derived[0]?.message).toContain(
        "contract DEMO-ORE-2026 is with Demo Nậm Xe Rare Earth Mining JSC",
      );

      await importMasterData(t.ledger, prosecution("closed"), NOW);
      await evaluateAndRecord(t.ledger, new Date("2027-02-01T00:00:00Z"));
      const after = (await listFindings(t.ledger.db)).filter((f) =>
        f.id.startsWith("COUNTERPARTY_LEGAL:DEMO-LEGAL-2026-001"),
      );
      expect(after).toHaveLength(4);
      expect(after.every((f) => f.status === "resolved")).toBe(true);
    });

    it("refuses a legal event about an unknown organisation", async () => {
      const error = await importMasterData(
        t.ledger,
        { legalEvents: [{ ...prosecution("open").legalEvents[0], party: "urn:epc:id:pgln:0000000.00000" }] },
        NOW,
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LodestoneError);
      expect((error as LodestoneError).problems[0]?.message).toContain("names the unknown organisation");
    });
  });
}
