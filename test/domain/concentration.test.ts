// Supply concentration by origin country and by supplier, the HHI, and the CONCENTRATION rule's limits.
import { describe, expect, it } from "vitest";
import { herfindahlIndex, type Receipt, supplyConcentration } from "../../src/domain/concentration.ts";

const BUYER = "urn:epc:id:pgln:8800000.00001";
const receipt = (
  lot: string,
  supplier: string | null,
  elementKg: number,
  origins: Receipt["origins"],
): Receipt => ({ lot, event: `ev-${lot}`, supplier, elementKg, origins });

// 1,000 kg of Nd: 600 from S1 (all Vietnamese), 300 from S2 (half VN, half AU), 100 from an unknown supplier and origin.
const RECEIPTS = [
  receipt("L1", "S1", 600, [{ country: "VN", share: 1 }]),
  receipt("L2", "S2", 300, [
    { country: "VN", share: 0.5 },
    { country: "AU", share: 0.5 },
  ]),
  receipt("L3", null, 100, [{ country: null, share: 1 }]),
];

describe("supplyConcentration", () => {
  it("splits received element mass by origin country and by supplier, with the HHI of each", () => {
    const c = supplyConcentration(BUYER, "Nd", RECEIPTS, { buyerCountry: "KR" });
    expect(c.totalKg).toBe(1000);
    expect(c.byCountry.map((s) => [s.key, s.elementKg])).toEqual([
      ["VN", 750],
      ["AU", 150],
      [null, 100],
    ]);
    expect(c.byCountry.map((s) => s.share)).toEqual([0.75, 0.15, 0.1]);
    expect(c.bySupplier.map((s) => [s.key, s.elementKg, s.share])).toEqual([
      ["S1", 600, 0.6],
      ["S2", 300, 0.3],
      [null, 100, 0.1],
    ]);
    // 75² + 15² + 10² and 60² + 30² + 10²: unknown origin counts as one group.
    expect(c.hhiCountry).toBeCloseTo(5950, 9);
    expect(c.hhiSupplier).toBeCloseTo(4600, 9);
  });

  it("finds one third country above the 65% CRMA benchmark, with the numbers and the receipts behind it", () => {
    const [finding, ...rest] = supplyConcentration(BUYER, "Nd", RECEIPTS, { buyerCountry: "KR" }).findings;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      id: `CONCENTRATION:${BUYER}:Nd:country:VN`,
      code: "CONCENTRATION",
      severity: "warning",
      status: "open",
      subject: { kind: "organisation", id: BUYER },
      measured: { value: 75, unit: "%" },
      allowed: { value: 65, unit: "%" },
      evidence: { events: ["ev-L1", "ev-L2"], documents: [] },
    });
    expect(finding?.message).toBe("75% of received Nd comes from VN, above the 65% single-country limit");
  });

  it("never counts domestic supply as a third-country dependency", () => {
    expect(supplyConcentration(BUYER, "Nd", RECEIPTS, { buyerCountry: "VN" }).findings).toEqual([]);
  });

  it("takes the buyer's own limits: a looser country limit, and a supplier limit", () => {
    const findings = supplyConcentration(BUYER, "Nd", RECEIPTS, {
      buyerCountry: "KR",
      countryShareMax: 0.8,
      supplierShareMax: 0.5,
    }).findings;
    expect(findings.map((f) => [f.id, f.measured?.value, f.allowed?.value])).toEqual([
      [`CONCENTRATION:${BUYER}:Nd:supplier:S1`, 60, 50],
    ]);
  });

  it("allows a share exactly at the limit", () => {
    const atLimit = [
      receipt("A", "S1", 650, [{ country: "VN", share: 1 }]),
      receipt("B", "S2", 350, [{ country: "AU", share: 1 }]),
    ];
    expect(supplyConcentration(BUYER, "Nd", atLimit, { buyerCountry: "KR" }).findings).toEqual([]);
  });

  it("gives zero shares and no findings when nothing was received", () => {
    const c = supplyConcentration(BUYER, "Dy", []);
    expect(c).toMatchObject({ totalKg: 0, byCountry: [], bySupplier: [], hhiCountry: 0, findings: [] });
  });

  it("HHI is 10,000 for a single source", () => {
    expect(herfindahlIndex([{ key: "VN", elementKg: 5, share: 1 }])).toBe(10000);
  });
});
