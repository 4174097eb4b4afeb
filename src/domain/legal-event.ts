// Legal and risk events about parties (from master data, the press and reviews), how their possibly partial
// dates read, and the press's candidates for review: organisations an article named that master data lacks.

export interface LegalEvent {
  id: string;
  party: string;
  kind:
    | "inspection"
    | "investigation"
    | "search"
    | "seizure"
    | "prosecution"
    | "arrest"
    | "indictment_recommended"
    | "indictment"
    | "trial"
    | "conviction"
    | "sanction"
    | "administrative_fine"
    | "licence_suspension"
    | "licence_revocation"
    | "export_violation";
  /**
   * The action's date as precisely as its source gives it: YYYY, YYYY-MM or YYYY-MM-DD; absent when no source
   * dates it (an undated article about an undated action).
   */
  date?: string;
  /** Where the date comes from: the action itself (the default), the publication of its report, or nowhere. */
  dateBasis?: "action" | "publication" | "unknown";
  jurisdiction?: string;
  charges?: string[];
  source: { title: string; publisher?: string; url?: string; quote?: string };
  confidence: number;
  status: "open" | "closed";
  /** Why it was closed: acquittal, a wrong reading of an article, a case dropped. */
  statusNote?: string;
  /** A real, public record (shared/domain.md §8.9) rather than demo data. */
  real?: boolean;
}

/** The calendar days a legal event's date covers ("2024-11" is all of November); undefined when undated. */
export function legalEventPeriod(event: Pick<LegalEvent, "date">): { from: string; to: string } | undefined {
  const d = event.date;
  if (!d) return undefined;
  if (d.length === 10) return { from: d, to: d };
  if (d.length === 4) return { from: `${d}-01-01`, to: `${d}-12-31` };
  const [y, m] = d.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${d}-01`, to: `${d}-${String(last).padStart(2, "0")}` };
}

/** A legal event's date as a reader should see it: "2024-11-03", "2024-11 (publication)", "date unknown". */
export function legalEventDateLabel(event: Pick<LegalEvent, "date" | "dateBasis">): string {
  if (!event.date) return "date unknown";
  return event.dateBasis === "publication" ? `${event.date} (publication)` : event.date;
}

/**
 * An organisation the press named that master data did not know, waiting for a reviewer to match it to an
 * organisation (its legal events are then recorded) or to reject it. Nothing from the press is lost, and nothing
 * from it becomes a finding until reviewed.
 */
export interface PressCandidate {
  id: string;
  /** The name as first written; its folding without legal forms is the key that recognises it again. */
  name: string;
  key: string;
  aliases: string[];
  language: "en" | "vi";
  status: "pending" | "matched" | "rejected";
  /** The organisation it was matched to. */
  organisation?: string;
  reviewNote?: string;
  /** Every article that named it: what it said, as the reader read it. */
  reports: PressReport[];
}

export interface PressReport {
  role: "subject" | "partner" | "mentioned";
  kind?: LegalEvent["kind"];
  date?: string;
  dateBasis?: LegalEvent["dateBasis"];
  charges?: string[];
  source: LegalEvent["source"];
  confidence: number;
  reason: string;
}
