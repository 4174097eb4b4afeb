// The HTTP API through inject, on every backend: the EPCIS binding's rules, problem+json for bad input,
// the isolation matrix of roles, the audit chain, and the OpenAPI document kept in step with the code.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { verifyAudit } from "../../src/store/api-store.ts";
import { openTestApi, PARTIES, SITES, type TestApi, waitForJob } from "../helpers/api.ts";
import { BACKENDS } from "../helpers/ledgers.ts";

const CONTEXT = [
  "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
  { lode: "https://lodestone.dev/ns/" },
];
const LOT_A = "urn:epc:class:lgtin:8930000.000011.ORE-A-1";
const LOT_B = "urn:epc:class:lgtin:8930000.000011.ORE-B-1";

const doc = (events: unknown[]) => ({
  "@context": CONTEXT,
  type: "EPCISDocument",
  schemaVersion: "2.0",
  creationDate: "2026-01-01T00:00:00Z",
  epcisBody: { eventList: events },
});
const extraction = (lot: string, site: string, t: number) => ({
  type: "ObjectEvent",
  eventTime: "2026-02-01T08:00:00+07:00",
  eventTimeZoneOffset: "+07:00",
  epcList: [],
  quantityList: [{ epcClass: lot, quantity: t, uom: "TNE" }],
  action: "ADD",
  bizStep: "commissioning",
  bizLocation: { id: site },
  ilmd: {
    "lode:materialClass": "ore",
    "lode:assay": { "lode:massFractions": { "lode:TREO": 0.03, "lode:Nd2O3": 0.0039 } },
  },
});
const shipment = (lot: string, from: string, to: string, toOrg: string, step: "shipping" | "receiving") => ({
  type: "ObjectEvent",
  eventTime: `2026-02-0${step === "shipping" ? 2 : 9}T08:00:00+07:00`,
  eventTimeZoneOffset: "+07:00",
  epcList: [],
  quantityList: [{ epcClass: lot, quantity: 800, uom: "TNE" }],
  action: "OBSERVE",
  bizStep: step,
  readPoint: { id: step === "shipping" ? from : to },
  sourceList: [{ type: "location", source: from }],
  destinationList: [
    { type: "location", destination: to },
    { type: "owning_party", destination: toOrg },
  ],
});

for (const backend of BACKENDS) {
  describe(`API on ${backend}`, () => {
    let api: TestApi;
    const auth = (who: keyof TestApi["tokens"]) => ({ authorization: `Bearer ${api.tokens[who]}` });
    const get = (who: keyof TestApi["tokens"], url: string) =>
      api.app.inject({ method: "GET", url, headers: auth(who) });
    const post = (
      who: keyof TestApi["tokens"],
      url: string,
      payload: unknown,
      contentType = "application/ld+json",
    ) =>
      api.app.inject({
        method: "POST",
        url,
        headers: { ...auth(who), "content-type": contentType },
        payload: typeof payload === "string" ? payload : JSON.stringify(payload),
      });
    let eventA = "";
    let eventB = "";

    beforeAll(async () => {
      api = await openTestApi(backend);
      // Miner A extracts 1,200 t (over its 1,000 t capacity) and ships 800 t to the buyer; miner B extracts on its own.
      const a = await post(
        "minerA",
        "/epcis/capture",
        doc([
          extraction(LOT_A, SITES.mineA, 1200),
          shipment(LOT_A, SITES.mineA, SITES.buyerYard, PARTIES.buyer, "shipping"),
        ]),
      );
      expect(a.statusCode).toBe(202);
      expect(await waitForJob(api, a.headers.location as string, api.tokens.minerA)).toMatchObject({
        running: false,
        success: true,
        errors: [],
      });
      const b = await post("minerB", "/epcis/events", {
        "@context": CONTEXT,
        ...extraction(LOT_B, SITES.mineB, 50),
      });
      expect(b.statusCode).toBe(201);
      eventB = b.json().eventID;
      const r = await post("buyer", "/epcis/events", {
        "@context": CONTEXT,
        ...shipment(LOT_A, SITES.mineA, SITES.buyerYard, PARTIES.buyer, "receiving"),
      });
      expect(r.statusCode).toBe(201);
      eventA = (await get("minerA", "/epcis/events?eventType=ObjectEvent&EQ_action=ADD")).json().epcisBody
        .queryResults.resultsBody.eventList[0].eventID;
    });
    afterAll(async () => {
      await api.app.close();
      await api.t.dispose();
    });

    describe("the EPCIS binding", () => {
      it("answers with the GS1 version headers and an EPCISQueryDocument", async () => {
        const res = await get("minerA", "/epcis/events");
        expect(res.statusCode).toBe(200);
        expect(res.headers["gs1-epcis-version"]).toBe("2.0.0");
        expect(res.headers["gs1-cbv-version"]).toBe("2.0.0");
        expect(res.json().type).toBe("EPCISQueryDocument");
      });

      it.each([
        [
          "eventCountLimit without orderBy",
          "/epcis/events?eventCountLimit=1",
          400,
          "epcisException:QueryParameterException",
        ],
        [
          "eventCountLimit with maxEventCount",
          "/epcis/events?orderBy=eventTime&eventCountLimit=1&maxEventCount=5",
          400,
          "epcisException:QueryParameterException",
        ],
        [
          "more results than maxEventCount",
          "/epcis/events?maxEventCount=1",
          413,
          "epcisException:QueryTooLargeException",
        ],
        [
          "an unknown query parameter",
          "/epcis/events?EQ_colour=red",
          400,
          "epcisException:QueryParameterException",
        ],
        [
          "an unknown event",
          "/epcis/events/ni%3A%2F%2F%2Fsha-256%3B00%3Fver%3DCBV2.0",
          404,
          "epcisException:NoSuchResourceException",
        ],
        [
          "a wrong type in a query parameter",
          "/epcis/events?GT_quantity=many",
          400,
          "epcisException:QueryParameterException",
        ],
        ["an unknown capture job", "/epcis/capture/nope", 404, "epcisException:NoSuchResourceException"],
      ])("%s gives %i %s", async (_, url, status, type) => {
        const res = await get("admin", url);
        expect(res.statusCode).toBe(status);
        expect(res.headers["content-type"]).toContain("application/problem+json");
        expect(res.json()).toMatchObject({ type, status });
      });

      it("refuses a wrong media type with 415", async () => {
        const res = await post("minerA", "/epcis/capture", "<xml/>", "text/plain");
        expect(res.statusCode).toBe(415);
        expect(res.json().status).toBe(415);
      });

      it("pages with perPage and a Link to the next page", async () => {
        const first = await get("admin", "/epcis/events?perPage=2&orderBy=eventTime");
        expect(first.json().epcisBody.queryResults.resultsBody.eventList).toHaveLength(2);
        const link = first.headers.link as string;
        expect(link).toMatch(/^<\/epcis\/events\?.*nextPageToken=.+>; rel="next"$/);
        const next = await get("admin", link.slice(1, link.indexOf(">")));
        expect(next.statusCode).toBe(200);
        expect(next.json().epcisBody.queryResults.resultsBody.eventList.length).toBeGreaterThan(0);
      });

      it("serves the top-level resources and their events", async () => {
        expect((await get("admin", "/epcis/eventTypes")).json().member).toContain("TransformationEvent");
        expect((await get("admin", "/epcis/bizSteps")).json().member).toEqual([
          "commissioning",
          "receiving",
          "shipping",
        ]);
        const byStep = await get("admin", "/epcis/bizSteps/shipping/events");
        expect(byStep.json().epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
        const byLocation = await get(
          "admin",
          `/epcis/bizLocations/${encodeURIComponent(SITES.mineB)}/events`,
        );
        expect(byLocation.json().epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
      });

      it("honours GS1-Capture-Error-Behaviour: proceed, capturing the good events and listing the bad", async () => {
        const good = extraction("urn:epc:class:lgtin:8930000.000011.ORE-A-2", SITES.mineA, 10);
        const bad = {
          ...extraction("urn:epc:class:lgtin:8930000.000011.ORE-A-3", SITES.mineA, 10),
          quantityList: [
            { epcClass: "urn:epc:class:lgtin:8930000.000011.ORE-A-3", quantity: -1, uom: "TNE" },
          ],
        };
        const res = await api.app.inject({
          method: "POST",
          url: "/epcis/capture",
          headers: {
            ...auth("minerA"),
            "content-type": "application/json",
            "gs1-capture-error-behaviour": "proceed",
          },
          payload: JSON.stringify(doc([good, bad])),
        });
        const job = await waitForJob(api, res.headers.location as string, api.tokens.minerA);
        expect(job).toMatchObject({
          running: false,
          success: false,
          captureErrorBehaviour: "proceed",
          captured: 1,
        });
        expect(job.errors).toEqual([
          "event 1 at $.quantityList[0].quantity: quantity must be greater than zero, got -1",
        ]);
        const rollback = await post(
          "minerA",
          "/epcis/capture",
          doc([extraction("urn:epc:class:lgtin:8930000.000011.ORE-A-4", SITES.mineA, 10), bad]),
        );
        expect(await waitForJob(api, rollback.headers.location as string, api.tokens.minerA)).toMatchObject({
          success: false,
          captured: 0,
        });
      });
    });

    describe("bad input is a problem+json 4xx naming what is wrong, never a 500", () => {
      it.each([
        ["malformed JSON", "{ not json", /malformed JSON/],
        ["deep nesting", `${"[".repeat(5000)}${"]".repeat(5000)}`, /nested deeper than 64 levels/],
        ["not an EPCISDocument", JSON.stringify({ hello: 1 }), /takes an EPCISDocument/],
      ])("%s", async (_, body, detail) => {
        const res = await post("minerA", "/epcis/capture", body);
        expect(res.statusCode).toBe(400);
        expect(res.headers["content-type"]).toContain("application/problem+json");
        expect(res.json().detail).toMatch(detail);
      });

      it("an oversized body", async () => {
        const small = await openTestApi(backend, { bodyLimitBytes: 1024 });
        try {
          const res = await small.app.inject({
            method: "POST",
            url: "/epcis/capture",
            headers: { authorization: `Bearer ${small.tokens.minerA}`, "content-type": "application/json" },
            payload: JSON.stringify(
              doc(
                Array.from({ length: 50 }, (_, i) =>
                  extraction(`urn:epc:class:lgtin:8930000.000011.X-${i}`, SITES.mineA, 1),
                ),
              ),
            ),
          });
          expect(res.statusCode).toBe(413);
          expect(res.headers["content-type"]).toContain("application/problem+json");
        } finally {
          await small.app.close();
          await small.t.dispose();
        }
      });

      it("a wrong type in a domain query parameter", async () => {
        const res = await get("admin", `/findings?status=maybe`);
        expect(res.statusCode).toBe(400);
        expect(res.json().detail).toContain("status");
      });

      it("no token, and an unknown token", async () => {
        expect((await api.app.inject({ method: "GET", url: "/epcis/events" })).statusCode).toBe(401);
        expect(
          (
            await api.app.inject({
              method: "GET",
              url: "/epcis/events",
              headers: { authorization: "Bearer nope" },
            })
          ).statusCode,
        ).toBe(401);
      });
    });

    describe("isolation matrix", () => {
      const visibleEvents = async (who: keyof TestApi["tokens"]) =>
        (await get(who, "/epcis/events"))
          .json()
          .epcisBody.queryResults.resultsBody.eventList.map((e: { eventID: string }) => e.eventID);

      it("each operator reads its own events and nothing of the other's", async () => {
        const a = await visibleEvents("minerA");
        const b = await visibleEvents("minerB");
        expect(a).toContain(eventA);
        expect(a).not.toContain(eventB);
        expect(b).toEqual([eventB]);
        expect((await get("minerB", `/epcis/events/${encodeURIComponent(eventA)}`)).statusCode).toBe(404);
      });

      it("the regulator reads every event at sites in its jurisdiction, and the buyer's receipt abroad only if its own", async () => {
        const seen = await visibleEvents("regulator");
        expect(seen).toContain(eventA);
        expect(seen).toContain(eventB);
      });

      it("the buyer reads the provenance summary of a lot it holds, but not the miner's raw events", async () => {
        const trace = await get("buyer", `/lots/${encodeURIComponent(LOT_A)}/trace`);
        expect(trace.statusCode).toBe(200);
        const origin = await get("buyer", `/lots/${encodeURIComponent(LOT_A)}/origin`);
        expect(origin.json().findings.map((f: { code: string }) => f.code)).toContain("LICENCE_CAPACITY");
        expect(await visibleEvents("buyer")).not.toContain(eventA);
        expect((await get("buyer", `/epcis/events/${encodeURIComponent(eventA)}`)).statusCode).toBe(404);
        expect((await get("buyer", `/lots/${encodeURIComponent(LOT_B)}/trace`)).statusCode).toBe(404);
      });

      it("an operator cannot trace another operator's lot", async () => {
        expect((await get("minerB", `/lots/${encodeURIComponent(LOT_A)}`)).statusCode).toBe(404);
        expect((await get("minerA", `/lots/${encodeURIComponent(LOT_A)}`)).statusCode).toBe(200);
      });

      it("findings: the regulator sees all, the buyer those tainting its lots, miner B none of A's", async () => {
        const regulator = (await get("regulator", "/findings"))
          .json()
          .findings.map((f: { id: string }) => f.id);
        expect(regulator).toContain("LICENCE_CAPACITY:DEMO-A:2026");
        const buyer = (await get("buyer", "/findings?code=LICENCE_CAPACITY")).json().findings;
        expect(buyer.map((f: { taints: string[] }) => f.taints.includes(canonicalIdentifier(LOT_A)))).toEqual(
          [true],
        );
        const minerB = (await get("minerB", "/findings")).json().findings.map((f: { id: string }) => f.id);
        expect(minerB).toEqual([`UNLICENSED_EXTRACTION:${canonicalIdentifier(SITES.mineB)}`]);
      });

      it.each([
        ["auditor", "POST /epcis/capture", 403],
        ["regulator", "POST /epcis/capture", 403],
        ["buyer", "POST /masterdata", 403],
        ["minerA", "POST /masterdata", 403],
        ["minerA", "POST /findings/:id/acknowledge", 403],
        ["auditor", "POST /findings/:id/acknowledge", 403],
        ["regulator", "POST /findings/:id/acknowledge", 200],
        ["admin", "POST /masterdata", 200],
        ["buyer", "POST /epcis/capture", 202],
      ] as const)("%s: %s → %i", async (who, route, status) => {
        const url = route
          .split(" ")[1]
          ?.replace(":id", encodeURIComponent("LICENCE_CAPACITY:DEMO-A:2026")) as string;
        const body = route.includes("acknowledge")
          ? { note: "seen" }
          : route.includes("masterdata")
            ? { organisations: [] }
            : doc([extraction(`urn:epc:class:lgtin:8930000.000011.M-${who}`, SITES.mineA, 1)]);
        const res = await post(who, url, body, "application/json");
        expect(res.statusCode).toBe(status);
        if (status === 403)
          expect(res.json()).toMatchObject({ type: "epcisException:SecurityException", status: 403 });
      });

      it("exports only what the caller may see, as NDJSON and CSV", async () => {
        const ndjson = await get("minerB", "/export/events.ndjson");
        expect(ndjson.headers["content-type"]).toContain("application/x-ndjson");
        expect(
          ndjson.body
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l).eventHash),
        ).toEqual([eventB]);
        const csv = await get("regulator", "/export/findings.csv");
        expect(csv.body.split("\n")[0]).toBe(
          "id,code,severity,status,subjectKind,subjectId,measured,measuredUnit,allowed,allowedUnit,message,taintedLots,subjectCanonical",
        );
        expect(csv.body).toContain("LICENCE_CAPACITY:DEMO-A:2026");
      });
    });

    describe("the full matrix: every role against every data endpoint, allowed and forbidden", () => {
      type Role = keyof TestApi["tokens"];
      const ROLES: Role[] = ["minerA", "minerB", "buyer", "regulator", "auditor", "admin"];
      const lotA = () => encodeURIComponent(LOT_A);
      const finding = () => encodeURIComponent("LICENCE_CAPACITY:DEMO-A:2026");
      // Expected status per role, in the order of ROLES. 404 where even the existence is not the caller's to know.
      const MATRIX: [string, () => string, "GET" | "POST", number[], unknown?][] = [
        [
          "read miner A's extraction event",
          () => `/epcis/events/${encodeURIComponent(eventA)}`,
          "GET",
          [200, 404, 404, 200, 200, 200],
        ],
        ["read lot A", () => `/lots/${lotA()}`, "GET", [200, 404, 200, 200, 200, 200]],
        ["trace lot A", () => `/lots/${lotA()}/trace`, "GET", [200, 404, 200, 200, 200, 200]],
        [
          "read lot A's origin and findings",
          () => `/lots/${lotA()}/origin`,
          "GET",
          [200, 404, 200, 200, 200, 200],
        ],
        ["read lot A's passports", () => `/lots/${lotA()}/passports`, "GET", [200, 404, 200, 200, 200, 200]],
        ["read lot B", () => `/lots/${encodeURIComponent(LOT_B)}`, "GET", [404, 200, 404, 200, 200, 200]],
        [
          "read a licence's extraction",
          () => "/licences/DEMO-A/extraction",
          "GET",
          [403, 403, 403, 200, 200, 200],
        ],
        [
          "read the buyer's supply concentration",
          () => `/risk/concentration?buyer=${encodeURIComponent(PARTIES.buyer)}`,
          "GET",
          [403, 403, 200, 200, 200, 200],
        ],
        ["read the contract", () => "/contracts/MATRIX-OFFTAKE", "GET", [200, 404, 200, 200, 200, 200]],
        [
          "ask what if miner A stopped",
          () => `/risk/what-if?party=${encodeURIComponent(PARTIES.minerA)}&asOf=2026-06-01`,
          "GET",
          [200, 200, 200, 200, 200, 200],
        ],
        [
          "import a sanctions list",
          () => "/sanctions",
          "POST",
          [403, 403, 403, 200, 403, 200],
          [{ name: "Matrix Listed Party", list: "Matrix List" }],
        ],
        ["capture events", () => "/epcis/capture", "POST", [202, 202, 202, 403, 403, 202], "capture"],
        [
          "import master data",
          () => "/masterdata",
          "POST",
          [403, 403, 403, 200, 403, 200],
          { organisations: [] },
        ],
        [
          "acknowledge a finding",
          () => `/findings/${finding()}/acknowledge`,
          "POST",
          [403, 403, 403, 200, 403, 200],
          { note: "seen" },
        ],
        [
          "issue lot A's passport",
          () => `/lots/${lotA()}/passport`,
          "POST",
          [200, 404, 200, 403, 403, 200],
          {},
        ],
      ];
      beforeAll(async () => {
        process.env.LODESTONE_KEY_SECRET ??= "isolation matrix";
        // A contract between miner A and the buyer: its parties read it, miner B does not learn it exists.
        const contract = {
          id: "MATRIX-OFFTAKE",
          buyer: PARTIES.buyer,
          seller: PARTIES.minerA,
          term: { from: "2026-01-01", to: "2026-12-31" },
          status: "closed",
          schedule: { period: "quarter", graceDays: 0 },
          volumeTolerance: 0.1,
          products: [
            { id: "ore", name: "ore", materialClass: "ore", oxides: ["Nd2O3"], annualT: { "2026": 1 } },
          ],
          chainOfCustody: "segregated",
          documentsRequired: [],
          sources: [],
        };
        expect(
          (await post("admin", "/masterdata", { contracts: [contract] }, "application/json")).statusCode,
        ).toBe(200);
      });
      for (const [what, url, method, expected, body] of MATRIX) {
        it.each(ROLES.map((role, i) => [role, expected[i] as number]))(
          `${what}: %s → %i`,
          async (role, status) => {
            const payload =
              body === "capture"
                ? doc([extraction(`urn:epc:class:lgtin:8930000.000011.MATRIX-${role}`, SITES.mineA, 1)])
                : body;
            const res =
              method === "GET"
                ? await get(role as Role, url())
                : await post(role as Role, url(), payload, "application/json");
            expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
            if (status >= 400) {
              expect(res.headers["content-type"]).toContain("application/problem+json");
              // A refusal leaks nothing: no events, no lot data, no origin shares.
              expect(res.body).not.toMatch(
                /eventList|materialClass|originShares|massKg|verifiableCredential/,
              );
            }
          },
        );
      }
    });

    it("shows a party its own row of a what-if and the contracts it is party to, a regulator everything", async () => {
      const url = `/risk/what-if?party=${encodeURIComponent(PARTIES.minerA)}&asOf=2026-12-31`;
      const regulator = (await get("regulator", url)).json();
      const minerB = (await get("minerB", url)).json();
      expect(regulator.customers.length).toBeGreaterThan(0);
      expect(minerB.customers).toEqual([]);
      expect(minerB.contracts).toEqual([]);
      const buyer = (await get("buyer", url)).json();
      expect(buyer.customers.every((c: { organisation: string }) => c.organisation === PARTIES.buyer)).toBe(
        true,
      );
    });

    it("reports the buyer's supply concentration, placing a lot without a recorded country by its mine", async () => {
      const res = await get("buyer", `/risk/concentration?buyer=${encodeURIComponent(PARTIES.buyer)}`);
      expect(res.statusCode).toBe(200);
      const report = res.json();
      expect(report).toMatchObject({ buyer: PARTIES.buyer, element: "Nd", unassayed: [] });
      expect(report.totalKg).toBeGreaterThan(0);
      // Lot A records no country; Mine A is in Vietnam, a third country for a Korean buyer.
      expect(report.byCountry).toEqual([{ key: "VN", elementKg: report.totalKg, share: 1 }]);
      expect(report.bySupplier).toEqual([{ key: PARTIES.minerA, elementKg: report.totalKg, share: 1 }]);
      expect(report.findings.map((f: { id: string }) => f.id)).toEqual([
        `CONCENTRATION:${PARTIES.buyer}:Nd:country:VN`,
      ]);
      const bad = await get(
        "regulator",
        `/risk/concentration?buyer=${encodeURIComponent(PARTIES.buyer)}&maxCountryShare=2`,
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("maxCountryShare");
      const element = await get(
        "buyer",
        `/risk/concentration?buyer=${encodeURIComponent(PARTIES.buyer)}&element=Xx`,
      );
      expect(element.statusCode).toBe(400);
      expect(element.json().detail).toContain('element: "Xx"');
    });

    it("writes every write and cross-party read to a hash chain that verifies", async () => {
      const verdict = await verifyAudit(api.t.ledger.db);
      expect(verdict.ok).toBe(true);
      const actions = (await api.t.ledger.db.selectFrom("audit_log").select("action").execute()).map(
        (r) => r.action,
      );
      expect(actions).toContain("capture");
      expect(actions).toContain("read_events");
      expect(actions).toContain("read_trace");
    });
  });
}

describe("OpenAPI", () => {
  it("the committed docs/openapi.json is what the code serves", async () => {
    const api = await openTestApi("sqlite");
    try {
      const served = (await api.app.inject({ method: "GET", url: "/openapi.json" })).json();
      const committed = JSON.parse(readFileSync(new URL("../../docs/openapi.json", import.meta.url), "utf8"));
      expect(served).toEqual(committed);
      expect(Object.keys(served.paths)).toContain("/epcis/capture");
    } finally {
      await api.app.close();
      await api.t.dispose();
    }
  });
});
