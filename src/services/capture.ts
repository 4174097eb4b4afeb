// The capture verb: a document is validated, every event given its canonical id, and the whole document
// stored in one transaction, or nothing is. Events already in the ledger are reported as duplicates.
import { LodestoneError, type Problem } from "../domain/errors.ts";
import type { EvaluationScope } from "../domain/evaluation-scope.ts";
import { type EpcisFormat, parseEpcis } from "../standards/epcis/binding.ts";
import type { Ledger } from "../store/db.ts";
import { appendCapture, type EventRecord } from "../store/event-store.ts";
import { recordCapturedForms } from "../store/identifier-forms.ts";
import { capturedIdentifiers, indexEvent } from "./event-index.ts";
import { checkLotData, projectLotGraph } from "./lot-projection.ts";

export interface CaptureRequest {
  /** The parsed JSON of an EPCISDocument, EPCISQueryDocument or one bare event; its text for XML. */
  document: unknown;
  /** The binding the document is in; JSON unless told. */
  format?: EpcisFormat;
  organisation: string;
  sourceName?: string;
}

export interface CaptureReport {
  captureId?: string;
  captured: number;
  duplicates: number;
  rejected: Problem[];
  /** Canonical ids of the document's events, in document order. */
  eventHashes: string[];
  /** The rule subjects the capture touched, for the incremental evaluation that follows it. */
  touched?: EvaluationScope;
}

/** What the capture verb needs from its surroundings: a clock for record time and an id source. */
export interface CaptureContext {
  now: () => Date;
  newId: () => string;
}

/** Validates and maps a document without touching the store. */
export function prepareCapture(
  document: unknown,
  format: EpcisFormat = "json",
):
  | { records: EventRecord[]; kind: string; header: Record<string, string | undefined> }
  | { problems: Problem[] } {
  const parsed = parseEpcis(document, format);
  if (!parsed.ok) return { problems: parsed.problems };
  const records: EventRecord[] = [];
  const problems: Problem[] = [];
  parsed.document.events.forEach((event, i) => {
    try {
      records.push(indexEvent(event));
    } catch (error) {
      problems.push({ event: i, path: "$.eventTime", message: (error as Error).message });
    }
    problems.push(...checkLotData(event, i));
  });
  if (problems.length > 0) return { problems };
  return { records, kind: parsed.document.kind, header: parsed.document.header };
}

export async function captureDocument(
  ledger: Ledger,
  request: CaptureRequest,
  context: CaptureContext,
): Promise<CaptureReport> {
  const prepared = prepareCapture(request.document, request.format);
  if ("problems" in prepared)
    return { captured: 0, duplicates: 0, rejected: prepared.problems, eventHashes: [] };
  const captureId = context.newId();
  const recordTime = context.now().toISOString();
  try {
    const inserted = await ledger.writeTransaction(async (trx) => {
      const fresh = await appendCapture(
        trx,
        {
          captureId,
          organisation: request.organisation,
          ...(request.sourceName === undefined ? {} : { sourceName: request.sourceName }),
          ...(prepared.header.id === undefined ? {} : { documentId: prepared.header.id }),
          ...(prepared.header.creationDate === undefined
            ? {}
            : { creationDate: prepared.header.creationDate }),
          documentKind: prepared.kind,
          recordTime,
          eventCount: prepared.records.length,
        },
        prepared.records,
      );
      await recordCapturedForms(
        trx,
        prepared.records.filter((r) => fresh.has(r.eventHash)).flatMap((r) => capturedIdentifiers(r.event)),
      );
      // Each event is projected once: an event seen twice in one document is projected at its first place.
      const projected = new Set<string>();
      const items = prepared.records.flatMap((record, index) => {
        if (!fresh.has(record.eventHash) || projected.has(record.eventHash)) return [];
        projected.add(record.eventHash);
        return [{ index, record }];
      });
      const { problems, touched } = await projectLotGraph(trx, items);
      if (problems.length > 0)
        throw new LodestoneError("CAPTURE_REJECTED", "the lot graph refuses the capture", problems);
      return { fresh, touched };
    });
    return {
      captureId,
      captured: inserted.fresh.size,
      duplicates: prepared.records.length - inserted.fresh.size,
      rejected: [],
      eventHashes: prepared.records.map((r) => r.eventHash),
      touched: inserted.touched,
    };
  } catch (error) {
    if (error instanceof LodestoneError && error.code === "CAPTURE_REJECTED") {
      return { captured: 0, duplicates: 0, rejected: error.problems, eventHashes: [] };
    }
    throw new LodestoneError(
      "STORE_FAILURE",
      `the ledger could not store the capture: ${(error as Error).message}`,
    );
  }
}
