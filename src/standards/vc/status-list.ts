// W3C Bitstring Status List v1.0: a GZIP-compressed bitstring (at least 16 KB, 131,072 entries), base64url
// with the multibase "u" prefix; bit i set means the credential at index i is revoked.
import { gunzipSync, gzipSync } from "node:zlib";

export const STATUS_LIST_BITS = 131_072;

export function encodeStatusList(revoked: number[], bits = STATUS_LIST_BITS): string {
  const bytes = new Uint8Array(bits / 8);
  for (const index of revoked) {
    if (index < 0 || index >= bits) throw new Error(`status index ${index} outside the list`);
    bytes[index >> 3] = (bytes[index >> 3] ?? 0) | (0x80 >> (index & 7));
  }
  return `u${gzipSync(bytes).toString("base64url")}`;
}

export function statusBit(encodedList: string, index: number): boolean {
  const raw = gunzipSync(Buffer.from(encodedList.replace(/^u/, ""), "base64url"));
  const byte = raw[index >> 3];
  if (byte === undefined) throw new Error(`status index ${index} outside the list`);
  return (byte & (0x80 >> (index & 7))) !== 0;
}

export function statusListCredential(
  id: string,
  issuer: string,
  validFrom: string,
  encodedList: string,
): Record<string, unknown> {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer,
    validFrom,
    credentialSubject: {
      id: `${id}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList,
    },
  };
}
