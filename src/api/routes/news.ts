// News ingestion: an article (JSON, plain text or HTML) read for legal actions against organisations of the
// master data, which become legal events for review.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { may } from "../../domain/access.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { audit } from "../../services/access.ts";
import { ingestArticle, parseArticle } from "../../services/news.ts";
import {
  listPressCandidates,
  matchPressCandidate,
  rejectPressCandidate,
} from "../../services/press-candidates.ts";
import { acceptTextBodies } from "../bodies.ts";
import { type AppContext, principalOf } from "../context.ts";

export async function registerNewsRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  // Only these scopes read text bodies (elsewhere they are 415).
  acceptTextBodies(app);

  app.post(
    "/news",
    {
      schema: {
        summary:
          "Read a news article (text/plain with optional header lines, text/html, or JSON {text, title, publisher, url, published}) and store a legal event per subject of a reported action",
        tags: ["Risk"],
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!may(principal, "ingest_news")) {
        throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not ingest news`);
      }
      const body = request.body;
      let article: ReturnType<typeof parseArticle>;
      if (typeof body === "string" || Buffer.isBuffer(body)) {
        article = parseArticle(Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8"), "article");
      } else if (body && typeof body === "object" && typeof (body as { text?: unknown }).text === "string") {
        const b = body as Record<string, unknown>;
        const header = ["title", "publisher", "url", "published"]
          .filter((k) => typeof b[k] === "string")
          .map((k) => `${k === "published" ? "Date" : k[0]?.toUpperCase() + k.slice(1)}: ${b[k]}`);
        article = parseArticle(Buffer.from([...header, "", b.text as string].join("\n"), "utf8"), "article");
      } else {
        throw new LodestoneError(
          "INPUT_UNREADABLE",
          "text: required: the article as text/plain, text/html or JSON {text}",
        );
      }
      return ingestArticle(context.ledger, article, context.now());
    },
  );

  app.get(
    "/news/candidates",
    {
      schema: {
        summary:
          "Organisations read in the press that master data does not know, with every article's report and likely matches (the review queue)",
        tags: ["Risk"],
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([
              Type.Literal("pending"),
              Type.Literal("matched"),
              Type.Literal("rejected"),
              Type.Literal("all"),
            ]),
          ),
        }),
      },
    },
    async (request) => listPressCandidates(context.ledger, request.query),
  );

  // Reviewing changes master data (aliases, legal events): the same right as closing a legal event. Each
  // review is in the audit log, with its note.
  const review = async <T>(
    request: Parameters<typeof principalOf>[0] & { url: string; params: { id: string } },
    verb: "match" | "reject",
    detail: Record<string, unknown>,
    work: () => Promise<T>,
  ): Promise<T> => {
    const principal = principalOf(request);
    if (!may(principal, "import_masterdata")) {
      throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not ${verb} press candidates`);
    }
    const result = await work();
    await audit(context.ledger, principal, {
      at: context.now().toISOString(),
      action: `${verb}_press_candidate`,
      resource: request.url,
      detail: { candidate: request.params.id, ...detail },
    });
    return result;
  };

  app.post(
    "/news/candidates/:id/match",
    {
      schema: {
        summary:
          "Match a press candidate to an organisation of master data: its reported actions become open legal events, its spellings aliases",
        tags: ["Risk"],
        params: Type.Object({ id: Type.String() }),
        body: Type.Object({
          organisation: Type.String({ minLength: 1 }),
          note: Type.Optional(Type.String()),
        }),
      },
    },
    async (request) =>
      review(request, "match", { organisation: request.body.organisation, note: request.body.note }, () =>
        matchPressCandidate(
          context.ledger,
          request.params.id,
          request.body.organisation,
          request.body.note,
          context.now(),
        ),
      ),
  );

  app.post(
    "/news/candidates/:id/reject",
    {
      schema: {
        summary: "Reject a press candidate with a note: it stays in the queue's history and raises nothing",
        tags: ["Risk"],
        params: Type.Object({ id: Type.String() }),
        body: Type.Object({ note: Type.String({ minLength: 1 }) }),
      },
    },
    async (request) =>
      review(request, "reject", { note: request.body.note }, () =>
        rejectPressCandidate(context.ledger, request.params.id, request.body.note, context.now()),
      ),
  );
}
