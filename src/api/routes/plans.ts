// The planner endpoint: which licensed mines and plants can meet an oxide demand, at least cost, and what binds.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { may } from "../../domain/access.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { contractVisible } from "../../services/access.ts";
import { plan } from "../../services/plan.ts";
import { loadMasterData } from "../../store/masterdata-store.ts";
import { type AppContext, principalOf } from "../context.ts";
import { DateString } from "./params.ts";

export async function registerPlanRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const today = () => context.now().toISOString().slice(0, 10);

  app.post(
    "/plans",
    {
      schema: {
        summary:
          "Plan which licensed mines and plants meet an oxide demand at least cost (body: the planning input of docs/planner.md); infeasible demands name what limits them",
        tags: ["Risk"],
        querystring: Type.Object({ asOf: Type.Optional(DateString) }),
        body: Type.Unknown(),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!may(principal, "plan"))
        throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not plan supply`);
      const body = request.body as Record<string, unknown> | undefined;
      if (body && typeof body.contract === "string") {
        const masterData = await loadMasterData(context.ledger.db);
        const contract = masterData.contracts.find((c) => c.id === body.contract);
        if (!contract || !contractVisible(principal, contract, masterData)) {
          throw new LodestoneError("NOT_FOUND", `contract: no contract ${body.contract} the caller may read`);
        }
      }
      return plan(context.ledger, body, request.query.asOf ?? today());
    },
  );
}
