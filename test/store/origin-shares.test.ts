// The origin-shares-only reading (GET /lots/{id}/origin, contracts, risk) gives exactly the shares of the full
// trace, for every lot of the demo scenario and every element, on every backend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../src/cli/demo.ts";
import { traceLot, traceOriginShares } from "../../src/services/trace.ts";
import { migrateLedger } from "../../src/store/db.ts";
import { listLots } from "../../src/store/lot-store.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

for (const backend of BACKENDS) {
  describe(`origin shares on ${backend}`, () => {
    let t: TestLedger;
    beforeAll(async () => {
      t = await openTestLedger(backend);
      await migrateLedger(t.ledger);
      await loadDemo(t.ledger);
    }, 120_000);
    afterAll(async () => {
      await t.dispose();
    });

    it("equal the full trace's for every lot and element", async () => {
      const lots = await listLots(t.ledger.db);
      let multiOrigin = 0;
      for (const lot of lots) {
        const full = (await traceLot(t.ledger, lot.id)).originShares;
        expect(await traceOriginShares(t.ledger, lot.id), lot.id).toEqual(full);
        if (Object.values(full).some((shares) => shares.length > 1)) multiOrigin++;
      }
      // The comparison covers lots blended from several mines, not only single-origin ones.
      expect(multiOrigin).toBeGreaterThanOrEqual(4); // the demo blends several mines into four lots
    }, 120_000);

    it("refuses a lot the ledger does not hold", async () => {
      await expect(traceOriginShares(t.ledger, "urn:epc:class:lgtin:8930000.000011.NOPE")).rejects.toThrow(
        /no lot urn:epc:class:lgtin:8930000.000011.NOPE in the ledger/,
      );
    });
  });
}
