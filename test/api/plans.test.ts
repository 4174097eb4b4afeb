// POST /plans over a real socket on the demo ledger: the buyer plans its offtake, the regulator may too, an
// operator may not; a bad input is a 400 naming the field; a contract the caller may not read is not found.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../src/api/server.ts";
import { loadDemo } from "../../src/cli/demo.ts";
import { createToken } from "../../src/services/access.ts";
import { migrateLedger, openLedger } from "../../src/store/db.ts";

let dir: string;
let url: string;
let close: () => Promise<void>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-plans-"));
  const ledger = openLedger(join(dir, "ledger.db"));
  await migrateLedger(ledger);
  await loadDemo(ledger);
  const now = new Date();
  tokens.buyer = await createToken(ledger, "urn:epc:id:pgln:8800000.00001", "buyer", now);
  tokens.otherBuyer = await createToken(ledger, "urn:epc:id:pgln:6900000.00001", "buyer", now);
  tokens.regulator = await createToken(ledger, "urn:epc:id:pgln:8930000.00999", "regulator", now);
  tokens.operator = await createToken(ledger, "urn:epc:id:pgln:8930000.00001", "operator", now);
  ({ url, close } = await serve({ ledger, port: 0, host: "127.0.0.1", logger: false }));
}, 180_000);
afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (who: string, body: unknown, query = "") =>
  fetch(`${url}/plans${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("POST /plans", () => {
  it("plans the buyer's offtake: infeasible by about 3 t of NdPr, the light-REE licence binding", async () => {
    const res = await post("buyer", { contract: "OFT-2025-001" }, "?asOf=2027-01-01");
    expect(res.status).toBe(200);
    const plan = await res.json();
    expect(plan.years).toEqual(["2027", "2028", "2029", "2030", "2031"]);
    expect(plan.feasible).toBe(false);
    for (const year of plan.years) {
      const ndpr = plan.demands.find(
        (d: { product: string; year: string }) => d.product === "ndpr-oxide" && d.year === year,
      );
      expect(ndpr.shortT).toBeCloseTo(3, 0);
    }
    expect(new Set(plan.binding.map((b: { subject: string }) => b.subject))).toEqual(
      new Set(["DEMO-001/GP-BTNMT"]),
    );
  });

  it("lets the regulator plan without a contract, from demands and sources of its own", async () => {
    const res = await post("regulator", {
      products: [{ id: "dy", name: "Dy2O3", oxides: ["Dy2O3"] }],
      demands: [{ product: "dy", year: 2028, t: 10 }],
      sources: [
        { licence: "DEMO-002/GP-BTNMT", product: "dy", steps: [{ step: "whole chain", recovery: 0.45 }] },
      ],
    });
    expect(res.status).toBe(200);
    const plan = await res.json();
    expect(plan.feasible).toBe(true);
    expect(plan.binding[0]).toMatchObject({ kind: "demand", subject: "dy" });
    // The chain names no plant, so where it is processed (and so the export ban) cannot be checked: noted.
    expect(plan.notes[0]).toMatch(/names no processing plant/);
  });

  it("closes the offtake's NdPr shortfall with the Busan recycler's permitted intake as recycled supply", async () => {
    const recycler = "urn:epc:id:sgln:8800000.00031.0";
    const res = await post(
      "buyer",
      {
        contract: "OFT-2025-001",
        sources: [
          {
            licence: "DEMO-RCY-031",
            product: "ndpr-oxide",
            steps: [{ step: "leaching and separation", recovery: 0.9, plant: recycler }],
          },
        ],
      },
      "?asOf=2027-01-01",
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const plan = await res.json();
    // Mined supply alone is about 3 t short a year (above); the scrap makes it up while the permit runs.
    const short = (year: string) =>
      plan.demands.find(
        (d: { product: string; year: string }) => d.product === "ndpr-oxide" && d.year === year,
      ).shortT;
    expect([short("2027"), short("2028")]).toEqual([0, 0]);
    expect(short("2029")).toBeCloseTo(3, 0);
    const scrap = plan.mining.filter((m: { licence: string }) => m.licence === "DEMO-RCY-031");
    expect(scrap.every((m: { recycled: boolean }) => m.recycled)).toBe(true);
    // Its capacity is the permit's 400 t of scrap a year while the permit runs (to the end of 2028).
    expect(scrap.find((m: { year: string }) => m.year === "2027")?.capacityT).toBe(400);
    expect(scrap.find((m: { year: string }) => m.year === "2029")?.capacityT).toBe(0);
    const used = scrap.find((m: { year: string }) => m.year === "2027")?.oreT as number;
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(400);
    // Recycled feed is no unprocessed ore: the export ban does not bar it.
    expect(plan.barred.some((b: { chain: string }) => b.chain.startsWith("DEMO-RCY-031"))).toBe(false);
  });

  it("names the recycling permit that states no intake", async () => {
    const res = await post("regulator", {
      products: [{ id: "ndpr", name: "NdPr oxide", oxides: ["Nd2O3", "Pr6O11"] }],
      demands: [{ product: "ndpr", year: 2027, t: 10 }],
      sources: [
        { licence: "NO-SUCH-PERMIT", product: "ndpr", steps: [{ step: "whole chain", recovery: 0.9 }] },
      ],
    });
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toBe(
      "sources[0].licence: no licence or recycling permit NO-SUCH-PERMIT in the ledger",
    );
  });

  it("refuses an operator with 403, and a contract another buyer holds with 404", async () => {
    expect((await post("operator", { contract: "OFT-2025-001" })).status).toBe(403);
    const other = await post("otherBuyer", { contract: "OFT-2025-001" });
    expect(other.status).toBe(404);
  });

  it("answers a bad input with 400 naming the field", async () => {
    const res = await post("buyer", { contract: "OFT-2025-001", concentration: { maxShareByCountry: 2 } });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.type).toBe("https://lodestone.dev/problems/invalid-input");
    expect(problem.detail).toBe("planning input: concentration.maxShareByCountry: must be <= 1");
  });
});
