// npm run bench [-- --scale 10k|100k|1m] [--backend sqlite|postgres|both] [--large-events N]: the ledger benchmarks at a scale on
// each backend, HTTP capture against in-process capture, one large document streamed through lodestone import,
// then the passport and planner benchmarks.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { type PostgresCluster, startPostgresCluster } from "../test/helpers/postgres-cluster.ts";
import { benchHttp } from "./http.ts";
import { benchLargeDocument } from "./large-document.ts";
import { type BenchBackend, benchLedger, scaleTarget } from "./ledger.ts";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "10k" },
    backend: { type: "string", default: "both" },
    // Events of the one large document imported streamed (200,000 ≈ 110 MiB); the test suite's smoke run
    // imports fewer, still above the streamed size.
    "large-events": { type: "string", default: "200000" },
  },
});
const scale = values.scale ?? "10k";
const largeEvents = Number(values["large-events"]);
if (!Number.isInteger(largeEvents) || largeEvents < 1) {
  throw new Error(`--large-events ${values["large-events"]}: a whole number of events, e.g. 200000`);
}
const target = scaleTarget(scale);
const backendOption = values.backend ?? "both";
if (!["sqlite", "postgres", "both"].includes(backendOption)) {
  throw new Error(`--backend ${backendOption}: one of sqlite, postgres, both`);
}
const backends: BenchBackend[] =
  backendOption === "both" ? ["sqlite", "postgres"] : [backendOption as BenchBackend];

const dir = mkdtempSync(join(tmpdir(), "lodestone-bench-"));
let cluster: PostgresCluster | undefined;
try {
  for (const backend of backends) {
    if (backend === "sqlite") {
      await benchLedger(scale, backend, async (name) => join(dir, `${name}.db`));
      continue;
    }
    // A throwaway PostgreSQL 15 cluster, as the tests use (fsync off: the same for the baseline and capture).
    cluster = await startPostgresCluster();
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    const base = cluster.url;
    await benchLedger(scale, backend, async (name) => {
      await admin.query(`create database bench_${name}`);
      return base.replace(/\/postgres$/, `/bench_${name}`);
    });
    await admin.end();
  }
  // HTTP against in-process on a ledger of about 5,000 events (50 documents) at every scale: each capture is
  // evaluated, and the evaluation's cost grows with the ledger, so a larger ledger measures evaluation, not HTTP.
  await benchHttp(Math.min(target, 5_000), dir);
  await benchLargeDocument(dir, largeEvents);
} finally {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write("\n== passports ==\n");
await import("./passports.ts");
process.stdout.write("\n== planner ==\n");
await import("./planner.ts");
