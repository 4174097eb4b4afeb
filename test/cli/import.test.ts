// The command line as a user meets it: import, hash, events and db migrate, with clear one-line errors.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLedger } from "../../src/store/db.ts";
import { countEvents } from "../../src/store/event-store.ts";
import { runLodestone } from "../helpers/cli.ts";
import { extractions, makeDocument, makeExtraction } from "../helpers/documents.ts";

let dir: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-cli-"));
  db = join(dir, "ledger.db");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

async function storedCount(): Promise<number> {
  const ledger = openLedger(db);
  try {
    return await countEvents(ledger.db).catch(() => 0);
  } finally {
    await ledger.close();
  }
}

describe("lodestone import", () => {
  it("captures a document and prints a summary; importing again reports duplicates", async () => {
    const file = write("doc.jsonld", makeDocument(extractions(3)));
    const first = await runLodestone(["import", "--db", db, file]);
    expect(first).toMatchObject({ code: 0, stdout: `${file}: 3 captured, 0 duplicates\n` });
    const second = await runLodestone(["import", "--db", db, "--json", file]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({
      files: [{ file, captured: 0, duplicates: 3, rejected: [] }],
    });
  });

  it("takes the database from LODESTONE_DB when --db is absent", async () => {
    const file = write("doc.jsonld", makeDocument(extractions(2)));
    const result = await runLodestone(["import", file], { env: { LODESTONE_DB: db } });
    expect(result.code).toBe(0);
    expect(await storedCount()).toBe(2);
  });

  it("reports every rejected event with --json and exits 1", async () => {
    const events = extractions(4);
    events[1] = makeExtraction(1, { quantity: -1 });
    events[3] = makeExtraction(3, { eventTime: "2026-01-15T08:00:00" });
    const file = write("bad.jsonld", makeDocument(events));
    const result = await runLodestone(["import", "--db", db, "--json", file]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      files: [
        {
          file,
          captured: 0,
          duplicates: 0,
          rejected: [
            {
              event: 1,
              path: "$.quantityList[0].quantity",
              message: "quantity must be greater than zero, got -1",
            },
            {
              event: 3,
              path: "$.eventTime",
              message:
                "must be a date-time with a time zone offset (RFC 3339, e.g. 2026-02-12T08:00:00+07:00)",
            },
          ],
        },
      ],
    });
    expect(await storedCount()).toBe(0);
  });

  const badInputs: [string, () => string, RegExp][] = [
    [
      "an unreadable file",
      () => join(dir, "missing.jsonld"),
      /missing\.jsonld: \$: cannot read: no such file; nothing stored$/,
    ],
    [
      "a file that is not JSON",
      () => write("x.jsonld", "{ not json"),
      /x\.jsonld: \$: not JSON: .+; nothing stored$/,
    ],
    [
      "a binary file",
      () => write("x.bin", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]).toString("latin1")),
      /x\.bin: \$: is a binary file, not JSON or XML; nothing stored$/,
    ],
    [
      "JSON that is not EPCIS",
      () => write("x.json", { hello: "world" }),
      /x\.json: \$\.type: not an EPCIS document: .+; nothing stored$/,
    ],
    [
      "an unknown event type",
      () => write("x.jsonld", makeDocument([{ ...makeExtraction(0), type: "SaleEvent" }])),
      /x\.jsonld: event 0 at \$\.type: unknown event type "SaleEvent": .+; nothing stored$/,
    ],
    [
      "a quantity without uom",
      () => {
        const e = makeExtraction(0);
        (e.quantityList as Record<string, unknown>[])[0] = {
          epcClass: "urn:epc:class:lgtin:8930000.000011.ORE-1",
          quantity: 12.5,
        };
        return write("x.jsonld", makeDocument([e]));
      },
      /x\.jsonld: event 0 at \$\.quantityList\[0\]\.uom: quantity 12\.5 has no unit of measure: .+; nothing stored$/,
    ],
    [
      "a negative quantity",
      () => write("x.jsonld", makeDocument([makeExtraction(0, { quantity: -240 })])),
      /x\.jsonld: event 0 at \$\.quantityList\[0\]\.quantity: quantity must be greater than zero, got -240; nothing stored$/,
    ],
    [
      "an eventTime without a time zone offset",
      () => write("x.jsonld", makeDocument([makeExtraction(0, { eventTime: "2026-02-12T08:00:00" })])),
      /x\.jsonld: event 0 at \$\.eventTime: must be a date-time with a time zone offset .+; nothing stored$/,
    ],
  ];

  it.each(badInputs)(
    "rejects %s with a one-line error naming file, event and field, storing nothing",
    async (_, make, pattern) => {
      const good = write("good.jsonld", makeDocument(extractions(2)));
      const file = make();
      const result = await runLodestone(["import", "--db", db, file]);
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
      expect(lines[0]).toContain(file);
      expect(await storedCount()).toBe(0);
      // The same bad file beside a good one: the good one is captured, the bad one is not, and the exit is 1.
      const mixed = await runLodestone(["import", "--db", db, good, file]);
      expect(mixed.code).toBe(1);
      expect(await storedCount()).toBe(2);
    },
  );
});

describe("lodestone hash", () => {
  it("prints one canonical id per event in document order, or the pre-hash strings", async () => {
    const file = write("doc.jsonld", makeDocument(extractions(3)));
    const ids = await runLodestone(["hash", file]);
    expect(ids.code).toBe(0);
    const lines = ids.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    expect(new Set(lines).size).toBe(3);
    const pre = await runLodestone(["hash", "--prehash", file]);
    expect(pre.stdout.trim().split("\n")[0]).toMatch(
      /^eventType=ObjectEventeventTime=2026-01-15T01:00:00\.000Z/,
    );
  });
});

describe("lodestone events and db migrate", () => {
  it("migrates, then answers a SimpleEventQuery with an EPCISQueryDocument", async () => {
    const migrate = await runLodestone(["db", "migrate", "--db", db]);
    expect(migrate).toMatchObject({ code: 0 });
    expect(migrate.stdout).toContain("applied 2026-11-26-001-ledger-core");
    expect((await runLodestone(["db", "migrate", "--db", db])).stdout).toContain("is up to date");
    const file = write("doc.jsonld", makeDocument(extractions(4)));
    await runLodestone(["import", "--db", db, file]);
    const result = await runLodestone([
      "events",
      "--db",
      db,
      "--param",
      "MATCH_epcClass=urn:epc:class:lgtin:8930000.000011.ORE-00002",
    ]);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.type).toBe("EPCISQueryDocument");
    expect(doc.epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
  });

  it("names the parameter of a bad query and exits 1", async () => {
    const result = await runLodestone(["events", "--db", db, "--param", "eventCountLimit=3"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "lodestone: QUERY_PARAMETER: eventCountLimit: may only be used together with orderBy\n",
    );
  });
});
