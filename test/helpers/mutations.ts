// Mutations of valid EPCIS documents for fuzzing: drop, duplicate, retype, nest, truncate and odd Unicode, at
// any place in the document, as fast-check arbitraries.
import fc from "fast-check";

type Json = unknown;
type Path = (string | number)[];

/** Every place in a JSON value, parents before children. */
export function pathsOf(value: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...prefix, i]));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  }
  return out;
}

function parentOf(
  root: Json,
  path: Path,
): { parent: Record<string | number, Json> | Json[]; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let node = root as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, Json>;
  return { parent: node, key: path[path.length - 1] as string | number };
}

/** Text no sender should send but every parser must survive. */
export const ODD_TEXT = [
  "",
  " ",
  "\u0000",
  "\uD800",
  "\uDFFF",
  "\u202Eevil",
  "a\u200Bb",
  "🙂".repeat(50),
  "Đ".repeat(1000),
  "\\u0000",
  "' OR 1=1 --",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "urn:epc:class:lgtin:",
  "https://id.gs1.org/01/",
  "9".repeat(400),
  "1e309",
  "-0",
  "NaN",
];

export type Mutation =
  | { kind: "drop"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "retype"; at: number; to: Json }
  | { kind: "nest"; at: number; asArray: boolean }
  | { kind: "oddText"; at: number; text: string };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("retype" as const),
    at: fc.nat(),
    to: fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.constant(-1),
      fc.constant(0),
      fc.constant(1e308),
      fc.string(),
      fc.constant([]),
      fc.constant({}),
      fc.constantFrom(...ODD_TEXT),
    ),
  }),
  fc.record({ kind: fc.constant("nest" as const), at: fc.nat(), asArray: fc.boolean() }),
  fc.record({ kind: fc.constant("oddText" as const), at: fc.nat(), text: fc.constantFrom(...ODD_TEXT) }),
);

/** Applies mutations to a deep copy; each picks its place among the document's places at that moment. */
export function mutate(document: Json, mutations: Mutation[]): Json {
  const root = { doc: structuredClone(document) } as Record<string, Json>;
  for (const m of mutations) {
    const places = pathsOf(root.doc).map((p) => ["doc", ...p] as Path);
    const path = places[m.at % places.length] as Path;
    const where = parentOf(root, path);
    if (!where) continue;
    const { parent, key } = where;
    const value = (parent as Record<string | number, Json>)[key];
    switch (m.kind) {
      case "drop":
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete (parent as Record<string, Json>)[key];
        break;
      case "duplicate":
        if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(value));
        else (parent as Record<string, Json>)[`${key}`] = [value, structuredClone(value)];
        break;
      case "retype":
        (parent as Record<string | number, Json>)[key] = m.to;
        break;
      case "nest":
        (parent as Record<string | number, Json>)[key] = m.asArray ? [value] : { value };
        break;
      case "oddText":
        if (typeof value === "string") (parent as Record<string | number, Json>)[key] = m.text;
        else (parent as Record<string | number, Json>)[key] = m.text;
        break;
    }
  }
  return root.doc;
}
