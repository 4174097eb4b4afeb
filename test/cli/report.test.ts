// `lodestone report` on the 2025 demo ledger, as a buyer runs it: the summary, the JSON equal to the period's
// concentration, a PDF and a workbook written to --out, and bad flags refused with the flag named.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLodestone } from "../helpers/cli.ts";

const DEMO = resolve(import.meta.dirname, "../../data/demo");
const BUYER = "urn:epc:id:pgln:8800000.00001";
let dir: string;
let db: string;
const report = (...args: string[]) =>
  runLodestone(["report", ...args, "--db", db, "--company", BUYER, "--as-of", "2026-12-31"]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-report-"));
  db = join(dir, "ledger.db");
  expect((await runLodestone(["masterdata", "import", "--db", db, join(DEMO, "masterdata.json")])).code).toBe(
    0,
  );
  for (const file of readdirSync(DEMO).filter((f) => f.startsWith("2025-")))
    expect((await runLodestone(["import", "--db", db, join(DEMO, file)])).code).toBe(0);
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("lodestone report", () => {
  it("summarises the CRMA assessment and prints JSON equal to the concentration of the same year", async () => {
    const summary = await report("crma-risk", "--year", "2025");
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toContain("Nd: ");
    expect(summary.stdout).toContain("above the CRMA 65% benchmark");
    const json = await report("crma-risk", "--year", "2025", "--format", "json");
    const made = JSON.parse(json.stdout) as {
      elements: { element: string; receivedKg: { value: number } }[];
    };
    const concentration = await runLodestone([
      "risk",
      "concentration",
      "--db",
      db,
      "--buyer",
      BUYER,
      "--element",
      "Nd",
      "--from",
      "2025-01-01",
      "--to",
      "2025-12-31",
      "--json",
    ]);
    const nd = made.elements.find((e) => e.element === "Nd");
    expect(nd?.receivedKg.value).toBe((JSON.parse(concentration.stdout) as { totalKg: number }).totalKg);
  });

  it("writes the PDF and the EMRT workbook to --out, in the form its extension names", async () => {
    const pdf = join(dir, "oecd.pdf");
    const wrote = await report("oecd-step5", "--year", "2025", "--out", pdf);
    expect(wrote.code, wrote.stderr).toBe(0);
    expect(wrote.stderr).toContain(`wrote ${pdf}`);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    const xlsx = join(dir, "emrt.xlsx");
    expect((await report("emrt", "--year", "2025", "--out", xlsx)).code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe("PK"); // a zip: the OOXML container
  });

  it("refuses a bad year, a form the report does not have and an unknown company, naming each", async () => {
    const year = await report("crma-risk", "--year", "20x5");
    expect(year.code).not.toBe(0);
    expect(year.stderr).toContain("--year 20x5");
    const form = await report("crma-risk", "--year", "2025", "--format", "xlsx");
    expect(form.stderr).toContain("xlsx is not a form of the crma-risk report");
    const nobody = await runLodestone([
      "report",
      "emrt",
      "--db",
      db,
      "--company",
      "urn:epc:id:pgln:0000000.00000",
      "--year",
      "2025",
    ]);
    expect(nobody.stderr).toContain("company: no organisation");
    const half = await runLodestone([
      "risk",
      "concentration",
      "--db",
      db,
      "--buyer",
      BUYER,
      "--from",
      "2025-01-01",
    ]);
    expect(half.stderr).toContain("--from and --to");
  });
});
