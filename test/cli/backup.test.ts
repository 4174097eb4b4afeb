// `lodestone backup` and `lodestone restore` as an operator runs them: a backup taken while another process
// keeps capturing is one consistent snapshot (every capture wholly in it or absent, SQLite's integrity check
// ok), and restoring it gives a ledger that answers with exactly its events.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLodestone } from "../helpers/cli.ts";
import { extractions, makeDocument } from "../helpers/documents.ts";

let dir: string;
let db: string;
const FILES = 40;
const EVENTS_PER_FILE = 60;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-backup-"));
  db = join(dir, "ledger.db");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Per capture, how many of its events the file holds against how many it recorded capturing. */
function captureCompleteness(file: string): { whole: number; partial: number; events: number } {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    const rows = sqlite
      .prepare(
        "select c.captured_count as recorded, (select count(*) from events e where e.capture_id = c.capture_id) as held from capture_documents c",
      )
      .all() as { recorded: number; held: number }[];
    const events = (sqlite.prepare("select count(*) as n from events").get() as { n: number }).n;
    return {
      whole: rows.filter((r) => r.recorded === r.held).length,
      partial: rows.filter((r) => r.recorded !== r.held).length,
      events,
    };
  } finally {
    sqlite.close();
  }
}

describe("lodestone backup under load, and restore", () => {
  it("takes a consistent snapshot while another process captures, and restores it", async () => {
    const files = Array.from({ length: FILES }, (_, i) => {
      const file = join(dir, `doc-${String(i).padStart(2, "0")}.jsonld`);
      writeFileSync(file, JSON.stringify(makeDocument(extractions(EVENTS_PER_FILE, i * EVENTS_PER_FILE))));
      return file;
    });
    // A first capture, so the ledger exists before the writer and the backup race.
    expect((await runLodestone(["import", "--db", db, files[0] as string])).code).toBe(0);
    const writer = runLodestone(["import", "--db", db, ...files.slice(1)]);
    // Back up three times while the writer runs: each a snapshot of whatever was committed.
    const backups: { file: string; events: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const out = join(dir, `backup-${i}.db`);
      const run = await runLodestone(["backup", "--db", db, "--out", out, "--json"]);
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({ file: out, integrity: "ok" });
      const completeness = captureCompleteness(out);
      expect(completeness.partial).toBe(0);
      expect(completeness.events).toBe(report.events);
      expect(report.events % EVENTS_PER_FILE).toBe(0);
      backups.push({ file: out, events: report.events });
    }
    expect((await writer).code).toBe(0);
    expect(captureCompleteness(db).events).toBe(FILES * EVENTS_PER_FILE);
    expect(backups.map((b) => b.events)).toEqual([...backups.map((b) => b.events)].sort((a, b) => a - b));

    // Restore the last backup into a new ledger: it answers with exactly the backed-up events.
    const restored = join(dir, "restored.db");
    const last = backups.at(-1) as { file: string; events: number };
    const restore = await runLodestone(["restore", "--from", last.file, "--db", restored]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain(`restored ${last.events} events`);
    const events = await runLodestone([
      "events",
      "--db",
      restored,
      "--param",
      `perPage=${FILES * EVENTS_PER_FILE}`,
    ]);
    expect(JSON.parse(events.stdout).epcisBody.queryResults.resultsBody.eventList).toHaveLength(last.events);
  }, 180_000);

  it("never overwrites: an existing backup file, or a ledger without --force", async () => {
    const out = join(dir, "backup-0.db");
    const again = await runLodestone(["backup", "--db", db, "--out", out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("the file exists; give a new file name");
    const onto = await runLodestone(["restore", "--from", out, "--db", db]);
    expect(onto.code).toBe(1);
    expect(onto.stderr).toContain("a ledger exists there; stop every process using it and give --force");
  });

  it("refuses a file that is no ledger, and points PostgreSQL to pg_dump", async () => {
    const junk = join(dir, "junk.db");
    writeFileSync(junk, "not a database");
    const restore = await runLodestone(["restore", "--from", junk, "--db", join(dir, "x.db")]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/junk\.db: /);
    const pg = await runLodestone([
      "backup",
      "--db",
      "postgres://u:p@127.0.0.1:1/x",
      "--out",
      join(dir, "pg.dump"),
    ]);
    expect(pg.code).toBe(1);
    expect(pg.stderr).toContain("pg_dump --format=custom");
  });
});
