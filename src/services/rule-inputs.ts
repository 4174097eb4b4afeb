// What the rules read, loaded from the stored projection and master data: extractions, shipments, exports
// and the environmental inputs, of the whole ledger or of a scope (what a capture touched, grown to everything
// the findings resting on it read), so an evaluation after a capture reads what the capture touched.
import { productOf } from "../domain/contract-specification.ts";
import { type EvaluationScope, emptyScope, mergeScopes } from "../domain/evaluation-scope.ts";
import { EXTRACTED_CLASSES, minesClearOfLicenceFindings } from "../domain/extraction-sums.ts";
import type { LotMovement } from "../domain/inventory.ts";
import type { TransformationFlows } from "../domain/mass-balance.ts";
import { customsLines, type MasterData } from "../domain/masterdata.ts";
import { effectiveRulePacks } from "../domain/rule-packs.ts";
import type {
  EnvironmentInputs,
  ExportRecord,
  Extraction,
  RuleContext,
  Shipment,
} from "../domain/rules/context.ts";
import { canonicalIdentifier } from "../standards/epcis/identifiers.ts";
import type { Ledger } from "../store/db.ts";
import { eventsWithBizTransactions } from "../store/event-store.ts";
import { extractionSumsAt } from "../store/extraction-store.ts";
import {
  getLots,
  type Lot,
  listLots,
  listMovements,
  lotsShippedBy,
  lotsWhere,
  lotsWithInputs,
  movementEventsOf,
  movementsAtOrOf,
  sitesOfLicences,
} from "../store/lot-store.ts";
import { loadMasterData } from "../store/masterdata-store.ts";
import { contractDeliveries } from "./contracts.ts";
import { recycledInputs } from "./recycled-inputs.ts";

export async function buildRuleContext(ledger: Ledger): Promise<RuleContext> {
  return (await loadRuleInputs(ledger, await loadMasterData(ledger.db))).context;
}

/**
 * The rules' context and the stock movements it was built from (the evaluation reuses them): of the whole
 * ledger, or of a scope only (every movement at its sites and of its lots, the lots these name, and the
 * lots made at sites of parties with an open legal event, for the ledger-wide legal rule).
 */
export async function loadRuleInputs(
  ledger: Ledger,
  masterData: MasterData,
  scope?: EvaluationScope,
): Promise<{ context: RuleContext; movements: LotMovement[]; lots: Lot[] }> {
  // A scope reads what the rules beside INVENTORY_NEGATIVE read (which reads its own aggregates, evaluate.ts):
  // productions (extractions, recycled feed), every movement of a residue lot, and the shipments a sales
  // declaration counts or that may be exports (to a site of another country); the whole ledger is read whole.
  const legalSites = sitesOfOpenLegalEvents(masterData);
  // Mines whose extractions no licence rule can find against, from the extraction sums: neither their
  // productions nor the lots made there are read one by one (a lot that another movement names still is).
  const clearMines = scope
    ? await minesScreenedClear(ledger, masterData, scope, legalSites)
    : new Set<string>();
  const movements = scope
    ? await movementsAtOrOf(ledger.db, {
        sites: [...scope.sites],
        lots: [...scope.lots],
        forRules: {
          sites: new Set(
            masterData.declarations.flatMap((d) =>
              d.kind === "sales"
                ? masterData.licences.filter((l) => l.id === d.licence).map((l) => l.site)
                : [],
            ),
          ),
          countryOf: new Map(
            masterData.sites.flatMap((s) => (s.country ? [[s.id, s.country] as const] : [])),
          ),
          productionsSkipped: clearMines,
        },
      })
    : await listMovements(ledger.db);
  const lots = scope
    ? await scopeLots(ledger, scope, movements, legalSites, clearMines)
    : await listLots(ledger.db);
  const sites = new Map(masterData.sites.map((s) => [s.id, s]));
  const lotById = new Map(lots.map((l) => [l.id, l]));

  // Extractions: lots created without inputs at a mine, or of an extracted class, grouped by event.
  const extractionByEvent = new Map<string, Extraction>();
  for (const m of movements) {
    if (m.kind !== "produced") continue;
    const lot = lotById.get(m.lot);
    if (lot?.createdKind !== "ObjectEvent" || lot.createdEvent !== m.event) continue;
    const atMine = sites.get(m.site)?.kind === "mine";
    if (!atMine && !EXTRACTED_CLASSES.has(lot.materialClass ?? "")) continue;
    const e = extractionByEvent.get(m.event) ?? {
      event: m.event,
      // Rules count days and years in the event's own time zone (a miner's year is its local calendar year).
      time: m.localTime ?? m.eventTime,
      site: m.site,
      lots: [],
      massT: 0,
      treoT: 0,
      ...(lot.originLicence ? { licence: lot.originLicence } : {}),
      ...(lot.mineral ? { mineral: lot.mineral } : {}),
      ...(lot.point ? { point: lot.point } : {}),
    };
    e.lots.push(m.lot);
    e.massT += m.massKg / 1000;
    e.treoT += (m.contents.TREO ?? 0) / 1000;
    extractionByEvent.set(m.event, e);
  }

  const { recycledOrigins, recycledClaims } = await recycledInputs(ledger, movements, lots, lotById);

  const shipped = movements.filter((m) => m.kind === "shipped");
  const shipments: Shipment[] = shipped.map((m) => ({
    event: m.event,
    time: m.localTime ?? m.eventTime,
    site: m.site,
    massT: m.massKg / 1000,
  }));

  // Exports: customs export declarations, and shipments whose destination location lies in another country.
  const exports: ExportRecord[] = [];
  // An export cites every event that moved its lot, wherever: read for the exported lots only.
  const movementEvents = new Map<string, string[]>();
  const readMovementEvents = async (lots: string[]) => {
    for (const [lot, events] of await movementEventsOf(ledger.db, lots)) movementEvents.set(lot, events);
  };
  const lotEvents = (lot: string) =>
    [...new Set([lotById.get(lot)?.createdEvent, ...(movementEvents.get(lot) ?? [])])].filter(
      (e): e is string => e !== undefined,
    );
  // Whether a lot was made from others (an edge leads into it): asked once for all the lots of declarations,
  // and once for all the cross-border shipments, not once a lot.
  let madeFromOthers = new Set<string>();
  const processed = (lot: string) => madeFromOthers.has(lot);
  const declared = masterData.declarations
    .map((d) => ({ declaration: d, lines: d.kind === "customs_export" ? customsLines(d) : [] }))
    // A declaration is read whole when any of its lines is in scope: its findings rest on all its lots.
    .filter(({ lines }) => lines.length > 0 && (!scope || lines.some((line) => scope.lots.has(line.lot))));
  const missing = declared.flatMap(({ lines }) => lines.map((l) => l.lot)).filter((lot) => !lotById.has(lot));
  if (missing.length > 0) for (const [id, lot] of await getLots(ledger.db, missing)) lotById.set(id, lot);
  const referenced = await eventsWithBizTransactions(
    ledger.db,
    declared.flatMap(({ declaration: d }) =>
      [d.id, d.customs?.invoice ?? ""].filter((id) => id !== "").map(canonicalIdentifier),
    ),
  );
  const declaredLineLots = declared.flatMap(({ lines }) => lines.map((l) => l.lot));
  madeFromOthers = await lotsWithInputs(ledger.db, declaredLineLots);
  await readMovementEvents(declaredLineLots);
  for (const { declaration: d, lines } of declared) {
    const customs = d.customs;
    if (!customs) continue;
    // The shipping events that cite the declaration or its invoice are evidence of every line.
    const citing = [d.id, customs.invoice ?? ""].flatMap(
      (id) => referenced.get(canonicalIdentifier(id)) ?? [],
    );
    for (const [index, line] of lines.entries()) {
      const lot = lotById.get(line.lot);
      exports.push({
        // One line keeps the declaration's id; the lines of a longer one are numbered from 1.
        id: customs.lines ? `${d.id}/${index + 1}` : d.id,
        lot: line.lot,
        date: customs.date,
        exporter: d.declarant,
        originCountry: customs.originCountry,
        destinationCountry: customs.destinationCountry,
        quantityT: line.quantityT,
        declaration: d,
        line,
        ...(lot?.materialClass ? { materialClass: lot.materialClass } : {}),
        ...(lot?.assay ? { assay: lot.assay } : {}),
        processedUpstream: processed(line.lot),
        events: [...new Set([...lotEvents(line.lot), ...citing])],
      });
    }
  }
  // Every lot a customs declaration names, in scope or not: a shipment of it is judged as declared, never as a
  // cross-border shipment of its own, and is not counted among the lots of its shipping event below.
  const declaredLots = new Set(
    masterData.declarations.flatMap((d) =>
      d.kind === "customs_export" && d.customs ? customsLines(d).map((line) => line.lot) : [],
    ),
  );
  // An export's finding rests on its lot: a scope judges the exports of its own lots.
  const crossBorder = shipped.filter((m) => !declaredLots.has(m.lot) && (!scope || scope.lots.has(m.lot)));
  if (crossBorder.length > 0) {
    const countries = (m: LotMovement) => ({
      from: sites.get(m.site)?.country,
      to: sites.get(m.destination ?? "")?.country,
    });
    const abroad = crossBorder.filter((m) => {
      const { from, to } = countries(m);
      return from !== undefined && to !== undefined && from !== to;
    });
    madeFromOthers = await lotsWithInputs(
      ledger.db,
      abroad.map((m) => m.lot),
    );
    await readMovementEvents(abroad.map((m) => m.lot));
    // The lots each shipping event moved, from the ledger: a scope may hold only some of an event's movements, and
    // the finding's id depends on how many lots the event shipped.
    const shippedBy = await lotsShippedBy(
      ledger.db,
      abroad.map((m) => m.event),
    );
    const lotsShipped = (event: string) =>
      (shippedBy.get(event) ?? []).filter((lot) => !declaredLots.has(lot)).length;
    for (const m of abroad) {
      const { from, to } = countries(m) as { from: string; to: string };
      const lot = lotById.get(m.lot);
      exports.push({
        // A shipment of several lots is an export of each: each has its own finding, named after its lot.
        id: lotsShipped(m.event) > 1 ? `${m.event}/${m.lot}` : m.event,
        lot: m.lot,
        date: (m.localTime ?? m.eventTime).slice(0, 10),
        ...(sites.get(m.site)?.operator ? { exporter: sites.get(m.site)?.operator as string } : {}),
        originCountry: from,
        destinationCountry: to,
        quantityT: m.massKg / 1000,
        ...(lot?.materialClass ? { materialClass: lot.materialClass } : {}),
        ...(lot?.assay ? { assay: lot.assay } : {}),
        processedUpstream: processed(m.lot),
        events: lotEvents(m.lot),
      });
    }
  }
  const context: RuleContext = {
    masterData,
    lots: lots.map((l) => ({ id: l.id, ...(l.site ? { site: l.site } : {}) })),
    extractions: [...extractionByEvent.values()],
    exports,
    shipments,
    packs: effectiveRulePacks(masterData.rulePacks),
    recycledOrigins,
    recycledClaims,
  };
  return { context, movements, lots };
}

/**
 * What the environmental rules need: plants' flows, stock movements, lots, a date (the caller's, else the
 * newest movement's, so an evaluation without a date is the same on every run) and the activity limits the
 * contracts set for the lots they delivered.
 */
export async function environmentInputs(
  ledger: Ledger,
  masterData: MasterData,
  transformations: TransformationFlows[],
  movements: LotMovement[],
  lots: Lot[],
  asOf: string | undefined,
): Promise<EnvironmentInputs> {
  const contractActivityLimits: EnvironmentInputs["contractActivityLimits"] = {};
  for (const contract of masterData.contracts) {
    for (const delivery of await contractDeliveries(ledger, masterData, contract)) {
      const spec = productOf(contract, delivery)?.spec;
      if (!spec || (spec.maxThBqPerG === undefined && spec.maxUBqPerG === undefined)) continue;
      const known = contractActivityLimits[delivery.lot];
      const lowest = (a: number | undefined, b: number | undefined) =>
        a === undefined ? b : b === undefined ? a : Math.min(a, b);
      const th = lowest(known?.Th, spec.maxThBqPerG);
      const u = lowest(known?.U, spec.maxUBqPerG);
      contractActivityLimits[delivery.lot] = {
        contract: known?.contract ?? contract.id,
        ...(th === undefined ? {} : { Th: th }),
        ...(u === undefined ? {} : { U: u }),
      };
    }
  }
  let newest = "";
  for (const m of movements) if (m.eventTime > newest) newest = m.eventTime;
  return {
    asOf: asOf ?? (newest.slice(0, 10) || "1970-01-01"),
    transformations,
    movements,
    lots,
    contractActivityLimits,
  };
}

/** Sites operated, or licensed to, a party with an open legal event: the legal rule reads the lots made there. */
function sitesOfOpenLegalEvents(masterData: MasterData): Set<string> {
  const { sites, licences, legalEvents } = masterData;
  const legalSites = new Set<string>();
  for (const event of legalEvents) {
    if (event.status !== "open") continue;
    for (const s of sites) if (s.operator === event.party) legalSites.add(s.id);
    for (const l of licences) if (l.holder === event.party) legalSites.add(l.site);
  }
  return legalSites;
}

/**
 * The mines of a scope whose extractions no licence rule can find against (domain/extraction-sums.ts), judged
 * from the sums of every site of the scope; a mine of a party with an open legal event is read whole.
 */
async function minesScreenedClear(
  ledger: Ledger,
  masterData: MasterData,
  scope: EvaluationScope,
  legalSites: ReadonlySet<string>,
): Promise<Set<string>> {
  const mines = new Set(masterData.sites.filter((s) => s.kind === "mine").map((s) => s.id));
  if (![...scope.sites].some((site) => mines.has(site) && !legalSites.has(site))) return new Set();
  const sums = await extractionSumsAt(ledger.db, [...scope.sites]);
  const clear = minesClearOfLicenceFindings(sums, masterData, scope.licences, mines);
  for (const site of legalSites) clear.delete(site);
  return clear;
}

/** The lots a scoped evaluation reads: those its movements name, its own, and those the legal rule needs. */
async function scopeLots(
  ledger: Ledger,
  scope: EvaluationScope,
  movements: LotMovement[],
  legalSites: ReadonlySet<string>,
  clearMines: ReadonlySet<string>,
): Promise<Lot[]> {
  // The lots made at the sites first: in a part of a full evaluation they are nearly all the others too, and
  // each lot row is read once. A cleared mine's lots are its extractions, which no rule reads.
  const sites = [...new Set([...scope.sites, ...legalSites])].filter((site) => !clearMines.has(site));
  const made = await lotsWhere(ledger.db, { sites });
  const byId = new Map(made.map((lot) => [lot.id, lot]));
  const others = [...scope.lots, ...movements.map((m) => m.lot)].filter((id) => !byId.has(id));
  for (const [id, lot] of await getLots(ledger.db, others)) byId.set(id, lot);
  return [...byId.values()];
}

/**
 * A capture's scope grown to everything its findings rest on: the licences of its sites and of the lots it made,
 * the sites of those licences and of every lot naming them (their extractions and shipments), and every residue
 * lot not yet received at a storage site (whether it is placed in time depends on the date, not only on
 * captures; one received at a licensed store has its finding fixed by that receipt).
 */
export async function expandScope(
  ledger: Ledger,
  masterData: MasterData,
  touched: EvaluationScope,
  options: { agingResidues?: boolean } = {},
): Promise<EvaluationScope> {
  const scope = mergeScopes(touched, emptyScope());
  // To a fixed point: a site reached through a licence its lots name may hold a licence of its own, whose lots
  // were made at yet other sites; a licence in scope with a site left out would be judged on part of its
  // extractions (the licence screen's property test found one).
  let reached = -1;
  while (reached !== scope.sites.size + scope.licences.size) {
    reached = scope.sites.size + scope.licences.size;
    for (const l of masterData.licences) if (scope.sites.has(l.site)) scope.licences.add(l.id);
    for (const l of masterData.licences) if (scope.licences.has(l.id)) scope.sites.add(l.site);
    for (const site of await sitesOfLicences(ledger.db, [...scope.licences])) scope.sites.add(site);
  }
  if (options.agingResidues !== false)
    for (const lot of await residueNotYetStored(ledger, masterData)) scope.lots.add(lot);
  return scope;
}

/**
 * Residue lots with no receipt at a site while its radioactive-storage permit was in force (the rule's own
 * test of placement, residue-unplaced.ts): their findings age with the date.
 */
async function residueNotYetStored(ledger: Ledger, masterData: MasterData): Promise<string[]> {
  const stores = masterData.permits.flatMap((p) =>
    p.kind === "radioactive_storage" && p.site ? [{ site: p.site, from: p.validFrom, to: p.validTo }] : [],
  );
  // A permit in force on the receipt's date: from its first day to the end of its last (UTC dates).
  const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
  let q = ledger.db.selectFrom("lots").select("lot_id").where("material_class", "=", "residue");
  if (stores.length > 0)
    q = q.where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom("lot_movements")
            .select("lot_movements.lot_id")
            .whereRef("lot_movements.lot_id", "=", "lots.lot_id")
            .where("lot_movements.kind", "=", "received")
            .where((inner) =>
              inner.or(
                stores.map((store) =>
                  inner.and([
                    inner("lot_movements.site", "=", store.site),
                    inner("lot_movements.event_time_utc", ">=", store.from),
                    inner("lot_movements.event_time_utc", "<", dayAfter(store.to)),
                  ]),
                ),
              ),
            ),
        ),
      ),
    );
  return (await q.execute()).map((r) => r.lot_id);
}
