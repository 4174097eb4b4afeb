// Capture is all or nothing, deduplicates by canonical id, and the query service reads it back: on every backend.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LodestoneError } from "../../src/domain/errors.ts";
import { type CaptureContext, captureDocument } from "../../src/services/capture.ts";
import { queryEvents } from "../../src/services/query.ts";
import { countEvents } from "../../src/store/event-store.ts";
import { extractions, makeDocument, makeExtraction } from "../helpers/documents.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const ORG = "urn:epc:id:pgln:8930000.00009";
const context = (instant = "2026-03-01T00:00:00.000Z"): CaptureContext => ({
  now: () => new Date(instant),
  newId: randomUUID,
});

for (const backend of BACKENDS) {
  describe(`capture on ${backend}`, () => {
    let t: TestLedger;
    beforeEach(async () => {
      t = await openTestLedger(backend);
    });
    afterEach(async () => {
      await t.dispose();
    });

    it("stores nothing from a document of 999 good events and one bad one, naming event 999", async () => {
      const events = extractions(1000);
      const bad = makeExtraction(999, { quantity: -5 });
      events[999] = bad;
      const report = await captureDocument(
        t.ledger,
        { document: makeDocument(events), organisation: ORG },
        context(),
      );
      expect(report.captured).toBe(0);
      expect(report.rejected).toEqual([
        {
          event: 999,
          path: "$.quantityList[0].quantity",
          message: "quantity must be greater than zero, got -5",
        },
      ]);
      expect(await countEvents(t.ledger.db)).toBe(0);

      events[999] = makeExtraction(999);
      const fixed = await captureDocument(
        t.ledger,
        { document: makeDocument(events), organisation: ORG },
        context(),
      );
      expect(fixed).toMatchObject({ captured: 1000, duplicates: 0, rejected: [] });
      expect(await countEvents(t.ledger.db)).toBe(1000);

      const again = await captureDocument(
        t.ledger,
        { document: makeDocument(events), organisation: ORG },
        context(),
      );
      expect(again).toMatchObject({ captured: 0, duplicates: 1000, rejected: [] });
      expect(await countEvents(t.ledger.db)).toBe(1000);
    });

    it("counts an event repeated inside one document once", async () => {
      const e = makeExtraction(1);
      const report = await captureDocument(
        t.ledger,
        { document: makeDocument([e, e]), organisation: ORG },
        context(),
      );
      expect(report).toMatchObject({ captured: 1, duplicates: 1 });
      expect(report.eventHashes[0]).toBe(report.eventHashes[1]);
    });

    it("assigns record time from the ledger's clock, not the sender's recordTime", async () => {
      const e = { ...makeExtraction(1), recordTime: "2001-01-01T00:00:00Z" };
      await captureDocument(
        t.ledger,
        { document: makeDocument([e]), organisation: ORG },
        context("2026-03-02T10:00:00.000Z"),
      );
      const { events } = await queryEvents(t.ledger, {});
      expect(events[0]?.recordTime).toBe("2026-03-02T10:00:00.000Z");
      expect(events[0]?.capturingOrganisation).toBe(ORG);
    });

    describe("SimpleEventQuery", () => {
      beforeEach(async () => {
        const shipped = {
          ...makeExtraction(50, {
            bizStep: "shipping",
            lot: "urn:epc:class:lgtin:8930000.000022.CONC-0142",
            quantity: 240000,
          }),
          action: "OBSERVE",
          disposition: "in_transit",
          bizTransactionList: [
            { type: "inv", bizTransaction: "urn:epc:id:gdti:8930000.00001.EXP-2026-0142" },
          ],
          sourceList: [{ type: "owning_party", source: "urn:epc:id:pgln:8930000.00009" }],
          destinationList: [{ type: "owning_party", destination: "urn:epc:id:pgln:8800000.00001" }],
        };
        const transformation = {
          type: "TransformationEvent",
          eventTime: "2026-01-20T10:00:00.000+07:00",
          eventTimeZoneOffset: "+07:00",
          inputQuantityList: [
            { epcClass: "urn:epc:class:lgtin:8930000.000011.ORE-00001", quantity: 25000, uom: "KGM" },
          ],
          outputQuantityList: [
            { epcClass: "urn:epc:class:lgtin:8930000.000022.CONC-0001", quantity: 1.3125, uom: "TNE" },
          ],
          transformationID: "urn:uuid:5f1e0c3a-0000-4000-8000-000000000001",
          bizLocation: { id: "urn:epc:id:sgln:8930000.00002.0" },
        };
        await captureDocument(
          t.ledger,
          { document: makeDocument([...extractions(5), shipped, transformation]), organisation: ORG },
          context(),
        );
      });

      const count = async (params: Record<string, string>) =>
        (await queryEvents(t.ledger, params)).events.length;

      it("filters by event type, action, bizStep and disposition", async () => {
        expect(await count({ eventType: "TransformationEvent" })).toBe(1);
        expect(await count({ eventType: "ObjectEvent|TransformationEvent" })).toBe(7);
        expect(await count({ EQ_action: "ADD" })).toBe(5);
        expect(await count({ EQ_bizStep: "shipping" })).toBe(1);
        expect(await count({ EQ_bizStep: "https://ref.gs1.org/cbv/BizStep-shipping" })).toBe(1);
        expect(await count({ EQ_disposition: "in_transit" })).toBe(1);
      });

      it("filters by event time and record time", async () => {
        expect(await count({ GE_eventTime: "2026-01-20T03:00:00Z" })).toBe(1);
        expect(await count({ LT_eventTime: "2026-01-15T08:00:02+07:00" })).toBe(2);
        expect(
          await count({ GE_recordTime: "2026-03-01T00:00:00Z", LT_recordTime: "2026-03-01T00:00:01Z" }),
        ).toBe(7);
        expect(await count({ GE_recordTime: "2026-03-02T00:00:00Z" })).toBe(0);
      });

      it("matches identifiers in URN and Digital Link form alike", async () => {
        expect(await count({ MATCH_epcClass: "urn:epc:class:lgtin:8930000.000022.CONC-0142" })).toBe(1);
        expect(await count({ MATCH_epcClass: "https://id.gs1.org/01/08930000000224/10/CONC-0142" })).toBe(1);
        expect(await count({ MATCH_anyEPCClass: "urn:epc:class:lgtin:8930000.000011.ORE-00001" })).toBe(2);
        expect(await count({ MATCH_inputEPCClass: "urn:epc:class:lgtin:8930000.000011.ORE-00001" })).toBe(1);
        expect(await count({ MATCH_outputEPCClass: "urn:epc:class:lgtin:8930000.000022.CONC-0001" })).toBe(1);
        expect(await count({ MATCH_anyEPCClass: "urn:epc:idpat:sgtin:8930000.000022.*" })).toBe(2);
        expect(await count({ EQ_bizLocation: "https://id.gs1.org/414/8930000000026" })).toBe(1);
        expect(await count({ EQ_readPoint: "urn:epc:id:sgln:8930000.00001.0" })).toBe(6);
        expect(await count({ EQ_transformationID: "urn:uuid:5f1e0c3a-0000-4000-8000-000000000001" })).toBe(1);
      });

      it("compares quantities", async () => {
        expect(await count({ GT_quantity: "100000" })).toBe(1);
        expect(await count({ EQ_quantity: "1.3125" })).toBe(1);
        expect(await count({ LE_quantity: "25000" })).toBe(6);
        expect(await count({ LT_quantity: "2" })).toBe(1);
        expect(await count({ GE_quantity: "25000", LE_quantity: "25000" })).toBe(6);
      });

      it("filters by business transaction, source and destination of a type", async () => {
        expect(await count({ EQ_bizTransaction_inv: "urn:epc:id:gdti:8930000.00001.EXP-2026-0142" })).toBe(1);
        expect(await count({ EQ_bizTransaction_po: "urn:epc:id:gdti:8930000.00001.EXP-2026-0142" })).toBe(0);
        expect(await count({ EQ_source_owning_party: "urn:epc:id:pgln:8930000.00009" })).toBe(1);
        expect(await count({ EQ_destination_owning_party: "https://id.gs1.org/417/8800000000015" })).toBe(1);
      });

      it("finds an event by its canonical id or by the sender's eventID", async () => {
        const all = await queryEvents(t.ledger, {});
        const hash = all.events[2]?.eventHash as string;
        expect((await queryEvents(t.ledger, { EQ_eventID: hash })).events.map((e) => e.eventHash)).toEqual([
          hash,
        ]);
      });

      it("orders, limits and pages with an opaque cursor", async () => {
        const ordered = await queryEvents(t.ledger, { orderBy: "eventTime", orderDirection: "DESC" });
        expect(ordered.events[0]?.event.kind).toBe("TransformationEvent");
        const limited = await queryEvents(t.ledger, { orderBy: "eventTime", eventCountLimit: "3" });
        expect(limited.events).toHaveLength(3);
        const seen: string[] = [];
        let params: Record<string, string> = { orderBy: "eventTime", perPage: "2" };
        for (;;) {
          const page = await queryEvents(t.ledger, params);
          seen.push(...page.events.map((e) => e.eventHash));
          if (!page.nextPageToken) break;
          params = { orderBy: "eventTime", perPage: "2", nextPageToken: page.nextPageToken };
        }
        expect(seen).toEqual(ordered.events.map((e) => e.eventHash).reverse());
      });

      it("enforces the binding's rules on eventCountLimit and maxEventCount", async () => {
        await expect(queryEvents(t.ledger, { eventCountLimit: "2" })).rejects.toMatchObject({
          code: "QUERY_PARAMETER",
          message: expect.stringContaining("orderBy"),
        });
        await expect(
          queryEvents(t.ledger, { orderBy: "eventTime", eventCountLimit: "2", maxEventCount: "5" }),
        ).rejects.toMatchObject({
          code: "QUERY_PARAMETER",
        });
        await expect(queryEvents(t.ledger, { maxEventCount: "3" })).rejects.toMatchObject({
          code: "QUERY_TOO_LARGE",
        });
        expect((await queryEvents(t.ledger, { maxEventCount: "7" })).events).toHaveLength(7);
      });

      it("rejects unknown parameters and malformed values with the parameter's name", async () => {
        const cases: Record<string, string>[] = [
          { EQ_colour: "red" },
          { orderDirection: "UP" },
          { GE_eventTime: "yesterday" },
          { GT_quantity: "many" },
          { EQ_action: "SELL" },
          { nextPageToken: "not-a-token" },
        ];
        for (const params of cases) {
          const error = await queryEvents(t.ledger, params).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(LodestoneError);
          expect((error as LodestoneError).message).toContain(Object.keys(params)[0]);
        }
      });
    });
  });
}
