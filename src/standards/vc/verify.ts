// Verifies a VC-JOSE-COSE credential offline and says why at each step: the JWS, its typ, the issuer's key
// (from trusted DID documents or keys, did:key, or the ledger), the signature, the VC 2.0 data model, the UNTP
// schema of its version, the validity window against a clock passed in, and its status.

import { createHash } from "node:crypto";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import type { JWK } from "jose";
import { UNTP_VERSION_PATTERN, untpDppSchema } from "../untp/dpp-schema.ts";
import { dataModelProblems, issuerId } from "./data-model.ts";
import { type DidDocument, jwkFromDidKey } from "./did.ts";
import { readJws, verifySignature } from "./jose.ts";

export interface Check {
  name: string;
  ok: boolean;
  reason: string;
}

export interface Verdict {
  valid: boolean;
  checks: Check[];
  credential?: Record<string, unknown>;
}

export interface TrustedKey {
  /** A verification method id (did:...#key or URL#key), or a JWK kid. */
  id?: string;
  controller?: string;
  publicJwk: JWK;
}

export interface VerifyOptions {
  now: Date;
  trustedDids?: DidDocument[];
  trustedKeys?: TrustedKey[];
  /** Keys the ledger itself holds for its issuers, by kid. */
  ledgerKey?: (kid: string) => Promise<JWK | undefined>;
  /** Linked credentials the verifier was given (URL → vc+jwt), to check the passport's digests of them. */
  linked?: Record<string, string>;
  /** Whether the credential's status entry says revoked, when the ledger can tell. */
  status?: (
    credential: Record<string, unknown>,
  ) => Promise<{ revoked: boolean; reason?: string } | undefined>;
}

const ALGORITHMS = ["EdDSA", "ES256", "ES384", "ES512"];
const TYPES = ["vc+jwt", "vc+ld+json+jwt"];

const addFormats = addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv };
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const UNTP_SCHEMAS: Record<string, ReturnType<typeof ajv.compile>> = { "0.6.1": ajv.compile(untpDppSchema) };

/** A compact JWS from: itself, a data: URL, an EnvelopedVerifiableCredential, or JSON holding one under verifiableCredential. */
export function extractJws(input: string): string | undefined {
  const text = input.trim();
  const fromDataUrl = (value: string) =>
    value.startsWith("data:application/vc+jwt,") ? value.slice("data:application/vc+jwt,".length) : value;
  if (!text.startsWith("{")) return fromDataUrl(text);
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const held = (json.verifiableCredential ?? json) as unknown;
    if (typeof held === "string") return fromDataUrl(held);
    const id = (held as { id?: unknown }).id;
    if (typeof id === "string") return fromDataUrl(id);
  } catch {
    return undefined;
  }
  return undefined;
}

async function resolveKey(
  kid: string | undefined,
  issuer: string | undefined,
  options: VerifyOptions,
): Promise<{ jwk: JWK; source: string } | { reason: string }> {
  if (!kid) {
    const only = options.trustedKeys?.length === 1 ? options.trustedKeys[0] : undefined;
    return only
      ? { jwk: only.publicJwk, source: "the one trusted key" }
      : { reason: "the JWS header has no kid and no single trusted key was given" };
  }
  for (const doc of options.trustedDids ?? []) {
    const vm = doc.verificationMethod.find((m) => m.id === kid || `${doc.id}${m.id}` === kid);
    if (vm) {
      if (issuer && doc.id !== issuer && vm.controller !== issuer)
        return { reason: `key ${kid} belongs to ${doc.id}, not to the issuer ${issuer}` };
      return { jwk: vm.publicKeyJwk as JWK, source: `trusted DID document ${doc.id}` };
    }
  }
  for (const key of options.trustedKeys ?? []) {
    if (
      key.id === kid ||
      key.publicJwk.kid === kid ||
      (key.id && kid.startsWith("#") && key.id.endsWith(kid))
    ) {
      if (issuer && key.controller && key.controller !== issuer)
        return { reason: `key ${kid} is controlled by ${key.controller}, not by the issuer ${issuer}` };
      return { jwk: key.publicJwk, source: "a trusted key" };
    }
  }
  if (kid.startsWith("did:key:")) {
    const jwk = jwkFromDidKey(kid);
    if (!jwk) return { reason: `${kid} is not an Ed25519 did:key` };
    if (issuer && !kid.startsWith(issuer)) return { reason: `did:key ${kid} is not the issuer ${issuer}` };
    return { jwk, source: "did:key" };
  }
  const fromLedger = await options.ledgerKey?.(kid);
  if (fromLedger) {
    if (issuer && !kid.startsWith(issuer))
      return { reason: `ledger key ${kid} is not the issuer ${issuer}'s` };
    return { jwk: fromLedger, source: "the ledger's issuer keys" };
  }
  return {
    reason: `no trusted key for kid ${kid}: pass the issuer's DID document with --did or its key with --key`,
  };
}

export async function verifyCredential(input: string, options: VerifyOptions): Promise<Verdict> {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, reason: string) => checks.push({ name, ok, reason });
  const done = (credential?: Record<string, unknown>): Verdict => ({
    valid: checks.every((c) => c.ok),
    checks,
    ...(credential ? { credential } : {}),
  });

  const jws = extractJws(input);
  let parts: ReturnType<typeof readJws> | undefined;
  try {
    if (!jws)
      throw new Error(
        "no vc+jwt found: expected a compact JWS, a data:application/vc+jwt URL, or JSON holding one under verifiableCredential",
      );
    parts = readJws(jws);
    add("format", true, "a compact JWS");
  } catch (error) {
    add("format", false, (error as Error).message);
    add("signature", false, "nothing to verify");
    return done();
  }
  const { header, payload } = parts;
  const typ = String(header.typ ?? "");
  const alg = String(header.alg ?? "");
  add(
    "typ",
    TYPES.includes(typ) && ALGORITHMS.includes(alg),
    TYPES.includes(typ)
      ? ALGORITHMS.includes(alg)
        ? `typ ${typ}, alg ${alg}`
        : `alg ${alg} is not one of ${ALGORITHMS.join(", ")}`
      : `typ "${typ}" is not vc+jwt`,
  );
  const issuer = issuerId(payload);
  const key = await resolveKey(typeof header.kid === "string" ? header.kid : undefined, issuer, options);
  if ("reason" in key) {
    add("issuer_key", false, key.reason);
    add("signature", false, "no key to verify with");
  } else {
    add("issuer_key", true, `from ${key.source}`);
    try {
      await verifySignature(jws as string, key.jwk, alg);
      add("signature", true, `${alg} signature verifies`);
    } catch (error) {
      add("signature", false, `the signature does not verify: ${(error as Error).message}`);
    }
  }
  const problems = dataModelProblems(payload);
  add(
    "vc_data_model",
    problems.length === 0,
    problems.length === 0 ? "a VC 2.0 credential" : problems.join("; "),
  );

  const contexts = Array.isArray(payload["@context"]) ? (payload["@context"] as unknown[]).map(String) : [];
  const untp = contexts.map((c) => UNTP_VERSION_PATTERN.exec(c)?.[1]).find((v) => v !== undefined);
  if (untp === undefined) {
    add("untp_schema", true, "not a UNTP passport: no UNTP schema applies");
  } else {
    const validate = UNTP_SCHEMAS[untp];
    if (!validate) add("untp_schema", false, `UNTP ${untp}: this verifier has no schema for that version`);
    else if (validate(payload)) add("untp_schema", true, `valid UNTP ${untp} Digital Product Passport`);
    else
      add(
        "untp_schema",
        false,
        (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; "),
      );
  }

  const now = options.now.toISOString();
  const from = typeof payload.validFrom === "string" ? new Date(payload.validFrom).toISOString() : undefined;
  const until =
    typeof payload.validUntil === "string" ? new Date(payload.validUntil).toISOString() : undefined;
  if (from && now < from) add("validity_window", false, `not valid before ${payload.validFrom}`);
  else if (until && now > until) add("validity_window", false, `expired at ${payload.validUntil}`);
  else add("validity_window", true, `valid at ${now}`);

  if (!payload.credentialStatus) {
    add("status", true, "no status entry");
  } else {
    const status = await options.status?.(payload);
    // Offline, a remote status list cannot be read: say so plainly rather than fail a sound credential.
    if (!status) add("status", true, "not checked: the status list it names is not available offline");
    else
      add(
        "status",
        !status.revoked,
        status.revoked ? `revoked: ${status.reason ?? "no reason given"}` : "not revoked",
      );
  }
  const links = secureLinks(payload);
  const given = { ...linkedFromInput(input), ...options.linked };
  const checkable = links.filter((l) => given[l.linkURL] !== undefined);
  const wrong = checkable.filter(
    (l) =>
      createHash("sha256")
        .update(given[l.linkURL] as string)
        .digest("hex") !== l.hashDigest,
  );
  if (links.length === 0) add("linked_digests", true, "no linked credentials");
  else if (wrong.length > 0)
    add(
      "linked_digests",
      false,
      `the digest of ${wrong.map((l) => l.linkURL).join(", ")} does not match the linked credential`,
    );
  else if (checkable.length === 0)
    add("linked_digests", true, `not checked: none of the ${links.length} linked credentials was given`);
  else
    add(
      "linked_digests",
      true,
      `${checkable.length} of ${links.length} linked credentials match their digests`,
    );
  return done(payload);
}

interface SecureLink {
  linkURL: string;
  hashDigest: string;
}

/** Every link with a hash digest inside the credential (UNTP SecureLink), wherever it sits. */
function secureLinks(value: unknown, out: SecureLink[] = []): SecureLink[] {
  if (Array.isArray(value)) for (const v of value) secureLinks(v, out);
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.linkURL === "string" && typeof o.hashDigest === "string")
      out.push({ linkURL: o.linkURL, hashDigest: o.hashDigest });
    for (const v of Object.values(o)) secureLinks(v, out);
  }
  return out;
}

/** A bundle may carry its linked credentials under linkedCredentials (URL → vc+jwt). */
function linkedFromInput(input: string): Record<string, string> {
  if (!input.trim().startsWith("{")) return {};
  try {
    const linked = (JSON.parse(input) as { linkedCredentials?: unknown }).linkedCredentials;
    return linked && typeof linked === "object" ? (linked as Record<string, string>) : {};
  } catch {
    return {};
  }
}
