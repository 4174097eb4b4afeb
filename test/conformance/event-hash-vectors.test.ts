// The CBV 2.0 event hash against the reference implementation's test vectors (shared/standards/epcis-hash).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { eventHash, preHashString } from "../../src/standards/epcis/event-hash.ts";
import { parseEpcisJson } from "../../src/standards/epcis/parse-json.ts";
import { standardsPath } from "../helpers/standards.ts";

const lines = (file: string) =>
  readFileSync(standardsPath("epcis-hash", file), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

describe.each([
  "ReferenceEventHashAlgorithm",
  "ReferenceEventHashAlgorithm2",
  "ReferenceEventHashAlgorithm3",
])("%s", (name) => {
  const parsed = parseEpcisJson(
    JSON.parse(readFileSync(standardsPath("epcis-hash", `${name}.jsonld`), "utf8")),
  );
  if (!parsed.ok) throw new Error(`${name} does not parse: ${JSON.stringify(parsed.problems)}`);
  const events = parsed.document.events;

  it("gives exactly the listed pre-hash strings", () => {
    expect(events.map(preHashString)).toEqual(lines(`${name}.prehashes`));
  });

  it("gives exactly the listed hashes", () => {
    expect(events.map(eventHash)).toEqual(lines(`${name}.hashes`));
  });
});
