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
  SENSOR_IRI_FIELDS,
  SENSOR_METADATA_FIELDS,
  SENSOR_REPORT_FIELDS,
} from "./json-fields.ts";
import {
  expandCompactIri,
  expandVocabularyValue,
  type PrefixMap,
  prefixesOf,
  toClark,
} from "./namespaces.ts";

/** Sensor fields whose values are IRIs (JSON-LD `@id` or `@vocab` typed in the EPCIS context). */
const SENSOR_IRI_KEYS = new Set(["type", "exception", ...SENSOR_IRI_FIELDS]);

export class EventReader {
  readonly problems: Problem[] = [];
  constructor(
    readonly index: number | undefined,
    readonly prefixes: PrefixMap,
  ) {}

  problem(path: string, message: string): void {
    this.problems.push({ ...(this.index === undefined ? {} : { event: this.index }), path, message });
  }

  /** An IRI-typed value: a compact IRI with a prefix of the context is expanded, as JSON-LD does. */
  iri(value: unknown): string {
    return expandCompactIri(String(value), this.prefixes);
  }

  /** The prefixes in force inside an object: its own `@context` (JSON-LD allows one at any level) over ours. */
  private scoped(source: Json, prefixes: PrefixMap): PrefixMap {
    return source["@context"] === undefined ? prefixes : prefixesOf(source["@context"], prefixes);
  }

  /** Extension fields of an object: every key not in `known` (nor `@context`), as Clark names. */
  extensions(source: Json, known: Set<string> | string[], path: string): Extensions {
    const knownSet = known instanceof Set ? known : new Set(known);
    const prefixes = this.scoped(source, this.prefixes);
    const out: Extensions = {};
    for (const [key, value] of Object.entries(source)) {
      if (knownSet.has(key) || key === "@context") continue;
      out[this.clark(key, `${path}["${key}"]`, prefixes, false)] = this.extensionValue(
        value,
        `${path}["${key}"]`,
        prefixes,
      );
    }
    return out;
  }

  /**
   * An extension's name as a Clark name. A bare name is a term of the context's `@vocab`; without one it is
   * refused at the top of an event (it would be no field of any vocabulary) but kept as written inside an
   * extension, where the XML binding's unqualified child elements land too.
   */
  clark(key: string, path: string, prefixes: PrefixMap, nested: boolean): string {
    const name = toClark(key, prefixes);
    if (name !== undefined) return name;
    if (nested && !key.includes(":")) return key;
    this.problem(
      path,
      key.includes(":")
        ? `extension field "${key}" uses a namespace prefix that the @context does not declare`
        : `"${key}" is no EPCIS field and has no namespace: write it with a prefix declared in @context, or declare a default @vocab`,
    );
    return key;
  }

  extensionValue(value: unknown, path: string, prefixes: PrefixMap = this.prefixes): ExtensionValue {
    if (typeof value === "string") return expandVocabularyValue(value, prefixes);
    if (typeof value === "number" || typeof value === "boolean") return value;
    if (Array.isArray(value)) return value.map((v, i) => this.extensionValue(v, `${path}[${i}]`, prefixes));
    if (value && typeof value === "object") {
      const inner = this.scoped(value as Json, prefixes);
      const out: Extensions = {};
      for (const [k, v] of Object.entries(value as Json)) {
        if (k === "@context") continue;
        out[this.clark(k, `${path}["${k}"]`, inner, true)] = this.extensionValue(v, `${path}["${k}"]`, inner);
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
      const element: QuantityElement = { epcClass: this.iri(q.epcClass) };
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
    return { id: this.iri(p.id), extensions: this.extensions(p, ["id"], path) };
  }

  sensorFields(raw: Json, known: string[], path: string): SensorFields {
    const out: SensorFields = {};
    const prefixes = this.scoped(raw, this.prefixes);
    for (const [key, value] of Object.entries(raw)) {
      if (key === "@context") continue;
      if (known.includes(key))
        out[key] = (
          SENSOR_IRI_KEYS.has(key) && typeof value === "string" ? expandCompactIri(value, prefixes) : value
        ) as ExtensionValue;
      else
        out[this.clark(key, `${path}["${key}"]`, prefixes, false)] = this.extensionValue(
          value,
          `${path}["${key}"]`,
          prefixes,
        );
    }
    return out;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

const iris = (value: unknown, reader: EventReader): string[] =>
  Array.isArray(value) ? value.map((v) => reader.iri(v)) : [];

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
        ...(declaration.reason === undefined ? {} : { reason: reader.iri(declaration.reason) }),
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
    ? { set: iris(persistent.set, reader), unset: iris(persistent.unset, reader) }
    : undefined;
  const bizTransactions: BizTransaction[] = ((raw.bizTransactionList as Json[] | undefined) ?? []).map(
    (b) => ({
      ...(b.type === undefined ? {} : { type: reader.iri(b.type) }),
      id: reader.iri(b.bizTransaction),
    }),
  );
  const parties = (list: unknown, field: "source" | "destination"): PartyReference[] =>
    ((list as Json[] | undefined) ?? []).map((p) => ({ type: reader.iri(p.type), id: reader.iri(p[field]) }));
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
    ...(raw.bizStep === undefined ? {} : { bizStep: reader.iri(raw.bizStep) }),
    ...(raw.disposition === undefined ? {} : { disposition: reader.iri(raw.disposition) }),
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
  const parent = raw.parentID === undefined ? {} : { parentId: reader.iri(raw.parentID) };
  switch (k) {
    case "ObjectEvent":
      return {
        kind: k,
        ...common,
        action,
        epcs: iris(raw.epcList, reader),
        quantities: reader.quantities(raw.quantityList, "$.quantityList"),
        ...ilmd,
      };
    case "TransactionEvent":
      return {
        kind: k,
        ...common,
        action,
        ...parent,
        epcs: iris(raw.epcList, reader),
        quantities: reader.quantities(raw.quantityList, "$.quantityList"),
      };
    case "AggregationEvent":
    case "AssociationEvent":
      return {
        kind: k,
        ...common,
        action,
        ...parent,
        childEpcs: iris(raw.childEPCs, reader),
        childQuantities: reader.quantities(raw.childQuantityList, "$.childQuantityList"),
      };
    case "TransformationEvent":
      return {
        kind: k,
        ...common,
        ...(raw.transformationID === undefined ? {} : { transformationId: reader.iri(raw.transformationID) }),
        inputEpcs: iris(raw.inputEPCList, reader),
        inputQuantities: reader.quantities(raw.inputQuantityList, "$.inputQuantityList"),
        outputEpcs: iris(raw.outputEPCList, reader),
        outputQuantities: reader.quantities(raw.outputQuantityList, "$.outputQuantityList"),
        ...ilmd,
      };
  }
}
