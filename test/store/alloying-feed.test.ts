// A purchased alloying feed (ferro-boron) with its own assay has a known composition with no rare earth in it:
// the alloy's Nd and Pr trace wholly to the metal's origin. Without the feed's assay its composition is unknown
// and the inputs weigh by mass (provenance.ts, edgeWeights). On every backend.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { traceLot } from "../../src/services/trace.ts";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { chainDocument, elementAssay, kg, lot, lotCreation } from "../helpers/chain.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const METAL_PLANT = "urn:epc:id:sgln:8930000.00005.0";
const FEED_SUPPLIER = "urn:epc:id:sgln:8800000.00021.0";
const ALLOY_PLANT = "urn:epc:id:sgln:8800000.00006.0";
const METAL = lot("00055", "NDPRM-FEED-1");
const FEED = lot("00099", "FEB-1");
const ALLOY = lot("00066", "ALLOY-FEED-1");

function chain(feedAssay: boolean) {
  return chainDocument([
    lotCreation("2026-05-01T08:00:00+07:00", METAL_PLANT, METAL, 100, {
      "lode:materialClass": "metal",
      "lode:assay": elementAssay({ Nd: 0.75, Pr: 0.25 }),
    }),
    lotCreation("2026-05-01T09:00:00+07:00", FEED_SUPPLIER, FEED, 200, {
      "lode:materialClass": "alloying_feed",
      ...(feedAssay ? { "lode:assay": elementAssay({ Fe: 0.8, B: 0.195 }) } : {}),
    }),
    {
      type: "TransformationEvent",
      eventTime: "2026-05-02T08:00:00+07:00",
      eventTimeZoneOffset: "+07:00",
      inputQuantityList: [kg(METAL, 100), kg(FEED, 200)],
      outputQuantityList: [kg(ALLOY, 300)],
      bizLocation: { id: ALLOY_PLANT },
      ilmd: {
        "lode:lots": [
          {
            "lode:lot": ALLOY,
            "lode:materialClass": "alloy",
            "lode:assay": elementAssay({ Nd: 0.25, Pr: 0.25 / 3, Fe: 0.8 * (2 / 3), B: 0.195 * (2 / 3) }),
          },
        ],
      },
    },
  ]);
}

for (const backend of BACKENDS) {
  describe(`an alloying feed in the origin shares (${backend})`, () => {
    let t: TestLedger;
    beforeEach(async () => {
      t = await openTestLedger(backend);
    });
    afterEach(async () => t.dispose());
    const capture = async (feedAssay: boolean) => {
      const report = await captureDocument(
        t.ledger,
        { document: chain(feedAssay), organisation: "urn:lodestone:org:test" },
        { now: () => new Date("2026-05-03T00:00:00Z"), newId: randomUUID },
      );
      expect(report.rejected).toEqual([]);
    };

    it("with the feed's assay, the alloy's Nd and Pr come wholly from the metal's plant", async () => {
      await capture(true);
      const trace = await traceLot(t.ledger, ALLOY, { elements: ["Nd", "Pr"] });
      for (const element of ["Nd", "Pr"] as const) {
        expect(trace.originShares[element]?.map((s) => [s.site, s.share])).toEqual([
          [canonicalIdentifier(METAL_PLANT), 1],
        ]);
      }
    });

    it("without it, the feed is of unknown composition and takes its share by mass", async () => {
      await capture(false);
      const trace = await traceLot(t.ledger, ALLOY, { elements: ["Nd"] });
      const shares = Object.fromEntries((trace.originShares.Nd ?? []).map((s) => [s.site, s.share]));
      expect(shares[canonicalIdentifier(METAL_PLANT)]).toBeCloseTo(1 / 3, 12);
      expect(shares[canonicalIdentifier(FEED_SUPPLIER)]).toBeCloseTo(2 / 3, 12);
    });
  });
}
