// The dashboard in a real headless Chromium (Debian's chromium through playwright-core) against a real server
// on the demo data: every role signs in and visits every page; numbers on screen equal the API's; the
// regulator sees the overrun and follows it to its evidence; the buyer does not see the miner's raw events.
// A screenshot of every page goes to test-output/screens.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../src/api/server.ts";
import { demoTokens, loadDemo } from "../../src/cli/demo.ts";
import { migrateLedger, openLedger } from "../../src/store/db.ts";
import { newLedgerLocation } from "../helpers/ledgers.ts";
import { firstPageAsPng, pdfText } from "../helpers/pdf.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const SCREENS = join(ROOT, "test-output", "screens");
const CHROMIUM = process.env.LODESTONE_CHROMIUM ?? "/usr/bin/chromium";
const PAGES = [
  "overview",
  "map",
  "flows",
  "licences",
  "environment",
  "findings",
  "lots",
  "contracts",
  "counterparties",
  "passport",
  "planner",
  "reports",
];

let browser: Browser;
let url: string;
let close: () => Promise<void>;
let dispose: () => Promise<void>;
let tokens: Awaited<ReturnType<typeof demoTokens>>;

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  execFileSync(
    process.execPath,
    [
      join(ROOT, "node_modules", "vite", "bin", "vite.js"),
      "build",
      "--config",
      join(ROOT, "web", "vite.config.ts"),
      "--logLevel",
      "error",
    ],
    { stdio: "inherit" },
  );
  const location = await newLedgerLocation("sqlite");
  dispose = location.dispose;
  const ledger = openLedger(location.location);
  await migrateLedger(ledger);
  await loadDemo(ledger);
  tokens = await demoTokens(ledger);
  ({ url, close } = await serve({
    ledger,
    port: 0,
    host: "127.0.0.1",
    logger: false,
    webRoot: join(ROOT, "web", "dist"),
    demoRoles: tokens,
  }));
  // Fails loudly when Chromium is missing: .ci/run installs Debian's chromium.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    chromiumSandbox: false,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  await dispose?.();
});

const token = (key: string) => tokens.find((r) => r.key === key)?.token as string;
async function apiAs<T>(key: string, path: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token(key)}` } });
  return (await res.json()) as T;
}

async function signIn(key: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId(`signin-${key}`).click();
  await page.getByTestId("page-overview").waitFor();
  return page;
}

async function visit(page: Page, name: string, role: string): Promise<void> {
  await page.goto(`${url}/#/${name}`);
  await page.getByTestId(`page-${name}`).waitFor();
  await page.waitForFunction(
    () => document.querySelectorAll("[data-testid=loading]").length === 0,
    undefined,
    { timeout: 20_000 },
  );
  await page.screenshot({ path: join(SCREENS, `${role}-${name}.png`), fullPage: true });
}

describe.each(["buyer", "regulator", "magnet", "auditor"])("signed in as %s", (role) => {
  it("visits every page, shows the demo badge, and the overview's numbers equal the API's", async () => {
    const page = await signIn(role);
    for (const name of PAGES) await visit(page, name, role);
    await page.goto(`${url}/#/overview`);
    const summary = await apiAs<{ events: number; openFindings: number; lots: number }>(role, "/summary");
    await expect
      .poll(() => page.getByTestId("figure-events").textContent())
      .toBe(summary.events.toLocaleString("en-US"));
    expect(await page.getByTestId("figure-open-findings").textContent()).toBe(
      summary.openFindings.toLocaleString("en-US"),
    );
    expect(await page.getByTestId("figure-lots").textContent()).toBe(summary.lots.toLocaleString("en-US"));
    expect(await page.getByTestId("demo-badge").isVisible()).toBe(true);
    await page.context().close();
  });
});

describe.each([
  ["regulator", "vi", "Tổng quan"],
  ["buyer", "ko", "개요"],
])("signed in as %s in %s", (role, language, overviewTitle) => {
  it("visits every page with no untranslated key, and searches organisations with and without diacritics", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: language });
    const page = await context.newPage();
    await page.goto(url);
    // The browser's language chooses the catalogue at the first visit.
    await page.getByTestId(`signin-${role}`).click();
    await page.getByTestId("page-overview").waitFor();
    expect(await page.locator("h1").textContent()).toBe(overviewTitle);
    for (const name of PAGES) {
      await visit(page, name, `${role}-${language}`);
      const text = await page.locator("body").textContent();
      expect(text ?? "", `${name} in ${language}`).not.toContain("[[");
    }
    await page.goto(`${url}/#/overview`);
    await page.getByTestId("org-search").fill("hung thinh");
    await expect
      .poll(() => page.getByTestId("org-results").textContent())
      .toContain("Hưng Thịnh Mineral Investment Group JSC");
    await page.getByTestId("org-search").fill("Hưng Thịnh");
    await expect
      .poll(() => page.getByTestId("org-results").textContent())
      .toContain("Hưng Thịnh Mineral Investment Group JSC");
    // The choice persists across a reload.
    await page.reload();
    await page.getByTestId("page-overview").waitFor();
    expect(await page.getByTestId("language").inputValue()).toBe(language);
    await context.close();
  });
});

describe("what each party sees", () => {
  it("the regulator sees where material went missing in 2025, as the API says, drawn in red", async () => {
    const page = await signIn("regulator");
    await page.goto(`${url}/#/flows`);
    await page.getByTestId("sankey").waitFor();
    await page.getByTestId("flow-period").selectOption("2025");
    const flows = await apiAs<{ unexplained: { site: string; findings: string[] }[] }>(
      "regulator",
      "/flows?element=Nd&from=2025-01-01&to=2025-12-31",
    );
    // The demo's September separation run lost a third of its La–Ce oxides without a record.
    expect(flows.unexplained.map((u) => u.site)).toEqual(["PLANT-S Demo Hải Phòng Separation Plant"]);
    await expect
      .poll(() => page.getByTestId("flow-unexplained").textContent())
      .toContain(`PLANT-S Demo Hải Phòng Separation Plant (${flows.unexplained[0]?.findings.length})`);
    await page.screenshot({ path: join(SCREENS, "regulator-flows-2025-unexplained.png"), fullPage: true });
    await page.context().close();
  });

  it("the regulator sees the overrun and follows it to its evidence", async () => {
    const page = await signIn("regulator");
    const id = "LICENCE_CAPACITY:DEMO-001/GP-BTNMT:2026";
    await page.goto(`${url}/#/findings/${encodeURIComponent(id)}`);
    await page.getByTestId("finding-detail").waitFor();
    expect(await page.getByTestId("measured").textContent()).toBe("214,000 t ore");
    expect(await page.getByTestId("allowed").textContent()).toBe("150,000 t ore");
    const finding = (
      await apiAs<{ findings: { id: string; evidence: { events: string[] } }[] }>("regulator", "/findings")
    ).findings.find((f) => f.id === id);
    expect(await page.getByTestId("evidence-count").textContent()).toBe(
      String(finding?.evidence.events.length),
    );
    await page.screenshot({ path: join(SCREENS, "regulator-finding-evidence.png"), fullPage: true });
    await page.goto(`${url}/#/licences`);
    await page.getByTestId("licence-select").selectOption("DEMO-001/GP-BTNMT");
    await expect.poll(() => page.getByTestId("extracted-2026").textContent()).toBe("214,000");
    await page.screenshot({ path: join(SCREENS, "regulator-licence-overrun.png"), fullPage: true });
    await page.context().close();
  });

  it("the regulator sees thorium per plant and residue per site as the API says, and the residue left at PLANT-H", async () => {
    const page = await signIn("regulator");
    await page.goto(`${url}/#/environment`);
    await page.getByTestId("env-plants").waitFor();
    const view = await apiAs<{
      plants: { name: string; unaccountedKg: number; unaccountedGBq: number }[];
      stocks: { name: string; stockT: number; capacityT: number | null }[];
    }>("regulator", "/environment?element=Th");
    const hydromet = view.plants.find((p) => p.name.startsWith("PLANT-H")) as (typeof view.plants)[number];
    const fmt = (x: number, d: number) =>
      x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: 0 });
    expect(await page.getByTestId("env-unaccounted-PLANT-H").textContent()).toBe(
      `${fmt(hydromet.unaccountedKg, 1)} kg (${fmt(hydromet.unaccountedGBq, 3)} GBq)`,
    );
    const stocks = await page.getByTestId("env-stocks-list").textContent();
    const store = view.stocks.find((s) => s.name.startsWith("STORE-L")) as (typeof view.stocks)[number];
    expect(stocks).toContain(
      `STORE-L Demo Lai Châu Residue Store: ${fmt(store.stockT, 1)} t held of 20,000 t licensed`,
    );
    // November's leach residue never left the plant: held where no storage permit covers it.
    expect(stocks).toMatch(
      /PLANT-H Demo Lai Châu Hydrometallurgy Plant: [\d,.]+ t of residue held at a site with no storage permit/,
    );
    expect(await page.getByTestId("env-sankey").isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENS, "regulator-environment.png"), fullPage: true });
    const findings = await apiAs<{ findings: { code: string; message: string }[] }>(
      "regulator",
      "/findings?code=RESIDUE_UNPLACED",
    );
    expect(findings.findings.map((f) => f.code)).toEqual(["RESIDUE_UNPLACED"]);
    expect(findings.findings[0]?.message).toContain("LEACHRES-A-2025-11");
    await page.context().close();
  });

  it("the buyer does not see the miner's raw events nor the miner's overrun finding", async () => {
    const page = await signIn("buyer");
    expect(await page.getByTestId("figure-events").textContent()).toBe("0");
    await page.goto(`${url}/#/findings`);
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=loading]").length === 0);
    expect(await page.content()).not.toContain("214,000 t ore extracted");
    const res = await fetch(`${url}/epcis/events`, {
      headers: { authorization: `Bearer ${token("buyer")}` },
    });
    expect((await res.json()).epcisBody.queryResults.resultsBody.eventList).toEqual([]);
    await page.context().close();
  });

  it("the buyer sees its offtake: delivered per year as the API says, the short quarter, the supply at risk", async () => {
    const page = await signIn("buyer");
    await page.goto(`${url}/#/contracts`);
    await page.getByTestId("years-ndpr-oxide").waitFor();
    const report = await apiAs<{
      products: { product: string; years: { year: string; deliveredT: number }[] }[];
      supplyAtRisk: { atRisk: boolean };
    }>("buyer", "/contracts/OFT-2025-001");
    for (const p of report.products) {
      for (const y of p.years) {
        expect(await page.getByTestId(`delivered-${p.product}-${y.year}`).textContent()).toBe(
          `${y.deliveredT.toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 0 })} t`,
        );
      }
    }
    expect(await page.getByTestId("short-ndpr-oxide").textContent()).toContain("2025-Q2");
    // The demo's press report of the seller's prosecution puts the undelivered volume at risk.
    expect(report.supplyAtRisk.atRisk).toBe(true);
    expect(await page.getByTestId("contract-at-risk").textContent()).toBe("yes");
    expect(await page.getByTestId("risk-reasons").textContent()).toContain(
      "Police prosecute Demo Separation JSC",
    );
    await page.getByTestId("concentration-share").first().waitFor();
    const concentration = await apiAs<{ byCountry: { key: string; share: number }[] }>(
      "buyer",
      `/risk/concentration?buyer=${encodeURIComponent("urn:epc:id:pgln:8800000.00001")}&element=Nd`,
    );
    expect(await page.getByTestId("concentration-share").allTextContents()).toEqual(
      concentration.byCountry.map((c) => `${c.key}: ${(c.share * 100).toFixed(2)}%`),
    );
    await page.screenshot({ path: join(SCREENS, "buyer-contract-at-risk.png"), fullPage: true });
    await page.getByTestId("nav-counterparties").click();
    await page.getByTestId("legal-events").waitFor();
    const events = page.getByTestId("legal-event");
    const texts = await events.allTextContents();
    const prosecution = texts.find((x) => x.includes("Demo Separation JSC"));
    expect(prosecution).toContain("Police in Hai Phong prosecuted Demo Separation JSC on 9 October 2026");
    expect(prosecution).toContain("OFT-2025-001");
    expect(texts.some((x) => x.includes("Hưng Thịnh") && x.includes("real public record"))).toBe(true);
    await page.context().close();
  });

  it("the buyer plans its offtake: infeasible by the API's shortfall, the light-REE licence named; 470 t is feasible", async () => {
    const page = await signIn("buyer");
    await page.goto(`${url}/#/planner`);
    await page.getByTestId("plan-run").click();
    await page.getByTestId("plan-verdict").waitFor();
    const res = await fetch(`${url}/plans`, {
      method: "POST",
      headers: { authorization: `Bearer ${token("buyer")}`, "content-type": "application/json" },
      body: JSON.stringify({
        contract: "OFT-2025-001",
        years: [2027],
        demands: [],
        excludeOpenLegalEvents: false,
      }),
    });
    const plan = (await res.json()) as {
      feasible: boolean;
      demands: { product: string; name: string; deliveredT: number; shortT: number }[];
    };
    expect(plan.feasible).toBe(false);
    const ndpr = plan.demands.find((d) => d.product === "ndpr-oxide") as (typeof plan.demands)[number];
    const fmt = (x: number) =>
      `${x.toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 0 })} t`;
    expect(await page.getByTestId("plan-verdict").textContent()).toBe(
      `Infeasible: short by ${fmt(ndpr.shortT)} ${ndpr.name}.`,
    );
    expect(await page.getByTestId("plan-delivered-ndpr-oxide").textContent()).toBe(fmt(ndpr.deliveredT));
    expect(await page.getByTestId("plan-binding").textContent()).toContain(
      "Licensed capacity of DEMO-001/GP-BTNMT, 150,000 t ore in 2027",
    );
    expect(await page.getByTestId("plan-sankey").isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENS, "buyer-planner-infeasible.png"), fullPage: true });
    await page.getByTestId("plan-demand-ndpr-oxide").fill("470");
    await page.getByTestId("plan-run").click();
    await expect
      .poll(() => page.getByTestId("plan-verdict").textContent())
      .toMatch(/^Feasible: every demand is met/);
    await page.screenshot({ path: join(SCREENS, "buyer-planner-feasible.png"), fullPage: true });
    await page.context().close();
  });

  it("the magnet maker traces its metal to the mine, with the API's origin shares on screen", async () => {
    const page = await signIn("magnet");
    const lot = "https://id.gs1.org/01/08930000000552/10/NDPRM-2025-Q1";
    await page.goto(`${url}/#/lots/${encodeURIComponent(lot)}`);
    await page.getByTestId("origin-shares").waitFor();
    const trace = await apiAs<{ originShares: Record<string, { share: number }[]> }>(
      "magnet",
      `/lots/${encodeURIComponent(lot)}/trace`,
    );
    const shown = await page.getByTestId("origin-share").allTextContents();
    expect(shown).toEqual((trace.originShares.Nd ?? []).map((s) => `${(s.share * 100).toFixed(2)}%`));
    expect(shown).toEqual(["100.00%"]);
    await page.screenshot({ path: join(SCREENS, "magnet-lot-trace.png"), fullPage: true });
    await page.context().close();
  });

  it("the regulator sees a magnet's mined and recycled shares as the API says, and the recycled over-claim", async () => {
    const page = await signIn("regulator");
    const lot = "https://id.gs1.org/01/08930000000774/10/MAG-2025-Q4";
    await page.goto(`${url}/#/lots/${encodeURIComponent(lot)}`);
    await page.getByTestId("source-shares").waitFor();
    const trace = await apiAs<{
      sourceShares: Record<
        string,
        { mined: number; recycled: number; preConsumer: number; postConsumer: number }
      >;
    }>("regulator", `/lots/${encodeURIComponent(lot)}/trace`);
    const nd = trace.sourceShares.Nd;
    const pct = (x: number | undefined) => `${((x ?? Number.NaN) * 100).toFixed(2)}%`;
    expect(nd?.recycled).toBeGreaterThan(0.05);
    expect(await page.getByTestId("source-mined").textContent()).toBe(pct(nd?.mined));
    expect(await page.getByTestId("source-recycled").textContent()).toBe(pct(nd?.recycled));
    expect(await page.getByTestId("source-pre").textContent()).toBe(pct(nd?.preConsumer));
    expect(await page.getByTestId("source-post").textContent()).toBe(pct(nd?.postConsumer));
    await page.screenshot({ path: join(SCREENS, "regulator-lot-recycled.png"), fullPage: true });
    // The magnet maker claimed 30% recycled content for it: the planted over-claim.
    const id = `RECYCLED_CLAIM:${lot}`;
    await page.goto(`${url}/#/findings/${encodeURIComponent(id)}`);
    await page.getByTestId("finding-detail").waitFor();
    expect(await page.getByTestId("measured").textContent()).toContain("30");
    await page.context().close();
  });

  it("the magnet maker issues a passport for its metal, reads it with its QR code, and verifies every check", async () => {
    const page = await signIn("magnet");
    const lot = "https://id.gs1.org/01/08930000000552/10/NDPRM-2025-Q1";
    await page.goto(`${url}/#/passport/${encodeURIComponent(lot)}`);
    await page.getByTestId("issue-passport").click();
    await page.getByTestId("passport").waitFor();
    expect(await page.getByTestId("passport-share").allTextContents()).toEqual(["100.00%"]);
    expect(
      await page.getByTestId("passport-qr").evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    await page.getByTestId("verify-passport").click();
    const checks = page.getByTestId("verify-checks").locator("li");
    await expect.poll(() => checks.count()).toBe(10);
    expect(await page.getByTestId("verify-checks").locator("li.error").count()).toBe(0);
    await page.screenshot({ path: join(SCREENS, "magnet-passport-verified.png"), fullPage: true });
    await page.context().close();
  });

  it("the buyer previews its CRMA assessment with the API's figures, and downloads a PDF that renders", async () => {
    const page = await signIn("buyer");
    await page.goto(`${url}/#/reports`);
    await page.getByTestId("page-reports").waitFor();
    await page.getByTestId("report-year").selectOption("2025");
    const { organisation } = await apiAs<{ organisation: string }>("buyer", "/summary");
    const report = await apiAs<{
      elements: { element: string; receivedKg: { value: number; basis: { queries: string[] } } }[];
    }>("buyer", `/reports/crma-risk?company=${encodeURIComponent(organisation)}&year=2025`);
    const shown = (x: number, digits: number) =>
      x.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    expect(report.elements.map((e) => e.element)).toEqual(["Pr", "Nd", "Tb", "Dy"]);
    for (const e of report.elements) {
      // The figure on screen is the report's, and the report's is the answer of the query it names.
      const answer = await apiAs<{ totalKg: number; hhiCountry: number }>(
        "buyer",
        e.receivedKg.basis.queries[0] as string,
      );
      expect(e.receivedKg.value).toBe(answer.totalKg);
      await expect
        .poll(() => page.getByTestId(`report-received-${e.element}`).textContent())
        .toBe(shown(answer.totalKg, 3));
      expect(await page.getByTestId(`report-hhi-${e.element}`).textContent()).toBe(
        shown(answer.hhiCountry, 0),
      );
    }
    await expect
      .poll(() => page.getByTestId("report-vulnerabilities").textContent())
      .toContain("Demo Separation JSC");
    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("report-download-pdf").click(),
    ]);
    expect(pdf.suggestedFilename()).toBe("crma-risk-2025.pdf");
    const file = join(SCREENS, "buyer-report-crma-risk-2025.pdf");
    await pdf.saveAs(file);
    // The PDF's first page as a picture, beside the screenshots, and its text: the buyer and the figures.
    firstPageAsPng(file, join(SCREENS, "buyer-report-crma-risk-2025"));
    const text = pdfText(file);
    expect(text).toContain("Demo Korean Offtaker Co.");
    const nd = report.elements.find((e) => e.element === "Nd")?.receivedKg.value as number;
    expect(text).toContain(`${Number(nd.toFixed(3)).toLocaleString("en-US")} kg`);
    // The OECD report's counts, and the EMRT's workbook.
    await page.getByTestId("report-kind").selectOption("oecd-step5");
    const oecd = await apiAs<{ step1ManagementSystems: { receipts: { value: number } } }>(
      "buyer",
      `/reports/oecd-step5?company=${encodeURIComponent(organisation)}&year=2025`,
    );
    await expect
      .poll(() => page.getByTestId("report-receipts").textContent())
      .toBe(shown(oecd.step1ManagementSystems.receipts.value, 0));
    await page.getByTestId("report-kind").selectOption("emrt");
    await page.getByTestId("report-smelters").waitFor();
    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("report-download-xlsx").click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe("emrt-2025.xlsx");
    await page.screenshot({ path: join(SCREENS, "buyer-reports-emrt.png"), fullPage: true });
    await page.context().close();
  });

  it("the regulator reviews an organisation the press named and master data lacks, and rejects it with a note", async () => {
    const article = [
      "Lithium mining company fined for smuggling",
      "The NewsHawks",
      "https://thenewshawks.com/lithium-mining-company-fined-for-smuggling/",
      "",
      "BULAWAYO High Court judge Christopher Dube-Banda has fined local lithium mining company Silver Bern International (Private) Limited US$10 000 following its conviction for smuggling 96 000 metric tonnes of lithium disguised as manganese ore.",
    ].join("\n");
    const posted = await fetch(`${url}/news`, {
      method: "POST",
      headers: { authorization: `Bearer ${token("regulator")}`, "content-type": "text/plain; charset=utf-8" },
      body: article,
    });
    expect(posted.status).toBe(200);
    const queue = await apiAs<{ id: string; name: string }[]>("regulator", "/news/candidates");
    expect(queue.map((c) => c.name)).toContain("Silver Bern International (Private) Limited");
    const page = await signIn("regulator");
    await visit(page, "counterparties", "regulator-press");
    const item = page.getByTestId("press-candidate").filter({ hasText: "Silver Bern International" });
    expect(await item.textContent()).toContain("following its conviction for smuggling");
    expect(await item.textContent()).toContain("Conviction");
    await item.getByTestId("press-note").fill("outside the rare-earth chain");
    await item.getByRole("button", { name: "Reject" }).click();
    await page
      .getByTestId("press-candidate")
      .filter({ hasText: "Silver Bern International" })
      .waitFor({ state: "detached" });
    const rejected = await apiAs<{ name: string; reviewNote: string }[]>(
      "regulator",
      "/news/candidates?status=rejected",
    );
    expect(rejected).toContainEqual(
      expect.objectContaining({
        name: "Silver Bern International (Private) Limited",
        reviewNote: "outside the rare-earth chain",
      }),
    );
    await page.context().close();
  });

  it("reads on a phone-sized screen", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId("signin-regulator").click();
    await page.getByTestId("page-overview").waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(400);
    await page.screenshot({ path: join(SCREENS, "phone-overview.png"), fullPage: true });
    await context.close();
  });
});

describe("npm start on a fresh ledger", () => {
  it("migrates, loads the demo, serves the dashboard and prints a working token per role", async () => {
    // Runs after the build above, so the dashboard is current and start only checks it.
    const location = await newLedgerLocation("sqlite");
    const child = spawn(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      cwd: ROOT,
      env: { ...process.env, LODESTONE_DB: location.location, PORT: "0" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      await expect.poll(() => out, { timeout: 120_000, interval: 200 }).toMatch(/Stop with Ctrl\+C/);
      expect(out).toMatch(/Loading the demo scenario/);
      const ready = /Lodestone is ready at (http:\/\/localhost:\d+)/.exec(out)?.[1] as string;
      const started = ready.replace("localhost", "127.0.0.1");
      const page = await fetch(started);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const printed = new Map([...out.matchAll(/^ {2}(\S+) +(lst_\S+)/gm)].map((m) => [m[1], m[2]]));
      expect([...printed.keys()].sort()).toEqual(tokens.map((r) => r.key).sort());
      for (const [key, printedToken] of printed) {
        const summary = await fetch(`${started}/summary`, {
          headers: { authorization: `Bearer ${printedToken}` },
        });
        expect(summary.status, key).toBe(200);
      }
      // The same demo as the ledger the pages above were checked against.
      const theirs = await fetch(`${started}/summary`, {
        headers: { authorization: `Bearer ${printed.get("regulator")}` },
      });
      expect((await theirs.json()).events).toEqual(
        (await apiAs<{ events: number }>("regulator", "/summary")).events,
      );
    } finally {
      child.kill("SIGTERM");
      await location.dispose();
    }
  }, 180_000);
});
