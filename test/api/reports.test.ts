// The due-diligence reports over real HTTP on the demo, on every backend: each figure equals the answer of the
// query it names; the planted cases appear where they should and nowhere else; a buyer's report holds nothing
// of another buyer's; the PDF renders to pictures (pdftoppm) with its text and charts; the EMRT workbook
// holds the JSON's rows; bad requests name the field.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import schema from "../../docs/schemas/report.schema.json" with { type: "json" };
import { serve } from "../../src/api/server.ts";
import { demoTokens, loadDemo } from "../../src/cli/demo.ts";
import type { CrmaRiskReport } from "../../src/domain/reports/crma-risk.ts";
import type { EmrtReport } from "../../src/domain/reports/emrt.ts";
import type { OecdStep5Report } from "../../src/domain/reports/oecd-step5.ts";
import { migrateLedger, openLedger } from "../../src/store/db.ts";
import { BACKENDS, newLedgerLocation } from "../helpers/ledgers.ts";
import { firstPageAsPng, pdfText } from "../helpers/pdf.ts";

const validateReport = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const BUYER = "urn:epc:id:pgln:8800000.00001";
const MAGNET_MAKER = "urn:epc:id:pgln:8930000.00021";
const MAGNET_SITE = "https://id.gs1.org/414/8930000000217";
const AS_OF = "2026-12-31";
const OUT = join(resolve(import.meta.dirname, "../.."), "test-output", "reports");

for (const backend of BACKENDS) {
  describe(`reports on ${backend}`, () => {
    let url: string;
    let close: () => Promise<void>;
    let dispose: () => Promise<void>;
    let tokens: Awaited<ReturnType<typeof demoTokens>>;
    const token = (key: string) => tokens.find((r) => r.key === key)?.token as string;
    const get = (key: string, path: string) =>
      fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token(key)}` } });
    async function json<T>(key: string, path: string): Promise<T> {
      const res = await get(key, path);
      expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
      return (await res.json()) as T;
    }
    const report = <T>(kind: string, year: number, key = "buyer", company = BUYER) =>
      json<T>(key, `/reports/${kind}?company=${encodeURIComponent(company)}&year=${year}&asOf=${AS_OF}`);

    beforeAll(async () => {
      const location = await newLedgerLocation(backend);
      dispose = location.dispose;
      const ledger = openLedger(location.location);
      await migrateLedger(ledger);
      await loadDemo(ledger);
      tokens = await demoTokens(ledger);
      ({ url, close } = await serve({ ledger, port: 0, host: "127.0.0.1", logger: false }));
    }, 180_000);
    afterAll(async () => {
      await close?.();
      await dispose?.();
    });

    it("crma-risk: every supply figure is the answer of the query it names, and the shares sum to 1", async () => {
      const r = await report<CrmaRiskReport>("crma-risk", 2025);
      expect(r.elements.map((e) => e.element)).toEqual(["Pr", "Nd", "Tb", "Dy"]);
      for (const e of r.elements) {
        const [query] = e.receivedKg.basis.queries;
        expect(query).toContain("from=2025-01-01");
        const answer = await json<{
          totalKg: number;
          hhiCountry: number;
          byCountry: { key: string; share: number; elementKg: number }[];
          byMine: { key: string; share: number }[];
        }>("buyer", query as string);
        expect(e.receivedKg.value).toBe(answer.totalKg);
        expect(e.hhiCountry.value).toBe(answer.hhiCountry);
        expect(e.byCountry.map((c) => [c.key, c.share.value, c.elementKg.value])).toEqual(
          answer.byCountry.map((c) => [c.key, c.share, c.elementKg]),
        );
        expect(e.byMine.map((c) => [c.key, c.share.value])).toEqual(
          answer.byMine.map((c) => [c.key, c.share]),
        );
        expect(e.byMine.reduce((sum, m) => sum + m.share.value, 0)).toBeCloseTo(1, 9);
      }
      // Nd and Pr from MINE-A, the heavy rare earths from MINE-B, as the demo's chain mixes them.
      expect(r.elements.find((e) => e.element === "Nd")?.byMine[0]?.name).toContain("Nậm Xe");
      expect(r.elements.find((e) => e.element === "Dy")?.byMine[0]?.name).toContain("Văn Yên");
      // A year's receipts only: 2026's are not in 2025's report, and the two add up to the ledger's total.
      const r26 = await report<CrmaRiskReport>("crma-risk", 2026);
      const all = await json<{ totalKg: number }>("buyer", `/risk/concentration?buyer=${BUYER}&element=Nd`);
      const nd = (x: CrmaRiskReport) => x.elements.find((e) => e.element === "Nd")?.receivedKg.value ?? 0;
      expect(nd(r) + nd(r26)).toBeCloseTo(all.totalKg, 6);
      expect(nd(r26)).toBeGreaterThan(0);
    });

    it("crma-risk: contract figures equal the contract's own answer; what-if shortfalls equal the what-if's", async () => {
      const r = await report<CrmaRiskReport>("crma-risk", 2025);
      const [contract] = r.contracts;
      expect(contract?.contract).toBe("OFT-2025-001");
      const query = contract?.products[0]?.deliveredT.basis.queries[0] as string;
      const answer = await json<{
        products: { product: string; years: { year: string; committedT: number; deliveredT: number }[] }[];
      }>("buyer", query);
      for (const p of contract?.products ?? []) {
        const year = answer.products
          .find((x) => x.product === p.product)
          ?.years.find((y) => y.year === "2025");
        expect(p.deliveredT.value).toBe(year?.deliveredT);
        expect(p.committedT.value).toBe(year?.committedT);
      }
      const seller = r.whatIf.find((w) => w.reason === "contract_seller");
      const whatIf = await json<{
        contracts: { contract: string; products: { product: string; shortfallT: number }[] }[];
      }>("buyer", seller?.shortfalls[0]?.shortfallT.basis.queries[0] as string);
      for (const x of seller?.shortfalls ?? []) {
        const expected = whatIf.contracts
          .find((c) => c.contract === x.contract)
          ?.products.find((p) => p.product === x.product)?.shortfallT;
        expect(x.shortfallT.value).toBe(expected);
      }
    });

    it("shows the demo's planted cases in the year they belong to, and not those off the buyer's chain", async () => {
      const r25 = await report<CrmaRiskReport>("crma-risk", 2025);
      const o25 = await report<OecdStep5Report>("oecd-step5", 2025);
      const o26 = await report<OecdStep5Report>("oecd-step5", 2026);
      // The seller's prosecution (October 2026) is a risk factor of any year reported after it.
      expect(r25.riskFactors.legalEvents.map((e) => [e.partyName, e.kind])).toContainEqual([
        "Demo Separation JSC",
        "prosecution",
      ]);
      expect(r25.vulnerabilities.map((v) => v.kind)).toEqual(
        expect.arrayContaining(["single_country", "legal_event", "contract_at_risk", "what_if"]),
      );
      const codes = (o: OecdStep5Report) => o.step3RiskResponse.findings.map((f) => f.id);
      // 2025: the off-specification Dy2O3 lot and the separation plant's low recovery.
      expect(codes(o25).some((id) => id.startsWith("SPEC_MISMATCH:OFT-2025-001"))).toBe(true);
      expect(codes(o25).some((id) => id.startsWith("MASS_BALANCE:"))).toBe(true);
      expect(codes(o25)).not.toContain("LICENCE_CAPACITY:DEMO-001/GP-BTNMT:2026");
      // 2026: mine A's overrun of its licence, on the buyer's chain.
      expect(codes(o26)).toContain("LICENCE_CAPACITY:DEMO-001/GP-BTNMT:2026");
      // The unprocessed export is a trader's, to another country: on no report of the buyer's.
      for (const o of [o25, o26])
        expect(codes(o).some((id) => id.startsWith("EXPORT_UNPROCESSED"))).toBe(false);
      // Every finding a report names is one the buyer can read: in /findings, or named by its contract.
      const visible = new Set(
        (await json<{ findings: { id: string }[] }>("buyer", "/findings")).findings.map((f) => f.id),
      );
      const contract = await json<{ supplyAtRisk: { reasons: { id: string }[] } }>(
        "buyer",
        `/contracts/OFT-2025-001?asOf=${AS_OF}`,
      );
      for (const r of contract.supplyAtRisk.reasons) visible.add(r.id);
      for (const id of [...codes(o25), ...codes(o26)]) expect(visible, id).toContain(id);
    });

    it("is the company's own view: another buyer is refused, and nothing of another buyer's is in it", async () => {
      const refused = await get("magnet", `/reports/crma-risk?company=${BUYER}&year=2025`);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { detail: string }).detail).toContain("company");
      for (const kind of ["crma-risk", "oecd-step5", "emrt"]) {
        const made = await report(kind, 2025);
        // The JSON form is the one docs/schemas/report.schema.json describes.
        validateReport(made);
        expect(validateReport.errors ?? [], kind).toEqual([]);
        const text = JSON.stringify(made);
        expect(text).not.toContain(MAGNET_MAKER);
        expect(text).not.toContain(MAGNET_SITE);
      }
      // The magnet maker's own report is about its own receipts: the metallisation plant is in its chain only.
      const own = await report<EmrtReport>("emrt", 2025, "magnet", MAGNET_MAKER);
      const buyers = await report<EmrtReport>("emrt", 2025);
      expect(own.smelters.map((s) => s.kind)).toContain("metal");
      expect(buyers.smelters.map((s) => s.kind)).not.toContain("metal");
      // A regulator may have any company's report.
      const regulator = await report<EmrtReport>("emrt", 2025, "regulator");
      expect(regulator.smelters).toEqual(buyers.smelters);
    });

    it("renders the PDF: pages with the figures' text, the chart bars, and Vietnamese names intact", async () => {
      const dir = mkdtempSync(join(tmpdir(), "lodestone-pdf-"));
      try {
        for (const kind of ["crma-risk", "oecd-step5", "emrt"]) {
          const res = await get(
            "buyer",
            `/reports/${kind}?company=${BUYER}&year=2025&asOf=${AS_OF}&format=pdf`,
          );
          expect(res.status).toBe(200);
          expect(res.headers.get("content-type")).toBe("application/pdf");
          expect(res.headers.get("content-disposition")).toContain(`${kind}-2025.pdf`);
          const pdf = Buffer.from(await res.arrayBuffer());
          expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
          const file = join(dir, `${kind}.pdf`);
          writeFileSync(file, pdf);
          const text = pdfText(file);
          expect(text).toContain("Demo Korean Offtaker Co.");
          expect(text).toContain("Sources");
          // Pictures of the pages, kept for a person to look at, and read back as pixels.
          execFileSync("pdftoppm", ["-r", "40", file, join(dir, kind)]);
          const pages = readdirSync(dir).filter((f) => f.startsWith(`${kind}-`) && f.endsWith(".ppm"));
          expect(pages.length).toBeGreaterThanOrEqual(2);
          mkdirSync(OUT, { recursive: true });
          firstPageAsPng(file, join(OUT, `${backend}-${kind}`));
          const first = readPpm(readFileSync(join(dir, pages.sort()[0] as string)));
          expect(first.darkShare).toBeGreaterThan(0.003); // text and rules, not a blank page
          if (kind === "crma-risk") {
            expect(text).toContain("Nậm Xe");
            expect(text).toContain("benchmark 65%");
            const r = await report<CrmaRiskReport>("crma-risk", 2025);
            const nd = r.elements.find((e) => e.element === "Nd")?.receivedKg.value as number;
            expect(text).toContain(`${Number(nd.toFixed(3)).toLocaleString("en-US")} kg`);
            // The bars are drawn: pixels in the chart's colours on the first page.
            expect(first.chartPixels).toBeGreaterThan(200);
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("carries the regulator's response to a finding, with its note, into the next OECD report", async () => {
      const before = await report<OecdStep5Report>("oecd-step5", 2025);
      const target = before.step3RiskResponse.findings.find((f) => f.code === "SPEC_MISMATCH");
      expect(target?.status).toBe("open");
      const id = target?.id as string;
      const res = await fetch(`${url}/findings/${encodeURIComponent(id)}/acknowledge`, {
        method: "POST",
        headers: { authorization: `Bearer ${token("regulator")}`, "content-type": "application/json" },
        body: JSON.stringify({ note: "seller replaced the lot under the contract's remedy clause" }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const after = await report<OecdStep5Report>("oecd-step5", 2025);
      const answered = after.step3RiskResponse.findings.find((f) => f.id === id);
      expect(answered?.status).toBe("acknowledged");
      expect(answered?.statusChanges.map((c) => [c.status, c.note])).toEqual([
        ["acknowledged", "seller replaced the lot under the contract's remedy clause"],
      ]);
      expect(after.step3RiskResponse.acknowledged.value).toBe(
        before.step3RiskResponse.acknowledged.value + 1,
      );
      expect(after.step3RiskResponse.acknowledged.basis.findings).toContain(id);
    });

    it("hands the EMRT on as a workbook with the JSON's rows, and refuses what a report does not have", async () => {
      const r = await report<EmrtReport>("emrt", 2025);
      const res = await get("buyer", `/reports/emrt?company=${BUYER}&year=2025&asOf=${AS_OF}&format=xlsx`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("spreadsheetml");
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      expect(book.worksheets.map((s) => s.name)).toEqual([
        "Declaration",
        "Smelter List",
        "Mine List",
        "Product List",
      ]);
      const smelters = book.getWorksheet("Smelter List");
      const rows: string[] = [];
      smelters?.eachRow((row, i) => {
        if (i > 1) rows.push(String(row.getCell(3).value));
      });
      expect(rows).toEqual(r.smelters.map((s) => s.smelterId));
      const products = book.getWorksheet("Product List");
      expect(products?.getRow(2).getCell(4).value).toBe(r.products[0]?.massKg.value);

      const bad = async (path: string, status: number, field: string) => {
        const answer = await get("buyer", path);
        expect(answer.status, path).toBe(status);
        expect(answer.headers.get("content-type")).toContain("application/problem+json");
        expect(JSON.stringify(await answer.json())).toContain(field);
      };
      await bad(`/reports/crma-risk?company=${BUYER}&year=2025&format=xlsx`, 400, "format");
      await bad(`/reports/crma-risk?company=${BUYER}&year=20x5`, 400, "year");
      await bad(`/reports/oecd-step5?company=${BUYER}`, 400, "year");
      await bad(`/reports/crma-risk?company=${BUYER}&year=2025&elements=Nd,Xx`, 400, "elements");
      await bad("/reports/crma-risk?company=urn:epc:id:pgln:0000000.00000&year=2025", 403, "company");
    });
  });
}

/** A binary PPM (P6) read back: the share of dark pixels, and the pixels in the bar charts' two colours. */
function readPpm(bytes: Buffer): { darkShare: number; chartPixels: number } {
  const header = bytes.subarray(0, 64).toString("latin1").split(/\s+/);
  const [magic, w, h, max] = header;
  if (magic !== "P6" || max !== "255") throw new Error(`not a binary PPM: ${header.slice(0, 4).join(" ")}`);
  const width = Number(w);
  const height = Number(h);
  const start = bytes.length - width * height * 3;
  let dark = 0;
  let chart = 0;
  const near = (r: number, g: number, b: number, hex: number) =>
    Math.abs(r - (hex >> 16)) < 24 && Math.abs(g - ((hex >> 8) & 255)) < 24 && Math.abs(b - (hex & 255)) < 24;
  for (let i = start; i < bytes.length; i += 3) {
    const [r, g, b] = [bytes[i] ?? 0, bytes[i + 1] ?? 0, bytes[i + 2] ?? 0];
    if (r + g + b < 300) dark++;
    if (near(r, g, b, 0x2f6f9f) || near(r, g, b, 0xb44d12)) chart++;
  }
  return { darkShare: dark / (width * height), chartPixels: chart };
}
