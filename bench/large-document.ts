// One large document through `lodestone import` (the real executable, in its own process): 200,000 events in
// about 100 MB of JSON-LD, generated into a temp file and read streamed; its peak RSS against the same command
// importing a one-event document (the baseline: the process itself), and the events/s it reaches.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const BIN = join(import.meta.dirname, "..", "bin", "lodestone.js");
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(58)} ${value}\n`);

/** An extraction event with an assay, as a mine's system sends one (about 500 bytes of JSON). */
function event(i: number): Record<string, unknown> {
  const day = String(1 + (i % 28)).padStart(2, "0");
  const hour = String(Math.floor(i / 28) % 24).padStart(2, "0");
  const minute = String(Math.floor(i / 672) % 60).padStart(2, "0");
  return {
    type: "ObjectEvent",
    eventTime: `2026-03-${day}T${hour}:${minute}:00.000+07:00`,
    eventTimeZoneOffset: "+07:00",
    epcList: [],
    quantityList: [
      {
        epcClass: `urn:epc:class:lgtin:8930000.000011.ORE-L-${String(i).padStart(6, "0")}`,
        quantity: 31.5,
        uom: "TNE",
      },
    ],
    action: "ADD",
    bizStep: "commissioning",
    disposition: "active",
    readPoint: { id: `urn:epc:id:sgln:8930000.00001.${i % 40}` },
    bizLocation: { id: `urn:epc:id:sgln:8930000.00001.${i % 40}` },
    ilmd: {
      "lode:materialClass": "ore",
      "lode:licence": "BENCH-LARGE-001",
      "lode:assay": {
        "lode:basis": "oxide",
        "lode:massFractions": { "lode:TREO": 0.0312, "lode:Nd2O3": 0.0041, "lode:Pr6O11": 0.0012 },
      },
    },
  };
}

const HEADER = {
  "@context": [
    "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
    { lode: "https://lodestone.dev/ns/" },
  ],
  type: "EPCISDocument",
  schemaVersion: "2.0",
  creationDate: "2026-04-01T00:00:00Z",
};

/** Writes the document event by event, so that the generator holds none of it either. */
async function writeDocument(file: string, events: number): Promise<void> {
  const out = createWriteStream(file);
  const head = JSON.stringify({ ...HEADER, epcisBody: { eventList: [] } });
  out.write(`${head.slice(0, -3)}`); // up to and including "eventList":[
  for (let i = 0; i < events; i++) {
    if (!out.write(`${i === 0 ? "" : ","}${JSON.stringify(event(i))}`)) await once(out, "drain");
  }
  out.end("]}}");
  await once(out, "finish");
}

/** Runs `lodestone import` and samples its peak RSS (VmHWM) until it exits. */
async function importMeasured(
  file: string,
  db: string,
): Promise<{ ms: number; peakMiB: number; stdout: string }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [BIN, "import", "--db", db, "--json", file], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  let peakKiB = 0;
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
    } catch {
      // the process has exited
    }
  };
  const timer = setInterval(sample, 50);
  const [code] = (await once(child, "exit")) as [number];
  clearInterval(timer);
  if (code !== 0) throw new Error(`lodestone import exited ${code}: ${stderr}`);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, peakMiB: peakKiB / 1024, stdout };
}

/** Imports `events` events (200,000 make about 110 MiB) streamed; prints the peak RSS against one event's. */
export async function benchLargeDocument(dir: string, events = 200_000): Promise<void> {
  const EVENTS = events;
  process.stdout.write(
    `\n== one large document through lodestone import (${EVENTS.toLocaleString("en-US")} events) ==\n`,
  );
  const small = join(dir, "one-event.jsonld");
  writeFileSync(small, JSON.stringify({ ...HEADER, epcisBody: { eventList: [event(0)] } }));
  const baseline = await importMeasured(small, join(dir, "baseline.db"));
  const large = join(dir, "large.jsonld");
  await writeDocument(large, EVENTS);
  const size = statSync(large).size;
  const run = await importMeasured(large, join(dir, "large.db"));
  const report = JSON.parse(run.stdout) as { files: { captured: number; rejected: unknown[] }[] };
  const captured = report.files[0]?.captured ?? 0;
  if (captured !== EVENTS)
    throw new Error(`the large document was not captured whole: ${run.stdout.slice(0, 400)}`);
  line("document size", `${(size / 1024 / 1024).toFixed(1)} MiB`);
  line("peak RSS, importing one event (baseline)", `${baseline.peakMiB.toFixed(0)} MiB`);
  line("peak RSS, importing the large document (target < 400 MiB)", `${run.peakMiB.toFixed(0)} MiB`);
  line("  large / baseline", `${(run.peakMiB / baseline.peakMiB).toFixed(2)}`);
  line(
    "import of the large document, with its evaluation",
    `${(run.ms / 1000).toFixed(1)} s, ${Math.round((EVENTS / run.ms) * 1000)} events/s`,
  );
}
