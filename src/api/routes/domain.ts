// Domain endpoints: master data, lots with their provenance summary, findings with their workflow, and
// streaming exports of events and findings (NDJSON, CSV) with no row cap.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { may, type Principal } from "../../domain/access.ts";
import type { ContentKey } from "../../domain/assay.ts";
import { isElement } from "../../domain/chemistry.ts";
import { LodestoneError } from "../../domain/errors.ts";
import type { Finding } from "../../domain/finding.ts";
import { namesMatch } from "../../domain/names.ts";
import { audit, lotsHeldBy, scopeFor } from "../../services/access.ts";
import { flows, licenceExtraction, summary } from "../../services/dashboard.ts";
import { environmentView } from "../../services/environment.ts";
import { evaluateAndRecord } from "../../services/evaluate.ts";
import { importMasterData } from "../../services/masterdata-import.ts";
import { issuePassport, verifyWithLedger } from "../../services/passport.ts";
import { buyerConcentration } from "../../services/risk.ts";
import { traceLot, traceOriginShares } from "../../services/trace.ts";
import { canonicalIdentifier } from "../../standards/epcis/identifiers.ts";
import { selectEvents } from "../../store/event-store.ts";
import { listFindings, type StoredFinding, setFindingStatus } from "../../store/findings-store.ts";
import { getLots, producedMass } from "../../store/lot-store.ts";
import { loadMasterData } from "../../store/masterdata-store.ts";
import { listPassports } from "../../store/passport-store.ts";
import { type AppContext, principalOf } from "../app.ts";
import { contractVisible } from "./risk.ts";

const LotParams = Type.Object({
  id: Type.String({ description: "LGTIN URN or GS1 Digital Link, URL-encoded" }),
});

/** May this principal read the provenance summary of this lot? Holders, regulators, auditors and admins may. */
async function assertLotVisible(context: AppContext, principal: Principal, lot: string): Promise<void> {
  if (may(principal, "read_all") || may(principal, "read_jurisdiction")) return;
  const held = await lotsHeldBy(context.ledger, principal.organisation);
  // Not found rather than forbidden: the lot's existence is itself not the caller's to know.
  if (!held.has(lot))
    throw new LodestoneError("NOT_FOUND", `no lot ${lot} visible to ${principal.organisation}`);
}

async function visibleFindings(context: AppContext, principal: Principal): Promise<StoredFinding[]> {
  const all = await listFindings(context.ledger.db);
  if (may(principal, "read_all") || may(principal, "read_jurisdiction")) return all;
  const held = await lotsHeldBy(context.ledger, principal.organisation);
  // A party also sees the findings on its own contracts (shortfall, specification, capacity).
  const masterData = await loadMasterData(context.ledger.db);
  const contracts = new Set(
    masterData.contracts.filter((c) => contractVisible(principal, c, masterData)).map((c) => c.id),
  );
  return all.filter(
    (f) =>
      f.taints.some((l) => held.has(l)) || (f.subject.kind === "contract" && contracts.has(f.subject.id)),
  );
}

const csvCell = (v: unknown) => {
  const text = v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function findingRow(f: Finding): unknown[] {
  return [
    f.id,
    f.code,
    f.severity,
    f.status,
    f.subject.kind,
    f.subject.id,
    f.measured?.value,
    f.measured?.unit,
    f.allowed?.value,
    f.allowed?.unit,
    f.message,
    f.taints.length,
  ];
}

async function stream(
  reply: FastifyReply,
  format: "ndjson" | "csv",
  header: string[],
  rows: AsyncIterable<{ json: unknown; row: unknown[] }>,
) {
  reply.header("content-type", format === "ndjson" ? "application/x-ndjson" : "text/csv; charset=utf-8");
  reply.raw.writeHead(200, reply.getHeaders() as Record<string, string>);
  if (format === "csv") reply.raw.write(`${header.join(",")}\n`);
  for await (const r of rows) {
    const line = format === "ndjson" ? `${JSON.stringify(r.json)}\n` : `${r.row.map(csvCell).join(",")}\n`;
    if (!reply.raw.write(line)) await new Promise((resolve) => reply.raw.once("drain", resolve));
  }
  reply.raw.end();
  return reply;
}

export async function registerDomainRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => context.now().toISOString();

  app.get(
    "/organisations",
    {
      schema: {
        summary:
          "The organisations of the master data; search matches names and aliases without diacritics or case",
        tags: ["Master data"],
        querystring: Type.Object({ search: Type.Optional(Type.String()) }),
      },
    },
    async (request) => {
      const all = (await loadMasterData(context.ledger.db)).organisations;
      const search = request.query.search;
      return search ? all.filter((o) => namesMatch(search, [o.name, ...(o.aliases ?? [])])) : all;
    },
  );

  for (const [path, key] of [
    ["/sites", "sites"],
    ["/licences", "licences"],
  ] as const) {
    app.get(
      path,
      { schema: { summary: `The ${key} of the master data`, tags: ["Master data"] } },
      async () => (await loadMasterData(context.ledger.db))[key],
    );
  }

  app.get(
    "/summary",
    { schema: { summary: "Key figures of what the caller may see", tags: ["Dashboard"] } },
    async (request) => summary(context.ledger, principalOf(request)),
  );

  app.get(
    "/flows",
    {
      schema: {
        summary:
          "Material shipped between sites, per element or by mass, in a period (for a Sankey), with the sites of unexplained gains and losses",
        tags: ["Dashboard"],
        querystring: Type.Object({
          element: Type.Optional(Type.String()),
          from: Type.Optional(
            Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "first day, YYYY-MM-DD" }),
          ),
          to: Type.Optional(
            Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "last day, YYYY-MM-DD" }),
          ),
        }),
      },
    },
    async (request) => {
      const element = request.query.element ?? "mass";
      if (element !== "mass" && element !== "TREO" && !isElement(element)) {
        throw new LodestoneError(
          "QUERY_PARAMETER",
          `element: "${element}" is not an element symbol, TREO or mass`,
        );
      }
      const { from, to } = request.query;
      return flows(context.ledger, principalOf(request), element as ContentKey | "mass", {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
    },
  );

  app.get(
    "/environment",
    {
      schema: {
        summary:
          "Thorium or uranium through every plant (products, residues, unaccounted) in a period, and residue held per site against its storage permit (regulator, auditor, admin)",
        tags: ["Dashboard"],
        querystring: Type.Object({
          element: Type.Optional(Type.Union([Type.Literal("Th"), Type.Literal("U")])),
          from: Type.Optional(
            Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "first day, YYYY-MM-DD" }),
          ),
          to: Type.Optional(
            Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "last day, YYYY-MM-DD" }),
          ),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!may(principal, "read_all") && !may(principal, "read_jurisdiction")) {
        throw new LodestoneError(
          "FORBIDDEN",
          `a ${principal.role} may not read the environmental view of every plant`,
        );
      }
      const { element = "Th", from, to } = request.query;
      return environmentView(
        context.ledger,
        element,
        { ...(from ? { from } : {}), ...(to ? { to } : {}) },
        context.now().toISOString().slice(0, 10),
      );
    },
  );

  app.get(
    "/risk/concentration",
    {
      schema: {
        summary:
          "A buyer's received supply of an element by origin country and by supplier, the HHI, and CONCENTRATION findings",
        tags: ["Risk"],
        querystring: Type.Object({
          buyer: Type.String({ description: "the buying organisation (PGLN URN or Digital Link)" }),
          element: Type.Optional(Type.String({ description: "element symbol or TREO; default Nd" })),
          maxCountryShare: Type.Optional(
            Type.Number({ exclusiveMinimum: 0, maximum: 1, description: "default 0.65 (EU CRMA)" }),
          ),
          maxSupplierShare: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { buyer, maxCountryShare, maxSupplierShare } = request.query;
      const element = request.query.element ?? "Nd";
      if (element !== "TREO" && !isElement(element)) {
        throw new LodestoneError("QUERY_PARAMETER", `element: "${element}" is not an element symbol or TREO`);
      }
      // A party sees its own supply; regulators, auditors and admins see any buyer's.
      const own = canonicalIdentifier(buyer) === canonicalIdentifier(principal.organisation);
      if (!own && !may(principal, "read_all") && !may(principal, "read_jurisdiction")) {
        throw new LodestoneError("FORBIDDEN", `buyer: a ${principal.role} may read only its own supply`);
      }
      const report = await buyerConcentration(context.ledger, buyer, element as ContentKey, {
        ...(maxCountryShare !== undefined ? { countryShareMax: maxCountryShare } : {}),
        ...(maxSupplierShare !== undefined ? { supplierShareMax: maxSupplierShare } : {}),
      });
      if (!own) {
        await audit(context.ledger, principal, {
          at: now(),
          action: "read_concentration",
          resource: request.url,
          detail: {},
        });
      }
      return report;
    },
  );

  app.get(
    "/licences/:id/extraction",
    {
      schema: {
        summary: "A licence's extraction per year against capacity and reserve",
        tags: ["Master data"],
        params: Type.Object({ id: Type.String() }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!may(principal, "read_all") && !may(principal, "read_jurisdiction")) {
        throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not read licence extraction`);
      }
      const result = await licenceExtraction(context.ledger, request.params.id);
      if (!result) throw new LodestoneError("NOT_FOUND", `no licence ${request.params.id}`);
      await audit(context.ledger, principal, {
        at: now(),
        action: "read_licence_extraction",
        resource: request.url,
        detail: {},
      });
      return result;
    },
  );

  app.get(
    "/lots",
    {
      schema: {
        summary: "Lots the caller may see, optionally matching a text",
        tags: ["Lots"],
        querystring: Type.Object({ search: Type.Optional(Type.String()) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const search = request.query.search ?? "";
      let q = context.ledger.db
        .selectFrom("lots")
        .select(["lot_id", "material_class", "site"])
        .orderBy("lot_id")
        .limit(200);
      if (search) q = q.where("lot_id", "like", `%${search.replace(/[%_]/g, "")}%`);
      const rows = await q.execute();
      const held =
        may(principal, "read_all") || may(principal, "read_jurisdiction")
          ? undefined
          : await lotsHeldBy(context.ledger, principal.organisation);
      return rows
        .filter((r) => !held || held.has(r.lot_id))
        .map((r) => ({ lot: r.lot_id, materialClass: r.material_class, site: r.site }));
    },
  );

  app.post(
    "/masterdata",
    {
      schema: {
        summary: "Import master data (docs/masterdata.md); idempotent",
        tags: ["Master data"],
        body: Type.Unknown(),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!may(principal, "import_masterdata"))
        throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not import master data`);
      const result = await importMasterData(context.ledger, request.body, context.now());
      await evaluateAndRecord(context.ledger, context.now());
      await audit(context.ledger, principal, {
        at: now(),
        action: "import_masterdata",
        resource: "/masterdata",
        detail: result,
      });
      return result;
    },
  );

  app.get(
    "/lots/:id",
    { schema: { summary: "A lot: class, site, mass, assay", tags: ["Lots"], params: LotParams } },
    async (request) => {
      const principal = principalOf(request);
      const id = canonicalIdentifier(request.params.id);
      await assertLotVisible(context, principal, id);
      const lot = (await getLots(context.ledger.db, [id])).get(id);
      if (!lot) throw new LodestoneError("NOT_FOUND", `no lot ${request.params.id}`);
      await audit(context.ledger, principal, {
        at: now(),
        action: "read_lot",
        resource: request.url,
        detail: { lot: id },
      });
      return { ...lot, massKg: (await producedMass(context.ledger.db, [id])).get(id) ?? null };
    },
  );

  app.get(
    "/lots/:id/trace",
    {
      schema: {
        summary: "A lot's provenance graph with origin shares",
        tags: ["Lots"],
        params: LotParams,
        querystring: Type.Object({
          direction: Type.Optional(Type.Union([Type.Literal("up"), Type.Literal("down")])),
          element: Type.Optional(Type.String()),
          model: Type.Optional(Type.Union([Type.Literal("physical"), Type.Literal("mass_balance")])),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const id = canonicalIdentifier(request.params.id);
      await assertLotVisible(context, principal, id);
      const { direction, element, model } = request.query;
      if (element !== undefined && element !== "TREO" && !isElement(element)) {
        throw new LodestoneError("QUERY_PARAMETER", `element: "${element}" is not an element symbol or TREO`);
      }
      const trace = await traceLot(context.ledger, id, {
        ...(direction ? { direction } : {}),
        ...(element ? { elements: [element as ContentKey] } : {}),
        ...(model ? { model } : {}),
      });
      await audit(context.ledger, principal, {
        at: now(),
        action: "read_trace",
        resource: request.url,
        detail: { lot: id },
      });
      return trace;
    },
  );

  app.get(
    "/lots/:id/origin",
    { schema: { summary: "Origin shares of a lot, per element", tags: ["Lots"], params: LotParams } },
    async (request) => {
      const principal = principalOf(request);
      const id = canonicalIdentifier(request.params.id);
      await assertLotVisible(context, principal, id);
      const originShares = await traceOriginShares(context.ledger, id);
      const findings = (await visibleFindings(context, principal)).filter(
        (f) => f.taints.includes(id) && f.status !== "resolved",
      );
      await audit(context.ledger, principal, {
        at: now(),
        action: "read_origin",
        resource: request.url,
        detail: { lot: id },
      });
      return {
        lot: id,
        originShares,
        findings: findings.map((f) => ({ id: f.id, code: f.code, severity: f.severity, message: f.message })),
      };
    },
  );

  app.post(
    "/lots/:id/passport",
    {
      schema: {
        summary:
          "Issue the lot's UNTP Digital Product Passport (vc+jwt), signed by the caller's organisation",
        tags: ["Passports"],
        params: LotParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!may(principal, "capture"))
        throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not issue passports`);
      const id = canonicalIdentifier(request.params.id);
      await assertLotVisible(context, principal, id);
      const issued = await issuePassport(context.ledger, id, principal.organisation, context.now());
      await audit(context.ledger, principal, {
        at: now(),
        action: "issue_passport",
        resource: request.url,
        detail: { credential: issued.credentialId },
      });
      return {
        credentialId: issued.credentialId,
        verifiableCredential: {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          type: "EnvelopedVerifiableCredential",
          id: `data:application/vc+jwt,${issued.jwt}`,
        },
      };
    },
  );

  app.get(
    "/lots/:id/passports",
    {
      schema: {
        summary: "Passports issued for a lot, with their status",
        tags: ["Passports"],
        params: LotParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const id = canonicalIdentifier(request.params.id);
      await assertLotVisible(context, principal, id);
      return (await listPassports(context.ledger.db, { lot: id })).map((p) => ({
        credentialId: p.credentialId,
        issuer: p.organisation,
        issuedAt: p.issuedAt,
        revoked: p.revokedAt !== undefined,
        ...(p.revocationReason ? { revocationReason: p.revocationReason } : {}),
        verifiableCredential: `data:application/vc+jwt,${p.jwt}`,
      }));
    },
  );

  app.post(
    "/verify",
    {
      schema: {
        summary: "Verify a VC-JOSE credential against the ledger's issuer keys",
        tags: ["Passports"],
        body: Type.Unknown(),
      },
    },
    async (request) => {
      const body = request.body;
      const input = typeof body === "string" ? body : JSON.stringify(body);
      const verdict = await verifyWithLedger(context.ledger, input, { now: context.now() });
      return { valid: verdict.valid, checks: verdict.checks };
    },
  );

  app.get(
    "/findings",
    {
      schema: {
        summary: "Findings the caller may see, filtered",
        tags: ["Findings"],
        querystring: Type.Object({
          code: Type.Optional(Type.String()),
          status: Type.Optional(
            Type.Union([Type.Literal("open"), Type.Literal("acknowledged"), Type.Literal("resolved")]),
          ),
          severity: Type.Optional(
            Type.Union([Type.Literal("info"), Type.Literal("warning"), Type.Literal("violation")]),
          ),
          subject: Type.Optional(Type.String()),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { code, status, severity, subject } = request.query;
      const findings = (await visibleFindings(context, principal)).filter(
        (f) =>
          (!code || f.code === code) &&
          (!status || f.status === status) &&
          (!severity || f.severity === severity) &&
          (!subject || f.subject.id === subject),
      );
      await audit(context.ledger, principal, {
        at: now(),
        action: "read_findings",
        resource: request.url,
        detail: { count: findings.length },
      });
      return { findings };
    },
  );

  for (const [verb, status] of [
    ["acknowledge", "acknowledged"],
    ["resolve", "resolved"],
  ] as const) {
    app.post(
      `/findings/:id/${verb}`,
      {
        schema: {
          summary: `Mark a finding ${status}, with a note`,
          tags: ["Findings"],
          params: Type.Object({ id: Type.String() }),
          body: Type.Object({ note: Type.String({ minLength: 1 }) }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (!may(principal, "set_finding_status"))
          throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not ${verb} findings`);
        const done = await context.ledger.writeTransaction((trx) =>
          setFindingStatus(trx, request.params.id, status, request.body.note, now()),
        );
        if (!done) throw new LodestoneError("NOT_FOUND", `no finding ${request.params.id}`);
        await audit(context.ledger, principal, {
          at: now(),
          action: `finding_${verb}`,
          resource: request.url,
          detail: { note: request.body.note },
        });
        return { id: request.params.id, status };
      },
    );
  }

  const Format = Type.Object({ format: Type.Union([Type.Literal("ndjson"), Type.Literal("csv")]) });
  app.get(
    "/export/events.:format",
    { schema: { summary: "Every event the caller can see, streamed", tags: ["Export"], params: Format } },
    async (request: FastifyRequest<{ Params: { format: "ndjson" | "csv" } }>, reply) => {
      const principal = principalOf(request);
      const scope = await scopeFor(context.ledger, principal);
      const restrict = scope.all ? {} : { scope: { organisations: scope.organisations, sites: scope.sites } };
      await audit(context.ledger, principal, {
        at: now(),
        action: "export_events",
        resource: request.url,
        detail: {},
      });
      async function* rows() {
        let after: { orderValue: string; eventHash: string } | undefined;
        for (;;) {
          const page = await selectEvents(context.ledger.db, {
            epcMatches: [],
            classMatches: [],
            quantityBounds: [],
            bizTransactions: [],
            parties: [],
            order: { by: "recordTime", direction: "asc" },
            limit: 1000,
            ...restrict,
            ...(after ? { after } : {}),
          });
          for (const e of page) {
            yield {
              json: {
                eventHash: e.eventHash,
                recordTime: e.recordTime,
                capturingOrganisation: e.capturingOrganisation,
                event: e.event,
              },
              row: [
                e.eventHash,
                e.event.kind,
                e.event.eventTime,
                e.recordTime,
                e.capturingOrganisation,
                e.event.bizStep,
                e.event.bizLocation?.id,
              ],
            };
          }
          const last = page[page.length - 1];
          if (!last || page.length < 1000) return;
          after = { orderValue: last.recordTime, eventHash: last.eventHash };
        }
      }
      return stream(
        reply,
        request.params.format,
        [
          "eventHash",
          "eventType",
          "eventTime",
          "recordTime",
          "capturingOrganisation",
          "bizStep",
          "bizLocation",
        ],
        rows(),
      );
    },
  );

  app.get(
    "/export/findings.:format",
    { schema: { summary: "Findings the caller may see, streamed", tags: ["Export"], params: Format } },
    async (request: FastifyRequest<{ Params: { format: "ndjson" | "csv" } }>, reply) => {
      const principal = principalOf(request);
      const findings = await visibleFindings(context, principal);
      await audit(context.ledger, principal, {
        at: now(),
        action: "export_findings",
        resource: request.url,
        detail: { count: findings.length },
      });
      async function* rows() {
        for (const f of findings) yield { json: f, row: findingRow(f) };
      }
      return stream(
        reply,
        request.params.format,
        [
          "id",
          "code",
          "severity",
          "status",
          "subjectKind",
          "subjectId",
          "measured",
          "measuredUnit",
          "allowed",
          "allowedUnit",
          "message",
          "taintedLots",
        ],
        rows(),
      );
    },
  );
}
