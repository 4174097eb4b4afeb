// MASS_BALANCE names the lot and site that gained or lost material, cites the run, takes the site's declared
// process (recovery range, tolerance) over the typical one, and tells a low but plausible recovery (info)
// from a loss to explain (warning).
import { describe, expect, it } from "vitest";
import type { ContentsKg } from "../../src/domain/assay.ts";
import {
  type DeclaredProcess,
  massBalance,
  type TransformationFlows,
} from "../../src/domain/mass-balance.ts";

const PLANT = "https://id.gs1.org/414/8930000000132";

/** A leach of two concentrate lots into one carbonate lot at a given TREO recovery. */
function leach(recovery: number, extraOutKg = 0): TransformationFlows {
  const feed = (lot: string, treoKg: number) => ({
    lot,
    massKg: treoKg * 2.5,
    materialClass: "concentrate" as const,
    contents: { TREO: treoKg } as ContentsKg,
  });
  return {
    event: "ni:///sha-256;leach?ver=CBV2.0",
    run: "urn:epc:id:gdti:8930000.00002.RUN-0412",
    site: PLANT,
    eventTime: "2026-04-12T01:00:00.000Z",
    inputs: [feed("conc-small", 100), feed("conc-large", 300)],
    outputs: [
      {
        lot: "carbonate",
        massKg: 800,
        materialClass: "mixed_carbonate",
        contents: { TREO: 400 * recovery + extraOutKg },
      },
    ],
  };
}

const summary = (t: TransformationFlows, processes: DeclaredProcess[] = []) =>
  massBalance(t, processes).map((f) => [f.id.split(":").slice(-2).join(":"), f.severity, f.subject]);

describe("MASS_BALANCE", () => {
  it("names the output lot that gained material and its site, and cites the event and the run", () => {
    const [f] = massBalance(leach(1, 20));
    expect(f).toMatchObject({
      id: "MASS_BALANCE:ni:///sha-256;leach?ver=CBV2.0:TREO",
      severity: "violation",
      subject: { kind: "lot", id: "carbonate", site: PLANT },
      evidence: {
        events: ["ni:///sha-256;leach?ver=CBV2.0"],
        documents: ["urn:epc:id:gdti:8930000.00002.RUN-0412"],
      },
      allowed: { value: 408, unit: "kg TREO" },
    });
    expect(f?.message).toBe(
      `TREO: 420 kg out of 400 kg in at ${PLANT} (run urn:epc:id:gdti:8930000.00002.RUN-0412); 20 kg from no recorded input (tolerance 2.0%)`,
    );
  });

  it("takes the tolerance the site declares for the step", () => {
    const loose: DeclaredProcess[] = [{ step: "cracking_leaching", massBalanceTolerance: 0.06 }];
    expect(massBalance(leach(1, 20), loose).filter((f) => f.severity === "violation")).toEqual([]);
    expect(massBalance(leach(1, 30), loose)[0]?.allowed).toEqual({ value: 424, unit: "kg TREO" });
  });

  it("makes a leach at 75% information, at 65% a warning, naming the input lot that lost the most", () => {
    expect(summary(leach(0.75))).toEqual([
      ["TREO:recovery", "info", { kind: "lot", id: "conc-large", site: PLANT }],
    ]);
    expect(summary(leach(0.65))).toEqual([
      ["TREO:recovery", "warning", { kind: "lot", id: "conc-large", site: PLANT }],
    ]);
    expect(summary(leach(0.9))).toEqual([]);
  });

  it("judges by the site's declared range when it gives one: inside it is nothing, outside a warning", () => {
    const heap: DeclaredProcess[] = [{ step: "cracking_leaching", recovery: { min: 0.7, max: 0.85 } }];
    expect(summary(leach(0.75), heap)).toEqual([]);
    expect(summary(leach(0.9), heap).map(([, severity]) => severity)).toEqual(["warning"]);
    const tight: DeclaredProcess[] = [{ step: "cracking_leaching", recovery: { min: 0.8, max: 0.95 } }];
    const [f] = massBalance(leach(0.75), tight);
    expect([f?.severity, f?.message]).toEqual([
      "warning",
      `TREO recovery 75.0% at ${PLANT} (run urn:epc:id:gdti:8930000.00002.RUN-0412) is below the site's declared 80–95% for cracking_leaching`,
    ]);
  });
});
