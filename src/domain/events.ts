// The ledger's event model: the five EPCIS 2.0 event types as one closed union, in the domain's words
// (what, when, where, why, how much), independent of JSON-LD or XML.

export const EVENT_KINDS = [
  "ObjectEvent",
  "AggregationEvent",
  "TransactionEvent",
  "TransformationEvent",
  "AssociationEvent",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type Action = "ADD" | "OBSERVE" | "DELETE";

/**
 * An extension value: user-namespaced data that EPCIS has no field for. Object keys are in Clark
 * notation, `{namespace-IRI}localName`, so the meaning does not depend on the prefix a sender chose.
 */
export type ExtensionValue = string | number | boolean | ExtensionValue[] | Extensions;
export interface Extensions {
  [clarkName: string]: ExtensionValue;
}

/** A class-level quantity (a bulk lot): `quantity` in the unit `uom` (UN/ECE Rec 20 code). */
export interface QuantityElement {
  epcClass: string;
  quantity?: number;
  uom?: string;
}

export interface BizTransaction {
  type?: string;
  id: string;
}

/** A source or destination of custody or ownership: `type` is owning_party, possessing_party or location. */
export interface PartyReference {
  type: string;
  id: string;
}

export interface Place {
  id: string;
  extensions: Extensions;
}

export interface PersistentDisposition {
  set: string[];
  unset: string[];
}

/** Sensor metadata and reports keep EPCIS field names as keys; extensions use Clark keys. */
export type SensorFields = Record<string, ExtensionValue>;
export interface SensorElement {
  metadata?: SensorFields;
  reports: SensorFields[];
  extensions: Extensions;
}

export interface ErrorDeclaration {
  declarationTime: string;
  reason?: string;
  correctiveEventIds: string[];
  extensions: Extensions;
}

interface EventCommon {
  /** When it happened, as an ISO 8601 instant with the sender's offset. */
  eventTime: string;
  eventTimeZoneOffset: string;
  /** The sender's own event id, kept alongside the ledger's canonical hash id. */
  eventId?: string;
  certificationInfo?: string[];
  errorDeclaration?: ErrorDeclaration;
  bizStep?: string;
  disposition?: string;
  persistentDisposition?: PersistentDisposition;
  readPoint?: Place;
  bizLocation?: Place;
  bizTransactions: BizTransaction[];
  sources: PartyReference[];
  destinations: PartyReference[];
  sensorElements: SensorElement[];
  extensions: Extensions;
}

export interface ObjectEvent extends EventCommon {
  kind: "ObjectEvent";
  action: Action;
  epcs: string[];
  quantities: QuantityElement[];
  /** Instance/lot master data, given when a lot is created (action ADD). */
  ilmd?: Extensions;
}

export interface AggregationEvent extends EventCommon {
  kind: "AggregationEvent";
  action: Action;
  parentId?: string;
  childEpcs: string[];
  childQuantities: QuantityElement[];
}

export interface TransactionEvent extends EventCommon {
  kind: "TransactionEvent";
  action: Action;
  parentId?: string;
  epcs: string[];
  quantities: QuantityElement[];
}

export interface TransformationEvent extends EventCommon {
  kind: "TransformationEvent";
  transformationId?: string;
  inputEpcs: string[];
  inputQuantities: QuantityElement[];
  outputEpcs: string[];
  outputQuantities: QuantityElement[];
  ilmd?: Extensions;
}

export interface AssociationEvent extends EventCommon {
  kind: "AssociationEvent";
  action: Action;
  parentId?: string;
  childEpcs: string[];
  childQuantities: QuantityElement[];
}

export type LedgerEvent =
  | ObjectEvent
  | AggregationEvent
  | TransactionEvent
  | TransformationEvent
  | AssociationEvent;

/** Every quantity an event names, with the role it plays; used by queries and the lot graph. */
export interface QuantityRole {
  role: "subject" | "child" | "input" | "output";
  quantity: QuantityElement;
}

export function quantitiesOf(event: LedgerEvent): QuantityRole[] {
  const tag = (role: QuantityRole["role"], list: QuantityElement[]) =>
    list.map((quantity) => ({ role, quantity }));
  switch (event.kind) {
    case "ObjectEvent":
    case "TransactionEvent":
      return tag("subject", event.quantities);
    case "AggregationEvent":
    case "AssociationEvent":
      return tag("child", event.childQuantities);
    case "TransformationEvent":
      return [...tag("input", event.inputQuantities), ...tag("output", event.outputQuantities)];
  }
}

/** Every instance-level identifier an event names, with its role. */
export function epcsOf(
  event: LedgerEvent,
): { role: "subject" | "parent" | "child" | "input" | "output"; epc: string }[] {
  const tag = (role: "subject" | "parent" | "child" | "input" | "output", list: string[]) =>
    list.map((epc) => ({ role, epc }));
  switch (event.kind) {
    case "ObjectEvent":
      return tag("subject", event.epcs);
    case "TransactionEvent":
      return [...tag("parent", event.parentId ? [event.parentId] : []), ...tag("subject", event.epcs)];
    case "AggregationEvent":
    case "AssociationEvent":
      return [...tag("parent", event.parentId ? [event.parentId] : []), ...tag("child", event.childEpcs)];
    case "TransformationEvent":
      return [...tag("input", event.inputEpcs), ...tag("output", event.outputEpcs)];
  }
}
