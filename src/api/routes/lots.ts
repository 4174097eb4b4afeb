// Lot endpoints: the lots the caller holds, one lot's provenance summary, its full trace and its origin shares.
// A lot that the caller may not see is not found rather than forbidden.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { may } from "../../domain/access.ts";
import type { ContentKey } from "../../domain/assay.ts";
import { isElement } from "../../domain/chemistry.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { assertLotVisible, audit, findingsVisibleTo, lotsHeldBy } from "../../services/access.ts";
import { sourceSharesOf, traceLot, traceOriginShares } from "../../services/trace.ts";
import { canonicalIdentifier } from "../../standards/epcis/identifiers.ts";
import { getLots, producedMass } from "../../store/lot-store.ts";
import { type AppContext, principalOf } from "../context.ts";
import { LotParams } from "./params.ts";

export async function registerLotRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => context.now().toISOString();

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

  app.get(
    "/lots/:id",
    { schema: { summary: "A lot: class, site, mass, assay", tags: ["Lots"], params: LotParams } },
    async (request) => {
      const principal = principalOf(request);
      const id = canonicalIdentifier(request.params.id);
      await assertLotVisible(context.ledger, principal, id);
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
      await assertLotVisible(context.ledger, principal, id);
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
      await assertLotVisible(context.ledger, principal, id);
      const originShares = await traceOriginShares(context.ledger, id);
      const findings = (await findingsVisibleTo(context.ledger, principal)).filter(
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
        sourceShares: sourceSharesOf(originShares),
        findings: findings.map((f) => ({ id: f.id, code: f.code, severity: f.severity, message: f.message })),
      };
    },
  );
}
