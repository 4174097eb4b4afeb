// The capture verb for a document too large to hold: its events arrive in batches (read streamed from a
// file) and are validated, hashed, stored and projected batch by batch inside one transaction, so the document
// is still stored whole or not at all, while memory holds one batch at a time (docs/capture.md).
import { LodestoneError, type Problem } from "../domain/errors.ts";
import { type EvaluationScope, emptyScope } from "../domain/evaluation-scope.ts";
import { appendEvents, beginCapture, finishCapture } from "../store/capture-writes.ts";
import type { Ledger } from "../store/db.ts";
import { recountBalances } from "../store/inventory-store.ts";
import type { CaptureContext, CaptureReport } from "./capture.ts";
import { captureRecord, prepareCapture, projectFresh } from "./capture.ts";

/** A document in parts: every member but its events, then its events in batches, in document order. */
export interface DocumentParts {
  /** The document without `epcisBody.eventList` (its context, type, schema version, header). */
  header: Record<string, unknown>;
  batches: AsyncIterable<unknown[]>;
}

/** Thrown inside the transaction so that it rolls back; carries the problems of the refused document. */
class Refused extends Error {
  constructor(readonly problems: Problem[]) {
    super("refused");
  }
}

export async function captureInParts(
  ledger: Ledger,
  request: { parts: DocumentParts; organisation: string; sourceName?: string },
  context: CaptureContext,
  onBatch: (eventsSoFar: number) => void = () => {},
): Promise<CaptureReport> {
  const { header } = request.parts;
  const body = (header.epcisBody ?? {}) as Record<string, unknown>;
  const captureId = context.newId();
  const recordTime = context.now().toISOString();
  const eventHashes: string[] = [];
  const touched: EvaluationScope = emptyScope();
  let captured = 0;
  try {
    await ledger.writeTransaction(async (trx) => {
      let first = true;
      for await (const batch of request.parts.batches) {
        const offset = eventHashes.length;
        // Each batch is checked as the document with just these events: the same schema, rules and messages.
        const prepared = prepareCapture({ ...header, epcisBody: { ...body, eventList: batch } });
        if ("problems" in prepared)
          throw new Refused(
            prepared.problems.map((p) => (p.event === undefined ? p : { ...p, event: p.event + offset })),
          );
        if (first) {
          await beginCapture(trx, captureRecord(captureId, request, prepared, recordTime, 0));
          first = false;
        }
        const fresh = await appendEvents(
          trx,
          { captureId, organisation: request.organisation, recordTime },
          prepared.records,
        );
        // An event seen twice is projected at its first place: a later batch's repeat is not fresh.
        const projection = await projectFresh(trx, prepared.records, fresh, offset, { carryBalances: false });
        if (projection.problems.length > 0) throw new Refused(projection.problems);
        // Added to in place: a new union per part would copy every lot so far, part after part.
        for (const key of ["sites", "lots", "transformations", "licences", "edgeSources"] as const)
          for (const id of projection.touched[key]) touched[key].add(id);
        captured += fresh.size;
        for (const r of prepared.records) eventHashes.push(r.eventHash);
        onBatch(eventHashes.length);
      }
      if (first)
        throw new Refused([{ path: "$.epcisBody.eventList", message: "the document holds no events" }]);
      // The stock balances of the sites the document moved material at, counted once from all their movements.
      await recountBalances(trx, touched.sites);
      await finishCapture(trx, captureId, {
        captured,
        duplicates: eventHashes.length - captured,
        eventCount: eventHashes.length,
      });
    });
  } catch (error) {
    if (error instanceof Refused)
      return { captured: 0, duplicates: 0, rejected: error.problems, eventHashes: [] };
    if (error instanceof LodestoneError && error.code === "EPCIS_INVALID")
      return {
        captured: 0,
        duplicates: 0,
        rejected: [{ path: "$", message: error.message }],
        eventHashes: [],
      };
    throw new LodestoneError(
      "STORE_FAILURE",
      `the ledger could not store the capture: ${(error as Error).message}`,
    );
  }
  return {
    captureId,
    captured,
    duplicates: eventHashes.length - captured,
    rejected: [],
    eventHashes,
    touched,
  };
}
