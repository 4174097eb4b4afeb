// All SQL of master data: the current version of each record and every earlier one.
import type { Kysely } from "kysely";
import { emptyMasterData, type MasterData } from "../domain/masterdata.ts";
import type { Database } from "./schema.ts";

export type MasterDataKind =
  | "organisation"
  | "site"
  | "licence"
  | "permit"
  | "declaration"
  | "legal_event"
  | "contract"
  | "sanctions_entry"
  | "rule_pack"
  | "press_candidate";

const COLLECTION: Record<MasterDataKind, keyof MasterData> = {
  organisation: "organisations",
  site: "sites",
  licence: "licences",
  permit: "permits",
  declaration: "declarations",
  legal_event: "legalEvents",
  contract: "contracts",
  sanctions_entry: "sanctions",
  rule_pack: "rulePacks",
  press_candidate: "pressCandidates",
};

export interface UpsertResult {
  created: number;
  changed: number;
  unchanged: number;
}

/** Stores records; an unchanged record is left as it is, a changed one gets a new version and keeps the old. */
export async function upsertMasterData(
  trx: Kysely<Database>,
  data: MasterData,
  importedAt: string,
): Promise<UpsertResult> {
  const result: UpsertResult = { created: 0, changed: 0, unchanged: 0 };
  for (const kind of Object.keys(COLLECTION) as MasterDataKind[]) {
    for (const record of data[COLLECTION[kind]] as { id: string }[]) {
      const body = JSON.stringify(record);
      const current = await trx
        .selectFrom("masterdata")
        .select(["version", "body"])
        .where("kind", "=", kind)
        .where("id", "=", record.id)
        .executeTakeFirst();
      if (current && current.body === body) {
        result.unchanged++;
        continue;
      }
      const version = (current?.version ?? 0) + 1;
      const row = { kind, id: record.id, version, body, imported_at: importedAt };
      await trx.insertInto("masterdata_versions").values(row).execute();
      if (current) {
        await trx
          .updateTable("masterdata")
          .set({ version, body, imported_at: importedAt })
          .where("kind", "=", kind)
          .where("id", "=", record.id)
          .execute();
        result.changed++;
      } else {
        await trx.insertInto("masterdata").values(row).execute();
        result.created++;
      }
    }
  }
  return result;
}

export async function loadMasterData(db: Kysely<Database>): Promise<MasterData> {
  const rows = await db
    .selectFrom("masterdata")
    .select(["kind", "body"])
    .orderBy("kind")
    .orderBy("id")
    .execute();
  const data = emptyMasterData();
  for (const row of rows)
    (data[COLLECTION[row.kind as MasterDataKind]] as unknown[]).push(JSON.parse(row.body));
  return data;
}

/**
 * The master data as loadMasterData reads it, kept per database handle and read again only when a record
 * changed since: an evaluation after each capture would otherwise parse every licence, site and contract each
 * time (8 ms of a 27 ms evaluation on a ledger of 816 records). Every change adds a row to masterdata_versions,
 * never removes one, so its count and newest import time name the state; the check is one aggregate over a
 * small table. The object is frozen, as every caller shares it.
 */
export async function currentMasterData(db: Kysely<Database>): Promise<MasterData> {
  const mark = await db
    .selectFrom("masterdata_versions")
    .select((eb) => [eb.fn.countAll().as("records"), eb.fn.max("imported_at").as("newest")])
    .executeTakeFirst();
  const state = `${mark?.records ?? 0} ${mark?.newest ?? ""}`;
  const cached = masterDataCache.get(db);
  if (cached?.state === state) return cached.data;
  const data = deepFreeze(await loadMasterData(db));
  masterDataCache.set(db, { state, data });
  return data;
}
const masterDataCache = new WeakMap<Kysely<Database>, { state: string; data: MasterData }>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export async function masterDataVersions(
  db: Kysely<Database>,
  kind: MasterDataKind,
  id: string,
): Promise<{ version: number; body: unknown; importedAt: string }[]> {
  const rows = await db
    .selectFrom("masterdata_versions")
    .selectAll()
    .where("kind", "=", kind)
    .where("id", "=", id)
    .orderBy("version")
    .execute();
  return rows.map((r) => ({ version: r.version, body: JSON.parse(r.body), importedAt: r.imported_at }));
}
