// Test runner configuration: UTC clock, one process per file so SQLite and PostgreSQL fixtures stay isolated.
// The conformance suite reads ../shared/standards: it runs whenever that folder exists, and always under
// CI=true, where its absence fails the run.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

const standardsPresent = existsSync(resolve(import.meta.dirname, "../shared/standards"));
const runConformance = standardsPresent || process.env.CI === "true";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: runConformance ? [] : ["test/conformance/**"],
    globalSetup: ["test/helpers/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest leaves a core free by default, which on a 2-core CI machine is one file at a time; most files
    // wait on PostgreSQL, Chromium or child processes, so two at a time use the machine (CI 13 → ~9 min).
    maxWorkers: 2,
    allowOnly: false,
    env: { TZ: "UTC" },
  },
});
