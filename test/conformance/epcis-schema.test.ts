// Lodestone's EPCIS validator gives the official EPCIS 2.0.1 JSON Schema's verdict on every example of the
// standard and on mutated copies: a required field removed, a wrong type, a bad enum value, an unknown field.
import { describe, expect, it } from "vitest";
import { createEpcisAjv, validateEpcisJson } from "../../src/standards/epcis/validate.ts";
import { epcisJsonExamples, readStandardJson } from "../helpers/standards.ts";

const official = createEpcisAjv().compile(
  readStandardJson("epcis", "epcis-json-schema-2.0.1.json") as object,
);

type Json = unknown;
interface Mutation {
  description: string;
  document: Json;
}

const clone = <T>(v: T): T => structuredClone(v);

function setAt(
  root: Json,
  path: (string | number)[],
  mutate: (parent: Record<string | number, Json>, key: string | number) => void,
): Json {
  const copy = clone(root) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  mutate(parent, path[path.length - 1] as string | number);
  return copy;
}

const BAD_ENUM_FIELDS = new Set([
  "action",
  "bizStep",
  "disposition",
  "type",
  "reason",
  "component",
  "exception",
]);

/** Every single-point mutation of the four kinds the acceptance names, at every place in the document. */
function mutations(document: Json): Mutation[] {
  const out: Mutation[] = [];
  const walk = (value: Json, path: (string | number)[]) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i]);
      return;
    }
    if (!value || typeof value !== "object") return;
    const object = value as Record<string, Json>;
    out.push({
      description: `unknown field at ${path.join(".")}`,
      document: setAt(document, [...path, "unknownField"], (p, k) => {
        p[k] = "x";
      }),
    });
    for (const [key, child] of Object.entries(object)) {
      const at = [...path, key];
      if (key === "@context") continue;
      out.push({
        description: `removed ${at.join(".")}`,
        document: setAt(document, at, (p, k) => delete p[k]),
      });
      if (typeof child === "string") {
        out.push({
          description: `number for string at ${at.join(".")}`,
          document: setAt(document, at, (p, k) => {
            p[k] = 42;
          }),
        });
        if (BAD_ENUM_FIELDS.has(key)) {
          out.push({
            description: `bad enum at ${at.join(".")}`,
            document: setAt(document, at, (p, k) => {
              p[k] = "NOT_A_VALUE";
            }),
          });
        }
      } else if (typeof child === "number") {
        out.push({
          description: `string for number at ${at.join(".")}`,
          document: setAt(document, at, (p, k) => {
            p[k] = "x";
          }),
        });
      } else if (Array.isArray(child)) {
        out.push({
          description: `object for array at ${at.join(".")}`,
          document: setAt(document, at, (p, k) => {
            p[k] = {};
          }),
        });
      }
      walk(child, at);
    }
  };
  walk(document, []);
  return out;
}

describe("Lodestone's EPCIS validator against the official EPCIS 2.0.1 JSON Schema", () => {
  const examples = epcisJsonExamples();

  it("finds the standard's examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(30);
  });

  it.each(examples.map((e) => [e.name, e.document] as const))(
    "accepts %s as the official schema does",
    (_, document) => {
      expect(official(document)).toBe(true);
      expect(validateEpcisJson(document)).toEqual({ valid: true, problems: [] });
    },
  );

  it.each(examples.map((e) => [e.name, e.document] as const))(
    "gives the official verdict on every mutation of %s",
    (_, document) => {
      const cases = mutations(document);
      expect(cases.length).toBeGreaterThan(10);
      const disagreements = cases
        .map((m) => ({ m, officialVerdict: official(m.document), ours: validateEpcisJson(m.document).valid }))
        .filter((r) => r.officialVerdict !== r.ours)
        .map((r) => `${r.m.description}: official ${r.officialVerdict}, Lodestone ${r.ours}`);
      expect(disagreements).toEqual([]);
      // Most mutations must actually be invalid, or the suite would test nothing.
      expect(cases.filter((m) => !official(m.document)).length).toBeGreaterThan(cases.length / 4);
    },
  );
});
