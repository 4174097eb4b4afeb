// Legal events as a list a reviewer works through: filter by party and status, close one with a note (a wrong
// reading of an article, an acquittal). Closing re-evaluates, which clears what the event marked.
import { LodestoneError } from "../domain/errors.ts";
import type { LegalEvent } from "../domain/masterdata.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { evaluateAndRecord } from "./evaluate.ts";
import { importMasterData } from "./masterdata-import.ts";

export async function listLegalEvents(
  ledger: Ledger,
  filter: { party?: string; status?: LegalEvent["status"] } = {},
): Promise<LegalEvent[]> {
  const { legalEvents } = await loadMasterData(ledger.db);
  const party = filter.party ? canonicalIdentifier(filter.party) : undefined;
  return legalEvents
    .filter(
      (e) =>
        (!party || canonicalIdentifier(e.party) === party) && (!filter.status || e.status === filter.status),
    )
    .sort((a, b) => {
      const [x, y] = [a.date ?? "", b.date ?? ""];
      return x > y ? -1 : x < y ? 1 : a.id < b.id ? -1 : 1;
    });
}

export async function setLegalEventStatus(
  ledger: Ledger,
  id: string,
  status: LegalEvent["status"],
  note: string,
  now: Date,
): Promise<LegalEvent> {
  if (note.trim() === "")
    throw new LodestoneError("QUERY_PARAMETER", "note: required: say why the event is closed or reopened");
  const { legalEvents } = await loadMasterData(ledger.db);
  const event = legalEvents.find((e) => e.id === id);
  if (!event) throw new LodestoneError("NOT_FOUND", `no legal event ${id}`);
  const changed = { ...event, status, statusNote: note.trim() };
  await importMasterData(ledger, { legalEvents: [changed] }, now);
  await evaluateAndRecord(ledger, now);
  return changed;
}
