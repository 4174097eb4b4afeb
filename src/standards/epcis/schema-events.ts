// The event definitions of the EPCIS 2.0 JSON Schema: the fields common to every event and each of the five
// event types (and extended events), as they may appear in a document's event list.
import { actionIs, atLeastOne, listOf, ref, uri } from "./schema-fragments.ts";

export const EVENT_TYPE_NAMES = [
  "ObjectEvent",
  "AggregationEvent",
  "TransactionEvent",
  "TransformationEvent",
  "AssociationEvent",
] as const;

const COMMON_EVENT_FIELDS = [
  "@context",
  "type",
  "eventTime",
  "recordTime",
  "eventTimeZoneOffset",
  "eventID",
  "certificationInfo",
  "errorDeclaration",
];
const eventFields = (names: string[]) => ({
  anyOf: [ref("common-event-properties"), { type: "string", enum: names }],
});
const sharedWhereWhy = {
  bizStep: ref("bizStep"),
  disposition: ref("disposition"),
  readPoint: ref("readPoint"),
  bizLocation: ref("bizLocation"),
  bizTransactionList: listOf("bizTransaction"),
  sourceList: listOf("source"),
  destinationList: listOf("destination"),
  sensorElementList: listOf("sensorElement"),
};
const parentChildEvent = (kind: string, required: string[]) => ({
  allOf: [
    ref("Event"),
    {
      type: "object",
      properties: {
        type: { type: "string", enum: [kind] },
        parentID: uri,
        childEPCs: { type: "array", items: uri },
        childQuantityList: listOf("quantityElement"),
        action: ref("action"),
        ...sharedWhereWhy,
      },
      required,
      propertyNames: eventFields([
        "parentID",
        "childEPCs",
        "childQuantityList",
        "action",
        "bizStep",
        "disposition",
        "persistentDisposition",
        "readPoint",
        "bizLocation",
        "bizTransactionList",
        "sourceList",
        "destinationList",
        "sensorElementList",
      ]),
    },
    {
      anyOf: [
        atLeastOne("childEPCs", ref("id")),
        atLeastOne("childQuantityList", ref("quantityElement")),
        actionIs("DELETE"),
      ],
    },
  ],
});
const anyInput = [
  atLeastOne("inputEPCList", { type: "string" }),
  atLeastOne("inputQuantityList", { type: "object" }),
];
const anyOutput = [
  atLeastOne("outputEPCList", { type: "string" }),
  atLeastOne("outputQuantityList", { type: "object" }),
];

export const eventDefinitions: Record<string, unknown> = {
  "common-event-properties": {
    anyOf: [{ type: "string", enum: COMMON_EVENT_FIELDS }, ref("vocab-uri")],
  },
  Event: {
    type: "object",
    properties: {
      "@context": ref("@context"),
      eventTime: ref("time"),
      recordTime: ref("time"),
      eventTimeZoneOffset: { type: "string", pattern: "^([+]|[-])((0[0-9]|1[0-3]):([0-5][0-9])|14:00)$" },
      eventID: ref("eventID"),
      certificationInfo: ref("certificationInfo"),
      errorDeclaration: ref("errorDeclaration"),
    },
    required: ["eventTime", "eventTimeZoneOffset"],
  },
  "Extended-Event": {
    allOf: [ref("Event"), { type: "object", properties: { type: ref("vocab-uri") }, required: ["type"] }],
  },
  ObjectEvent: {
    allOf: [
      ref("Event"),
      {
        type: "object",
        properties: {
          type: { type: "string", enum: ["ObjectEvent"] },
          epcList: ref("epcList"),
          quantityList: ref("quantityList"),
          action: ref("action"),
          persistentDisposition: ref("persistentDisposition"),
          ...sharedWhereWhy,
          ilmd: ref("ilmd"),
        },
        required: ["type", "action"],
        propertyNames: eventFields([
          "action",
          "epcList",
          "quantityList",
          "bizStep",
          "disposition",
          "persistentDisposition",
          "readPoint",
          "bizLocation",
          "bizTransactionList",
          "sourceList",
          "destinationList",
          "sensorElementList",
          "ilmd",
        ]),
      },
      {
        anyOf: [
          {
            type: "object",
            properties: { epcList: { type: "array", minItems: 0, items: ref("id") } },
            required: ["epcList"],
          },
          atLeastOne("quantityList", ref("quantityElement")),
          {
            allOf: [
              atLeastOne("sensorElementList", ref("sensorElement")),
              { type: "object", properties: { readPoint: ref("readPoint") }, required: ["readPoint"] },
            ],
          },
        ],
      },
      {
        // Instance/lot master data belongs to the creation of the objects (action ADD) only.
        anyOf: [
          {
            type: "object",
            properties: { ilmd: { not: {} }, action: { type: "string", pattern: "^OBSERVE$" } },
          },
          {
            type: "object",
            properties: { ilmd: { not: {} }, action: { type: "string", pattern: "^DELETE$" } },
          },
          actionIs("ADD"),
        ],
      },
    ],
  },
  AggregationEvent: parentChildEvent("AggregationEvent", ["type", "action"]),
  AssociationEvent: parentChildEvent("AssociationEvent", ["type", "action", "parentID"]),
  TransactionEvent: {
    allOf: [
      ref("Event"),
      {
        type: "object",
        properties: {
          type: { type: "string", enum: ["TransactionEvent"] },
          bizTransactionList: { type: "array", items: ref("bizTransaction"), minItems: 1 },
          parentID: ref("uri"),
          epcList: { type: "array", items: ref("uri") },
          quantityList: listOf("quantityElement"),
          action: ref("action"),
          bizStep: ref("bizStep"),
          disposition: ref("disposition"),
          readPoint: ref("readPoint"),
          bizLocation: ref("bizLocation"),
          sourceList: listOf("source"),
          destinationList: listOf("destination"),
          sensorElementList: listOf("sensorElement"),
        },
        required: ["type", "bizTransactionList", "action"],
        propertyNames: eventFields([
          "bizTransactionList",
          "parentID",
          "epcList",
          "quantityList",
          "action",
          "bizStep",
          "disposition",
          "persistentDisposition",
          "readPoint",
          "bizLocation",
          "sourceList",
          "destinationList",
          "sensorElementList",
        ]),
      },
      {
        anyOf: [
          {
            type: "object",
            properties: { epcList: { type: "array", minItems: 0, items: ref("id") } },
            required: ["epcList"],
          },
          atLeastOne("quantityList", ref("quantityElement")),
          actionIs("DELETE"),
        ],
      },
    ],
  },
  TransformationEvent: {
    allOf: [
      ref("Event"),
      {
        type: "object",
        properties: {
          type: { type: "string", enum: ["TransformationEvent"] },
          inputEPCList: ref("epcList"),
          inputQuantityList: ref("quantityList"),
          outputEPCList: ref("epcList"),
          outputQuantityList: ref("quantityList"),
          transformationID: ref("uri"),
          persistentDisposition: ref("persistentDisposition"),
          ...sharedWhereWhy,
          ilmd: ref("ilmd"),
        },
        required: ["type"],
        propertyNames: eventFields([
          "inputEPCList",
          "inputQuantityList",
          "outputEPCList",
          "outputQuantityList",
          "transformationID",
          "bizStep",
          "disposition",
          "persistentDisposition",
          "readPoint",
          "bizLocation",
          "bizTransactionList",
          "sourceList",
          "destinationList",
          "sensorElementList",
          "ilmd",
        ]),
      },
      {
        // Either something goes in and something comes out, or the event names a transformationID that
        // other events share (EPCIS 2.0 section 7.4.6).
        anyOf: [
          { allOf: [{ anyOf: anyInput }, { anyOf: anyOutput }] },
          { anyOf: [...anyInput, ...anyOutput], type: "object", required: ["transformationID"] },
        ],
      },
    ],
  },
  "EPCIS-Document-Event": {
    type: "object",
    required: ["type"],
    properties: { type: { type: "string" } },
    allOf: [
      ...EVENT_TYPE_NAMES.map((name) => ({
        if: { type: "object", properties: { type: { enum: [name] } } },
        then: ref(name),
      })),
      {
        if: { not: { type: "object", properties: { type: { enum: [...EVENT_TYPE_NAMES] } } } },
        then: ref("Extended-Event"),
      },
    ],
  },
};
