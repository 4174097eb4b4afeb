// SQLite's write-ahead log is folded into the database by the write that takes it past 40 MiB, so it stays
// bounded on a ledger that only grows, and the data folded in reads back the same.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateLedger, openLedger } from "../../src/store/db.ts";

const MIB = 1024 * 1024;

describe("SQLite's write-ahead log", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("is folded into the database by the write that takes it past 40 MiB, and restarts small", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lodestone-wal-"));
    dirs.push(dir);
    const location = join(dir, "ledger.db");
    const ledger = openLedger(location);
    await migrateLedger(ledger);
    await sql`create table filler (n integer primary key, body text not null)`.execute(ledger.db);
    const body = "x".repeat(4000); // one 4 KiB page a row
    const sizes: number[] = [];
    let n = 0;
    // 12,000 pages in writes of 500: one of them crosses 40 MiB and folds the log; the next write restarts it.
    for (let write = 0; write < 24; write++) {
      await ledger.writeTransaction(async (trx) => {
        for (let i = 0; i < 500; i++) await sql`insert into filler values (${n++}, ${body})`.execute(trx);
      });
      sizes.push(statSync(`${location}-wal`).size);
    }
    const largest = Math.max(...sizes);
    expect(largest).toBeGreaterThanOrEqual(40 * MIB);
    expect(largest).toBeLessThan(44 * MIB); // never much past the line: it is folded by the write that crossed it
    const crossed = sizes.findIndex((s) => s >= 40 * MIB);
    expect(sizes[crossed + 1]).toBeLessThan(4 * MIB);
    const count = await sql<{ n: number }>`select count(*) as n from filler`.execute(ledger.db);
    expect(count.rows[0]?.n).toBe(12_000);
    await ledger.close();
  });
});
