// What every route module reads: the request context built by app.ts, and the principal of a request.
// Routes import this module; app.ts composes them, and nothing imports app.ts back.
import type { Principal } from "../domain/access.ts";
import { LodestoneError } from "../domain/errors.ts";
import type { Ledger } from "../store/db.ts";
import type { CaptureAdmission } from "./capture-admission.ts";

export interface AppContext {
  ledger: Ledger;
  now: () => Date;
  newId: () => string;
  /** Capture jobs still running, so shutdown can wait for them. */
  inFlight: Set<Promise<unknown>>;
  /** The bound on capture jobs and bytes in flight. */
  captureAdmission: CaptureAdmission;
}

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** The principal that the sign-in hook attached to this request; a request without one is unauthorised. */
export function principalOf(request: { principal?: Principal }): Principal {
  if (!request.principal) throw new LodestoneError("UNAUTHORIZED", "a bearer token is required");
  return request.principal;
}
