// Every route of the OpenAPI document answers through inject with a status it documents for the caller,
// and a SIGTERM-style close lets a capture in flight finish before the ledger closes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REAL_REFERENCE_ORGANISATIONS } from "../../scripts/demo/scenario.ts";
import { listJobs } from "../../src/store/api-store.ts";
import { openTestApi, SITES, type TestApi } from "../helpers/api.ts";

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi("sqlite");
});
afterAll(async () => {
  await api.t.dispose();
});

const CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"];
const sample: Record<string, string> = {
  captureID: "unknown-job",
  eventID: "ni:///sha-256;00?ver=CBV2.0",
  value: "shipping",
  id: "urn:epc:class:lgtin:8930000.000011.NONE",
  format: "ndjson",
};

describe("every documented route", () => {
  it("answers GET routes for an admin without a server error", async () => {
    const spec = (await api.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const gets = Object.entries(spec.paths)
      .filter(([, ops]) => "get" in ops)
      .map(([path]) => path);
    expect(gets.length).toBeGreaterThan(20);
    for (const path of gets) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(sample[name] ?? "x"));
      const res = await api.app.inject({
        method: "GET",
        url,
        headers: { authorization: `Bearer ${api.tokens.admin}` },
      });
      expect([200, 400, 404], `${path} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(
        res.statusCode,
      );
      if (res.statusCode !== 200) expect(res.headers["content-type"]).toContain("application/problem+json");
    }
  });

  it("lists master data and capture jobs", async () => {
    const auth = { authorization: `Bearer ${api.tokens.regulator}` };
    expect(
      (await api.app.inject({ method: "GET", url: "/sites", headers: auth }))
        .json()
        .map((s: { id: string }) => s.id),
    ).toContain("https://id.gs1.org/414/8930000000019");
    expect((await api.app.inject({ method: "GET", url: "/licences", headers: auth })).json()[0].id).toBe(
      "DEMO-A",
    );
    expect(
      (await api.app.inject({ method: "GET", url: "/organisations", headers: auth })).json(),
    ).toHaveLength(5);
    expect((await api.app.inject({ method: "GET", url: "/epcis/capture", headers: auth })).json()).toEqual(
      [],
    );
  });

  it("finds an organisation by name with and without diacritics", async () => {
    const auth = { authorization: `Bearer ${api.tokens.admin}`, "content-type": "application/json" };
    await api.app.inject({
      method: "POST",
      url: "/masterdata",
      headers: auth,
      payload: JSON.stringify({ organisations: REAL_REFERENCE_ORGANISATIONS }),
    });
    const search = async (q: string) =>
      (
        await api.app.inject({
          method: "GET",
          url: `/organisations?search=${encodeURIComponent(q)}`,
          headers: auth,
        })
      )
        .json()
        .map((o: { id: string }) => o.id);
    expect(await search("hung thinh")).toEqual(["urn:lodestone:org:ref:hung-thinh-mineral-investment-group"]);
    expect(await search("Hưng Thịnh")).toEqual(await search("hung thinh"));
    expect(await search("HUNG THINH JSC")).toEqual(await search("hung thinh"));
  });

  it("lets a capture in flight finish when the app closes", async () => {
    const document = {
      "@context": CONTEXT,
      type: "EPCISDocument",
      schemaVersion: "2.0",
      creationDate: "2026-01-01T00:00:00Z",
      epcisBody: {
        eventList: Array.from({ length: 300 }, (_, i) => ({
          type: "ObjectEvent",
          eventTime: `2026-01-01T00:00:${String(i % 60).padStart(2, "0")}Z`,
          eventTimeZoneOffset: "+00:00",
          epcList: [],
          quantityList: [{ epcClass: `urn:epc:class:lgtin:8930000.000011.F-${i}`, quantity: 1, uom: "TNE" }],
          action: "ADD",
          bizLocation: { id: SITES.mineA },
        })),
      },
    };
    const res = await api.app.inject({
      method: "POST",
      url: "/epcis/capture",
      headers: { authorization: `Bearer ${api.tokens.minerA}`, "content-type": "application/json" },
      payload: JSON.stringify(document),
    });
    expect(res.statusCode).toBe(202);
    await api.app.close();
    const [job] = await listJobs(api.t.ledger.db);
    expect(job).toMatchObject({ status: "success", report: { captured: 300 } });
  });
});
