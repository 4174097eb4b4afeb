// `lodestone risk concentration` on the 2025 demo ledger, as a buyer runs it: all its Nd and Dy come from
// Vietnam through one supplier, which the CRMA benchmark flags; bad flags and unknown buyers are refused.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailyOreA } from "../../scripts/demo/scenario.ts";
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
        "byMine",
        "bySource",
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

// The demo offtake OFT-2025-001 (§8.4) on 2025's deliveries: June's NdPr lot missed the Q2 vessel, August's
// Dy2O3 lot is 99.1% pure. Expected tonnages follow the scenario's own arithmetic, month by month.
const ndprOfMonth = (month: number) => {
  let oreT = 0;
  for (let d = 1; d <= 365; d++) {
    const date = new Date(Date.UTC(2025, 0, d));
    if (date.getUTCMonth() + 1 === month) oreT += dailyOreA(d);
  }
  return ((oreT * 0.03 * 0.7) / 0.4) * 0.4 * 0.92 * 0.175 * 0.95 * 0.99;
};
const ndprOfMonths = (months: number[]) => months.reduce((s, m) => s + ndprOfMonth(m), 0);

/** The demo offtake's report as of a date, through the CLI. */
async function contractAsOf(date: string) {
  const run = await runLodestone(["contract", "show", "OFT-2025-001", "--db", db, "--as-of", date, "--json"]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe("lodestone contract", () => {
  it("lists the demo offtake", async () => {
    const run = await runLodestone(["contract", "list", "--db", db, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        id: "OFT-2025-001",
        buyer: BUYER,
        seller: SUPPLIER,
        term: { from: "2025-01-01", to: "2031-12-31" },
        status: "open",
        products: [
          { id: "ndpr-oxide", name: "NdPr oxide 99% (75:25)" },
          { id: "dy2o3", name: "Dy2O3 99.5%" },
        ],
      },
    ]);
  });

  it("gives delivered against committed per quarter, the short quarter, the off-spec lot and the §8.3 capacity", async () => {
    const report = await contractAsOf("2026-03-01");
    const ndpr2025 = report.products[0].years[0];
    const quarters = ndpr2025.periods.map((q: { deliveredT: number }) => q.deliveredT);
    const expected = [
      ndprOfMonths([1, 2, 3]),
      ndprOfMonths([4, 5]),
      ndprOfMonths([6, 7, 8, 9]),
      ndprOfMonths([10, 11, 12]),
    ];
    for (const [i, t] of quarters.entries()) expect(t).toBeCloseTo(expected[i] ?? Number.NaN, 2);
    expect(ndpr2025.periods.map((q: { short: boolean }) => q.short)).toEqual([false, true, false, false]);
    expect(ndpr2025.deliveredT).toBeCloseTo(ndprOfMonths([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 2);
    expect(report.findings.map((f: { id: string }) => f.id)).toEqual([
      "CONTRACT_SHORTFALL:OFT-2025-001:ndpr-oxide:2025-Q2",
      // The August Dy2O3 lot is off specification: it does not count, so Dy's Q3 and its year are short.
      "CONTRACT_SHORTFALL:OFT-2025-001:dy2o3:2025-Q3",
      "CONTRACT_SHORTFALL:OFT-2025-001:dy2o3:2025",
      "SPEC_MISMATCH:OFT-2025-001:https://id.gs1.org/01/08930000000460/10/DY2O3-2025-08",
      "CONTRACT_CAPACITY:OFT-2025-001:ndpr-oxide",
    ]);
    // §8.3: 150,000 t ore × 3.0% × 17.5% × 0.70 × 0.92 × 0.95 × 0.99 ≈ 477 t against 480 t; Dy 20.1 t against 20 t.
    expect(report.capacity.map((c: { producibleT: number }) => Number(c.producibleT.toFixed(1)))).toEqual([
      477.0, 20.1,
    ]);
    expect(report.capacity.map((c: { plausible: boolean }) => c.plausible)).toEqual([false, true]);
  });

  it("prints a readable table", async () => {
    const run = await runLodestone(["contract", "show", "OFT-2025-001", "--db", db, "--as-of", "2026-03-01"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2025-Q2 +73\.225 t of +120 t {2}closed {2}SHORT/);
    expect(run.stdout).toContain("licences yield 476.975 t/yr against 480 t/yr contracted");
  });

  it.each([
    [["show", "OFT-NONE"], "NOT_FOUND: contract: no contract OFT-NONE (known: OFT-2025-001)"],
    [["show", "OFT-2025-001", "--as-of", "2026-02-30"], "--as-of 2026-02-30: a calendar date, YYYY-MM-DD"],
  ])("refuses %j, naming what is wrong", async (args, message) => {
    const run = await runLodestone(["contract", ...args, "--db", db]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(message);
  });
});

describe("lodestone news ingest", () => {
  const NEWS = resolve(import.meta.dirname, "../fixtures/news");
  it("stores the supplier's prosecution once, and reports the buyer as its partner", async () => {
    const file = join(NEWS, "vi-01-tach-chiet-demo-khoi-to.txt");
    const run = await runLodestone(["news", "ingest", "--db", db, "--json", file]);
    expect(run.code, run.stderr).toBe(0);
    const [report] = JSON.parse(run.stdout);
    expect(report.created).toBe(1);
    expect(report.legalEvents).toEqual([
      expect.objectContaining({
        party: SUPPLIER,
        kind: "prosecution",
        date: "2026-10-09",
        charges: ["Penal Code art. 221(3)"],
      }),
    ]);
    expect(report.reading.mentions.find((m: { organisation: string }) => m.organisation === BUYER).role).toBe(
      "partner",
    );
    const again = await runLodestone(["news", "ingest", "--db", db, file]);
    expect(again.stdout).toContain("1 legal event(s), 0 new, 1 already known");
    // The prosecution puts the contract's undelivered volume at risk.
    const contract = await contractAsOf("2026-11-26");
    expect(contract.supplyAtRisk.atRisk).toBe(true);
    expect(
      contract.supplyAtRisk.reasons.map((r: { kind: string; party?: string }) => [r.kind, r.party]),
    ).toContainEqual(["legal_event", SUPPLIER]);
  });

  it("stores nothing when one of the files is bad, and names it", async () => {
    const bad = join(dir, "scan.pdf");
    writeFileSync(bad, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
    const run = await runLodestone([
      "news",
      "ingest",
      "--db",
      db,
      join(NEWS, "en-08-licence-revoked.txt"),
      bad,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${bad}: a binary file, not a text or HTML article`);
    const list = await runLodestone([
      "news",
      "ingest",
      "--db",
      db,
      "--json",
      join(NEWS, "en-08-licence-revoked.txt"),
    ]);
    // Not stored by the refused run: the second run creates it.
    expect(JSON.parse(list.stdout)[0].created).toBe(1);
  });
});

describe("lodestone sanctions", () => {
  const LISTS = resolve(import.meta.dirname, "../fixtures/sanctions");
  it("imports a CSV list and flags the demo's overseas buyer for review, exactly and by a near name", async () => {
    const run = await runLodestone([
      "sanctions",
      "import",
      "--db",
      db,
      "--json",
      join(LISTS, "demo-list.csv"),
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.created).toBe(6);
    expect(
      result.matches.map((f: { subject: { id: string }; measured: { value: number } }) => [
        f.subject.id,
        Number(f.measured.value.toFixed(4)),
      ]),
    ).toEqual([
      ["urn:epc:id:pgln:6900000.00001", 1],
      ["urn:epc:id:pgln:6900000.00001", Number((1 - 2 / 19).toFixed(4))],
    ]);
    const listed = await runLodestone(["findings", "list", "--db", db]);
    expect(listed.stdout).toContain("SANCTIONS_MATCH");
  });

  it("screens at another threshold without storing, and refuses a list with missing columns", async () => {
    const screen = await runLodestone(["sanctions", "screen", "--db", db, "--threshold", "0.6", "--json"]);
    expect(screen.code, screen.stderr).toBe(0);
    const organisations = JSON.parse(screen.stdout).map((m: { organisation: string }) => m.organisation);
    expect(organisations).toContain("urn:lodestone:org:ref:hung-thinh-mineral-investment-group");
    const bad = join(dir, "list.csv");
    writeFileSync(bad, "alias,country\nX,VN\n");
    const refused = await runLodestone(["sanctions", "import", "--db", db, bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${bad}: missing columns name, list`);
    const threshold = await runLodestone(["sanctions", "screen", "--db", db, "--threshold", "2"]);
    expect(threshold.stderr).toContain("--threshold 2: a similarity between 0 (excluded) and 1");
  });
});

describe("lodestone risk what-if", () => {
  it("if the seller stops: the whole next year of the offtake, and the buyer's last year of oxide", async () => {
    const run = await runLodestone([
      "risk",
      "what-if",
      "--db",
      db,
      "--party",
      SUPPLIER,
      "--as-of",
      "2026-03-01",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.window).toEqual({ from: "2025-03-01", to: "2026-03-01" });
    expect(report.contracts).toHaveLength(1);
    expect(report.contracts[0].relation).toBe("seller");
    expect(report.contracts[0].products.map((p: { shortfallT: number }) => p.shortfallT)).toEqual([480, 20]);
    expect(report.materials).toEqual([
      { material: "NdPr oxide 99% (75:25)", shortfallT: 480 },
      { material: "Dy2O3 99.5%", shortfallT: 20 },
    ]);
    // The buyer received every 2025 NdPr and Dy2O3 lot within the window, off specification or not: all of it
    // depends on the seller.
    const contract = await contractAsOf("2026-03-01");
    type Year = { year: string; deliveredT: number; periods: { offSpecificationT: number }[] };
    const receivedOf = (y: Year | undefined) =>
      (y?.deliveredT ?? 0) + (y?.periods ?? []).reduce((t, q) => t + q.offSpecificationT, 0);
    const deliveredT = contract.products.reduce(
      (s: number, p: { years: Year[] }) => s + receivedOf(p.years.find((y) => y.year === "2025")),
      0,
    );
    const buyer = report.customers.find((c: { organisation: string }) => c.organisation === BUYER);
    expect(buyer.dependentKg / 1000).toBeCloseTo(deliveredT, 6);
    expect(buyer.receivedKg).toBeCloseTo(buyer.dependentKg, 6);
    expect(buyer.dependentKg / 1000).toBeCloseTo(
      ndprOfMonths([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) + receivedOf(contract.products[1].years[0]),
      2,
    );
  });

  it("if the HREE mine stops: all of the Dy2O3 and none of the NdPr", async () => {
    const run = await runLodestone([
      "risk",
      "what-if",
      "--db",
      db,
      "--party",
      "urn:epc:id:pgln:8930000.00002",
      "--as-of",
      "2026-03-01",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.contracts[0].relation).toBe("upstream");
    expect(
      report.contracts[0].products.map((p: { dependency: number; shortfallT: number }) => [
        p.dependency,
        p.shortfallT,
      ]),
    ).toEqual([
      [0, 0],
      [1, 20],
    ]);
  });

  it("refuses an unknown party", async () => {
    const run = await runLodestone([
      "risk",
      "what-if",
      "--db",
      db,
      "--party",
      "urn:epc:id:pgln:1234567.00001",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("NOT_FOUND: party: no organisation urn:epc:id:pgln:1234567.00001");
  });
});

describe("lodestone legal", () => {
  it("lists the events read from the news, and closing one clears what it marked", async () => {
    const list = JSON.parse(
      (await runLodestone(["legal", "list", "--db", db, "--party", SUPPLIER, "--json"])).stdout,
    );
    expect(list.map((e: { kind: string; status: string }) => [e.kind, e.status])).toEqual([
      ["prosecution", "open"],
    ]);
    const id = list[0].id;
    const open = JSON.parse(
      (await runLodestone(["check", "--db", db, "--json", "--rule", "COUNTERPARTY_LEGAL"])).stdout,
    );
    expect(open.findings.map((f: { id: string }) => f.id)).toContain(
      `COUNTERPARTY_LEGAL:${id}:contract:OFT-2025-001`,
    );
    const closed = await runLodestone(["legal", "close", id, "--db", db, "--note", "case dropped on review"]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toContain(`${id}: closed (case dropped on review)`);
    const contract = await contractAsOf("2026-11-26");
    expect(contract.supplyAtRisk.reasons.filter((r: { kind: string }) => r.kind === "legal_event")).toEqual(
      [],
    );
    const findings = JSON.parse(
      (await runLodestone(["check", "--db", db, "--json", "--rule", "COUNTERPARTY_LEGAL"])).stdout,
    );
    expect(findings.findings.filter((f: { id: string }) => f.id.includes(id))).toEqual([]);
    const missing = await runLodestone(["legal", "close", "NO-SUCH", "--db", db, "--note", "x"]);
    expect(missing.stderr).toContain("NOT_FOUND: no legal event NO-SUCH");
  });
});
