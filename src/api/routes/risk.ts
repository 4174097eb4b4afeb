// Counterparty and supply-risk endpoints: offtake contracts (delivered against committed, specification,
// capacity, supply at risk). A contract is its parties' business: the buyer and the seller read it, as do
// auditors and admins, and a regulator of the seller's country.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { may, type Principal } from "../../domain/access.ts";
import type { OfftakeContract } from "../../domain/contract.ts";
import { LodestoneError } from "../../domain/errors.ts";
import type { MasterData } from "../../domain/masterdata.ts";
import { SANCTIONS_MATCH_THRESHOLD, screenOrganisations } from "../../domain/sanctions.ts";
import { shortfallByMaterial } from "../../domain/what-if.ts";
import { contractReport, findContract } from "../../services/contracts.ts";
import { listLegalEvents, setLegalEventStatus } from "../../services/legal-events.ts";
import { ingestArticle, parseArticle } from "../../services/news.ts";
import { plan } from "../../services/plan.ts";
import { importSanctionsList, parseSanctionsList } from "../../services/sanctions-import.ts";
import { whatIf } from "../../services/what-if.ts";
import { canonicalIdentifier } from "../../standards/epcis/identifiers.ts";
import { loadMasterData } from "../../store/masterdata-store.ts";
import { type AppContext, principalOf } from "../app.ts";

const DateString = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });

export function contractVisible(
  principal: Principal,
  contract: OfftakeContract,
  masterData: MasterData,
): boolean {
  if (may(principal, "read_all")) return true;
  const me = canonicalIdentifier(principal.organisation);
  if (canonicalIdentifier(contract.buyer) === me || canonicalIdentifier(contract.seller) === me) return true;
  if (!may(principal, "read_jurisdiction") || !principal.country) return false;
  return masterData.organisations.find((o) => o.id === contract.seller)?.country === principal.country;
}

export async function registerRiskRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  // Articles arrive as they were published; only this scope reads text bodies (elsewhere they are 415).
  app.addContentTypeParser(
    ["text/plain", "text/html", "text/csv"],
    { parseAs: "buffer" },
    (_request, body, done) => done(null, body),
  );
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

  app.get(
    "/risk/what-if",
    {
      schema: {
        summary:
          "If a party stopped supplying today: shortfall per contract and material over the next 12 months, and the customers' supply of the last 12 months that depends on it",
        tags: ["Risk"],
        querystring: Type.Object({
          party: Type.String({
            description: "the organisation that stops supplying (PGLN URN or Digital Link)",
          }),
          asOf: Type.Optional(DateString),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const report = await whatIf(context.ledger, request.query.party, request.query.asOf ?? today());
      if (may(principal, "read_all") || may(principal, "read_jurisdiction")) return report;
      // Others see the contracts they are party to and their own supply only.
      const masterData = await loadMasterData(context.ledger.db);
      const me = canonicalIdentifier(principal.organisation);
      const contracts = report.contracts.filter((e) => {
        const c = masterData.contracts.find((x) => x.id === e.contract);
        return c !== undefined && contractVisible(principal, c, masterData);
      });
      return {
        ...report,
        contracts,
        materials: shortfallByMaterial(contracts),
        customers: report.customers.filter((c) => canonicalIdentifier(c.organisation) === me),
      };
    },
  );

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
