#!/usr/bin/env node
// `npm start`: migrate the embedded ledger and import the bundled example documents when it is empty.
// The demo scenario, server and dashboard join this job as they land (see the issues).
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const cli = join(import.meta.dirname, "..", "bin", "lodestone.js");
const examples = join(import.meta.dirname, "..", "data", "examples");
execFileSync(process.execPath, [cli, "db", "migrate"], { stdio: "inherit" });
const files = readdirSync(examples)
  .filter((f) => f.endsWith(".jsonld"))
  .map((f) => join(examples, f));
execFileSync(process.execPath, [cli, "import", ...files], { stdio: "inherit" });
execFileSync(
  process.execPath,
  [cli, "events", "--param", "orderBy=eventTime", "--param", "eventCountLimit=1"],
  {
    stdio: "inherit",
  },
);
