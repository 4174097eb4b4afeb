// Writes docs/openapi.json from the code; a test fails when the committed file drifts from it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/api/app.ts";
import { migrateLedger, openLedger } from "../src/store/db.ts";

const dir = mkdtempSync(join(tmpdir(), "lodestone-openapi-"));
const ledger = openLedger(join(dir, "l.db"));
await migrateLedger(ledger);
const app = await buildApp({ ledger });
await app.ready();
writeFileSync(
  new URL("../docs/openapi.json", import.meta.url),
  `${JSON.stringify(app.swagger(), null, 2)}\n`,
);
await app.close();
await ledger.close();
rmSync(dir, { recursive: true, force: true });
