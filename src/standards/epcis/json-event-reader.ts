// Reads one EPCIS 2.0 JSON-LD event into the ledger's domain event, checking Lodestone's capture policy (units,
// positive quantities, known event types) on the way; each problem names the event index and the JSON path.

import type { Problem } from "../../domain/errors.ts";
import type {
  Action,
  BizTransaction,
  ErrorDeclaration,
  Extensions,
  ExtensionValue,
  LedgerEvent,
  PartyReference,
  PersistentDisposition,
  Place,
  QuantityElement,
  SensorElement,
  SensorFields,
} from "../../domain/events.ts";
import { EVENT_KINDS } from "../../domain/events.ts";
import {
  COMMON_FIELDS,
  type Json,
  KIND_FIELDS,
  SENSOR_METADATA_FIELDS,
  SENSOR_REPORT_FIELDS,
} from "./json-fields.ts";
import { expandVocabularyValue, type PrefixMap, toClark } from "./namespaces.ts";

export class EventReader {
  readonly problems: Problem[] = [];
  constructor(
    readonly index: number | undefined,
    readonly prefixes: PrefixMap,
  ) {}

  problem(path: string, message: string): void {
    this.problems.push({ ...(this.index === undefined ? {} : { event: this.index }), path, message });
  }

  /** Extension fields of an object: every key not in `known`, as Clark names. */
  extensions(source: Json, known: Set<string> | string[], path: string): Extensions {
    const knownSet = known instanceof Set ? known : new Set(known);
    const out: Extensions = {};
    for (const [key, value] of Object.entries(source)) {
      if (knownSet.has(key)) continue;
      out[this.clark(key, `${path}["${key}"]`)] = this.extensionValue(value, `${path}["${key}"]`);
    }
    return out;
  }

  clark(key: string, path: string): string {
    const name = toClark(key, this.prefixes);
    if (name === undefined) {
      this.problem(
        path,
        `extension field "${key}" uses a namespace prefix that the @context does not declare`,
      );
      return key;
    }
    return name;
  }

  extensionValue(value: unknown, path: string): ExtensionValue {
    if (typeof value === "string") return expandVocabularyValue(value, this.prefixes);
    if (typeof value === "number" || typeof value === "boolean") return value;
    if (Array.isArray(value)) return value.map((v, i) => this.extensionValue(v, `${path}[${i}]`));
    if (value && typeof value === "object") {
      const out: Extensions = {};
      for (const [k, v] of Object.entries(value as Json)) {
        out[this.clark(k, `${path}["${k}"]`)] = this.extensionValue(v, `${path}["${k}"]`);
      }
      return out;
    }
    this.problem(path, "null is not a value an extension can hold");
    return "";
  }

  quantities(list: unknown, path: string): QuantityElement[] {
    if (!Array.isArray(list)) return [];
    const seen = new Map<string, number>();
    return list.map((raw, i) => {
      const q = raw as Json;
      const element: QuantityElement = { epcClass: String(q.epcClass) };
      // One quantity per lot in a list: a lot named twice would be counted twice, or flow into itself.
      const first = seen.get(element.epcClass);
      if (first !== undefined) {
        this.problem(
          `${path}[${i}].epcClass`,
          `${element.epcClass} is already listed at ${path}[${first}]: give one quantity per lot`,
        );
      } else seen.set(element.epcClass, i);
      if (q.quantity !== undefined) {
        const quantity = q.quantity as number;
        if (!Number.isFinite(quantity) || quantity <= 0) {
          this.problem(`${path}[${i}].quantity`, `quantity must be greater than zero, got ${quantity}`);
        }
        element.quantity = quantity;
        // EPCIS 2.0 section 7.3.3.3: without uom a quantity counts instances, so it must be whole; a mass
        // (anything fractional) is meaningless without its unit and is never guessed.
        if (q.uom === undefined && !Number.isInteger(quantity)) {
          this.problem(
            `${path}[${i}].uom`,
            `quantity ${quantity} has no unit of measure: without uom a quantity counts items and must be whole; give uom (a UN/ECE Rec 20 code such as KGM or TNE)`,
          );
        }
      }
      if (q.uom !== undefined) element.uom = String(q.uom);
      return element;
    });
  }

  place(raw: unknown, path: string): Place | undefined {
    if (!raw) return undefined;
    const p = raw as Json;
    return { id: String(p.id), extensions: this.extensions(p, ["id"], path) };
  }

  sensorFields(raw: Json, known: string[], path: string): SensorFields {
    const out: SensorFields = {};
    for (const [key, value] of Object.entries(raw)) {
      if (known.includes(key)) out[key] = value as ExtensionValue;
      else out[this.clark(key, `${path}["${key}"]`)] = this.extensionValue(value, `${path}["${key}"]`);
    }
    return out;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

export function readEvent(raw: Json, reader: EventReader): LedgerEvent | undefined {
  const kind = raw.type as string;
  if (!(EVENT_KINDS as readonly string[]).includes(kind)) {
    reader.problem("$.type", `unknown event type "${kind}": Lodestone captures ${EVENT_KINDS.join(", ")}`);
    return undefined;
  }
  const k = kind as LedgerEvent["kind"];
  const known = new Set([...COMMON_FIELDS, ...KIND_FIELDS[k]]);
  const declaration = raw.errorDeclaration as Json | undefined;
  const errorDeclaration: ErrorDeclaration | undefined = declaration
    ? {
        declarationTime: String(declaration.declarationTime),
        ...(declaration.reason === undefined ? {} : { reason: String(declaration.reason) }),
        correctiveEventIds: strings(declaration.correctiveEventIDs),
        extensions: reader.extensions(
          declaration,
          ["declarationTime", "reason", "correctiveEventIDs"],
          "$.errorDeclaration",
        ),
      }
    : undefined;
  const persistent = raw.persistentDisposition as Json | undefined;
  const persistentDisposition: PersistentDisposition | undefined = persistent
    ? { set: strings(persistent.set), unset: strings(persistent.unset) }
    : undefined;
  const bizTransactions: BizTransaction[] = ((raw.bizTransactionList as Json[] | undefined) ?? []).map(
    (b) => ({
      ...(b.type === undefined ? {} : { type: String(b.type) }),
      id: String(b.bizTransaction),
    }),
  );
  const parties = (list: unknown, field: "source" | "destination"): PartyReference[] =>
    ((list as Json[] | undefined) ?? []).map((p) => ({ type: String(p.type), id: String(p[field]) }));
  const sensorElements: SensorElement[] = ((raw.sensorElementList as Json[] | undefined) ?? []).map(
    (s, i) => {
      const path = `$.sensorElementList[${i}]`;
      return {
        ...(s.sensorMetadata
          ? {
              metadata: reader.sensorFields(
                s.sensorMetadata as Json,
                SENSOR_METADATA_FIELDS,
                `${path}.sensorMetadata`,
              ),
            }
          : {}),
        reports: ((s.sensorReport as Json[] | undefined) ?? []).map((r, j) =>
          reader.sensorFields(r, SENSOR_REPORT_FIELDS, `${path}.sensorReport[${j}]`),
        ),
        extensions: reader.extensions(s, ["sensorMetadata", "sensorReport"], path),
      };
    },
  );
  const certification = raw.certificationInfo;
  const readPoint = reader.place(raw.readPoint, "$.readPoint");
  const bizLocation = reader.place(raw.bizLocation, "$.bizLocation");
  const common = {
    eventTime: String(raw.eventTime),
    eventTimeZoneOffset: String(raw.eventTimeZoneOffset),
    ...(raw.eventID === undefined ? {} : { eventId: String(raw.eventID) }),
    ...(certification === undefined
      ? {}
      : {
          certificationInfo: Array.isArray(certification)
            ? certification.map(String)
            : [String(certification)],
        }),
    ...(errorDeclaration ? { errorDeclaration } : {}),
    ...(raw.bizStep === undefined ? {} : { bizStep: String(raw.bizStep) }),
    ...(raw.disposition === undefined ? {} : { disposition: String(raw.disposition) }),
    ...(persistentDisposition ? { persistentDisposition } : {}),
    ...(readPoint ? { readPoint } : {}),
    ...(bizLocation ? { bizLocation } : {}),
    bizTransactions,
    sources: parties(raw.sourceList, "source"),
    destinations: parties(raw.destinationList, "destination"),
    sensorElements,
    extensions: reader.extensions(raw, known, "$"),
  };
  const ilmd = raw.ilmd === undefined ? {} : { ilmd: reader.extensions(raw.ilmd as Json, [], "$.ilmd") };
  const action = raw.action as Action;
  const parent = raw.parentID === undefined ? {} : { parentId: String(raw.parentID) };
  switch (k) {
    case "ObjectEvent":
      return {
        kind: k,
        ...common,
        action,
        epcs: strings(raw.epcList),
        quantities: reader.quantities(raw.quantityList, "$.quantityList"),
        ...ilmd,
      };
    case "TransactionEvent":
      return {
        kind: k,
        ...common,
        action,
        ...parent,
        epcs: strings(raw.epcList),
        quantities: reader.quantities(raw.quantityList, "$.quantityList"),
      };
    case "AggregationEvent":
    case "AssociationEvent":
      return {
        kind: k,
        ...common,
        action,
        ...parent,
        childEpcs: strings(raw.childEPCs),
        childQuantities: reader.quantities(raw.childQuantityList, "$.childQuantityList"),
      };
    case "TransformationEvent":
      return {
        kind: k,
        ...common,
        ...(raw.transformationID === undefined ? {} : { transformationId: String(raw.transformationID) }),
        inputEpcs: strings(raw.inputEPCList),
        inputQuantities: reader.quantities(raw.inputQuantityList, "$.inputQuantityList"),
        outputEpcs: strings(raw.outputEPCList),
        outputQuantities: reader.quantities(raw.outputQuantityList, "$.outputQuantityList"),
        ...ilmd,
      };
  }
}
