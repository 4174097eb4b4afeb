// `lodestone passport issue` and `lodestone verify`: signed UNTP passports for lots, verified offline.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import type { JWK } from "jose";
import QRCode from "qrcode";
import { LodestoneError } from "../domain/errors.ts";
import { issuePassport, publicBaseUrl, verifyWithLedger } from "../services/passport.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { DidDocument } from "../standards/vc/did.ts";
import type { TrustedKey } from "../standards/vc/verify.ts";
import { migrateLedger, openLedger, resolveDbLocation } from "../store/db.ts";
import { DEFAULT_ORGANISATION, dbOption } from "./options.ts";

const collect = (value: string, previous: string[] = []) => [...previous, value];

function readJson(file: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new LodestoneError("INPUT_UNREADABLE", `${what} ${file}: ${(error as Error).message}`);
  }
}

/** A trusted key from a file: a JWK, or a verification method holding publicKeyJwk (any secret part is ignored). */
function trustedKey(file: string): TrustedKey {
  const json = readJson(file, "--key");
  if (json.publicKeyJwk) {
    return {
      ...(typeof json.id === "string" ? { id: json.id } : {}),
      ...(typeof json.controller === "string" ? { controller: json.controller } : {}),
      publicJwk: json.publicKeyJwk as JWK,
    };
  }
  if (json.kty) {
    const { d: _secret, ...publicJwk } = json as JWK & { d?: string };
    return { ...(typeof json.kid === "string" ? { id: json.kid } : {}), publicJwk };
  }
  throw new LodestoneError(
    "INPUT_UNREADABLE",
    `--key ${file}: neither a JWK nor a verification method with publicKeyJwk`,
  );
}

export function registerPassportCommands(program: Command): void {
  const passport = program.command("passport").description("UNTP digital product passports for lots");
  passport
    .command("issue")
    .description("issue a lot's UNTP 0.6.1 Digital Product Passport as a signed vc+jwt (EdDSA)")
    .addOption(dbOption())
    .option(
      "--issuer <organisation>",
      "the issuing organisation (default: $LODESTONE_ORG, else urn:lodestone:org:local)",
    )
    .option("--out <file>", "write an EnvelopedVerifiableCredential JSON here (default: print the vc+jwt)")
    .option("--did-out <file>", "write the issuer's DID document here, for offline verification")
    .argument("<lot>", "the lot's LGTIN URN or GS1 Digital Link")
    .action(async (lot: string, options: { db?: string; issuer?: string; out?: string; didOut?: string }) => {
      const ledger = openLedger(resolveDbLocation(options.db));
      try {
        await migrateLedger(ledger);
        const issued = await issuePassport(
          ledger,
          lot,
          options.issuer ?? process.env.LODESTONE_ORG ?? DEFAULT_ORGANISATION,
          new Date(),
        );
        if (options.out) {
          const envelope = {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            type: "EnvelopedVerifiableCredential",
            id: `data:application/vc+jwt,${issued.jwt}`,
          };
          writeFileSync(options.out, `${JSON.stringify(envelope, null, 2)}\n`);
        } else {
          process.stdout.write(`${issued.jwt}\n`);
        }
        if (options.didOut) writeFileSync(options.didOut, `${JSON.stringify(issued.didDocument, null, 2)}\n`);
        if (options.out) process.stdout.write(`${issued.credentialId} written to ${options.out}\n`);
      } finally {
        await ledger.close();
      }
    });

  passport
    .command("qr")
    .description("a QR code (SVG or PNG) of the lot's GS1 Digital Link on this ledger's resolver")
    .requiredOption("--out <file>", "FILE.svg or FILE.png")
    .argument("<lot>", "the lot's LGTIN URN or GS1 Digital Link")
    .action(async (lot: string, options: { out: string }) => {
      const link = canonicalIdentifier(lot);
      if (!link.startsWith("https://id.gs1.org/01/"))
        throw new LodestoneError("QUERY_PARAMETER", `${lot}: not a GS1 lot identifier`);
      const url = `${publicBaseUrl()}${link.slice("https://id.gs1.org".length)}`;
      if (options.out.endsWith(".svg"))
        writeFileSync(options.out, await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M" }));
      else if (options.out.endsWith(".png"))
        await QRCode.toFile(options.out, url, { type: "png", errorCorrectionLevel: "M", width: 512 });
      else throw new LodestoneError("QUERY_PARAMETER", `--out ${options.out}: must end in .svg or .png`);
      process.stdout.write(`${url} → ${options.out}\n`);
    });

  program
    .command("verify")
    .description(
      "verify a VC-JOSE credential offline: signature, issuer key, VC 2.0, UNTP schema, validity, status",
    )
    .option(
      "--db <location>",
      "use this ledger's issuer keys too (default: $LODESTONE_DB or ./data/lodestone.db when present)",
    )
    .option("--now <iso>", "the clock to judge validity by (default: now)")
    .option("--did <file>", "a trusted DID document (repeatable)", collect)
    .option("--key <file>", "a trusted JWK or verification method (repeatable)", collect)
    .option("--status <file>", "the issuer's status list credential (vc+jwt), to check revocation offline")
    .option("--json", 'print {"valid", "checks": [{"name", "ok", "reason"}]}')
    .argument(
      "<file>",
      "a compact vc+jwt, an EnvelopedVerifiableCredential, or JSON with verifiableCredential; - for stdin",
    )
    .action(
      async (
        file: string,
        options: { db?: string; now?: string; did?: string[]; key?: string[]; json?: boolean },
      ) => {
        const input =
          file === "-" ? readFileSync(0, "utf8") : existsSync(file) ? readFileSync(file, "utf8") : undefined;
        if (input === undefined)
          throw new LodestoneError("INPUT_UNREADABLE", `${file}: cannot read: no such file`);
        const now = options.now ? new Date(options.now) : new Date();
        if (Number.isNaN(now.getTime()))
          throw new LodestoneError("QUERY_PARAMETER", `--now ${options.now}: not a date-time`);
        const location =
          options.db ??
          process.env.LODESTONE_DB ??
          (existsSync(resolveDbLocation(undefined)) ? resolveDbLocation(undefined) : undefined);
        const ledger = location ? openLedger(location) : undefined;
        try {
          if (ledger) await migrateLedger(ledger);
          const verdict = await verifyWithLedger(ledger, input, {
            now,
            trustedDids: (options.did ?? []).map((f) => readJson(f, "--did") as unknown as DidDocument),
            trustedKeys: (options.key ?? []).map(trustedKey),
          });
          if (options.json)
            process.stdout.write(`${JSON.stringify({ valid: verdict.valid, checks: verdict.checks })}\n`);
          else {
            for (const c of verdict.checks)
              process.stdout.write(`${c.ok ? "ok  " : "FAIL"} ${c.name.padEnd(16)} ${c.reason}\n`);
            process.stdout.write(verdict.valid ? "valid\n" : "not valid\n");
          }
          if (!verdict.valid) process.exitCode = 1;
        } finally {
          await ledger?.close();
        }
      },
    );
}
