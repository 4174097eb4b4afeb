// Writes domain events back as EPCIS 2.0 JSON-LD: events, EPCISDocument and EPCISQueryDocument, with the
// namespaces of their extensions declared in @context under generated prefixes.
import type {
  Extensions,
  ExtensionValue,
  LedgerEvent,
  QuantityElement,
  SensorFields,
} from "../../domain/events.ts";
import { fromClark, STANDARD_PREFIXES } from "./namespaces.ts";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

type Json = Record<string, unknown>;

/** Assigns prefixes to namespaces as they are met: the standard ones keep theirs, others get ext1, ext2, ... */
export class PrefixAllocator {
  private readonly byNamespace = new Map<string, string>();
  private readonly standard = new Map(Object.entries(STANDARD_PREFIXES).map(([p, ns]) => [ns, p]));

  compact(name: string): string {
    const clark = fromClark(name);
    if (!clark) return name;
    const standard = this.standard.get(clark.namespace);
    if (standard) return `${standard}:${clark.local}`;
    let prefix = this.byNamespace.get(clark.namespace);
    if (!prefix) {
      prefix = `ext${this.byNamespace.size + 1}`;
      this.byNamespace.set(clark.namespace, prefix);
    }
    return `${prefix}:${clark.local}`;
  }

  context(): (string | Json)[] {
    const declared = [...this.byNamespace.entries()].map(([ns, prefix]) => ({ [prefix]: ns }));
    return [EPCIS_CONTEXT, ...declared];
  }
}

function value(v: ExtensionValue, prefixes: PrefixAllocator): unknown {
  if (Array.isArray(v)) return v.map((x) => value(x, prefixes));
  if (v !== null && typeof v === "object") return extensions(v, prefixes);
  return v;
}

function extensions(ext: Extensions, prefixes: PrefixAllocator): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(ext)) out[prefixes.compact(k)] = value(v, prefixes);
  return out;
}

const quantities = (list: QuantityElement[]) => list.map((q) => ({ ...q }));

function sensorFields(fields: SensorFields, prefixes: PrefixAllocator): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(fields)) out[prefixes.compact(k)] = value(v, prefixes);
  return out;
}

/** One event as EPCIS 2.0 JSON-LD (without @context; the document carries it). */
export function serializeEvent(event: LedgerEvent, prefixes: PrefixAllocator, eventId?: string): Json {
  const e = event;
  const out: Json = { type: e.kind, eventTime: e.eventTime, eventTimeZoneOffset: e.eventTimeZoneOffset };
  const id = eventId ?? e.eventId;
  if (id !== undefined) out.eventID = id;
  if (e.certificationInfo) out.certificationInfo = e.certificationInfo;
  if (e.errorDeclaration) {
    const d = e.errorDeclaration;
    out.errorDeclaration = {
      declarationTime: d.declarationTime,
      ...(d.reason === undefined ? {} : { reason: d.reason }),
      ...(d.correctiveEventIds.length > 0 ? { correctiveEventIDs: d.correctiveEventIds } : {}),
      ...extensions(d.extensions, prefixes),
    };
  }
  switch (e.kind) {
    case "ObjectEvent":
      out.epcList = e.epcs;
      if (e.quantities.length > 0) out.quantityList = quantities(e.quantities);
      out.action = e.action;
      break;
    case "TransactionEvent":
      if (e.parentId !== undefined) out.parentID = e.parentId;
      out.epcList = e.epcs;
      if (e.quantities.length > 0) out.quantityList = quantities(e.quantities);
      out.action = e.action;
      break;
    case "AggregationEvent":
    case "AssociationEvent":
      if (e.parentId !== undefined) out.parentID = e.parentId;
      if (e.childEpcs.length > 0) out.childEPCs = e.childEpcs;
      if (e.childQuantities.length > 0) out.childQuantityList = quantities(e.childQuantities);
      out.action = e.action;
      break;
    case "TransformationEvent":
      if (e.inputEpcs.length > 0) out.inputEPCList = e.inputEpcs;
      if (e.inputQuantities.length > 0) out.inputQuantityList = quantities(e.inputQuantities);
      if (e.outputEpcs.length > 0) out.outputEPCList = e.outputEpcs;
      if (e.outputQuantities.length > 0) out.outputQuantityList = quantities(e.outputQuantities);
      if (e.transformationId !== undefined) out.transformationID = e.transformationId;
      break;
  }
  if (e.bizStep !== undefined) out.bizStep = e.bizStep;
  if (e.disposition !== undefined) out.disposition = e.disposition;
  if (e.persistentDisposition) {
    const p = e.persistentDisposition;
    out.persistentDisposition = {
      ...(p.set.length > 0 ? { set: p.set } : {}),
      ...(p.unset.length > 0 ? { unset: p.unset } : {}),
    };
  }
  if (e.readPoint) out.readPoint = { id: e.readPoint.id, ...extensions(e.readPoint.extensions, prefixes) };
  if (e.bizLocation)
    out.bizLocation = { id: e.bizLocation.id, ...extensions(e.bizLocation.extensions, prefixes) };
  if (e.bizTransactions.length > 0) {
    out.bizTransactionList = e.bizTransactions.map((b) => ({
      ...(b.type === undefined ? {} : { type: b.type }),
      bizTransaction: b.id,
    }));
  }
  if (e.sources.length > 0) out.sourceList = e.sources.map((s) => ({ type: s.type, source: s.id }));
  if (e.destinations.length > 0) {
    out.destinationList = e.destinations.map((d) => ({ type: d.type, destination: d.id }));
  }
  if (e.sensorElements.length > 0) {
    out.sensorElementList = e.sensorElements.map((s) => ({
      ...(s.metadata ? { sensorMetadata: sensorFields(s.metadata, prefixes) } : {}),
      sensorReport: s.reports.map((r) => sensorFields(r, prefixes)),
      ...extensions(s.extensions, prefixes),
    }));
  }
  if ((e.kind === "ObjectEvent" || e.kind === "TransformationEvent") && e.ilmd) {
    out.ilmd = extensions(e.ilmd, prefixes);
  }
  Object.assign(out, extensions(e.extensions, prefixes));
  return out;
}

export interface StoredEventView {
  event: LedgerEvent;
  /** The ledger's canonical id, written as eventID when the sender gave none. */
  eventHash: string;
  recordTime: string;
}

function eventList(events: StoredEventView[], prefixes: PrefixAllocator): Json[] {
  return events.map((v) => ({
    ...serializeEvent(v.event, prefixes, v.event.eventId ?? v.eventHash),
    recordTime: v.recordTime,
  }));
}

export function serializeDocument(events: StoredEventView[], creationDate: string): Json {
  const prefixes = new PrefixAllocator();
  const list = eventList(events, prefixes);
  return {
    "@context": prefixes.context(),
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate,
    epcisBody: { eventList: list },
  };
}

export function serializeQueryDocument(
  events: StoredEventView[],
  creationDate: string,
  queryName = "SimpleEventQuery",
): Json {
  const prefixes = new PrefixAllocator();
  const list = eventList(events, prefixes);
  return {
    "@context": prefixes.context(),
    type: "EPCISQueryDocument",
    schemaVersion: "2.0",
    creationDate,
    epcisBody: { queryResults: { queryName, resultsBody: { eventList: list } } },
  };
}
