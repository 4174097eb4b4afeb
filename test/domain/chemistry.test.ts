// Oxide ↔ element factors against the hand-computed values of shared/domain.md §2.2 (4 decimals), and units.
import { describe, expect, it } from "vitest";
import { type Assay, contentsKg, validateAssay } from "../../src/domain/assay.ts";
import { metalPerOxide, molarMass, OXIDES, oxidePerMetal } from "../../src/domain/chemistry.ts";
import { toKilograms } from "../../src/domain/units.ts";

describe("oxide factors", () => {
  it.each([
    ["Nd2O3", 336.481, 0.8574, 1.1664],
    ["Pr6O11", 1021.435, 0.8277, 1.2082],
    ["Dy2O3", 372.997, 0.8713, 1.1477],
    ["Tb4O7", 747.694, 0.8502, 1.1762],
    ["La2O3", 325.808, 0.8527, 1.1728],
    ["CeO2", 172.114, 0.8141, 1.2284],
    ["Y2O3", 225.809, 0.7874, 1.2699],
    ["Sm2O3", 348.717, 0.8624, 1.1596],
    ["Gd2O3", 362.497, 0.8676, 1.1526],
    ["Eu2O3", 351.925, 0.8636, 1.1579],
  ] as const)("%s: molar mass %f, metal/oxide %f, oxide/metal %f", (oxide, molar, metal, inverse) => {
    expect(molarMass(OXIDES[oxide] as never)).toBeCloseTo(molar, 2);
    expect(metalPerOxide(oxide)).toBeCloseTo(metal, 4);
    expect(oxidePerMetal(oxide)).toBeCloseTo(inverse, 4);
  });

  it("gives NdPr oxide 75:25 a metal fraction of 0.8499", () => {
    expect(0.75 * metalPerOxide("Nd2O3") + 0.25 * metalPerOxide("Pr6O11")).toBeCloseTo(0.8499, 4);
  });

  it("covers thorium and uranium oxides", () => {
    expect(metalPerOxide("ThO2")).toBeCloseTo(232.0377 / (232.0377 + 2 * 15.999), 10);
    expect(metalPerOxide("U3O8")).toBeCloseTo((3 * 238.02891) / (3 * 238.02891 + 8 * 15.999), 10);
  });
});

describe("units of mass", () => {
  it.each([
    ["KGM", 1],
    ["TNE", 1000],
    ["GRM", 0.001],
    ["LBR", 0.45359237],
  ])("%s converts to kilograms", (uom, factor) => {
    expect(toKilograms(2, uom)).toEqual({ ok: true, kg: 2 * factor });
  });

  it("refuses an unknown unit and never guesses", () => {
    const result = toKilograms(5, "XYZ");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain('unknown unit of mass "XYZ"');
  });
});

describe("assays", () => {
  const ore: Assay = {
    basis: "oxide",
    massFractions: { TREO: 0.03, Nd2O3: 0.0039, Pr6O11: 0.00135, ThO2: 0.00017 },
  };

  it("accepts a consistent assay", () => {
    expect(validateAssay(ore)).toEqual([]);
  });

  it("turns an oxide assay into element masses through the factor table", () => {
    const c = contentsKg(1000, ore);
    expect(c.Nd).toBeCloseTo(1000 * 0.0039 * metalPerOxide("Nd2O3"), 9);
    expect(c.Th).toBeCloseTo(1000 * 0.00017 * metalPerOxide("ThO2"), 9);
    expect(c.TREO).toBeCloseTo(30, 9);
  });

  it.each<[string, Assay, string]>([
    [
      "a fraction above 1",
      { basis: "oxide", massFractions: { TREO: 1.2 } },
      "mass fraction must be a number from 0 to 1, got 1.2",
    ],
    ["a negative fraction", { basis: "oxide", massFractions: { Nd2O3: -0.1 } }, "got -0.1"],
    [
      "TREO below its parts",
      { basis: "oxide", massFractions: { TREO: 0.1, Nd2O3: 0.08, CeO2: 0.05 } },
      "TREO 0.1 is below the sum of its parts 0.13",
    ],
    [
      "an unknown analyte",
      { basis: "oxide", massFractions: { Unobtainium: 0.1 } },
      'unknown analyte "Unobtainium"',
    ],
    [
      "components above 1",
      { basis: "element", massFractions: { Nd: 0.7, Pr: 0.5 } },
      "components add up to 1.2, more than 1",
    ],
    [
      "an element on an oxide basis",
      { basis: "oxide", massFractions: { Nd: 0.1 } },
      "does not fit an assay on the oxide basis",
    ],
  ])("refuses %s", (_, assay, message) => {
    expect(
      validateAssay(assay)
        .map((p) => p.message)
        .join("; "),
    ).toContain(message);
  });
});
