// Decentralised identifiers for issuers: did:key for Ed25519 keys (multicodec ed25519-pub, base58btc) and
// did:web documents listing an issuer's verification methods as JWKs (W3C DID Core, did:web method).

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

export function base58btc(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = "";
  while (n > 0n) {
    out = (ALPHABET[Number(n % 58n)] as string) + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

export function fromBase58btc(text: string): Uint8Array {
  let n = 0n;
  for (const c of text) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) throw new Error(`not base58btc: ${c}`);
    n = n * 58n + BigInt(i);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for (const c of text) {
    if (c !== "1") break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

const ED25519_PUB = [0xed, 0x01];

/** did:key of an Ed25519 public key given as a JWK `x` (base64url). */
export function didKeyFromJwk(x: string): string {
  const raw = Buffer.from(x, "base64url");
  return `did:key:z${base58btc(Uint8Array.from([...ED25519_PUB, ...raw]))}`;
}

/** The Ed25519 public JWK inside a did:key, or undefined when it is none. */
export function jwkFromDidKey(did: string): { kty: "OKP"; crv: "Ed25519"; x: string } | undefined {
  const m = /^did:key:z([1-9A-HJ-NP-Za-km-z]+)/.exec(did);
  if (!m?.[1]) return undefined;
  const bytes = fromBase58btc(m[1]);
  if (bytes[0] !== 0xed || bytes[1] !== 0x01 || bytes.length !== 34) return undefined;
  return { kty: "OKP", crv: "Ed25519", x: Buffer.from(bytes.slice(2)).toString("base64url") };
}

export interface VerificationMethod {
  id: string;
  type: "JsonWebKey";
  controller: string;
  publicKeyJwk: Record<string, unknown>;
}

export interface DidDocument {
  "@context": string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
}

export function didDocument(
  did: string,
  keys: { kid: string; publicJwk: Record<string, unknown> }[],
): DidDocument {
  const methods = keys.map((k) => ({
    id: `${did}#${k.kid}`,
    type: "JsonWebKey" as const,
    controller: did,
    publicKeyJwk: k.publicJwk,
  }));
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

/** did:web for a base URL and path: https://host:8080/issuers/x → did:web:host%3A8080:issuers:x */
export function didWeb(baseUrl: string, path: string[]): string {
  const url = new URL(baseUrl);
  return ["did:web", encodeURIComponent(url.host), ...path.map(encodeURIComponent)].join(":");
}
