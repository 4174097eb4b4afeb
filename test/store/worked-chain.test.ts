// The worked chain of shared/domain.md §8.3, captured and traced: element masses at each step match the hand
// calculation within 0.1%, and the magnet's Nd traces to MINE-A with share 1.0. On every backend.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metalPerOxide } from "../../src/domain/chemistry.ts";
import { evaluateBalance } from "../../src/services/balance.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { traceLot } from "../../src/services/trace.ts";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { edgesInto } from "../../src/store/lot-store.ts";
import { chainFigures, LOTS, SITES, workedChainDocument } from "../helpers/chain.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const within = (actual: number, expected: number, relative = 0.001) =>
  expect(Math.abs(actual - expected) / expected).toBeLessThan(relative);

for (const backend of BACKENDS) {
  describe(`worked chain on ${backend}`, () => {
    let t: TestLedger;
    beforeAll(async () => {
      t = await openTestLedger(backend);
      const report = await captureDocument(
        t.ledger,
        { document: workedChainDocument(), organisation: "urn:lodestone:org:demo" },
        { now: () => new Date("2026-07-01T00:00:00Z"), newId: randomUUID },
      );
      expect(report.rejected).toEqual([]);
    });
    afterAll(async () => {
      await t.dispose();
    });

    const ndInto = async (lot: string) =>
      (await edgesInto(t.ledger.db, [canonicalIdentifier(lot)])).reduce(
        (s, e) => s + (e.contentsKg.Nd ?? 0),
        0,
      );

    it("moves the hand-calculated Nd mass along every step", async () => {
      const f = chainFigures();
      const ndOreKg = f.ndOre * 1000;
      within(ndOreKg, 150_000 * 1000 * 0.03 * 0.13 * 0.8574);
      within(await ndInto(LOTS.concentrate), ndOreKg);
      // What moved into each lot is the input's content allocated to it; each output holds its own assayed share.
      const trace = await traceLot(t.ledger, LOTS.magnet, { elements: ["Nd"] });
      const edge = (from: string, to: string) =>
        trace.edges.find((e) => e.from === canonicalIdentifier(from) && e.to === canonicalIdentifier(to));
      within(edge(LOTS.ore, LOTS.concentrate)?.elementsKg.Nd ?? 0, ndOreKg);
      within(edge(LOTS.concentrate, LOTS.mixedOxide)?.elementsKg.Nd ?? 0, ndOreKg * 0.7);
      within(edge(LOTS.mixedOxide, LOTS.ndpr)?.elementsKg.Nd ?? 0, ndOreKg * 0.7 * 0.92);
      within(edge(LOTS.ndpr, LOTS.metal)?.elementsKg.Nd ?? 0, ndOreKg * 0.7 * 0.92 * 0.95 * 0.99);
      within(edge(LOTS.metal, LOTS.alloy)?.elementsKg.Nd ?? 0, ndOreKg * 0.7 * 0.92 * 0.95 * 0.99 * 0.97);
      within(edge(LOTS.alloy, LOTS.magnet)?.elementsKg.Nd ?? 0, ndOreKg * 0.7 * 0.92 * 0.95 * 0.99 * 0.97);
    });

    it("puts about 477 t of NdPr oxide and 393 t of NdPr metal into the chain (§8.3)", async () => {
      const trace = await traceLot(t.ledger, LOTS.magnet);
      const node = (lot: string) => trace.nodes.find((n) => n.lot === canonicalIdentifier(lot));
      within(node(LOTS.ndpr)?.massKg ?? 0, 2898 * 0.175 * 0.95 * 0.99 * 1000);
      within(
        node(LOTS.metal)?.massKg ?? 0,
        (354.27 * metalPerOxide("Nd2O3") + 122.63 * metalPerOxide("Pr6O11")) * 0.97 * 1000,
      );
      within(node(LOTS.magnet)?.massKg ?? 0, chainFigures().magnetT * 1000);
    });

    it("traces the magnet's Nd to MINE-A, licence DEMO-001, Vietnam, with share 1.0", async () => {
      const trace = await traceLot(t.ledger, LOTS.magnet, { elements: ["Nd", "Pr"] });
      expect(trace.originShares.Nd).toEqual([
        {
          site: canonicalIdentifier(SITES.mineA),
          licence: "DEMO-001/GP-BTNMT",
          country: "VN",
          source: "mined",
          share: 1,
        },
      ]);
      expect(trace.originShares.Pr?.[0]?.share).toBeCloseTo(1, 12);
      expect(trace.nodes.map((n) => n.depth).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    });

    it("traces downstream from the ore to every product", async () => {
      const trace = await traceLot(t.ledger, LOTS.ore, { direction: "down" });
      expect(
        trace.nodes
          .filter((n) => n.depth > 0)
          .map((n) => n.lot)
          .sort(),
      ).toEqual(
        [
          LOTS.concentrate,
          LOTS.mixedOxide,
          LOTS.ndpr,
          LOTS.la,
          LOTS.ce,
          LOTS.seg,
          LOTS.metal,
          LOTS.alloy,
          LOTS.magnet,
        ]
          .map(canonicalIdentifier)
          .sort(),
      );
    });

    it("finds no mass-balance or inventory breach in a chain at realistic recoveries", async () => {
      expect(await evaluateBalance(t.ledger)).toEqual([]);
    });
  });
}
