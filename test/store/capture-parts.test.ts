// A document captured in parts (the streamed path for large files), on every backend: batch after batch in one
// transaction, stored whole with the same canonical ids as in one piece, or, if any batch is refused, not at all.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { captureInParts, type DocumentParts } from "../../src/services/capture-parts.ts";
import { extractions, makeDocument, makeExtraction } from "../helpers/documents.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const context = { now: () => new Date("2026-02-01T00:00:00Z"), newId: randomUUID };
const header = () => {
  const { epcisBody: _, ...rest } = makeDocument([]);
  return { ...rest, epcisBody: {} };
};
function parts(batches: Record<string, unknown>[][]): DocumentParts {
  return {
    header: header(),
    batches: (async function* () {
      for (const b of batches) yield b;
    })(),
  };
}
const count = async (t: TestLedger, table: "events" | "capture_documents" | "lots") =>
  Number(
    (
      await t.ledger.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst()
    )?.n ?? 0,
  );

for (const backend of BACKENDS) {
  describe(`capture in parts (${backend})`, () => {
    let t: TestLedger;
    beforeEach(async () => {
      t = await openTestLedger(backend);
    });
    afterEach(async () => t.dispose());

    it("stores every batch in one capture, with the ids a capture in one piece gives", async () => {
      const events = extractions(500);
      const batches = [0, 1, 2, 3, 4].map((i) => events.slice(i * 100, i * 100 + 100));
      // A repeat of the first event in the last batch is a duplicate, as within one document.
      batches[4]?.push(events[0] as Record<string, unknown>);
      const report = await captureInParts(
        t.ledger,
        { parts: parts(batches), organisation: "urn:test" },
        context,
      );
      expect(report.rejected).toEqual([]);
      expect([report.captured, report.duplicates, report.eventHashes.length]).toEqual([500, 1, 501]);
      expect(await count(t, "events")).toBe(500);
      expect(await count(t, "capture_documents")).toBe(1);
      expect(await count(t, "lots")).toBe(500);
      const row = await t.ledger.db.selectFrom("capture_documents").selectAll().executeTakeFirstOrThrow();
      expect([row.event_count, row.captured_count, row.duplicate_count]).toEqual([501, 500, 1]);
      expect(report.touched?.lots.size).toBe(500);
      // The same events in one piece, into another ledger, get the same canonical ids.
      const other = await openTestLedger(backend);
      try {
        const whole = await captureDocument(
          other.ledger,
          { document: makeDocument(batches.flat()), organisation: "urn:test" },
          context,
        );
        expect(whole.eventHashes).toEqual(report.eventHashes);
      } finally {
        await other.dispose();
      }
    });

    it("stores nothing when a late batch is refused, and names the event by its place in the whole document", async () => {
      const events = extractions(400);
      const bad = makeExtraction(999, { eventTime: "not a time" });
      const batches = [events.slice(0, 100), events.slice(100, 200), [...events.slice(200, 250), bad]];
      const report = await captureInParts(
        t.ledger,
        { parts: parts(batches), organisation: "urn:test" },
        context,
      );
      expect(report.captured).toBe(0);
      expect(report.rejected[0]?.event).toBe(250);
      expect(await count(t, "events")).toBe(0);
      expect(await count(t, "capture_documents")).toBe(0);
      expect(await count(t, "lots")).toBe(0);
    });

    it("stores nothing when the source fails midway (a cut file), and says why", async () => {
      const failing: DocumentParts = {
        header: header(),
        batches: (async function* () {
          yield extractions(100);
          throw new (await import("../../src/domain/errors.ts")).LodestoneError(
            "EPCIS_INVALID",
            "big.jsonld: not JSON: unexpected end of input",
          );
        })(),
      };
      const report = await captureInParts(t.ledger, { parts: failing, organisation: "urn:test" }, context);
      expect(report.rejected).toEqual([
        { path: "$", message: "big.jsonld: not JSON: unexpected end of input" },
      ]);
      expect(await count(t, "events")).toBe(0);
    });
  });
}
