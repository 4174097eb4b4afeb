// INVENTORY_NEGATIVE of a scope from its aggregates: the element balances of its sites and the sums of its lots'
// series point at the few series that may go below zero, and only those are walked, movement by movement, by the
// rule itself (domain/inventory.ts), so the findings are the rule's to the last digit.

import type { EvaluationScope } from "../domain/evaluation-scope.ts";
import type { Finding } from "../domain/finding.ts";
import { inventoryFindings } from "../domain/inventory.ts";
import { lotSeriesMayBreach, mayBreach } from "../domain/inventory-balances.ts";
import type { Ledger } from "../store/db.ts";
import { balancesAt, lotSeriesSums } from "../store/inventory-store.ts";
import { movementsAtOrOf } from "../store/lot-store.ts";

/** The lots whose balance at some site may go below zero: of the given lots, or of the whole ledger in one pass. */
export async function lotsThatMayBreach(ledger: Ledger, lots: string[] | "all"): Promise<Set<string>> {
  return new Set((await lotSeriesSums(ledger.db, lots)).filter(lotSeriesMayBreach).map((s) => s.lot));
}

/**
 * The scope's INVENTORY_NEGATIVE findings. A full evaluation passes the lots that may breach, found for the whole
 * ledger at once, instead of each part asking for its own.
 */
export async function inventoryOfScope(
  ledger: Ledger,
  scope: EvaluationScope,
  ledgerLotsThatMayBreach?: Set<string>,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  // Per element, a site's finding: every movement at the site is walked when one of its elements may breach.
  const sites = new Set(
    (await balancesAt(ledger.db, [...scope.sites]))
      .filter((b) => mayBreach(b.lowestKg, b.inKg + b.outKg))
      .map((b) => b.site),
  );
  if (sites.size > 0) {
    const walked = inventoryFindings(await movementsAtOrOf(ledger.db, { sites: [...sites], lots: [] }));
    findings.push(...walked.filter((f) => f.subject.kind === "site" && sites.has(f.subject.id)));
  }
  // Per lot, the lot's finding at each site: every movement of the lot is walked when one of its series may breach.
  const lots = ledgerLotsThatMayBreach
    ? new Set([...ledgerLotsThatMayBreach].filter((lot) => scope.lots.has(lot)))
    : await lotsThatMayBreach(ledger, [...scope.lots]);
  if (lots.size > 0) {
    const walked = inventoryFindings(await movementsAtOrOf(ledger.db, { sites: [], lots: [...lots] }));
    findings.push(...walked.filter((f) => f.subject.kind === "lot" && lots.has(f.subject.id)));
  }
  return findings;
}
