// Report endpoints: GET /reports/crma-risk, /reports/oecd-step5 and /reports/emrt for a company and a year, as
// JSON (default), PDF or (the EMRT) XLSX. A party has its own reports; regulators, auditors and admins any
// company's, and that read is audited (docs/reports.md).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { ContentKey } from "../../domain/assay.ts";
import { isElement } from "../../domain/chemistry.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { REPORT_ELEMENTS } from "../../domain/reports/report-inputs.ts";
import { audit } from "../../services/access.ts";
import { formatsOf, parseReportFormat, renderReport } from "../../services/report-formats.ts";
import { companyReport, mayReadReport, REPORT_KINDS, validYear } from "../../services/reports.ts";
import { canonicalIdentifier } from "../../standards/epcis/identifiers.ts";
import { type AppContext, principalOf } from "../context.ts";
import { DateString } from "./params.ts";

const SUMMARIES = {
  "crma-risk": "EU CRMA Art. 24 supply-chain risk assessment of a company for a year",
  "oecd-step5": "OECD due-diligence step 5 annual report of a company for a year",
  emrt: "RMI EMRT-shaped template (Rare Earth Elements) of a company for a year",
} as const;

export async function registerReportRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  for (const kind of REPORT_KINDS) {
    app.get(
      `/reports/${kind}`,
      {
        schema: {
          summary: SUMMARIES[kind],
          tags: ["Reports"],
          querystring: Type.Object({
            company: Type.String({ description: "the reporting company (PGLN URN or Digital Link)" }),
            year: Type.Integer({ minimum: 1900, maximum: 2999, description: "the calendar year, e.g. 2025" }),
            asOf: Type.Optional(DateString),
            elements: Type.Optional(
              Type.String({
                description: `comma-separated element symbols; default ${REPORT_ELEMENTS.join(",")}`,
              }),
            ),
            format: Type.Optional(
              Type.Union(
                formatsOf(kind).map((f) => Type.Literal(f)),
                { description: "default json" },
              ),
            ),
          }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { company, year } = request.query;
        if (!mayReadReport(principal, company))
          throw new LodestoneError("FORBIDDEN", `company: a ${principal.role} may have only its own reports`);
        const elements = request.query.elements?.split(",").map((e) => {
          const symbol = e.trim();
          if (symbol !== "TREO" && !isElement(symbol))
            throw new LodestoneError(
              "QUERY_PARAMETER",
              `elements: "${symbol}" is not an element symbol or TREO`,
            );
          return symbol as ContentKey;
        });
        const format = parseReportFormat(kind, request.query.format ?? "json", "format");
        const report = await companyReport(context.ledger, kind, {
          company,
          year: validYear(year),
          asOf: request.query.asOf ?? context.now().toISOString().slice(0, 10),
          ...(elements ? { elements } : {}),
        });
        if (canonicalIdentifier(company) !== canonicalIdentifier(principal.organisation))
          await audit(context.ledger, principal, {
            at: context.now().toISOString(),
            action: "read_report",
            resource: request.url,
            detail: { kind, company, year },
          });
        if (format === "json") return report;
        const { body, mediaType, fileName } = await renderReport(report, format);
        return reply
          .type(mediaType)
          .header("content-disposition", `attachment; filename="${fileName}"`)
          .send(body);
      },
    );
  }
}
