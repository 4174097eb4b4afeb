// What a capture touched, and which findings rest on it: the rule subjects (sites, lots, licences,
// transformations) whose findings an incremental evaluation recomputes, so a capture costs what it touches.
// The rule of one truth: a finding rests on the data of its units only, and an evaluation of a scope loads
// every datum of every unit in it; then the scope's findings equal a full evaluation's, finding by finding.
import type { Finding, FindingCode } from "./finding.ts";
import { customsLines, type MasterData } from "./masterdata.ts";

/** The rule subjects a capture (or a set of captures) touched. */
export interface EvaluationScope {
  /** Sites where a movement or a transformation took place. */
  sites: Set<string>;
  /** Lots made, moved, consumed or given new master data. */
  lots: Set<string>;
  /** Transformation events captured. */
  transformations: Set<string>;
  /** Licences named by a lot made in the capture. */
  licences: Set<string>;
  /** Lots that became the input of a new edge: findings tainting them taint further downstream now. */
  edgeSources: Set<string>;
}

export function emptyScope(): EvaluationScope {
  return {
    sites: new Set(),
    lots: new Set(),
    transformations: new Set(),
    licences: new Set(),
    edgeSources: new Set(),
  };
}

/** The union of two scopes: a burst of captures is evaluated once for all it touched. */
export function mergeScopes(a: EvaluationScope, b: EvaluationScope): EvaluationScope {
  const union = (x: Set<string>, y: Set<string>) => new Set([...x, ...y]);
  return {
    sites: union(a.sites, b.sites),
    lots: union(a.lots, b.lots),
    transformations: union(a.transformations, b.transformations),
    licences: union(a.licences, b.licences),
    edgeSources: union(a.edgeSources, b.edgeSources),
  };
}

/**
 * Rules whose findings rest on master data or on every contract's deliveries as of a date, not on one
 * subject: an incremental evaluation recomputes them whole (they read master data and a few indexed queries).
 */
export const LEDGER_WIDE_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  "SANCTIONS_MATCH",
  "COUNTERPARTY_LEGAL",
  "CONTRACT_SHORTFALL",
  "SPEC_MISMATCH",
  "CONTRACT_CAPACITY",
  "CONCENTRATION",
]);

/** A unit a finding rests on: the subject whose data alone decide it. */
export type FindingUnit =
  | { kind: "site" | "lot" | "licence" | "transformation"; id: string }
  | { kind: "ledger" };

/**
 * The unit a finding rests on, named after the data its rule reads:
 * - per site: element balances, unlicensed extraction, permit limits, residue held at a storage site;
 * - per lot: a lot's own balance, its export, its residue placement, its product activity, its recycled-content
 *   claim and the permit its recycled feed came in under;
 * - per licence: its extractions (capacity, reserve, validity, area, scope) and its declarations;
 * - per transformation: its mass and radionuclide balance.
 * A lot's export is found by its lot id (EXPORT_MISDECLARED names the declaration or the shipping event,
 * so the lot comes from the declaration, or from the lots the caller finds shipped by that event).
 */
export function findingUnit(
  finding: Pick<Finding, "code" | "subject" | "id"> & { evidence: Pick<Finding["evidence"], "events"> },
  masterData: Pick<MasterData, "declarations">,
  lotsOfExportEvent: (event: string) => string[],
): FindingUnit | FindingUnit[] {
  const { code, subject } = finding;
  if (LEDGER_WIDE_CODES.has(code)) return { kind: "ledger" };
  switch (code) {
    case "INVENTORY_NEGATIVE":
    case "UNLICENSED_EXTRACTION":
    case "PERMIT_LIMIT":
    case "RESIDUE_SITE_OVER_CAPACITY":
    case "EXPORT_UNPROCESSED":
    case "EXPORT_RADIOACTIVE":
    case "RESIDUE_UNPLACED":
    case "PRODUCT_ACTIVITY":
    case "RECYCLER_UNPERMITTED":
    case "RECYCLED_CLAIM":
      return subject.kind === "site" || subject.kind === "lot"
        ? { kind: subject.kind, id: subject.id }
        : { kind: "ledger" };
    case "LICENCE_CAPACITY":
    case "LICENCE_RESERVE":
    case "LICENCE_VALIDITY":
    case "LICENCE_AREA":
    case "LICENCE_SCOPE":
      return { kind: "licence", id: subject.id };
    case "DECLARATION_MISMATCH": {
      const licence = masterData.declarations.find((d) => d.id === subject.id)?.licence;
      return licence ? { kind: "licence", id: licence } : { kind: "ledger" };
    }
    case "EXPORT_MISDECLARED": {
      const declaration = masterData.declarations.find((d) => d.id === subject.id);
      const declared = declaration ? customsLines(declaration).map((line) => line.lot) : [];
      if (declared.length > 0) return declared.map((id) => ({ kind: "lot", id }));
      const shipped = lotsOfExportEvent(subject.id);
      return shipped.length > 0 ? shipped.map((id) => ({ kind: "lot", id })) : { kind: "ledger" };
    }
    case "MASS_BALANCE":
      // Named after the lot that gained or lost mass; it rests on its transformation, the event it cites.
      return { kind: "transformation", id: finding.evidence.events[0] ?? subject.id };
    case "RADIONUCLIDE_BALANCE":
      return { kind: "transformation", id: subject.id };
    default:
      return { kind: "ledger" };
  }
}

/** Whether an evaluation of this scope recomputes findings resting on this unit (or on any of these). */
export function unitInScope(units: FindingUnit | FindingUnit[], scope: EvaluationScope): boolean {
  if (Array.isArray(units)) return units.some((unit) => unitInScope(unit, scope));
  const unit = units;
  switch (unit.kind) {
    case "ledger":
      return true;
    case "site":
      return scope.sites.has(unit.id);
    case "lot":
      return scope.lots.has(unit.id);
    case "licence":
      return scope.licences.has(unit.id);
    case "transformation":
      return scope.transformations.has(unit.id);
  }
}
