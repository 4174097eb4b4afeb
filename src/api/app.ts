// The HTTP API: a Fastify app built without listening, so tests inject requests and the server listens.
// TypeBox schemas give validation, handler types and the OpenAPI document; errors are problem+json.
import { randomUUID } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import QRCode from "qrcode";
import { LodestoneError } from "../domain/errors.ts";
import { principalFor } from "../services/access.ts";
import { issuerDidDocument, organisationForSlug, publicBaseUrl, statusList } from "../services/passport.ts";
import { didWeb } from "../standards/vc/did.ts";
import type { Ledger } from "../store/db.ts";
import { issuerKeys } from "../store/passport-store.ts";
import { registerBodyParsers } from "./bodies.ts";
import { CaptureAdmission, type CaptureLimits, DEFAULT_CAPTURE_LIMITS } from "./capture-admission.ts";
import type { AppContext } from "./context.ts";
import { problemFromError } from "./problems.ts";
import { resolveDigitalLink } from "./resolver.ts";
import { registerContractRoutes } from "./routes/contracts.ts";
import { registerDashboardRoutes } from "./routes/dashboard.ts";
import { registerEpcisRoutes } from "./routes/epcis.ts";
import { registerExportRoutes } from "./routes/exports.ts";
import { registerFindingRoutes } from "./routes/findings.ts";
import { registerLegalEventRoutes } from "./routes/legal-events.ts";
import { registerLotRoutes } from "./routes/lots.ts";
import { registerMasterDataRoutes } from "./routes/masterdata.ts";
import { registerNewsRoutes } from "./routes/news.ts";
import { registerPassportRoutes } from "./routes/passports.ts";
import { registerPlanRoutes } from "./routes/plans.ts";
import { registerReportRoutes } from "./routes/reports.ts";
import { registerRiskRoutes } from "./routes/risk.ts";
import { registerSanctionsRoutes } from "./routes/sanctions.ts";

export interface AppDeps {
  ledger: Ledger;
  now?: () => Date;
  newId?: () => string;
  /** Pino logging; off in tests unless asked for. */
  logger?: boolean;
  /** Requests per minute per token (default 600). */
  rateLimitPerMinute?: number;
  /** Failed sign-ins (unknown tokens) an address may make in a minute before it is refused with 429. */
  failedSignInsPerMinute?: number;
  bodyLimitBytes?: number;
  /** Capture jobs and bytes in flight before POST /epcis/capture answers 503 (DEFAULT_CAPTURE_LIMITS). */
  captureLimits?: Partial<CaptureLimits>;
  /** Allowed CORS origins; none unless configured. */
  corsOrigins?: string[];
  /** The built dashboard (web/dist) to serve at /. */
  webRoot?: string;
  /** Demo mode only: the sign-in roles and their tokens, offered to the dashboard at /demo/roles. */
  demoRoles?: { key: string; role: string; organisation: string; name: string; token: string }[];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance & { lodestone: AppContext }> {
  const app = Fastify({
    logger: deps.logger ? { level: "info" } : false,
    bodyLimit: deps.bodyLimitBytes ?? 20 * 1024 * 1024,
    genReqId: () => randomUUID(),
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const context: AppContext = {
    ledger: deps.ledger,
    now: deps.now ?? (() => new Date()),
    newId: deps.newId ?? randomUUID,
    inFlight: new Set(),
    captureAdmission: new CaptureAdmission({ ...DEFAULT_CAPTURE_LIMITS, ...deps.captureLimits }),
  };

  registerBodyParsers(app);

  app.setErrorHandler((error, _request, reply) => problemFromError(error, reply));
  // Closing waits for captures in flight, so none is cut off halfway (they are transactional either way).
  app.addHook("onClose", async () => {
    await Promise.allSettled([...context.inFlight]);
  });
  app.setNotFoundHandler((request, reply) =>
    problemFromError(
      new LodestoneError("NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0]}`),
      reply,
    ),
  );

  await app.register(rateLimit, {
    max: deps.rateLimitPerMinute ?? 600,
    timeWindow: "1 minute",
    keyGenerator: (request: FastifyRequest) => request.headers.authorization ?? request.ip,
  });
  if (deps.corsOrigins && deps.corsOrigins.length > 0) {
    const allowed = new Set(deps.corsOrigins);
    app.addHook("onRequest", async (request, reply) => {
      const origin = request.headers.origin;
      if (origin && allowed.has(origin))
        reply.header("access-control-allow-origin", origin).header("vary", "Origin");
    });
  }

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Lodestone API",
        version: "0.1.0",
        description:
          "The rare-earth value-chain ledger: the EPCIS 2.0 REST binding under /epcis, and lots, provenance, findings and master data.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  const failedSignIns = new Map<string, { since: number; count: number }>();
  const failedSignInLimit = deps.failedSignInsPerMinute ?? 20;
  // Every route but the documentation needs a bearer token.
  app.addHook("preHandler", async (request) => {
    const path = request.url.split("?")[0] ?? "";
    if (path.startsWith("/docs") || path === "/openapi.json" || path === "/health" || path === "/demo/roles")
      return;
    // Issuers' DID documents and status lists are public: anyone verifying a passport may fetch them.
    if (/^\/issuers\/[^/]+\/(did\.json|status)$/.test(path) || path === "/.well-known/did.json") return;
    // GS1 Digital Link resolution of lots is public: a QR code on a drum must resolve for anyone.
    if (/^\/01\/\d{14}\/10\/[^/]+$/.test(path) || path === "/qr.svg") return;
    if (
      deps.webRoot &&
      (path === "/" || path === "/index.html" || path.startsWith("/assets/") || path === "/favicon.ico")
    )
      return;
    const header = request.headers.authorization;
    const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
    // Guessing tokens: each guess is a new token, so the per-token rate limit does not see it; failed sign-ins
    // are counted per address, and an address over the limit is refused until its minute has passed.
    const now = Date.now();
    const failures = failedSignIns.get(request.ip);
    if (failures && now - failures.since < 60_000 && failures.count >= failedSignInLimit) {
      throw new LodestoneError(
        "TOO_MANY_REQUESTS",
        `too many failed sign-ins from this address (${failedSignInLimit} a minute); wait a minute`,
      );
    }
    try {
      request.principal = await principalFor(context.ledger, token);
    } catch (error) {
      if (error instanceof LodestoneError && error.code === "UNAUTHORIZED") {
        const current = failures && now - failures.since < 60_000 ? failures : { since: now, count: 0 };
        current.count++;
        failedSignIns.set(request.ip, current);
      }
      throw error;
    }
  });
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/epcis"))
      reply.header("GS1-EPCIS-Version", "2.0.0").header("GS1-CBV-Version", "2.0.0");
  });

  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  if (deps.demoRoles) {
    const roles = deps.demoRoles;
    app.get("/demo/roles", { schema: { hide: true } }, async () => roles);
  }
  if (deps.webRoot) {
    await app.register(fastifyStatic, {
      root: deps.webRoot,
      prefix: "/",
      wildcard: false,
      index: ["index.html"],
    });
  }
  app.get("/health", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/issuers/:slug/status", { schema: { hide: true } }, async (request, reply) => {
    const slug = (request.params as { slug: string }).slug;
    const organisation = await organisationForSlug(context.ledger, slug);
    if (!organisation) throw new LodestoneError("NOT_FOUND", `no issuer ${slug}`);
    return reply
      .header("content-type", "application/vc+jwt")
      .send(await statusList(context.ledger, organisation, context.now()));
  });
  app.get("/01/:gtin/10/:lot", { schema: { hide: true } }, async (request, reply) =>
    resolveDigitalLink(context, request, reply),
  );
  // The QR code of a lot's Digital Link on this ledger, for the dashboard's passport page and printed labels.
  app.get("/qr.svg", { schema: { hide: true } }, async (request, reply) => {
    const link = String((request.query as { link?: string }).link ?? "");
    if (!/^\/01\/\d{14}\/10\/[^/]+$/.test(link)) {
      throw new LodestoneError("QUERY_PARAMETER", "link: a GS1 Digital Link path /01/{gtin}/10/{lot}");
    }
    const svg = await QRCode.toString(`${publicBaseUrl()}${link}`, {
      type: "svg",
      errorCorrectionLevel: "M",
    });
    return reply.header("content-type", "image/svg+xml").send(svg);
  });
  // The ledger's own did:web document: every issuer's verification methods, for verifiers that start here.
  app.get("/.well-known/did.json", { schema: { hide: true } }, async () => {
    const keys = await issuerKeys(context.ledger.db);
    const did = didWeb(publicBaseUrl(), []);
    return {
      "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"],
      id: did,
      verificationMethod: keys.map((k) => ({
        id: k.kid,
        type: "JsonWebKey",
        controller: k.did,
        publicKeyJwk: k.publicJwk,
      })),
      assertionMethod: keys.map((k) => k.kid),
    };
  });
  app.get("/issuers/:slug/did.json", { schema: { hide: true } }, async (request) => {
    const slug = (request.params as { slug: string }).slug;
    const organisation = await organisationForSlug(context.ledger, slug);
    const document = organisation ? await issuerDidDocument(context.ledger, organisation) : undefined;
    if (!document) throw new LodestoneError("NOT_FOUND", `no issuer ${slug}`);
    return document;
  });
  await app.register(async (scope) => registerEpcisRoutes(scope, context), { prefix: "/epcis" });
  // One scope per resource: a route module sees only what its own scope adds (text bodies for news, say).
  for (const register of [
    registerMasterDataRoutes,
    registerDashboardRoutes,
    registerRiskRoutes,
    registerReportRoutes,
    registerLotRoutes,
    registerPassportRoutes,
    registerFindingRoutes,
    registerExportRoutes,
    registerContractRoutes,
    registerPlanRoutes,
    registerNewsRoutes,
    registerLegalEventRoutes,
    registerSanctionsRoutes,
  ]) {
    await app.register(async (scope) => register(scope, context));
  }
  return Object.assign(app, { lodestone: context });
}
