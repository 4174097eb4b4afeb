// Request bodies the API reads: JSON (depth-limited before parsing) and the EPCIS XML binding (refused when
// hostile before any route sees it), plus the plain-text bodies that the news and sanctions routes accept.
import type { FastifyInstance } from "fastify";
import { LodestoneError } from "../domain/errors.ts";
import { documentKind } from "../standards/epcis/parse-xml.ts";
import { readXmlTree, XmlRefused } from "../standards/epcis/xml-tree.ts";

/** Nesting deeper than this is refused before parsing: no legitimate EPCIS document comes close. */
export const MAX_JSON_DEPTH = 64;

/**
 * A body in the EPCIS XML binding: its text, and what its root element says it is. Hostile XML (DTDs,
 * entity bombs, absurd depth) was refused before this exists, so a capture job never starts on it.
 */
export class XmlBody {
  constructor(
    readonly text: string,
    readonly kind: "EPCISDocument" | "EPCISQueryDocument" | "event" | undefined,
  ) {}
}

function depthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** JSON and XML bodies for the whole app; any other content type is 415. */
export function registerBodyParsers(app: FastifyInstance): void {
  // application/json and application/ld+json are both JSON, application/xml and text/xml the XML binding;
  // anything else is 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ["application/json", "application/ld+json"],
    { parseAs: "string" },
    (_req, body, done) => {
      const text = body as string;
      if (depthExceeds(text, MAX_JSON_DEPTH)) {
        done(
          new LodestoneError("EPCIS_INVALID", `body: JSON nested deeper than ${MAX_JSON_DEPTH} levels`),
          undefined,
        );
        return;
      }
      try {
        done(null, text.length === 0 ? undefined : JSON.parse(text));
      } catch (error) {
        done(
          new LodestoneError("EPCIS_INVALID", `body: malformed JSON: ${(error as Error).message}`),
          undefined,
        );
      }
    },
  );

  app.addContentTypeParser(["application/xml", "text/xml"], { parseAs: "string" }, (_req, body, done) => {
    const text = body as string;
    try {
      done(null, new XmlBody(text, documentKind(readXmlTree(text))));
    } catch (error) {
      if (!(error instanceof XmlRefused)) throw error;
      done(new LodestoneError("EPCIS_INVALID", `body: ${error.path}: ${error.message}`), undefined);
    }
  });
}

/** Articles and lists arrive as they were published; only the scopes that call this read text bodies. */
export function acceptTextBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    ["text/plain", "text/html", "text/csv"],
    { parseAs: "buffer" },
    (_request, body, done) => done(null, body),
  );
}
