// The one error type of Lodestone, with a closed set of codes; the API maps codes to HTTP status and
// the CLI to exit codes, each in one table. Findings of the rules are data, not errors.

export type ErrorCode =
  | "EPCIS_INVALID"
  | "EPCIS_UNSUPPORTED"
  | "CAPTURE_REJECTED"
  | "QUERY_PARAMETER"
  | "QUERY_TOO_LARGE"
  | "NOT_FOUND"
  | "INPUT_UNREADABLE"
  | "INPUT_INVALID"
  | "STORE_FAILURE"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "TOO_MANY_REQUESTS"
  | "UNSUPPORTED_MEDIA_TYPE";

/** Where a problem sits in a document: the event's index (0-based) and a JSON path inside it. */
export interface Problem {
  event?: number;
  path: string;
  message: string;
}

export class LodestoneError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];

  constructor(code: ErrorCode, message: string, problems: Problem[] = []) {
    super(message);
    this.name = "LodestoneError";
    this.code = code;
    this.problems = problems;
  }
}

export function describeProblem(problem: Problem): string {
  const where = problem.event === undefined ? problem.path : `event ${problem.event} at ${problem.path}`;
  return `${where}: ${problem.message}`;
}
