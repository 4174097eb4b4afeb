// The element order Lodestone enforces on EPCIS XML is the EPCIS 2.0 XSD's own: each list in xml-sequence.ts
// is read back out of EPCglobal-epcis-2_0.xsd (comments, i.e. the 1.x leftovers, ignored) and compared.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ELEMENT_SEQUENCES, EVENT_SEQUENCES } from "../../src/standards/epcis/xml-sequence.ts";
import { readXmlTree, type XmlElement } from "../../src/standards/epcis/xml-tree.ts";
import { standardsPath } from "../helpers/standards.ts";

const XSD_NS = "http://www.w3.org/2001/XMLSchema";
const schema = readXmlTree(readFileSync(standardsPath("epcis", "xsd", "EPCglobal-epcis-2_0.xsd"), "utf8"));

const complexTypes = new Map(
  schema.children
    .filter((c) => c.uri === XSD_NS && c.local === "complexType")
    .map((c) => [c.attributes.find((a) => a.local === "name")?.value ?? "", c] as const),
);

/** The element names of a type's sequence, in order, nested sequences included, wrappers left out. */
function sequenceOf(typeName: string): string[] {
  const type = complexTypes.get(typeName);
  if (!type) throw new Error(`the XSD has no complexType ${typeName}`);
  const names: string[] = [];
  const walk = (element: XmlElement) => {
    for (const child of element.children) {
      if (child.uri !== XSD_NS) continue;
      if (child.local === "element") {
        const name = child.attributes.find((a) => a.local === "name")?.value;
        if (name && name !== "extension" && name !== "baseExtension") names.push(name);
      } else if (["sequence", "complexContent", "extension"].includes(child.local)) walk(child);
    }
  };
  walk(type);
  return names;
}

describe("EVENT_SEQUENCES follow the XSD", () => {
  it.each(Object.keys(EVENT_SEQUENCES).filter((kind) => kind !== "QuantityEvent"))("%s", (kind) => {
    expect(EVENT_SEQUENCES[kind]).toEqual([...sequenceOf("EPCISEventType"), ...sequenceOf(`${kind}Type`)]);
  });

  it("covers every event type the XSD's EventList allows", () => {
    const eventList = complexTypes.get("EventListType");
    const choice = eventList?.children
      .find((c) => c.local === "sequence")
      ?.children.find((c) => c.local === "choice");
    const kinds = (choice?.children ?? [])
      .map((c) => c.attributes.find((a) => a.local === "name")?.value)
      .filter((name) => name !== undefined && name !== "extension");
    // QuantityEvent is EPCIS 1.x's (commented out of the 2.0 XSD); Lodestone reads it to upgrade it.
    expect(kinds.length).toBeGreaterThanOrEqual(5);
    expect(
      Object.keys(EVENT_SEQUENCES)
        .filter((kind) => kind !== "QuantityEvent")
        .sort(),
    ).toEqual([...kinds].sort());
  });
});

describe("ELEMENT_SEQUENCES follow the XSD", () => {
  const types: Record<string, string> = {
    quantityElement: "QuantityElementType",
    readPoint: "ReadPointType",
    bizLocation: "BusinessLocationType",
    sensorElement: "SensorElementType",
    persistentDisposition: "PersistentDispositionType",
  };
  it.each(Object.entries(types))("%s (%s)", (element, type) => {
    expect(ELEMENT_SEQUENCES[element]).toEqual(sequenceOf(type));
  });
});
