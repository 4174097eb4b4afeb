// Supply-risk endpoints: a buyer's concentration by origin country and supplier (HHI, CRMA benchmark), and the
// what-if of losing a country, a supplier or a site.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { may } from "../../domain/access.ts";
import type { ContentKey } from "../../domain/assay.ts";
import { isElement } from "../../domain/chemistry.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { shortfallByMaterial } from "../../domain/what-if.ts";
import { audit, contractVisible } from "../../services/access.ts";
import { buyerConcentration } from "../../services/risk.ts";
import { whatIf } from "../../services/what-if.ts";
import { canonicalIdentifier } from "../../standards/epcis/identifiers.ts";
import { loadMasterData } from "../../store/masterdata-store.ts";
import { type AppContext, principalOf } from "../context.ts";
import { DateString } from "./params.ts";

export async function registerRiskRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => context.now().toISOString();
  const today = () => context.now().toISOString().slice(0, 10);

  app.get(
    "/risk/concentration",
    {
      schema: {
        summary:
          "A buyer's received supply of an element by origin country and by supplier, the HHI, and CONCENTRATION findings",
        tags: ["Risk"],
        querystring: Type.Object({
          buyer: Type.String({ description: "the buying organisation (PGLN URN or Digital Link)" }),
          element: Type.Optional(Type.String({ description: "element symbol or TREO; default Nd" })),
          maxCountryShare: Type.Optional(
            Type.Number({ exclusiveMinimum: 0, maximum: 1, description: "default 0.65 (EU CRMA)" }),
          ),
          maxSupplierShare: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
          // Receipts dated (in the receiving site's local time) from and to these days, both included.
          from: Type.Optional(DateString),
          to: Type.Optional(DateString),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { buyer, maxCountryShare, maxSupplierShare } = request.query;
      const period = receiptPeriod(request.query.from, request.query.to);
      const element = request.query.element ?? "Nd";
      if (element !== "TREO" && !isElement(element)) {
        throw new LodestoneError("QUERY_PARAMETER", `element: "${element}" is not an element symbol or TREO`);
      }
      // A party sees its own supply; regulators, auditors and admins see any buyer's.
      const own = canonicalIdentifier(buyer) === canonicalIdentifier(principal.organisation);
      if (!own && !may(principal, "read_all") && !may(principal, "read_jurisdiction")) {
        throw new LodestoneError("FORBIDDEN", `buyer: a ${principal.role} may read only its own supply`);
      }
      const report = await buyerConcentration(context.ledger, buyer, element as ContentKey, {
        ...(maxCountryShare !== undefined ? { countryShareMax: maxCountryShare } : {}),
        ...(maxSupplierShare !== undefined ? { supplierShareMax: maxSupplierShare } : {}),
        ...(period ? { period } : {}),
      });
      if (!own) {
        await audit(context.ledger, principal, {
          at: now(),
          action: "read_concentration",
          resource: request.url,
          detail: {},
        });
      }
      return report;
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
}

/** A period of receipts: both ends or neither, the first not after the last. */
function receiptPeriod(
  from: string | undefined,
  to: string | undefined,
): { from: string; to: string } | undefined {
  if (from === undefined && to === undefined) return undefined;
  if (from === undefined || to === undefined)
    throw new LodestoneError(
      "QUERY_PARAMETER",
      `${from === undefined ? "from" : "to"}: give both from and to, or neither`,
    );
  if (from > to) throw new LodestoneError("QUERY_PARAMETER", `from: ${from} is after to (${to})`);
  return { from, to };
}
