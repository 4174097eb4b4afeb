// `lodestone hash` on the standard's own examples: where an XML and a JSON-LD example encode the same event,
// the command prints one id for both.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runLodestone } from "../helpers/cli.ts";
import { standardsPath } from "../helpers/standards.ts";

const example = (binding: "json" | "xml", name: string) => standardsPath("epcis", "examples", binding, name);
const idsOf = async (file: string) => {
  const run = await runLodestone(["hash", file]);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout.trim().split("\n");
};

describe("lodestone hash on the standard's example pairs", () => {
  const dir = mkdtempSync(join(tmpdir(), "lodestone-hash-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("Example 9.6.1 in XML and in JSON-LD: the first event has one id in both files", async () => {
    const xml = await idsOf(example("xml", "Example_9.6.1-ObjectEvent-2020_06_18a.xml"));
    const json = await idsOf(example("json", "Example_9.6.1-ObjectEvent.jsonld"));
    expect(xml).toHaveLength(2);
    expect(json).toHaveLength(2);
    expect(xml[0]).toBe(json[0]);
    // The JSON-LD variants of the example (an error declaration, SBDH headers, a comment, a query result)
    // carry the same first event.
    for (const variant of [
      "Example_9.6.1-ObjectEvent-with-error-declaration.jsonld",
      "Example_9.6.1-ObjectEvent-with-pseudo-SBDH-headers.jsonld",
      "Example_9.6.1-with-comment.jsonld",
      "EPCISQueryDocument.jsonld",
    ]) {
      expect((await idsOf(example("json", variant)))[0], variant).toBe(json[0]);
    }
  });

  // The second event's user extension is in namespace http://ns.example.com/epcis in the XML file and
  // http://ns.example.com/epcis/ in the JSON-LD file: two namespace IRIs, so two events, and Lodestone does not
  // guess that a slash is missing. Written with the JSON file's namespace, the XML gives the JSON file's ids.
  it("Example 9.6.1: the second events differ only by their extension's namespace", async () => {
    const text = readFileSync(example("xml", "Example_9.6.1-ObjectEvent-2020_06_18a.xml"), "utf8");
    expect(text).toContain('xmlns:example="http://ns.example.com/epcis"');
    const aligned = join(dir, "aligned.xml");
    writeFileSync(
      aligned,
      text.replace(
        'xmlns:example="http://ns.example.com/epcis"',
        'xmlns:example="http://ns.example.com/epcis/"',
      ),
    );
    const json = await idsOf(example("json", "Example_9.6.1-ObjectEvent.jsonld"));
    expect(await idsOf(aligned)).toEqual(json);
    expect((await idsOf(example("xml", "Example_9.6.1-ObjectEvent-2020_06_18a.xml")))[1]).not.toBe(json[1]);
  });
});
