// Keeps the lot graph current at capture, in the capture's transaction: lots created, material moved along
// edges by transformations, stock movements per site. Refuses a capture that would make a lot its own
// ancestor, or consume more of a lot than the ledger holds of it.
import type { Kysely } from "kysely";
import { type ContentsKg, contentsKg, validateAssay } from "../domain/assay.ts";
import type { Problem } from "../domain/errors.ts";
import { type EvaluationScope, emptyScope } from "../domain/evaluation-scope.ts";
import type { LedgerEvent, QuantityElement } from "../domain/events.ts";
import { extractionSumsOf } from "../domain/extraction-sums.ts";
import type { LotMovement, MovementKind } from "../domain/inventory.ts";
import { allocateTransformation, type LotEdge, type LotQuantity } from "../domain/lot-flows.ts";
import type { TransformationFlows } from "../domain/mass-balance.ts";
import { toKilograms } from "../domain/units.ts";
import { cbvValue } from "../standards/epcis/cbv.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import { type LotMasterData, pointFromGeoUri, readLotMasterData } from "../standards/lodestone/vocabulary.ts";
import type { EventRecord } from "../store/event-store.ts";
import { addToExtractionSums } from "../store/extraction-store.ts";
import { carryBalances } from "../store/inventory-store.ts";
import {
  edgesInto,
  edgesOutOf,
  getLots,
  insertEdges,
  insertMovements,
  insertTransformations,
  type Lot,
  lotBalances,
  upsertLots,
} from "../store/lot-store.ts";
import type { Database } from "../store/schema.ts";

const SHIPPING = cbvValue("BizStep", "shipping");
const RECEIVING = cbvValue("BizStep", "receiving");
const LOCATION = cbvValue("SDT", "location");
/** Slack on a lot's remaining mass before a consumption counts as more than exists (weighbridge rounding). */
const CONSUMPTION_TOLERANCE_KG = 0.001;

function lotSource(event: LedgerEvent) {
  const ilmd = "ilmd" in event ? event.ilmd : undefined;
  return ilmd && Object.keys(ilmd).length > 0
    ? { source: ilmd, path: "$.ilmd" }
    : { source: event.extensions, path: "$" };
}

function quantityLists(event: LedgerEvent): { list: QuantityElement[]; path: string }[] {
  switch (event.kind) {
    case "ObjectEvent":
    case "TransactionEvent":
      return [{ list: event.quantities, path: "$.quantityList" }];
    case "AggregationEvent":
    case "AssociationEvent":
      return [{ list: event.childQuantities, path: "$.childQuantityList" }];
    case "TransformationEvent":
      return [
        { list: event.inputQuantities, path: "$.inputQuantityList" },
        { list: event.outputQuantities, path: "$.outputQuantityList" },
      ];
  }
}

/** Checks, before any write, what the lot graph needs of an event: mass units and valid lot master data. */
/**
 * The heaviest lot the ledger accepts, 10^9 t: more than a year of the world's iron ore; a larger figure is a
 * unit or typing error, and beyond it sums in kilograms lose precision or overflow.
 */
export const MAX_LOT_KG = 1e12;

export function checkLotData(event: LedgerEvent, index: number): Problem[] {
  const problems: Problem[] = [];
  for (const { list, path } of quantityLists(event)) {
    list.forEach((q, i) => {
      if (q.uom === undefined || q.quantity === undefined) return;
      const kg = toKilograms(q.quantity, q.uom);
      if (!kg.ok) problems.push({ event: index, path: `${path}[${i}].uom`, message: kg.reason });
      else if (!(kg.kg <= MAX_LOT_KG)) {
        problems.push({
          event: index,
          path: `${path}[${i}].quantity`,
          message: `${q.quantity} ${q.uom} is more than any lot weighs (the ledger accepts up to ${MAX_LOT_KG / 1000} t a lot)`,
        });
      }
    });
  }
  const { source, path } = lotSource(event);
  const read = readLotMasterData(source, path);
  for (const p of read.problems) problems.push({ event: index, path: p.path, message: p.message });
  const assays: [string, LotMasterData][] = [["", read.shared], ...[...read.byLot.entries()]];
  for (const [lot, data] of assays) {
    if (!data.assay) continue;
    const where = lot === "" ? `${path}["lode:assay"]` : `${path}["lode:lots"](${lot})["lode:assay"]`;
    for (const p of validateAssay(data.assay)) {
      problems.push({ event: index, path: `${where}.${p.path}`, message: p.message });
    }
  }
  return problems;
}

interface Quantity {
  lot: string;
  massKg: number;
}

function massQuantities(list: QuantityElement[]): Quantity[] {
  const out: Quantity[] = [];
  for (const q of list) {
    if (q.quantity === undefined || q.uom === undefined) continue; // item counts carry no mass
    const kg = toKilograms(q.quantity, q.uom);
    if (kg.ok) out.push({ lot: canonicalIdentifier(q.epcClass), massKg: kg.kg });
  }
  return out;
}

/** Whether `target` is upstream of any of `starts`, through the stored edges and the capture's own. */
async function upstreamContains(
  trx: Kysely<Database>,
  starts: string[],
  target: string,
  pending: LotEdge[],
): Promise<boolean> {
  const seen = new Set(starts);
  let frontier = starts;
  while (frontier.length > 0) {
    const wanted = new Set(frontier);
    const edges = [...(await edgesInto(trx, frontier)), ...pending.filter((e) => wanted.has(e.to))];
    const next: string[] = [];
    for (const e of edges) {
      if (e.from === target) return true;
      if (!seen.has(e.from)) {
        seen.add(e.from);
        next.push(e.from);
      }
    }
    frontier = next;
  }
  return false;
}

/**
 * Projects freshly stored events (in document order) into the lot graph; returns the problems that refuse the
 * capture. The lots the document names are read once; lots, edges, movements and flows are gathered in memory
 * as each event sees the ones before it, and written at the end in multi-row statements (one statement per
 * event and table was most of capture's time).
 */
export async function projectLotGraph(
  trx: Kysely<Database>,
  items: { index: number; record: EventRecord }[],
  options: { carryBalances?: boolean } = {},
): Promise<{ problems: Problem[]; touched: EvaluationScope }> {
  const problems: Problem[] = [];
  const touched = emptyScope();
  const named = items.flatMap(({ record }) =>
    quantityLists(record.event).flatMap(({ list }) => massQuantities(list).map((q) => q.lot)),
  );
  const stored = await getLots(trx, named);
  const lots = new Map(stored);
  const written = new Set<string>();
  const balances = await lotBalances(trx, named);
  const movements: LotMovement[] = [];
  const edges: LotEdge[] = [];
  const transformations: TransformationFlows[] = [];

  const reference = (lot: string) => {
    if (lots.has(lot)) return;
    lots.set(lot, { id: lot });
    written.add(lot);
  };
  const addMovements = (added: LotMovement[]) => {
    for (const m of added) {
      movements.push(m);
      if (m.kind !== "produced" && m.kind !== "consumed") continue;
      const balance = balances.get(m.lot) ?? { producedKg: 0, consumedKg: 0 };
      if (m.kind === "produced") balance.producedKg += m.massKg;
      else balance.consumedKg += m.massKg;
      balances.set(m.lot, balance);
    }
  };

  for (const { index, record } of items) {
    const event = record.event;
    const site = record.bizLocation ?? record.readPoint;
    const { source, path } = lotSource(event);
    const master = readLotMasterData(source, path);
    const dataFor = (lot: string): LotMasterData => ({ ...master.shared, ...(master.byLot.get(lot) ?? {}) });
    const created = (q: Quantity): LotQuantity => {
      const data = dataFor(q.lot);
      // Where the material was taken: the extension field, else a readPoint that is a position (geo: URI).
      const point =
        data.point ?? (event.kind === "ObjectEvent" ? pointFromGeoUri(event.readPoint?.id) : undefined);
      const fresh: Lot = {
        id: q.lot,
        ...(data.materialClass ? { materialClass: data.materialClass } : {}),
        ...(site ? { site } : {}),
        ...(data.licence ? { originLicence: data.licence } : {}),
        ...(data.country ? { originCountry: data.country } : {}),
        createdEvent: record.eventHash,
        createdTime: record.eventTimeUtc,
        ...(data.assay ? { assay: data.assay } : {}),
        createdKind: event.kind === "TransformationEvent" ? "TransformationEvent" : "ObjectEvent",
        ...(data.mineral ? { mineral: data.mineral } : {}),
        ...(point ? { point } : {}),
        ...(data.productName ? { productName: data.productName } : {}),
        ...(data.recycledContentClaim !== undefined
          ? { recycledContentClaim: data.recycledContentClaim }
          : {}),
      };
      // What the ledger already knows of the lot stands; the creation fills only what it lacked.
      const lot: Lot = { ...fresh, ...lots.get(q.lot) };
      lots.set(q.lot, lot);
      written.add(q.lot);
      return {
        lot: q.lot,
        massKg: q.massKg,
        contents: contentsKg(q.massKg, data.assay ?? lot.assay),
        ...(lot.materialClass ? { materialClass: lot.materialClass } : {}),
      };
    };
    const movement = (
      q: { lot: string; massKg: number; contents: ContentsKg },
      kind: MovementKind,
      at: string,
      destination?: string,
    ): LotMovement => ({
      event: record.eventHash,
      eventTime: record.eventTimeUtc,
      localTime: event.eventTime,
      site: at,
      lot: q.lot,
      kind,
      massKg: q.massKg,
      contents: q.contents,
      ...(destination ? { destination } : {}),
    });

    if (event.kind === "ObjectEvent") {
      const quantities = massQuantities(event.quantities);
      if (event.action === "ADD") {
        const outputs = quantities.map(created);
        if (site) addMovements(outputs.map((o) => movement(o, "produced", site)));
      } else if (
        event.action === "OBSERVE" &&
        (record.bizStep === SHIPPING || record.bizStep === RECEIVING)
      ) {
        const shipping = record.bizStep === SHIPPING;
        const parties = shipping
          ? record.parties.filter((p) => p.direction === "source")
          : record.parties.filter((p) => p.direction === "destination");
        const at = parties.find((p) => p.type === LOCATION)?.id ?? site;
        // Where a shipment goes is kept with it: the exports rules compare the two sites' countries.
        const destination = shipping
          ? record.parties
              .filter((p) => p.direction === "destination" && p.type === LOCATION)
              .map((p) => p.id)
              .sort()
              .at(-1)
          : undefined;
        if (at) {
          const assays = new Map(quantities.map((q) => [q.lot, lots.get(q.lot)?.assay]));
          for (const q of quantities) reference(q.lot);
          addMovements(
            quantities.map((q) =>
              movement(
                { ...q, contents: contentsKg(q.massKg, assays.get(q.lot)) },
                shipping ? "shipped" : "received",
                at,
                destination,
              ),
            ),
          );
        }
      }
      continue;
    }

    if (event.kind === "TransformationEvent") {
      const inputQuantities = massQuantities(event.inputQuantities);
      const outputQuantities = massQuantities(event.outputQuantities);
      const inputs: LotQuantity[] = [];
      for (const [i, q] of inputQuantities.entries()) {
        const lot = lots.get(q.lot);
        reference(q.lot);
        const { producedKg, consumedKg } = balances.get(q.lot) ?? { producedKg: 0, consumedKg: 0 };
        if (producedKg > 0 && consumedKg + q.massKg > producedKg + CONSUMPTION_TOLERANCE_KG) {
          problems.push({
            event: index,
            path: `$.inputQuantityList[${i}]`,
            message: `consumes ${q.massKg} kg of ${q.lot}, but only ${producedKg - consumedKg} kg of it remain (produced ${producedKg} kg, consumed ${consumedKg} kg)`,
          });
        }
        inputs.push({
          lot: q.lot,
          massKg: q.massKg,
          contents: contentsKg(q.massKg, lot?.assay),
          ...(lot?.materialClass ? { materialClass: lot.materialClass } : {}),
        });
      }
      const inputLots = inputs.map((q) => q.lot);
      for (const [i, q] of outputQuantities.entries()) {
        // The same lot on both sides is one lot processed in place (dried, re-graded), not its own ancestor.
        // A real cycle needs the output to feed something already; a lot that feeds nothing cannot be one,
        // and a lot the ledger did not hold before this capture feeds only what the capture itself says.
        const others = inputLots.filter((lot) => lot !== q.lot);
        const feeds =
          edges.some((e) => e.from === q.lot) ||
          (stored.has(q.lot) && (await edgesOutOf(trx, [q.lot])).length > 0);
        if (feeds && (await upstreamContains(trx, others, q.lot, edges))) {
          problems.push({
            event: index,
            path: `$.outputQuantityList[${i}]`,
            message: `${q.lot} would become its own ancestor: it is already upstream of this transformation's inputs`,
          });
        }
      }
      if (problems.length > 0) continue;
      const outputs = outputQuantities.map(created);
      edges.push(
        ...allocateTransformation(record.eventHash, inputs, outputs).filter((edge) => edge.from !== edge.to),
      );
      if (site) {
        addMovements([
          ...inputs.map((q) => movement(q, "consumed", site)),
          ...outputs.map((q) => movement(q, "produced", site)),
        ]);
      }
      transformations.push({
        event: record.eventHash,
        ...(site ? { site } : {}),
        eventTime: record.eventTimeUtc,
        inputs,
        outputs,
      });
    }
  }
  if (problems.length > 0) return { problems, touched };
  // What the capture touched: the incremental evaluation recomputes the findings resting on these.
  for (const m of movements) {
    touched.sites.add(m.site);
    touched.lots.add(m.lot);
  }
  for (const id of written) {
    touched.lots.add(id);
    const licence = lots.get(id)?.originLicence;
    if (licence) touched.licences.add(licence);
  }
  for (const t of transformations) {
    touched.transformations.add(t.event);
    if (t.site) touched.sites.add(t.site);
  }
  for (const e of edges) touched.edgeSources.add(e.from);
  await upsertLots(
    trx,
    [...written].map((id) => lots.get(id) as Lot),
  );
  await insertEdges(trx, edges);
  await insertMovements(trx, movements);
  // A lot's production is an extraction or not for good once the lot is stored: the sums only ever add up.
  await addToExtractionSums(
    trx,
    extractionSumsOf(movements, (id) => lots.get(id)),
  );
  // A document captured in parts recounts its sites' balances once at its end (capture-parts.ts) instead.
  if (options.carryBalances !== false) await carryBalances(trx, movements);
  await insertTransformations(trx, transformations);
  return { problems, touched };
}
