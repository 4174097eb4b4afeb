// Passports on the worked chain: origin shares equal the trace; signatures verify through jose and through a
// second, independent path (Node's crypto over the JWS signing input, key from did.json); each tampering fails
// with its own reason; a passport bundle verifies with no network and no ledger; key rotation keeps old
// passports verifiable.
import { createPublicKey, verify as cryptoVerify, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { evaluateAndRecord } from "../../src/services/evaluate.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import {
  issuePassport,
  issuerDidDocument,
  issuerKey,
  statusFromList,
  statusList,
  verifyWithLedger,
} from "../../src/services/passport.ts";
import { traceLot } from "../../src/services/trace.ts";
import { verifyCredential } from "../../src/standards/vc/verify.ts";
import { LOTS, workedChainDocument } from "../helpers/chain.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const ISSUER = "urn:epc:id:pgln:8930000.00021";
const NOW = new Date("2026-07-01T00:00:00Z");

const b64 = (s: string) => Buffer.from(s, "base64url");
function rewritePayload(jwt: string, change: (p: Record<string, unknown>) => void): string {
  const [h, p, s] = jwt.split(".") as [string, string, string];
  const payload = JSON.parse(b64(p).toString("utf8"));
  change(payload);
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
}
const failing = (checks: { name: string; ok: boolean; reason: string }[]) =>
  checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.reason}`);

for (const backend of BACKENDS) {
  describe(`passports on ${backend}`, () => {
    let t: TestLedger;
    let jwt: string;
    let credential: Record<string, unknown>;
    let did: Awaited<ReturnType<typeof issuerDidDocument>>;

    beforeAll(async () => {
      process.env.LODESTONE_KEY_SECRET = "test secret, not for production";
      t = await openTestLedger(backend);
      const report = await captureDocument(
        t.ledger,
        { document: workedChainDocument(), organisation: ISSUER },
        { now: () => NOW, newId: randomUUID },
      );
      expect(report.rejected).toEqual([]);
      const issued = await issuePassport(t.ledger, LOTS.magnet, ISSUER, NOW);
      ({ jwt, credential } = issued);
      did = issued.didDocument;
    });
    afterAll(async () => {
      await t.dispose();
    });

    it("states the magnet lot's origin shares exactly as the trace does", async () => {
      const trace = await traceLot(t.ledger, LOTS.magnet);
      const subject = credential.credentialSubject as {
        materialsProvenance: { massFraction: number; originCountry?: string; name: string }[];
        granularityLevel: string;
      };
      expect(subject.granularityLevel).toBe("batch");
      expect(subject.materialsProvenance).toEqual(
        (trace.originShares.Nd ?? []).map((s) => ({
          type: ["Material"],
          name: `Nd from licence ${s.licence}`,
          originCountry: s.country,
          massFraction: s.share,
          recycledMassFraction: 0, // mined: none of it recycled
        })),
      );
      expect(subject.materialsProvenance[0]?.massFraction).toBe(1);
    });

    it("verifies offline with the issuer's DID document alone, and with the ledger's keys", async () => {
      const offline = await verifyCredential(jwt, {
        now: NOW,
        trustedDids: [did as NonNullable<typeof did>],
      });
      expect(failing(offline.checks)).toEqual([]);
      expect(offline.checks.map((c) => c.name)).toEqual([
        "format",
        "typ",
        "issuer_key",
        "signature",
        "vc_data_model",
        "untp_schema",
        "validity_window",
        "status",
        "linked_digests",
      ]);
      const withLedger = await verifyWithLedger(t.ledger, jwt, { now: NOW });
      expect(withLedger.valid).toBe(true);
      expect(withLedger.checks.find((c) => c.name === "claims")).toEqual({
        name: "claims",
        ok: true,
        reason: "origin shares and compliance re-derived from the ledger agree",
      });
      const envelope = JSON.stringify({
        verifiableCredential: { type: "EnvelopedVerifiableCredential", id: `data:application/vc+jwt,${jwt}` },
      });
      expect(
        (await verifyCredential(envelope, { now: NOW, trustedDids: [did as NonNullable<typeof did>] })).valid,
      ).toBe(true);
    });

    it("verifies through a second path: Node's crypto.verify over the signing input with the did.json key", () => {
      const [h, p, s] = jwt.split(".") as [string, string, string];
      const method = did?.verificationMethod[0];
      const key = createPublicKey({ key: method?.publicKeyJwk as never, format: "jwk" });
      expect(cryptoVerify(null, Buffer.from(`${h}.${p}`), key, b64(s))).toBe(true);
      expect(cryptoVerify(null, Buffer.from(`${h}.${p}x`), key, b64(s))).toBe(false);
    });

    it("fails each tampering with its own reason", async () => {
      const trusted = { trustedDids: [did as NonNullable<typeof did>] };
      const flipped = rewritePayload(jwt, (p) => {
        (p.credentialSubject as Record<string, unknown>).granularityLevel = "item";
      });
      expect(failing((await verifyCredential(flipped, { now: NOW, ...trusted })).checks)).toEqual([
        expect.stringMatching(/^signature: the signature does not verify/),
      ]);

      const [h, p] = jwt.split(".") as [string, string, string];
      const header = JSON.parse(b64(h).toString());
      const changedKid = `${Buffer.from(JSON.stringify({ ...header, kid: `${header.kid}x` })).toString("base64url")}.${p}.${jwt.split(".")[2]}`;
      expect(failing((await verifyCredential(changedKid, { now: NOW, ...trusted })).checks)).toEqual([
        expect.stringMatching(/^issuer_key: no trusted key for kid .*x/),
        "signature: no key to verify with",
      ]);

      const other = await issuerKey(t.ledger, "urn:epc:id:pgln:8800000.00001", NOW);
      const otherDid = await issuerDidDocument(t.ledger, "urn:epc:id:pgln:8800000.00001");
      const wrongKey = {
        ...(did as NonNullable<typeof did>),
        verificationMethod: (did as NonNullable<typeof did>).verificationMethod.map((m) => ({
          ...m,
          publicKeyJwk: otherDid?.verificationMethod[0]?.publicKeyJwk ?? {},
        })),
      };
      expect(other.kid).not.toBe(header.kid);
      expect(failing((await verifyCredential(jwt, { now: NOW, trustedDids: [wrongKey] })).checks)).toEqual([
        expect.stringMatching(/^signature: the signature does not verify/),
      ]);

      const later = new Date("2028-01-01T00:00:00Z");
      expect(failing((await verifyCredential(jwt, { now: later, ...trusted })).checks)).toEqual([
        expect.stringMatching(/^validity_window: expired at 2027-07-01T00:00:00Z$/),
      ]);
    });

    it("fails a linked traceability credential whose digest no longer matches", async () => {
      const issued = await issuePassport(t.ledger, LOTS.metal, ISSUER, NOW);
      const trusted = { now: NOW, trustedDids: [issued.didDocument] };
      expect(
        (
          await verifyCredential(
            JSON.stringify({ verifiableCredential: issued.jwt, linkedCredentials: issued.linkedCredentials }),
            trusted,
          )
        ).checks.find((c) => c.name === "linked_digests"),
      ).toMatchObject({ ok: true, reason: "2 of 2 linked credentials match their digests" });
      const [dteUrl, dteJwt] = Object.entries(issued.linkedCredentials)[0] as [string, string];
      const altered = {
        ...issued.linkedCredentials,
        [dteUrl]: rewritePayload(dteJwt, (p) => {
          p.validFrom = "2020-01-01T00:00:00Z";
        }),
      };
      const verdict = await verifyCredential(
        JSON.stringify({ verifiableCredential: issued.jwt, linkedCredentials: altered }),
        trusted,
      );
      expect(failing(verdict.checks)).toEqual([
        `linked_digests: the digest of ${dteUrl} does not match the linked credential`,
      ]);
    });

    it("revokes a passport when a new finding taints its lot, and verifiers see why, from the ledger and from the status list", async () => {
      const issued = await issuePassport(t.ledger, LOTS.ndpr, ISSUER, NOW);
      expect((await verifyWithLedger(t.ledger, issued.jwt, { now: NOW })).valid).toBe(true);
      // A licence register that caps the mine below what it extracted: the overrun taints every lot downstream.
      await importMasterData(
        t.ledger,
        {
          sites: [{ id: "urn:epc:id:sgln:8930000.00001.0", name: "MINE-A", kind: "mine", country: "VN" }],
          licences: [
            {
              id: "DEMO-001/GP-BTNMT",
              kind: "exploitation",
              holder: "x",
              site: "urn:epc:id:sgln:8930000.00001.0",
              authority: "MAE",
              minerals: ["rare_earths"],
              annualCapacity: { quantity: 100_000, unit: "t_ore" },
              validFrom: "2020-01-01",
              validTo: "2040-01-01",
            },
          ],
        },
        NOW,
      );
      await evaluateAndRecord(t.ledger, new Date("2026-07-02T00:00:00Z"));
      const fromLedger = await verifyWithLedger(t.ledger, issued.jwt, { now: NOW });
      expect(fromLedger.checks.find((c) => c.name === "status")).toEqual({
        name: "status",
        ok: false,
        reason: expect.stringMatching(/^revoked: LICENCE_CAPACITY: /),
      });
      expect(fromLedger.checks.find((c) => c.name === "claims")).toEqual({
        name: "claims",
        ok: false,
        reason: "compliance: the passport says conformant, the ledger now has open findings tainting the lot",
      });
      const list = await statusList(t.ledger, ISSUER, NOW);
      const offline = await verifyCredential(issued.jwt, {
        now: NOW,
        trustedDids: [issued.didDocument],
        status: statusFromList(list),
      });
      expect(failing(offline.checks)).toEqual([
        expect.stringMatching(/^status: revoked: bit \d+ of .*\/status is set$/),
      ]);
    });

    it("keeps passports signed before a key rotation verifiable", async () => {
      await issuerKey(t.ledger, ISSUER, NOW, true);
      const after = await issuePassport(t.ledger, LOTS.alloy, ISSUER, NOW);
      const document = await issuerDidDocument(t.ledger, ISSUER);
      expect(document?.verificationMethod).toHaveLength(2);
      for (const token of [jwt, after.jwt])
        expect(
          (
            await verifyCredential(token, {
              now: NOW,
              trustedDids: [document as NonNullable<typeof document>],
            })
          ).valid,
        ).toBe(true);
    });
  });
}
