// The detection cases of shared/domain.md §8.6 (licence overrun on MINE-A, and the titanium variant 1b on
// MINE-C) and §8.7 (unprocessed-ore export EXP-2026-0142) as master data and EPCIS documents. All FICTIONAL,
// with "Demo" names, at real deposit locations; every record carries the demo flag.

export const LODE_CONTEXT = [
  "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
  { lode: "https://lodestone.dev/ns/" },
];

export const ORG = {
  mineA: "urn:epc:id:pgln:8930000.00001",
  mineC: "urn:epc:id:pgln:8930000.00003",
  concentrator: "urn:epc:id:pgln:8930000.00011",
  trader: "urn:epc:id:pgln:8930000.00077",
  foreignBuyer: "urn:epc:id:pgln:6900000.00001",
};
export const SITE = {
  mineA: "urn:epc:id:sgln:8930000.00001.0",
  mineC: "urn:epc:id:sgln:8930000.00003.0",
  plantBA: "urn:epc:id:sgln:8930000.00011.0",
  trader: "urn:epc:id:sgln:8930000.00077.0",
  haiPhongPort: "urn:epc:id:sgln:8930000.00090.0",
  foreignBuyer: "urn:epc:id:sgln:6900000.00001.0",
};
export const LICENCE = { mineA: "DEMO-001/GP-BTNMT", mineC: "DEMO-003/GP-BTNMT" };
export const lotId = (ref: string, lot: string) => `urn:epc:class:lgtin:8930000.0${ref}.${lot}`;
export const EXPORT_LOT = lotId("00022", "EXP-2026-0142");

/** MINE-A's REO split, % of TREO (§8.1, FICTIONAL within sourced ranges). */
export const MINE_A_REO: Record<string, number> = {
  La2O3: 30.0,
  CeO2: 47.0,
  Pr6O11: 4.5,
  Nd2O3: 13.0,
  Sm2O3: 1.5,
  Eu2O3: 0.4,
  Gd2O3: 1.2,
  Tb4O7: 0.1,
  Dy2O3: 0.3,
  Y2O3: 2.0,
};

export function oxideAssay(treo: number, extra: Record<string, number> = {}): Record<string, unknown> {
  const fractions: Record<string, number> = { "lode:TREO": treo };
  for (const [oxide, pct] of Object.entries(MINE_A_REO))
    if (pct > 0) fractions[`lode:${oxide}`] = (treo * pct) / 100;
  for (const [k, v] of Object.entries(extra)) fractions[`lode:${k}`] = v;
  return {
    "lode:basis": "oxide",
    "lode:lab": "Demo VILAS 017 laboratory",
    "lode:method": "ICP-OES",
    "lode:massFractions": fractions,
  };
}

const square = (lat: number, lon: number, half: number) => ({
  type: "Polygon" as const,
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

export function detectionMasterData(): Record<string, unknown> {
  return {
    organisations: [
      {
        id: ORG.mineA,
        name: "Demo Nậm Xe Rare Earth Mining JSC",
        aliases: ["Demo Nam Xe Rare Earth Mining", "Công ty CP Khai thác Đất hiếm Demo Nậm Xe"],
        country: "VN",
        roles: ["miner"],
        demo: true,
      },
      {
        id: ORG.mineC,
        name: "Demo Bắc Bình Titanium JSC",
        aliases: ["Demo Bac Binh Titanium"],
        country: "VN",
        roles: ["miner"],
        demo: true,
      },
      {
        id: ORG.concentrator,
        name: "Demo Nậm Xe Concentrator Co., Ltd",
        aliases: [],
        country: "VN",
        roles: ["processor"],
        demo: true,
      },
      {
        id: ORG.trader,
        name: "Demo Trading Co.",
        aliases: ["Công ty TNHH Thương mại Demo"],
        country: "VN",
        roles: ["trader"],
        demo: true,
      },
      {
        id: ORG.foreignBuyer,
        name: "Demo Overseas Buyer Ltd",
        aliases: [],
        country: "CN",
        roles: ["buyer"],
        demo: true,
      },
    ],
    sites: [
      {
        id: SITE.mineA,
        name: "MINE-A Demo Nậm Xe LREE Mine",
        kind: "mine",
        operator: ORG.mineA,
        country: "VN",
        coordinates: { lat: 22.55, lon: 103.35 },
        admin: { asIssued: "Nậm Xe commune, Phong Thổ district, Lai Châu", current: "Lai Châu" },
        demo: true,
      },
      {
        id: SITE.mineC,
        name: "MINE-C Demo Bắc Bình Ti–Zr Placer",
        kind: "mine",
        operator: ORG.mineC,
        country: "VN",
        coordinates: { lat: 11.1, lon: 108.4 },
        admin: { asIssued: "Hòa Thắng commune, Bắc Bình district, Bình Thuận", current: "Lâm Đồng" },
        demo: true,
      },
      {
        id: SITE.plantBA,
        name: "PLANT-BA Demo Nậm Xe Concentrator",
        kind: "beneficiation",
        operator: ORG.concentrator,
        country: "VN",
        coordinates: { lat: 22.52, lon: 103.38 },
        demo: true,
      },
      {
        id: SITE.trader,
        name: "Demo Trading Co. warehouse, Hải Phòng",
        kind: "trader",
        operator: ORG.trader,
        country: "VN",
        coordinates: { lat: 20.86, lon: 106.68 },
        demo: true,
      },
      {
        id: SITE.haiPhongPort,
        name: "Hải Phòng port (demo gate)",
        kind: "port",
        operator: ORG.trader,
        country: "VN",
        coordinates: { lat: 20.84, lon: 106.76 },
        demo: true,
      },
      {
        id: SITE.foreignBuyer,
        name: "Demo Overseas Buyer yard",
        kind: "warehouse",
        operator: ORG.foreignBuyer,
        country: "CN",
        coordinates: { lat: 21.6, lon: 108.3 },
        demo: true,
      },
    ],
    licences: [
      {
        id: LICENCE.mineA,
        kind: "exploitation",
        holder: ORG.mineA,
        site: SITE.mineA,
        authority: "MONRE (now MAE)",
        minerals: ["rare_earths"],
        reserve: { quantity: 3_000_000, unit: "t_ore", grade: 0.03, source: "demo licence" },
        annualCapacity: { quantity: 150_000, unit: "t_ore" },
        validFrom: "2021-06-15",
        validTo: "2041-06-14",
        area: square(22.55, 103.35, 0.006),
        statusHistory: [],
        conditions: ["processing to TREO ≥ 90% before export"],
        demo: true,
      },
      {
        id: LICENCE.mineC,
        kind: "exploitation",
        holder: ORG.mineC,
        site: SITE.mineC,
        authority: "MONRE (now MAE)",
        minerals: ["titanium", "zircon"],
        reserve: { quantity: 360_000, unit: "t_heavy_minerals", source: "demo licence" },
        annualCapacity: { quantity: 24_000, unit: "t_heavy_minerals" },
        validFrom: "2016-01-10",
        validTo: "2031-01-09",
        area: square(11.1, 108.4, 0.007),
        statusHistory: [],
        conditions: [],
        demo: true,
      },
    ],
    permits: [],
    declarations: [
      {
        id: "DEMO-PROD-A-2026",
        kind: "production",
        declarant: ORG.mineA,
        licence: LICENCE.mineA,
        period: { from: "2026-01-01", to: "2026-12-31" },
        quantityT: 148_000,
      },
      {
        id: "DEMO-CUS-EXP-2026-0142",
        kind: "customs_export",
        declarant: ORG.trader,
        period: { from: "2026-02-12", to: "2026-02-12" },
        quantityT: 240,
        customs: {
          lot: EXPORT_LOT,
          hsCode: "2846.90",
          declaredProduct: "Mixed rare earth carbonate, TREO ≥ 90%",
          declaredMaterialClass: "mixed_carbonate",
          declaredGrade: { analyte: "TREO", min: 0.9 },
          originCountry: "VN",
          destinationCountry: "CN",
          date: "2026-02-12",
        },
      },
    ],
  };
}

const document = (events: Record<string, unknown>[]) => ({
  "@context": LODE_CONTEXT,
  type: "EPCISDocument",
  schemaVersion: "2.0",
  creationDate: "2026-12-31T12:00:00+07:00",
  epcisBody: { eventList: events },
});
const tonnes = (epcClass: string, t: number) => ({ epcClass, quantity: t, uom: "TNE" });
const pad = (n: number) => String(n).padStart(2, "0");

function extraction(time: string, site: string, lot: string, t: number, ilmd: Record<string, unknown>) {
  return {
    type: "ObjectEvent",
    eventTime: time,
    eventTimeZoneOffset: "+07:00",
    epcList: [],
    quantityList: [tonnes(lot, t)],
    action: "ADD",
    bizStep: "commissioning",
    disposition: "active",
    readPoint: { id: site },
    bizLocation: { id: site },
    ilmd,
  };
}

/**
 * A shipment and its receipt: two ObjectEvents with the same quantities, from one location to another, with
 * the change of owning party and its business document when ownership passes (shared by every demo builder).
 */
export function shipAndReceive(
  quantityList: Record<string, unknown>[],
  from: string,
  to: string,
  times: { shipped: string; received: string },
  transfer?: { from: string; to: string; document: { type: string; id: string } },
): Record<string, unknown>[] {
  const base = {
    eventTimeZoneOffset: "+07:00",
    epcList: [],
    quantityList,
    action: "OBSERVE",
    sourceList: [
      { type: "location", source: from },
      ...(transfer ? [{ type: "owning_party", source: transfer.from }] : []),
    ],
    destinationList: [
      { type: "location", destination: to },
      ...(transfer ? [{ type: "owning_party", destination: transfer.to }] : []),
    ],
    ...(transfer
      ? { bizTransactionList: [{ type: transfer.document.type, bizTransaction: transfer.document.id }] }
      : {}),
  };
  return [
    {
      type: "ObjectEvent",
      eventTime: times.shipped,
      ...base,
      bizStep: "shipping",
      disposition: "in_transit",
      readPoint: { id: from },
    },
    {
      type: "ObjectEvent",
      eventTime: times.received,
      ...base,
      bizStep: "receiving",
      disposition: "in_progress",
      readPoint: { id: to },
    },
  ];
}

function move(
  lot: string,
  t: number,
  from: string,
  to: string,
  day: string,
  owner?: { from: string; to: string; invoice: string },
) {
  return shipAndReceive(
    [tonnes(lot, t)],
    from,
    to,
    { shipped: `${day}T07:00:00+07:00`, received: `${day}T19:00:00+07:00` },
    owner && { from: owner.from, to: owner.to, document: { type: "inv", id: owner.invoice } },
  );
}

/**
 * Case 1: MINE-A extracts 214,000 t of ore in 2026 (weighbridge), 143% of its 150,000 t/yr, while declaring
 * 148,000 t. February's 17,800 t include the 240 t lot of case 2. The concentrator makes 11,235 t of
 * concentrate at 40% TREO (70% recovery).
 */
export function caseOneDocument(): Record<string, unknown> {
  const monthly = [
    17_800, 17_560, 17_800, 17_800, 17_800, 17_800, 17_800, 17_800, 17_800, 17_800, 17_800, 18_200,
  ];
  const events: Record<string, unknown>[] = [];
  const ilmd = {
    "lode:materialClass": "ore",
    "lode:licence": LICENCE.mineA,
    "lode:country": "VN",
    "lode:mineral": "rare_earths",
    "lode:point": { "lode:lat": 22.551, "lode:lon": 103.352 },
    "lode:assay": oxideAssay(0.03, { ThO2: 0.00017, U3O8: 0.00014 }),
  };
  monthly.forEach((t, i) => {
    const m = pad(i + 1);
    const ore = lotId("00011", `ORE-A-2026-${m}`);
    const concentrate = lotId("00022", `CONC-A-2026-${m}`);
    events.push(extraction(`2026-${m}-25T17:00:00+07:00`, SITE.mineA, ore, t, ilmd));
    events.push(...move(ore, t, SITE.mineA, SITE.plantBA, `2026-${m}-26`));
    events.push({
      type: "TransformationEvent",
      eventTime: `2026-${m}-28T17:00:00+07:00`,
      eventTimeZoneOffset: "+07:00",
      inputQuantityList: [tonnes(ore, t)],
      outputQuantityList: [tonnes(concentrate, (t * 11_235) / 214_000)],
      bizStep: "commissioning",
      bizLocation: { id: SITE.plantBA },
      readPoint: { id: SITE.plantBA },
      // 95% of the ore's thorium and uranium float with the concentrate, as in 2025 (scenario.ts).
      ilmd: {
        "lode:materialClass": "concentrate",
        "lode:assay": oxideAssay(0.4, {
          ThO2: (0.00017 * 0.95 * 214_000) / 11_235,
          U3O8: (0.00014 * 0.95 * 214_000) / 11_235,
        }),
      },
    });
  });
  return document(events);
}

/** Case 1b: MINE-C extracts 410,000 t of heavy minerals 2016–2024 against a 360,000 t reserve; 61,500 t in 2024. */
export function caseOneBDocument(): Record<string, unknown> {
  const yearly: [number, number][] = [
    [2016, 30_000],
    [2017, 35_000],
    [2018, 40_000],
    [2019, 42_000],
    [2020, 45_000],
    [2021, 48_000],
    [2022, 52_000],
    [2023, 56_500],
    [2024, 61_500],
  ];
  return document(
    yearly.map(([year, t]) =>
      extraction(`${year}-12-20T17:00:00+07:00`, SITE.mineC, lotId("00088", `HM-C-${year}`), t, {
        "lode:materialClass": "ilmenite",
        "lode:licence": LICENCE.mineC,
        "lode:country": "VN",
        "lode:mineral": "titanium",
        "lode:point": { "lode:lat": 11.101, "lode:lon": 108.402 },
      }),
    ),
  );
}

/** Case 2: 240 t of 38% TREO concentrate from MINE-A, sold to a trader, exported as "carbonate ≥ 90%". */
export function caseTwoDocument(): Record<string, unknown> {
  return document([
    extraction("2026-02-01T17:00:00+07:00", SITE.mineA, EXPORT_LOT, 240, {
      "lode:materialClass": "concentrate",
      "lode:licence": LICENCE.mineA,
      "lode:country": "VN",
      "lode:mineral": "rare_earths",
      "lode:point": { "lode:lat": 22.549, "lode:lon": 103.349 },
      "lode:assay": {
        ...oxideAssay(0.38, { ThO2: 0.0007 }),
        "lode:lab": "Demo VILAS 017 laboratory (joint customs sampling)",
      },
    }),
    ...move(EXPORT_LOT, 240, SITE.mineA, SITE.trader, "2026-02-05", {
      from: ORG.mineA,
      to: ORG.trader,
      invoice: "urn:epc:id:gdti:8930000.00001.INV-2026-0311",
    }),
    ...move(EXPORT_LOT, 240, SITE.trader, SITE.foreignBuyer, "2026-02-12", {
      from: ORG.trader,
      to: ORG.foreignBuyer,
      invoice: "urn:epc:id:gdti:8930000.00077.EXP-2026-0142",
    }),
  ]);
}
