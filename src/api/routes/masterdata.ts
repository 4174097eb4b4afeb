// Master-data endpoints: the organisations, sites and licences of the ledger, and importing a master-data file
// (docs/masterdata.md), after which the findings are evaluated again.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { may } from "../../domain/access.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { namesMatch } from "../../domain/names.ts";
import { audit } from "../../services/access.ts";
import { evaluateAndRecord } from "../../services/evaluate.ts";
import { importMasterData } from "../../services/masterdata-import.ts";
import { loadMasterData } from "../../store/masterdata-store.ts";
import { type AppContext, principalOf } from "../context.ts";

export async function registerMasterDataRoutes(
  instance: FastifyInstance,
  context: AppContext,
): Promise<void> {
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
      // Master data can change past results (a licence suspended retroactively, a permit revoked): the full
      // evaluation that follows re-opens or clears findings, and the audit entry names them.
      const { diff } = await evaluateAndRecord(context.ledger, context.now());
      await audit(context.ledger, principal, {
        at: now(),
        action: "import_masterdata",
        resource: "/masterdata",
        detail: { ...result, findings: diff.changes },
      });
      return result;
    },
  );
}
