// Jurisdiction thresholds imported as master data merge into the built-in packs: a new version adds to the
// history, one with the same effective date replaces the built-in one, a new jurisdiction gets a pack.
import { describe, expect, it } from "vitest";
import { effectiveRulePacks, inForce, packFor, VIETNAM } from "../../src/domain/rule-packs.ts";

describe("rule packs from master data", () => {
  it("leaves the built-in packs as they are when nothing is imported", () => {
    expect(effectiveRulePacks([])).toEqual([VIETNAM]);
  });

  it("adds a later Vietnamese version and replaces one of the same date, keeping the rest", () => {
    const packs = effectiveRulePacks([
      {
        id: "VN-2027",
        jurisdiction: "VN",
        exportUnprocessed: [
          {
            effectiveFrom: "2027-07-01",
            barredClasses: ["ore"],
            minTreoFraction: 0.95,
            citation: "Decree X/2027",
          },
        ],
        exportRadioactive: [
          { effectiveFrom: "2016-08-20", thresholdFraction: 0.001, citation: "Circular Y" },
        ],
        declarationTolerance: 0.05,
      },
    ]);
    const vn = packFor(packs, "VN");
    expect(vn?.exportUnprocessed.map((v) => [v.effectiveFrom, v.minTreoFraction])).toEqual([
      ["2026-01-01", 0.9],
      ["2027-07-01", 0.95],
    ]);
    expect(inForce(vn?.exportUnprocessed ?? [], "2027-06-30")?.minTreoFraction).toBe(0.9);
    expect(inForce(vn?.exportUnprocessed ?? [], "2027-07-01")?.minTreoFraction).toBe(0.95);
    expect(vn?.exportRadioactive.map((v) => v.thresholdFraction)).toEqual([0.001]);
    expect(vn?.declarationTolerance).toBe(0.05);
  });

  it("makes a pack for a jurisdiction Lodestone does not ship, with the default declaration tolerance", () => {
    const la = packFor(
      effectiveRulePacks([
        {
          id: "LA-2026",
          jurisdiction: "LA",
          exportRadioactive: [
            { effectiveFrom: "2026-01-01", thresholdFraction: 0.0005, citation: "Lao decree" },
          ],
        },
      ]),
      "LA",
    );
    expect(la).toEqual({
      jurisdiction: "LA",
      exportUnprocessed: [],
      exportRadioactive: [{ effectiveFrom: "2026-01-01", thresholdFraction: 0.0005, citation: "Lao decree" }],
      declarationTolerance: 0.02,
    });
  });
});
