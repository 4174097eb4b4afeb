// The fields of EPCIS 2.0 events in the JSON binding: those every event has, those of each event type, and the
// sensor metadata and report fields (the XML binding names its elements the same).

import type { LedgerEvent } from "../../domain/events.ts";

export type Json = Record<string, unknown>;

/** The fields every event type has, in the JSON binding (the XML binding names its elements the same). */
export const COMMON_FIELDS = new Set([
  "@context",
  "type",
  "eventTime",
  "recordTime",
  "eventTimeZoneOffset",
  "eventID",
  "certificationInfo",
  "errorDeclaration",
  "bizStep",
  "disposition",
  "persistentDisposition",
  "readPoint",
  "bizLocation",
  "bizTransactionList",
  "sourceList",
  "destinationList",
  "sensorElementList",
]);
/** The fields of each event type beyond the common ones. */
export const KIND_FIELDS: Record<LedgerEvent["kind"], string[]> = {
  ObjectEvent: ["action", "epcList", "quantityList", "ilmd"],
  AggregationEvent: ["action", "parentID", "childEPCs", "childQuantityList"],
  TransactionEvent: ["action", "parentID", "epcList", "quantityList"],
  TransformationEvent: [
    "transformationID",
    "inputEPCList",
    "inputQuantityList",
    "outputEPCList",
    "outputQuantityList",
    "ilmd",
  ],
  AssociationEvent: ["action", "parentID", "childEPCs", "childQuantityList"],
};

export const SENSOR_METADATA_FIELDS = [
  "time",
  "startTime",
  "endTime",
  "deviceID",
  "deviceMetadata",
  "rawData",
  "dataProcessingMethod",
  "bizRules",
];
export const SENSOR_REPORT_FIELDS = [
  "type",
  "exception",
  "deviceID",
  "deviceMetadata",
  "rawData",
  "dataProcessingMethod",
  "bizRules",
  "time",
  "microorganism",
  "chemicalSubstance",
  "value",
  "component",
  "stringValue",
  "booleanValue",
  "hexBinaryValue",
  "uriValue",
  "minValue",
  "maxValue",
  "meanValue",
  "sDev",
  "percRank",
  "percValue",
  "uom",
  "coordinateReferenceSystem",
];

/** Sensor fields whose values are IRIs, in both bindings (type and exception, GS1 vocabulary terms, apart). */
export const SENSOR_IRI_FIELDS = new Set([
  "component",
  "chemicalSubstance",
  "microorganism",
  "deviceID",
  "deviceMetadata",
  "rawData",
  "dataProcessingMethod",
  "bizRules",
  "coordinateReferenceSystem",
]);
