// Load on loopback: the server as its own process, LODESTONE_LOAD_SECONDS (60 in `npm test`) of mixed
// capture and query traffic from autocannon: no error and no failed request, the server's memory reported at
// start and end (and bounded), latencies reported.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLodestone } from "../helpers/cli.ts";
import { CONTEXT, makeExtraction } from "../helpers/documents.ts";
import { startServerProcess, stopServerProcess } from "../helpers/server-process.ts";

const SECONDS = Number(process.env.LODESTONE_LOAD_SECONDS ?? 60);
let dir: string;
let server: ChildProcess;
let url: string;
let token: string;

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-load-"));
  const db = join(dir, "ledger.db");
  const created = await runLodestone([
    "token",
    "create",
    "--db",
    db,
    "--org",
    "urn:epc:id:pgln:8930000.00001",
    "--role",
    "operator",
  ]);
  expect(created.code, created.stderr).toBe(0);
  token = created.stdout.trim();
  // The load comes with one token: its rate limit is raised for the run.
  ({ child: server, url } = await startServerProcess(db, ["--rate-limit", "10000000"]));
}, 60_000);
afterAll(async () => {
  // The server exits before its ledger's folder goes: removing it first made its close fail, and it lingered.
  if (server) await stopServerProcess(server);
  rmSync(dir, { recursive: true, force: true });
});

describe(`${SECONDS} s of mixed load on loopback`, () => {
  it(
    "answers every request without error, with the server's memory bounded",
    async () => {
      const pid = server.pid as number;
      const rssStart = rssMiB(pid);
      let n = 0;
      const auth = { authorization: `Bearer ${token}` };
      const result = await autocannon({
        url,
        duration: SECONDS,
        connections: 8,
        requests: [
          {
            // Each capture is a new event: a fresh extraction number per request.
            method: "POST",
            path: "/epcis/events",
            headers: { ...auth, "content-type": "application/ld+json" },
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({
                "@context": CONTEXT,
                ...makeExtraction(n++, { lot: `urn:epc:class:lgtin:8930000.000011.LOAD-${n}` }),
              }),
            }),
          },
          { method: "GET", path: "/epcis/events?perPage=20", headers: auth },
          { method: "GET", path: "/summary", headers: auth },
          { method: "GET", path: "/lots?search=LOAD-1", headers: auth },
        ],
      });
      const rssEnd = rssMiB(pid);
      process.stdout.write(
        `load: ${result.requests.total} requests in ${SECONDS} s (${result.requests.average} req/s), ` +
          `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
          `server RSS ${rssStart.toFixed(0)} MiB at start, ${rssEnd.toFixed(0)} MiB at end\n`,
      );
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      expect(result.non2xx).toBe(0);
      expect(result.requests.total).toBeGreaterThan(SECONDS * 10);
      // Memory stays bounded: a leak of a few kilobytes per request would pass a gigabyte here.
      expect(rssEnd).toBeLessThan(1024);
    },
    (SECONDS + 60) * 1000,
  );
});
