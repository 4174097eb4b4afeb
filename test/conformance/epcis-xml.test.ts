// The XML binding against the standard's artefacts: the XML examples are captured, the hash reference vectors
// give their listed hashes from XML, and where the examples come in XML/JSON pairs the two agree field by field.

import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src/domain/events.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { eventHash, preHashString } from "../../src/standards/epcis/event-hash.ts";
import { parseEpcisJson } from "../../src/standards/epcis/parse-json.ts";
import { parseEpcisXml } from "../../src/standards/epcis/parse-xml.ts";
import { serializeDocument } from "../../src/standards/epcis/serialize-json.ts";
import { serializeDocumentXml } from "../../src/standards/epcis/serialize-xml.ts";
import { openTestLedger } from "../helpers/ledgers.ts";
import { standardsPath } from "../helpers/standards.ts";

const xmlDir = () => standardsPath("epcis", "examples", "xml");
const xmlExamples = () =>
  readdirSync(xmlDir())
    .filter((f) => f.endsWith(".xml"))
    .sort();

function parsedXml(text: string): LedgerEvent[] {
  const parsed = parseEpcisXml(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.document.events;
}

const lines = (file: string) =>
  readFileSync(standardsPath("epcis-hash", file), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

describe("the standard's XML examples", () => {
  it("are all captured, whole, into a ledger", async () => {
    const { ledger, dispose } = await openTestLedger("sqlite");
    try {
      const counts: Record<string, number> = {};
      for (const name of xmlExamples()) {
        const report = await captureDocument(
          ledger,
          {
            document: readFileSync(join(xmlDir(), name), "utf8"),
            format: "xml",
            organisation: "urn:test:org",
          },
          { now: () => new Date("2026-01-01T00:00:00Z"), newId: randomUUID },
        );
        expect(report.rejected, name).toEqual([]);
        counts[name] = report.captured + report.duplicates;
      }
      // Each example's events, counted in the files themselves; the master-data example carries none.
      expect(counts).toEqual({
        "Example_9.6.1-ObjectEvent-2020_06_18a.xml": 2,
        "aggregation_event_all_possible_fields.xml": 1,
        "association_event_all_possible_fields.xml": 1,
        "masterdata_all_possible_fields.xml": 0,
        "object_event_all_possible_fields.xml": 1,
        "transaction_event_all_possible_fields.xml": 1,
        "transformation_event_all_possible_fields.xml": 1,
      });
    } finally {
      await dispose();
    }
  });

  it.each(xmlExamples())("%s: XML to domain to XML to domain keeps every field", (name) => {
    const events = parsedXml(readFileSync(join(xmlDir(), name), "utf8"));
    const views = events.map((event) => ({
      event,
      eventHash: eventHash(event),
      recordTime: "2026-01-01T00:00:00.000Z",
    }));
    const again = parsedXml(serializeDocumentXml(views, "2026-01-01T00:00:00.000Z"));
    // The writer adds the canonical id as eventID where the sender gave none; everything else is equal.
    expect(again.map((e, i) => ({ ...e, eventId: events[i]?.eventId }))).toEqual(events);
  });

  it.each(xmlExamples())("%s: XML to JSON to XML keeps every canonical id", (name) => {
    const events = parsedXml(readFileSync(join(xmlDir(), name), "utf8"));
    const views = events.map((event) => ({
      event,
      eventHash: eventHash(event),
      recordTime: "2026-01-01T00:00:00.000Z",
    }));
    const json = parseEpcisJson(
      JSON.parse(JSON.stringify(serializeDocument(views, "2026-01-01T00:00:00.000Z"))),
    );
    if (!json.ok) throw new Error(JSON.stringify(json.problems));
    const viaJson = json.document.events.map((event) => ({
      event,
      eventHash: eventHash(event),
      recordTime: "2026-01-01T00:00:00.000Z",
    }));
    const back = parsedXml(serializeDocumentXml(viaJson, "2026-01-01T00:00:00.000Z"));
    expect(json.document.events.map(eventHash)).toEqual(views.map((v) => v.eventHash));
    expect(back.map(eventHash)).toEqual(views.map((v) => v.eventHash));
  });
});

describe.each([
  "ReferenceEventHashAlgorithm",
  "ReferenceEventHashAlgorithm2",
  "ReferenceEventHashAlgorithm3",
])("%s.xml", (name) => {
  const events = () => parsedXml(readFileSync(standardsPath("epcis-hash", `${name}.xml`), "utf8"));

  it("gives exactly the listed pre-hash strings", () => {
    expect(events().map(preHashString)).toEqual(lines(`${name}.prehashes`));
  });

  it("gives exactly the listed hashes, the same as its JSON-LD twin", () => {
    expect(events().map(eventHash)).toEqual(lines(`${name}.hashes`));
    const json = parseEpcisJson(
      JSON.parse(readFileSync(standardsPath("epcis-hash", `${name}.jsonld`), "utf8")),
    );
    if (!json.ok) throw new Error(JSON.stringify(json.problems));
    expect(json.document.events.map(eventHash)).toEqual(events().map(eventHash));
  });
});

/**
 * The fields whose canonical text differs between two readings of one event: for each field, the XML
 * reading's value is swapped for the JSON one and the pre-hash string compared.
 */
function differingFields(xml: LedgerEvent, json: LedgerEvent): string[] {
  const keys = [...new Set([...Object.keys(xml), ...Object.keys(json)])].sort();
  const base = preHashString(xml);
  return keys.filter((key) => {
    const swapped = { ...xml } as Record<string, unknown>;
    const value = (json as unknown as Record<string, unknown>)[key];
    if (value === undefined) delete swapped[key];
    else swapped[key] = value;
    return preHashString(swapped as unknown as LedgerEvent) !== base;
  });
}

describe("the standard's XML/JSON example pairs", () => {
  // The paired example files of the standard do not carry the same content: the JSON files add
  // certificationInfo, use other sensor components and more nested extension values, and the object and
  // transformation pairs differ further (action ADD vs OBSERVE, an ilmd only in JSON, cbvmda bound to
  // another namespace, units on the XML weights). Every other field agrees exactly, and once the fields
  // that differ are taken from the JSON file the two give one canonical id.
  const pairs: Record<string, string[]> = {
    aggregation_event_all_possible_fields: ["certificationInfo", "extensions", "sensorElements"],
    association_event_all_possible_fields: ["certificationInfo", "extensions", "sensorElements"],
    object_event_all_possible_fields: ["action", "certificationInfo", "extensions", "ilmd", "sensorElements"],
    transaction_event_all_possible_fields: ["certificationInfo", "extensions", "sensorElements"],
    transformation_event_all_possible_fields: ["certificationInfo", "extensions", "ilmd", "sensorElements"],
  };
  it.each(Object.entries(pairs))("%s agrees on every field both carry the same", (name, differing) => {
    const [xml] = parsedXml(readFileSync(join(xmlDir(), `${name}.xml`), "utf8"));
    const parsed = parseEpcisJson(
      JSON.parse(readFileSync(standardsPath("epcis", "examples", "json", `${name}.jsonld`), "utf8")),
    );
    if (!parsed.ok || !xml) throw new Error(`${name} does not parse`);
    const [json] = parsed.document.events;
    if (!json) throw new Error(`${name}.jsonld has no event`);
    expect(differingFields(xml, json)).toEqual(differing);
    const aligned = { ...xml } as Record<string, unknown>;
    for (const key of differing) aligned[key] = (json as unknown as Record<string, unknown>)[key];
    expect(eventHash(aligned as unknown as LedgerEvent)).toBe(eventHash(json));
  });
});
