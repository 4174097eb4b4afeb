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
  p: {
    credentialId: string;
    lot: string;
    organisation: string;
    kid: string;
    jwt: string;
    issuedAt: string;
    statusIndex: number;
  },
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
      status_index: p.statusIndex,
      revoked_at: null,
      revocation_reason: null,
    })
    .execute();
}

/** The next free index in an issuer's status list. */
export async function nextStatusIndex(db: Kysely<Database>, organisation: string): Promise<number> {
  const row = await db
    .selectFrom("passports")
    .select((eb) => eb.fn.max<number | string | null>("status_index").as("max"))
    .where("organisation", "=", organisation)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export interface PassportRow {
  credentialId: string;
  lot: string;
  organisation: string;
  jwt: string;
  issuedAt: string;
  statusIndex: number | null;
  revokedAt?: string;
  revocationReason?: string;
}

const toPassport = (r: Database["passports"]): PassportRow => ({
  credentialId: r.credential_id,
  lot: r.lot_id,
  organisation: r.organisation,
  jwt: r.jwt,
  issuedAt: r.issued_at,
  statusIndex: r.status_index,
  ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
  ...(r.revocation_reason ? { revocationReason: r.revocation_reason } : {}),
});

export async function listPassports(
  db: Kysely<Database>,
  filter: { organisation?: string; lot?: string; credentialId?: string } = {},
): Promise<PassportRow[]> {
  let q = db.selectFrom("passports").selectAll();
  if (filter.organisation) q = q.where("organisation", "=", filter.organisation);
  if (filter.lot) q = q.where("lot_id", "=", filter.lot);
  if (filter.credentialId) q = q.where("credential_id", "=", filter.credentialId);
  return (await q.orderBy("issued_at").execute()).map(toPassport);
}

export async function revokePassport(
  db: Kysely<Database>,
  credentialId: string,
  at: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable("passports")
    .set({ revoked_at: at, revocation_reason: reason })
    .where("credential_id", "=", credentialId)
    .where("revoked_at", "is", null)
    .execute();
}
