// One event, one identity, one row: an event written by our serialisers to JSON-LD and XML, then rewritten
// the way another system might write it (prefix names, key, attribute and element order, CURIEs or full IRIs,
// EPC URNs or Digital Links), hashes to one id in every form and is stored once, on both backends.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src/domain/events.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { eventHash } from "../../src/standards/epcis/event-hash.ts";
import { serializeDocument } from "../../src/standards/epcis/serialize-json.ts";
import { serializeDocumentXml } from "../../src/standards/epcis/serialize-xml.ts";
import { jsonVariant, xmlVariant } from "../helpers/epcis-variants.ts";
import { ledgerEventArb } from "../helpers/event-arbitraries.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const RECORDED = "2026-01-01T00:00:00.000Z";
const viewsOf = (events: LedgerEvent[]) =>
  events.map((event) => ({ event, eventHash: eventHash(event), recordTime: RECORDED }));
const context = { now: () => new Date(RECORDED), newId: randomUUID };

const QUANTITY_FIELDS = ["quantities", "childQuantities", "inputQuantities", "outputQuantities"] as const;

/**
 * Each event's own lots: the ledger keeps every lot's mass balance across captures, so lots shared with other
 * events would be refused as over-consumed, which is the ledger working, not what this test is about.
 */
function withLotsOfRun(events: LedgerEvent[], run: number): LedgerEvent[] {
  return events.map((event, e) => {
    const copy: Record<string, unknown> = { ...event };
    for (const field of QUANTITY_FIELDS) {
      const list = copy[field] as { epcClass: string }[] | undefined;
      if (list) copy[field] = list.map((q) => ({ ...q, epcClass: `${q.epcClass}R${run}E${e}` }));
    }
    return copy as unknown as LedgerEvent;
  });
}

for (const backend of BACKENDS) {
  describe(`one canonical id in every serialisation (${backend})`, () => {
    let test: TestLedger;
    beforeAll(async () => {
      test = await openTestLedger(backend);
    });
    afterAll(async () => test.dispose());

    it("every rewrite of a document gives the original's ids and stores nothing new", async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(ledgerEventArb, { minLength: 1, maxLength: 3 }),
          fc.array(fc.integer(), { minLength: 4, maxLength: 4 }),
          async (generated, seeds) => {
            const events = withLotsOfRun(generated, run++);
            const ids = events.map(eventHash);
            const json = JSON.parse(JSON.stringify(serializeDocument(viewsOf(events), RECORDED)));
            const xml = serializeDocumentXml(viewsOf(events), RECORDED);
            const first = await captureDocument(
              test.ledger,
              { document: json, format: "json", organisation: "urn:test:org" },
              context,
            );
            expect(first.rejected).toEqual([]);
            expect(first.eventHashes).toEqual(ids);
            const [a = 0, b = 0, c = 0, d = 0] = seeds;
            const rewrites = [
              { document: jsonVariant(json, a), format: "json" as const },
              { document: jsonVariant(json, b), format: "json" as const },
              { document: xmlVariant(xml, c), format: "xml" as const },
              { document: xmlVariant(xml, d), format: "xml" as const },
            ];
            for (const rewrite of rewrites) {
              const report = await captureDocument(
                test.ledger,
                { ...rewrite, organisation: "urn:test:org" },
                context,
              );
              const shown =
                typeof rewrite.document === "string" ? rewrite.document : JSON.stringify(rewrite.document);
              expect(report.rejected, shown).toEqual([]);
              expect(report.eventHashes, shown).toEqual(ids);
              expect(report.captured, shown).toBe(0);
            }
          },
        ),
        { numRuns: backend === "sqlite" ? 60 : 30 },
      );
    });
  });
}
