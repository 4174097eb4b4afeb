// Extractions summed per site, named licence, local year, mineral, class and point, kept by every capture, and
// the licence screen that reads them: which mines' extractions no licence rule can find against, so that an
// evaluation reads a mine's extractions one by one only when a rule may fire on them. The screen decides no
// finding: a licence it cannot clear is evaluated from its extractions, as before.
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { point, polygon } from "@turf/helpers";
import { appendTo } from "./grouping.ts";
import type { LotMovement } from "./inventory.ts";
import type { Licence, MasterData } from "./masterdata.ts";
import { type Extraction, licenceOf, measuredT } from "./rules/context.ts";

/** Classes a lot made without inputs is extracted as even away from a mine (the rules' test, rule-inputs.ts). */
export const EXTRACTED_CLASSES: ReadonlySet<string> = new Set([
  "ore",
  "ilmenite",
  "zircon",
  "rutile",
  "monazite",
]);

/**
 * One group of a site's productions. An extraction group sums the extraction events (a lot's production by the
 * ObjectEvent that created it) named after the first lot of each event, as the rules group them; the `other`
 * groups of a site count its productions that are no extraction (transformation outputs, a lot made again), by
 * the licence their lots name: with the extractions, every site where a lot naming a licence was made.
 */
export interface ExtractionSum {
  site: string;
  kind: "extraction" | "other";
  licence?: string;
  /** Local calendar year (the event's own time zone, as the rules count years). */
  year: string;
  mineral?: string;
  materialClass?: string;
  point?: { lat: number; lon: number };
  massKg: number;
  treoKg: number;
  /** First and last local day. */
  firstDay: string;
  lastDay: string;
  events: number;
  /** Extraction events whose lots differ in licence, mineral, class or point. */
  mixed: number;
}

/** What a production's lot tells of it: whether it is an extraction, and the group it falls in. */
export interface ExtractedLot {
  createdKind?: string;
  createdEvent?: string;
  originLicence?: string;
  mineral?: string;
  materialClass?: string;
  point?: { lat: number; lon: number };
}

/** The key of a sum's group: the same group from two captures adds up. */
export function extractionSumKey(s: ExtractionSum): string {
  return JSON.stringify([
    s.site,
    s.kind,
    s.licence ?? "",
    s.year,
    s.mineral ?? "",
    s.materialClass ?? "",
    s.point?.lat ?? null,
    s.point?.lon ?? null,
  ]);
}

/** Two sums of one group as one. */
export function addExtractionSums(a: ExtractionSum, b: ExtractionSum): ExtractionSum {
  return {
    ...a,
    massKg: a.massKg + b.massKg,
    treoKg: a.treoKg + b.treoKg,
    // ISO days, compared as text (Math.min and max are for numbers).
    firstDay: [a.firstDay, b.firstDay].sort()[0] as string,
    lastDay: [a.lastDay, b.lastDay].sort()[1] as string,
    events: a.events + b.events,
    mixed: a.mixed + b.mixed,
  };
}

/**
 * The sums of some productions (all of their events': an event is captured whole, once), given each lot as
 * stored after the capture: whether a production is an extraction never changes once its lot is stored.
 */
export function extractionSumsOf(
  movements: LotMovement[],
  lotOf: (id: string) => ExtractedLot | undefined,
): ExtractionSum[] {
  const byEvent = new Map<string, LotMovement[]>();
  const others = new Map<string, { site: string; licence?: string; events: number }>();
  for (const m of movements) {
    if (m.kind !== "produced") continue;
    const lot = lotOf(m.lot);
    if (lot?.createdKind === "ObjectEvent" && lot.createdEvent === m.event) {
      appendTo(byEvent, m.event, m);
      continue;
    }
    const key = JSON.stringify([m.site, lot?.originLicence ?? ""]);
    const other = others.get(key) ?? {
      site: m.site,
      ...(lot?.originLicence ? { licence: lot.originLicence } : {}),
      events: 0,
    };
    other.events++;
    others.set(key, other);
  }
  const out = new Map<string, ExtractionSum>();
  const add = (s: ExtractionSum) => {
    const key = extractionSumKey(s);
    const known = out.get(key);
    out.set(key, known ? addExtractionSums(known, s) : s);
  };
  const named = (lot: ExtractedLot | undefined) =>
    JSON.stringify([lot?.originLicence, lot?.mineral, lot?.materialClass, lot?.point?.lat, lot?.point?.lon]);
  for (const rows of byEvent.values()) {
    const first = rows[0] as LotMovement;
    const lot = lotOf(first.lot);
    const day = (first.localTime ?? first.eventTime).slice(0, 10);
    add({
      site: first.site,
      kind: "extraction",
      ...(lot?.originLicence ? { licence: lot.originLicence } : {}),
      year: day.slice(0, 4),
      ...(lot?.mineral ? { mineral: lot.mineral } : {}),
      ...(lot?.materialClass ? { materialClass: lot.materialClass } : {}),
      ...(lot?.point ? { point: lot.point } : {}),
      massKg: rows.reduce((s, m) => s + m.massKg, 0),
      treoKg: rows.reduce((s, m) => s + (m.contents.TREO ?? 0), 0),
      firstDay: day,
      lastDay: day,
      events: 1,
      mixed: new Set(rows.map((m) => named(lotOf(m.lot)))).size > 1 ? 1 : 0,
    });
  }
  for (const other of others.values())
    add({ ...other, kind: "other", year: "", massKg: 0, treoKg: 0, firstDay: "", lastDay: "", mixed: 0 });
  return [...out.values()];
}

/**
 * Sums made in another order than the rules' differ by rounding; a sum within this share of a limit counts as
 * possibly beyond it, and the rules decide from the extractions themselves.
 */
const MARGIN = 1e-9;

/**
 * The mines whose extractions no licence rule can find against, given the sums of every site of a scope: every
 * production there is an extraction of ore (or another extracted class, or none), under a licence of the scope
 * (so its sums are whole) against which no rule can find. A licence may have findings when any year or the whole
 * is beyond its capacity or reserve (within the margin), any day lies outside its term, it has any status change,
 * any point lies outside its area, a mineral is not covered, it is an exploration licence, it has a declaration,
 * or an extraction event under it is mixed. A mine with an extraction under no licence is never clear.
 */
export function minesClearOfLicenceFindings(
  sums: ExtractionSum[],
  masterData: Pick<MasterData, "licences" | "declarations">,
  scopeLicences: ReadonlySet<string>,
  mines: ReadonlySet<string>,
): Set<string> {
  const byLicence = new Map<Licence, ExtractionSum[]>();
  const licenceOfSum = new Map<ExtractionSum, Licence | undefined>();
  for (const s of sums) {
    // Only extractions count: at a mine every production without inputs, elsewhere an extracted class.
    if (s.kind !== "extraction" || !(mines.has(s.site) || EXTRACTED_CLASSES.has(s.materialClass ?? "")))
      continue;
    const probe: Extraction = {
      event: "",
      time: s.firstDay,
      site: s.site,
      lots: [],
      massT: 0,
      treoT: 0,
      ...(s.licence ? { licence: s.licence } : {}),
    };
    const licence = licenceOf(probe, masterData.licences);
    licenceOfSum.set(s, licence);
    if (licence) appendTo(byLicence, licence, s);
  }
  const declared = new Set(masterData.declarations.map((d) => d.licence));
  const findable = new Set<Licence>();
  for (const [licence, list] of byLicence)
    if (!scopeLicences.has(licence.id) || mayFind(licence, list, declared.has(licence.id)))
      findable.add(licence);
  const clear = new Set(sums.map((s) => s.site).filter((site) => mines.has(site)));
  for (const s of sums) {
    const ore = s.materialClass === undefined || EXTRACTED_CLASSES.has(s.materialClass);
    const licence = licenceOfSum.get(s);
    if (s.kind === "other" || !ore || s.mixed > 0 || !licence || findable.has(licence)) clear.delete(s.site);
  }
  return clear;
}

function mayFind(licence: Licence, sums: ExtractionSum[], declared: boolean): boolean {
  if (declared || licence.kind === "exploration" || licence.statusHistory.length > 0) return true;
  const measured = (s: ExtractionSum, unit: Parameters<typeof measuredT>[1]) =>
    measuredT({ massT: s.massKg / 1000, treoT: s.treoKg / 1000 } as Extraction, unit);
  const capacity = licence.annualCapacity;
  if (capacity) {
    const byYear = new Map<string, number>();
    for (const s of sums) byYear.set(s.year, (byYear.get(s.year) ?? 0) + measured(s, capacity.unit));
    for (const sum of byYear.values()) if (sum > capacity.quantity * (1 - MARGIN)) return true;
  }
  const reserve = licence.reserve;
  if (reserve && sums.reduce((t, s) => t + measured(s, reserve.unit), 0) > reserve.quantity * (1 - MARGIN))
    return true;
  const area = licence.area ? polygon(licence.area.coordinates) : undefined;
  for (const s of sums) {
    if (s.mixed > 0 || s.firstDay < licence.validFrom || s.lastDay > licence.validTo) return true;
    if (s.mineral && !licence.minerals.includes(s.mineral)) return true;
    if (area && s.point && !booleanPointInPolygon(point([s.point.lon, s.point.lat]), area)) return true;
  }
  return false;
}
