// What the recycling rules read (RECYCLER_UNPERMITTED, RECYCLED_CLAIM): the recycled feed created among the
// movements of an evaluation, and the lots whose maker claims a recycled content with the shares their trace gives.
import type { LotMovement } from "../domain/inventory.ts";
import { originSource } from "../domain/material-class.ts";
import { sourceShares, UNRECORDED } from "../domain/provenance.ts";
import type { RecycledClaim, RecycledOrigin } from "../domain/rules/context.ts";
import type { Ledger } from "../store/db.ts";
import type { Lot } from "../store/lot-store.ts";
import { traceOriginShares } from "./trace.ts";

export async function recycledInputs(
  ledger: Ledger,
  movements: LotMovement[],
  lots: Lot[],
  lotById: Map<string, Lot>,
): Promise<{ recycledOrigins: RecycledOrigin[]; recycledClaims: RecycledClaim[] }> {
  const recycledOrigins: RecycledOrigin[] = [];
  for (const m of movements) {
    if (m.kind !== "produced") continue;
    const lot = lotById.get(m.lot);
    if (lot?.createdKind !== "ObjectEvent" || lot.createdEvent !== m.event) continue;
    const source = originSource(lot.materialClass);
    if (source === "mined") continue;
    recycledOrigins.push({
      lot: m.lot,
      event: m.event,
      time: m.localTime ?? m.eventTime,
      site: m.site,
      materialClass: lot.materialClass as string,
      source,
      massKg: m.massKg,
    });
  }
  const recycledClaims: RecycledClaim[] = [];
  for (const lot of lots) {
    if (lot.recycledContentClaim === undefined || !lot.createdEvent) continue;
    const shares = await traceOriginShares(ledger, lot.id, ["TREO"]);
    recycledClaims.push({
      lot: lot.id,
      event: lot.createdEvent,
      time: lot.createdTime ?? "",
      claimed: lot.recycledContentClaim,
      // The share of its rare earths by source; a lot with no recorded rare earths has it all unrecorded.
      computed: sourceShares(shares.TREO ?? [{ ...UNRECORDED, share: 1 }]),
    });
  }

  return { recycledOrigins, recycledClaims };
}
