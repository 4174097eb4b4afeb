// The capture verb: a document is validated, every event given its canonical id, and the whole document
// stored in one transaction, or nothing is. Events already in the ledger are reported as duplicates.

import type { Kysely } from "kysely";
import { LodestoneError, type Problem } from "../domain/errors.ts";
import type { EvaluationScope } from "../domain/evaluation-scope.ts";
import { type EpcisFormat, parseEpcis } from "../standards/epcis/binding.ts";
import { appendCapture } from "../store/capture-writes.ts";
import type { Ledger } from "../store/db.ts";
import type { CaptureRecord, EventRecord } from "../store/event-store.ts";
import { recordCapturedForms } from "../store/identifier-forms.ts";
import type { Database } from "../store/schema.ts";
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

/** The capture's own row: who captured what, from which document, when. */
export function captureRecord(
  captureId: string,
  request: { organisation: string; sourceName?: string },
  prepared: { kind: string; header: Record<string, string | undefined> },
  recordTime: string,
  eventCount: number,
): CaptureRecord {
  return {
    captureId,
    organisation: request.organisation,
    ...(request.sourceName === undefined ? {} : { sourceName: request.sourceName }),
    ...(prepared.header.id === undefined ? {} : { documentId: prepared.header.id }),
    ...(prepared.header.creationDate === undefined ? {} : { creationDate: prepared.header.creationDate }),
    documentKind: prepared.kind,
    recordTime,
    eventCount,
  };
}

/**
 * After the events are stored: the identifier forms the new ones used, and the lot graph projected from them.
 * Each event is projected once: one seen twice is projected at its first place (`offset` places the records of
 * a part in the whole document).
 */
export async function projectFresh(
  trx: Kysely<Database>,
  records: EventRecord[],
  fresh: Set<string>,
  offset = 0,
  options: { carryBalances?: boolean } = {},
): Promise<{ problems: Problem[]; touched: EvaluationScope }> {
  await recordCapturedForms(
    trx,
    records.filter((r) => fresh.has(r.eventHash)).flatMap((r) => capturedIdentifiers(r.event)),
  );
  const projected = new Set<string>();
  const items = records.flatMap((record, index) => {
    if (!fresh.has(record.eventHash) || projected.has(record.eventHash)) return [];
    projected.add(record.eventHash);
    return [{ index: index + offset, record }];
  });
  return projectLotGraph(trx, items, options);
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
        captureRecord(captureId, request, prepared, recordTime, prepared.records.length),
        prepared.records,
      );
      const { problems, touched } = await projectFresh(trx, prepared.records, fresh);
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
