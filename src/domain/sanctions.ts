// Sanctions and restricted-party screening: every organisation of the master data against every entry of the
// imported lists, by name similarity (without diacritics, case or legal forms, in any word order) or by a
// shared identifier. Matches at or above the threshold are SANCTIONS_MATCH findings for a person to review.
import { distance } from "fastest-levenshtein";
import type { Finding } from "./finding.ts";
import { normaliseName } from "./names.ts";
import type { Organisation, SanctionsEntry } from "./parties.ts";

/** Default similarity at which a name match goes to review (1 = same normalised name). */
export const SANCTIONS_MATCH_THRESHOLD = 0.85;

/** Similarity of two normalised names, 0–1: Levenshtein on the names as written and with sorted words. */
export function nameSimilarity(a: string, b: string): number {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (x === "" || y === "") return 0;
  const ratio = (p: string, q: string) => 1 - distance(p, q) / Math.max(p.length, q.length);
  const sorted = (s: string) => s.split(" ").sort().join(" ");
  return Math.max(ratio(x, y), ratio(sorted(x), sorted(y)));
}

const normaliseIdentifier = (id: string) => id.replace(/[^\p{L}\p{N}]/gu, "").toUpperCase();

export interface SanctionsMatch {
  organisation: string;
  entry: string;
  list: string;
  score: number;
  /** The two names that matched best, or the shared identifier. */
  basis: { organisationName: string; entryName: string } | { identifier: string };
}

export function screenOrganisations(
  organisations: Pick<Organisation, "id" | "name" | "aliases" | "taxId">[],
  entries: SanctionsEntry[],
  threshold = SANCTIONS_MATCH_THRESHOLD,
): SanctionsMatch[] {
  const matches: SanctionsMatch[] = [];
  for (const o of organisations) {
    const names = [o.name, ...o.aliases];
    for (const e of entries) {
      const sharedId =
        o.taxId !== undefined &&
        e.identifiers.some((i) => normaliseIdentifier(i) === normaliseIdentifier(o.taxId as string));
      if (sharedId) {
        matches.push({
          organisation: o.id,
          entry: e.id,
          list: e.list,
          score: 1,
          basis: { identifier: o.taxId as string },
        });
        continue;
      }
      let best = { score: 0, organisationName: "", entryName: "" };
      for (const n of names) {
        for (const m of [e.name, ...e.aliases]) {
          const score = nameSimilarity(n, m);
          if (score > best.score) best = { score, organisationName: n, entryName: m };
        }
      }
      if (best.score >= threshold) {
        matches.push({
          organisation: o.id,
          entry: e.id,
          list: e.list,
          score: best.score,
          basis: { organisationName: best.organisationName, entryName: best.entryName },
        });
      }
    }
  }
  return matches.sort((a, b) => b.score - a.score || (a.organisation < b.organisation ? -1 : 1));
}

/** SANCTIONS_MATCH findings: warnings for review, never automatic conclusions. */
export function sanctionsFindings(
  matches: SanctionsMatch[],
  entries: SanctionsEntry[],
  threshold = SANCTIONS_MATCH_THRESHOLD,
): Finding[] {
  const entryById = new Map(entries.map((e) => [e.id, e]));
  return matches.map((m) => {
    const e = entryById.get(m.entry) as SanctionsEntry;
    const basis =
      "identifier" in m.basis
        ? `shares identifier ${m.basis.identifier}`
        : `"${m.basis.organisationName}" resembles "${m.basis.entryName}" (similarity ${m.score.toFixed(2)})`;
    return {
      id: `SANCTIONS_MATCH:${m.organisation}:${m.entry}`,
      code: "SANCTIONS_MATCH",
      severity: "warning",
      status: "open",
      subject: { kind: "organisation", id: m.organisation },
      ...(e.date ? { period: { from: e.date, to: e.date } } : {}),
      measured: { value: m.score, unit: "similarity" },
      allowed: { value: threshold, unit: "similarity" },
      message: `possible match on ${e.list}${e.programme ? ` (${e.programme})` : ""}: ${basis}${e.country ? `; listed country ${e.country}` : ""}; review before trading`,
      evidence: { events: [], documents: [e.id] },
      taints: [],
      rule: { citation: `restricted-party screening against ${e.list}` },
    };
  });
}
