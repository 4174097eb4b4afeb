// Two processes importing overlapping documents into the same ledger at the same time store every event
// exactly once: on SQLite (one file, WAL) and on PostgreSQL.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLedger } from "../../src/store/db.ts";
import { countEvents } from "../../src/store/event-store.ts";
import { runLodestone } from "../helpers/cli.ts";
import { extractions, makeDocument } from "../helpers/documents.ts";
import { BACKENDS, newLedgerLocation } from "../helpers/ledgers.ts";

for (const backend of BACKENDS) {
  describe(`concurrent imports on ${backend}`, () => {
    let dir: string;
    let location: string;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), "lodestone-concurrent-"));
      ({ location, dispose } = await newLedgerLocation(backend));
    });
    afterEach(async () => {
      await dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it("stores every event exactly once, even into a ledger that neither process created", async () => {
      // Three files per process; the processes' documents overlap by half.
      const filesA = [0, 1, 2].map((k) => {
        const file = join(dir, `a${k}.jsonld`);
        writeFileSync(file, JSON.stringify(makeDocument(extractions(300, k * 300))));
        return file;
      });
      const filesB = [0, 1, 2].map((k) => {
        const file = join(dir, `b${k}.jsonld`);
        writeFileSync(file, JSON.stringify(makeDocument(extractions(300, 450 + k * 300))));
        return file;
      });
      const [a, b] = await Promise.all([
        runLodestone(["import", "--db", location, "--json", ...filesA]),
        runLodestone(["import", "--db", location, "--json", ...filesB]),
      ]);
      expect(a.stderr).toBe("");
      expect(b.stderr).toBe("");
      expect([a.code, b.code]).toEqual([0, 0]);
      const reports = [...JSON.parse(a.stdout).files, ...JSON.parse(b.stdout).files] as {
        captured: number;
        duplicates: number;
      }[];
      const captured = reports.reduce((sum, r) => sum + r.captured, 0);
      const duplicates = reports.reduce((sum, r) => sum + r.duplicates, 0);
      // Events 0..899 from A and 450..1349 from B: 1350 distinct, 450 seen twice.
      expect(captured).toBe(1350);
      expect(duplicates).toBe(450);
      const ledger = openLedger(location);
      try {
        expect(await countEvents(ledger.db)).toBe(1350);
      } finally {
        await ledger.close();
      }
    });
  });
}
