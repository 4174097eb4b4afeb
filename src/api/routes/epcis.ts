// The EPCIS 2.0 REST binding (GS1's OpenAPI in shared/standards/epcis/rest): capture jobs, the events
// resource with SimpleEventQuery parameters and paging, and the top-level resources with their events.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { may } from "../../domain/access.ts";
import { describeProblem, LodestoneError } from "../../domain/errors.ts";
import { EVENT_KINDS } from "../../domain/events.ts";
import { audit, scopeFor } from "../../services/access.ts";
import { captureAndEvaluate } from "../../services/capture-request.ts";
import { queryEvents } from "../../services/query.ts";
import type { EpcisFormat } from "../../standards/epcis/binding.ts";
import { cbvValue } from "../../standards/epcis/cbv.ts";
import { type StoredEventView, serializeQueryDocument } from "../../standards/epcis/serialize-json.ts";
import { serializeQueryDocumentXml } from "../../standards/epcis/serialize-xml.ts";
import { createJob, finishJob, getJob, listJobs } from "../../store/api-store.ts";
import type { EventSelection, StoredEvent } from "../../store/event-store.ts";
import { XmlBody } from "../bodies.ts";
import { sendRefusal } from "../capture-admission.ts";
import { type AppContext, principalOf } from "../context.ts";
import { sendProblem } from "../problems.ts";

const DEFAULT_PER_PAGE = 100;
const QueryString = Type.Record(Type.String(), Type.String());

type Json = Record<string, unknown>;

/** XML when the Accept header names an XML type before any JSON type; JSON otherwise (and by default). */
function wantsXml(request: FastifyRequest): boolean {
  const accepted = (request.headers.accept ?? "")
    .split(",")
    .map((part) => part.split(";")[0]?.trim().toLowerCase() ?? "");
  const first = accepted.find((type) =>
    ["application/json", "application/ld+json", "application/xml", "text/xml", "*/*"].includes(type),
  );
  return first === "application/xml" || first === "text/xml";
}

/** An EPCISQueryDocument in the binding the caller asked for. */
function sendQueryDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  events: StoredEventView[],
  now: Date,
) {
  if (wantsXml(request)) {
    return reply
      .header("content-type", "application/xml; charset=utf-8")
      .send(serializeQueryDocumentXml(events, now.toISOString()));
  }
  return reply
    .header("content-type", "application/ld+json")
    .send(serializeQueryDocument(events, now.toISOString()));
}

async function scopeOf(context: AppContext, request: FastifyRequest): Promise<EventSelection["scope"]> {
  const scope = await scopeFor(context.ledger, principalOf(request));
  return scope.all ? undefined : { organisations: scope.organisations, sites: scope.sites };
}

/** Answers a SimpleEventQuery as an EPCISQueryDocument, with a Link header to the next page. */
async function answerQuery(
  context: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  params: Record<string, string>,
) {
  const principal = principalOf(request);
  const paged = { perPage: String(DEFAULT_PER_PAGE), ...params };
  const result = await queryEvents(context.ledger, paged, await scopeOf(context, request));
  if (result.nextPageToken) {
    const next = new URLSearchParams({ ...paged, nextPageToken: result.nextPageToken });
    reply.header("link", `<${request.url.split("?")[0]}?${next.toString()}>; rel="next"`);
  }
  const foreign = result.events.filter((e) => e.capturingOrganisation !== principal.organisation);
  if (foreign.length > 0) {
    await audit(context.ledger, principal, {
      at: context.now().toISOString(),
      action: "read_events",
      resource: request.url,
      detail: {
        events: foreign.map((e) => e.eventHash),
        owners: [...new Set(foreign.map((e) => e.capturingOrganisation))],
      },
    });
  }
  return sendQueryDocument(request, reply, result.events, context.now());
}

function jobView(job: NonNullable<Awaited<ReturnType<typeof getJob>>>) {
  const report = job.report as
    | { errors?: string[]; behaviour?: string; captured?: number; duplicates?: number }
    | undefined;
  return {
    captureID: job.jobId,
    createdAt: job.createdAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    running: job.status === "running",
    success: job.status !== "failure" && (report?.errors?.length ?? 0) === 0,
    captureErrorBehaviour: report?.behaviour ?? "rollback",
    errors: report?.errors ?? [],
    ...(report?.captured === undefined ? {} : { captured: report.captured, duplicates: report.duplicates }),
  };
}

export async function registerEpcisRoutes(instance: FastifyInstance, context: AppContext): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const runCapture = async (
    request: FastifyRequest,
    document: unknown,
    behaviour: "rollback" | "proceed",
    format: EpcisFormat = "json",
  ) => {
    const principal = principalOf(request);
    const { report, errors } = await captureAndEvaluate(
      context.ledger,
      { document, format, organisation: principal.organisation, sourceName: "POST /capture", behaviour },
      { now: context.now, newId: context.newId },
    );
    await audit(context.ledger, principal, {
      at: context.now().toISOString(),
      action: "capture",
      resource: request.url,
      detail: { captured: report.captured, duplicates: report.duplicates, rejected: errors.length },
    });
    return { report, errors };
  };

  app.post(
    "/capture",
    {
      schema: {
        summary:
          "Capture an EPCISDocument asynchronously; all or nothing unless GS1-Capture-Error-Behaviour: proceed",
        tags: ["EPCIS"],
        body: Type.Unknown(),
        headers: Type.Object({
          "gs1-capture-error-behaviour": Type.Optional(
            Type.Union([Type.Literal("rollback"), Type.Literal("proceed")]),
          ),
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (!may(principal, "capture"))
        throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not capture events`);
      const body = request.body;
      const xml = body instanceof XmlBody ? body : undefined;
      const document = xml ? xml.text : (body as Json | undefined);
      const type = xml ? xml.kind : typeof body === "object" && body ? (body as Json).type : undefined;
      if (!document || type !== "EPCISDocument") {
        throw new LodestoneError("EPCIS_INVALID", "body: POST /capture takes an EPCISDocument");
      }
      const behaviour =
        (request.headers["gs1-capture-error-behaviour"] as "rollback" | "proceed" | undefined) ?? "rollback";
      // Admitted before anything is stored: a refused request leaves no job and no event behind.
      const length = Number(request.headers["content-length"]);
      const bytes = Number.isFinite(length)
        ? length
        : Buffer.byteLength(typeof document === "string" ? document : JSON.stringify(document));
      const admission = context.captureAdmission.admit(bytes);
      if (!admission.admitted) return sendRefusal(reply, admission);
      const jobId = context.newId();
      try {
        await createJob(context.ledger.db, jobId, principal.organisation, context.now().toISOString());
      } catch (error) {
        admission.release();
        throw error;
      }
      const work = (async () => {
        try {
          // The job starts on the next turn of the event loop, so the 202 goes out first.
          await new Promise((resolve) => setImmediate(resolve));
          const { report, errors } = await runCapture(request, document, behaviour, xml ? "xml" : "json");
          const failed =
            behaviour === "rollback"
              ? report.rejected.length > 0
              : report.captured === 0 && errors.length > 0;
          await finishJob(
            context.ledger.db,
            jobId,
            failed ? "failure" : "success",
            context.now().toISOString(),
            {
              behaviour,
              captured: report.captured,
              duplicates: report.duplicates,
              errors: errors.map(describeProblem),
            },
            report.captureId,
          );
        } catch (error) {
          await finishJob(context.ledger.db, jobId, "failure", context.now().toISOString(), {
            behaviour,
            errors: [(error as Error).message],
          });
        }
      })();
      context.inFlight.add(work);
      void work.finally(() => {
        context.inFlight.delete(work);
        admission.release();
      });
      return reply.status(202).header("location", `/epcis/capture/${jobId}`).send();
    },
  );

  app.get(
    "/capture",
    { schema: { summary: "Capture jobs of the caller's organisation", tags: ["EPCIS"] } },
    async (request) => {
      const principal = principalOf(request);
      const jobs = await listJobs(
        context.ledger.db,
        may(principal, "read_all") ? undefined : principal.organisation,
      );
      return jobs.map(jobView);
    },
  );

  app.get(
    "/capture/:captureID",
    {
      schema: {
        summary: "One capture job",
        tags: ["EPCIS"],
        params: Type.Object({ captureID: Type.String() }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const job = await getJob(context.ledger.db, request.params.captureID);
      if (!job || (job.organisation !== principal.organisation && !may(principal, "read_all"))) {
        throw new LodestoneError("NOT_FOUND", `no capture job ${request.params.captureID}`);
      }
      return jobView(job);
    },
  );

  app.post(
    "/events",
    { schema: { summary: "Capture one event synchronously", tags: ["EPCIS"], body: Type.Unknown() } },
    async (request, reply) => {
      const principal = principalOf(request);
      if (!may(principal, "capture"))
        throw new LodestoneError("FORBIDDEN", `a ${principal.role} may not capture events`);
      const xml = request.body instanceof XmlBody ? request.body : undefined;
      const body = request.body as Json | undefined;
      const isEvent = xml
        ? xml.kind === "event"
        : !!body &&
          typeof body === "object" &&
          (EVENT_KINDS as readonly string[]).includes(String(body.type));
      if (!isEvent) {
        throw new LodestoneError(
          "EPCIS_INVALID",
          "body: POST /events takes one EPCIS event (JSON-LD with its @context, or an XML event element)",
        );
      }
      const { report } = xml
        ? await runCapture(request, xml.text, "rollback", "xml")
        : await runCapture(request, body, "rollback");
      if (report.rejected.length > 0) {
        return sendProblem(reply, "CAPTURE_REJECTED", report.rejected.map(describeProblem).join("; "), {
          problems: report.rejected,
        });
      }
      const id = report.eventHashes[0] as string;
      return reply
        .status(201)
        .header("location", `/epcis/events/${encodeURIComponent(id)}`)
        .send({ eventID: id, duplicate: report.duplicates > 0 });
    },
  );

  app.get(
    "/events",
    {
      schema: {
        summary: "Query events (SimpleEventQuery parameters)",
        tags: ["EPCIS"],
        querystring: QueryString,
      },
    },
    async (request, reply) => answerQuery(context, request, reply, request.query),
  );

  app.get(
    "/events/:eventID",
    {
      schema: {
        summary: "One event by canonical id or the sender's eventID",
        tags: ["EPCIS"],
        params: Type.Object({ eventID: Type.String() }),
      },
    },
    async (request, reply) => {
      const result = await queryEvents(
        context.ledger,
        { EQ_eventID: request.params.eventID },
        await scopeOf(context, request),
      );
      if (result.events.length === 0)
        throw new LodestoneError("NOT_FOUND", `no event ${request.params.eventID}`);
      return sendQueryDocument(request, reply, result.events, context.now());
    },
  );

  // Top-level resources: the distinct values the caller can see, and the events of each.
  const resources: Record<
    string,
    { param: (v: string) => Record<string, string>; values: (events: StoredEvent[]) => string[] }
  > = {
    eventTypes: { param: (v) => ({ eventType: v }), values: () => [...EVENT_KINDS] },
    epcs: {
      param: (v) => ({ MATCH_anyEPC: v }),
      values: (events) =>
        events.flatMap(({ event: e }) =>
          "epcs" in e
            ? e.epcs
            : "childEpcs" in e
              ? e.childEpcs
              : e.kind === "TransformationEvent"
                ? [...e.inputEpcs, ...e.outputEpcs]
                : [],
        ),
    },
    bizSteps: {
      param: (v) => ({ EQ_bizStep: v }),
      values: (events) => events.map((e) => e.event.bizStep).filter((v): v is string => !!v),
    },
    bizLocations: {
      param: (v) => ({ EQ_bizLocation: v }),
      values: (events) => events.map((e) => e.event.bizLocation?.id).filter((v): v is string => !!v),
    },
    readPoints: {
      param: (v) => ({ EQ_readPoint: v }),
      values: (events) => events.map((e) => e.event.readPoint?.id).filter((v): v is string => !!v),
    },
    dispositions: {
      param: (v) => ({ EQ_disposition: v }),
      values: (events) => events.map((e) => e.event.disposition).filter((v): v is string => !!v),
    },
  };
  for (const [name, resource] of Object.entries(resources)) {
    app.get(
      `/${name}`,
      { schema: { summary: `The ${name} the caller can see`, tags: ["EPCIS"] } },
      async (request) => {
        const { events } = await queryEvents(context.ledger, {}, await scopeOf(context, request));
        return { type: "Collection", member: [...new Set(resource.values(events))].sort() };
      },
    );
    app.get(
      `/${name}/:value/events`,
      {
        schema: {
          summary: `Events of one of the ${name}`,
          tags: ["EPCIS"],
          params: Type.Object({ value: Type.String() }),
          querystring: QueryString,
        },
      },
      async (request, reply) => {
        const value = name === "bizSteps" ? cbvValue("BizStep", request.params.value) : request.params.value;
        return answerQuery(context, request, reply, { ...request.query, ...resource.param(value) });
      },
    );
  }
}
