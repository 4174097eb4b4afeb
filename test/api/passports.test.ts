// Passports over HTTP: issue for a lot, resolve its GS1 Digital Link (page, passport, linkset), fetch the
// issuer's DID document and status list without a token, and verify through POST /verify.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { openTestApi, type TestApi, waitForJob } from "../helpers/api.ts";
import { LOTS, workedChainDocument } from "../helpers/chain.ts";

let api: TestApi;
let jwt: string;
const link = canonicalIdentifier(LOTS.magnet).replace("https://id.gs1.org", "");

beforeAll(async () => {
  process.env.LODESTONE_KEY_SECRET = "api test";
  api = await openTestApi("sqlite");
  const auth = { authorization: `Bearer ${api.tokens.minerA}`, "content-type": "application/json" };
  const res = await api.app.inject({
    method: "POST",
    url: "/epcis/capture",
    headers: auth,
    payload: JSON.stringify(workedChainDocument()),
  });
  await waitForJob(api, res.headers.location as string, api.tokens.minerA);
  const issued = await api.app.inject({
    method: "POST",
    url: `/lots/${encodeURIComponent(LOTS.magnet)}/passport`,
    headers: { authorization: `Bearer ${api.tokens.minerA}` },
  });
  expect(issued.statusCode).toBe(200);
  jwt = issued.json().verifiableCredential.id.replace("data:application/vc+jwt,", "");
});
afterAll(async () => {
  await api.app.close();
  await api.t.dispose();
});

describe("passports over HTTP", () => {
  it("resolves the lot's Digital Link to a page, the passport and a linkset, with no token", async () => {
    const page = await api.app.inject({ method: "GET", url: link });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("Digital Product Passport");
    expect(page.headers.link).toContain('rel="linkset"');
    const dpp = await api.app.inject({ method: "GET", url: `${link}?linkType=untp:dpp` });
    expect(dpp.headers["content-type"]).toContain("application/vc+jwt");
    expect(dpp.body).toBe(jwt);
    const linkset = await api.app.inject({ method: "GET", url: `${link}?linkType=linkset` });
    expect(linkset.json().linkset[0].anchor).toBe(canonicalIdentifier(LOTS.magnet));
    expect(
      (await api.app.inject({ method: "GET", url: "/01/08930000000774/10/NO-SUCH-LOT" })).statusCode,
    ).toBe(404);
  });

  it("serves the issuer's DID document and status list publicly, and verifies through POST /verify", async () => {
    const header = JSON.parse(Buffer.from(jwt.split(".")[0] as string, "base64url").toString());
    const slug = /:issuers:([^#]+)#/.exec(header.kid)?.[1] as string;
    const did = await api.app.inject({ method: "GET", url: `/issuers/${slug}/did.json` });
    expect(did.json().verificationMethod[0].id).toBe(header.kid);
    const wellKnown = await api.app.inject({ method: "GET", url: "/.well-known/did.json" });
    expect(wellKnown.json().verificationMethod.map((m: { id: string }) => m.id)).toContain(header.kid);
    const status = await api.app.inject({ method: "GET", url: `/issuers/${slug}/status` });
    expect(status.headers["content-type"]).toContain("application/vc+jwt");
    const verdict = await api.app.inject({
      method: "POST",
      url: "/verify",
      headers: { authorization: `Bearer ${api.tokens.buyer}`, "content-type": "application/json" },
      payload: JSON.stringify({ verifiableCredential: jwt }),
    });
    expect(verdict.json()).toMatchObject({ valid: true });
  });

  it("refuses passport issuance to an auditor", async () => {
    const res = await api.app.inject({
      method: "POST",
      url: `/lots/${encodeURIComponent(LOTS.magnet)}/passport`,
      headers: { authorization: `Bearer ${api.tokens.auditor}` },
    });
    expect(res.statusCode).toBe(403);
  });
});
