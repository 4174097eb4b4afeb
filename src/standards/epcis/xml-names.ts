// What the EPCIS XML binding's names mean in the JSON binding: the namespaces, which elements are text, EPC
// lists, quantity lists or sensor numbers, and the CBV URNs that the JSON binding writes as bare words.

import { COMMON_FIELDS, SENSOR_METADATA_FIELDS } from "./json-fields.ts";
import type { XmlElement } from "./xml-tree.ts";

export const EPCIS_XML_NS = "urn:epcglobal:epcis:xsd:2";
export const EPCIS_QUERY_XML_NS = "urn:epcglobal:epcis-query:xsd:2";
export const EPCIS_1_NS = "urn:epcglobal:epcis:xsd:1";
export const EPCIS_1_QUERY_NS = "urn:epcglobal:epcis-query:xsd:1";
export const SBDH_NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";

/**
 * The CBV master-data namespace is `urn:epcglobal:cbv:mda` in XML and `urn:epcglobal:cbv:mda:` as a JSON-LD
 * prefix (which needs the separator): one vocabulary, so XML names are read into the JSON-LD form.
 */
export const CBV_MDA_XML_NS = "urn:epcglobal:cbv:mda";
export function namespaceFromXml(uri: string): string {
  return uri === CBV_MDA_XML_NS ? `${CBV_MDA_XML_NS}:` : uri;
}

export type Json = Record<string, unknown>;

export const TEXT_FIELDS = new Set([
  "eventTime",
  "recordTime",
  "eventTimeZoneOffset",
  "eventID",
  "action",
  "bizStep",
  "disposition",
  "parentID",
  "transformationID",
]);
/** Text fields whose values are IRIs: a qualified name there is expanded against the namespaces in scope. */
export const IRI_FIELDS = new Set(["bizStep", "disposition", "parentID", "transformationID"]);
export const EPC_LISTS = new Set(["epcList", "childEPCs", "inputEPCList", "outputEPCList"]);
export const QUANTITY_LISTS = new Set([
  "quantityList",
  "childQuantityList",
  "inputQuantityList",
  "outputQuantityList",
]);
/** The elements of events are named as the JSON binding's fields (`@context` and `type` are JSON's own). */
export const EVENT_FIELDS = new Set([...COMMON_FIELDS].filter((f) => f !== "@context" && f !== "type"));
export const SENSOR_METADATA_ATTRIBUTES = new Set(SENSOR_METADATA_FIELDS);
export const SENSOR_NUMBERS = new Set([
  "value",
  "minValue",
  "maxValue",
  "meanValue",
  "sDev",
  "percRank",
  "percValue",
]);
export const GS1_VOC = "https://gs1.org/voc/";
export const XSD_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
export const XSD_DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A sensor type or exception, its IRI already expanded: GS1 web vocabulary terms are bare words in JSON. */
export function sensorTerm(iri: string): string {
  return iri.startsWith(GS1_VOC) ? iri.slice(GS1_VOC.length) : iri;
}

/** The XML-only wrappers of older versions: their children belong to the element that holds them. */
export const isWrapper = (e: XmlElement) =>
  e.uri === "" && (e.local === "extension" || e.local === "baseExtension");

/** Children with every `extension`/`baseExtension` wrapper opened (EPCIS 1.x put later fields inside them). */
export function fieldsOf(element: XmlElement): XmlElement[] {
  return element.children.flatMap((c) => (isWrapper(c) ? fieldsOf(c) : [c]));
}

export const trimmed = (e: XmlElement) => e.text.trim();

/**
 * The XML binding writes standard vocabulary values as CBV URNs (`urn:epcglobal:cbv:bizstep:shipping`), the
 * JSON binding as bare words (`shipping`); both name one value (and hash the same), so the JSON form is used.
 */
export const CBV_URNS: Record<string, string> = {
  bizStep: "urn:epcglobal:cbv:bizstep:",
  disposition: "urn:epcglobal:cbv:disp:",
  set: "urn:epcglobal:cbv:disp:",
  unset: "urn:epcglobal:cbv:disp:",
  reason: "urn:epcglobal:cbv:er:",
  bizTransaction: "urn:epcglobal:cbv:btt:",
  source: "urn:epcglobal:cbv:sdt:",
  destination: "urn:epcglobal:cbv:sdt:",
};
export function cbvWordFromXml(field: string, value: string): string {
  const urn = CBV_URNS[field];
  return urn !== undefined && value.startsWith(urn) && /^[A-Za-z0-9_]+$/.test(value.slice(urn.length))
    ? value.slice(urn.length)
    : value;
}
