// Every example document of EPCIS 2.0 is captured, read back through the query service, and keeps its
// canonical ids through a serialize-and-parse round trip; on every backend.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { queryEvents } from "../../src/services/query.ts";
import { eventHash } from "../../src/standards/epcis/event-hash.ts";
import { parseEpcisJson } from "../../src/standards/epcis/parse-json.ts";
import { serializeQueryDocument } from "../../src/standards/epcis/serialize-json.ts";
import { createEpcisAjv } from "../../src/standards/epcis/validate.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";
import { epcisJsonExamples, readStandardJson } from "../helpers/standards.ts";

const official = createEpcisAjv().compile(
  readStandardJson("epcis", "epcis-json-schema-2.0.1.json") as object,
);
const examples = epcisJsonExamples();

for (const backend of BACKENDS) {
  describe(`the standard's examples on ${backend}`, () => {
    let t: TestLedger;
    const hashesByExample = new Map<string, string[]>();

    beforeAll(async () => {
      t = await openTestLedger(backend);
      for (const { name, document } of examples) {
        const report = await captureDocument(
          t.ledger,
          { document, organisation: "urn:lodestone:org:conformance", sourceName: name },
          { now: () => new Date("2026-03-01T00:00:00Z"), newId: randomUUID },
        );
        if (report.rejected.length > 0)
          throw new Error(`${name} rejected: ${JSON.stringify(report.rejected)}`);
        hashesByExample.set(name, report.eventHashes);
      }
    });
    afterAll(async () => {
      await t.dispose();
    });

    it.each(examples.map((e) => e.name))(
      "captures %s and reads each of its events back by id",
      async (name) => {
        const hashes = hashesByExample.get(name) ?? [];
        expect(hashes.length).toBeGreaterThan(0);
        for (const hash of hashes) {
          const { events } = await queryEvents(t.ledger, { EQ_eventID: hash });
          expect(events.map((e) => e.eventHash)).toEqual([hash]);
          expect(eventHash(events[0]?.event as never)).toBe(hash);
        }
      },
    );

    it("round-trips every stored event: serialized, valid for the official schema, parsed, same ids", async () => {
      const { events } = await queryEvents(t.ledger, {});
      const stored = new Set([...hashesByExample.values()].flat());
      expect(new Set(events.map((e) => e.eventHash))).toEqual(stored);
      const document = serializeQueryDocument(events, "2026-03-01T00:00:00Z");
      expect(official(document)).toBe(true);
      const reparsed = parseEpcisJson(JSON.parse(JSON.stringify(document)));
      if (!reparsed.ok) throw new Error(JSON.stringify(reparsed.problems));
      expect(reparsed.document.events.map(eventHash)).toEqual(events.map((e) => e.eventHash));
    });
  });
}
