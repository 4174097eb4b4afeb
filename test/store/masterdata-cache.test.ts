// The master data an evaluation reads is kept between evaluations and read again when a record changes: by an
// import through the same handle, or through another handle on the same ledger (another process, `lodestone
// masterdata import` beside a running server).
import { describe, expect, it } from "vitest";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { openLedger } from "../../src/store/db.ts";
import { currentMasterData, loadMasterData } from "../../src/store/masterdata-store.ts";
import { BACKENDS, openTestLedger } from "../helpers/ledgers.ts";

const ORG = "urn:epc:id:pgln:8930000.00000";
const SITE = "urn:epc:id:sgln:8930000.00009.0";
const masterData = (siteName: string) => ({
  organisations: [{ id: ORG, name: "Cache Test Co.", aliases: [], country: "VN", roles: ["miner"] }],
  sites: [{ id: SITE, name: siteName, kind: "mine", operator: ORG, country: "VN" }],
});

for (const backend of BACKENDS) {
  describe(`master data kept between evaluations (${backend})`, () => {
    it("reads master data again after any change, through this handle or another", async () => {
      const t = await openTestLedger(backend);
      const other = openLedger(t.location);
      try {
        await importMasterData(t.ledger, masterData("Mine North"), new Date("2026-01-01T00:00:00Z"));
        const first = await currentMasterData(t.ledger.db);
        expect(first.sites.map((s) => s.name)).toEqual(["Mine North"]);
        // Unchanged ledger: the same object, not a copy read again.
        expect(await currentMasterData(t.ledger.db)).toBe(first);
        // Shared, so nobody may change it in place.
        expect(Object.isFrozen(first.sites[0])).toBe(true);
        expect(() => (first.sites as unknown[]).push({})).toThrow(TypeError);

        // A change through this handle, in the same millisecond as the first import.
        await importMasterData(t.ledger, masterData("Mine South"), new Date("2026-01-01T00:00:00Z"));
        expect((await currentMasterData(t.ledger.db)).sites.map((s) => s.name)).toEqual(["Mine South"]);

        // A change through another handle on the same ledger.
        await importMasterData(other, masterData("Mine East"), new Date("2026-01-02T00:00:00Z"));
        const seen = await currentMasterData(t.ledger.db);
        expect(seen.sites.map((s) => s.name)).toEqual(["Mine East"]);
        expect(seen).toEqual(await loadMasterData(t.ledger.db));
      } finally {
        await other.close();
        await t.dispose();
      }
    });
  });
}
