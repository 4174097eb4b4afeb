// The master-data examples in the docs are what the importer accepts: each JSON block of docs/masterdata.md
// and docs/contracts.md that is a record validates against the master-data schema, as the array it belongs to.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import schema from "../../src/standards/lodestone/masterdata.schema.json" with { type: "json" };

const validate = new Ajv({ allErrors: true, strict: false, useDefaults: true }).compile(schema);
const COLLECTIONS = Object.keys(schema.properties);

/** The array a record belongs in, by the fields only that kind of record has. */
function collectionOf(record: Record<string, unknown>): string | undefined {
  if (COLLECTIONS.some((c) => c in record)) return "";
  if ("buyer" in record && "seller" in record) return "contracts";
  if ("declarant" in record) return "declarations";
  if ("authority" in record) return "licences";
  if (record.kind === "radioactive_export" || "capacityT" in record) return "permits";
  if ("country" in record && "kind" in record && "name" in record) return "sites";
  return undefined;
}

for (const doc of ["docs/masterdata.md", "docs/contracts.md"]) {
  describe(`the examples of ${doc}`, () => {
    const text = readFileSync(new URL(`../../${doc}`, import.meta.url), "utf8");
    const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string));
    const records = blocks.filter((b) => collectionOf(b) !== undefined);

    it("has master-data examples", () => {
      expect(records.length).toBeGreaterThan(0);
    });

    it.each(records.map((r, i) => [i, r]))(
      "example %i is accepted by the importer's schema",
      (_i, record) => {
        const collection = collectionOf(record) as string;
        const document = collection === "" ? record : { [collection]: [record] };
        const ok = validate(structuredClone(document));
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      },
    );
  });
}
