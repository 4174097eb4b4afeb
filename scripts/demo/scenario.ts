// The demo scenario (shared/domain.md §8): fictional "Demo ..." mines, plants and customers at real places,
// 2025 operations from mine face to magnets and a Korean offtake, and the 2026 detection cases. Deterministic:
// the same code writes the same files. Every fictional record carries the demo flag.
import {
  ORG as CASE_ORG,
  SITE as CASE_SITE,
  caseOneBDocument,
  caseOneDocument,
  caseTwoDocument,
  detectionMasterData,
  LICENCE,
  LODE_CONTEXT,
  lotId,
  MINE_A_REO,
  shipAndReceive,
} from "./detection-cases.ts";
import { offtakeContract } from "./offtake.ts";

export const ORG = {
  ...CASE_ORG,
  mineB: "urn:epc:id:pgln:8930000.00002",
  explD: "urn:epc:id:pgln:8930000.00004",
  concentratorB: "urn:epc:id:pgln:8930000.00012",
  hydromet: "urn:epc:id:pgln:8930000.00013",
  separation: "urn:epc:id:pgln:8930000.00014",
  metallisation: "urn:epc:id:pgln:8930000.00015",
  magnetVina: "urn:epc:id:pgln:8930000.00021",
  offtaker: "urn:epc:id:pgln:8800000.00001",
  magnetJv: "urn:epc:id:pgln:8800000.00002",
  evOem: "urn:epc:id:pgln:8800000.00003",
  recycler: "urn:epc:id:pgln:8800000.00031",
  regulator: "urn:epc:id:pgln:8930000.00999",
  auditor: "urn:epc:id:pgln:9000000.00001",
};

export const SITE = {
  ...CASE_SITE,
  mineB: "urn:epc:id:sgln:8930000.00002.0",
  explD: "urn:epc:id:sgln:8930000.00004.0",
  plantBB: "urn:epc:id:sgln:8930000.00012.0",
  hydromet: "urn:epc:id:sgln:8930000.00013.0",
  separation: "urn:epc:id:sgln:8930000.00014.0",
  residueStore: "urn:epc:id:sgln:8930000.00031.0",
  metallisation: "urn:epc:id:sgln:8930000.00015.0",
  magnetVina: "urn:epc:id:sgln:8930000.00021.0",
  busan: "urn:epc:id:sgln:8800000.00001.0",
  evOem: "urn:epc:id:sgln:8800000.00003.0",
  recycler: "urn:epc:id:sgln:8800000.00031.0",
};

const MINE_B_REO: Record<string, number> = {
  La2O3: 18,
  CeO2: 30,
  Pr6O11: 4,
  Nd2O3: 14,
  Sm2O3: 3,
  Eu2O3: 0.6,
  Gd2O3: 6,
  Tb4O7: 1,
  Dy2O3: 4.5,
  Y2O3: 16,
  Ho2O3: 0.5,
  Er2O3: 1.4,
  Yb2O3: 1,
};

/** Rounds to grams, so the documents hold plain decimals; masses stay consistent within a kilogram. */
const t3 = (x: number) => Math.round(x * 1000) / 1000;

function oxideAssay(treo: number, split: Record<string, number>, keys?: string[]): Record<string, unknown> {
  const chosen = keys ?? Object.keys(split);
  const total = chosen.reduce((s, k) => s + (split[k] ?? 0), 0);
  const fractions: Record<string, number> = { "lode:TREO": treo };
  for (const k of chosen) fractions[`lode:${k}`] = (treo * (split[k] ?? 0)) / total;
  return {
    "lode:basis": "oxide",
    "lode:lab": "Demo VILAS 017 laboratory",
    "lode:method": "ICP-OES",
    "lode:massFractions": fractions,
  };
}
/**
 * Thorium and uranium as ThO2 and U3O8 mass fractions (shared/domain.md §3): MINE-A ore 150 ppm Th and
 * 120 ppm U (§8.1), MINE-B 100 ppm Th and 80 ppm U (FICTIONAL, within the sourced 100–300 ppm).
 */
const TH_PER_THO2 = 0.8788;
const U_PER_U3O8 = 0.848;
const RADIO_A = { ThO2: 150e-6 / TH_PER_THO2, U3O8: 120e-6 / U_PER_U3O8 };
const RADIO_B = { ThO2: 100e-6 / TH_PER_THO2, U3O8: 80e-6 / U_PER_U3O8 };
/** The ore's ThO2 and U3O8 carried into a lot: `share` of the ore's content, in `massPerTOre` t of lot per t ore. */
const radioIn = (radio: { ThO2: number; U3O8: number }, share: number, massPerTOre: number) => ({
  "lode:ThO2": (radio.ThO2 * share) / massPerTOre,
  "lode:U3O8": (radio.U3O8 * share) / massPerTOre,
});
function withRadio(assay: Record<string, unknown>, radio: Record<string, number>): Record<string, unknown> {
  return {
    ...assay,
    "lode:massFractions": { ...(assay["lode:massFractions"] as Record<string, number>), ...radio },
  };
}
/** A residue's assay: only what is measured in it for its custody, thorium and uranium. */
const residueAssay = (radio: Record<string, number>) => ({
  "lode:basis": "oxide",
  "lode:lab": "Demo VILAS 017 laboratory",
  "lode:method": "gamma spectrometry",
  "lode:massFractions": radio,
});

const elementAssay = (fractions: Record<string, number>) => ({
  "lode:basis": "element",
  "lode:massFractions": Object.fromEntries(Object.entries(fractions).map(([k, v]) => [`lode:${k}`, v])),
});

const q = (epcClass: string, t: number) => ({ epcClass, quantity: t3(t), uom: "TNE" });
const pad = (n: number) => String(n).padStart(2, "0");
const dayOfYear = (year: number, d: number) => new Date(Date.UTC(year, 0, d)).toISOString().slice(0, 10);

type Event = Record<string, unknown>;

/** Weighbridge tonnes a day: MINE-A 360–396 t (≈ 138,600 t in 2025, within 150,000 t/yr); MINE-B 220–240 t. */
export const dailyOreA = (d: number) => 360 + (d % 7) * 6;
export const dailyOreB = (d: number) => 220 + (d % 5) * 5;
const yearTotal = (f: (d: number) => number) =>
  Array.from({ length: 365 }, (_, i) => f(i + 1)).reduce((a, b) => a + b, 0);

export function extract(day: string, site: string, lot: string, t: number, ilmd: Event): Event {
  return {
    type: "ObjectEvent",
    eventTime: `${day}T05:00:00+07:00`,
    eventTimeZoneOffset: "+07:00",
    epcList: [],
    quantityList: [q(lot, t)],
    action: "ADD",
    bizStep: "commissioning",
    disposition: "active",
    readPoint: { id: site },
    bizLocation: { id: site },
    ilmd,
  };
}

export function move(
  lots: [string, number][],
  from: string,
  to: string,
  day: string,
  owners?: { from: string; to: string; doc: string },
): Event[] {
  return shipAndReceive(
    lots.map(([l, t]) => q(l, t)),
    from,
    to,
    { shipped: `${day}T06:00:00+07:00`, received: `${day}T20:00:00+07:00` },
    owners && { from: owners.from, to: owners.to, document: { type: "desadv", id: owners.doc } },
  );
}

export function transform(
  day: string,
  site: string,
  inputs: [string, number][],
  outputs: { lot: string; t: number; cls: string; assay: Event; recycledContentClaim?: number }[],
): Event {
  return {
    type: "TransformationEvent",
    eventTime: `${day}T12:00:00+07:00`,
    eventTimeZoneOffset: "+07:00",
    inputQuantityList: inputs.map(([l, t]) => q(l, t)),
    outputQuantityList: outputs.map((o) => q(o.lot, o.t)),
    bizLocation: { id: site },
    readPoint: { id: site },
    ilmd: {
      "lode:lots": outputs.map((o) => ({
        "lode:lot": o.lot,
        "lode:materialClass": o.cls,
        "lode:assay": o.assay,
        ...(o.recycledContentClaim === undefined
          ? {}
          : { "lode:recycledContentClaim": o.recycledContentClaim }),
      })),
    },
  };
}

const doc = (events: Event[]) => ({
  "@context": LODE_CONTEXT,
  type: "EPCISDocument",
  schemaVersion: "2.0",
  creationDate: "2026-12-31T12:00:00+07:00",
  epcisBody: { eventList: events },
});

/** 2025: daily extraction at MINE-A and MINE-B, monthly processing, a quarterly offtake to Korea, metal and magnets. */
/** Recycled alloy powder per quarter: what the Korean recycler collects, decrepitates and ships to Vina. */
const POWDER = { eolT: 22, swarfT: 9, yield: 0.97, Nd: 0.22, Pr: 0.07, Dy: 0.02, Fe: 0.68, B: 0.01 };

/**
 * The recycler's quarter (FICTIONAL): end-of-life magnets and swarf collected at its plant, hydrogen
 * decrepitation to alloy powder, the powder shipped to the magnet maker; returns the powder lot and its REE.
 */
function recycledPowder(year: number, quarter: number, magnetDay: string, events: Event[]) {
  const eol = lotId("00078", `EOL-${year}-Q${quarter}`);
  const swarf = lotId("00079", `SWARF-${year}-Q${quarter}`);
  const powder = lotId("00080", `HDPOWDER-${year}-Q${quarter}`);
  const month = magnetDay.slice(0, 8);
  const scrapAssay = elementAssay({
    Nd: POWDER.Nd,
    Pr: POWDER.Pr,
    Dy: POWDER.Dy,
    Fe: POWDER.Fe,
    B: POWDER.B,
  });
  const inT = POWDER.eolT + POWDER.swarfT;
  const t = inT * POWDER.yield;
  events.push(
    extract(`${month}02`, SITE.recycler, eol, POWDER.eolT, {
      "lode:materialClass": "eol_magnet",
      "lode:country": "KR",
      "lode:assay": scrapAssay,
    }),
    extract(`${month}02`, SITE.recycler, swarf, POWDER.swarfT, {
      "lode:materialClass": "magnet_swarf",
      "lode:country": "KR",
      "lode:assay": scrapAssay,
    }),
    transform(
      `${month}04`,
      SITE.recycler,
      [
        [eol, POWDER.eolT],
        [swarf, POWDER.swarfT],
      ],
      [{ lot: powder, t, cls: "alloy", assay: scrapAssay }],
    ),
    ...move([[powder, t]], SITE.recycler, SITE.magnetVina, `${month}10`, {
      from: ORG.recycler,
      to: ORG.magnetVina,
      doc: `urn:epc:id:gdti:8800000.00031.HD-Q${quarter}`,
    }),
  );
  const ndT = t * POWDER.Nd;
  const prT = t * POWDER.Pr;
  return {
    lot: powder,
    t,
    ndT,
    prT,
    dyT: t * POWDER.Dy,
    // The recycled share of the magnet's Nd and Pr, rounded down to a whole percent.
    honestClaim: (ndPrT: number) => Math.floor(((ndT + prT) / ndPrT) * 100) / 100,
  };
}

export function operations2025(): Record<string, Record<string, unknown>> {
  const mines: Event[] = [];
  const processing: Event[] = [];
  const downstream: Event[] = [];
  const year = 2025;
  const oreA: Record<number, [string, number][]> = {};
  const oreB: Record<number, [string, number][]> = {};
  for (let d = 1; d <= 365; d++) {
    const day = dayOfYear(year, d);
    const month = Number(day.slice(5, 7));
    const a = lotId("00011", `ORE-A-${day}`);
    const b = lotId("00012", `ORE-B-${day}`);
    const tA = dailyOreA(d);
    const tB = dailyOreB(d);
    mines.push(
      extract(day, SITE.mineA, a, tA, {
        "lode:materialClass": "ore",
        "lode:licence": LICENCE.mineA,
        "lode:country": "VN",
        "lode:mineral": "rare_earths",
        "lode:point": { "lode:lat": 22.5505, "lode:lon": 103.3512 },
        "lode:assay": withRadio(oxideAssay(0.03, MINE_A_REO), radioIn(RADIO_A, 1, 1)),
      }),
      ...move([[a, tA]], SITE.mineA, SITE.plantBA, day),
      extract(day, SITE.mineB, b, tB, {
        "lode:materialClass": "ore",
        "lode:licence": "DEMO-002/GP-BTNMT",
        "lode:country": "VN",
        "lode:mineral": "rare_earths",
        "lode:point": { "lode:lat": 22.0003, "lode:lon": 104.4502 },
        "lode:assay": withRadio(oxideAssay(0.011, MINE_B_REO), radioIn(RADIO_B, 1, 1)),
      }),
      ...move([[b, tB]], SITE.mineB, SITE.plantBB, day),
    );
    oreA[month] = [...(oreA[month] ?? []), [a, tA]];
    oreB[month] = [...(oreB[month] ?? []), [b, tB]];
  }
  const ndprByQuarter: Record<number, [string, number][]> = {};
  const dyByQuarter: Record<number, [string, number][]> = {};
  for (let m = 1; m <= 12; m++) {
    // Each step happens after the receipts it needs: material received one day is processed the next.
    const nextDay = (n: number) =>
      m === 12 ? `${year + 1}-01-${pad(n)}` : `${year}-${pad(m + 1)}-${pad(n)}`;
    const oreAT = (oreA[m] ?? []).reduce((s, [, t]) => s + t, 0);
    const oreBT = (oreB[m] ?? []).reduce((s, [, t]) => s + t, 0);
    // PLANT-BA: flotation, 70% recovery to a 40% TREO concentrate; PLANT-BB: 55% to 30% (§8.2).
    const concA = lotId("00022", `CONC-A-${year}-${pad(m)}`);
    const concB = lotId("00023", `CONC-B-${year}-${pad(m)}`);
    const concAT = (oreAT * 0.03 * 0.7) / 0.4;
    const concBT = (oreBT * 0.011 * 0.55) / 0.3;
    processing.push(
      // Thorium- and uranium-bearing minerals (monazite, xenotime) float with the rare earths: 95% of the ore's
      // Th and U report to the concentrate (FICTIONAL), the rest to tailings, within assay tolerance.
      transform(nextDay(1), SITE.plantBA, oreA[m] ?? [], [
        {
          lot: concA,
          t: concAT,
          cls: "concentrate",
          assay: withRadio(oxideAssay(0.4, MINE_A_REO), radioIn(RADIO_A, 0.95, concAT / oreAT)),
        },
      ]),
      transform(nextDay(1), SITE.plantBB, oreB[m] ?? [], [
        {
          lot: concB,
          t: concBT,
          cls: "concentrate",
          assay: withRadio(oxideAssay(0.3, MINE_B_REO), radioIn(RADIO_B, 0.95, concBT / oreBT)),
        },
      ]),
    );
    // PLANT-H: cracking and leaching, 92%, to mixed oxide at 92% TREO.
    const mreoA = lotId("00033", `MREO-A-${year}-${pad(m)}`);
    const mreoB = lotId("00034", `MREO-B-${year}-${pad(m)}`);
    const treoA = concAT * 0.4 * 0.92;
    const treoB = concBT * 0.3 * 0.92;
    processing.push(
      ...move([[concA, concAT]], SITE.plantBA, SITE.hydromet, nextDay(2)),
      ...move([[concB, concBT]], SITE.plantBB, SITE.hydromet, nextDay(2)),
    );
    // PLANT-H deports 90% of the thorium and uranium to its leach residue (§8.2), 0.6 t per t of concentrate
    // (FICTIONAL); the mixed oxide keeps 10%.
    const resA = lotId("00035", `LEACHRES-A-${year}-${pad(m)}`);
    const resB = lotId("00036", `LEACHRES-B-${year}-${pad(m)}`);
    const resAT = concAT * 0.6;
    const resBT = concBT * 0.6;
    const mreoAT = treoA / 0.92;
    const mreoBT = treoB / 0.92;
    processing.push(
      transform(
        nextDay(6),
        SITE.hydromet,
        [[concA, concAT]],
        [
          {
            lot: mreoA,
            t: mreoAT,
            cls: "total_oxide",
            assay: withRadio(oxideAssay(0.92, MINE_A_REO), radioIn(RADIO_A, 0.95 * 0.1, mreoAT / oreAT)),
          },
          {
            lot: resA,
            t: resAT,
            cls: "residue",
            assay: residueAssay(radioIn(RADIO_A, 0.95 * 0.9, resAT / oreAT)),
          },
        ],
      ),
      transform(
        nextDay(6),
        SITE.hydromet,
        [[concB, concBT]],
        [
          {
            lot: mreoB,
            t: mreoBT,
            cls: "total_oxide",
            assay: withRadio(oxideAssay(0.92, MINE_B_REO), radioIn(RADIO_B, 0.95 * 0.1, mreoBT / oreBT)),
          },
          {
            lot: resB,
            t: resBT,
            cls: "residue",
            assay: residueAssay(radioIn(RADIO_B, 0.95 * 0.9, resBT / oreBT)),
          },
        ],
      ),
      // Residues go to the licensed store on the 10th; November's MINE-A leach residue never leaves PLANT-H
      // (the environmental finding of the demo: RESIDUE_UNPLACED once its 90 days are past).
      ...move(
        m === 11
          ? [[resB, resBT]]
          : [
              [resA, resAT],
              [resB, resBT],
            ],
        SITE.hydromet,
        SITE.residueStore,
        nextDay(10),
      ),
      ...move(
        [
          [mreoA, treoA / 0.92],
          [mreoB, treoB / 0.92],
        ],
        SITE.hydromet,
        SITE.separation,
        nextDay(8),
      ),
    );
    // PLANT-S: solvent extraction 95% (La–Nd) or 90% (Sm–Lu, Y), calcination 99%.
    const sepA = 0.95 * 0.99;
    const sepB = 0.9 * 0.99;
    const ndpr = lotId("00044", `NDPR-${year}-${pad(m)}`);
    const ndprT = treoA * (0.13 + 0.045) * sepA;
    const rest = lotId("00045", `LACE-${year}-${pad(m)}`);
    // September: a third of the La–Ce oxides leaves PLANT-S unrecorded (sold off the books, the pattern the
    // demo press report describes): the separation's recovery falls out of range, an unexplained loss.
    const restT = treoA * (1 - 0.175) * sepA * (m === 9 ? 0.65 : 1);
    const dy = lotId("00046", `DY2O3-${year}-${pad(m)}`);
    const dyT = treoB * 0.045 * sepB;
    const hreo = lotId("00047", `HREO-${year}-${pad(m)}`);
    const hreoT = treoB * (1 - 0.045) * sepB;
    const restKeys = Object.keys(MINE_A_REO).filter((k) => k !== "Nd2O3" && k !== "Pr6O11");
    // Solvent extraction sends the thorium and uranium left in the mixed oxide to its raffinate, a residue of
    // 2% of the feed's mass (FICTIONAL); the separated oxides hold none above detection.
    const raffA = lotId("00048", `RAFF-A-${year}-${pad(m)}`);
    const raffB = lotId("00049", `RAFF-B-${year}-${pad(m)}`);
    const raffAT = (treoA / 0.92) * 0.02;
    const raffBT = (treoB / 0.92) * 0.02;
    processing.push(
      transform(
        nextDay(14),
        SITE.separation,
        [[mreoA, treoA / 0.92]],
        [
          { lot: ndpr, t: ndprT, cls: "ndpr_oxide", assay: oxideAssay(1, MINE_A_REO, ["Nd2O3", "Pr6O11"]) },
          { lot: rest, t: restT, cls: "separated_oxide", assay: oxideAssay(1, MINE_A_REO, restKeys) },
          {
            lot: raffA,
            t: raffAT,
            cls: "residue",
            assay: residueAssay(radioIn(RADIO_A, 0.95 * 0.1, raffAT / oreAT)),
          },
        ],
      ),
      transform(
        nextDay(14),
        SITE.separation,
        [[mreoB, treoB / 0.92]],
        [
          {
            lot: dy,
            t: dyT,
            cls: "separated_oxide",
            // August: a solvent-extraction upset leaves 0.9% Tb4O7 in the Dy2O3 (99.1%, below the 99.5% spec).
            assay:
              m === 8 ? oxideAssay(1, { Dy2O3: 99.1, Tb4O7: 0.9 }) : oxideAssay(1, MINE_B_REO, ["Dy2O3"]),
          },
          {
            lot: hreo,
            t: hreoT,
            cls: "separated_oxide",
            assay: oxideAssay(
              1,
              MINE_B_REO,
              Object.keys(MINE_B_REO).filter((k) => k !== "Dy2O3"),
            ),
          },
          {
            lot: raffB,
            t: raffBT,
            cls: "residue",
            assay: residueAssay(radioIn(RADIO_B, 0.95 * 0.1, raffBT / oreBT)),
          },
        ],
      ),
      ...move(
        [
          [raffA, raffAT],
          [raffB, raffBT],
        ],
        SITE.separation,
        SITE.residueStore,
        nextDay(20),
      ),
    );
    const quarter = Math.ceil(m / 3);
    ndprByQuarter[quarter] = [...(ndprByQuarter[quarter] ?? []), [ndpr, ndprT]];
    dyByQuarter[quarter] = [...(dyByQuarter[quarter] ?? []), [dy, dyT]];
  }
  // June's NdPr lot misses the Q2 vessel and sails with Q3: 2025-Q2 of the offtake is short (§8.4 demo story).
  const missedVessel = ndprByQuarter[2]?.pop();
  if (missedVessel) ndprByQuarter[3]?.push(missedVessel);
  // Quarterly: the offtake to the Korean buyer (CIF Busan), metallisation in HCMC, magnets at Demo Magnet Maker Vina.
  for (let quarter = 1; quarter <= 4; quarter++) {
    const lastMonth = quarter * 3;
    const ship = lastMonth === 12 ? "2026-01-20" : `${year}-${pad(lastMonth + 1)}-20`;
    const metalDay = lastMonth === 12 ? "2026-02-05" : `${year}-${pad(Math.min(lastMonth + 2, 12))}-05`;
    const lots = [...(ndprByQuarter[quarter] ?? []), ...(dyByQuarter[quarter] ?? [])];
    downstream.push(
      ...move(lots, SITE.separation, SITE.busan, ship, {
        from: ORG.separation,
        to: ORG.offtaker,
        doc: `urn:epc:id:gdti:8930000.00014.OFT-2025-001-Q${quarter}`,
      }),
    );
    downstream.push(
      ...move(lots, SITE.busan, SITE.metallisation, metalDay, {
        from: ORG.offtaker,
        to: ORG.offtaker,
        doc: `urn:epc:id:gdti:8800000.00001.TOLL-Q${quarter}`,
      }),
    );
    const ndprT = (ndprByQuarter[quarter] ?? []).reduce((s, [, t]) => s + t, 0);
    const dyT = (dyByQuarter[quarter] ?? []).reduce((s, [, t]) => s + t, 0);
    const nd2o3 = (ndprT * 13) / 17.5;
    const pr6o11 = ndprT - nd2o3;
    const ndMetal = nd2o3 * 0.8574 * 0.97;
    const prMetal = pr6o11 * 0.8277 * 0.97;
    const dyMetal = dyT * 0.8713 * 0.97;
    const metalLot = lotId("00055", `NDPRM-${year}-Q${quarter}`);
    const dyLot = lotId("00056", `DYM-${year}-Q${quarter}`);
    const reduceDay = `${metalDay.slice(0, 8)}06`;
    downstream.push(
      transform(reduceDay, SITE.metallisation, ndprByQuarter[quarter] ?? [], [
        {
          lot: metalLot,
          t: ndMetal + prMetal,
          cls: "metal",
          assay: elementAssay({ Nd: ndMetal / (ndMetal + prMetal), Pr: prMetal / (ndMetal + prMetal) }),
        },
      ]),
      transform(reduceDay, SITE.metallisation, dyByQuarter[quarter] ?? [], [
        { lot: dyLot, t: dyMetal, cls: "metal", assay: elementAssay({ Dy: 1 }) },
      ]),
    );
    const magnetDay = `${metalDay.slice(0, 8)}25`;
    downstream.push(
      ...move(
        [
          [metalLot, ndMetal + prMetal],
          [dyLot, dyMetal],
        ],
        SITE.metallisation,
        SITE.magnetVina,
        magnetDay.replace(/25$/, "15"),
        { from: ORG.offtaker, to: ORG.magnetVina, doc: `urn:epc:id:gdti:8800000.00001.MET-Q${quarter}` },
      ),
    );
    // From the third quarter the magnet maker also takes recycled alloy powder from a Korean recycler (docs/
    // recycling.md): end-of-life motor magnets and magnet swarf, hydrogen-decrepitated in Busan.
    const recycled = quarter >= 3 ? recycledPowder(year, quarter, magnetDay, downstream) : undefined;
    const nd = ndMetal + (recycled?.ndT ?? 0);
    const pr = prMetal + (recycled?.prT ?? 0);
    const dy = dyMetal + (recycled?.dyT ?? 0);
    // Sintered NdFeB at 30 wt% NdPr, 83% material yield (§8.3).
    const alloyT = (nd + pr) / 0.3;
    const magnetT = alloyT * 0.83;
    const magnetLot = lotId("00077", `MAG-${year}-Q${quarter}`);
    downstream.push(
      transform(
        magnetDay,
        SITE.magnetVina,
        [
          [metalLot, ndMetal + prMetal],
          [dyLot, dyMetal],
          ...(recycled ? [[recycled.lot, recycled.t] as [string, number]] : []),
        ],
        [
          {
            lot: magnetLot,
            t: magnetT,
            cls: "magnet",
            assay: elementAssay({ Nd: nd / alloyT, Pr: pr / alloyT, Dy: dy / alloyT }),
            // The third quarter's claim is what the trace gives, rounded down; the fourth's is the demo's
            // planted over-claim (RECYCLED_CLAIM): 30% claimed for a magnet with about a tenth recycled.
            ...(recycled
              ? { recycledContentClaim: quarter === 3 ? recycled.honestClaim(nd + pr) : 0.3 }
              : {}),
          },
        ],
      ),
      ...move([[magnetLot, magnetT]], SITE.magnetVina, SITE.evOem, `${magnetDay.slice(0, 8)}28`, {
        from: ORG.magnetVina,
        to: ORG.evOem,
        doc: `urn:epc:id:gdti:8930000.00021.MAG-Q${quarter}`,
      }),
    );
  }
  return {
    "2025-01-mines.jsonld": doc(mines),
    "2025-02-processing.jsonld": doc(processing),
    "2025-03-offtake-metal-magnets.jsonld": doc(downstream),
  };
}

export const REAL_REFERENCE_ORGANISATIONS = [
  {
    id: "urn:lodestone:org:ref:hung-thinh-mineral-investment-group",
    name: "Hưng Thịnh Mineral Investment Group JSC",
    aliases: [
      "Tập đoàn Đầu tư Khoáng sản Hưng Thịnh",
      "Hung Thinh Mineral Investment Group",
      "Hưng Thịnh Group",
      "Hưng Thịnh Titanium JSC",
      "Hưng Thịnh Zirconium and Titanium Production JSC",
    ],
    country: "VN",
    roles: ["miner"],
    demo: false,
  },
  {
    id: "urn:lodestone:org:ref:thai-duong-group",
    name: "Thái Dương Group JSC",
    aliases: ["Tập đoàn Thái Dương", "Thai Duong Group"],
    country: "VN",
    roles: ["miner"],
    demo: false,
  },
  {
    id: "urn:lodestone:org:ref:vietnam-rare-earth",
    name: "Vietnam Rare Earth JSC",
    aliases: ["VTRE", "Công ty Cổ phần Đất hiếm Việt Nam"],
    country: "VN",
    roles: ["processor"],
    demo: false,
  },
];

/** REAL public legal events (shared/domain.md §4.7), with their sources; `real: true` keeps them apart. */
export const REAL_LEGAL_EVENTS = [
  {
    id: "REF-HUNG-THINH-2024-11-03",
    party: "urn:lodestone:org:ref:hung-thinh-mineral-investment-group",
    kind: "prosecution",
    date: "2024-11-03",
    jurisdiction: "VN",
    charges: ["Penal Code art. 227(2) (resource exploitation)", "Penal Code art. 221(3) (accounting)"],
    source: {
      title: "Khởi tố Chủ tịch HĐQT Công ty Khoáng sản Hưng Thịnh Phan Thành Muôn",
      publisher: "vietnam.vn (Ministry of Public Security announcement)",
      url: "https://vietnam.vn/fr/khoi-to-chu-tich-hdqt-cong-ty-khoang-san-hung-thinh-phan-thanh-muon",
    },
    confidence: 1,
    status: "open",
    real: true,
  },
  {
    id: "REF-VTRE-2023-12-01",
    party: "urn:lodestone:org:ref:vietnam-rare-earth",
    kind: "prosecution",
    date: "2023-12-01",
    jurisdiction: "VN",
    charges: ["smuggling (deceptive customs declarations, >470 t of rare earths 2019–2023)"],
    source: {
      title: "Several leaders of Vietnam Rare Earth JSC prosecuted",
      publisher: "SGGP",
      url: "https://en.sggp.org.vn/several-leaders-of-vietnam-rare-earth-jsc-prosecuted-post106699.html",
    },
    confidence: 1,
    status: "open",
    real: true,
  },
  {
    id: "REF-THAI-DUONG-2023-10",
    party: "urn:lodestone:org:ref:thai-duong-group",
    kind: "prosecution",
    date: "2023-10-01",
    jurisdiction: "VN",
    charges: ["illegal mining and sale of rare-earth and iron ore (Yên Phú)"],
    source: {
      title: "Several leaders of Vietnam Rare Earth JSC prosecuted (Thái Dương / Yên Phú case)",
      publisher: "SGGP",
      url: "https://en.sggp.org.vn/several-leaders-of-vietnam-rare-earth-jsc-prosecuted-post106699.html",
    },
    confidence: 0.9,
    status: "open",
    real: true,
  },
];

export function demoMasterData(): Record<string, unknown> {
  const base = detectionMasterData() as Record<string, Record<string, unknown>[]>;
  const org = (id: string, name: string, country: string, roles: string[], aliases: string[] = []) => ({
    id,
    name,
    aliases,
    country,
    roles,
    demo: true,
  });
  const site = (
    id: string,
    name: string,
    kind: string,
    operator: string,
    country: string,
    lat: number,
    lon: number,
    admin?: Record<string, string>,
  ) => ({
    id,
    name,
    kind,
    operator,
    country,
    coordinates: { lat, lon },
    ...(admin ? { admin } : {}),
    demo: true,
  });
  const square = (lat: number, lon: number, half: number) => ({
    type: "Polygon",
    coordinates: [
      [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
      ],
    ],
  });
  return {
    organisations: [
      ...(base.organisations ?? []),
      org(ORG.mineB, "Demo Văn Yên HREE Mining JSC", "VN", ["miner"], ["Demo Van Yen HREE Mining"]),
      org(ORG.explD, "Demo Bảo Thắng Exploration Co.", "VN", ["explorer"]),
      org(ORG.concentratorB, "Demo Văn Yên Concentrator Co.", "VN", ["processor"]),
      org(ORG.hydromet, "Demo Lai Châu Hydrometallurgy JSC", "VN", ["processor"]),
      org(
        ORG.separation,
        "Demo Separation JSC",
        "VN",
        ["processor", "seller"],
        ["Công ty CP Tách chiết Demo"],
      ),
      org(ORG.metallisation, "Demo HCMC Metallisation Co.", "VN", ["processor"]),
      org(ORG.magnetVina, "Demo Magnet Maker Vina", "VN", ["magnet maker"]),
      org(
        ORG.offtaker,
        "Demo Korean Offtaker Co.",
        "KR",
        ["buyer"],
        ["데모 한국 오프테이커", "Demo Hanguk Opeuteikeo"],
      ),
      org(ORG.magnetJv, "Demo KR–EU Magnet JV", "KR", ["magnet maker"]),
      org(ORG.evOem, "Demo EV OEM", "KR", ["oem"]),
      org(ORG.recycler, "Demo Busan Magnet Recovery Co.", "KR", ["recycler"], ["데모 부산 자석 재생"]),
      org(ORG.regulator, "Demo Ministry of Agriculture and Environment (regulator)", "VN", ["regulator"]),
      org(ORG.auditor, "Demo Assurance Pte Ltd", "SG", ["auditor"]),
      // REAL reference records (shared/domain.md §8.9): public companies named in public court cases, with no
      // fictional data attached; their legal events arrive with the risk capability.
      ...REAL_REFERENCE_ORGANISATIONS,
    ],
    sites: [
      ...(base.sites ?? []),
      site(SITE.mineB, "MINE-B Demo Văn Yên HREE–Iron Mine", "mine", ORG.mineB, "VN", 22.0, 104.45, {
        asIssued: "Yên Phú commune, Văn Yên district, Yên Bái",
        current: "Lào Cai",
      }),
      site(SITE.explD, "EXPL-D Demo Bảo Thắng Ionic Clay Prospect", "mine", ORG.explD, "VN", 22.35, 104.1, {
        asIssued: "Gia Phú commune, Bảo Thắng district, Lào Cai",
        current: "Lào Cai",
      }),
      site(
        SITE.plantBB,
        "PLANT-BB Demo Văn Yên Concentrator",
        "beneficiation",
        ORG.concentratorB,
        "VN",
        21.98,
        104.42,
      ),
      site(
        SITE.hydromet,
        "PLANT-H Demo Lai Châu Hydrometallurgy Plant",
        "hydrometallurgy",
        ORG.hydromet,
        "VN",
        22.4,
        103.45,
      ),
      site(
        SITE.separation,
        "PLANT-S Demo Hải Phòng Separation Plant",
        "separation",
        ORG.separation,
        "VN",
        20.82,
        106.72,
      ),
      site(
        SITE.metallisation,
        "PLANT-M Demo HCMC Metallisation Plant",
        "metal",
        ORG.metallisation,
        "VN",
        10.82,
        106.63,
      ),
      site(SITE.magnetVina, "CUST-1 Demo Magnet Maker Vina", "magnet", ORG.magnetVina, "VN", 15.45, 108.62, {
        asIssued: "Bắc Chu Lai IP, Quảng Nam",
        current: "Đà Nẵng",
      }),
      site(
        SITE.busan,
        "Demo Korean Offtaker Co. terminal, Busan",
        "warehouse",
        ORG.offtaker,
        "KR",
        35.1,
        129.04,
      ),
      site(SITE.evOem, "CUST-3 Demo EV OEM motor plant, Ulsan", "magnet", ORG.evOem, "KR", 35.54, 129.31),
      site(
        SITE.recycler,
        "RCY-B Demo Busan Magnet Recovery Plant",
        "recycler",
        ORG.recycler,
        "KR",
        35.1,
        128.97,
      ),
      site(
        SITE.residueStore,
        "STORE-L Demo Lai Châu Residue Store",
        "storage",
        ORG.hydromet,
        "VN",
        22.4,
        103.45,
        {
          asIssued: "Phong Thổ district, Lai Châu",
          current: "Lai Châu",
        },
      ),
    ],
    licences: [
      ...(base.licences ?? []),
      {
        id: "DEMO-002/GP-BTNMT",
        kind: "exploitation",
        holder: ORG.mineB,
        site: SITE.mineB,
        authority: "MONRE (now MAE)",
        minerals: ["rare_earths", "iron"],
        reserve: { quantity: 1_350_000, unit: "t_ore", grade: 0.011, source: "demo licence" },
        annualCapacity: { quantity: 90_000, unit: "t_ore" },
        validFrom: "2019-03-01",
        validTo: "2034-02-28",
        area: square(22.0, 104.45, 0.004),
        statusHistory: [],
        conditions: [],
        demo: true,
      },
      {
        id: "DEMO-004/GP-BNNMT",
        kind: "exploration",
        holder: ORG.explD,
        site: SITE.explD,
        authority: "MAE (needs PM approval, draft RE decree)",
        minerals: ["rare_earths"],
        validFrom: "2025-09-01",
        validTo: "2029-08-31",
        area: square(22.35, 104.1, 0.007),
        statusHistory: [],
        conditions: ["exploration only"],
        demo: true,
      },
    ],
    permits: [
      ...(base.permits ?? []),
      // FICTIONAL: the Korean recycler's registration to take in end-of-life magnets and magnet swarf.
      {
        id: "DEMO-RCY-031",
        kind: "recycling",
        holder: ORG.recycler,
        site: SITE.recycler,
        annualIntakeT: 400,
        validFrom: "2024-01-01",
        validTo: "2028-12-31",
        citation: "recycling registration DEMO-RCY-031 (FICTIONAL)",
        demo: true,
      },
      // FICTIONAL permits: the store's licence for thorium- and uranium-bearing residue, and PLANT-H's
      // environmental permit (feed, residue and how long residue may stay at the plant).
      {
        id: "DEMO-STORE-001/GP-BKHCN",
        kind: "radioactive_storage",
        holder: ORG.hydromet,
        site: SITE.residueStore,
        materials: ["thorium", "uranium"],
        capacityT: 20_000,
        validFrom: "2024-06-01",
        validTo: "2034-05-31",
        citation: "Law on Atomic Energy 94/2025/QH15; storage licence DEMO-STORE-001 (FICTIONAL)",
        demo: true,
      },
      {
        id: "DEMO-ENV-013/GP-BNNMT",
        kind: "environmental",
        holder: ORG.hydromet,
        site: SITE.hydromet,
        annualThroughputT: 12_000,
        annualResidueT: 8_000,
        residueHoldingDays: 90,
        validFrom: "2024-06-01",
        validTo: "2034-05-31",
        citation: "environmental permit DEMO-ENV-013 (FICTIONAL): residue to a licensed store within 90 days",
        demo: true,
      },
    ],
    legalEvents: REAL_LEGAL_EVENTS,
    contracts: [
      offtakeContract(
        { buyer: ORG.offtaker, seller: ORG.separation },
        {
          concentratorA: SITE.plantBA,
          concentratorB: SITE.plantBB,
          hydromet: SITE.hydromet,
          separation: SITE.separation,
        },
      ),
    ],
    declarations: [
      ...(base.declarations ?? []),
      {
        id: "DEMO-PROD-A-2025",
        kind: "production",
        declarant: ORG.mineA,
        licence: LICENCE.mineA,
        period: { from: "2025-01-01", to: "2025-12-31" },
        quantityT: yearTotal(dailyOreA),
      },
      {
        id: "DEMO-PROD-B-2025",
        kind: "production",
        declarant: ORG.mineB,
        licence: "DEMO-002/GP-BTNMT",
        period: { from: "2025-01-01", to: "2025-12-31" },
        quantityT: yearTotal(dailyOreB),
      },
    ],
  };
}

/**
 * The fictional press report of the demo supplier's prosecution (§8.4's story, told about "Demo" names only),
 * ingested through the news pipeline when the demo loads, so its lots and its contract light up.
 */
export const DEMO_PROSECUTION_ARTICLE = `Title: Police prosecute Demo Separation JSC over rare-earth accounts
Publisher: Demo Daily (fictional newspaper of the demo data set)
Date: 2026-10-14
URL: https://news.example/demo-separation-prosecuted

HAI PHONG - Police in Hai Phong prosecuted Demo Separation JSC on 9 October 2026 for violating accounting regulations causing serious consequences under Article 221(3) of the Penal Code.

Investigators said sales of separated oxides were kept off the books while output declared to the provincial authorities fell short of what the plant shipped.

The company separates rare-earth oxides at its plant in Hai Phong and sells NdPr oxide to Demo Korean Offtaker Co. under a long-term offtake.

Demo Korean Offtaker Co. said it was reviewing its supply position and would keep its customers informed.

This article is fictional: it belongs to the Lodestone demo data set and names no real company.
`;

/** Every file of the demo data set, by name (JSON documents, and plain text under news/). */
export function demoFiles(): Record<string, unknown> {
  return {
    "news/2026-10-14-demo-separation-prosecuted.txt": DEMO_PROSECUTION_ARTICLE,
    "masterdata.json": demoMasterData(),
    ...operations2025(),
    "2026-case-1-mine-a-overrun.jsonld": caseOneDocument(),
    "2016-2024-case-1b-mine-c-titanium.jsonld": caseOneBDocument(),
    "2026-case-2-unprocessed-export.jsonld": caseTwoDocument(),
  };
}
