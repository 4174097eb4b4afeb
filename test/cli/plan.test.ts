// `lodestone plan` on the demo ledger, as the buyer of the founding story runs it: the offtake of 480 t NdPr
// oxide and 20 t Dy2O3 a year is infeasible by about 3 t of NdPr because the light-REE licence binds; 470 t,
// or another licensed source, is feasible; excluding a party re-plans without it and says what that costs.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../src/cli/demo.ts";
import { migrateLedger, openLedger } from "../../src/store/db.ts";
import { runLodestone } from "../helpers/cli.ts";

const MINE_B_OPERATOR = "urn:epc:id:pgln:8930000.00002";
let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-plan-"));
  db = join(dir, "ledger.db");
  const ledger = openLedger(db);
  await migrateLedger(ledger);
  await loadDemo(ledger);
  await ledger.close();
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function demandFile(input: unknown): string {
  const file = join(dir, `demand-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(input));
  return file;
}

async function planJson(input: unknown, ...flags: string[]) {
  const run = await runLodestone(["plan", "--db", db, "--demand", demandFile(input), "--json", ...flags]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe("lodestone plan on the demo offtake", () => {
  it("reports the demand infeasible by about 3 t of NdPr oxide, the light-REE licence capacity binding", async () => {
    const plan = await planJson({ contract: "OFT-2025-001", years: [2027] });
    expect(plan.feasible).toBe(false);
    const [ndpr, dy] = plan.demands;
    expect(ndpr).toMatchObject({ product: "ndpr-oxide", year: "2027", demandT: 480 });
    expect(ndpr.shortT).toBeGreaterThan(2.5);
    expect(ndpr.shortT).toBeLessThan(3.5);
    expect(dy).toMatchObject({ product: "dy2o3", demandT: 20, shortT: 0 });
    const mineA = plan.mining.find((m: { licence: string }) => m.licence === "DEMO-001/GP-BTNMT");
    const mineB = plan.mining.find((m: { licence: string }) => m.licence === "DEMO-002/GP-BTNMT");
    expect(mineA).toMatchObject({ oreT: 150_000, capacityT: 150_000 });
    // The heavy-REE mine needs about 89,600 t of its 90,000 t for the Dy2O3 (shared/domain.md §8.3).
    expect(mineB.oreT).toBeGreaterThan(89_400);
    expect(mineB.oreT).toBeLessThan(89_800);
    expect(plan.binding).toHaveLength(1);
    expect(plan.binding[0]).toMatchObject({
      kind: "licence_capacity",
      subject: "DEMO-001/GP-BTNMT",
      year: "2027",
    });
    // The light-REE mine would need about 151,000 t: some 1,000 t more than its licence.
    expect(plan.binding[0].neededToClose).toBeGreaterThan(800);
    expect(plan.binding[0].neededToClose).toBeLessThan(1100);
  });

  it("says so in words for people", async () => {
    const run = await runLodestone([
      "plan",
      "--db",
      db,
      "--demand",
      demandFile({ contract: "OFT-2025-001", years: [2027] }),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Infeasible: short by 3\.\d+ t of NdPr oxide 99% \(75:25\) in 2027\./);
    expect(run.stdout).toContain(
      "licensed capacity of DEMO-001/GP-BTNMT (MINE-A Demo Nậm Xe LREE Mine), 150,000 t ore in 2027",
    );
  });

  it("finds a plan when the NdPr demand drops to 470 t", async () => {
    const plan = await planJson({
      contract: "OFT-2025-001",
      years: [2027],
      demands: [{ product: "ndpr-oxide", year: 2027, t: 470 }],
    });
    expect(plan.feasible).toBe(true);
    expect(plan.demands.map((d: { deliveredT: number }) => d.deliveredT)).toEqual([470, 20]);
    expect(plan.costUsd).toBeGreaterThan(0);
  });

  it("finds a plan when another licensed source is added: the La–Nd fraction of the heavy-REE ore", async () => {
    const plan = await planJson({
      contract: "OFT-2025-001",
      years: [2027],
      sources: [
        {
          licence: "DEMO-002/GP-BTNMT",
          product: "ndpr-oxide",
          steps: [
            { step: "beneficiation", recovery: 0.55, plant: "urn:epc:id:sgln:8930000.00012.0" },
            { step: "leaching", recovery: 0.92, plant: "urn:epc:id:sgln:8930000.00013.0" },
            { step: "solvent extraction La–Nd", recovery: 0.95, plant: "urn:epc:id:sgln:8930000.00014.0" },
            { step: "calcination", recovery: 0.99 },
          ],
        },
      ],
    });
    expect(plan.feasible).toBe(true);
    expect(plan.demands.every((d: { shortT: number }) => d.shortT === 0)).toBe(true);
  });

  it("excluding the heavy-REE miner re-plans without it and reports the shortfall it causes", async () => {
    const plan = await planJson({ contract: "OFT-2025-001", years: [2027] }, "--exclude", MINE_B_OPERATOR);
    expect(plan.demands.find((d: { product: string }) => d.product === "dy2o3").shortT).toBe(20);
    expect(plan.excluded).toEqual([
      expect.objectContaining({ name: "Demo Văn Yên HREE Mining JSC", reason: "excluded by the planner" }),
    ]);
    expect(plan.barred[0].reason).toContain("excluded: it runs through Demo Văn Yên HREE Mining JSC");
    expect(plan.withoutExclusions.extraShortT).toBe(20);
  });

  it("excluding every party with an open legal event leaves the offtake unsupplied: the seller is prosecuted", async () => {
    const plan = await planJson({ contract: "OFT-2025-001", years: [2027], excludeOpenLegalEvents: true });
    expect(plan.excluded.map((e: { name: string }) => e.name)).toContain("Demo Separation JSC");
    expect(plan.demands.map((d: { shortT: number }) => d.shortT)).toEqual([480, 20]);
    expect(plan.withoutExclusions.extraShortT).toBeGreaterThan(496);
  });

  it("names the field of a bad input and exits 1", async () => {
    const bad = await runLodestone([
      "plan",
      "--db",
      db,
      "--demand",
      demandFile({ contract: "OFT-2025-001", demands: [{ product: "ndpr-oxide", year: "2027", t: 470 }] }),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/planning input: demands\[0\]\.year: must be integer/);
    const unknown = await runLodestone(["plan", "--db", db, "--demand", demandFile({ contract: "NOPE" })]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("contract: no contract NOPE in the ledger");
  });
});
