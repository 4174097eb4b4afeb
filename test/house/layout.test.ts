// The house rules of src/ that a reader relies on: every module opens with what it is for, and none grows past
// 400 lines unless its opening comment says why it must be one piece. (Import circles are Biome's lint.)
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = new URL("../../src/", import.meta.url).pathname;
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({
  path: path.slice(SRC.length),
  // Lines as wc -l counts them: the newline that ends the file opens no line.
  lines: readFileSync(path, "utf8").replace(/\n$/, "").split("\n"),
}));

/** The comment lines a module opens with. */
const openingComment = (lines: string[]) => {
  const end = lines.findIndex((line) => !line.startsWith("//"));
  return lines.slice(0, end === -1 ? lines.length : end).join("\n");
};

describe("the layout of src/", () => {
  it("has modules to check", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("opens every module with a comment on what it is for", () => {
    const without = files.filter((f) => openingComment(f.lines).length === 0).map((f) => f.path);
    expect(without).toEqual([]);
  });

  it(`keeps every module within ${MAX_LINES} lines, or says in its opening comment why it is one piece`, () => {
    const long = files
      .filter((f) => f.lines.length > MAX_LINES && !/one piece/i.test(openingComment(f.lines)))
      .map((f) => `${f.path}: ${f.lines.length} lines`);
    expect(long).toEqual([]);
  });
});
