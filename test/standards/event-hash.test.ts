// The canonical event id is stable under every change of syntax that keeps the event's meaning.
import { describe, expect, it } from "vitest";
import { canonicalInstant, eventHash, preHashString } from "../../src/standards/epcis/event-hash.ts";
import { parseEpcisJson } from "../../src/standards/epcis/parse-json.ts";
import { CONTEXT, makeDocument } from "../helpers/documents.ts";

function hashOf(event: Record<string, unknown>): string {
  const parsed = parseEpcisJson(makeDocument([event]));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return eventHash(parsed.document.events[0] as never);
}

const shipment = {
  type: "ObjectEvent",
  eventTime: "2026-02-12T15:30:00.000+07:00",
  eventTimeZoneOffset: "+07:00",
  epcList: [],
  quantityList: [{ epcClass: "urn:epc:class:lgtin:8930000.000022.CONC-0142", quantity: 240000, uom: "KGM" }],
  action: "OBSERVE",
  bizStep: "shipping",
  disposition: "in_transit",
  readPoint: { id: "urn:epc:id:sgln:8930000.00005.0" },
  bizTransactionList: [{ type: "inv", bizTransaction: "urn:epc:id:gdti:8930000.00001.EXP-2026-0142" }],
  sourceList: [{ type: "owning_party", source: "urn:epc:id:pgln:8930000.00009" }],
  destinationList: [{ type: "owning_party", destination: "urn:epc:id:pgln:8800000.00001" }],
  "lode:declaredProduct": "Mixed rare earth carbonate",
};

describe("canonical event id", () => {
  const reference = hashOf(shipment);

  it("has the RFC 6920 ni: form with the CBV 2.0 version", () => {
    expect(reference).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  });

  it("does not depend on key order", () => {
    const reversed = Object.fromEntries(Object.entries(shipment).reverse());
    expect(hashOf(reversed)).toBe(reference);
  });

  it("does not depend on whitespace in the JSON text", () => {
    const text = JSON.stringify(makeDocument([shipment]), null, 7);
    const parsed = parseEpcisJson(JSON.parse(text));
    expect(parsed.ok && eventHash(parsed.document.events[0] as never)).toBe(reference);
  });

  it("treats Digital Link and EPC URN forms of the same identifiers alike", () => {
    const digitalLink = {
      ...shipment,
      quantityList: [
        { epcClass: "https://id.gs1.org/01/08930000000224/10/CONC-0142", quantity: 240000, uom: "KGM" },
      ],
      readPoint: { id: "https://id.gs1.org/414/8930000000057" },
      sourceList: [{ type: "owning_party", source: "https://id.gs1.org/417/8930000000095" }],
    };
    expect(hashOf(digitalLink)).toBe(reference);
  });

  it("treats the same instant written in another time zone alike", () => {
    expect(hashOf({ ...shipment, eventTime: "2026-02-12T08:30:00Z" })).toBe(reference);
    expect(hashOf({ ...shipment, eventTime: "2026-02-12T17:30:00.0000+09:00" })).toBe(reference);
  });

  it("treats CBV web URIs and bare words alike", () => {
    expect(hashOf({ ...shipment, bizStep: "https://ref.gs1.org/cbv/BizStep-shipping" })).toBe(reference);
  });

  it("ignores the sender's eventID and recordTime", () => {
    expect(hashOf({ ...shipment, eventID: "urn:uuid:0b9a1c1e-0000-4000-8000-000000000001" })).toBe(reference);
    expect(hashOf({ ...shipment, recordTime: "2026-02-13T00:00:00Z" })).toBe(reference);
  });

  it("changes when the quantity changes", () => {
    const changed = { ...shipment, quantityList: [{ ...shipment.quantityList[0], quantity: 240001 }] };
    expect(hashOf(changed)).not.toBe(reference);
  });

  it("expands extension prefixes, so another prefix for the same namespace gives the same id", () => {
    const { "lode:declaredProduct": declared, ...rest } = shipment;
    const doc = {
      ...makeDocument([{ ...rest, "other:declaredProduct": declared }]),
      "@context": [CONTEXT[0], { other: "https://lodestone.example/ns/" }],
    };
    const parsed = parseEpcisJson(doc);
    expect(parsed.ok && eventHash(parsed.document.events[0] as never)).toBe(reference);
    expect(parsed.ok && preHashString(parsed.document.events[0] as never)).toContain(
      "{https://lodestone.example/ns/}declaredProduct=Mixed rare earth carbonate",
    );
  });
});

describe("canonicalInstant", () => {
  it("rounds at the fourth decimal and carries into seconds, minutes and days", () => {
    expect(canonicalInstant("2026-12-31T23:59:59.9996Z")).toBe("2027-01-01T00:00:00.000Z");
    expect(canonicalInstant("2026-01-01T00:00:00.1234+00:00")).toBe("2026-01-01T00:00:00.123Z");
    expect(canonicalInstant("2026-01-01T00:00:00.1235-01:30")).toBe("2026-01-01T01:30:00.124Z");
  });

  it("refuses a date-time without a time zone", () => {
    expect(canonicalInstant("2026-01-01T00:00:00")).toBeUndefined();
  });
});
