// The press review queue over the API, on both backends: an undated article is kept with its date unknown, an
// organisation master data lacks becomes a pending candidate and raises nothing; a regulator matches it (its
// action becomes an open legal event and a COUNTERPARTY_LEGAL finding, its spelling an alias) or rejects it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { openTestApi, PARTIES, type TestApi } from "../helpers/api.ts";
import { BACKENDS } from "../helpers/ledgers.ts";

const NEW_ORG = "urn:epc:id:pgln:8930000.00099";
const UNDATED = [
  "Miner A under inspection",
  "Demo Press",
  "",
  "Inspectors from the provincial department began an inspection of Demo Miner A over its waste dumps.",
].join("\n");
const UNKNOWN = [
  "Tước giấy phép khai thác khoáng sản của Công ty Tuấn Thiện",
  "Báo Mới — 2024-04",
  "http://www.baomoi.com/tuoc-giay-phep-khai-thac-khoang-san-cua-cong-ty-tuan-thien-c48853913.epi",
  "",
  "Công ty Tuấn Thiện bị tước quyền sử dụng giấy phép KTKS 4,5 tháng và đình chỉ hoạt động KTKS 5 tháng, sau khi bị Chủ tịch UBND tỉnh Lâm Đồng xử phạt VPHC số tiền 1,367 tỉ đồng.",
].join("\n");

for (const backend of BACKENDS) {
  describe(`the press review queue (${backend})`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await openTestApi(backend);
      await importMasterData(
        api.t.ledger,
        {
          organisations: [
            {
              id: NEW_ORG,
              name: "Tuan Thien Trading and Cultivation Co., Ltd",
              aliases: [],
              country: "VN",
              roles: ["miner"],
            },
          ],
        },
        new Date("2026-01-02T00:00:00Z"),
      );
    });
    afterAll(async () => {
      await api.t.dispose();
    });
    const call = (who: keyof TestApi["tokens"], method: "GET" | "POST", url: string, payload?: unknown) =>
      api.app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${api.tokens[who]}`,
          ...(typeof payload === "string" ? { "content-type": "text/plain; charset=utf-8" } : {}),
        },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });

    it("keeps an undated article's action with its date unknown, and says so", async () => {
      const res = await call("regulator", "POST", "/news", UNDATED);
      expect(res.statusCode, res.body).toBe(200);
      const [event] = res.json().legalEvents;
      expect(event).toMatchObject({ party: PARTIES.minerA, kind: "inspection", dateBasis: "unknown" });
      expect(event.date).toBeUndefined();
      expect(res.json().article).toMatchObject({
        title: "Miner A under inspection",
        publisher: "Demo Press",
      });
      const events = await call(
        "auditor",
        "GET",
        `/legal-events?party=${encodeURIComponent(PARTIES.minerA)}`,
      );
      expect(events.json().find((e: { id: string }) => e.id === event.id)).toMatchObject({
        dateBasis: "unknown",
      });
    });

    it("queues an organisation master data lacks as a pending candidate and raises nothing for it", async () => {
      const res = await call("buyer", "POST", "/news", UNKNOWN);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ legalEvents: [], candidatesCreated: 1 });
      const queue = await call("buyer", "GET", "/news/candidates");
      expect(queue.statusCode).toBe(200);
      const [candidate] = queue.json();
      expect(candidate).toMatchObject({
        name: "Công ty Tuấn Thiện",
        language: "vi",
        status: "pending",
        suggestions: [NEW_ORG],
        reports: [{ role: "subject", kind: "licence_suspension", date: "2024-04", dateBasis: "publication" }],
      });
      expect(candidate.reports[0].source.quote).toContain("tước quyền sử dụng giấy phép");
      const findings = await call("regulator", "GET", "/findings?code=COUNTERPARTY_LEGAL");
      expect(
        findings.json().findings.filter((f: { subject: { id: string } }) => f.subject.id === NEW_ORG),
      ).toEqual([]);
      // Read again: the same report is not added twice.
      const again = await call("buyer", "POST", "/news", UNKNOWN);
      expect(again.json()).toMatchObject({ candidatesCreated: 0 });
      expect((await call("buyer", "GET", "/news/candidates")).json()[0].reports).toHaveLength(1);
    });

    it("lets only a reviewer match it; the match records the legal event, the finding and the alias", async () => {
      const [candidate] = (await call("buyer", "GET", "/news/candidates")).json();
      const forbidden = await call("buyer", "POST", `/news/candidates/${candidate.id}/match`, undefined);
      expect(forbidden.statusCode).toBe(400); // no body: the schema names the field before access is checked
      const asBuyer = await api.app.inject({
        method: "POST",
        url: `/news/candidates/${candidate.id}/match`,
        headers: { authorization: `Bearer ${api.tokens.buyer}` },
        payload: { organisation: NEW_ORG },
      });
      expect(asBuyer.statusCode).toBe(403);
      const unknownOrg = await api.app.inject({
        method: "POST",
        url: `/news/candidates/${candidate.id}/match`,
        headers: { authorization: `Bearer ${api.tokens.regulator}` },
        payload: { organisation: "urn:epc:id:pgln:0000000.00000" },
      });
      expect(unknownOrg.statusCode).toBe(400);
      expect(unknownOrg.json().detail).toContain("organisation: no organisation");
      const matched = await api.app.inject({
        method: "POST",
        url: `/news/candidates/${candidate.id}/match`,
        headers: { authorization: `Bearer ${api.tokens.regulator}` },
        payload: { organisation: NEW_ORG, note: "same company, Bảo Lộc" },
      });
      expect(matched.statusCode, matched.body).toBe(200);
      expect(matched.json()).toMatchObject({
        legalEvents: 1,
        candidate: { status: "matched", organisation: NEW_ORG },
      });
      const events = (
        await call("auditor", "GET", `/legal-events?party=${encodeURIComponent(NEW_ORG)}`)
      ).json();
      expect(events).toMatchObject([
        { kind: "licence_suspension", date: "2024-04", dateBasis: "publication", status: "open" },
      ]);
      const findings = (await call("regulator", "GET", "/findings?code=COUNTERPARTY_LEGAL")).json().findings;
      expect(findings.find((f: { subject: { id: string } }) => f.subject.id === NEW_ORG)?.period).toEqual({
        from: "2024-04-01",
        to: "2024-04-30",
      });
      const org = (await call("auditor", "GET", "/organisations?search=Tuấn Thiện")).json();
      expect(org.map((o: { id: string }) => o.id)).toContain(NEW_ORG);
      // The next article names the organisation directly.
      const next = await call("buyer", "POST", "/news", UNKNOWN.replace("2024-04", "2024-05"));
      expect(next.json().reading.mentions).toMatchObject([{ organisation: NEW_ORG, role: "subject" }]);
      expect(next.json().candidatesCreated).toBe(0);
      const twice = await api.app.inject({
        method: "POST",
        url: `/news/candidates/${candidate.id}/reject`,
        headers: { authorization: `Bearer ${api.tokens.regulator}` },
        payload: { note: "changed my mind" },
      });
      expect(twice.statusCode).toBe(400);
      expect(twice.json().detail).toContain("already matched");
    });

    it("rejects a candidate with a note; it stays in the history and raises nothing", async () => {
      const res = await call(
        "regulator",
        "POST",
        "/news",
        "Police arrested the director of Sample Freight Forwarding Ltd on 2 May 2026 over a fraud.",
      );
      expect(res.json().candidatesCreated).toBe(1);
      const [candidate] = (await call("regulator", "GET", "/news/candidates")).json();
      const rejected = await api.app.inject({
        method: "POST",
        url: `/news/candidates/${candidate.id}/reject`,
        headers: { authorization: `Bearer ${api.tokens.admin}` },
        payload: { note: "a logistics firm outside the chain" },
      });
      expect(rejected.statusCode, rejected.body).toBe(200);
      expect((await call("regulator", "GET", "/news/candidates")).json()).toEqual([]);
      const history = (await call("regulator", "GET", "/news/candidates?status=rejected")).json();
      expect(history).toMatchObject([
        { name: "Sample Freight Forwarding Ltd", reviewNote: "a logistics firm outside the chain" },
      ]);
    });
  });
}
