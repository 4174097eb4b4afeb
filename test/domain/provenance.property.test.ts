// Property tests on random lot graphs: origin shares always sum to 1 and equal a brute-force enumeration of
// paths; balanced transformations never breach mass balance, and inflating an output beyond tolerance always does.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContentKey, ContentsKg } from "../../src/domain/assay.ts";
import { allocateTransformation, type LotEdge, type LotQuantity } from "../../src/domain/lot-flows.ts";
import {
  DEFAULT_MASS_BALANCE_TOLERANCE,
  massBalance,
  RECOVERY_RANGES,
  type StepKind,
} from "../../src/domain/mass-balance.ts";
import type { MaterialClass, OriginSource } from "../../src/domain/material-class.ts";
import {
  edgeWeights,
  type Origin,
  originShares,
  type ProvenanceGraph,
  sourceShares,
} from "../../src/domain/provenance.ts";

interface RandomGraph {
  graph: ProvenanceGraph;
  lots: string[];
}

const ELEMENTS: ContentKey[] = ["Nd", "Dy"];
const SOURCES: OriginSource[] = ["mined", "pre_consumer", "mined", "post_consumer"];

const contentsArb = fc.record({
  Nd: fc.double({ min: 0.001, max: 1000, noNaN: true }),
  // Zero or a real amount: subnormal doubles are no mass anyone weighs.
  Dy: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 50, noNaN: true })),
});

/** A random DAG: origins first, then transformations whose inputs are any earlier lots. */
const graphArb = (maxOrigins: number, maxSteps: number) =>
  fc
    .record({
      origins: fc.array(contentsArb, { minLength: 1, maxLength: maxOrigins }),
      steps: fc.array(
        fc.record({
          inputs: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
          fractions: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
          outputs: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 1, maxLength: 2 }),
        }),
        { minLength: 1, maxLength: maxSteps },
      ),
    })
    .map(({ origins, steps }): RandomGraph => {
      const contents = new Map<string, ContentsKg>();
      const graph: ProvenanceGraph = { incoming: new Map(), origins: new Map() };
      const lots: string[] = [];
      origins.forEach((c, i) => {
        const lot = `origin-${i}`;
        contents.set(lot, c);
        graph.origins.set(lot, {
          site: `mine-${i % 3}`,
          licence: `L-${i % 3}`,
          country: i % 2 ? "VN" : "AU",
          // Mines and collection sites of scrap, before and after use, side by side.
          source: SOURCES[i % SOURCES.length] as OriginSource,
        });
        lots.push(lot);
      });
      steps.forEach((step, s) => {
        const picked = [...new Set(step.inputs.map((i) => lots[i % lots.length] as string))];
        const inputs: LotQuantity[] = picked.map((lot, k) => {
          const f = step.fractions[k] ?? 1;
          const c = contents.get(lot) ?? {};
          return { lot, massKg: 100 * f, contents: { Nd: (c.Nd ?? 0) * f, Dy: (c.Dy ?? 0) * f } };
        });
        const totalNd = inputs.reduce((a, q) => a + (q.contents.Nd ?? 0), 0);
        const totalDy = inputs.reduce((a, q) => a + (q.contents.Dy ?? 0), 0);
        const weightSum = step.outputs.reduce((a, w) => a + w, 0);
        const outputs: LotQuantity[] = step.outputs.map((w, o) => ({
          lot: `step-${s}-out-${o}`,
          massKg: 50 * w,
          contents: { Nd: (totalNd * 0.9 * w) / weightSum, Dy: (totalDy * 0.8 * w) / weightSum },
        }));
        for (const edge of allocateTransformation(`event-${s}`, inputs, outputs)) {
          graph.incoming.set(edge.to, [...(graph.incoming.get(edge.to) ?? []), edge]);
        }
        for (const o of outputs) {
          contents.set(o.lot, o.contents);
          lots.push(o.lot);
        }
      });
      return { graph, lots };
    });

const originKey = (o: Origin) => `${o.site}|${o.licence}|${o.country}|${o.source}`;

/** Share by origin, by enumerating every path up from the lot and multiplying edge weights. */
function bruteForce(lot: string, element: ContentKey, graph: ProvenanceGraph): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (current: string, weight: number) => {
    const edges: LotEdge[] = graph.incoming.get(current) ?? [];
    if (edges.length === 0) {
      const origin = graph.origins.get(current) ?? { site: null, licence: null, country: null, source: null };
      out.set(originKey(origin), (out.get(originKey(origin)) ?? 0) + weight);
      return;
    }
    const weights = edgeWeights(edges, element);
    for (const [i, e] of edges.entries()) walk(e.from, weight * (weights[i] ?? 0));
  };
  walk(lot, 1);
  return out;
}

describe("originShares on random lot graphs", () => {
  it("sums to 1 within 1e-9 for every lot and element", () => {
    fc.assert(
      fc.property(graphArb(5, 12), ({ graph, lots }) => {
        for (const lot of lots) {
          for (const element of ELEMENTS) {
            const total = originShares(lot, element, graph).reduce((s, o) => s + o.share, 0);
            expect(Math.abs(total - 1)).toBeLessThan(1e-9);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("equals a brute-force enumeration of paths on small graphs", () => {
    fc.assert(
      fc.property(graphArb(3, 5), ({ graph, lots }) => {
        for (const lot of lots) {
          for (const element of ELEMENTS) {
            const expected = bruteForce(lot, element, graph);
            const actual = originShares(lot, element, graph);
            expect(actual.filter((s) => s.share > 1e-12).length).toBe(
              [...expected.values()].filter((v) => v > 1e-12).length,
            );
            for (const share of actual) {
              expect(Math.abs(share.share - (expected.get(originKey(share)) ?? 0))).toBeLessThan(1e-9);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("splits into mined and recycled shares that sum to 1 and equal the paths' sums by source", () => {
    fc.assert(
      fc.property(graphArb(4, 6), ({ graph, lots }) => {
        for (const lot of lots) {
          for (const element of ELEMENTS) {
            const split = sourceShares(originShares(lot, element, graph));
            const total = split.mined + split.preConsumer + split.postConsumer + split.unrecorded;
            expect(Math.abs(total - 1)).toBeLessThan(1e-9);
            expect(Math.abs(split.recycled - split.preConsumer - split.postConsumer)).toBeLessThan(1e-12);
            const bySource = new Map<string, number>();
            for (const [k, v] of bruteForce(lot, element, graph)) {
              const source = k.split("|")[3] as string;
              bySource.set(source, (bySource.get(source) ?? 0) + v);
            }
            expect(Math.abs(split.mined - (bySource.get("mined") ?? 0))).toBeLessThan(1e-9);
            expect(Math.abs(split.preConsumer - (bySource.get("pre_consumer") ?? 0))).toBeLessThan(1e-9);
            expect(Math.abs(split.postConsumer - (bySource.get("post_consumer") ?? 0))).toBeLessThan(1e-9);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

const OUTPUT_CLASS: Record<StepKind, MaterialClass> = {
  beneficiation: "concentrate",
  cracking_leaching: "mixed_carbonate",
  separation: "separated_oxide",
  reduction: "metal",
  alloying: "alloy",
  magnet_making: "magnet",
};

const transformationArb = fc.record({
  step: fc.constantFrom(...(Object.keys(RECOVERY_RANGES) as StepKind[])),
  inputs: fc.array(contentsArb, { minLength: 1, maxLength: 4 }),
  recovery: fc.double({ min: 0, max: 1, noNaN: true }),
  split: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
});

function buildTransformation(
  t: fc.Arbitrary<unknown> extends never
    ? never
    : typeof transformationArb extends fc.Arbitrary<infer T>
      ? T
      : never,
) {
  const range = RECOVERY_RANGES[t.step];
  const recovery = range.min + (range.max - range.min) * t.recovery;
  const inputs: LotQuantity[] = t.inputs.map((c, i) => ({ lot: `in-${i}`, massKg: 1000, contents: c }));
  const nd = inputs.reduce((s, q) => s + (q.contents.Nd ?? 0), 0);
  const dy = inputs.reduce((s, q) => s + (q.contents.Dy ?? 0), 0);
  const total = t.split.reduce((s, w) => s + w, 0);
  const outputs: LotQuantity[] = t.split.map((w, o) => ({
    lot: `out-${o}`,
    massKg: 500 * w,
    materialClass: OUTPUT_CLASS[t.step],
    contents: { Nd: (nd * recovery * w) / total, Dy: (dy * recovery * w) / total },
  }));
  return { event: "e", eventTime: "2026-01-01T00:00:00.000Z", inputs, outputs };
}

describe("massBalance on random transformations", () => {
  it("never flags a transformation whose recovery lies in the plausible range of its step", () => {
    fc.assert(
      fc.property(transformationArb, (t) => {
        expect(massBalance(buildTransformation(t))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("always flags an output inflated beyond the assay tolerance", () => {
    fc.assert(
      fc.property(
        transformationArb,
        fc.nat(),
        fc.double({ min: 1.001, max: 10, noNaN: true }),
        (t, pick, factor) => {
          const flows = buildTransformation(t);
          const inNd = flows.inputs.reduce((s, q) => s + (q.contents.Nd ?? 0), 0);
          const target = flows.outputs[pick % flows.outputs.length] as LotQuantity;
          // Raise the output's Nd so that total output exceeds input × (1 + tolerance) by `factor`.
          const others = flows.outputs.reduce((s, q) => s + (q === target ? 0 : (q.contents.Nd ?? 0)), 0);
          target.contents = {
            ...target.contents,
            Nd: inNd * (1 + DEFAULT_MASS_BALANCE_TOLERANCE) * factor - others,
          };
          const violations = massBalance(flows).filter(
            (f) => f.severity === "violation" && f.id.endsWith(":Nd"),
          );
          expect(violations).toHaveLength(1);
          expect(violations[0]?.measured?.value).toBeGreaterThan(
            violations[0]?.allowed?.value ?? Number.POSITIVE_INFINITY,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
