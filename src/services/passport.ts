// The passport verbs: an issuer's Ed25519 key (made on first use, private part encrypted at rest with a key
// from configuration), issuing a lot's UNTP passport as a signed vc+jwt, the issuer's DID document, and
// verification with the ledger's own keys.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  randomUUID,
  scryptSync,
} from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { ContentKey } from "../domain/assay.ts";
import { contentsKg } from "../domain/assay.ts";
import { LodestoneError } from "../domain/errors.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import { productPassport } from "../standards/untp/dpp.ts";
import { conformityCredential, traceabilityEventCredential } from "../standards/untp/dte.ts";
import { type DidDocument, didDocument, didWeb } from "../standards/vc/did.ts";
import { signCredential } from "../standards/vc/jose.ts";
import { encodeStatusList, statusBit, statusListCredential } from "../standards/vc/status-list.ts";
import { type Verdict, type VerifyOptions, verifyCredential } from "../standards/vc/verify.ts";
import type { Ledger } from "../store/db.ts";
import { eventsByHash } from "../store/event-store.ts";
import { findingsByIds, findingsTainting } from "../store/findings-store.ts";
import { getLots, producedMass } from "../store/lot-store.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import {
  issuerKeyByKid,
  issuerKeys,
  listPassports,
  nextStatusIndex,
  retireIssuerKeys,
  revokePassport,
  storeIssuerKey,
  storePassport,
} from "../store/passport-store.ts";
import { traceLot } from "./trace.ts";

/** Where the ledger is reachable; issuer DIDs are did:web under it. */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.LODESTONE_PUBLIC_URL ?? "http://localhost:8080";
}

// scrypt is slow on purpose; derive each secret's key once per process.
const derived = new Map<string, Buffer>();
function derive(secret: string): Buffer {
  let key = derived.get(secret);
  if (!key) {
    key = scryptSync(secret, "lodestone-issuer-keys", 32);
    derived.set(secret, key);
  }
  return key;
}

/** The secret that encrypts issuer private keys: LODESTONE_KEY_SECRET, else a file beside a SQLite ledger. */
function keySecret(ledger: Ledger): Buffer {
  const configured = process.env.LODESTONE_KEY_SECRET;
  if (configured) return derive(configured);
  if (ledger.backend !== "sqlite" || ledger.location === ":memory:") {
    throw new LodestoneError("STORE_FAILURE", "set LODESTONE_KEY_SECRET: issuer keys are encrypted with it");
  }
  const file = join(dirname(ledger.location), "issuer-keys.secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return derive(readFileSync(file, "utf8").trim());
}

function encrypt(secret: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secret, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

function decrypt(secret: Buffer, sealed: string): string {
  const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url")) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  const decipher = createDecipheriv("aes-256-gcm", secret, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

export const slugOf = (organisation: string) =>
  organisation.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^-|-$/g, "");
export const issuerDid = (organisation: string, baseUrl = publicBaseUrl()) =>
  didWeb(baseUrl, ["issuers", slugOf(organisation)]);

/** The issuer's current key, made on first use; `rotate` retires the current one and makes a new one. */
export async function issuerKey(ledger: Ledger, organisation: string, now: Date, rotate = false) {
  const secret = keySecret(ledger);
  if (rotate) await retireIssuerKeys(ledger.db, organisation, now.toISOString());
  const current = (await issuerKeys(ledger.db, organisation)).find((k) => !k.retiredAt);
  if (current)
    return { ...current, privateJwk: JSON.parse(decrypt(secret, current.privateJwkEncrypted)) as JWK };
  const { publicKey, privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const did = issuerDid(organisation);
  const kid = `${did}#key-${randomUUID().slice(0, 8)}`;
  const row = {
    kid,
    organisation,
    did,
    publicJwk: { ...publicJwk, alg: "EdDSA" },
    privateJwkEncrypted: encrypt(secret, JSON.stringify(privateJwk)),
  };
  await storeIssuerKey(ledger.db, row, now.toISOString());
  return { ...row, privateJwk };
}

/** The issuer's did:web document: every key it ever used, so passports signed before a rotation still verify. */
export async function issuerDidDocument(
  ledger: Ledger,
  organisation: string,
): Promise<DidDocument | undefined> {
  const keys = await issuerKeys(ledger.db, organisation);
  if (keys.length === 0) return undefined;
  return didDocument(
    keys[0]?.did as string,
    keys.map((k) => ({ kid: k.kid.split("#")[1] as string, publicJwk: k.publicJwk })),
  );
}

export async function organisationForSlug(ledger: Ledger, slug: string): Promise<string | undefined> {
  return (await issuerKeys(ledger.db)).find((k) => slugOf(k.organisation) === slug)?.organisation;
}

const PROVENANCE_ORDER: ContentKey[] = ["Nd", "Pr", "Dy", "Tb", "TREO"];

export interface IssuedPassport {
  credentialId: string;
  jwt: string;
  credential: Record<string, unknown>;
  didDocument: DidDocument;
  /** The linked traceability-event and conformity credentials, by URL, as vc+jwt. */
  linkedCredentials: Record<string, string>;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
export const statusListUrl = (organisation: string, baseUrl = publicBaseUrl()) =>
  `${baseUrl}/issuers/${slugOf(organisation)}/status`;

export async function issuePassport(
  ledger: Ledger,
  lotId: string,
  organisation: string,
  now: Date,
): Promise<IssuedPassport> {
  const lot = canonicalIdentifier(lotId);
  const record = (await getLots(ledger.db, [lot])).get(lot);
  if (!record) throw new LodestoneError("NOT_FOUND", `no lot ${lotId} in the ledger`);
  const trace = await traceLot(ledger, lot);
  const element =
    PROVENANCE_ORDER.find((e) => trace.originShares[e]) ??
    (Object.keys(trace.originShares)[0] as ContentKey | undefined);
  const masterData = await loadMasterData(ledger.db);
  const site = masterData.sites.find((s) => s.id === record.site);
  const massKg = (await producedMass(ledger.db, [lot])).get(lot);
  const composition: Record<string, number> = {};
  const perKg = contentsKg(1, record.assay);
  for (const [k, v] of Object.entries(perKg)) composition[`${k} mass fraction`] = v;
  const findings = await openFindingsTainting(ledger, [lot]);
  const key = await issuerKey(ledger, organisation, now);
  const credentialId = `urn:uuid:${randomUUID()}`;
  const issuer = {
    did: key.did,
    name: masterData.organisations.find((o) => o.id === organisation)?.name ?? organisation,
  };
  const validFrom = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  // The upstream events as one Digital Traceability Event credential, and the rules' verdict as a conformity
  // credential; the passport links both with the SHA-256 digests of their vc+jwt.
  const base = publicBaseUrl();
  const upstream = await eventsByHash(ledger.db, [
    ...new Set([...trace.edges.map((e) => e.event), ...(record.createdEvent ? [record.createdEvent] : [])]),
  ]);
  const dteUrl = `${base}/credentials/${randomUUID()}`;
  const dccUrl = `${base}/credentials/${randomUUID()}`;
  const dteJwt = await signCredential(
    traceabilityEventCredential(dteUrl, issuer, validFrom, upstream),
    key.privateJwk,
    key.kid,
  );
  const dccJwt = await signCredential(
    conformityCredential(dccUrl, issuer, validFrom, lot, { id: organisation, name: issuer.name }, findings),
    key.privateJwk,
    key.kid,
  );
  const statusIndex = await nextStatusIndex(ledger.db, organisation);
  const credential = productPassport({
    credentialId,
    issuer,
    validFrom,
    validUntil: new Date(now.getTime() + 365 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    lot,
    lotNumber: /\/10\/([^/]+)$/.exec(lot)?.[1] ?? lot,
    ...(record.materialClass ? { materialClass: record.materialClass } : {}),
    ...(record.productName ? { productName: record.productName } : {}),
    ...(massKg === undefined ? {} : { massKg }),
    ...(record.site
      ? {
          producedAt: {
            id: record.site,
            ...(site?.name ? { name: site.name } : {}),
            ...(site?.country ? { country: site.country } : {}),
          },
        }
      : {}),
    ...(record.createdTime ? { productionDate: record.createdTime.slice(0, 10) } : {}),
    composition,
    provenanceElement: element ?? "material",
    originShares: element ? (trace.originShares[element] ?? []) : [],
    custodyModel: "physical",
    recycled: {
      total: (trace.sourceShares.TREO ?? { recycled: 0 }).recycled,
      byElement: Object.fromEntries(Object.entries(trace.sourceShares).map(([e, s]) => [e, s.recycled])),
    },
    findings,
    status: { listUrl: statusListUrl(organisation), index: statusIndex },
    links: [
      { url: dteUrl, name: `Traceability events of lot ${lot}`, type: "dte", sha256: sha256(dteJwt) },
      { url: dccUrl, name: "Lodestone rule assessment", type: "dcc", sha256: sha256(dccJwt) },
    ],
  });
  const jwt = await signCredential(credential, key.privateJwk, key.kid);
  await storePassport(ledger.db, {
    credentialId,
    lot,
    organisation,
    kid: key.kid,
    jwt,
    issuedAt: now.toISOString(),
    statusIndex,
  });
  return {
    credentialId,
    jwt,
    credential,
    didDocument: (await issuerDidDocument(ledger, organisation)) as DidDocument,
    linkedCredentials: { [dteUrl]: dteJwt, [dccUrl]: dccJwt },
  };
}

/** The issuer's Bitstring Status List credential, signed: bit i set when its passport i is revoked. */
export async function statusList(ledger: Ledger, organisation: string, now: Date): Promise<string> {
  const key = await issuerKey(ledger, organisation, now);
  const revoked = (await listPassports(ledger.db, { organisation }))
    .filter((p) => p.revokedAt && p.statusIndex !== null)
    .map((p) => p.statusIndex as number);
  const credential = statusListCredential(
    statusListUrl(organisation),
    key.did,
    now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    encodeStatusList(revoked),
  );
  return signCredential(credential, key.privateJwk, key.kid);
}

/** The findings not resolved that taint any of these lots, in listFindings' order. */
async function openFindingsTainting(ledger: Ledger, lots: string[]) {
  const ids = await findingsTainting(ledger.db, lots);
  return (await findingsByIds(ledger.db, ids)).filter((f) => f.status !== "resolved");
}

/** Revokes the passports of lots that a finding first seen after their issue now taints; returns them. */
export async function revokeTaintedPassports(
  ledger: Ledger,
  now: Date,
): Promise<{ credentialId: string; reason: string }[]> {
  const active = (await listPassports(ledger.db)).filter((p) => !p.revokedAt);
  if (active.length === 0) return [];
  // Only the findings tainting a passport's lot are read (finding_taints), not every finding's body.
  const open = await openFindingsTainting(
    ledger,
    active.map((p) => p.lot),
  );
  const revoked: { credentialId: string; reason: string }[] = [];
  for (const p of active) {
    const finding = open.find((f) => f.taints.includes(p.lot) && f.firstSeen > p.issuedAt);
    if (!finding) continue;
    const reason = `${finding.code}: ${finding.message}`;
    await revokePassport(ledger.db, p.credentialId, now.toISOString(), reason);
    revoked.push({ credentialId: p.credentialId, reason });
  }
  return revoked;
}

/** Verifies with the ledger's issuer keys and passport statuses added to what the caller trusts. */
export async function verifyWithLedger(
  ledger: Ledger | undefined,
  input: string,
  options: VerifyOptions,
): Promise<Verdict> {
  if (!ledger) return verifyCredential(input, options);
  const verdict = await verifyCredential(input, {
    ...options,
    ledgerKey: async (kid: string) => {
      const row = await issuerKeyByKid(ledger.db, kid);
      return row ? (row.publicJwk as JWK) : undefined;
    },
    status:
      options.status ??
      (async (credential: Record<string, unknown>) => {
        const [p] = await listPassports(ledger.db, { credentialId: String(credential.id) });
        return p
          ? {
              revoked: p.revokedAt !== undefined,
              ...(p.revocationReason ? { reason: p.revocationReason } : {}),
            }
          : undefined;
      }),
  });
  // With the ledger at hand, the passport's claims are re-derived and any difference reported.
  const differences = verdict.credential ? await claimDifferences(ledger, verdict.credential) : undefined;
  if (differences === undefined) return verdict;
  const checks = [
    ...verdict.checks,
    {
      name: "claims",
      ok: differences.length === 0,
      reason:
        differences.length === 0
          ? "origin shares and compliance re-derived from the ledger agree"
          : differences.join("; "),
    },
  ];
  return { ...verdict, valid: checks.every((c) => c.ok), checks };
}

/**
 * Re-derives a passport's claims from the ledger: the origin shares of its materialsProvenance and whether open
 * findings taint its lot now; returns the differences (empty when the passport still says what the ledger does).
 */
export async function claimDifferences(
  ledger: Ledger,
  credential: Record<string, unknown>,
): Promise<string[] | undefined> {
  const subject = credential.credentialSubject as
    | {
        id?: string;
        materialsProvenance?: { name: string; massFraction: number }[];
        conformityClaim?: { conformance: boolean }[];
      }
    | undefined;
  if (!subject?.id || !subject.materialsProvenance) return undefined;
  const lot = subject.id;
  if (!(await getLots(ledger.db, [lot])).has(lot)) return undefined;
  const trace = await traceLot(ledger, lot);
  const element =
    PROVENANCE_ORDER.find((e) => trace.originShares[e]) ??
    (Object.keys(trace.originShares)[0] as ContentKey | undefined);
  const now = new Map(
    (element ? (trace.originShares[element] ?? []) : []).map((s) => [
      `${element} from ${s.licence ? `licence ${s.licence}` : (s.site ?? "an unrecorded source")}`,
      s.share,
    ]),
  );
  const differences: string[] = [];
  for (const m of subject.materialsProvenance) {
    const share = now.get(m.name);
    if (share === undefined) differences.push(`${m.name}: no longer an origin in the ledger`);
    else if (Math.abs(share - m.massFraction) > 1e-9)
      differences.push(`${m.name}: passport ${m.massFraction}, ledger ${share}`);
    now.delete(m.name);
  }
  for (const [name, share] of now)
    differences.push(`${name}: ${share} in the ledger, missing from the passport`);
  const tainted = (await openFindingsTainting(ledger, [lot])).length > 0;
  const claimed = subject.conformityClaim?.[0]?.conformance;
  if (claimed !== undefined && claimed === tainted) {
    differences.push(
      `compliance: the passport says ${claimed ? "conformant" : "not conformant"}, the ledger now ${tainted ? "has open findings tainting the lot" : "has none"}`,
    );
  }
  return differences;
}

/** A status check from a status list credential given to the verifier (offline). */
export function statusFromList(listJwt: string) {
  const payload = JSON.parse(Buffer.from(listJwt.split(".")[1] ?? "", "base64url").toString("utf8")) as {
    id?: string;
    credentialSubject?: { encodedList?: string };
  };
  return async (credential: Record<string, unknown>) => {
    const entry = credential.credentialStatus as
      | { statusListCredential?: string; statusListIndex?: string }
      | undefined;
    if (!entry || entry.statusListCredential !== payload.id || !payload.credentialSubject?.encodedList)
      return undefined;
    const revoked = statusBit(payload.credentialSubject.encodedList, Number(entry.statusListIndex));
    return {
      revoked,
      ...(revoked ? { reason: `bit ${entry.statusListIndex} of ${payload.id} is set` } : {}),
    };
  };
}
