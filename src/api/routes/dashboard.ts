// Dashboard read models: key figures, element flows between countries, the environmental view of every plant,
// and a licence's extraction against its licensed quantities.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { may } from "../../domain/access.ts";
import type { ContentKey } from "../../domain/assay.ts";
import { isElement } from "../../domain/chemistry.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { audit } from "../../services/access.ts";
import { flows, licenceExtraction, summary } from "../../services/dashboard.ts";
import { environmentView } from "../../services/environment.ts";
import { type AppContext, principalOf } from "../context.ts";

export async function registerDashboardRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => context.now().toISOString();

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
}
