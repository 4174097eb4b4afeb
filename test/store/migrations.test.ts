// Migrations that change what the ledger already holds fill it in for the rows stored before them: here, each
// stock movement's local event time, taken from its event, on every backend.
import { randomUUID } from "node:crypto";
import { type Kysely, Migrator } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { migrateLedger } from "../../src/store/db.ts";
import { listMovements } from "../../src/store/lot-store.ts";
import { ledgerMigrations } from "../../src/store/migrations/index.ts";
import { makeDocument, makeExtraction } from "../helpers/documents.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

for (const backend of BACKENDS) {
  describe(`migrations on ${backend}`, () => {
    let t: TestLedger;
    beforeEach(async () => {
      t = await openTestLedger(backend);
    });
    afterEach(async () => {
      await t.dispose();
    });

    it("leaves the ledger as it was when a migration fails halfway, so the next one runs", async () => {
      // A migration that adds a column and then fails, as one killed during its backfill would stop.
      const failing = {
        ...ledgerMigrations,
        "2099-01-01-999-cut-short": {
          up: async (db: Kysely<unknown>) => {
            await db.schema.alterTable("lot_movements").addColumn("cut_short", "text").execute();
            throw new Error("cut short");
          },
        },
      };
      const migrator = new Migrator({ db: t.ledger.db, provider: { getMigrations: async () => failing } });
      const result = await migrator.migrateToLatest();
      expect((result.error as Error).message).toBe("cut short");
      const columns = (await t.ledger.db.introspection.getTables()).find(
        (x) => x.name === "lot_movements",
      )?.columns;
      expect(columns?.map((c) => c.name)).not.toContain("cut_short");
      // The real migrations still run to the end: nothing half-done is in their way.
      expect((await migrateLedger(t.ledger)).applied).toEqual([]);
    });

    it("gives movements stored before the local-time migration their event's time as sent", async () => {
      const times = ["2026-01-15T23:30:00.000+07:00", "2026-01-16T01:15:00.000-05:00"];
      const report = await captureDocument(
        t.ledger,
        {
          document: makeDocument(
            times.map((eventTime, i) => makeExtraction(i, { eventTime, offset: eventTime.slice(-6) })),
          ),
          organisation: "urn:lodestone:org:test",
        },
        { now: () => new Date("2026-02-01T00:00:00Z"), newId: randomUUID },
      );
      expect(report.captured).toBe(2);
      const captured = await listMovements(t.ledger.db);
      expect(captured.map((m) => m.localTime).sort()).toEqual([...times].sort());

      // Back to the ledger as it was before the migration, then forward again.
      const migrator = new Migrator({
        db: t.ledger.db,
        provider: { getMigrations: async () => ledgerMigrations },
      });
      const down = await migrator.migrateTo("2026-11-27-008-event-lookups");
      expect(down.error).toBeUndefined();
      const columns = (await t.ledger.db.introspection.getTables()).find(
        (x) => x.name === "lot_movements",
      )?.columns;
      expect(columns?.map((c) => c.name)).not.toContain("event_time_local");
      // Every migration after the one migrated back to runs again, in order.
      expect((await migrateLedger(t.ledger)).applied).toEqual([
        "2026-11-27-009-movement-local-time",
        "2026-12-02-010-scoped-evaluation",
        "2026-12-03-011-captured-forms",
        "2026-12-04-012-recycled-claims",
        "2026-12-05-013-event-sequence",
        "2026-12-06-014-inventory-balances",
        "2026-12-06-015-shipment-destinations",
        "2026-12-06-016-lot-series-index",
        "2026-12-06-017-finding-taints",
        "2026-12-06-018-extraction-sums",
      ]);
      expect(await listMovements(t.ledger.db)).toEqual(captured);
      // The index rows follow their events through the re-keying (by hash, then by sequence again).
      const indexed = await t.ledger.db
        .selectFrom("event_quantities")
        .innerJoin("events", "events.event_seq", "event_quantities.event_seq")
        .select(["events.event_hash", "event_quantities.epc_class"])
        .execute();
      expect(indexed.map((r) => r.event_hash).sort()).toEqual([...report.eventHashes].sort());
    });
  });
}
