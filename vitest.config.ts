// Test runner configuration: UTC clock, one fork per file so SQLite and PostgreSQL fixtures stay isolated.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    allowOnly: false,
    env: { TZ: "UTC" },
  },
});
