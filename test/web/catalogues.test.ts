// Every message key of the dashboard exists in every catalogue (en, vi, ko), and none is unused.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const WEB = resolve(import.meta.dirname, "../../web/src");
const catalogue = (code: string) =>
  JSON.parse(readFileSync(join(WEB, "i18n", `${code}.json`), "utf8")) as Record<string, string>;
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [readFileSync(join(dir, e.name), "utf8")]
        : [],
  );

describe("message catalogues", () => {
  const en = catalogue("en");
  it.each(["vi", "ko"])("%s has exactly the keys of en, each translated", (code) => {
    const other = catalogue(code);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(other)) {
      expect(text.trim(), key).not.toBe("");
      // Placeholders survive translation.
      expect((text.match(/\{\w+\}/g) ?? []).sort(), key).toEqual((en[key]?.match(/\{\w+\}/g) ?? []).sort());
    }
  });

  it("uses every key, and every key it uses exists", () => {
    const code = sources(WEB).join("\n");
    const literal = new Set([...code.matchAll(/"([a-z]+(?:\.[A-Za-z0-9_]+)+)"/g)].map((m) => m[1]));
    // Keys reached through label(prefix, code) or a template are used when their prefix is.
    const dynamic = [
      "rule.",
      "status.",
      "severity.",
      "role.",
      "legalKind.",
      "pressRole.",
      "planner.kind.",
    ].filter((prefix) => code.includes(`label("${prefix.slice(0, -1)}"`) || code.includes(`\`${prefix}`));
    const unused = Object.keys(en).filter((k) => !literal.has(k) && !dynamic.some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
    const missing = [...code.matchAll(/\bt\("([^"]+)"/g)]
      .map((m) => m[1])
      .filter((k) => !((k as string) in en));
    expect(missing).toEqual([]);
  });
});
