// `lodestone serve`, `lodestone token create` and `lodestone audit verify`.
import type { Command } from "commander";
import { DEFAULT_CAPTURE_LIMITS } from "../api/capture-admission.ts";
import { serve } from "../api/server.ts";
import { LodestoneError } from "../domain/errors.ts";
import { createToken } from "../services/access.ts";
import { verifyAudit } from "../store/api-store.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { dbOption } from "./options.ts";

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new LodestoneError("QUERY_PARAMETER", `--port ${value}: not a port number`);
  return port;
}

function parsePositive(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new LodestoneError("QUERY_PARAMETER", `${flag} ${value}: a whole number above 0`);
    return n;
  };
}

interface ServeFlags {
  db?: string;
  port: number;
  host: string;
  rateLimit?: number;
  maxCaptureJobs?: number;
  maxCaptureBytes?: number;
}

export function registerServeCommands(program: Command): void {
  program
    .command("serve")
    .description(
      "serve the HTTP API (EPCIS 2.0 REST binding under /epcis, OpenAPI at /openapi.json, docs at /docs)",
    )
    .addOption(dbOption())
    .option("--port <n>", "port to listen on", parsePort, 8080)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option(
      "--rate-limit <n>",
      "requests a minute per token or address (default 600)",
      parsePositive("--rate-limit"),
    )
    .option(
      "--max-capture-jobs <n>",
      `capture jobs in flight before POST /epcis/capture answers 503 with Retry-After (default ${DEFAULT_CAPTURE_LIMITS.maxJobs})`,
      parsePositive("--max-capture-jobs"),
    )
    .option(
      "--max-capture-bytes <n>",
      `bytes of documents in capture at once, likewise (default ${DEFAULT_CAPTURE_LIMITS.maxBytes}, 64 MiB)`,
      parsePositive("--max-capture-bytes"),
    )
    .action(async (options: ServeFlags) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      await migrateLedger(ledger);
      const { url } = await serve({
        ledger,
        port: options.port,
        host: options.host,
        ...(options.rateLimit ? { rateLimitPerMinute: options.rateLimit } : {}),
        captureLimits: {
          ...(options.maxCaptureJobs ? { maxJobs: options.maxCaptureJobs } : {}),
          ...(options.maxCaptureBytes ? { maxBytes: options.maxCaptureBytes } : {}),
        },
      });
      process.stdout.write(`Lodestone API at ${url} (docs at ${url}/docs)\n`);
    });

  const token = program.command("token").description("bearer tokens for the API");
  token
    .command("create")
    .description("create a token for an organisation and role; it is printed once and stored hashed")
    .addOption(dbOption())
    .requiredOption("--org <organisation>", "the organisation (PGLN URN)")
    .requiredOption("--role <role>", "operator, buyer, regulator, auditor or admin")
    .option("--label <text>", "a note to recognise the token by")
    .action(async (options: { db?: string; org: string; role: string; label?: string }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        process.stdout.write(
          `${await createToken(ledger, options.org, options.role, new Date(), options.label)}\n`,
        );
      } finally {
        await ledger.close();
      }
    });

  program
    .command("audit")
    .description("the audit log of writes and cross-party reads")
    .command("verify")
    .description("check the hash chain of the audit log; exit 1 and name the entry when it is broken")
    .addOption(dbOption())
    .action(async (options: { db?: string }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const verdict = await verifyAudit(ledger.db);
        if (verdict.ok) {
          process.stdout.write(`audit log intact: ${verdict.entries} entries\n`);
        } else {
          process.stderr.write(`lodestone: audit log broken at entry ${verdict.seq}: ${verdict.reason}\n`);
          process.exitCode = 1;
        }
      } finally {
        await ledger.close();
      }
    });
}
