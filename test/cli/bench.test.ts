// The benchmark code runs at 10k events in CI as a smoke test: it completes and prints every figure. No
// threshold is asserted here: speed targets live in the benchmark's own output and BENCHMARKS.md.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

describe("npm run bench at 10k events", () => {
  it("runs the generator, every ledger benchmark on both backends, HTTP capture, a large streamed import, the passport and the planner benchmark", () => {
    const run = spawnSync(
      process.execPath,
      [
        resolve(ROOT, "node_modules/tsx/dist/cli.mjs"),
        "bench/run.ts",
        "--scale",
        "10k",
        "--large-events",
        "32000",
      ],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, LODESTONE_KEY_SECRET: "bench smoke" },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    for (const figure of [
      "== ledger on SQLite",
      "== ledger on PostgreSQL",
      "raw insert of the event rows (baseline)",
      "capture / raw insert",
      "origin shares of a magnet lot, 7 tiers: p99",
      "downstream closure of one mine",
      "full evaluation",
      "findings by rule",
      "(as generated): p50 / p99",
      "(by sender): p50 / p99",
      "open findings after the held-back captures = full evaluation",
      "peak RSS",
      "in-process capture and evaluation (baseline)",
      "POST /epcis/capture over loopback",
      "HTTP / in-process",
      "peak RSS, importing the large document",
      "issue a passport",
      "verify a passport",
      "plan 50 mines, 20 plants, 10 years",
    ]) {
      expect(run.stdout).toContain(figure);
    }
    // The incremental evaluation keeps the findings a full evaluation gives.
    expect(run.stdout).not.toMatch(/= full evaluation +NO/);
    // The injected violation is found on both backends: one mine in twenty extracts beyond its licence.
    expect(run.stdout.match(/findings by rule +LICENCE_CAPACITY 1\n/g)).toHaveLength(2);
  }, 180_000);
});
