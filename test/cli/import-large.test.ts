// `lodestone import` of a JSON document above the streamed size (16 MiB, generated here, never committed): read
// streamed and captured in parts, as the real executable runs it; whole, or, cut short or with one bad event
// near its end, not at all, with the event named by its place in the file.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STREAMED_JSON_BYTES } from "../../src/cli/read-document.ts";
import { openLedger } from "../../src/store/db.ts";
import { runLodestone } from "../helpers/cli.ts";
import { extractions, makeDocument, makeExtraction } from "../helpers/documents.ts";

const EVENTS = 46_000;
let dir: string;
let text: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-large-"));
  text = JSON.stringify(makeDocument(extractions(EVENTS)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function eventsIn(db: string): Promise<number> {
  const ledger = openLedger(db);
  try {
    const row = await ledger.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  } finally {
    await ledger.close();
  }
}

describe("lodestone import of a large document", () => {
  it("captures it streamed, whole", async () => {
    const file = join(dir, "large.jsonld");
    writeFileSync(file, text);
    expect(statSync(file).size).toBeGreaterThan(STREAMED_JSON_BYTES);
    const db = join(dir, "whole.db");
    const run = await runLodestone(["import", "--db", db, "--json", file]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      files: [{ file, captured: EVENTS, duplicates: 0, rejected: [] }],
    });
    expect(await eventsIn(db)).toBe(EVENTS);
  }, 180_000);

  it("stores nothing of it when one event near its end is bad, and names that event", async () => {
    const events = extractions(EVENTS);
    events[EVENTS - 3] = makeExtraction(EVENTS - 3, { eventTime: "2026-13-45T99:00:00+07:00" });
    const file = join(dir, "bad-event.jsonld");
    writeFileSync(file, JSON.stringify(makeDocument(events)));
    const db = join(dir, "bad.db");
    const run = await runLodestone(["import", "--db", db, "--json", file]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout).files[0];
    expect(report.captured).toBe(0);
    expect(report.rejected[0].event).toBe(EVENTS - 3);
    expect(await eventsIn(db)).toBe(0);
  }, 180_000);

  it("stores nothing of a document cut short, and says it is not JSON", async () => {
    const file = join(dir, "cut.jsonld");
    writeFileSync(file, text.slice(0, Math.floor(text.length * 0.9)));
    const db = join(dir, "cut.db");
    const run = await runLodestone(["import", "--db", db, file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("not JSON");
    expect(run.stderr).toContain("nothing stored");
    expect(await eventsIn(db)).toBe(0);
  }, 180_000);
});
