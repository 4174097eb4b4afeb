// Sanctions screening: importing a restricted-party list (JSON or CSV) and the matches against every organisation.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { may } from "../../domain/access.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { SANCTIONS_MATCH_THRESHOLD, screenOrganisations } from "../../domain/sanctions.ts";
import { importSanctionsList, parseSanctionsList } from "../../services/sanctions-import.ts";
import { loadMasterData } from "../../store/masterdata-store.ts";
import { acceptTextBodies } from "../bodies.ts";
import { type AppContext, principalOf } from "../context.ts";

export async function registerSanctionsRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  // Only these scopes read text bodies (elsewhere they are 415).
  acceptTextBodies(app);

  app.post(
    "/sanctions",
    {
      schema: {
        summary:
          "Import a sanctions or restricted-party list (text/csv with a header row, or JSON: an array of entries or {entries}) and screen every organisation",
        tags: ["Risk"],
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!may(principal, "import_masterdata")) {
        throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not import sanctions lists`);
      }
      const body = request.body;
      const content = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body ?? ""), "utf8");
      const entries = parseSanctionsList(content, "list");
      return importSanctionsList(context.ledger, entries, context.now());
    },
  );

  app.get(
    "/sanctions/matches",
    {
      schema: {
        summary: "Every organisation screened against the imported lists at a threshold (nothing stored)",
        tags: ["Risk"],
        querystring: Type.Object({
          threshold: Type.Optional(
            Type.Number({
              exclusiveMinimum: 0,
              maximum: 1,
              description: `default ${SANCTIONS_MATCH_THRESHOLD}`,
            }),
          ),
        }),
      },
    },
    async (request) => {
      const { organisations, sanctions } = await loadMasterData(context.ledger.db);
      return screenOrganisations(
        organisations,
        sanctions,
        request.query.threshold ?? SANCTIONS_MATCH_THRESHOLD,
      );
    },
  );
}
