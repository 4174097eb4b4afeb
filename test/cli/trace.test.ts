// `lodestone trace` and `lodestone balance` on the worked chain, as a user runs them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { LOTS, SITES, workedChainDocument } from "../helpers/chain.ts";
import { runLodestone } from "../helpers/cli.ts";

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-trace-"));
  db = join(dir, "ledger.db");
  const file = join(dir, "chain.jsonld");
  writeFileSync(file, JSON.stringify(workedChainDocument()));
  const imported = await runLodestone(["import", "--db", db, file]);
  expect(imported.code).toBe(0);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("lodestone trace", () => {
  it("prints the public JSON shape with origin shares, for the URN and the Digital Link alike", async () => {
    const byUrn = await runLodestone(["trace", "--db", db, "--json", "--element", "Nd", LOTS.magnet]);
    expect(byUrn.code).toBe(0);
    const trace = JSON.parse(byUrn.stdout);
    expect(Object.keys(trace).sort()).toEqual([
      "direction",
      "edges",
      "lot",
      "model",
      "nodes",
      "originShares",
      "sourceShares",
    ]);
    expect(trace.direction).toBe("up");
    expect(trace.nodes[0]).toMatchObject({ lot: canonicalIdentifier(LOTS.magnet), materialClass: "magnet" });
    expect(trace.edges[0]).toEqual({
      from: expect.any(String),
      to: expect.any(String),
      event: expect.stringMatching(/^ni:/),
      massKg: expect.any(Number),
      elementsKg: expect.objectContaining({ Nd: expect.any(Number) }),
    });
    expect(trace.originShares).toEqual({
      Nd: [
        {
          site: canonicalIdentifier(SITES.mineA),
          licence: "DEMO-001/GP-BTNMT",
          country: "VN",
          source: "mined",
          share: 1,
        },
      ],
    });
    expect(trace.sourceShares).toEqual({
      Nd: { mined: 1, preConsumer: 0, postConsumer: 0, recycled: 0, unrecorded: 0 },
    });
    const byLink = await runLodestone([
      "trace",
      "--db",
      db,
      "--json",
      "--element",
      "Nd",
      canonicalIdentifier(LOTS.magnet),
    ]);
    expect(JSON.parse(byLink.stdout)).toEqual(trace);
  });

  it("prints a tree for people, downstream too", async () => {
    const down = await runLodestone(["trace", "--db", db, "--direction", "down", LOTS.ndpr]);
    expect(down.code).toBe(0);
    expect(down.stdout).toContain("NDPRM-2025 (metal");
    expect(down.stdout).toContain("MAG-2025 (magnet");
  });

  it("names an unknown lot and an unknown element", async () => {
    const missing = await runLodestone(["trace", "--db", db, "urn:epc:class:lgtin:8930000.000011.NOPE"]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: "lodestone: NOT_FOUND: no lot urn:epc:class:lgtin:8930000.000011.NOPE in the ledger\n",
    });
    const element = await runLodestone(["trace", "--db", db, "--element", "Xx", LOTS.magnet]);
    expect(element.code).not.toBe(0);
    expect(element.stderr).toContain("--element Xx: not an element symbol");
  });
});

describe("lodestone balance", () => {
  it("reports no findings on the balanced chain, as JSON and as text", async () => {
    const json = await runLodestone(["balance", "--db", db, "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ findings: [] });
    const text = await runLodestone(["balance", "--db", db, "--site", SITES.separation]);
    expect(text.stdout).toBe("no mass-balance or inventory findings\n");
  });
});

describe("lodestone passport issue and verify", () => {
  it("exports a passport bundle and the issuer's DID document that verify offline, without the ledger", async () => {
    const bundle = join(dir, "passport.json");
    const did = join(dir, "did.json");
    const env = { LODESTONE_KEY_SECRET: "cli test" };
    const issued = await runLodestone(
      [
        "passport",
        "issue",
        "--db",
        db,
        "--issuer",
        "urn:epc:id:pgln:8930000.00021",
        "--out",
        bundle,
        "--did-out",
        did,
        LOTS.magnet,
      ],
      { env },
    );
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/^urn:uuid:.+ written to /);
    const elsewhere = join(dir, "empty-ledger.db");
    const ok = await runLodestone(["verify", "--json", "--db", elsewhere, "--did", did, bundle]);
    expect(ok.code).toBe(0);
    const verdict = JSON.parse(ok.stdout);
    expect(verdict.valid).toBe(true);
    expect(verdict.checks.find((c: { name: string }) => c.name === "signature")).toMatchObject({ ok: true });
    const untrusted = await runLodestone(["verify", "--json", "--db", elsewhere, bundle]);
    expect(untrusted.code).toBe(1);
    expect(
      JSON.parse(untrusted.stdout).checks.find((c: { name: string }) => c.name === "issuer_key").reason,
    ).toMatch(/no trusted key for kid/);
  });
});
