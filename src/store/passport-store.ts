// All SQL of issuer keys and issued passports.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export interface IssuerKeyRow {
  kid: string;
  organisation: string;
  did: string;
  publicJwk: Record<string, unknown>;
  privateJwkEncrypted: string;
  retiredAt?: string;
}

const toKey = (r: Database["issuer_keys"]): IssuerKeyRow => ({
  kid: r.kid,
  organisation: r.organisation,
  did: r.did,
  publicJwk: JSON.parse(r.public_jwk),
  privateJwkEncrypted: r.private_jwk_encrypted,
  ...(r.retired_at ? { retiredAt: r.retired_at } : {}),
});

export async function issuerKeys(db: Kysely<Database>, organisation?: string): Promise<IssuerKeyRow[]> {
  let q = db.selectFrom("issuer_keys").selectAll();
  if (organisation) q = q.where("organisation", "=", organisation);
  return (await q.orderBy("created_at").execute()).map(toKey);
}

export async function issuerKeyByKid(db: Kysely<Database>, kid: string): Promise<IssuerKeyRow | undefined> {
  const row = await db.selectFrom("issuer_keys").selectAll().where("kid", "=", kid).executeTakeFirst();
  return row ? toKey(row) : undefined;
}

export async function storeIssuerKey(db: Kysely<Database>, key: IssuerKeyRow, at: string): Promise<void> {
  await db
    .insertInto("issuer_keys")
    .values({
      kid: key.kid,
      organisation: key.organisation,
      did: key.did,
      public_jwk: JSON.stringify(key.publicJwk),
      private_jwk_encrypted: key.privateJwkEncrypted,
      created_at: at,
      retired_at: null,
    })
    .execute();
}

export async function retireIssuerKeys(
  db: Kysely<Database>,
  organisation: string,
  at: string,
): Promise<void> {
  await db
    .updateTable("issuer_keys")
    .set({ retired_at: at })
    .where("organisation", "=", organisation)
    .where("retired_at", "is", null)
    .execute();
}

export async function storePassport(
  db: Kysely<Database>,
  p: { credentialId: string; lot: string; organisation: string; kid: string; jwt: string; issuedAt: string },
): Promise<void> {
  await db
    .insertInto("passports")
    .values({
      credential_id: p.credentialId,
      lot_id: p.lot,
      organisation: p.organisation,
      kid: p.kid,
      jwt: p.jwt,
      issued_at: p.issuedAt,
    })
    .execute();
}
