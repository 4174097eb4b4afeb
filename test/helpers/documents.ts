// Factories for EPCIS documents used by the tests: bulk-lot events in the shape the rare-earth chain uses.

export const CONTEXT = [
  "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
  { lode: "https://lodestone.example/ns/" },
];

export interface LotEventOptions {
  lot?: string;
  quantity?: number;
  uom?: string;
  eventTime?: string;
  offset?: string;
  bizStep?: string;
  location?: string;
}

/** An ObjectEvent ADD creating a quantity of a bulk lot (an extraction at a mine). */
export function makeExtraction(i: number, options: LotEventOptions = {}): Record<string, unknown> {
  const seconds = String(i % 60).padStart(2, "0");
  const minutes = String(Math.floor(i / 60) % 60).padStart(2, "0");
  return {
    type: "ObjectEvent",
    eventTime: options.eventTime ?? `2026-01-15T08:${minutes}:${seconds}.000+07:00`,
    eventTimeZoneOffset: options.offset ?? "+07:00",
    epcList: [],
    quantityList: [
      {
        epcClass: options.lot ?? `urn:epc:class:lgtin:8930000.000011.ORE-${String(i).padStart(5, "0")}`,
        quantity: options.quantity ?? 25_000,
        uom: options.uom ?? "KGM",
      },
    ],
    action: "ADD",
    bizStep: options.bizStep ?? "commissioning",
    disposition: "active",
    readPoint: { id: options.location ?? "urn:epc:id:sgln:8930000.00001.0" },
    bizLocation: { id: options.location ?? "urn:epc:id:sgln:8930000.00001.0" },
  };
}

export function makeDocument(events: Record<string, unknown>[]): Record<string, unknown> {
  return {
    "@context": CONTEXT,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-01-15T09:00:00Z",
    epcisBody: { eventList: events },
  };
}

export function extractions(count: number, from = 0): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => makeExtraction(from + i));
}
