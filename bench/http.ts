// HTTP capture on loopback against in-process capture: the same documents of 100 events captured by the same
// service (all or nothing, then the compliance evaluation), once called directly from this process and once
// through POST /epcis/capture of a server in its own process, with autocannon as the client.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import autocannon from "autocannon";
import { createToken } from "../src/services/access.ts";
import { captureAndEvaluate } from "../src/services/capture-request.ts";
import { importMasterData } from "../src/services/masterdata-import.ts";
import { migrateLedger, openLedger } from "../src/store/db.ts";
import { startServerProcess, stopServerProcess } from "../test/helpers/server-process.ts";
import { generateChain } from "./generator.ts";

const CONNECTIONS = 4;
const ORGANISATION = "urn:epc:id:pgln:9500001.00001";
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(58)} ${value}\n`);

/** Captures `documents` on a fresh SQLite ledger in `dir`, in-process and over HTTP; prints both and the ratio. */
export async function benchHttp(targetEvents: number, dir: string): Promise<void> {
  const generated = generateChain(targetEvents, 7);
  const bodies = [...generated.documents()].map((d) => JSON.stringify(d));
  const events = bodies.reduce(
    (n, b) => n + (JSON.parse(b) as { epcisBody: { eventList: unknown[] } }).epcisBody.eventList.length,
    0,
  );
  process.stdout.write(
    `\n== HTTP capture on loopback, ${events.toLocaleString("en-US")} events in ${bodies.length} documents, ${CONNECTIONS} at a time ==\n`,
  );
  const prepare = async (name: string) => {
    const location = join(dir, `${name}.db`);
    const ledger = openLedger(location);
    await migrateLedger(ledger);
    await importMasterData(ledger, generated.masterData, new Date("2026-01-31T00:00:00Z"));
    return { location, ledger };
  };

  // Baseline: the service the capture route calls, from CONNECTIONS concurrent callers in this process.
  const inProcess = await prepare("in-process");
  let next = 0;
  let capturedInProcess = 0;
  let start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < bodies.length) {
        const document = JSON.parse(bodies[next++] as string) as unknown;
        const { report, errors } = await captureAndEvaluate(
          inProcess.ledger,
          { document, organisation: ORGANISATION, sourceName: "bench", behaviour: "rollback" },
          { now: () => new Date(), newId: randomUUID },
        );
        if (errors.length > 0) throw new Error(`in-process capture refused: ${JSON.stringify(errors[0])}`);
        capturedInProcess += report.captured;
      }
    }),
  );
  const inProcessRate = capturedInProcess / (Number(process.hrtime.bigint() - start) / 1e9);
  await inProcess.ledger.close();

  const overHttp = await prepare("http");
  const token = await createToken(overHttp.ledger, ORGANISATION, "operator", new Date(), "bench");
  await overHttp.ledger.close();
  const { child, url } = await startServerProcess(overHttp.location, ["--rate-limit", "10000000"]);
  try {
    const auth = { authorization: `Bearer ${token}` };
    const jobs: string[] = [];
    let sent = 0;
    start = process.hrtime.bigint();
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      amount: bodies.length,
      requests: [
        {
          method: "POST",
          path: "/epcis/capture",
          headers: { ...auth, "content-type": "application/ld+json" },
          setupRequest: (request) => ({ ...request, body: bodies[sent++ % bodies.length] as string }),
          onResponse: (status, _body, _context, headers) => {
            const location = (headers as Record<string, string> | undefined)?.location;
            if (status === 202 && location) jobs.push(location);
          },
        },
      ],
    });
    if (result.non2xx > 0 || result.errors > 0 || jobs.length !== bodies.length) {
      throw new Error(
        `HTTP capture: ${result.non2xx} answers not 2xx, ${result.errors} errors, ${jobs.length} of ${bodies.length} jobs accepted`,
      );
    }
    // A capture job is done when its events are stored and evaluated: wait for the last of them.
    let capturedOverHttp = 0;
    for (const job of jobs) {
      for (;;) {
        const answer = await fetch(`${url}${job}`, { headers: auth });
        const view = (await answer.json()) as { running: boolean; success: boolean; captured?: number };
        if (!view.running) {
          if (!view.success) throw new Error(`HTTP capture job ${job} failed: ${JSON.stringify(view)}`);
          capturedOverHttp += view.captured ?? 0;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const httpRate = capturedOverHttp / (Number(process.hrtime.bigint() - start) / 1e9);
    line("in-process capture and evaluation (baseline)", `${inProcessRate.toFixed(0)} events/s`);
    line("POST /epcis/capture over loopback, to the last job done", `${httpRate.toFixed(0)} events/s`);
    line("  HTTP / in-process (target ≥ 0.6)", (httpRate / inProcessRate).toFixed(3));
    line("  request latency p50 / p99 (202 Accepted)", `${result.latency.p50} ms / ${result.latency.p99} ms`);
  } finally {
    await stopServerProcess(child);
  }
}
