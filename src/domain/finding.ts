// A Finding: what a rule of the domain found, with the numbers and the events that prove it. Findings are
// data, not errors (shared/design.md §10 gives the public shape).

export type FindingCode =
  | "MASS_BALANCE"
  | "INVENTORY_NEGATIVE"
  | "LICENCE_CAPACITY"
  | "LICENCE_RESERVE"
  | "LICENCE_VALIDITY"
  | "LICENCE_AREA"
  | "LICENCE_SCOPE"
  | "UNLICENSED_EXTRACTION"
  | "EXPORT_UNPROCESSED"
  | "EXPORT_RADIOACTIVE"
  | "EXPORT_MISDECLARED"
  | "DECLARATION_MISMATCH"
  | "COUNTERPARTY_LEGAL"
  | "CONCENTRATION"
  | "CONTRACT_SHORTFALL"
  | "SPEC_MISMATCH"
  | "CONTRACT_CAPACITY"
  | "SANCTIONS_MATCH"
  | "RADIONUCLIDE_BALANCE"
  | "RESIDUE_UNPLACED"
  | "RESIDUE_SITE_OVER_CAPACITY"
  | "PERMIT_LIMIT"
  | "PRODUCT_ACTIVITY"
  | "RECYCLED_CLAIM"
  | "RECYCLER_UNPERMITTED";

export type Severity = "info" | "warning" | "violation";
export type FindingStatus = "open" | "acknowledged" | "resolved";
export type SubjectKind =
  | "licence"
  | "site"
  | "lot"
  | "organisation"
  | "contract"
  | "declaration"
  | "transformation";

export interface Measure {
  value: number;
  unit: string;
}

export interface Finding {
  /** Stable id from the rule, the subject and the period, so evaluating again finds the same finding. */
  id: string;
  code: FindingCode;
  severity: Severity;
  status: FindingStatus;
  /** What the finding is about; a lot's finding may name the site where it arose (MASS_BALANCE). */
  subject: { kind: SubjectKind; id: string; site?: string };
  /** Inclusive calendar dates, YYYY-MM-DD (calendarPeriod). */
  period?: { from: string; to: string };
  measured?: Measure;
  allowed?: Measure;
  message: string;
  evidence: { events: string[]; documents: string[] };
  taints: string[];
  rule: { citation: string };
}

/**
 * A finding's period in its one format, inclusive calendar dates (YYYY-MM-DD): a rule that reads an instant
 * gives its date as written, the local date of a time with its offset (as the sender wrote it) and the
 * UTC date of a UTC instant. Periods are not part of finding ids, so ids do not change with the format.
 */
export function calendarPeriod<F extends Pick<Finding, "period">>(finding: F): F {
  const period = finding.period;
  if (!period || (period.from.length === 10 && period.to.length === 10)) return finding;
  return { ...finding, period: { from: period.from.slice(0, 10), to: period.to.slice(0, 10) } };
}
