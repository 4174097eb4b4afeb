// `npm start`: migrate the embedded SQLite ledger, load the demo scenario when it is empty, build the dashboard
// when needed, serve API and dashboard at http://localhost:8080, and print one sign-in token per demo role.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { serve } from "../src/api/server.ts";
import { demoTokens, loadDemo } from "../src/cli/demo.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../src/store/db.ts";
import { countEvents } from "../src/store/event-store.ts";

const root = join(import.meta.dirname, "..");
const web = join(root, "web");
const port = Number(process.env.PORT ?? 8080);
const started = Date.now();
const say = (line: string) => process.stdout.write(`${line}\n`);

function buildDashboard(): Promise<void> {
  say("Building the dashboard ...");
  const vite = join(root, "node_modules", "vite", "bin", "vite.js");
  const child = spawn(
    process.execPath,
    [vite, "build", "--config", join(web, "vite.config.ts"), "--logLevel", "warn"],
    { stdio: "inherit" },
  );
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`the dashboard build failed (exit code ${code})`)),
    );
  });
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// The dashboard builds in its own process while this one loads the demo: the two take about the same time,
// and this machine has a core for each.
const built = join(web, "dist", "index.html");
const building =
  !existsSync(built) || statSync(built).mtimeMs < newest(join(web, "src"))
    ? buildDashboard()
    : Promise.resolve();
building.catch(() => {}); // reported where it is awaited, after the demo has loaded

const location = resolveDbLocation(undefined);
const ledger = openLedger(location);
await migrateLedger(ledger);
if ((await countEvents(ledger.db)) === 0) {
  say(`Loading the demo scenario into ${location} ...`);
  const { events } = await loadDemo(ledger, say);
  say(`  ${events} events captured and evaluated`);
}
await building;
const roles = await demoTokens(ledger);
const { url } = await serve({
  ledger,
  port,
  host: "127.0.0.1",
  logger: false,
  webRoot: join(web, "dist"),
  demoRoles: roles,
});
const shown = url.replace("127.0.0.1", "localhost");
say("");
say(
  `Lodestone is ready at ${shown} (API docs at ${shown}/docs), in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
say("Sign in on the page, or call the API with one of these tokens (valid until the ledger is reset):");
for (const r of roles) say(`  ${r.key.padEnd(10)} ${r.token}  ${r.name}`);
say("Stop with Ctrl+C.");
