// Benchmark: issuing and verifying a lot's passport, against the bare Ed25519 sign and verify of the same
// payload measured in the same run (ratios, since these machines are noisy). Targets: issue under 20 ms,
// verify under 5 ms. Run: npm run bench
import { generateKeyPairSync, randomUUID, sign, verify } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { captureDocument } from "../src/services/capture.ts";
import { issuePassport } from "../src/services/passport.ts";
import { verifyCredential } from "../src/standards/vc/verify.ts";
import { migrateLedger, openLedger } from "../src/store/db.ts";
import { LOTS, workedChainDocument } from "../test/helpers/chain.ts";

process.env.LODESTONE_KEY_SECRET ??= "benchmark";
const dir = mkdtempSync(join(tmpdir(), "lodestone-bench-"));
const ledger = openLedger(join(dir, "bench.db"));
await migrateLedger(ledger);
await captureDocument(
  ledger,
  { document: workedChainDocument(), organisation: "urn:lodestone:org:bench" },
  { now: () => new Date(), newId: randomUUID },
);

async function time(label: string, runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await work();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await work();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  process.stdout.write(`${label.padEnd(44)} ${ms.toFixed(3)} ms\n`);
  return ms;
}

const issued = await issuePassport(ledger, LOTS.magnet, "urn:epc:id:pgln:8930000.00021", new Date());
const payload = Buffer.from(JSON.stringify(issued.credential));
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const signature = sign(null, payload, privateKey);

const baseSign = await time("baseline: Ed25519 sign of the payload", 500, () =>
  sign(null, payload, privateKey),
);
const baseVerify = await time("baseline: Ed25519 verify of the payload", 500, () =>
  verify(null, payload, publicKey, signature),
);
const issue = await time("issue a passport (trace, DTE, DCC, sign, store)", 30, () =>
  issuePassport(ledger, LOTS.magnet, "urn:epc:id:pgln:8930000.00021", new Date()),
);
const check = await time("verify a passport (all checks, offline)", 300, () =>
  verifyCredential(issued.jwt, { now: new Date(), trustedDids: [issued.didDocument] }),
);

process.stdout.write(
  `\nissue  = ${(issue / baseSign).toFixed(0)} × baseline sign   (${issue.toFixed(2)} ms; target < 20 ms: ${issue < 20 ? "met" : "missed"})\n`,
);
process.stdout.write(
  `verify = ${(check / baseVerify).toFixed(0)} × baseline verify (${check.toFixed(2)} ms; target < 5 ms: ${check < 5 ? "met" : "missed"})\n`,
);
await ledger.close();
rmSync(dir, { recursive: true, force: true });
