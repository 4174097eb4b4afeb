// Lodestone's own JSON Schema of EPCIS 2.0 JSON-LD documents and events, modelled on GS1's EPCIS 2.0.1 JSON
// Schema (same structure, same vocabularies), compiled with Ajv. The conformance suite checks that it gives
// the official schema's verdict on the standard's examples and on mutated copies. This module holds the
// document definitions and the top level; values and events are in schema-values.ts and schema-events.ts.

import { EVENT_TYPE_NAMES, eventDefinitions } from "./schema-events.ts";
import { listOf, namesOrExtension, ref } from "./schema-fragments.ts";
import { valueDefinitions } from "./schema-values.ts";

export { EVENT_TYPE_NAMES };

const documentDefinitions: Record<string, unknown> = {
  eventList: listOf("EPCIS-Document-Event"),
  attribute: {
    type: "object",
    properties: {
      id: ref("uri"),
      attribute: { anyOf: [{ type: "number" }, { type: "string" }, { type: "object" }] },
    },
    required: ["id"],
  },
  vocabularyElement: {
    type: "object",
    properties: { id: ref("uri"), attributes: listOf("attribute"), children: listOf("uri") },
    required: ["id"],
  },
  vocabulary: {
    type: "object",
    properties: { type: ref("uri"), vocabularyElementList: listOf("vocabularyElement") },
    required: ["type"],
  },
  vocabularyList: listOf("vocabulary"),
  epcisHeader: {
    type: "object",
    properties: {
      epcisMasterData: { type: "object", properties: { vocabularyList: listOf("vocabulary") } },
    },
    propertyNames: namesOrExtension(["epcisMasterData"]),
  },
  epcisDocument: {
    type: "object",
    properties: {
      id: ref("id"),
      type: { type: "string", enum: ["EPCISDocument"] },
      "@context": ref("@context"),
      schemaVersion: ref("version"),
      creationDate: ref("time"),
      instanceIdentifier: { type: "string" },
      sender: { type: "string" },
      receiver: { type: "string" },
      epcisHeader: ref("epcisHeader"),
      epcisBody: { type: "object", properties: { eventList: ref("eventList") }, required: ["eventList"] },
    },
    required: ["@context", "type", "schemaVersion", "creationDate", "epcisBody"],
    propertyNames: namesOrExtension([
      "@context",
      "id",
      "type",
      "schemaVersion",
      "creationDate",
      "instanceIdentifier",
      "sender",
      "receiver",
      "epcisHeader",
      "epcisBody",
    ]),
  },
  resultsBody: {
    type: "object",
    properties: { eventList: ref("eventList"), vocabularyList: ref("vocabularyList") },
    required: ["eventList"],
    propertyNames: namesOrExtension(["eventList", "vocabularyList"]),
  },
  queryResults: {
    type: "object",
    properties: {
      queryName: { type: "string" },
      subscriptionID: { type: "string" },
      resultsBody: ref("resultsBody"),
    },
    required: ["queryName", "resultsBody"],
    propertyNames: namesOrExtension(["queryName", "subscriptionID", "resultsBody"]),
  },
  epcisQueryDocumentBody: {
    type: "object",
    properties: { queryResults: ref("queryResults") },
    required: ["queryResults"],
    propertyNames: namesOrExtension(["queryResults"]),
  },
  epcisQueryDocument: {
    type: "object",
    properties: {
      "@context": ref("@context"),
      id: ref("id"),
      type: { type: "string", enum: ["EPCISQueryDocument"] },
      schemaVersion: ref("version"),
      creationDate: ref("time"),
      epcisBody: ref("epcisQueryDocumentBody"),
    },
    required: ["@context", "type", "epcisBody"],
    propertyNames: namesOrExtension(["@context", "id", "type", "schemaVersion", "creationDate", "epcisBody"]),
  },
};

const definitions: Record<string, unknown> = {
  ...valueDefinitions,
  ...eventDefinitions,
  ...documentDefinitions,
};

/** The top-level schema: an EPCISDocument, an EPCISQueryDocument, or one bare event carrying its own @context. */
export const epcisJsonSchema = {
  $id: "https://lodestone.example/schemas/epcis-2.0-json.json",
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  required: ["type"],
  properties: { type: { type: "string" } },
  allOf: [
    { if: { type: "object", properties: { type: { enum: ["EPCISDocument"] } } }, then: ref("epcisDocument") },
    {
      if: { type: "object", properties: { type: { enum: ["EPCISQueryDocument"] } } },
      then: ref("epcisQueryDocument"),
    },
    ...EVENT_TYPE_NAMES.map((name) => ({
      if: { type: "object", properties: { type: { enum: [name] } } },
      then: { allOf: [ref(name), ref("required-ld-context")] },
    })),
    {
      if: {
        not: {
          type: "object",
          properties: { type: { enum: [...EVENT_TYPE_NAMES, "EPCISQueryDocument", "EPCISDocument"] } },
        },
      },
      then: { allOf: [ref("Extended-Event"), ref("required-ld-context")] },
    },
  ],
  definitions,
};
