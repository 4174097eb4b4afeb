// A capture as the EPCIS capture interface performs it: all or nothing, or with GS1-Capture-Error-Behaviour
// proceed the valid events without the refused ones; then the compliance evaluation over the new evidence.
import type { Problem } from "../domain/errors.ts";
import type { EpcisFormat } from "../standards/epcis/binding.ts";
import { epcisXmlToJson } from "../standards/epcis/parse-xml.ts";
import type { Ledger } from "../store/db.ts";
import { type CaptureContext, type CaptureReport, captureDocument } from "./capture.ts";
import { evaluateAndRecord } from "./evaluate.ts";

export type CaptureErrorBehaviour = "rollback" | "proceed";

type Json = Record<string, unknown>;

function withoutEvents(document: Json, drop: Set<number>): Json {
  const body = document.epcisBody as { eventList?: unknown[] } | undefined;
  if (!body?.eventList) return document;
  return { ...document, epcisBody: { ...body, eventList: body.eventList.filter((_, i) => !drop.has(i)) } };
}

export async function captureAndEvaluate(
  ledger: Ledger,
  request: {
    document: unknown;
    format?: EpcisFormat;
    organisation: string;
    sourceName: string;
    behaviour: CaptureErrorBehaviour;
  },
  context: CaptureContext,
): Promise<{ report: CaptureReport; errors: Problem[] }> {
  const { document, format = "json", organisation, sourceName, behaviour } = request;
  let report = await captureDocument(ledger, { document, format, organisation, sourceName }, context);
  const errors: Problem[] = [...report.rejected];
  if (
    behaviour === "proceed" &&
    report.rejected.length > 0 &&
    report.rejected.every((p) => p.event !== undefined)
  ) {
    const drop = new Set(report.rejected.map((p) => p.event as number));
    // An XML document is retried in its JSON form, where events can be left out by index.
    const converted = format === "xml" ? epcisXmlToJson(document as string) : undefined;
    const json = converted === undefined ? (document as Json) : converted.ok ? converted.json : {};
    report = await captureDocument(
      ledger,
      { document: withoutEvents(json, drop), organisation, sourceName },
      context,
    );
    errors.push(...report.rejected);
  }
  // The findings resting on what the capture touched; the rest of the ledger's findings stand. A turn of the
  // event loop first: with a synchronous driver (better-sqlite3) a capture and its evaluation would otherwise
  // run as one unbroken chain, and the server could answer no request (not even a 503) in between.
  await new Promise((resolve) => setImmediate(resolve));
  if (report.captured > 0)
    await evaluateAndRecord(ledger, context.now(), report.touched ? { scope: report.touched } : {});
  return { report, errors };
}
