// VC-JOSE-COSE: credentials secured as enveloped compact JWS (typ vc+jwt), signed with EdDSA (Ed25519) or
// ECDSA; and the verifier's signature step, using jose's compactVerify (VC payloads are no JWT claim sets).
import { CompactSign, compactVerify, importJWK, type JWK } from "jose";

export const VC_TYP = "vc+jwt";

export async function signCredential(
  credential: Record<string, unknown>,
  privateJwk: JWK,
  kid: string,
): Promise<string> {
  const key = await importJWK(privateJwk, "EdDSA");
  return new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
    .setProtectedHeader({ alg: "EdDSA", typ: VC_TYP, cty: "vc", kid })
    .sign(key);
}

export interface JwsParts {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** Reads header and payload without verifying (to find the key); throws on what is no compact JWS. */
export function readJws(jws: string): JwsParts {
  const parts = jws.split(".");
  if (parts.length !== 3) throw new Error("not a compact JWS (three dot-separated parts)");
  const decode = (part: string) =>
    JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
  return { header: decode(parts[0] as string), payload: decode(parts[1] as string) };
}

export async function verifySignature(jws: string, publicJwk: JWK, alg: string): Promise<void> {
  const key = await importJWK(publicJwk, alg);
  await compactVerify(jws, key, { algorithms: [alg] });
}
