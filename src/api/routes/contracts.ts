// Offtake contract endpoints: delivered against committed per period, specification, capacity and supply at risk.
// A contract is its parties' business: the buyer and the seller read it, as do auditors and admins, and a
// regulator of the seller's country (services/access.ts, contractVisible).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { LodestoneError } from "../../domain/errors.ts";
import { contractVisible } from "../../services/access.ts";
import { contractReport, findContract } from "../../services/contracts.ts";
import { loadMasterData } from "../../store/masterdata-store.ts";
import { type AppContext, principalOf } from "../context.ts";
import { DateString } from "./params.ts";

export async function registerContractRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const today = () => context.now().toISOString().slice(0, 10);

  app.get(
    "/contracts",
    {
      schema: {
        summary: "The offtake contracts the caller may read",
        tags: ["Risk"],
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const masterData = await loadMasterData(context.ledger.db);
      return masterData.contracts.filter((c) => contractVisible(principal, c, masterData));
    },
  );

  app.get(
    "/contracts/:id",
    {
      schema: {
        summary:
          "One contract as of a date: delivered against committed per period, projected shortfall, off-specification lots, capacity plausibility, supply at risk",
        tags: ["Risk"],
        params: Type.Object({ id: Type.String() }),
        querystring: Type.Object({ asOf: Type.Optional(DateString) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const masterData = await loadMasterData(context.ledger.db);
      const contract = findContract(masterData, request.params.id);
      // Not found rather than forbidden: a contract's existence is its parties' business.
      if (!contractVisible(principal, contract, masterData)) {
        throw new LodestoneError(
          "NOT_FOUND",
          `contract: no contract ${request.params.id} visible to ${principal.organisation}`,
        );
      }
      return contractReport(context.ledger, contract.id, request.query.asOf ?? today());
    },
  );
}
