// Findings endpoints: the findings the caller may see, filtered, and their workflow (acknowledge, resolve,
// each with a note and an audit entry).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { may } from "../../domain/access.ts";
import { LodestoneError } from "../../domain/errors.ts";
import { audit, findingsVisibleTo } from "../../services/access.ts";
import { isAbout, presentFindings } from "../../services/identifier-forms.ts";
import { setFindingStatus } from "../../store/findings-store.ts";
import { type AppContext, principalOf } from "../context.ts";

export async function registerFindingRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => context.now().toISOString();

  app.get(
    "/findings",
    {
      schema: {
        summary: "Findings the caller may see, filtered",
        tags: ["Findings"],
        querystring: Type.Object({
          code: Type.Optional(Type.String()),
          status: Type.Optional(
            Type.Union([Type.Literal("open"), Type.Literal("acknowledged"), Type.Literal("resolved")]),
          ),
          severity: Type.Optional(
            Type.Union([Type.Literal("info"), Type.Literal("warning"), Type.Literal("violation")]),
          ),
          subject: Type.Optional(Type.String()),
        }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { code, status, severity, subject } = request.query;
      const findings = (await findingsVisibleTo(context.ledger, principal)).filter(
        (f) =>
          (!code || f.code === code) &&
          (!status || f.status === status) &&
          (!severity || f.severity === severity) &&
          (!subject || isAbout(f, subject)),
      );
      await audit(context.ledger, principal, {
        at: now(),
        action: "read_findings",
        resource: request.url,
        detail: { count: findings.length },
      });
      return { findings: await presentFindings(context.ledger, findings) };
    },
  );

  for (const [verb, status] of [
    ["acknowledge", "acknowledged"],
    ["resolve", "resolved"],
  ] as const) {
    app.post(
      `/findings/:id/${verb}`,
      {
        schema: {
          summary: `Mark a finding ${status}, with a note`,
          tags: ["Findings"],
          params: Type.Object({ id: Type.String() }),
          body: Type.Object({ note: Type.String({ minLength: 1 }) }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (!may(principal, "set_finding_status"))
          throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not ${verb} findings`);
        const done = await context.ledger.writeTransaction((trx) =>
          setFindingStatus(trx, request.params.id, status, request.body.note, now()),
        );
        if (!done) throw new LodestoneError("NOT_FOUND", `no finding ${request.params.id}`);
        await audit(context.ledger, principal, {
          at: now(),
          action: `finding_${verb}`,
          resource: request.url,
          detail: { note: request.body.note },
        });
        return { id: request.params.id, status };
      },
    );
  }
}
