// The PostgreSQL ledger survives the server dropping its idle connections (a restart, an administrator): the
// pool discards them and the next query opens a new one, instead of the error ending the process.

import { sql } from "kysely";
import pg from "pg";
import { afterEach, expect, inject, it, vi } from "vitest";
import { countEvents } from "../../src/store/event-store.ts";
import { openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

let t: TestLedger | undefined;
afterEach(async () => {
  await t?.dispose();
  vi.restoreAllMocks();
});

it("answers the next query after the server terminates its idle connections", async () => {
  t = await openTestLedger("postgres");
  expect(await countEvents(t.ledger.db)).toBe(0);
  const database = (await sql<{ name: string }>`select current_database() as name`.execute(t.ledger.db))
    .rows[0]?.name;
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  const admin = new pg.Client({ connectionString: inject("postgresUrl") });
  await admin.connect();
  const terminated = await admin.query(
    "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
    [database],
  );
  await admin.end();
  expect(terminated.rowCount).toBeGreaterThan(0);
  // Wait until the pool has heard of the drop, then use the ledger again.
  await vi.waitFor(() =>
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining("dropped an idle connection")),
  );
  expect(await countEvents(t.ledger.db)).toBe(0);
});
