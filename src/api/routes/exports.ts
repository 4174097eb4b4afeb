// Streaming exports of events and findings (NDJSON, CSV) with no row cap, each read audited.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { audit, findingsVisibleTo, scopeFor } from "../../services/access.ts";
import { type PresentedFinding, presentFindings } from "../../services/identifier-forms.ts";
import { selectEvents } from "../../store/event-store.ts";
import { type AppContext, principalOf } from "../context.ts";

const csvCell = (v: unknown) => {
  const text = v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function findingRow(f: PresentedFinding): unknown[] {
  return [
    f.id,
    f.code,
    f.severity,
    f.status,
    f.subject.kind,
    f.subject.id,
    f.measured?.value,
    f.measured?.unit,
    f.allowed?.value,
    f.allowed?.unit,
    f.message,
    f.taints.length,
    f.subject.canonical,
  ];
}

async function stream(
  reply: FastifyReply,
  format: "ndjson" | "csv",
  header: string[],
  rows: AsyncIterable<{ json: unknown; row: unknown[] }>,
) {
  reply.header("content-type", format === "ndjson" ? "application/x-ndjson" : "text/csv; charset=utf-8");
  reply.raw.writeHead(200, reply.getHeaders() as Record<string, string>);
  if (format === "csv") reply.raw.write(`${header.join(",")}\n`);
  for await (const r of rows) {
    const line = format === "ndjson" ? `${JSON.stringify(r.json)}\n` : `${r.row.map(csvCell).join(",")}\n`;
    if (!reply.raw.write(line)) await new Promise((resolve) => reply.raw.once("drain", resolve));
  }
  reply.raw.end();
  return reply;
}
export async function registerExportRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => context.now().toISOString();

  const Format = Type.Object({ format: Type.Union([Type.Literal("ndjson"), Type.Literal("csv")]) });
  app.get(
    "/export/events.:format",
    { schema: { summary: "Every event the caller can see, streamed", tags: ["Export"], params: Format } },
    async (request: FastifyRequest<{ Params: { format: "ndjson" | "csv" } }>, reply) => {
      const principal = principalOf(request);
      const scope = await scopeFor(context.ledger, principal);
      const restrict = scope.all ? {} : { scope: { organisations: scope.organisations, sites: scope.sites } };
      await audit(context.ledger, principal, {
        at: now(),
        action: "export_events",
        resource: request.url,
        detail: {},
      });
      async function* rows() {
        let after: { orderValue: string; eventHash: string } | undefined;
        for (;;) {
          const page = await selectEvents(context.ledger.db, {
            epcMatches: [],
            classMatches: [],
            quantityBounds: [],
            bizTransactions: [],
            parties: [],
            order: { by: "recordTime", direction: "asc" },
            limit: 1000,
            ...restrict,
            ...(after ? { after } : {}),
          });
          for (const e of page) {
            yield {
              json: {
                eventHash: e.eventHash,
                recordTime: e.recordTime,
                capturingOrganisation: e.capturingOrganisation,
                event: e.event,
              },
              row: [
                e.eventHash,
                e.event.kind,
                e.event.eventTime,
                e.recordTime,
                e.capturingOrganisation,
                e.event.bizStep,
                e.event.bizLocation?.id,
              ],
            };
          }
          const last = page[page.length - 1];
          if (!last || page.length < 1000) return;
          after = { orderValue: last.recordTime, eventHash: last.eventHash };
        }
      }
      return stream(
        reply,
        request.params.format,
        [
          "eventHash",
          "eventType",
          "eventTime",
          "recordTime",
          "capturingOrganisation",
          "bizStep",
          "bizLocation",
        ],
        rows(),
      );
    },
  );

  app.get(
    "/export/findings.:format",
    { schema: { summary: "Findings the caller may see, streamed", tags: ["Export"], params: Format } },
    async (request: FastifyRequest<{ Params: { format: "ndjson" | "csv" } }>, reply) => {
      const principal = principalOf(request);
      const findings = await presentFindings(
        context.ledger,
        await findingsVisibleTo(context.ledger, principal),
      );
      await audit(context.ledger, principal, {
        at: now(),
        action: "export_findings",
        resource: request.url,
        detail: { count: findings.length },
      });
      async function* rows() {
        for (const f of findings) yield { json: f, row: findingRow(f) };
      }
      return stream(
        reply,
        request.params.format,
        [
          "id",
          "code",
          "severity",
          "status",
          "subjectKind",
          "subjectId",
          "measured",
          "measuredUnit",
          "allowed",
          "allowedUnit",
          "message",
          "taintedLots",
          "subjectCanonical",
        ],
        rows(),
      );
    },
  );
}
