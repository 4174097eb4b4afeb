// npm run bench [-- --scale 10k|100k|1m]: the ledger benchmarks at a scale, then the passport and planner
// benchmarks.
import { parseArgs } from "node:util";
import { benchLedger } from "./ledger.ts";

const { values } = parseArgs({ options: { scale: { type: "string", default: "10k" } } });
await benchLedger(values.scale ?? "10k");
process.stdout.write("\n== passports ==\n");
await import("./passports.ts");
process.stdout.write("\n== planner ==\n");
await import("./planner.ts");
