// The bound on capture work the server holds at once: jobs accepted and not yet finished, and the bytes of
// their documents. Past it POST /epcis/capture answers 503 with Retry-After and stores nothing of the
// request, so a burst from one ERP export cannot exhaust the server (docs/capture.md, "The capture queue").
import type { FastifyReply } from "fastify";

export interface CaptureLimits {
  /** Capture jobs accepted and not finished. */
  maxJobs: number;
  /** Bytes of the documents of those jobs (each parsed document takes several times its size in memory). */
  maxBytes: number;
}

/** 8 jobs: captures queue on the ledger's one write transaction, so more in flight only hold memory. 64 MiB:
 *  three documents at the 20 MiB body limit. */
export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = { maxJobs: 8, maxBytes: 64 * 1024 * 1024 };

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

export type Admission =
  | { admitted: true; release: () => void }
  | { admitted: false; status: 503 | 413; detail: string; retryAfterSeconds?: number };

export class CaptureAdmission {
  private jobs = 0;
  private bytes = 0;
  /** A running mean of how long a job takes, for Retry-After. */
  private meanJobSeconds = 1;

  constructor(readonly limits: CaptureLimits = DEFAULT_CAPTURE_LIMITS) {}

  get inFlight(): { jobs: number; bytes: number } {
    return { jobs: this.jobs, bytes: this.bytes };
  }

  /** Admits a document of this many bytes, counting it until release() is called, or says why not. */
  admit(bytes: number, now: () => number = Date.now): Admission {
    const { maxJobs, maxBytes } = this.limits;
    if (bytes > maxBytes) {
      return {
        admitted: false,
        status: 413,
        detail: `the document is ${mib(bytes)}, above the ${mib(maxBytes)} this server holds in capture at once (--max-capture-bytes); split it into smaller documents`,
      };
    }
    const full =
      this.jobs >= maxJobs
        ? `the server already has ${this.jobs} capture jobs in flight, its limit (--max-capture-jobs)`
        : this.bytes + bytes > maxBytes
          ? `the capture jobs in flight hold ${mib(this.bytes)}; with this ${mib(bytes)} document they would pass the server's ${mib(maxBytes)} (--max-capture-bytes)`
          : undefined;
    if (full) {
      // Jobs run one after another on the write transaction: the queue drains at about one job per mean time.
      const retryAfterSeconds = Math.max(1, Math.ceil(this.meanJobSeconds));
      return {
        admitted: false,
        status: 503,
        detail: `${full}; retry after ${retryAfterSeconds} s`,
        retryAfterSeconds,
      };
    }
    this.jobs++;
    this.bytes += bytes;
    const started = now();
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.jobs--;
        this.bytes -= bytes;
        this.meanJobSeconds = 0.8 * this.meanJobSeconds + 0.2 * ((now() - started) / 1000);
      },
    };
  }
}

/** The refusal as RFC 7807 problem+json, with Retry-After when waiting helps. */
export function sendRefusal(
  reply: FastifyReply,
  refusal: Extract<Admission, { admitted: false }>,
): FastifyReply {
  if (refusal.retryAfterSeconds !== undefined) reply.header("retry-after", String(refusal.retryAfterSeconds));
  return reply
    .status(refusal.status)
    .header("content-type", "application/problem+json")
    .send({
      type:
        refusal.status === 503
          ? "https://lodestone.dev/problems/capture-queue-full"
          : "epcisException:CaptureLimitExceededException",
      title: refusal.status === 503 ? "Capture queue full" : "Document too large to capture",
      status: refusal.status,
      detail: refusal.detail,
      instance: reply.request.url,
    });
}
