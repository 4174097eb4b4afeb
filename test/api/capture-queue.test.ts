// The capture queue's bound, over real HTTP: a burst beyond it gets 503 with Retry-After and a problem+json
// body, nothing of a refused request is stored, and every accepted job completes. On every backend.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CaptureAdmission } from "../../src/api/capture-admission.ts";
import { countEvents } from "../../src/store/event-store.ts";
import { openTestApi, type TestApi } from "../helpers/api.ts";
import { makeDocument, makeExtraction } from "../helpers/documents.ts";
import { BACKENDS } from "../helpers/ledgers.ts";

const EVENTS_PER_DOCUMENT = 500;
const documents = Array.from({ length: 6 }, (_, d) =>
  JSON.stringify(
    makeDocument(
      Array.from({ length: EVENTS_PER_DOCUMENT }, (_, i) => makeExtraction(d * EVENTS_PER_DOCUMENT + i)),
    ),
  ),
);

describe("the capture admission", () => {
  it("counts jobs and bytes until released, and refuses a document larger than the whole bound", () => {
    const admission = new CaptureAdmission({ maxJobs: 2, maxBytes: 1000 });
    const first = admission.admit(600);
    expect(first.admitted).toBe(true);
    const second = admission.admit(500);
    expect(second).toMatchObject({ admitted: false, status: 503, retryAfterSeconds: 1 });
    expect(second.admitted ? "" : second.detail).toContain("--max-capture-bytes");
    expect(admission.admit(1001)).toMatchObject({ admitted: false, status: 413 });
    const third = admission.admit(300);
    expect(admission.admit(10)).toMatchObject({ admitted: false, status: 503 });
    if (first.admitted) first.release();
    if (third.admitted) third.release();
    expect(admission.inFlight).toEqual({ jobs: 0, bytes: 0 });
  });
});

for (const backend of BACKENDS) {
  describe(`a burst of captures beyond the queue's bound, over HTTP (${backend})`, () => {
    let api: TestApi;
    let base: string;
    beforeAll(async () => {
      api = await openTestApi(backend, { captureLimits: { maxJobs: 1 } });
      await api.app.listen({ host: "127.0.0.1", port: 0 });
      base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await api.app.close();
      await api.t.dispose();
    });
    const headers = () => ({
      authorization: `Bearer ${api.tokens.minerA}`,
      "content-type": "application/ld+json",
    });
    const finished = async (location: string) => {
      for (let i = 0; i < 600; i++) {
        const job = (await (await fetch(`${base}${location}`, { headers: headers() })).json()) as {
          running: boolean;
          success: boolean;
        };
        if (!job.running) return job;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`capture job ${location} did not finish`);
    };

    it("answers 503 with Retry-After past the bound, stores nothing of those, and completes every accepted job", async () => {
      const answers = await Promise.all(
        documents.map((body) => fetch(`${base}/epcis/capture`, { method: "POST", headers: headers(), body })),
      );
      const accepted = answers.filter((r) => r.status === 202);
      const refused = answers.filter((r) => r.status === 503);
      expect(accepted.length + refused.length).toBe(documents.length);
      expect(accepted.length).toBeGreaterThanOrEqual(1);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const r of refused) {
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(r.headers.get("content-type")).toContain("application/problem+json");
        const problem = (await r.json()) as { status: number; title: string; detail: string };
        expect(problem).toMatchObject({ status: 503, title: "Capture queue full" });
        expect(problem.detail).toContain("--max-capture-jobs");
      }
      for (const r of accepted)
        expect(await finished(r.headers.get("location") as string)).toMatchObject({ success: true });
      // Only the accepted documents' events are in the ledger, and no job was made for a refused request.
      expect(await countEvents(api.t.ledger.db)).toBe(accepted.length * EVENTS_PER_DOCUMENT);
      const jobs = (await (await fetch(`${base}/epcis/capture`, { headers: headers() })).json()) as unknown[];
      expect(jobs).toHaveLength(accepted.length);

      // Once the queue has drained, a refused document is accepted when sent again.
      const index = answers.findIndex((r) => r.status === 503);
      const retry = await fetch(`${base}/epcis/capture`, {
        method: "POST",
        headers: headers(),
        body: documents[index],
      });
      expect(retry.status).toBe(202);
      expect(await finished(retry.headers.get("location") as string)).toMatchObject({ success: true });
      expect(await countEvents(api.t.ledger.db)).toBe((accepted.length + 1) * EVENTS_PER_DOCUMENT);
    });
  });
}
