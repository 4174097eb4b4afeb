// JSON-LD contexts as third parties write them: prefixes declared at the document, the event or inside an
// extension, a default @vocab, and CURIE values; and numbers that read the same in JSON and XML.
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src/domain/events.ts";
import { eventHash, preHashString } from "../../src/standards/epcis/event-hash.ts";
import { parseEpcisJson } from "../../src/standards/epcis/parse-json.ts";
import { parseEpcisXml } from "../../src/standards/epcis/parse-xml.ts";

const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
const NS = "https://ns.example.com/";

const observation = {
  type: "ObjectEvent",
  eventTime: "2026-02-12T15:30:00.000+07:00",
  eventTimeZoneOffset: "+07:00",
  epcList: ["urn:epc:id:sgtin:0614141.107346.2018"],
  action: "OBSERVE",
  bizStep: "inspecting",
};

const documentOf = (context: unknown[], event: Record<string, unknown>) => ({
  "@context": [EPCIS_CONTEXT, ...context],
  type: "EPCISDocument",
  schemaVersion: "2.0",
  creationDate: "2026-02-12T09:00:00Z",
  epcisBody: { eventList: [event] },
});

function eventOf(document: unknown): LedgerEvent {
  const parsed = parseEpcisJson(document);
  if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.problems)}`);
  const [event] = parsed.document.events;
  if (!event) throw new Error("no event");
  return event;
}

const reference = eventOf(documentOf([{ ex: NS }], { ...observation, "ex:grade": { "ex:purity": "99.5" } }));

describe("extension names through the whole context", () => {
  it("a prefix declared in the event's own @context", () => {
    const event = eventOf(
      documentOf([], { "@context": { site: NS }, ...observation, "site:grade": { "site:purity": "99.5" } }),
    );
    expect(event.extensions).toEqual(reference.extensions);
    expect(eventHash(event)).toBe(eventHash(reference));
  });

  it("a prefix declared in a nested @context inside the extension", () => {
    const event = eventOf(
      documentOf([{ ex: NS }], {
        ...observation,
        "ex:grade": { "@context": { q: NS }, "q:purity": "99.5" },
      }),
    );
    expect(event.extensions).toEqual({ [`{${NS}}grade`]: { [`{${NS}}purity`]: "99.5" } });
    expect(eventHash(event)).toBe(eventHash(reference));
  });

  it("a prefix given as an expanded term definition", () => {
    const event = eventOf(
      documentOf([{ ex: { "@id": NS } }], { ...observation, "ex:grade": { "ex:purity": "99.5" } }),
    );
    expect(eventHash(event)).toBe(eventHash(reference));
  });

  it("bare keys under a default @vocab are terms of that vocabulary", () => {
    const event = eventOf(documentOf([{ "@vocab": NS }], { ...observation, grade: { purity: "99.5" } }));
    expect(event.extensions).toEqual(reference.extensions);
    expect(preHashString(event)).toContain(`{${NS}}grade{${NS}}purity=99.5`);
    expect(eventHash(event)).toBe(eventHash(reference));
  });

  it("a bare key with no @vocab in force is refused, naming the field and what would make it valid", () => {
    const parsed = parseEpcisJson(documentOf([], { ...observation, grade: "A" }));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]).toMatchObject({
      event: 0,
      path: "$.grade",
      message: expect.stringMatching(/@vocab/),
    });
  });

  it("a prefix the context does not declare is refused by name", () => {
    const parsed = parseEpcisJson(documentOf([], { ...observation, "nope:grade": "A" }));
    expect(!parsed.ok && parsed.problems[0]).toMatchObject({
      path: '$["nope:grade"]',
      message: expect.stringMatching(
        /"nope:grade" uses a namespace prefix that the @context does not declare/,
      ),
    });
  });
});

describe("CURIE values expand through the context", () => {
  it("bizStep, disposition, locations and EPCs written as CURIEs hash as their full IRIs", () => {
    const full = eventOf(
      documentOf([], {
        ...observation,
        bizStep: "https://ref.gs1.org/cbv/BizStep-inspecting",
        disposition: "https://ref.gs1.org/cbv/Disp-active",
        readPoint: { id: "https://id.gs1.org/414/0614141000005" },
      }),
    );
    const compact = eventOf(
      documentOf([{ dl: "https://id.gs1.org/" }], {
        ...observation,
        epcList: ["dl:01/10614141073464/21/2018"],
        bizStep: "cbv:BizStep-inspecting",
        disposition: "cbv:Disp-active",
        readPoint: { id: "dl:414/0614141000005" },
      }),
    );
    expect(compact.bizStep).toBe("https://ref.gs1.org/cbv/BizStep-inspecting");
    expect(compact.kind === "ObjectEvent" && compact.epcs).toEqual([
      "https://id.gs1.org/01/10614141073464/21/2018",
    ]);
    expect(eventHash(compact)).toBe(eventHash(full));
  });
});

const xmlDocument = (quantity: string, grade: string, sensorValue: string) => `<?xml version="1.0"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="${NS}" schemaVersion="2.0" creationDate="2026-02-12T09:00:00Z">
  <EPCISBody><EventList><ObjectEvent>
    <eventTime>2026-02-12T15:30:00.000+07:00</eventTime>
    <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
    <epcList/>
    <action>OBSERVE</action>
    <quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>${quantity}</quantity><uom>KGM</uom></quantityElement></quantityList>
    <sensorElementList><sensorElement><sensorMetadata time="2026-02-12T15:30:00+07:00"/><sensorReport type="gs1:Temperature" value="${sensorValue}" uom="CEL"/></sensorElement></sensorElementList>
    <ex:grade>${grade}</ex:grade>
  </ObjectEvent></EventList></EPCISBody>
</epcis:EPCISDocument>`;

const jsonDocument = (quantity: number, grade: unknown, sensorValue: number) =>
  documentOf([{ ex: NS }], {
    type: "ObjectEvent",
    eventTime: "2026-02-12T15:30:00.000+07:00",
    eventTimeZoneOffset: "+07:00",
    epcList: [],
    action: "OBSERVE",
    quantityList: [{ epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity, uom: "KGM" }],
    sensorElementList: [
      {
        sensorMetadata: { time: "2026-02-12T15:30:00+07:00" },
        sensorReport: [{ type: "Temperature", value: sensorValue, uom: "CEL" }],
      },
    ],
    "ex:grade": grade,
  });

function xmlEventOf(text: string): LedgerEvent {
  const parsed = parseEpcisXml(text);
  if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.problems)}`);
  const [event] = parsed.document.events;
  if (!event) throw new Error("no event");
  return event;
}

describe("numbers read the same in both bindings", () => {
  const expected = eventHash(eventOf(jsonDocument(250, "92.5", 21)));

  it.each([
    ["trailing zeros", "250.000", "92.50", "21.0"],
    ["a leading plus", "+250", "92.5", "+21"],
    ["exponent forms where XML allows them (xsd:double)", "250", "0.925E2", "2.1E1"],
  ])("XML with %s", (_label, quantity, grade, sensorValue) => {
    expect(eventHash(xmlEventOf(xmlDocument(quantity, grade, sensorValue)))).toBe(expected);
  });

  it.each([
    ["an exponent", 2.5e2, "92.5", 2.1e1],
    ["a number where XML has text", 250, 92.5, 21],
    ["text with an exponent", 250, "9.25e1", 21],
  ])("JSON with %s", (_label, quantity, grade, sensorValue) => {
    expect(eventHash(eventOf(jsonDocument(quantity, grade, sensorValue)))).toBe(expected);
  });

  it("a different value is a different event", () => {
    expect(eventHash(xmlEventOf(xmlDocument("250.001", "92.5", "21")))).not.toBe(expected);
  });
});
