// Benchmark of the ledger on a generated chain (bench/generator.ts), each figure against a baseline measured
// in the same run: capture through the whole pipeline against a raw insert of the same event rows with the
// same driver; origin shares of magnet lots seven tiers deep (p50, p99); the downstream closure of one mine;
// full compliance evaluation, and the incremental evaluation after each of the last captures; peak RSS
// (docs in BENCHMARKS.md).
import { randomUUID } from "node:crypto";
import { captureDocument, prepareCapture } from "../src/services/capture.ts";
import { evaluateAll, evaluateAndRecord } from "../src/services/evaluate.ts";
import { importMasterData } from "../src/services/masterdata-import.ts";
import { traceLot, traceOriginShares } from "../src/services/trace.ts";
import { canonicalIdentifier } from "../src/standards/epcis/identifiers.ts";
import { migrateLedger, openLedger } from "../src/store/db.ts";
import { listFindings } from "../src/store/findings-store.ts";
import { downstreamClosure } from "../src/store/lot-store.ts";
import { generateChain } from "./generator.ts";

const SCALES: Record<string, number> = { "10k": 10_000, "100k": 100_000, "1m": 1_000_000 };
/**
 * Documents of ≤100 events captured after the full evaluation, each followed by the incremental one: half as
 * generated, half cut by sender (bySender).
 */
const HELD_BACK_DOCUMENTS = 40;
const EVALUATION_DATE = new Date("2026-01-31T00:00:00Z");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(58)} ${value}\n`);

export type BenchBackend = "sqlite" | "postgres";

/** Scale name to target event count, refusing an unknown one with the list of known ones. */
export function scaleTarget(scaleName: string): number {
  const target = SCALES[scaleName];
  if (!target) throw new Error(`--scale ${scaleName}: one of ${Object.keys(SCALES).join(", ")}`);
  return target;
}

/** Shows progress on a terminal only, so that logs and CI output stay one line per figure. */
function progress(label: string, done: number, total: number): void {
  if (process.stdout.isTTY)
    process.stdout.write(`\r  ${label} ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`);
}
function endProgress(): void {
  if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
}

/**
 * The held-back documents as their senders would send them: each site's events in documents of its own (≤100
 * events, in the order the site recorded them), sites in the order they first appear. The generator writes
 * every mine's day into one document; a capture from one party's system touches that party's sites only.
 */
function bySender(documents: Record<string, unknown>[]): Record<string, unknown>[] {
  const template = documents[0];
  if (!template) return [];
  const bySite = new Map<string, Record<string, unknown>[]>();
  for (const document of documents) {
    for (const event of (document.epcisBody as { eventList: Record<string, unknown>[] }).eventList) {
      const where = (event.bizLocation ?? event.readPoint) as { id?: string } | undefined;
      const site = where?.id ?? "";
      bySite.set(site, [...(bySite.get(site) ?? []), event]);
    }
  }
  const out: Record<string, unknown>[] = [];
  for (const events of bySite.values())
    for (let i = 0; i < events.length; i += 100)
      out.push({ ...template, epcisBody: { eventList: events.slice(i, i + 100) } });
  return out;
}

/**
 * The ledger benchmarks on one backend. `location(name)` gives a fresh, empty database for each name (a file
 * on SQLite, a database on PostgreSQL).
 */
export async function benchLedger(
  scaleName: string,
  backend: BenchBackend,
  location: (name: string) => Promise<string>,
): Promise<void> {
  const target = scaleTarget(scaleName);
  const generated = generateChain(target);
  process.stdout.write(
    `\n== ledger on ${backend === "sqlite" ? "SQLite" : "PostgreSQL"}, about ${target.toLocaleString("en-US")} events (${generated.mines} mines, ${generated.months} months; documents of ≤100 events) ==\n`,
  );
  let rawRate: number;
  {
    // Baseline: the same event rows inserted raw, one transaction per document, same driver and schema.
    // Documents are generated and prepared outside the timed part.
    const raw = openLedger(await location("raw"));
    await migrateLedger(raw);
    let rawNs = 0n;
    let rawEvents = 0;
    let i = 0;
    for (const document of generated.documents()) {
      const p = prepareCapture(document);
      if ("problems" in p) throw new Error(`generated document refused: ${JSON.stringify(p.problems[0])}`);
      const records = p.records;
      const start = process.hrtime.bigint();
      await raw.writeTransaction(async (trx) => {
        await trx
          .insertInto("capture_documents")
          .values({
            capture_id: `bench-${i}`,
            organisation: "urn:bench",
            source_name: null,
            document_id: null,
            document_kind: "EPCISDocument",
            creation_date: null,
            record_time: "2026-01-31T00:00:00.000Z",
            event_count: records.length,
            captured_count: records.length,
            duplicate_count: 0,
          })
          .execute();
        await trx
          .insertInto("events")
          .values(
            records.map((r) => ({
              event_hash: r.eventHash,
              sender_event_id: null,
              event_type: r.event.kind,
              event_time_utc: r.eventTimeUtc,
              record_time: "2026-01-31T00:00:00.000Z",
              action: r.action ?? null,
              biz_step: r.bizStep ?? null,
              disposition: r.disposition ?? null,
              read_point: r.readPoint ?? null,
              biz_location: r.bizLocation ?? null,
              transformation_id: null,
              capturing_organisation: "urn:bench",
              capture_id: `bench-${i}`,
              body: JSON.stringify(r.event),
            })),
          )
          .execute();
      });
      rawNs += process.hrtime.bigint() - start;
      rawEvents += records.length;
      i++;
      if (i % 50 === 0) progress("raw insert", rawEvents, target);
    }
    endProgress();
    await raw.close();
    rawRate = (rawEvents / Number(rawNs)) * 1e9;
  }

  const ledger = openLedger(await location("ledger"));
  await migrateLedger(ledger);
  await importMasterData(ledger, generated.masterData, new Date("2026-01-31T00:00:00Z"));
  let captureNs = 0n;
  let captured = 0;
  let documents = 0;
  // The last documents are held back: captured after the full evaluation, each followed by the incremental
  // evaluation of what it touched, which is what every capture into a ledger this size costs.
  const heldBack: Record<string, unknown>[] = [];
  const incrementalP50: number[] = [];
  for (const next of generated.documents()) {
    heldBack.push(next);
    if (heldBack.length <= HELD_BACK_DOCUMENTS) continue;
    const document = heldBack.shift() as Record<string, unknown>;
    const start = process.hrtime.bigint();
    const report = await captureDocument(
      ledger,
      { document, organisation: "urn:bench" },
      { now: () => new Date(), newId: randomUUID },
    );
    captureNs += process.hrtime.bigint() - start;
    if (report.rejected.length > 0)
      throw new Error(`document ${documents} refused: ${JSON.stringify(report.rejected[0])}`);
    captured += report.captured;
    documents++;
    if (documents % 50 === 0) progress("capturing", captured, target);
  }
  endProgress();
  const captureMs = Number(captureNs) / 1e6;
  const captureRate = (captured / captureMs) * 1000;
  line(`events captured (${documents.toLocaleString("en-US")} documents)`, captured.toLocaleString("en-US"));
  line("raw insert of the event rows (baseline)", `${rawRate.toFixed(0)} events/s`);
  line("capture: validate, hash, store, index, project the lot graph", `${captureRate.toFixed(0)} events/s`);
  line(
    `  capture / raw insert (target ≥ ${backend === "sqlite" ? "0.5" : "0.4"})`,
    `${(captureRate / rawRate).toFixed(3)}`,
  );

  // Incremental evaluation: the findings recorded in full once, then each held-back document captured and
  // followed by the evaluation of what it touched, as the capture route and lodestone import do. The full
  // evaluation below is of the whole ledger, held-back documents included, and must agree with the store.
  // The older half of the held-back documents is captured as generated (≤100 events from many mines' day: a
  // regulator's or an aggregator's feed), the newer half as each sender would send it (a site's events).
  await evaluateAndRecord(ledger, EVALUATION_DATE);
  const whole = heldBack.slice(0, HELD_BACK_DOCUMENTS / 2);
  const senders = bySender(heldBack.slice(HELD_BACK_DOCUMENTS / 2));
  for (const [label, held] of [
    ["as generated", whole],
    ["by sender", senders],
  ] as const) {
    const incremental: number[] = [];
    let heldEvents = 0;
    for (const document of held) {
      const report = await captureDocument(
        ledger,
        { document, organisation: "urn:bench" },
        { now: () => EVALUATION_DATE, newId: randomUUID },
      );
      if (report.rejected.length > 0)
        throw new Error(`held-back document refused: ${JSON.stringify(report.rejected[0])}`);
      heldEvents += report.captured;
      const s = process.hrtime.bigint();
      await evaluateAndRecord(ledger, EVALUATION_DATE, report.touched ? { scope: report.touched } : {});
      incremental.push(ms(s));
    }
    incremental.sort((a, b) => a - b);
    const events = Math.round(heldEvents / Math.max(1, incremental.length));
    line(
      `evaluation after one capture of ~${events} events (${label}): p50 / p99 (target < 50 ms)`,
      `${percentile(incremental, 0.5).toFixed(1)} ms / ${percentile(incremental, 0.99).toFixed(1)} ms`,
    );
    incrementalP50.push(percentile(incremental, 0.5));
  }
  // Origin shares of magnet lots, seven tiers below the mines: what GET /lots/{id}/origin, contracts and risk
  // read; and the full trace (nodes with masses, edges, shares) of the same lots.
  const magnets = generated.magnetLots.map(canonicalIdentifier);
  const times: number[] = [];
  const traceTimes: number[] = [];
  for (let i = 0; i < Math.max(200, magnets.length); i++) {
    const lot = magnets[i % magnets.length] as string;
    let s = process.hrtime.bigint();
    const shares = await traceOriginShares(ledger, lot, ["Nd"]);
    times.push(ms(s));
    if (i === 0 && (shares.Nd ?? []).length !== 4) {
      throw new Error(`a magnet lot should trace to its group's 4 mines, got ${(shares.Nd ?? []).length}`);
    }
    s = process.hrtime.bigint();
    await traceLot(ledger, lot, { elements: ["Nd"] });
    traceTimes.push(ms(s));
  }
  times.sort((a, b) => a - b);
  traceTimes.sort((a, b) => a - b);
  // Baseline: one indexed point read of a lot row, the floor of any trace.
  const pointTimes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = process.hrtime.bigint();
    await ledger.db
      .selectFrom("lots")
      .selectAll()
      .where("lot_id", "=", magnets[i % magnets.length] as string)
      .executeTakeFirst();
    pointTimes.push(ms(s));
  }
  pointTimes.sort((a, b) => a - b);
  line("point read of one lot row (baseline) p50", `${percentile(pointTimes, 0.5).toFixed(3)} ms`);
  line("origin shares of a magnet lot, 7 tiers: p50", `${percentile(times, 0.5).toFixed(2)} ms`);
  line(
    "origin shares of a magnet lot, 7 tiers: p99 (target < 10 ms)",
    `${percentile(times, 0.99).toFixed(2)} ms`,
  );
  line("  p50 / point read", `${(percentile(times, 0.5) / percentile(pointTimes, 0.5)).toFixed(0)}`);
  line(
    "full trace of the same lots (nodes, masses, edges): p50 / p99",
    `${percentile(traceTimes, 0.5).toFixed(2)} ms / ${percentile(traceTimes, 0.99).toFixed(2)} ms`,
  );

  let start = process.hrtime.bigint();
  const closure = await downstreamClosure(ledger.db, generated.firstMineLots.map(canonicalIdentifier));
  const closureMs = ms(start);
  line(
    `downstream closure of one mine (${closure.size} lots) (target < 100 ms)`,
    `${closureMs.toFixed(1)} ms`,
  );

  start = process.hrtime.bigint();
  const findings = await evaluateAll(ledger, { asOf: EVALUATION_DATE.toISOString().slice(0, 10) });
  const evaluationMs = ms(start);
  const byCode = new Map<string, number>();
  for (const f of findings) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  line("full evaluation (target < 10 s)", `${(evaluationMs / 1000).toFixed(2)} s`);
  line("  findings by rule", [...byCode.entries()].map(([c, n]) => `${c} ${n}`).join(", ") || "none");
  line("  evaluation / capture of the same events", `${(evaluationMs / captureMs).toFixed(3)}`);
  line(
    "  evaluation after one capture (p50, as generated / by sender) / full evaluation",
    incrementalP50.map((p) => (p / evaluationMs).toFixed(4)).join(" / "),
  );

  const recorded = (await listFindings(ledger.db, { statuses: ["open"] })).map((f) => f.id).sort();
  const full = (await evaluateAll(ledger, { asOf: EVALUATION_DATE.toISOString().slice(0, 10) }))
    .map((f) => f.id)
    .sort();
  line(
    "  open findings after the held-back captures = full evaluation",
    recorded.join() === full.join() ? `yes (${full.length})` : `NO: ${recorded.length} vs ${full.length}`,
  );
  line("peak RSS (target < 1 GiB)", `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  await ledger.close();
}
