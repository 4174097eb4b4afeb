// Loads the demo data set (data/demo) into an empty ledger and makes one sign-in token per demo role.
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LodestoneError } from "../domain/errors.ts";
import { createToken } from "../services/access.ts";
import { captureDocument } from "../services/capture.ts";
import { evaluateAndRecord } from "../services/evaluate.ts";
import { importMasterData } from "../services/masterdata-import.ts";
import { ingestArticle, parseArticle } from "../services/news.ts";
import type { Ledger } from "../store/db.ts";
import { readJsonFile } from "./read-document.ts";

export const DEMO_DIR = join(import.meta.dirname, "..", "..", "data", "demo");

export async function loadDemo(
  ledger: Ledger,
  log: (line: string) => void = () => {},
): Promise<{ events: number }> {
  const files = readdirSync(DEMO_DIR).sort();
  await importMasterData(ledger, readJsonFile(join(DEMO_DIR, "masterdata.json")), new Date());
  let events = 0;
  for (const file of files.filter((f) => f.endsWith(".jsonld"))) {
    const report = await captureDocument(
      ledger,
      {
        document: readJsonFile(join(DEMO_DIR, file)),
        organisation: "urn:lodestone:org:demo-loader",
        sourceName: file,
      },
      { now: () => new Date(), newId: randomUUID },
    );
    if (report.rejected.length > 0)
      throw new LodestoneError("CAPTURE_REJECTED", `demo file ${file} was refused`, report.rejected);
    events += report.captured;
    log(`  ${file}: ${report.captured} events`);
  }
  await evaluateAndRecord(ledger, new Date());
  // The demo's press: read through the news pipeline like any article, so what it reports lights up.
  const newsDir = join(DEMO_DIR, "news");
  for (const file of existsSync(newsDir) ? readdirSync(newsDir).sort() : []) {
    const report = await ingestArticle(
      ledger,
      parseArticle(readFileSync(join(newsDir, file)), file),
      new Date(),
    );
    log(`  news/${file}: ${report.legalEvents.length} legal event(s)`);
  }
  return { events };
}

/** The demo's parties, one per role the dashboard offers. */
export const DEMO_ROLES = [
  {
    key: "buyer",
    role: "buyer",
    organisation: "urn:epc:id:pgln:8800000.00001",
    name: "Demo Korean Offtaker Co.",
  },
  {
    key: "regulator",
    role: "regulator",
    organisation: "urn:epc:id:pgln:8930000.00999",
    name: "Demo Ministry of Agriculture and Environment",
  },
  {
    key: "magnet",
    role: "buyer",
    organisation: "urn:epc:id:pgln:8930000.00021",
    name: "Demo Magnet Maker Vina",
  },
  {
    key: "operator",
    role: "operator",
    organisation: "urn:lodestone:org:demo-loader",
    name: "Demo data loader (captured the demo events)",
  },
  {
    key: "auditor",
    role: "auditor",
    organisation: "urn:epc:id:pgln:9000000.00001",
    name: "Demo Assurance Pte Ltd",
  },
  { key: "admin", role: "admin", organisation: "urn:lodestone:org:admin", name: "Administrator" },
] as const;

export async function demoTokens(
  ledger: Ledger,
): Promise<{ key: string; role: string; organisation: string; name: string; token: string }[]> {
  const out = [];
  for (const r of DEMO_ROLES)
    out.push({ ...r, token: await createToken(ledger, r.organisation, r.role, new Date(), `demo ${r.key}`) });
  return out;
}
