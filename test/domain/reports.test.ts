// The report builders on small hand-made inputs: the processing-stage shares, the CRMA benchmark against the
// largest third country (never the company's own), the vulnerabilities, the OECD counts and the EMRT answers.
import { describe, expect, it } from "vitest";
import { crmaRiskReport } from "../../src/domain/reports/crma-risk.ts";
import { emrtReport } from "../../src/domain/reports/emrt.ts";
import { oecdStep5Report } from "../../src/domain/reports/oecd-step5.ts";
import type { ReportInputs } from "../../src/domain/reports/report-inputs.ts";

const share = (key: string | null, elementKg: number, totalKg: number) => ({
  key,
  elementKg,
  share: elementKg / totalKg,
});

function inputs(overrides: Partial<ReportInputs> = {}): ReportInputs {
  return {
    company: { id: "org:buyer", name: "Buyer", country: "KR" },
    year: 2025,
    period: { from: "2025-01-01", to: "2025-12-31" },
    asOf: "2026-01-15",
    supply: [
      {
        element: "Nd",
        query: "/risk/concentration?buyer=org%3Abuyer&element=Nd&from=2025-01-01&to=2025-12-31",
        totalKg: 100,
        // 20 kg of domestic (KR) supply: the largest third country is VN at 70%, above 65%.
        byCountry: [share("VN", 70, 100), share("KR", 20, 100), share("AU", 10, 100)],
        byMine: [
          share("site:mine-a", 70, 100),
          share("site:mine-k", 20, 100),
          share("site:mine-au", 10, 100),
        ],
        // 10 kg of it from end-of-life magnets, 5 kg from swarf.
        bySource: [share("mined", 85, 100), share("post_consumer", 10, 100), share("pre_consumer", 5, 100)],
        bySupplier: [share("org:sep-vn", 60, 100), share("org:sep-my", 40, 100)],
        hhiCountry: 70 ** 2 + 20 ** 2 + 10 ** 2,
        hhiSupplier: 60 ** 2 + 40 ** 2,
        findings: [{ id: "CONCENTRATION:org:buyer:Nd:country:VN:2025-01-01/2025-12-31", message: "" }],
        unassayedLots: [],
      },
      {
        element: "Dy",
        query: "/risk/concentration?element=Dy",
        totalKg: 0,
        byCountry: [],
        byMine: [],
        bySource: [],
        bySupplier: [],
        hhiCountry: 0,
        hhiSupplier: 0,
        findings: [],
        unassayedLots: [],
      },
    ],
    receipts: [
      {
        lot: "lot:1",
        event: "e1",
        date: "2025-03-01",
        site: "site:yard",
        massKg: 300,
        elementsKg: { Nd: 60 },
        productName: "NdPr oxide",
        materialClass: "ndpr_oxide",
        supplier: "org:sep-vn",
        tracedToMine: true,
      },
      {
        lot: "lot:2",
        event: "e2",
        date: "2025-06-01",
        site: "site:yard",
        massKg: 100,
        elementsKg: { Nd: 40 },
        productName: null,
        materialClass: "ndpr_oxide",
        supplier: "org:sep-my",
        tracedToMine: false,
      },
    ],
    chainSites: [
      {
        id: "site:sep",
        name: "Separation plant",
        kind: "separation",
        country: "VN",
        operator: "org:sep-vn",
        lots: ["lot:1"],
        permits: [],
        licences: [],
      },
      {
        id: "site:mine-a",
        name: "Mine A",
        kind: "mine",
        country: "VN",
        operator: "org:miner",
        lots: ["lot:1"],
        permits: [],
        licences: [{ id: "LIC-A", status: "active", validFrom: "2020-01-01", validTo: "2040-01-01" }],
      },
    ],
    findings: [
      {
        id: "LICENCE_CAPACITY:LIC-A:2025",
        code: "LICENCE_CAPACITY",
        severity: "violation",
        status: "acknowledged",
        statusNote: "authority informed",
        subject: { kind: "licence", id: "LIC-A" },
        period: { from: "2025-01-01", to: "2025-12-31" },
        message: "over capacity",
        firstSeen: "2025-12-01T00:00:00Z",
        statusChanges: [{ at: "2025-12-02T00:00:00Z", status: "acknowledged", note: "authority informed" }],
      },
      {
        id: "MASS_BALANCE:x",
        code: "MASS_BALANCE",
        severity: "warning",
        status: "resolved",
        statusNote: "no longer found by evaluation",
        subject: { kind: "lot", id: "lot:0" },
        period: null,
        message: "low recovery",
        firstSeen: "2025-05-01T00:00:00Z",
        statusChanges: [],
      },
    ],
    legalEvents: [],
    contracts: [],
    whatIf: [],
    rulePacks: ["VN"],
    passports: [{ lot: "lot:1", credentialId: "urn:uuid:1", revoked: true }],
    names: { "org:sep-vn": "Sep VN", "org:sep-my": "Sep MY", "site:mine-a": "Mine A" },
    countries: { "org:sep-vn": "VN", "org:sep-my": "MY" },
    ...overrides,
  };
}

describe("the CRMA risk assessment", () => {
  it("measures the largest third country against 65%, never the company's own country", () => {
    const r = crmaRiskReport(inputs());
    expect(r.elements.map((e) => e.element)).toEqual(["Nd"]); // Dy: nothing received, nothing to report
    const nd = r.elements[0];
    expect(nd?.largestThirdCountry).toMatchObject({ country: "VN", benchmark: 0.65, above: true });
    expect(nd?.largestThirdCountry?.share.value).toBe(0.7);
    expect(nd?.largestThirdCountry?.share.basis.findings).toEqual([
      "CONCENTRATION:org:buyer:Nd:country:VN:2025-01-01/2025-12-31",
    ]);
    expect(nd?.hhiCountry.value).toBe(5400);
    expect(nd?.recycledShare.value).toBeCloseTo(0.15, 12);
    expect(nd?.byMine.map((m) => m.name)).toEqual(["Mine A", "site:mine-k", "site:mine-au"]);
    const withDomesticFirst = crmaRiskReport(
      inputs({
        supply: [
          {
            ...(inputs().supply[0] as ReportInputs["supply"][number]),
            byCountry: [share("KR", 80, 100), share("VN", 20, 100)],
          },
        ],
      }),
    );
    expect(withDomesticFirst.elements[0]?.largestThirdCountry).toMatchObject({ country: "VN", above: false });
  });

  it("puts each supplier's share on its country for the processing stage, and lists the vulnerabilities", () => {
    const r = crmaRiskReport(inputs());
    expect(r.elements[0]?.byProcessingCountry.map((c) => [c.key, c.share.value])).toEqual([
      ["VN", 0.6],
      ["MY", 0.4],
    ]);
    // 60% from one supplier is under the 65% line: one vulnerability, the country's.
    expect(r.vulnerabilities.map((v) => v.kind)).toEqual(["single_country"]);
    expect(r.processing.map((p) => p.site)).toEqual(["site:sep"]);
  });
});

describe("the OECD step 5 report", () => {
  it("counts the mass traced to the mine, the red flags by rule and the findings by status", () => {
    const r = oecdStep5Report(inputs());
    expect(r.step1ManagementSystems.receivedKg.value).toBe(400);
    expect(r.step1ManagementSystems.tracedToMineShare.value).toBe(0.75);
    expect(r.step2RiskIdentification.redFlags.map((f) => [f.code, f.findings.value])).toEqual([
      ["LICENCE_CAPACITY", 1],
      ["MASS_BALANCE", 1],
    ]);
    expect([r.step3RiskResponse.open.value, r.step3RiskResponse.acknowledged.value]).toEqual([0, 1]);
    expect(r.step3RiskResponse.resolved.basis.findings).toEqual(["MASS_BALANCE:x"]);
    expect(r.step4IndependentVerification).toMatchObject({ passports: { value: 1 }, revoked: { value: 1 } });
  });
});

describe("the EMRT-shaped template", () => {
  it("answers the declaration from the receipts, and lists refiners, mines and products", () => {
    const r = emrtReport(inputs());
    expect(r.declaration.map((d) => d.answer)).toEqual(["Nd", "1 of 2 receipts", "no", "yes"]);
    expect(r.declaration[3]?.basis.findings).toEqual(["LICENCE_CAPACITY:LIC-A:2025"]);
    expect(r.smelters.map((s) => [s.smelterName, s.metals, s.lots.value])).toEqual([
      ["Separation plant", ["Nd"], 1],
    ]);
    expect(r.mines[0]?.openFindings).toEqual(["LICENCE_CAPACITY:LIC-A:2025"]);
    expect(r.products.map((p) => [p.productName, p.lots.value, p.massKg.value])).toEqual([
      ["NdPr oxide", 1, 300],
      ["ndpr_oxide", 1, 100],
    ]);
  });
});
