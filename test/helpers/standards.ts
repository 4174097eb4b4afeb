// Where the official artefacts live (../shared/standards beside the project); read by path, never copied.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const STANDARDS_DIR = resolve(import.meta.dirname, "../../../shared/standards");

export function standardsPath(...parts: string[]): string {
  if (!existsSync(STANDARDS_DIR)) {
    throw new Error(
      `the conformance suite needs the official artefacts at ${STANDARDS_DIR}, and they are missing`,
    );
  }
  return join(STANDARDS_DIR, ...parts);
}

export function readStandardJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(standardsPath(...parts), "utf8"));
}

export function epcisJsonExamples(): { name: string; document: unknown }[] {
  const dir = standardsPath("epcis", "examples", "json");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonld") || f.endsWith(".json"))
    .sort()
    .map((name) => ({ name, document: JSON.parse(readFileSync(join(dir, name), "utf8")) }));
}
