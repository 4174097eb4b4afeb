// Every example document of EPCIS 2.0 is captured through POST /epcis/capture (202, the job succeeds) and read
// back through GET /epcis/events filters that select it, on every backend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventHash } from "../../src/standards/epcis/event-hash.ts";
import { parseEpcisJson } from "../../src/standards/epcis/parse-json.ts";
import { openTestApi, type TestApi, waitForJob } from "../helpers/api.ts";
import { BACKENDS } from "../helpers/ledgers.ts";
import { epcisJsonExamples } from "../helpers/standards.ts";

const examples = epcisJsonExamples().filter(
  ({ document }) => (document as { type: string }).type === "EPCISDocument",
);

for (const backend of BACKENDS) {
  describe(`the standard's examples through the REST binding on ${backend}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(backend);
    });
    afterAll(async () => {
      await api.app.close();
      await api.t.dispose();
    });

    it.each(examples.map((e) => [e.name, e.document] as const))("%s", async (_, document) => {
      const res = await api.app.inject({
        method: "POST",
        url: "/epcis/capture",
        headers: { authorization: `Bearer ${api.tokens.minerA}`, "content-type": "application/ld+json" },
        payload: JSON.stringify(document),
      });
      expect(res.statusCode).toBe(202);
      expect(res.headers.location).toMatch(/^\/epcis\/capture\/.+/);
      expect(await waitForJob(api, res.headers.location as string, api.tokens.minerA)).toMatchObject({
        running: false,
        success: true,
      });
      const parsed = parseEpcisJson(document);
      if (!parsed.ok) throw new Error("example does not parse");
      for (const event of parsed.document.events) {
        const id = eventHash(event);
        const filters = [
          `EQ_eventID=${encodeURIComponent(id)}`,
          `eventType=${event.kind}&EQ_eventID=${encodeURIComponent(id)}`,
        ];
        if (event.bizStep)
          filters.push(
            `EQ_bizStep=${encodeURIComponent(event.bizStep)}&EQ_eventID=${encodeURIComponent(id)}`,
          );
        for (const filter of filters) {
          const found = await api.app.inject({
            method: "GET",
            url: `/epcis/events?${filter}`,
            headers: { authorization: `Bearer ${api.tokens.minerA}` },
          });
          expect(found.statusCode).toBe(200);
          const ids = found
            .json()
            .epcisBody.queryResults.resultsBody.eventList.map((e: { eventID: string }) => e.eventID);
          expect(ids.length).toBe(1);
        }
      }
    });
  });
}
