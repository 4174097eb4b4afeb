// POST /news over the API: who may post, an article naming nobody stores nothing, an article reporting an
// investigation stores one legal event once (and its COUNTERPARTY_LEGAL finding), bad articles get a problem.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApi, PARTIES, type TestApi } from "../helpers/api.ts";

const ARTICLE = readFileSync(resolve(import.meta.dirname, "../fixtures/news/en-11-investigation.txt"));
let api: TestApi;
beforeAll(async () => {
  api = await openTestApi("sqlite");
});
afterAll(async () => {
  await api.t.dispose();
});

const post = (who: keyof TestApi["tokens"], payload: string | Buffer, type: string) =>
  api.app.inject({
    method: "POST",
    url: "/news",
    headers: { authorization: `Bearer ${api.tokens[who]}`, "content-type": type },
    payload,
  });

describe("POST /news", () => {
  it("refuses roles that do not watch the news, and says why", async () => {
    const res = await post("minerA", ARTICLE, "text/plain");
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain("may not ingest news");
  });

  it("reads an article that names no organisation of the master data and stores nothing", async () => {
    const res = await post("buyer", ARTICLE, "text/plain; charset=utf-8");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ legalEvents: [], created: 0, reading: { mentions: [] } });
  });

  it("stores a legal event for the subject of a JSON article, once", async () => {
    const article = {
      title: "Miner under investigation",
      published: "2026-08-06",
      text: "Police opened an investigation into Demo Miner A on 4 August 2026 over mining outside its licensed area. Demo Korean Offtaker Co., which buys ore from the company, said it was reviewing its purchases.",
    };
    const first = await post("regulator", JSON.stringify(article), "application/json");
    expect(first.statusCode, first.body).toBe(200);
    const report = first.json();
    expect(report.created).toBe(1);
    expect(report.legalEvents).toHaveLength(1);
    expect(report.legalEvents[0]).toMatchObject({
      party: PARTIES.minerA,
      kind: "investigation",
      date: "2026-08-04",
      status: "open",
      source: { title: "Miner under investigation" },
    });
    const again = await post("regulator", JSON.stringify(article), "application/json");
    expect(again.json()).toMatchObject({ created: 0, unchanged: 1 });
    const findings = await api.app.inject({
      method: "GET",
      url: "/findings",
      headers: { authorization: `Bearer ${api.tokens.admin}` },
    });
    const legal = findings.json().findings.filter((f: { code: string }) => f.code === "COUNTERPARTY_LEGAL");
    expect(legal.map((f: { subject: { id: string } }) => f.subject.id)).toContain(PARTIES.minerA);
  });

  it("lists the event and lets a regulator close it with a note, not a buyer", async () => {
    const auth = (who: keyof TestApi["tokens"]) => ({ authorization: `Bearer ${api.tokens[who]}` });
    const list = await api.app.inject({
      method: "GET",
      url: `/legal-events?party=${encodeURIComponent(PARTIES.minerA)}&status=open`,
      headers: auth("buyer"),
    });
    expect(list.statusCode).toBe(200);
    const [event] = list.json();
    expect(event.kind).toBe("investigation");
    const close = (who: keyof TestApi["tokens"], payload: unknown) =>
      api.app.inject({
        method: "POST",
        url: `/legal-events/${encodeURIComponent(event.id)}/close`,
        headers: { ...auth(who), "content-type": "application/json" },
        payload: JSON.stringify(payload),
      });
    expect((await close("buyer", { note: "mine" })).statusCode).toBe(403);
    expect((await close("regulator", {})).statusCode).toBe(400);
    const closed = await close("regulator", { note: "investigation closed without charges" });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: "closed",
      statusNote: "investigation closed without charges",
    });
  });

  it.each([
    ["an empty body", "", "text/plain", 400],
    ["a binary body", Buffer.from([0x89, 0x50, 0x00, 0x01]), "text/plain", 400],
    ["JSON without text", JSON.stringify({ title: "x" }), "application/json", 400],
    ["HTML with no text", "<html><body><script>x()</script></body></html>", "text/html", 400],
  ])("refuses %s", async (_what, payload, type, status) => {
    const res = await post("admin", payload, type);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });
});
