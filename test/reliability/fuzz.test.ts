// Fuzzing capture: valid EPCIS documents mutated (dropped, duplicated, retyped and nested fields, odd Unicode,
// truncated bodies) and captured through the service and through the HTTP API. Never a crash, never a 500,
// never a partial write, and every refusal names where and why. LODESTONE_FUZZ_RUNS sets the cases per
// property (5,000 each in `npm test`, 50,000 each in `npm run fuzz`).
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { openTestApi, type TestApi } from "../helpers/api.ts";
import { workedChainDocument } from "../helpers/chain.ts";
import { CONTEXT, extractions, makeDocument } from "../helpers/documents.ts";
import { mutate, mutationArb } from "../helpers/mutations.ts";

const RUNS = Number(process.env.LODESTONE_FUZZ_RUNS ?? 5000);
const BASES = [makeDocument(extractions(3)), workedChainDocument()];

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi("sqlite");
});
afterAll(async () => {
  await api.app.close();
  await api.t.dispose();
});

/** What the store holds: events, capture documents and lots. */
async function counts() {
  const db = api.t.ledger.db;
  const n = async (table: "events" | "capture_documents" | "lots") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { events: await n("events"), captures: await n("capture_documents"), lots: await n("lots") };
}

describe("fuzzing capture", () => {
  it(`through the service: ${RUNS} mutated documents, whole or nothing, every refusal explained`, async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BASES.keys()),
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        async (base, mutations) => {
          const document = mutate(BASES[base], mutations);
          const before = await counts();
          const report = await captureDocument(
            api.t.ledger,
            { document, organisation: "urn:epc:id:pgln:8930000.00001" },
            { now: () => new Date(), newId: randomUUID },
          );
          const after = await counts();
          if (report.rejected.length > 0) {
            refused++;
            expect(after).toEqual(before);
            for (const problem of report.rejected) {
              expect(problem.path).toMatch(/^\$/);
              expect(problem.message.trim()).not.toBe("");
            }
          } else {
            expect(after.events - before.events).toBe(report.captured);
            expect(after.captures - before.captures).toBe(1);
          }
        },
      ),
      { numRuns: RUNS },
    );
    // The mutations reach both outcomes: most documents are refused, some still capture.
    expect(refused).toBeGreaterThan(RUNS / 4);
    expect(refused).toBeLessThan(RUNS);
  }, 600_000);

  it(`through the HTTP API: ${RUNS} mutated or truncated events, never a 500, never a partial write`, async () => {
    const token = api.tokens.minerA;
    const events = BASES.flatMap((d) => (d.epcisBody as { eventList: Record<string, unknown>[] }).eventList);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...events.keys()),
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (index, mutations, cut) => {
          const event = mutate({ "@context": CONTEXT, ...events[index] }, mutations);
          let body = JSON.stringify(event) ?? "";
          if (cut !== undefined) body = body.slice(0, cut % (body.length + 1));
          const before = await counts();
          const res = await api.app.inject({
            method: "POST",
            url: "/epcis/events",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/ld+json" },
            payload: body,
          });
          const after = await counts();
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode === 201) {
            expect(after.events - before.events).toBe(res.json().duplicate ? 0 : 1);
          } else {
            expect(res.statusCode).toBeGreaterThanOrEqual(400);
            expect(after).toEqual(before);
            const problem = res.json();
            expect(problem.detail.trim()).not.toBe("");
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);
});
