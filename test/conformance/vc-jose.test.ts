// Passports against the official UNTP 0.6.1 and W3C VC 2.0 schemas, and the verifier against credentials from
// other implementations: the W3C VC-JOSE-COSE examples signed with the listed Ed25519 method, and credentials
// signed with plain Node crypto (EdDSA and ES256), through `lodestone verify --key/--did`.
import { createPrivateKey, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureDocument } from "../../src/services/capture.ts";
import { issuePassport } from "../../src/services/passport.ts";
import { LOTS, workedChainDocument } from "../helpers/chain.ts";
import { runLodestone } from "../helpers/cli.ts";
import { openTestLedger, type TestLedger } from "../helpers/ledgers.ts";
import { ALLOY, NOW, recycledChain } from "../helpers/recycled-chain.ts";
import { readStandardJson } from "../helpers/standards.ts";

const addFormats = addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 };
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-vc-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function jws(header: Record<string, unknown>, payload: unknown, signer: (input: Buffer) => Buffer): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${input}.${signer(Buffer.from(input)).toString("base64url")}`;
}
const write = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};
const verifyCli = async (...args: string[]) => {
  const res = await runLodestone([
    "verify",
    "--json",
    "--now",
    "2026-06-01T00:00:00Z",
    "--db",
    join(dir, "none.db"),
    ...args,
  ]);
  return {
    code: res.code,
    ...(JSON.parse(res.stdout) as {
      valid: boolean;
      checks: { name: string; ok: boolean; reason: string }[];
    }),
  };
};

describe("Lodestone's passports against the official schemas", () => {
  let t: TestLedger;
  let credential: Record<string, unknown>;
  let linked: Record<string, string>;
  beforeAll(async () => {
    process.env.LODESTONE_KEY_SECRET = "conformance";
    t = await openTestLedger("sqlite");
    await captureDocument(
      t.ledger,
      { document: workedChainDocument(), organisation: "urn:lodestone:org:test" },
      { now: () => new Date(), newId: randomUUID },
    );
    ({ credential, linkedCredentials: linked } = await issuePassport(
      t.ledger,
      LOTS.magnet,
      "urn:epc:id:pgln:8930000.00021",
      new Date("2026-07-01T00:00:00Z"),
    ));
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("validates against the UNTP 0.6.1 DPP schema", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(
      readStandardJson("untp", "0.6.1", "untp-dpp", "artefacts", "untp-dpp-schema.json") as object,
    );
    expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ["DTE", "untp-dte", "DigitalTraceabilityEvent"],
    ["DCC", "untp-dcc", "DigitalConformityCredential"],
  ])("the linked %s validates against its UNTP 0.6.1 schema", (_, folder, type) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(
      readStandardJson("untp", "0.6.1", folder, "artefacts", `${folder}-schema.json`) as object,
    );
    const payloads = Object.values(linked).map((jwt) =>
      JSON.parse(Buffer.from(jwt.split(".")[1] as string, "base64url").toString("utf8")),
    );
    const payload = payloads.find((p) => (p.type as string[]).includes(type));
    expect(payload).toBeDefined();
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
  });

  it("validates against the W3C VC 2.0 schema", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(
      readStandardJson(
        "vc",
        "schema",
        "verifiable-credential",
        "verifiable-credential-schema.json",
      ) as object,
    );
    expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe("a passport with recycled content against the UNTP schema", () => {
  it("validates with its circularity scorecard and each material's recycledMassFraction", async () => {
    process.env.LODESTONE_KEY_SECRET = "conformance";
    const t = await openTestLedger("sqlite");
    try {
      const report = await captureDocument(
        t.ledger,
        { document: recycledChain(0.2), organisation: "urn:lodestone:org:test" },
        { now: () => NOW, newId: randomUUID },
      );
      expect(report.rejected).toEqual([]);
      const { credential } = await issuePassport(t.ledger, ALLOY, "urn:epc:id:pgln:8800000.00031", NOW);
      const subject = credential.credentialSubject as {
        circularityScorecard?: { recycledContent: number };
        materialsProvenance: { recycledMassFraction?: number }[];
      };
      expect(subject.circularityScorecard?.recycledContent).toBeGreaterThan(0.1);
      expect(subject.materialsProvenance.map((m) => m.recycledMassFraction).sort()).toEqual([0, 1, 1]);
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      const validate = ajv.compile(
        readStandardJson("untp", "0.6.1", "untp-dpp", "artefacts", "untp-dpp-schema.json") as object,
      );
      expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
    } finally {
      await t.dispose();
    }
  });
});

describe("credentials from other implementations", () => {
  const vm = readStandardJson("vc", "jose-cose-inputs", "vm-ed25519.json") as {
    id: string;
    secretKeyJwk: Record<string, string>;
  };
  const w3cKey = createPrivateKey({ key: vm.secretKeyJwk as never, format: "jwk" });

  it.each(["credential-minimal.json", "credential-full.json"])(
    "verifies the W3C example %s signed with the listed Ed25519 method",
    async (name) => {
      const credential = readStandardJson("vc", "jose-cose-inputs", name);
      const token = jws({ alg: "EdDSA", typ: "vc+jwt", cty: "vc", kid: vm.id }, credential, (input) =>
        sign(null, input, w3cKey),
      );
      const key = join("..", "shared", "standards", "vc", "jose-cose-inputs", "vm-ed25519.json");
      const good = await verifyCli("--key", join(process.cwd(), key), write(`${name}.jwt`, token));
      expect(good.checks.filter((c) => !c.ok)).toEqual([]);
      expect(good).toMatchObject({ code: 0, valid: true });
      const tampered = `${token.slice(0, -4)}${token.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
      const bad = await verifyCli("--key", join(process.cwd(), key), write(`${name}.bad.jwt`, tampered));
      expect(bad.code).toBe(1);
      expect(bad.checks.find((c) => c.name === "signature")?.ok).toBe(false);
    },
  );

  it.each([
    ["EdDSA", () => generateKeyPairSync("ed25519"), null],
    ["ES256", () => generateKeyPairSync("ec", { namedCurve: "P-256" }), "sha256"],
  ] as const)(
    "verifies a %s credential signed with plain Node crypto, through a DID document",
    async (alg, pair, digest) => {
      const { publicKey, privateKey } = pair();
      const issuer = "did:example:other-implementation";
      const kid = `${issuer}#signing-key`;
      const credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        type: ["VerifiableCredential"],
        issuer,
        validFrom: "2026-01-01T00:00:00Z",
        credentialSubject: { id: "https://id.gs1.org/01/08930000000446/10/NDPR-2025-01" },
      };
      const token = jws({ alg, typ: "vc+jwt", kid }, credential, (input) =>
        sign(digest, input, { key: privateKey, dsaEncoding: "ieee-p1363" }),
      );
      const did = write(`did-${alg}.json`, {
        "@context": ["https://www.w3.org/ns/did/v1"],
        id: issuer,
        verificationMethod: [
          {
            id: kid,
            type: "JsonWebKey",
            controller: issuer,
            publicKeyJwk: publicKey.export({ format: "jwk" }),
          },
        ],
        assertionMethod: [kid],
      });
      const result = await verifyCli("--did", did, write(`other-${alg}.jwt`, token));
      expect(result).toMatchObject({ code: 0, valid: true });
      expect(result.checks.find((c) => c.name === "signature")?.reason).toBe(`${alg} signature verifies`);
    },
  );

  it("rejects what VC-JOSE-COSE forbids: a wrong typ, and vc or vp claims", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const key = write("k.json", publicKey.export({ format: "jwk" }));
    const credential = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiableCredential"],
      issuer: "did:example:x",
      credentialSubject: { id: "urn:x" },
    };
    const wrongTyp = await verifyCli(
      "--key",
      key,
      write(
        "typ.jwt",
        jws({ alg: "EdDSA", typ: "JWT" }, credential, (i) => sign(null, i, privateKey)),
      ),
    );
    expect(wrongTyp.checks.find((c) => c.name === "typ")).toEqual({
      name: "typ",
      ok: false,
      reason: 'typ "JWT" is not vc+jwt',
    });
    const withVc = await verifyCli(
      "--key",
      key,
      write(
        "vc.jwt",
        jws({ alg: "EdDSA", typ: "vc+jwt" }, { ...credential, vc: {} }, (i) => sign(null, i, privateKey)),
      ),
    );
    expect(withVc.valid).toBe(false);
    expect(withVc.checks.find((c) => c.name === "vc_data_model")?.reason).toContain(
      "forbids the JWT claims vc and vp",
    );
    expect(withVc.checks.find((c) => c.name === "signature")?.ok).toBe(true);
  });

  it("reports a UNTP version it has no schema for, without failing the signature check", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const key = write("k2.json", publicKey.export({ format: "jwk" }));
    const credential = {
      "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://test.uncefact.org/vocabulary/untp/dpp/0.5.0/",
      ],
      type: ["DigitalProductPassport", "VerifiableCredential"],
      issuer: { id: "did:example:y", name: "Y" },
      credentialSubject: {},
    };
    const result = await verifyCli(
      "--key",
      key,
      write(
        "old.jwt",
        jws({ alg: "EdDSA", typ: "vc+jwt" }, credential, (i) => sign(null, i, privateKey)),
      ),
    );
    expect(result.checks.find((c) => c.name === "signature")?.ok).toBe(true);
    expect(result.checks.find((c) => c.name === "untp_schema")).toEqual({
      name: "untp_schema",
      ok: false,
      reason: "UNTP 0.5.0: this verifier has no schema for that version",
    });
  });
});
