// The worked chain of shared/domain.md §8.3 as EPCIS documents: 150,000 t of MINE-A ore at 3.0% TREO through
// concentrate, mixed oxide, separated oxides, NdPr metal and alloy to magnets, with assays in the Lodestone
// vocabulary. Recoveries: 0.70, 0.92, 0.95 × 0.99, 0.97, 1.0, 0.83.
import { MINE_A_REO } from "../../scripts/demo/detection-cases.ts";

export const LODE = "https://lodestone.dev/ns/";
export const CHAIN_CONTEXT = [
  "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
  { lode: LODE },
];

/** An EPCIS 2.0 document of events in the Lodestone vocabulary. */
export function chainDocument(events: object[], creationDate = "2026-05-01T00:00:00Z") {
  return {
    "@context": CHAIN_CONTEXT,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate,
    epcisBody: { eventList: events },
  };
}

/** MINE-A distribution, % of TREO (shared/domain.md §8.1). */
export const MINE_A_DISTRIBUTION = MINE_A_REO;

export const SITES = {
  mineA: "urn:epc:id:sgln:8930000.00001.0",
  concentrator: "urn:epc:id:sgln:8930000.00002.0",
  hydromet: "urn:epc:id:sgln:8930000.00003.0",
  separation: "urn:epc:id:sgln:8930000.00004.0",
  metallisation: "urn:epc:id:sgln:8930000.00005.0",
  magnetMaker: "urn:epc:id:sgln:8930000.00006.0",
};

export const lot = (ref: string, lotNo: string) => `urn:epc:class:lgtin:8930000.0${ref}.${lotNo}`;

export const LOTS = {
  ore: lot("00011", "ORE-A-2025"),
  concentrate: lot("00022", "CONC-A-2025"),
  mixedOxide: lot("00033", "MREO-2025"),
  ndpr: lot("00044", "NDPR-2025"),
  la: lot("00045", "LA-2025"),
  ce: lot("00046", "CE-2025"),
  seg: lot("00047", "SEG-2025"),
  metal: lot("00055", "NDPRM-2025"),
  alloy: lot("00066", "ALLOY-2025"),
  magnet: lot("00077", "MAG-2025"),
};

/** An oxide-basis assay of material whose TREO grade is `treo` and whose REO split is `distribution` (%). */
export function oxideAssay(treo: number, distribution: Record<string, number>): Record<string, unknown> {
  const fractions: Record<string, number> = { "lode:TREO": treo };
  const total = Object.values(distribution).reduce((s, v) => s + v, 0);
  for (const [oxide, pct] of Object.entries(distribution)) fractions[`lode:${oxide}`] = (treo * pct) / total;
  return {
    "lode:basis": "oxide",
    "lode:lab": "Demo VILAS lab",
    "lode:method": "ICP-MS",
    "lode:massFractions": fractions,
  };
}

export function elementAssay(fractions: Record<string, number>): Record<string, unknown> {
  return {
    "lode:basis": "element",
    "lode:massFractions": Object.fromEntries(Object.entries(fractions).map(([k, v]) => [`lode:${k}`, v])),
  };
}

const tonnes = (epcClass: string, t: number) => ({ epcClass, quantity: t, uom: "TNE" });

function transformation(
  time: string,
  site: string,
  inputs: { epcClass: string; quantity: number; uom: string }[],
  outputs: {
    epcClass: string;
    quantity: number;
    uom: string;
    materialClass: string;
    assay: Record<string, unknown>;
  }[],
) {
  return {
    type: "TransformationEvent",
    eventTime: time,
    eventTimeZoneOffset: "+07:00",
    inputQuantityList: inputs,
    outputQuantityList: outputs.map(({ epcClass, quantity, uom }) => ({ epcClass, quantity, uom })),
    bizLocation: { id: site },
    ilmd: {
      "lode:lots": outputs.map((o) => ({
        "lode:lot": o.epcClass,
        "lode:materialClass": o.materialClass,
        "lode:assay": o.assay,
      })),
    },
  };
}

// Stoichiometric metal fractions (shared/domain.md §2.2), used to write the metal's assay.
const ND_IN_ND2O3 = 0.8574;
const PR_IN_PR6O11 = 0.8277;

/** The chain's masses (t), computed by hand from the brief's factors, for the tests to compare against. */
export function chainFigures() {
  const oreT = 150_000;
  const treoOre = oreT * 0.03; // 4,500 t
  const treoConc = treoOre * 0.7; // 3,150 t
  const concT = treoConc / 0.4; // 7,875 t
  const treoMixed = treoConc * 0.92; // 2,898 t
  const mixedT = treoMixed / 0.92; // 3,150 t at 92% TREO
  const sep = 0.95 * 0.99;
  const nd2o3 = treoMixed * 0.13 * sep;
  const pr6o11 = treoMixed * 0.045 * sep;
  const ndprT = nd2o3 + pr6o11; // ≈ 477 t
  const ndMetal = nd2o3 * ND_IN_ND2O3 * 0.97;
  const prMetal = pr6o11 * PR_IN_PR6O11 * 0.97;
  const metalT = ndMetal + prMetal;
  const alloyT = metalT / 0.3;
  const magnetT = alloyT * 0.83;
  const ndOre = treoOre * 0.13 * ND_IN_ND2O3;
  return { oreT, concT, mixedT, ndprT, nd2o3, pr6o11, ndMetal, prMetal, metalT, alloyT, magnetT, ndOre, sep };
}

/** Shipping from one site and receiving at the next, with the sites named as source and destination locations. */
export function movement(
  epcClass: string,
  t: number,
  from: string,
  to: string,
  day: string,
): Record<string, unknown>[] {
  const base = {
    eventTimeZoneOffset: "+07:00",
    epcList: [],
    quantityList: [tonnes(epcClass, t)],
    action: "OBSERVE",
    sourceList: [{ type: "location", source: from }],
    destinationList: [{ type: "location", destination: to }],
  };
  return [
    {
      type: "ObjectEvent",
      eventTime: `${day}T08:00:00+07:00`,
      ...base,
      bizStep: "shipping",
      readPoint: { id: from },
    },
    {
      type: "ObjectEvent",
      eventTime: `${day}T18:00:00+07:00`,
      ...base,
      bizStep: "receiving",
      readPoint: { id: to },
    },
  ];
}

/** The whole chain as one EPCISDocument, in time order. */
export function workedChainDocument(): Record<string, unknown> {
  const f = chainFigures();
  const rest = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, MINE_A_DISTRIBUTION[k] as number]));
  const laT = 2898 * 0.3 * f.sep;
  const ceT = 2898 * 0.47 * f.sep;
  const segKeys = ["Sm2O3", "Eu2O3", "Gd2O3", "Tb4O7", "Dy2O3", "Y2O3"];
  const segT = segKeys.reduce((s, k) => s + (2898 * (MINE_A_DISTRIBUTION[k] as number)) / 100, 0) * f.sep;
  const events = [
    {
      type: "ObjectEvent",
      eventTime: "2025-12-31T17:00:00+07:00",
      eventTimeZoneOffset: "+07:00",
      epcList: [],
      quantityList: [tonnes(LOTS.ore, f.oreT)],
      action: "ADD",
      bizStep: "commissioning",
      bizLocation: { id: SITES.mineA },
      readPoint: { id: SITES.mineA },
      ilmd: {
        "lode:materialClass": "ore",
        "lode:licence": "DEMO-001/GP-BTNMT",
        "lode:country": "VN",
        "lode:assay": oxideAssay(0.03, MINE_A_DISTRIBUTION),
      },
    },
    ...movement(LOTS.ore, f.oreT, SITES.mineA, SITES.concentrator, "2026-01-05"),
    transformation(
      "2026-01-10T08:00:00+07:00",
      SITES.concentrator,
      [tonnes(LOTS.ore, f.oreT)],
      [
        {
          ...tonnes(LOTS.concentrate, f.concT),
          materialClass: "concentrate",
          assay: oxideAssay(0.4, MINE_A_DISTRIBUTION),
        },
      ],
    ),
    ...movement(LOTS.concentrate, f.concT, SITES.concentrator, SITES.hydromet, "2026-02-05"),
    transformation(
      "2026-02-10T08:00:00+07:00",
      SITES.hydromet,
      [tonnes(LOTS.concentrate, f.concT)],
      [
        {
          ...tonnes(LOTS.mixedOxide, f.mixedT),
          materialClass: "total_oxide",
          assay: oxideAssay(0.92, MINE_A_DISTRIBUTION),
        },
      ],
    ),
    ...movement(LOTS.mixedOxide, f.mixedT, SITES.hydromet, SITES.separation, "2026-03-05"),
    transformation(
      "2026-03-10T08:00:00+07:00",
      SITES.separation,
      [tonnes(LOTS.mixedOxide, f.mixedT)],
      [
        {
          ...tonnes(LOTS.ndpr, f.ndprT),
          materialClass: "ndpr_oxide",
          assay: oxideAssay(1, rest(["Nd2O3", "Pr6O11"])),
        },
        { ...tonnes(LOTS.la, laT), materialClass: "separated_oxide", assay: oxideAssay(1, rest(["La2O3"])) },
        { ...tonnes(LOTS.ce, ceT), materialClass: "separated_oxide", assay: oxideAssay(1, rest(["CeO2"])) },
        { ...tonnes(LOTS.seg, segT), materialClass: "separated_oxide", assay: oxideAssay(1, rest(segKeys)) },
      ],
    ),
    ...movement(LOTS.ndpr, f.ndprT, SITES.separation, SITES.metallisation, "2026-04-05"),
    transformation(
      "2026-04-10T08:00:00+07:00",
      SITES.metallisation,
      [tonnes(LOTS.ndpr, f.ndprT)],
      [
        {
          ...tonnes(LOTS.metal, f.metalT),
          materialClass: "metal",
          assay: elementAssay({ Nd: f.ndMetal / f.metalT, Pr: f.prMetal / f.metalT }),
        },
      ],
    ),
    ...movement(LOTS.metal, f.metalT, SITES.metallisation, SITES.magnetMaker, "2026-05-05"),
    transformation(
      "2026-05-10T08:00:00+07:00",
      SITES.magnetMaker,
      [tonnes(LOTS.metal, f.metalT)],
      [
        {
          ...tonnes(LOTS.alloy, f.alloyT),
          materialClass: "alloy",
          assay: elementAssay({ Nd: f.ndMetal / f.alloyT, Pr: f.prMetal / f.alloyT }),
        },
      ],
    ),
    transformation(
      "2026-06-10T08:00:00+07:00",
      SITES.magnetMaker,
      [tonnes(LOTS.alloy, f.alloyT)],
      [
        {
          ...tonnes(LOTS.magnet, f.magnetT),
          materialClass: "magnet",
          assay: elementAssay({ Nd: f.ndMetal / f.alloyT, Pr: f.prMetal / f.alloyT }),
        },
      ],
    ),
  ];
  return {
    "@context": CHAIN_CONTEXT,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-06-30T00:00:00Z",
    epcisBody: { eventList: events },
  };
}

/** A quantity in kilograms. */
export const kg = (epcClass: string, quantity: number) => ({ epcClass, quantity, uom: "KGM" });

/** An ObjectEvent creating a lot of `quantity` kg at a site (commissioning), with its lot master data. */
export function lotCreation(time: string, site: string, epcClass: string, quantity: number, ilmd: object) {
  return {
    type: "ObjectEvent",
    eventTime: time,
    eventTimeZoneOffset: time.slice(-6),
    epcList: [],
    quantityList: [kg(epcClass, quantity)],
    action: "ADD",
    bizStep: "commissioning",
    bizLocation: { id: site },
    readPoint: { id: site },
    ilmd,
  };
}
