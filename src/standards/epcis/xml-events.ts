// The standard fields of EPCIS events in the XML binding, read into the JSON binding's shape (EPC and quantity
// lists, read point and business location, typed lists, sensor elements, error declarations, whole events).
import type { LedgerEvent } from "../../domain/events.ts";
import { KIND_FIELDS, SENSOR_IRI_FIELDS, SENSOR_REPORT_FIELDS } from "./json-fields.ts";
import {
  cbvWordFromXml,
  EPC_LISTS,
  EVENT_FIELDS,
  fieldsOf,
  IRI_FIELDS,
  type Json,
  QUANTITY_LISTS,
  SENSOR_METADATA_ATTRIBUTES,
  SENSOR_NUMBERS,
  sensorTerm,
  TEXT_FIELDS,
  trimmed,
  XSD_DECIMAL,
  XSD_DOUBLE,
} from "./xml-names.ts";
import { XmlReader } from "./xml-reader.ts";
import { ELEMENT_SEQUENCES, EVENT_SEQUENCES, sequenceProblem } from "./xml-sequence.ts";
import type { XmlElement } from "./xml-tree.ts";

/** Reads the standard fields of events: EPC and quantity lists, places, sensors, errors and dispositions. */
export class XmlEventReader extends XmlReader {
  /** Refuses children out of the order the XSD gives them (EVENT_SEQUENCES, ELEMENT_SEQUENCES). */
  inOrder(element: XmlElement, sequence: string[] | undefined = ELEMENT_SEQUENCES[element.local]): void {
    const problem = sequence && sequenceProblem(element, sequence);
    if (problem) this.problem(problem.path, problem.message);
  }

  epcs(element: XmlElement, jsonPath: string): string[] {
    this.record(jsonPath, element);
    return element.children.map((child, i) => {
      this.record(`${jsonPath}[${i}]`, child);
      if (child.local !== "epc" || child.uri !== "")
        this.problem(child.path, `expected <epc>, found <${child.local}>`);
      return this.iri(child, this.leafText(child));
    });
  }

  quantities(element: XmlElement, jsonPath: string): Json[] {
    this.record(jsonPath, element);
    return element.children.map((child, i) => {
      const path = `${jsonPath}[${i}]`;
      this.record(path, child);
      if (child.local !== "quantityElement") {
        this.problem(child.path, `expected <quantityElement>, found <${child.local}>`);
      } else this.inOrder(child);
      const out: Json = {};
      for (const field of child.children) {
        this.record(`${path}.${field.local}`, field);
        const text = this.leafText(field);
        if (field.local === "quantity") {
          if (!XSD_DECIMAL.test(text)) {
            this.problem(field.path, `quantity must be a decimal number, got "${text}"`);
          } else {
            out.quantity = Number(text);
          }
        } else if (field.local === "epcClass") {
          out.epcClass = this.iri(field, text);
        } else if (field.local === "uom") {
          out.uom = text;
        } else {
          this.problem(field.path, `<${field.local}> is not part of a quantityElement`);
        }
      }
      return out;
    });
  }

  place(element: XmlElement, jsonPath: string): Json {
    this.record(jsonPath, element);
    this.noAttributes(element);
    this.inOrder(element);
    const out: Json = {};
    const extensions: XmlElement[] = [];
    for (const child of fieldsOf(element)) {
      if (child.uri === "" && child.local === "id") {
        this.record(`${jsonPath}.id`, child);
        out.id = this.iri(child, this.leafText(child));
      } else extensions.push(child);
    }
    return { ...out, ...this.extensionObject(extensions, jsonPath) };
  }

  typedList(element: XmlElement, jsonPath: string, item: string, valueKey: string): Json[] {
    this.record(jsonPath, element);
    return element.children.map((child, i) => {
      this.record(`${jsonPath}[${i}]`, child);
      if (child.local !== item) this.problem(child.path, `expected <${item}>, found <${child.local}>`);
      this.noAttributes(child, ["type"]);
      const type = child.attributes.find((a) => a.uri === "" && a.local === "type")?.value;
      if (child.children.length > 0) this.problem(child.path, `<${item}> holds a value, not child elements`);
      return {
        ...(type === undefined ? {} : { type: cbvWordFromXml(item, this.iri(child, type)) }),
        [valueKey]: this.iri(child, trimmed(child)),
      };
    });
  }

  sensorAttributes(element: XmlElement, jsonPath: string, known: Set<string>): Json {
    this.record(jsonPath, element);
    if (element.children.length > 0 || element.text.trim() !== "") {
      this.problem(element.path, `<${element.local}> carries its data in attributes, not content`);
    }
    const out: Json = {};
    for (const a of this.dataAttributes(element)) {
      if (a.uri === "") {
        if (!known.has(a.local)) {
          this.problem(
            `${element.path}/@${a.local}`,
            `attribute ${a.local} is not part of <${element.local}>`,
          );
          continue;
        }
        this.record(`${jsonPath}.${a.local}`, element);
        if (SENSOR_NUMBERS.has(a.local)) {
          const text = a.value.trim();
          if (XSD_DOUBLE.test(text)) out[a.local] = Number(text);
          else this.problem(`${element.path}/@${a.local}`, `must be a number, got "${a.value}"`);
        } else if (a.local === "booleanValue") {
          const text = a.value.trim();
          if (text === "true" || text === "1") out[a.local] = true;
          else if (text === "false" || text === "0") out[a.local] = false;
          else this.problem(`${element.path}/@${a.local}`, `must be true or false, got "${a.value}"`);
        } else if (a.local === "type" || a.local === "exception") {
          out[a.local] = sensorTerm(this.iri(element, a.value));
        } else if (SENSOR_IRI_FIELDS.has(a.local)) {
          out[a.local] = this.iri(element, a.value);
        } else out[a.local] = a.value.trim();
      } else {
        out[this.key(a.uri, a.local, a.prefix)] = a.value;
      }
    }
    return out;
  }

  sensorElements(element: XmlElement, jsonPath: string): Json[] {
    this.record(jsonPath, element);
    return element.children.map((sensor, i) => {
      const path = `${jsonPath}[${i}]`;
      this.record(path, sensor);
      if (sensor.local !== "sensorElement") {
        this.problem(sensor.path, `expected <sensorElement>, found <${sensor.local}>`);
      } else this.inOrder(sensor);
      const out: Json = {};
      const reports: Json[] = [];
      const extensions: XmlElement[] = [];
      for (const child of fieldsOf(sensor)) {
        if (child.uri === "" && child.local === "sensorMetadata") {
          out.sensorMetadata = this.sensorAttributes(
            child,
            `${path}.sensorMetadata`,
            SENSOR_METADATA_ATTRIBUTES,
          );
        } else if (child.uri === "" && child.local === "sensorReport") {
          reports.push(
            this.sensorAttributes(
              child,
              `${path}.sensorReport[${reports.length}]`,
              new Set(SENSOR_REPORT_FIELDS),
            ),
          );
        } else extensions.push(child);
      }
      this.record(`${path}.sensorReport`, sensor);
      out.sensorReport = reports;
      return { ...out, ...this.extensionObject(extensions, path) };
    });
  }

  errorDeclaration(element: XmlElement, jsonPath: string): Json {
    this.record(jsonPath, element);
    const out: Json = {};
    const extensions: XmlElement[] = [];
    for (const child of fieldsOf(element)) {
      if (child.uri !== "") {
        extensions.push(child);
        continue;
      }
      this.record(`${jsonPath}.${child.local}`, child);
      if (child.local === "declarationTime") out.declarationTime = this.leafText(child);
      else if (child.local === "reason")
        out.reason = cbvWordFromXml("reason", this.iri(child, this.leafText(child)));
      else if (child.local === "correctiveEventIDs") {
        out.correctiveEventIDs = child.children.map((c, i) => {
          this.record(`${jsonPath}.correctiveEventIDs[${i}]`, c);
          return this.iri(c, this.leafText(c));
        });
      } else this.problem(child.path, `<${child.local}> is not part of an errorDeclaration`);
    }
    return { ...out, ...this.extensionObject(extensions, jsonPath) };
  }

  persistentDisposition(element: XmlElement, jsonPath: string): Json {
    this.record(jsonPath, element);
    this.inOrder(element);
    const set: string[] = [];
    const unset: string[] = [];
    for (const child of element.children) {
      if (child.local === "set") set.push(cbvWordFromXml("set", this.iri(child, this.leafText(child))));
      else if (child.local === "unset")
        unset.push(cbvWordFromXml("unset", this.iri(child, this.leafText(child))));
      else this.problem(child.path, `<${child.local}> is not part of a persistentDisposition`);
    }
    return { ...(set.length > 0 ? { set } : {}), ...(unset.length > 0 ? { unset } : {}) };
  }

  /** One event element in the JSON binding's shape; EPCIS 1.x QuantityEvent becomes its 2.0 ObjectEvent. */
  eventOf(element: XmlElement): Json {
    this.noAttributes(element);
    this.inOrder(element, EVENT_SEQUENCES[element.local]);
    if (element.local === "QuantityEvent") return this.quantityEvent(element);
    const kind = element.local;
    const out: Json = { type: kind };
    const allowed = new Set<string>(KIND_FIELDS[kind as LedgerEvent["kind"]] ?? []);
    const extensions: XmlElement[] = [];
    const certification: string[] = [];
    for (const child of fieldsOf(element)) {
      if (child.uri !== "") {
        extensions.push(child);
        continue;
      }
      const name = child.local;
      const path = `$.${name}`;
      this.record(path, child);
      if (!EVENT_FIELDS.has(name) && !allowed.has(name)) {
        this.problem(child.path, `<${name}> is not part of ${kind} in EPCIS 2.0`);
        continue;
      }
      if (name !== "certificationInfo" && out[name] !== undefined) {
        this.problem(child.path, `<${name}> is given twice`);
        continue;
      }
      if (IRI_FIELDS.has(name)) out[name] = cbvWordFromXml(name, this.iri(child, this.leafText(child)));
      else if (TEXT_FIELDS.has(name)) out[name] = this.leafText(child);
      else if (name === "certificationInfo") certification.push(this.leafText(child));
      else if (EPC_LISTS.has(name)) out[name] = this.epcs(child, path);
      else if (QUANTITY_LISTS.has(name)) out[name] = this.quantities(child, path);
      else if (name === "readPoint" || name === "bizLocation") out[name] = this.place(child, path);
      else if (name === "bizTransactionList")
        out[name] = this.typedList(child, path, "bizTransaction", "bizTransaction");
      else if (name === "sourceList") out[name] = this.typedList(child, path, "source", "source");
      else if (name === "destinationList")
        out[name] = this.typedList(child, path, "destination", "destination");
      else if (name === "sensorElementList") out[name] = this.sensorElements(child, path);
      else if (name === "errorDeclaration") out[name] = this.errorDeclaration(child, path);
      else if (name === "persistentDisposition") out[name] = this.persistentDisposition(child, path);
      else if (name === "ilmd") {
        this.noAttributes(child);
        out.ilmd = this.extensionObject(fieldsOf(child), path);
      }
    }
    if (certification.length > 0)
      out.certificationInfo = certification.length === 1 ? certification[0] : certification;
    return { ...out, ...this.extensionObject(extensions, "$") };
  }

  /**
   * EPCIS 1.x QuantityEvent (removed in 2.0): a count of a class observed. EPCIS 2.0 section 7.4.1 writes
   * the same fact as an ObjectEvent with action OBSERVE and one quantityElement.
   */
  quantityEvent(element: XmlElement): Json {
    const copy: XmlElement = { ...element, local: "ObjectEvent", children: [] };
    const quantity: Json = {};
    const rest: XmlElement[] = [];
    for (const child of fieldsOf(element)) {
      if (child.uri === "" && child.local === "epcClass") quantity.epcClass = this.leafText(child);
      else if (child.uri === "" && child.local === "quantity") {
        const text = this.leafText(child);
        if (/^[+-]?\d+$/.test(text)) quantity.quantity = Number(text);
        else this.problem(child.path, `a QuantityEvent's quantity must be a whole number, got "${text}"`);
      } else rest.push(child);
    }
    copy.children = rest;
    const event = this.eventOf(copy);
    return { ...event, action: "OBSERVE", quantityList: [quantity] };
  }
}
