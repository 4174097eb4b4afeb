// Findings as people read them: lots and sites named in the identifier form their capture used (URN or
// Digital Link), the canonical Digital Link beside it. Inside the ledger everything joins by the canonical
// form (subjects, taints, evaluation scopes); this is applied only where findings leave it (API, CLI, CSV).
import type { Finding } from "../domain/finding.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import { capturedForms } from "../store/identifier-forms.ts";

/** A finding as presented: `subject.id` as captured, `subject.canonical` where that differs from it. */
export type PresentedFinding<F extends Finding = Finding> = F & {
  subject: F["subject"] & { canonical?: string };
};

const DIGITAL_LINK = /https:\/\/id\.gs1\.org\/[^\s,;()]+/g;

export async function presentFindings<F extends Finding>(
  ledger: Ledger,
  findings: F[],
): Promise<PresentedFinding<F>[]> {
  const ids = new Set<string>();
  for (const f of findings) {
    ids.add(f.subject.id);
    if (f.subject.site) ids.add(f.subject.site);
    for (const match of f.message.match(DIGITAL_LINK) ?? []) ids.add(match);
  }
  const forms = await capturedForms(ledger.db, [...ids]);
  if (forms.size === 0) return findings;
  const asCaptured = (id: string) => forms.get(id) ?? id;
  return findings.map((f) => {
    const captured = asCaptured(f.subject.id);
    return {
      ...f,
      subject: {
        ...f.subject,
        id: captured,
        ...(f.subject.site ? { site: asCaptured(f.subject.site) } : {}),
        ...(captured === f.subject.id ? {} : { canonical: f.subject.id }),
      },
      message: f.message.replace(DIGITAL_LINK, asCaptured),
    };
  });
}

/** Whether a finding is about this subject, given in any identifier form. */
export function isAbout(finding: Finding, subject: string): boolean {
  return finding.subject.id === subject || finding.subject.id === canonicalIdentifier(subject);
}
