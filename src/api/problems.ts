// One table from error codes to HTTP status and RFC 7807 problem type (EPCIS 2.0 REST binding exceptions).
// Services never speak HTTP; this is the only place that does the mapping.
import type { FastifyError, FastifyReply } from "fastify";
import { describeProblem, type ErrorCode, LodestoneError } from "../domain/errors.ts";

export const PROBLEM_TYPES: Record<ErrorCode, { status: number; type: string; title: string }> = {
  EPCIS_INVALID: { status: 400, type: "epcisException:ValidationException", title: "Invalid EPCIS document" },
  EPCIS_UNSUPPORTED: {
    status: 400,
    type: "epcisException:ValidationException",
    title: "Unsupported EPCIS content",
  },
  CAPTURE_REJECTED: { status: 400, type: "epcisException:ValidationException", title: "Capture rejected" },
  INPUT_UNREADABLE: { status: 400, type: "epcisException:ValidationException", title: "Unreadable input" },
  // Input that is not EPCIS (a planning request): the same 400, under Lodestone's own problem type.
  INPUT_INVALID: {
    status: 400,
    type: "https://lodestone.dev/problems/invalid-input",
    title: "Invalid input",
  },
  QUERY_PARAMETER: {
    status: 400,
    type: "epcisException:QueryParameterException",
    title: "Invalid query parameter",
  },
  QUERY_TOO_LARGE: {
    status: 413,
    type: "epcisException:QueryTooLargeException",
    title: "Query result too large",
  },
  NOT_FOUND: { status: 404, type: "epcisException:NoSuchResourceException", title: "No such resource" },
  UNAUTHORIZED: { status: 401, type: "epcisException:SecurityException", title: "Unauthorized" },
  FORBIDDEN: { status: 403, type: "epcisException:SecurityException", title: "Forbidden" },
  TOO_MANY_REQUESTS: { status: 429, type: "epcisException:SecurityException", title: "Too many requests" },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    type: "epcisException:UnsupportedMediaType",
    title: "Unsupported media type",
  },
  STORE_FAILURE: { status: 500, type: "epcisException:ImplementationException", title: "Storage failure" },
};

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  const p = PROBLEM_TYPES[code];
  return reply
    .status(p.status)
    .header("content-type", "application/problem+json")
    .send({ type: p.type, title: p.title, status: p.status, detail, instance: reply.request.url, ...extra });
}

/** Maps anything thrown in a route to a problem; never a stack trace. */
export function problemFromError(error: unknown, reply: FastifyReply): FastifyReply {
  if (error instanceof LodestoneError) {
    return sendProblem(
      reply,
      error.code,
      error.message,
      error.problems.length > 0
        ? { problems: error.problems, errors: error.problems.map(describeProblem) }
        : {},
    );
  }
  const e = error as FastifyError;
  if (e.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
    return sendProblem(reply, "UNSUPPORTED_MEDIA_TYPE", "send application/json or application/ld+json");
  if (e.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return reply.status(413).header("content-type", "application/problem+json").send({
      type: "epcisException:CaptureLimitExceededException",
      title: "Body too large",
      status: 413,
      detail: "the request body is larger than this server accepts",
    });
  }
  if (e.validation) {
    const first = e.validation[0];
    const param =
      (first?.instancePath ?? "").replace(/^\//, "") ||
      (first?.params as { missingProperty?: string })?.missingProperty ||
      e.validationContext;
    return sendProblem(reply, "QUERY_PARAMETER", `${param}: ${first?.message ?? "invalid"}`);
  }
  if (e.statusCode === 429) {
    return reply
      .status(429)
      .header("content-type", "application/problem+json")
      .send({ type: "about:blank", title: "Too many requests", status: 429, detail: e.message });
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return sendProblem(reply, "EPCIS_INVALID", e.message);
  }
  reply.log.error({ err: error }, "unexpected error");
  return sendProblem(reply, "STORE_FAILURE", "the server could not complete the request");
}
