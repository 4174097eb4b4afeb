// Recycled feed as origins, on every backend: an alloy mixed from mined metal, pre-consumer swarf and
// post-consumer magnets reports exact mined and recycled shares per element (by hand here); its passport carries
// them; a claim beyond them is RECYCLED_CLAIM; feed taken in without a recycling permit is RECYCLER_UNPERMITTED.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { evaluateAll } from "../../src/services/evaluate.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { issuePassport } from "../../src/services/passport.ts";
import { traceLot } from "../../src/services/trace.ts";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";
import {
  ALLOY,
  COLLECTOR,
  COLLECTOR_ORG,
  recycledChain as chain,
  EOL,
  METAL_PLANT,
  ND_KG,
  ND_TOTAL,
  NOW,
  SWARF,
} from "../helpers/recycled-chain.ts";

const masterData = (permit: { validFrom: string; validTo: string } | undefined) => ({
  organisations: [
    { id: COLLECTOR_ORG, name: "Demo Busan Magnet Recovery", country: "KR", roles: ["recycler"] },
  ],
  sites: [
    {
      id: COLLECTOR,
      name: "Demo Busan collection yard",
      kind: "collection",
      operator: COLLECTOR_ORG,
      country: "KR",
    },
  ],
  permits: permit
    ? [{ id: "KR-RCY-001", kind: "recycling", holder: COLLECTOR_ORG, site: COLLECTOR, ...permit }]
    : [],
});

for (const backend of BACKENDS) {
  describe(`recycled origins (${backend})`, () => {
    let t: TestLedger;
    beforeEach(async () => {
      // Issuer keys are stored encrypted (on PostgreSQL the secret is required).
      process.env.LODESTONE_KEY_SECRET = "test secret, not for production";
      t = await openTestLedger(backend);
    });
    afterEach(async () => t.dispose());
    const capture = async (claim: number) => {
      const report = await captureDocument(
        t.ledger,
        { document: chain(claim), organisation: "urn:lodestone:org:test" },
        { now: () => NOW, newId: randomUUID },
      );
      expect(report.rejected).toEqual([]);
    };

    it("splits each element of the alloy into mined and pre- and post-consumer recycled, as by hand", async () => {
      await importMasterData(t.ledger, masterData({ validFrom: "2026-01-01", validTo: "2026-12-31" }), NOW);
      await capture(0.2);
      const trace = await traceLot(t.ledger, ALLOY, { elements: ["Nd", "Dy"] });
      const nd = trace.sourceShares.Nd;
      expect(nd?.mined).toBeCloseTo(ND_KG.metal / ND_TOTAL, 12);
      expect(nd?.preConsumer).toBeCloseTo(ND_KG.swarf / ND_TOTAL, 12);
      expect(nd?.postConsumer).toBeCloseTo(ND_KG.eol / ND_TOTAL, 12);
      expect(nd?.recycled).toBeCloseTo((ND_KG.swarf + ND_KG.eol) / ND_TOTAL, 12);
      expect(nd?.unrecorded).toBe(0);
      // All the Dy is recycled: 0.4 kg from swarf, 2.4 kg from end-of-life magnets.
      expect(trace.sourceShares.Dy).toMatchObject({ mined: 0, unrecorded: 0 });
      expect(trace.sourceShares.Dy?.preConsumer).toBeCloseTo(0.4 / 2.8, 12);
      expect(trace.sourceShares.Dy?.postConsumer).toBeCloseTo(2.4 / 2.8, 12);
      // Each origin share says where and how: the collection site in the country of collection.
      const origins = (trace.originShares.Nd ?? []).map((s) => [s.site, s.source, s.country]);
      expect(origins).toContainEqual([canonicalIdentifier(COLLECTOR), "post_consumer", "KR"]);
      expect(origins).toContainEqual([canonicalIdentifier(COLLECTOR), "pre_consumer", "KR"]);
      expect(origins).toContainEqual([canonicalIdentifier(METAL_PLANT), "mined", null]);

      // A 20% claim is within what the trace gives: no finding, and the feed came in under a permit.
      const findings = await evaluateAll(t.ledger, { asOf: "2026-06-01" });
      expect(
        findings.filter((f) => f.code === "RECYCLED_CLAIM" || f.code === "RECYCLER_UNPERMITTED"),
      ).toEqual([]);

      // The passport carries the recycled content, computed from the trace.
      const { credential } = await issuePassport(t.ledger, ALLOY, "urn:lodestone:org:test", NOW);
      const subject = credential.credentialSubject as {
        circularityScorecard: { type: string[]; recycledContent: number };
        product: { characteristics: { recycledContentByElement: Record<string, number> } };
        materialsProvenance: { name: string; recycledMassFraction?: number; massFraction: number }[];
      };
      const full = await traceLot(t.ledger, ALLOY);
      expect(subject.circularityScorecard).toEqual({
        type: ["CircularityPerformance"],
        recycledContent: full.sourceShares.TREO?.recycled,
      });
      expect(subject.product.characteristics.recycledContentByElement.Nd).toBeCloseTo(
        (ND_KG.swarf + ND_KG.eol) / ND_TOTAL,
        12,
      );
      expect(subject.product.characteristics.recycledContentByElement.Dy).toBeCloseTo(1, 12);
      const recycledMaterials = subject.materialsProvenance.filter((m) => m.recycledMassFraction === 1);
      expect(recycledMaterials.map((m) => m.name).sort()).toEqual([
        `Nd recycled (post-consumer) from ${canonicalIdentifier(COLLECTOR)}`,
        `Nd recycled (pre-consumer) from ${canonicalIdentifier(COLLECTOR)}`,
      ]);
    });

    it("finds a claim beyond the trace's recycled share, and feed taken in without a permit in force", async () => {
      await importMasterData(t.ledger, masterData({ validFrom: "2024-01-01", validTo: "2025-12-31" }), NOW);
      await capture(0.5);
      const findings = await evaluateAll(t.ledger, { asOf: "2026-06-01" });
      const claim = findings.find((f) => f.code === "RECYCLED_CLAIM");
      expect(claim?.subject).toEqual({ kind: "lot", id: canonicalIdentifier(ALLOY) });
      expect(claim?.measured).toEqual({ value: 50, unit: "% recycled claimed" });
      const full = await traceLot(t.ledger, ALLOY);
      expect(claim?.allowed?.value).toBeCloseTo((full.sourceShares.TREO?.recycled ?? 0) * 100, 9);
      const unpermitted = findings.filter((f) => f.code === "RECYCLER_UNPERMITTED");
      expect(unpermitted.map((f) => f.subject.id).sort()).toEqual(
        [canonicalIdentifier(EOL), canonicalIdentifier(SWARF)].sort(),
      );
      expect(unpermitted[0]?.message).toContain("KR-RCY-001, 2024-01-01 to 2025-12-31");
      // Their taint reaches the alloy made from the feed.
      expect(unpermitted.every((f) => f.taints.includes(canonicalIdentifier(ALLOY)))).toBe(true);
    });

    it("refuses a claim that is not a mass fraction, naming the field", async () => {
      const report = await captureDocument(
        t.ledger,
        { document: chain(1.5), organisation: "urn:lodestone:org:test" },
        { now: () => NOW, newId: randomUUID },
      );
      expect(report.captured).toBe(0);
      expect(JSON.stringify(report.rejected)).toContain("lode:recycledContentClaim");
    });
  });
}
