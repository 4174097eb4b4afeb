// A chain Lodestone has never seen, written by hand in the documented formats the way a new user would: two
// mines (Vietnam, Laos), a refinery in Hai Phong, a magnet maker in Korea and a buyer in China. It says what
// real permits, declarations and contracts say (a permit for named lots, a declaration in lines with a
// rounded grade, a purchased alloying feed, an off-specification delivery, a Lao rule pack, a licence
// suspended for a month) and must give exactly the findings and origin shares worked out below. Both backends.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { metalPerOxide } from "../../src/domain/chemistry.ts";
import { captureDocument } from "../../src/services/capture.ts";
import { contractReport } from "../../src/services/contracts.ts";
import { evaluateAndRecord } from "../../src/services/evaluate.ts";
import { presentFindings } from "../../src/services/identifier-forms.ts";
import { importMasterData } from "../../src/services/masterdata-import.ts";
import { traceLot } from "../../src/services/trace.ts";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { getLots } from "../../src/store/lot-store.ts";
import { loadMasterData } from "../../src/store/masterdata-store.ts";
import { chainDocument, elementAssay } from "../helpers/chain.ts";
import { BACKENDS, openTestLedger, type TestLedger } from "../helpers/ledgers.ts";

const NOW = new Date("2027-01-05T00:00:00Z");
const ORG = {
  minerVn: "urn:epc:id:pgln:8930000.00011",
  minerLa: "urn:epc:id:pgln:8850000.00012",
  refiner: "urn:epc:id:pgln:8930000.00015",
  magnetMaker: "urn:epc:id:pgln:8800000.00016",
  buyerCn: "urn:epc:id:pgln:6900000.00017",
};
const SITE = {
  mineVn: "urn:epc:id:sgln:8930000.00001.0",
  mineLa: "urn:epc:id:sgln:8850000.00001.0",
  refinery: "urn:epc:id:sgln:8930000.00005.0",
  magnetPlant: "urn:epc:id:sgln:8800000.00002.0",
  buyerCn: "urn:epc:id:sgln:6900000.00003.0",
};
const lgtin = (prefix: string, ref: string, lot: string) => `urn:epc:class:lgtin:${prefix}.${ref}.${lot}`;
const LOT = {
  concVn1: lgtin("8930000", "000011", "CONC-VN-1"),
  concVn2: lgtin("8930000", "000011", "CONC-VN-2"),
  concLa1: lgtin("8850000", "000011", "CONC-LA-1"),
  concLa2: lgtin("8850000", "000011", "CONC-LA-2"),
  concLa3: lgtin("8850000", "000011", "CONC-LA-3"),
  carbonate: lgtin("8930000", "000022", "MREC-0420"),
  ndpr1: lgtin("8930000", "000044", "NDPR-0502-A"),
  ndpr2: lgtin("8930000", "000044", "NDPR-0502-B"),
  seg: lgtin("8930000", "000047", "SEG-0502"),
  feb: lgtin("8800000", "000099", "FEB-0710"),
  alloy: lgtin("8800000", "000066", "ALLOY-0712"),
};
const INVOICE = "urn:epc:id:gdti:8930000.00001.INV-0625";
const RUN = "urn:epc:id:gdti:8930000.00002.RUN-0420";

/** Oxide assay: a TREO fraction split by shares of TREO, with other analytes (e.g. ThO2) as given. */
function oxides(treo: number, shares: Record<string, number>, extra: Record<string, number> = {}) {
  const fractions: Record<string, number> = { "lode:TREO": treo };
  for (const [oxide, share] of Object.entries(shares)) fractions[`lode:${oxide}`] = treo * share;
  for (const [analyte, value] of Object.entries(extra)) fractions[`lode:${analyte}`] = value;
  return { "lode:basis": "oxide", "lode:massFractions": fractions };
}
/** The mines' concentrate: 50% TREO, of which Nd2O3 60%, Pr6O11 20%, Sm2O3 10%, Gd2O3 10%. */
const CONCENTRATE = { Nd2O3: 0.6, Pr6O11: 0.2, Sm2O3: 0.1, Gd2O3: 0.1 };
const t = (epcClass: string, quantity: number) => ({ epcClass, quantity, uom: "TNE" });

function add(day: string, site: string, readPoint: string, quantities: object[], ilmd: object) {
  return {
    type: "ObjectEvent",
    eventTime: `${day}T08:00:00+07:00`,
    eventTimeZoneOffset: "+07:00",
    epcList: [],
    quantityList: quantities,
    action: "ADD",
    bizStep: "commissioning",
    bizLocation: { id: site },
    readPoint: { id: readPoint },
    ilmd,
  };
}
function ship(day: string, from: string, to: string, quantities: object[], invoice?: string) {
  const base = {
    eventTimeZoneOffset: "+07:00",
    epcList: [],
    quantityList: quantities,
    action: "OBSERVE",
    sourceList: [{ type: "location", source: from }],
    destinationList: [{ type: "location", destination: to }],
    ...(invoice ? { bizTransactionList: [{ type: "inv", bizTransaction: invoice }] } : {}),
  };
  return {
    type: "ObjectEvent",
    eventTime: `${day}T08:00:00+07:00`,
    ...base,
    bizStep: "shipping",
    readPoint: { id: from },
  };
}
function receive(day: string, from: string, to: string, quantities: object[]) {
  return {
    ...ship(day, from, to, quantities),
    eventTime: `${day}T15:00:00+07:00`,
    bizStep: "receiving",
    readPoint: { id: to },
  };
}
function transform(
  day: string,
  site: string,
  inputs: object[],
  outputs: object[],
  lots: object[],
  run?: string,
) {
  return {
    type: "TransformationEvent",
    eventTime: `${day}T08:00:00+07:00`,
    eventTimeZoneOffset: "+07:00",
    inputQuantityList: inputs,
    outputQuantityList: outputs,
    ...(run ? { transformationID: run } : {}),
    bizLocation: { id: site },
    ilmd: { "lode:lots": lots },
  };
}

/** NdPr oxide in the lot's assay, as the alloy's Nd to make it 98% of what went in. */
const ND2O3_NDPR1 = 0.99 * 0.75 - 0.000001;
const ndInAlloyT = 60 * ND2O3_NDPR1 * metalPerOxide("Nd2O3") * 0.98;
const prInAlloyT = 60 * 0.99 * 0.25 * metalPerOxide("Pr6O11") * 0.98;

function document() {
  const mine = (lot: string, site: string, licence: string, country: string, point: string, th = 0) =>
    add(
      "2026-04-05",
      site,
      point,
      [t(lot, lot === LOT.concVn1 || lot === LOT.concVn2 || lot === LOT.concLa1 ? 100 : 20)],
      {
        "lode:materialClass": "concentrate",
        "lode:licence": licence,
        "lode:country": country,
        "lode:assay": oxides(0.5, CONCENTRATE, th ? { ThO2: th } : {}),
      },
    );
  const events = [
    // Mined during the licence's suspension (1 to 31 March), inside the licence area.
    {
      ...mine(LOT.concVn1, SITE.mineVn, "VN-LIC-1", "VN", "geo:22.55,103.35"),
      eventTime: "2026-03-10T08:00:00+07:00",
    },
    // Mined after the suspension ended, but outside the licence area (the readPoint says where).
    mine(LOT.concVn2, SITE.mineVn, "VN-LIC-1", "VN", "geo:22.60,103.35"),
    mine(LOT.concLa1, SITE.mineLa, "LA-LIC-7", "LA", SITE.mineLa),
    mine(LOT.concLa2, SITE.mineLa, "LA-LIC-7", "LA", SITE.mineLa, 0.001),
    mine(LOT.concLa3, SITE.mineLa, "LA-LIC-7", "LA", SITE.mineLa, 0.001),
    ship("2026-04-10", SITE.mineVn, SITE.refinery, [t(LOT.concVn1, 100), t(LOT.concVn2, 100)]),
    receive("2026-04-11", SITE.mineVn, SITE.refinery, [t(LOT.concVn1, 100), t(LOT.concVn2, 100)]),
    // Laos bars the export of concentrate (its imported rule pack): this one goes to Vietnam regardless.
    ship("2026-04-10", SITE.mineLa, SITE.refinery, [t(LOT.concLa1, 100)]),
    receive("2026-04-12", SITE.mineLa, SITE.refinery, [t(LOT.concLa1, 100)]),
    // Two thorium-bearing lots to China; the radioactive-export permit names only the first.
    ship("2026-04-15", SITE.mineLa, SITE.buyerCn, [t(LOT.concLa2, 20), t(LOT.concLa3, 20)]),
    receive("2026-04-18", SITE.mineLa, SITE.buyerCn, [t(LOT.concLa2, 20), t(LOT.concLa3, 20)]),
    // A leach at 75% of TREO: low, plausible, information.
    transform(
      "2026-04-20",
      SITE.refinery,
      [t(LOT.concVn1, 100), t(LOT.concVn2, 100), t(LOT.concLa1, 100)],
      [t(LOT.carbonate, 150)],
      [
        {
          "lode:lot": LOT.carbonate,
          "lode:materialClass": "mixed_carbonate",
          "lode:assay": oxides(0.75, CONCENTRATE),
        },
      ],
      RUN,
    ),
    // Separation into NdPr oxide (one lot off the contract's Nd:Pr ratio) and a SEG group cut.
    transform(
      "2026-05-02",
      SITE.refinery,
      [t(LOT.carbonate, 150)],
      [t(LOT.ndpr1, 60), t(LOT.ndpr2, 25), t(LOT.seg, 20)],
      [
        {
          "lode:lot": LOT.ndpr1,
          "lode:materialClass": "ndpr_oxide",
          "lode:productName": "NdPr oxide 99% (75:25)",
          "lode:assay": {
            "lode:massFractions": {
              "lode:TREO": 0.989999,
              "lode:Nd2O3": ND2O3_NDPR1,
              "lode:Pr6O11": 0.99 * 0.25,
            },
          },
        },
        {
          "lode:lot": LOT.ndpr2,
          "lode:materialClass": "ndpr_oxide",
          "lode:assay": {
            "lode:massFractions": { "lode:TREO": 0.99, "lode:Nd2O3": 0.8, "lode:Pr6O11": 0.19 },
          },
        },
        {
          "lode:lot": LOT.seg,
          "lode:materialClass": "mixed_oxide",
          "lode:productName": "SEG oxide (Sm, Gd)",
          "lode:assay": {
            "lode:massFractions": { "lode:TREO": 0.99, "lode:Sm2O3": 0.5, "lode:Gd2O3": 0.49 },
          },
        },
      ],
    ),
    // Shipped in June (the contract counts by shipment: the second quarter), received in July.
    ship("2026-06-25", SITE.refinery, SITE.magnetPlant, [t(LOT.ndpr1, 60), t(LOT.ndpr2, 25)], INVOICE),
    receive("2026-07-03", SITE.refinery, SITE.magnetPlant, [t(LOT.ndpr1, 60), t(LOT.ndpr2, 25)]),
    // The magnet maker buys ferro-boron and alloys it with the NdPr.
    add("2026-07-10", SITE.magnetPlant, SITE.magnetPlant, [t(LOT.feb, 40)], {
      "lode:materialClass": "alloying_feed",
      "lode:productName": "Ferro-boron FeB20",
      "lode:assay": elementAssay({ Fe: 0.8, B: 0.195 }),
    }),
    transform(
      "2026-07-12",
      SITE.magnetPlant,
      [t(LOT.ndpr1, 60), t(LOT.feb, 40)],
      [t(LOT.alloy, 90)],
      [
        {
          "lode:lot": LOT.alloy,
          "lode:materialClass": "alloy",
          "lode:assay": elementAssay({
            Nd: ndInAlloyT / 90,
            Pr: prInAlloyT / 90,
            Fe: (40 * 0.8) / 90,
            B: (40 * 0.195) / 90,
          }),
        },
      ],
    ),
  ];
  return chainDocument(events, "2026-07-15T00:00:00Z");
}

const square = (lon: number, lat: number, d: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ],
  ],
});

function masterData() {
  const org = (id: string, name: string, country: string) => ({ id, name, country, roles: [] });
  const site = (id: string, name: string, kind: string, operator: string, country: string) => ({
    id,
    name,
    kind,
    operator,
    country,
  });
  return {
    organisations: [
      org(ORG.minerVn, "Bắc Hà Rare Earth JSC", "VN"),
      org(ORG.minerLa, "Phongsaly Minerals Co.", "LA"),
      org(ORG.refiner, "Hải Phòng Rare Earth Refining", "VN"),
      org(ORG.magnetMaker, "Hanbit Magnetics", "KR"),
      org(ORG.buyerCn, "Ganzhou Trading", "CN"),
    ],
    sites: [
      site(SITE.mineVn, "Bắc Hà mine", "mine", ORG.minerVn, "VN"),
      site(SITE.mineLa, "Phongsaly mine", "mine", ORG.minerLa, "LA"),
      site(SITE.refinery, "Hải Phòng refinery", "separation", ORG.refiner, "VN"),
      site(SITE.magnetPlant, "Ulsan magnet plant", "alloy", ORG.magnetMaker, "KR"),
      site(SITE.buyerCn, "Ganzhou warehouse", "warehouse", ORG.buyerCn, "CN"),
    ],
    licences: [
      {
        // No kind: an exploitation licence by default.
        id: "VN-LIC-1",
        holder: ORG.minerVn,
        site: SITE.mineVn,
        authority: "MONRE",
        minerals: ["rare earth"],
        annualCapacity: { quantity: 10_000, unit: "t_ore" },
        issuedOn: "2024-12-15",
        validFrom: "2025-01-01",
        validTo: "2034-12-31",
        area: square(103.35, 22.55, 0.02),
        statusHistory: [{ status: "suspended", from: "2026-03-01", to: "2026-03-31", note: "inspection" }],
      },
      {
        id: "LA-LIC-7",
        kind: "exploitation",
        holder: ORG.minerLa,
        site: SITE.mineLa,
        authority: "MEM Lao PDR",
        minerals: ["rare earth"],
        validFrom: "2025-06-01",
        validTo: "2030-05-31",
      },
    ],
    permits: [
      {
        id: "LA-RAD-2026-04",
        kind: "radioactive_export",
        holder: ORG.minerLa,
        validFrom: "2026-04-01",
        validTo: "2026-04-30",
        lots: [LOT.concLa2],
      },
    ],
    declarations: [
      {
        id: "VN-CUS-0625",
        kind: "customs_export",
        declarant: ORG.refiner,
        period: { from: "2026-06-25", to: "2026-06-25" },
        quantityT: 85,
        customs: {
          invoice: INVOICE,
          hsCode: "2846.90",
          declaredProduct: "Neodymium-praseodymium oxide",
          declaredMaterialClass: "ndpr_oxide",
          originCountry: "VN",
          destinationCountry: "KR",
          date: "2026-06-25",
          lines: [
            // "TREO 99%" for an assay of 98.9999%: as written, rounded to whole percent, it holds.
            { lot: LOT.ndpr1, quantityT: 60, declaredGrade: { analyte: "TREO", percent: 99 } },
            // "TREO 99.5%" for an assay of 99.0%: misdeclared.
            { lot: LOT.ndpr2, quantityT: 25, declaredGrade: { analyte: "TREO", percent: 99.5, decimals: 1 } },
          ],
        },
      },
    ],
    contracts: [
      {
        // No tolerance, grace days, custody model or sources: the documented defaults apply.
        id: "OFT-HB-2026",
        buyer: ORG.magnetMaker,
        seller: ORG.refiner,
        term: { from: "2026-01-01", to: "2026-12-31" },
        schedule: { period: "quarter", countBy: "shipment" },
        products: [
          {
            id: "ndpr",
            name: "NdPr oxide 99%",
            oxides: ["Nd2O3", "Pr6O11"],
            periodT: { "2026-Q2": 80, "2026-Q4": 20 },
            spec: { minPurity: 0.99, ratio: { oxide: "Nd2O3", target: 0.75, tolerance: 0.02 } },
          },
        ],
      },
    ],
    rulePacks: [
      {
        id: "LA-2026",
        jurisdiction: "LA",
        exportUnprocessed: [
          {
            effectiveFrom: "2026-01-01",
            barredClasses: ["ore", "concentrate"],
            minTreoFraction: 0.85,
            citation: "Lao export order (as translated)",
          },
        ],
        exportRadioactive: [
          { effectiveFrom: "2026-01-01", thresholdFraction: 0.0005, citation: "Lao radiation decree" },
        ],
      },
    ],
  };
}

for (const backend of BACKENDS) {
  describe(`a chain from other people's data (${backend})`, () => {
    let ledger: TestLedger;
    beforeEach(async () => {
      ledger = await openTestLedger(backend);
      await importMasterData(ledger.ledger, masterData(), NOW);
      const report = await captureDocument(
        ledger.ledger,
        { document: document(), organisation: "urn:lodestone:org:test" },
        { now: () => NOW, newId: randomUUID },
      );
      expect(report.rejected).toEqual([]);
    });
    afterEach(async () => ledger.dispose());

    it("gives exactly the findings worked out by hand, each named as the capture named it", async () => {
      const { findings } = await evaluateAndRecord(ledger.ledger, NOW);
      const shown = await presentFindings(ledger.ledger, findings);
      const summary = shown
        .map((f) => [f.code, f.severity, f.subject.id, f.period?.from, f.period?.to].join(" "))
        .sort();
      expect(summary).toEqual(
        [
          // The year: 60 t on specification of 100 t; Q2: 60 of 80 (the off-spec 25 t does not count); Q4: 0 of 20.
          "CONTRACT_SHORTFALL violation OFT-HB-2026 2026-01-01 2026-12-31",
          "CONTRACT_SHORTFALL warning OFT-HB-2026 2026-04-01 2026-06-30",
          "CONTRACT_SHORTFALL warning OFT-HB-2026 2026-10-01 2026-12-31",
          // Line 2 declares TREO 99.5% of a 99.0% lot; line 1's "99%" of 98.9999% holds.
          "EXPORT_MISDECLARED violation VN-CUS-0625 2026-06-25 2026-06-25",
          // The Lao permit names CONC-LA-2 only.
          `EXPORT_RADIOACTIVE violation ${LOT.concLa3} 2026-04-15 2026-04-15`,
          // Laos bars concentrate exports (the imported pack): each lot of each shipment.
          `EXPORT_UNPROCESSED violation ${LOT.concLa1} 2026-04-10 2026-04-10`,
          `EXPORT_UNPROCESSED violation ${LOT.concLa2} 2026-04-15 2026-04-15`,
          `EXPORT_UNPROCESSED violation ${LOT.concLa3} 2026-04-15 2026-04-15`,
          // The geo: readPoint of CONC-VN-2 lies outside the licence area.
          "LICENCE_AREA violation VN-LIC-1 2026-04-05 2026-04-05",
          // CONC-VN-1 was mined in the suspension; CONC-VN-2 after it ended.
          "LICENCE_VALIDITY violation VN-LIC-1 2026-03-10 2026-03-10",
          // The leach at 75%, per content: information, on the input lot that lost the most (the first of equals).
          ...["Gd", "Nd", "Pr", "Sm", "TREO"].map(
            () => `MASS_BALANCE info ${LOT.concVn1} 2026-04-20 2026-04-20`,
          ),
          "SPEC_MISMATCH warning OFT-HB-2026 2026-07-03 2026-07-03",
        ].sort(),
      );
      // No finding of the separation, the alloy, the permit-covered lot or line 1 of the declaration.
      expect(
        shown.every(
          (f) =>
            /^\d{4}-\d{2}-\d{2}$/.test(f.period?.from ?? "") &&
            /^\d{4}-\d{2}-\d{2}$/.test(f.period?.to ?? ""),
        ),
      ).toBe(true);
      const misdeclared = shown.find((f) => f.code === "EXPORT_MISDECLARED");
      expect(misdeclared?.id).toBe("EXPORT_MISDECLARED:VN-CUS-0625/2");
      expect(misdeclared?.message).toContain(`line 2 (lot ${LOT.ndpr2})`);
      expect(misdeclared?.message).toContain(
        "declared TREO 99.5%, assayed 99.00% (99.0% as declared to 1 decimal)",
      );
      const leach = shown.find((f) => f.id.endsWith(":TREO:recovery"));
      expect(leach?.subject).toEqual({
        kind: "lot",
        id: LOT.concVn1,
        canonical: canonicalIdentifier(LOT.concVn1),
        site: SITE.refinery,
      });
      expect(leach?.evidence.documents).toEqual([canonicalIdentifier(RUN)]);
      expect(leach?.message).toBe(
        `TREO recovery 75.0% at ${SITE.refinery} (run ${RUN}) is below the typical 85–99% (leach 85–99%, Lynas >90% [S33][S34]) for cracking_leaching`,
      );
      // Inside the ledger, subjects stay canonical: they are join keys.
      expect(findings.find((f) => f.id === leach?.id)?.subject.id).toBe(canonicalIdentifier(LOT.concVn1));
    });

    it("traces the alloy's Nd and Pr to the two mines by content, the ferro-boron taking no share", async () => {
      const trace = await traceLot(ledger.ledger, LOT.alloy, { elements: ["Nd", "Pr"] });
      for (const element of ["Nd", "Pr"] as const) {
        const shares = Object.fromEntries((trace.originShares[element] ?? []).map((x) => [x.site, x.share]));
        expect(Object.keys(shares).sort()).toEqual(
          [SITE.mineVn, SITE.mineLa].map(canonicalIdentifier).sort(),
        );
        expect(shares[canonicalIdentifier(SITE.mineVn)]).toBeCloseTo(2 / 3, 12);
        expect(shares[canonicalIdentifier(SITE.mineLa)]).toBeCloseTo(1 / 3, 12);
      }
    });

    it("counts the contract by shipment date, on specification only, against its per-period schedule", async () => {
      const report = await contractReport(ledger.ledger, "OFT-HB-2026", "2027-01-05");
      const year = report.products[0]?.years[0];
      expect(year?.periods.map((p) => [p.period, p.committedT, p.deliveredT, p.offSpecificationT])).toEqual([
        ["2026-Q1", 0, 0, 0],
        ["2026-Q2", 80, 60, 25],
        ["2026-Q3", 0, 0, 0],
        ["2026-Q4", 20, 0, 0],
      ]);
      expect(report.deliveries.map((d) => [d.shippedOn, d.date, d.period, d.onSpec])).toEqual([
        ["2026-06-25", "2026-07-03", "2026-Q2", true],
        ["2026-06-25", "2026-07-03", "2026-Q2", false],
      ]);
      expect(report.chainOfCustody).toBe("mass_balance");
    });

    it("stores what the records left out with the documented defaults, and what the events said of the lots", async () => {
      const data = await loadMasterData(ledger.ledger.db);
      expect(data.licences.find((l) => l.id === "VN-LIC-1")?.kind).toBe("exploitation");
      const contract = data.contracts[0];
      expect([
        contract?.volumeTolerance,
        contract?.schedule.graceDays,
        contract?.sources,
        contract?.documentsRequired,
      ]).toEqual([0, 0, [], []]);
      expect(data.rulePacks.map((p) => p.id)).toEqual(["LA-2026"]);
      const lots = await getLots(ledger.ledger.db, [LOT.seg, LOT.concVn2].map(canonicalIdentifier));
      expect(lots.get(canonicalIdentifier(LOT.seg))).toMatchObject({
        materialClass: "mixed_oxide",
        productName: "SEG oxide (Sm, Gd)",
      });
      expect(lots.get(canonicalIdentifier(LOT.concVn2))?.point).toEqual({ lat: 22.6, lon: 103.35 });
    });
  });
}
