// `lodestone risk concentration` on the 2025 demo ledger, as a buyer runs it: all its Nd and Dy come from
// Vietnam through one supplier, which the CRMA benchmark flags; bad flags and unknown buyers are refused.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLodestone } from "../helpers/cli.ts";

const DEMO = resolve(import.meta.dirname, "../../data/demo");
const BUYER = "urn:epc:id:pgln:8800000.00001"; // Demo Korean Offtaker Co.
const SUPPLIER = "urn:epc:id:pgln:8930000.00014"; // operator of the separation plant that ships the oxides
let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-risk-"));
  db = join(dir, "ledger.db");
  expect((await runLodestone(["masterdata", "import", "--db", db, join(DEMO, "masterdata.json")])).code).toBe(
    0,
  );
  for (const file of readdirSync(DEMO).filter((f) => f.startsWith("2025-"))) {
    expect((await runLodestone(["import", "--db", db, join(DEMO, file)])).code).toBe(0);
  }
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("lodestone risk concentration", () => {
  it("prints the public JSON shape; all Nd comes from VN through one supplier, flagged above 65%", async () => {
    const run = await runLodestone(["risk", "concentration", "--db", db, "--buyer", BUYER, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report).sort()).toEqual(
      [
        "buyer",
        "element",
        "totalKg",
        "byCountry",
        "bySupplier",
        "hhiCountry",
        "hhiSupplier",
        "findings",
        "unassayed",
      ].sort(),
    );
    expect(report.element).toBe("Nd");
    expect(report.totalKg).toBeGreaterThan(0);
    expect(report.byCountry).toEqual([{ key: "VN", elementKg: report.totalKg, share: 1 }]);
    expect(report.bySupplier).toEqual([{ key: SUPPLIER, elementKg: report.totalKg, share: 1 }]);
    expect(report.hhiCountry).toBe(10000);
    expect(report.unassayed).toEqual([]);
    expect(report.findings.map((f: { id: string }) => f.id)).toEqual([
      `CONCENTRATION:${BUYER}:Nd:country:VN`,
    ]);
    expect(report.findings[0].evidence.events.length).toBeGreaterThan(0);
  });

  it("takes the buyer's own limits, and the buyer by Digital Link as well as URN", async () => {
    const run = await runLodestone([
      "risk",
      "concentration",
      "--db",
      db,
      "--buyer",
      "https://id.gs1.org/417/8800000000015",
      "--element",
      "Dy",
      "--max-country-share",
      "1",
      "--max-supplier-share",
      "0.5",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("100.00%  VN");
    expect(run.stdout).toContain(`above the buyer's 50% limit`);
    expect(run.stdout).not.toContain("single-country limit");
  });

  it.each([
    [
      ["--buyer", "urn:epc:id:pgln:1234567.00001"],
      "NOT_FOUND: buyer: no organisation urn:epc:id:pgln:1234567.00001",
    ],
    [
      ["--buyer", BUYER, "--max-country-share", "1.5"],
      "--max-country-share 1.5: a share between 0 (excluded) and 1",
    ],
    [["--buyer", BUYER, "--element", "Xx"], "--element Xx: not an element symbol"],
  ])("refuses %j, naming what is wrong", async (args, message) => {
    const run = await runLodestone(["risk", "concentration", "--db", db, ...args]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(message);
  });
});
