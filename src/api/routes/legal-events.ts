// Legal events read from the press: the list for review, and confirming or dismissing each with a note.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { may } from "../../domain/access.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { listLegalEvents, setLegalEventStatus } from "../../services/legal-events.ts";
import { type AppContext, principalOf } from "../context.ts";

export async function registerLegalEventRoutes(
  instance: FastifyInstance,
  context: AppContext,
): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/legal-events",
    {
      schema: {
        summary: "Legal and risk events about parties (from master data, news and reviews), newest first",
        tags: ["Risk"],
        querystring: Type.Object({
          party: Type.Optional(Type.String()),
          status: Type.Optional(Type.Union([Type.Literal("open"), Type.Literal("closed")])),
        }),
      },
    },
    async (request) => listLegalEvents(context.ledger, request.query),
  );

  for (const [verb, status] of [
    ["close", "closed"],
    ["reopen", "open"],
  ] as const) {
    app.post(
      `/legal-events/:id/${verb}`,
      {
        schema: {
          summary: `${verb[0]?.toUpperCase()}${verb.slice(1)} a legal event with a note; the findings it raised ${status === "closed" ? "clear" : "return"}`,
          tags: ["Risk"],
          params: Type.Object({ id: Type.String() }),
          body: Type.Object({ note: Type.String({ minLength: 1 }) }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (!may(principal, "import_masterdata")) {
          throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not ${verb} legal events`);
        }
        return setLegalEventStatus(
          context.ledger,
          request.params.id,
          status,
          request.body.note,
          context.now(),
        );
      },
    );
  }
}
