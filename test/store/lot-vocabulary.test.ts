// What a creation event can say of a lot beyond class and assay: a product name, and an extraction point taken
// from a geo: readPoint when no lode:point gives it (docs/epcis-extensions.md). On every backend.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { pointFromGeoUri } from "../../src/standards/lodestone/vocabulary.ts";
import { getLots } from "../../src/store/lot-store.ts";
import { chainDocument, lot, oxideAssay } from "../helpers/chain.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

describe("a geo: URI as an extraction point", () => {
  it("reads latitude and longitude, with altitude and uncertainty ignored", () => {
    expect(pointFromGeoUri("geo:21.72,104.91")).toEqual({ lat: 21.72, lon: 104.91 });
    expect(pointFromGeoUri("geo:-33.5,151,120;u=30")).toEqual({ lat: -33.5, lon: 151 });
    expect(pointFromGeoUri("geo:21.72,104.91;crs=wgs84")).toEqual({ lat: 21.72, lon: 104.91 });
  });

  it("gives no point for another reference system, a position off the globe or another URI", () => {
    expect(pointFromGeoUri("geo:21.72,104.91;crs=utm33")).toBeUndefined();
    expect(pointFromGeoUri("geo:95,104.91")).toBeUndefined();
    expect(pointFromGeoUri("urn:epc:id:sgln:8930000.00001.0")).toBeUndefined();
    expect(pointFromGeoUri(undefined)).toBeUndefined();
  });
});

const PIT = "urn:epc:id:sgln:8930000.00001.0";
const ORE = lot("00011", "GEO-ORE-1");
const ORE_POINTED = lot("00011", "GEO-ORE-2");
const OXIDE = lot("00044", "NAMED-OXIDE-1");

function document() {
  const extraction = (epcClass: string, ilmd: object) => ({
    type: "ObjectEvent",
    eventTime: "2026-05-01T08:00:00+07:00",
    eventTimeZoneOffset: "+07:00",
    epcList: [],
    quantityList: [{ epcClass, quantity: 10, uom: "TNE" }],
    action: "ADD",
    bizStep: "commissioning",
    bizLocation: { id: PIT },
    readPoint: { id: "geo:21.72,104.91" },
    ilmd: { "lode:materialClass": "ore", "lode:licence": "GEO-LIC", "lode:country": "VN", ...ilmd },
  });
  return chainDocument([
    extraction(ORE, {}),
    extraction(ORE_POINTED, { "lode:point": { "lode:lat": 21.7, "lode:lon": 104.9 } }),
    {
      type: "ObjectEvent",
      eventTime: "2026-05-02T08:00:00+07:00",
      eventTimeZoneOffset: "+07:00",
      epcList: [],
      quantityList: [{ epcClass: OXIDE, quantity: 1, uom: "TNE" }],
      action: "ADD",
      bizStep: "commissioning",
      bizLocation: { id: PIT },
      ilmd: {
        "lode:materialClass": "mixed_oxide",
        "lode:productName": "SEG oxide (Sm-Eu-Gd) 99%",
        "lode:assay": oxideAssay(0.99, { Sm2O3: 0.5, Eu2O3: 0.1, Gd2O3: 0.4 }),
      },
    },
  ]);
}

for (const backend of BACKENDS) {
  describe(`lot vocabulary through capture (${backend})`, () => {
    let t: TestLedger;
    beforeEach(async () => {
      t = await openTestLedger(backend);
    });
    afterEach(async () => t.dispose());

    it("stores the product name and class of a group cut, and the extraction point of a geo: readPoint", async () => {
      const report = await captureDocument(
        t.ledger,
        { document: document(), organisation: "urn:lodestone:org:test" },
        { now: () => new Date("2026-05-03T00:00:00Z"), newId: randomUUID },
      );
      expect(report.rejected).toEqual([]);
      const lots = await getLots(t.ledger.db, [ORE, ORE_POINTED, OXIDE].map(canonicalIdentifier));
      expect(lots.get(canonicalIdentifier(ORE))?.point).toEqual({ lat: 21.72, lon: 104.91 });
      // The extension field is the more specific statement and wins over the readPoint.
      expect(lots.get(canonicalIdentifier(ORE_POINTED))?.point).toEqual({ lat: 21.7, lon: 104.9 });
      const oxide = lots.get(canonicalIdentifier(OXIDE));
      expect(oxide?.materialClass).toBe("mixed_oxide");
      expect(oxide?.productName).toBe("SEG oxide (Sm-Eu-Gd) 99%");
    });
  });
}
