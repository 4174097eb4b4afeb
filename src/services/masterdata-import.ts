// The master-data import verb: schema check, cross-record checks, then one transaction; idempotent, with
// every change kept as a new version.
import { Ajv, type ErrorObject } from "ajv";
import { LodestoneError, type Problem } from "../domain/errors.ts";
import { emptyMasterData, type MasterData, validateMasterData } from "../domain/masterdata.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import schema from "../standards/lodestone/masterdata.schema.json" with { type: "json" };
import type { Ledger } from "../store/db.ts";
import { loadMasterData, type UpsertResult, upsertMasterData } from "../store/masterdata-store.ts";

const validate = new Ajv({ allErrors: true, strict: false, useDefaults: true }).compile(schema);

/** Ajv's errors as problems naming the field (`contracts[0].sources[1].licence`) and the reason. */
export function schemaProblems(errors: ErrorObject[] | null | undefined): Problem[] {
  return (errors ?? [])
    .filter((e) => !["if", "anyOf", "allOf"].includes(e.keyword))
    .map((e) => {
      const p = e.params as Record<string, unknown>;
      const where =
        e.instancePath
          .replace(/^\//, "")
          .replace(/\/(\d+)/g, "[$1]")
          .replace(/\//g, ".") || "$";
      if (e.keyword === "required")
        return {
          path: `${where === "$" ? "" : `${where}.`}${p.missingProperty}`,
          message: "required field is missing",
        };
      if (e.keyword === "additionalProperties")
        return { path: `${where}.${p.additionalProperty}`, message: "unknown field" };
      return { path: where, message: e.message ?? e.keyword };
    });
}

/** Identifiers of sites and lots are kept canonical, so URN and Digital Link forms meet. */
function canonical(data: MasterData): MasterData {
  return {
    ...data,
    sites: data.sites.map((s) => ({ ...s, id: canonicalIdentifier(s.id) })),
    licences: data.licences.map((l) => ({ ...l, site: canonicalIdentifier(l.site) })),
    permits: data.permits.map((p) => ({
      ...p,
      ...(p.site ? { site: canonicalIdentifier(p.site) } : {}),
      ...(p.lots ? { lots: p.lots.map(canonicalIdentifier) } : {}),
    })),
    declarations: data.declarations.map((d) => {
      const customs = d.customs;
      if (!customs) return d;
      return {
        ...d,
        customs: {
          ...customs,
          ...(customs.lot ? { lot: canonicalIdentifier(customs.lot) } : {}),
          ...(customs.lines
            ? { lines: customs.lines.map((l) => (l.lot ? { ...l, lot: canonicalIdentifier(l.lot) } : l)) }
            : {}),
          ...(customs.invoice ? { invoice: canonicalIdentifier(customs.invoice) } : {}),
        },
      };
    }),
  };
}

export async function importMasterData(ledger: Ledger, input: unknown, now: Date): Promise<UpsertResult> {
  const copy = structuredClone(input);
  if (!validate(copy)) {
    throw new LodestoneError(
      "CAPTURE_REJECTED",
      "master data does not match its schema",
      schemaProblems(validate.errors),
    );
  }
  const data = canonical({ ...emptyMasterData(), ...(copy as Partial<MasterData>) });
  const existing = await loadMasterData(ledger.db);
  const problems = validateMasterData(
    data,
    new Set(existing.licences.map((l) => l.id)),
    new Set(existing.organisations.map((o) => o.id)),
    new Set(existing.sites.map((s) => s.id)),
  );
  if (problems.length > 0) throw new LodestoneError("CAPTURE_REJECTED", "master data refused", problems);
  return ledger.writeTransaction((trx) => upsertMasterData(trx, data, now.toISOString()));
}
