// Writes the demo data set to data/demo/ (deterministic; checked in). Run: npm run demo:build
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { demoFiles } from "./demo/scenario.ts";

const dir = join(import.meta.dirname, "..", "data", "demo");
mkdirSync(dir, { recursive: true });
let events = 0;
for (const [name, content] of Object.entries(demoFiles())) {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(
    join(dir, name),
    typeof content === "string" ? content : `${JSON.stringify(content, null, 1)}\n`,
  );
  events += ((content as { epcisBody?: { eventList?: unknown[] } }).epcisBody?.eventList ?? []).length;
}
process.stdout.write(`demo data written to ${dir}: ${events} events\n`);
