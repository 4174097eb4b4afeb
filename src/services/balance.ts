// The balance verb: mass-balance findings of every recorded transformation and inventory findings of every
// site, evaluated by the pure rules over the stored projection.
import { calendarPeriod, type Finding } from "../domain/finding.ts";
import { inventoryFindings } from "../domain/inventory.ts";
import { declaredProcesses, massBalance } from "../domain/mass-balance.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import { listMovements, listTransformations } from "../store/lot-store.ts";
import { loadMasterData } from "../store/masterdata-store.ts";

export async function evaluateBalance(ledger: Ledger, options: { site?: string } = {}): Promise<Finding[]> {
  const site = options.site === undefined ? undefined : canonicalIdentifier(options.site);
  const transformations = await listTransformations(ledger.db, site);
  const movements = await listMovements(ledger.db, site);
  const processesAt = declaredProcesses(await loadMasterData(ledger.db));
  return [
    ...transformations.flatMap((t) => massBalance(t, processesAt(t.site))),
    ...inventoryFindings(movements),
  ].map(calendarPeriod);
}
