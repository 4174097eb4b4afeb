// A cross-border shipment of several lots is an export of each, named `<event>/<lot>`: an evaluation after a later
// capture that touches only one of those lots (its receipt abroad) must name its export as the full evaluation
// does, though the scope holds only that lot's movements of the shipping event.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { evaluateAllAtOnce, evaluateAndRecord } from "../../src/services/evaluate.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { CLEARED_NOTE, listFindings } from "../../src/store/findings-store.ts";
import { chainDocument, kg, lot, lotCreation, oxideAssay } from "../helpers/chain.ts";
import { BACKENDS, openTestLedger } from "../helpers/ledgers.ts";

const NOW = new Date("2026-03-01T00:00:00Z");
const ORG = "urn:epc:id:pgln:8930000.00000";
const SITE = {
  mine: "urn:epc:id:sgln:8930000.00008.0",
  trader: "urn:epc:id:sgln:8930000.00008.1",
  abroad: "urn:epc:id:sgln:8930000.00008.2",
};
const masterData = {
  organisations: [{ id: ORG, name: "Export Test Co.", aliases: [], country: "VN", roles: ["trader"] }],
  sites: [
    { id: SITE.mine, name: "Mine", kind: "mine", operator: ORG, country: "VN" },
    { id: SITE.trader, name: "Trader's yard", kind: "warehouse", operator: ORG, country: "VN" },
    { id: SITE.abroad, name: "Buyer abroad", kind: "warehouse", operator: ORG, country: "CN" },
  ],
};
const LOTS = [lot("00081", "ORE-1"), lot("00081", "ORE-2")];
const ore = { "lode:materialClass": "ore", "lode:assay": oxideAssay(0.03, { Nd2O3: 20, CeO2: 80 }) };
const observe = (bizStep: string, at: string, time: string, lots: string[]) => ({
  type: "ObjectEvent",
  eventTime: time,
  eventTimeZoneOffset: "+07:00",
  epcList: [],
  quantityList: lots.map((l) => kg(l, 1000)),
  action: "OBSERVE",
  bizStep,
  readPoint: { id: at },
  sourceList: [{ type: "location", source: SITE.trader }],
  destinationList: [{ type: "location", destination: SITE.abroad }],
});

for (const backend of BACKENDS) {
  describe(`exports judged in a scope (${backend})`, () => {
    it("names a lot's export as the full evaluation does when the scope holds only that lot", async () => {
      const t = await openTestLedger(backend);
      try {
        await importMasterData(t.ledger, masterData, NOW);
        const documents = [
          LOTS.map((l, i) => lotCreation(`2026-01-0${i + 1}T08:00:00+07:00`, SITE.mine, l, 1000, ore)),
          [observe("shipping", SITE.trader, "2026-01-10T08:00:00+07:00", LOTS)],
          // Later, only the first lot's receipt abroad: the capture touches that lot alone.
          [observe("receiving", SITE.abroad, "2026-01-20T08:00:00+07:00", [LOTS[0] as string])],
        ];
        for (const events of documents) {
          const report = await captureDocument(
            t.ledger,
            { document: chainDocument(events), organisation: ORG },
            { now: () => NOW, newId: randomUUID },
          );
          expect(report.rejected).toEqual([]);
          await evaluateAndRecord(t.ledger, NOW, report.touched ? { scope: report.touched } : {});
        }
        const reference = (await evaluateAllAtOnce(t.ledger, { asOf: "2026-03-01" })).map((f) => f.id).sort();
        expect(reference.filter((id) => id.startsWith("EXPORT_UNPROCESSED")).length).toBe(2);
        const kept = (await listFindings(t.ledger.db))
          .filter((f) => !(f.status === "resolved" && f.statusNote === CLEARED_NOTE))
          .map((f) => f.id)
          .sort();
        expect(kept).toEqual(reference);
      } finally {
        await t.dispose();
      }
    });
  });
}
