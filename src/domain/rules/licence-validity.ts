// LICENCE_VALIDITY: extraction before the licence's validity, after it expired, or while it was suspended or
// revoked (Law 54/2024/QH15; e.g. Tấn Phát Co. 2011, titanium mined after expiry). Dates are local dates of
// the events; the last day of validity is inside it.
import type { Finding } from "../finding.ts";
import { appendTo } from "../grouping.ts";
import { licenceStatusAt } from "../masterdata.ts";
import {
  baseFinding,
  type Extraction,
  extractionDays,
  extractionsByLicence,
  type Rule,
  tonnes,
} from "./context.ts";

type Reason = "before_issue" | "after_expiry" | "suspended" | "revoked";
const WORDS: Record<Reason, string> = {
  before_issue: "before the licence was valid",
  after_expiry: "after the licence expired",
  suspended: "while the licence was suspended",
  revoked: "after the licence was revoked",
};

const issued = (date: string | undefined) => (date === undefined ? "" : `issued ${date}, `);

export const licenceValidity: Rule = (context) => {
  const findings: Finding[] = [];
  for (const [licence, extractions] of extractionsByLicence(context)) {
    const byReason = new Map<Reason, Extraction[]>();
    for (const e of extractions) {
      const day = e.time.slice(0, 10);
      const status = licenceStatusAt(licence, e.time);
      const reason: Reason | undefined =
        day < licence.validFrom
          ? "before_issue"
          : day > licence.validTo
            ? "after_expiry"
            : status === "active"
              ? undefined
              : status;
      if (reason) appendTo(byReason, reason, e);
    }
    for (const [reason, list] of byReason) {
      const massT = list.reduce((s, e) => s + e.massT, 0);
      findings.push(
        baseFinding({
          id: `LICENCE_VALIDITY:${licence.id}:${reason}`,
          code: "LICENCE_VALIDITY",
          severity: "violation",
          subject: { kind: "licence", id: licence.id },
          period: extractionDays(list),
          measured: { value: massT, unit: "t" },
          allowed: { value: 0, unit: "t" },
          message: `${tonnes(massT)} t extracted ${WORDS[reason]} (${licence.id}, ${issued(licence.issuedOn)}valid ${licence.validFrom} to ${licence.validTo})`,
          evidence: { events: list.map((e) => e.event), documents: [licence.id] },
          taints: list.flatMap((e) => e.lots),
          rule: { citation: "Law 54/2024/QH15 on Geology and Minerals (licence term and status)" },
        }),
      );
    }
  }
  return findings;
};
