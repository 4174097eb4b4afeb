// The order of elements that the EPCIS 2.0 XSD (EPCglobal-epcis-2_0.xsd) prescribes: each event type's
// xsd:sequence after the base event's, and the sequences inside events. A document out of that order is not
// EPCIS 2.0 XML, so it is refused with the element's path. The conformance suite checks these lists against
// the XSD itself.

import { fieldsOf } from "./xml-names.ts";
import type { XmlElement } from "./xml-tree.ts";

/** EPCISEventType, the base of every event (its `baseExtension` wrapper is opened, as EPCIS 1.x used it). */
const BASE_EVENT = [
  "eventTime",
  "recordTime",
  "eventTimeZoneOffset",
  "eventID",
  "errorDeclaration",
  "certificationInfo",
];
const WHERE_WHY = ["bizStep", "disposition", "readPoint", "bizLocation"];
const LATER = ["sourceList", "destinationList", "sensorElementList", "persistentDisposition"];

/** Each event type's standard elements in XSD order; user extensions (`##other`) follow all of them. */
export const EVENT_SEQUENCES: Record<string, string[]> = {
  ObjectEvent: [
    ...BASE_EVENT,
    "epcList",
    "action",
    ...WHERE_WHY,
    "bizTransactionList",
    "quantityList",
    ...LATER,
    "ilmd",
  ],
  AggregationEvent: [
    ...BASE_EVENT,
    "parentID",
    "childEPCs",
    "action",
    ...WHERE_WHY,
    "bizTransactionList",
    "childQuantityList",
    ...LATER,
  ],
  // EPCIS 1.x only; read as the ObjectEvent 2.0 makes of it.
  QuantityEvent: [...BASE_EVENT, "epcClass", "quantity", ...WHERE_WHY, "bizTransactionList"],
  TransactionEvent: [
    ...BASE_EVENT,
    "bizTransactionList",
    "parentID",
    "epcList",
    "action",
    ...WHERE_WHY,
    "quantityList",
    ...LATER,
  ],
  TransformationEvent: [
    ...BASE_EVENT,
    "inputEPCList",
    "inputQuantityList",
    "outputEPCList",
    "outputQuantityList",
    "transformationID",
    ...WHERE_WHY,
    "bizTransactionList",
    ...LATER,
    "ilmd",
  ],
  AssociationEvent: [
    ...BASE_EVENT,
    "parentID",
    "childEPCs",
    "childQuantityList",
    "action",
    ...WHERE_WHY,
    "bizTransactionList",
    ...LATER,
  ],
};

/** Sequences inside events (QuantityElementType, ReadPointType, SensorElementType, PersistentDispositionType). */
export const ELEMENT_SEQUENCES: Record<string, string[]> = {
  quantityElement: ["epcClass", "quantity", "uom"],
  readPoint: ["id"],
  bizLocation: ["id"],
  sensorElement: ["sensorMetadata", "sensorReport"],
  persistentDisposition: ["unset", "set"],
};

/**
 * Why the children of `element` break `sequence`, naming the first element out of place; undefined when they
 * keep it. Elements the sequence does not name are left to the reader, which refuses unknown ones by name.
 */
export function sequenceProblem(
  element: XmlElement,
  sequence: string[],
): { path: string; message: string } | undefined {
  let last: XmlElement | undefined;
  let lastPosition = -1;
  let firstExtension: XmlElement | undefined;
  for (const child of fieldsOf(element)) {
    if (child.uri !== "") {
      firstExtension ??= child;
      continue;
    }
    const position = sequence.indexOf(child.local);
    if (position < 0) continue;
    if (firstExtension) {
      const name = firstExtension.prefix
        ? `${firstExtension.prefix}:${firstExtension.local}`
        : firstExtension.local;
      return {
        path: child.path,
        message: `<${child.local}> comes after the extension element <${name}>: the EPCIS 2.0 XSD puts extension elements after every standard element of <${element.local}>`,
      };
    }
    if (position < lastPosition && last) {
      return {
        path: child.path,
        message: `<${child.local}> must come before <${last.local}> in <${element.local}>: the EPCIS 2.0 XSD order is ${sequence.join(", ")}`,
      };
    }
    last = child;
    lastPosition = position;
  }
  return undefined;
}
