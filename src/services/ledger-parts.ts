// The parts a full evaluation walks: the ledger cut into groups of a few sites with what was made there, so memory
// holds one part's data at a time and each part's findings are those of a whole-ledger evaluation for its units.
import { type EvaluationScope, emptyScope } from "../domain/evaluation-scope.ts";
import type { MasterData } from "../domain/masterdata.ts";
import type { Ledger } from "../store/db.ts";
import { lotIdsAt, transformationsAt } from "../store/lot-store.ts";

/**
 * The parts a full evaluation walks, each a scope of a few sites with the lots and transformations made there,
 * then one of the lots and transformations that name no site: together they hold every unit of the ledger.
 */
export async function* ledgerParts(
  ledger: Ledger,
  masterData: MasterData,
  budget: { sites: number; movements: number },
): AsyncGenerator<EvaluationScope> {
  const sites = new Set<string>([
    ...masterData.sites.map((s) => s.id),
    ...masterData.licences.map((l) => l.site),
  ]);
  for (const table of ["lot_movements", "transformations", "lots"] as const) {
    const rows = await ledger.db.selectFrom(table).select("site").distinct().execute();
    for (const r of rows) if (r.site) sites.add(r.site);
  }
  // Sites are grouped up to a number of sites and of stock movements a part: memory holds one part's data, so
  // a site with much history gets a part of its own instead of sharing one with 39 others.
  const counts = new Map<string, number>();
  for (const r of await ledger.db
    .selectFrom("lot_movements")
    .select((eb) => ["site", eb.fn.countAll().as("n")])
    .groupBy("site")
    .execute())
    counts.set(r.site, Number(r.n));
  const ordered = [...sites].sort();
  const groups: string[][] = [];
  let current: string[] = [];
  let held = 0;
  for (const site of ordered) {
    const n = counts.get(site) ?? 0;
    if (current.length > 0 && (current.length >= budget.sites || held + n > budget.movements)) {
      groups.push(current);
      current = [];
      held = 0;
    }
    current.push(site);
    held += n;
  }
  if (current.length > 0) groups.push(current);
  for (const part of groups) {
    const scope = emptyScope();
    for (const site of part) scope.sites.add(site);
    // Each licence belongs to the part of its site.
    for (const l of masterData.licences) if (scope.sites.has(l.site)) scope.licences.add(l.id);
    for (const lot of await lotIdsAt(ledger.db, part)) scope.lots.add(lot);
    for (const event of await transformationsAt(ledger.db, part)) scope.transformations.add(event);
    yield scope;
  }
  const rest = emptyScope();
  for (const r of await ledger.db.selectFrom("lots").select("lot_id").where("site", "is", null).execute())
    rest.lots.add(r.lot_id);
  for (const r of await ledger.db
    .selectFrom("transformations")
    .select("event_hash")
    .where("site", "is", null)
    .execute())
    rest.transformations.add(r.event_hash);
  yield rest;
}
