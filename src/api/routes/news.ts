// News ingestion: an article (JSON, plain text or HTML) read for legal actions against organisations of the
// master data, which become legal events for review.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { may } from "../../domain/access.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { ingestArticle, parseArticle } from "../../services/news.ts";
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
}
