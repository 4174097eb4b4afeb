// Query results are documents too: the reference vectors' events, arriving as an EPCISQueryDocument in either
// binding, are captured with the reference hashes, and the same events from an EPCISDocument are duplicates.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import type { Ledger } from "../../src/store/db.ts";
import { openTestLedger } from "../helpers/ledgers.ts";
import { standardsPath } from "../helpers/standards.ts";

const DIR = standardsPath("epcis-hash");
const read = (file: string) => readFileSync(standardsPath("epcis-hash", file), "utf8");
const hashesOf = (name: string) =>
  read(`${name}.hashes`)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
const names = readdirSync(DIR)
  .filter((f) => f.endsWith(".hashes"))
  .map((f) => f.slice(0, -".hashes".length))
  .sort();

function jsonQueryDocument(text: string): string {
  const {
    epcisBody,
    type: _type,
    ...rest
  } = JSON.parse(text) as { epcisBody: { eventList: unknown[] }; type: string };
  return JSON.stringify({
    ...rest,
    type: "EPCISQueryDocument",
    epcisBody: {
      queryResults: { queryName: "SimpleEventQuery", resultsBody: { eventList: epcisBody.eventList } },
    },
  });
}

/** The document's EventList inside an EPCISQueryDocument, every namespace its root declared kept. */
function xmlQueryDocument(text: string): string {
  const root = /<([\w.-]+:)?EPCISDocument\b([^>]*)>/.exec(text);
  const events = /<EventList>([\s\S]*)<\/EventList>/.exec(text);
  if (!root || !events) throw new Error("not an EPCISDocument with an EventList");
  const declarations = (root[2] ?? "").match(/\sxmlns(:[\w.-]+)?="[^"]*"/g)?.join("") ?? "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<epcisq:EPCISQueryDocument xmlns:epcisq="urn:epcglobal:epcis-query:xsd:2"${declarations.replace(/\sxmlns:epcisq="[^"]*"/, "")} schemaVersion="2.0" creationDate="2026-01-01T00:00:00Z">
  <EPCISBody><epcisq:QueryResults><queryName>SimpleEventQuery</queryName><resultsBody><EventList>${events[1]}</EventList></resultsBody></epcisq:QueryResults></EPCISBody>
</epcisq:EPCISQueryDocument>`;
}

const cases = names.flatMap((name) => [
  ...(readdirSync(DIR).includes(`${name}.jsonld`)
    ? [
        {
          name,
          format: "json" as const,
          original: read(`${name}.jsonld`),
          query: jsonQueryDocument(read(`${name}.jsonld`)),
        },
      ]
    : []),
  ...(readdirSync(DIR).includes(`${name}.xml`)
    ? [
        {
          name,
          format: "xml" as const,
          original: read(`${name}.xml`),
          query: xmlQueryDocument(read(`${name}.xml`)),
        },
      ]
    : []),
]);

describe("EPCISQueryDocument bodies", () => {
  let ledger: Ledger;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ ledger, dispose } = await openTestLedger("sqlite"));
  });
  afterAll(async () => dispose());
  const context = { now: () => new Date("2026-01-01T00:00:00Z"), newId: randomUUID };

  it("are built for every vector set, in both bindings", () => {
    expect(cases.filter((c) => c.format === "xml").length).toBeGreaterThanOrEqual(6);
    expect(cases.filter((c) => c.format === "json").length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)(
    "$name ($format): captured with the reference hashes, then the document form adds nothing",
    async ({ name, format, original, query }) => {
      // The JSON binding is captured parsed, the XML binding as its text (as the API and the CLI hand them over).
      const body = (text: string) => (format === "json" ? JSON.parse(text) : text);
      const fromQuery = await captureDocument(
        ledger,
        { document: body(query), format, organisation: "urn:test:org" },
        context,
      );
      expect(fromQuery.rejected).toEqual([]);
      expect(fromQuery.eventHashes).toEqual(hashesOf(name));
      const fromDocument = await captureDocument(
        ledger,
        { document: body(original), format, organisation: "urn:test:org" },
        context,
      );
      expect(fromDocument.rejected).toEqual([]);
      expect(fromDocument.eventHashes).toEqual(hashesOf(name));
      expect(fromDocument.captured).toBe(0);
    },
  );
});
