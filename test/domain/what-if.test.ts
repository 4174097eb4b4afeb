// What-if arithmetic: a lot's dependency on a party (processed by it: wholly; from its mine: by origin share),
// and a contract's shortfall over the next 12 months.
import { describe, expect, it } from "vitest";
import { offtakeContract } from "../../scripts/demo/offtake.ts";
import { contractExposure, dependencyOnParty, shortfallByMaterial } from "../../src/domain/what-if.ts";

const contract = offtakeContract(
  { buyer: "urn:buyer", seller: "urn:seller" },
  { concentratorA: "urn:ba", concentratorB: "urn:bb", hydromet: "urn:h", separation: "urn:s" },
);

describe("dependency of a lot on a party", () => {
  const upstream = [
    { lot: "magnet", site: "magnet-plant" },
    { lot: "oxide", site: "separation" },
    { lot: "ore-a", site: "mine-a" },
    { lot: "ore-b", site: "mine-b" },
  ];
  const origins = [
    { site: "mine-a", share: 0.96 },
    { site: "mine-b", share: 0.04 },
  ];
  it("is whole for the party that processed the lot or a lot upstream of it", () => {
    expect(dependencyOnParty("magnet", upstream, origins, new Set(["magnet-plant"]), new Set())).toEqual({
      lot: "magnet",
      share: 1,
      via: "made_by_party",
    });
    expect(dependencyOnParty("magnet", upstream, origins, new Set(["separation"]), new Set()).via).toBe(
      "made_upstream_by_party",
    );
  });
  it("is the origin share for a mine, and nothing for an unrelated party", () => {
    expect(dependencyOnParty("magnet", upstream, origins, new Set(["mine-b"]), new Set(["mine-b"]))).toEqual({
      lot: "magnet",
      share: 0.04,
      via: "origin_share",
    });
    expect(dependencyOnParty("magnet", upstream, origins, new Set(["elsewhere"]), new Set()).share).toBe(0);
  });
});

describe("a contract's exposure", () => {
  it("loses everything due in the next 12 months when its seller stops", () => {
    const e = contractExposure(contract, "seller", new Map(), "2026-03-01");
    expect(e.products.map((p) => [p.product, p.next12MonthsT, p.dependency, p.shortfallT])).toEqual([
      ["ndpr-oxide", 480, 1, 480],
      ["dy2o3", 20, 1, 20],
    ]);
  });
  it("loses the upstream party's share of each product", () => {
    // On 2026-11-26 only 2026-Q4 to 2027-Q3 fall due within a year: 480 t and 20 t.
    const e = contractExposure(contract, "upstream", new Map([["dy2o3", 0.25]]), "2026-11-26");
    expect(e.products.map((p) => [p.product, p.shortfallT])).toEqual([
      ["ndpr-oxide", 0],
      ["dy2o3", 5],
    ]);
    expect(shortfallByMaterial([e])).toEqual([
      { material: "Dy2O3 99.5%", shortfallT: 5 },
      { material: "NdPr oxide 99% (75:25)", shortfallT: 0 },
    ]);
  });
});
