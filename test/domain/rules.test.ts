// Each compliance rule: it fires with exact numbers, it does not fire exactly at its limit, and it stays quiet
// where it must (shared/design.md §5).
import { describe, expect, it } from "vitest";
import type { Assay } from "../../src/domain/assay.ts";
import { metalPerOxide } from "../../src/domain/chemistry.ts";
import {
  customsLines,
  type Declaration,
  emptyMasterData,
  type Licence,
  licenceStatusAt,
  type MasterData,
  validateMasterData,
} from "../../src/domain/masterdata.ts";
import { VIETNAM } from "../../src/domain/rule-packs.ts";
import type { ExportRecord, Extraction, RuleContext } from "../../src/domain/rules/context.ts";
import { declarationMismatch } from "../../src/domain/rules/declaration-mismatch.ts";
import { declaredGradeHolds, exportMisdeclared } from "../../src/domain/rules/export-misdeclared.ts";
import { exportRadioactive } from "../../src/domain/rules/export-radioactive.ts";
import { exportUnprocessed } from "../../src/domain/rules/export-unprocessed.ts";
import { licenceArea } from "../../src/domain/rules/licence-area.ts";
import { licenceCapacity } from "../../src/domain/rules/licence-capacity.ts";
import { licenceReserve } from "../../src/domain/rules/licence-reserve.ts";
import { licenceScope } from "../../src/domain/rules/licence-scope.ts";
import { licenceValidity } from "../../src/domain/rules/licence-validity.ts";
import { unlicensedExtraction } from "../../src/domain/rules/unlicensed-extraction.ts";

const MINE = "https://id.gs1.org/414/8930000000019";

function makeLicence(overrides: Partial<Licence> = {}): Licence {
  return {
    id: "DEMO-001/GP-BTNMT",
    kind: "exploitation",
    holder: "urn:epc:id:pgln:8930000.00001",
    site: MINE,
    authority: "MONRE",
    minerals: ["rare_earths"],
    reserve: { quantity: 3_000_000, unit: "t_ore", grade: 0.03 },
    annualCapacity: { quantity: 150_000, unit: "t_ore" },
    validFrom: "2021-06-15",
    validTo: "2041-06-14",
    statusHistory: [],
    conditions: [],
    area: {
      type: "Polygon",
      coordinates: [
        [
          [103.34, 22.54],
          [103.36, 22.54],
          [103.36, 22.56],
          [103.34, 22.56],
          [103.34, 22.54],
        ],
      ],
    },
    ...overrides,
  };
}

let counter = 0;
function makeExtraction(massT: number, overrides: Partial<Extraction> = {}): Extraction {
  counter++;
  return {
    event: `ni:///sha-256;e${counter}`,
    time: "2026-03-01T01:00:00.000Z",
    site: MINE,
    lots: [`lot-${counter}`],
    massT,
    treoT: massT * 0.03,
    ...overrides,
  };
}

function makeContext(parts: {
  licences?: Licence[];
  extractions?: Extraction[];
  exports?: ExportRecord[];
  declarations?: Declaration[];
  masterData?: Partial<MasterData>;
  shipments?: RuleContext["shipments"];
}): RuleContext {
  return {
    masterData: {
      organisations: [],
      sites: [{ id: MINE, name: "Demo Nậm Xe LREE Mine", kind: "mine", country: "VN" }],
      licences: parts.licences ?? [makeLicence()],
      permits: [],
      legalEvents: [],
      contracts: [],
      sanctions: [],
      rulePacks: [],
      pressCandidates: [],
      declarations: parts.declarations ?? [],
      ...parts.masterData,
    },
    extractions: parts.extractions ?? [],
    exports: parts.exports ?? [],
    shipments: parts.shipments ?? [],
    packs: [VIETNAM],
  };
}

describe("LICENCE_CAPACITY", () => {
  it("fires for 214,000 t in a year against 150,000 t/yr, with the numbers", () => {
    const [f] = licenceCapacity(
      makeContext({ extractions: [makeExtraction(120_000), makeExtraction(94_000)] }),
    );
    expect(f).toMatchObject({
      id: "LICENCE_CAPACITY:DEMO-001/GP-BTNMT:2026",
      measured: { value: 214_000, unit: "t ore" },
      allowed: { value: 150_000, unit: "t ore" },
      period: { from: "2026-01-01", to: "2026-12-31" },
    });
    expect(f?.message).toContain("142.7%");
  });
  it("does not fire exactly at capacity", () => {
    expect(
      licenceCapacity(makeContext({ extractions: [makeExtraction(100_000), makeExtraction(50_000)] })),
    ).toEqual([]);
  });
  it("counts each calendar year on its own", () => {
    const extractions = [
      makeExtraction(100_000, { time: "2025-12-31T23:00:00.000Z" }),
      makeExtraction(100_000, { time: "2026-01-01T01:00:00.000Z" }),
    ];
    expect(licenceCapacity(makeContext({ extractions }))).toEqual([]);
  });
});

describe("LICENCE_RESERVE", () => {
  it("fires when cumulative extraction passes the reserve", () => {
    const licence = makeLicence({
      reserve: { quantity: 360_000, unit: "t_heavy_minerals" },
      annualCapacity: { quantity: 24_000, unit: "t_heavy_minerals" },
    });
    const [f] = licenceReserve(
      makeContext({ licences: [licence], extractions: [makeExtraction(300_000), makeExtraction(110_000)] }),
    );
    expect(f).toMatchObject({
      measured: { value: 410_000, unit: "t heavy minerals" },
      allowed: { value: 360_000, unit: "t heavy minerals" },
    });
    expect(f?.message).toContain("50,000 t heavy minerals beyond");
  });
  it("does not fire exactly at the reserve, nor below it", () => {
    expect(licenceReserve(makeContext({ extractions: [makeExtraction(3_000_000)] }))).toEqual([]);
    expect(licenceReserve(makeContext({ extractions: [makeExtraction(10)] }))).toEqual([]);
  });
  it("measures a TREO reserve in contained TREO", () => {
    const licence = makeLicence({ reserve: { quantity: 90_000, unit: "t_TREO" } });
    const [f] = licenceReserve(
      makeContext({ licences: [licence], extractions: [makeExtraction(3_100_000)] }),
    );
    expect(f?.measured).toEqual({ value: 93_000, unit: "t TREO" });
  });
});

describe("LICENCE_VALIDITY", () => {
  it("fires for extraction after expiry, before issue and while suspended, each with its tonnes", () => {
    const licence = makeLicence({ statusHistory: [{ status: "suspended", from: "2026-05-01T00:00:00Z" }] });
    const findings = licenceValidity(
      makeContext({
        licences: [licence],
        extractions: [
          makeExtraction(500, { time: "2041-06-15T01:00:00.000Z" }),
          makeExtraction(700, { time: "2021-06-14T01:00:00.000Z" }),
          makeExtraction(900, { time: "2026-05-02T01:00:00.000Z" }),
        ],
      }),
    );
    expect(findings.map((f) => [f.id.split(":").pop(), f.measured?.value])).toEqual([
      ["after_expiry", 500],
      ["before_issue", 700],
      ["suspended", 900],
    ]);
  });
  it("does not fire on the first and last day of validity", () => {
    const extractions = [
      makeExtraction(1, { time: "2021-06-15T00:00:00.000Z" }),
      makeExtraction(1, { time: "2041-06-14T23:59:59.999Z" }),
    ];
    expect(licenceValidity(makeContext({ extractions }))).toEqual([]);
  });
  it("ends a status with an end date after its last day, and names the issue date", () => {
    const licence = makeLicence({
      issuedOn: "2021-05-20",
      statusHistory: [{ status: "suspended", from: "2026-04-01", to: "2026-04-30" }],
    });
    const findings = licenceValidity(
      makeContext({
        licences: [licence],
        extractions: [
          makeExtraction(300, { time: "2026-03-31T23:59:59.000Z" }),
          makeExtraction(200, { time: "2026-04-01T00:00:00.000Z" }),
          makeExtraction(100, { time: "2026-04-30T23:00:00.000Z" }),
          makeExtraction(400, { time: "2026-05-01T00:00:00.000Z" }),
        ],
      }),
    );
    expect(findings.map((f) => [f.id, f.measured?.value, f.period])).toEqual([
      ["LICENCE_VALIDITY:DEMO-001/GP-BTNMT:suspended", 300, { from: "2026-04-01", to: "2026-04-30" }],
    ]);
    expect(findings[0]?.message).toBe(
      "300 t extracted while the licence was suspended (DEMO-001/GP-BTNMT, issued 2021-05-20, valid 2021-06-15 to 2041-06-14)",
    );
  });
  it("applies the earlier status again after a dated one ends, and the latest open one before it", () => {
    const history: Licence["statusHistory"] = [
      { status: "suspended", from: "2026-01-01" },
      { status: "active", from: "2026-02-01", to: "2026-02-28" },
    ];
    expect(
      ["2025-12-31", "2026-01-15", "2026-02-10", "2026-03-01"].map((day) =>
        licenceStatusAt(makeLicence({ statusHistory: history }), `${day}T12:00:00Z`),
      ),
    ).toEqual(["active", "suspended", "active", "suspended"]);
  });
});

describe("licence master data", () => {
  it("refuses an issue date after the validity ends and a status that ends before it starts", () => {
    const data: MasterData = {
      ...emptyMasterData(),
      licences: [
        makeLicence({
          issuedOn: "2042-01-01",
          statusHistory: [{ status: "suspended", from: "2026-04-01", to: "2026-03-01" }],
        }),
      ],
    };
    expect(validateMasterData(data)).toEqual([
      {
        path: "licences[0].issuedOn",
        message: "licence DEMO-001/GP-BTNMT is issued (2042-01-01) after its validity ends (2041-06-14)",
      },
      {
        path: "licences[0].statusHistory[0].to",
        message:
          "licence DEMO-001/GP-BTNMT: the suspended status ends (2026-03-01) before it starts (2026-04-01)",
      },
    ]);
  });
});

describe("LICENCE_AREA", () => {
  it("fires for an extraction point outside the polygon", () => {
    const [f] = licenceArea(
      makeContext({
        extractions: [
          makeExtraction(1500, { point: { lat: 22.58, lon: 103.35 } }),
          makeExtraction(10, { point: { lat: 22.55, lon: 103.35 } }),
        ],
      }),
    );
    expect(f).toMatchObject({
      code: "LICENCE_AREA",
      measured: { value: 1500, unit: "t" },
      allowed: { value: 0, unit: "t" },
    });
  });
  it("does not fire on the boundary, nor inside", () => {
    expect(
      licenceArea(
        makeContext({
          extractions: [
            makeExtraction(10, { point: { lat: 22.54, lon: 103.35 } }),
            makeExtraction(10, { point: { lat: 22.55, lon: 103.35 } }),
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe("LICENCE_SCOPE", () => {
  it("fires for a mineral the licence does not cover, and for extraction under an exploration licence", () => {
    const [mineral] = licenceScope(
      makeContext({
        extractions: [makeExtraction(200, { mineral: "iron", time: "2026-02-01T09:00:00+07:00" })],
      }),
    );
    expect(mineral).toMatchObject({
      id: "LICENCE_SCOPE:DEMO-001/GP-BTNMT:iron",
      period: { from: "2026-02-01", to: "2026-02-01" },
      measured: { value: 200, unit: "t" },
    });
    const [exploration] = licenceScope(
      makeContext({ licences: [makeLicence({ kind: "exploration" })], extractions: [makeExtraction(5)] }),
    );
    expect(exploration?.message).toContain("exploration-only");
  });
  it("does not fire for a covered mineral", () => {
    expect(
      licenceScope(makeContext({ extractions: [makeExtraction(200, { mineral: "rare_earths" })] })),
    ).toEqual([]);
  });
});

describe("UNLICENSED_EXTRACTION", () => {
  it("fires for extraction at a site without any licence", () => {
    const [f] = unlicensedExtraction(
      makeContext({
        licences: [],
        extractions: [
          makeExtraction(11_000, { time: "2026-03-02T08:00:00+07:00" }),
          makeExtraction(500, { time: "2026-01-20T08:00:00+07:00" }),
        ],
      }),
    );
    expect(f).toMatchObject({
      subject: { kind: "site", id: MINE },
      // The first and last local day of the extractions.
      period: { from: "2026-01-20", to: "2026-03-02" },
      measured: { value: 11_500, unit: "t" },
      allowed: { value: 0, unit: "t" },
    });
  });
  it("does not fire where the site is licensed", () => {
    expect(unlicensedExtraction(makeContext({ extractions: [makeExtraction(11_000)] }))).toEqual([]);
  });
});

const concentrateAssay: Assay = { basis: "oxide", massFractions: { TREO: 0.38, ThO2: 0.0007 } };
/** An export record as the rule inputs build one: a declared export carries its declaration's line. */
function makeExport(overrides: Partial<ExportRecord> = {}): ExportRecord {
  const line = overrides.declaration ? customsLines(overrides.declaration)[0] : undefined;
  return {
    ...(line ? { line } : {}),
    id: "EXP-2026-0142",
    lot: "https://id.gs1.org/01/08930000000224/10/EXP-2026-0142",
    date: "2026-02-12",
    exporter: "urn:epc:id:pgln:8930000.00077",
    originCountry: "VN",
    destinationCountry: "CN",
    quantityT: 240,
    materialClass: "concentrate",
    assay: concentrateAssay,
    processedUpstream: false,
    events: ["ni:///sha-256;x"],
    ...overrides,
  };
}

describe("EXPORT_UNPROCESSED", () => {
  it("fires for concentrate exported after 1 January 2026, naming the missing processing step", () => {
    const [f] = exportUnprocessed(makeContext({ exports: [makeExport()] }));
    expect(f).toMatchObject({
      measured: { value: 0.38, unit: "TREO mass fraction" },
      allowed: { value: 0.9, unit: "TREO mass fraction" },
    });
    expect(f?.message).toContain("no processing step");
    expect(f?.message).toContain("holds no mining or processing licence");
  });
  it("does not fire for a shipment made before the ban took effect", () => {
    expect(exportUnprocessed(makeContext({ exports: [makeExport({ date: "2025-12-31" })] }))).toEqual([]);
  });
  it("does not fire at exactly 90% TREO for a processed product", () => {
    const x = makeExport({
      materialClass: "mixed_carbonate",
      assay: { basis: "oxide", massFractions: { TREO: 0.9 } },
      processedUpstream: true,
    });
    expect(exportUnprocessed(makeContext({ exports: [x] }))).toEqual([]);
  });
});

describe("EXPORT_RADIOACTIVE", () => {
  it("fires for 0.07% ThO2 (0.0615% Th) without a permit", () => {
    const [f] = exportRadioactive(makeContext({ exports: [makeExport()] }));
    expect(f?.measured?.value).toBeCloseTo(0.0007 * metalPerOxide("ThO2"), 12);
    expect(f?.measured?.unit).toBe("Th mass fraction");
    expect(f?.allowed).toEqual({ value: 0.0005, unit: "Th mass fraction" });
  });
  it("fires at exactly 0.05 wt% Th (the law says at or above), and not just below", () => {
    const at = makeExport({ assay: { basis: "element", massFractions: { Th: 0.0005 } } });
    const below = makeExport({ assay: { basis: "element", massFractions: { Th: 0.000499 } } });
    expect(exportRadioactive(makeContext({ exports: [at] }))).toHaveLength(1);
    expect(exportRadioactive(makeContext({ exports: [below] }))).toEqual([]);
  });
  it("a permit granted for named lots covers those lots only", () => {
    const permit = {
      id: "MOST-2",
      kind: "radioactive_export" as const,
      holder: "urn:epc:id:pgln:8930000.00077",
      validFrom: "2026-01-01",
      validTo: "2026-12-31",
      lots: ["https://id.gs1.org/01/08930000000224/10/OTHER-LOT"],
    };
    const [f] = exportRadioactive(
      makeContext({ exports: [makeExport()], masterData: { permits: [permit] } }),
    );
    expect(f?.message).toMatch(/no radioactive-material export permit that covers this lot/);
    const covering = { ...permit, lots: [...permit.lots, makeExport().lot] };
    expect(
      exportRadioactive(makeContext({ exports: [makeExport()], masterData: { permits: [covering] } })),
    ).toEqual([]);
  });
  it("does not fire when the exporter holds a valid permit", () => {
    const permit = {
      id: "MOST-1",
      kind: "radioactive_export" as const,
      holder: "urn:epc:id:pgln:8930000.00077",
      validFrom: "2026-01-01",
      validTo: "2026-12-31",
    };
    expect(
      exportRadioactive(makeContext({ exports: [makeExport()], masterData: { permits: [permit] } })),
    ).toEqual([]);
  });
});

const customs = (min: number): Declaration => ({
  id: "VN-CUS-2026-0142",
  kind: "customs_export",
  declarant: "urn:epc:id:pgln:8930000.00077",
  period: { from: "2026-02-12", to: "2026-02-12" },
  quantityT: 240,
  customs: {
    lot: "https://id.gs1.org/01/08930000000224/10/EXP-2026-0142",
    hsCode: "2846.90",
    declaredProduct: "Mixed rare earth carbonate, TREO ≥ 90%",
    declaredMaterialClass: "mixed_carbonate",
    declaredGrade: { analyte: "TREO", min },
    originCountry: "VN",
    destinationCountry: "CN",
    date: "2026-02-12",
  },
});

describe("EXPORT_MISDECLARED", () => {
  it("fires when the assay (38% TREO) contradicts the declared grade (≥ 90%) and product", () => {
    const [f] = exportMisdeclared(makeContext({ exports: [makeExport({ declaration: customs(0.9) })] }));
    expect(f).toMatchObject({
      measured: { value: 0.38, unit: "TREO mass fraction" },
      allowed: { value: 0.9, unit: "TREO mass fraction" },
    });
    expect(f?.message).toContain("declared as mixed_carbonate");
  });
  it("does not fire when the assay meets the declared grade exactly", () => {
    const x = makeExport({ materialClass: "mixed_carbonate", declaration: customs(0.38) });
    expect(exportMisdeclared(makeContext({ exports: [x] }))).toEqual([]);
  });
  it("reads a declared value with the rounding it was declared to", () => {
    expect(declaredGradeHolds({ analyte: "TREO", percent: 99 }, 0.989999)).toBe(true);
    expect(declaredGradeHolds({ analyte: "TREO", percent: 99 }, 0.985)).toBe(true);
    expect(declaredGradeHolds({ analyte: "TREO", percent: 99 }, 0.98499)).toBe(false);
    expect(declaredGradeHolds({ analyte: "TREO", percent: 90 }, 0.6)).toBe(false);
    expect(declaredGradeHolds({ analyte: "TREO", percent: 99.5, decimals: 1 }, 0.99449)).toBe(false);
    expect(declaredGradeHolds({ analyte: "TREO", percent: 99.5, decimals: 1 }, 0.9945)).toBe(true);
    const declaration = customs(0.9);
    const asValue = (percent: number, fraction: number) =>
      exportMisdeclared(
        makeContext({
          exports: [
            makeExport({
              materialClass: "mixed_carbonate",
              assay: { basis: "oxide", massFractions: { TREO: fraction } },
              declaration: {
                ...declaration,
                customs: {
                  ...(declaration.customs as NonNullable<Declaration["customs"]>),
                  declaredGrade: { analyte: "TREO", percent },
                },
              },
            }),
          ],
        }),
      );
    expect(asValue(99, 0.989999)).toEqual([]);
    const [f] = asValue(90, 0.6);
    expect(f?.message).toContain("declared TREO 90%, assayed 60.00% (60% as declared to 0 decimals)");
    expect(f?.allowed).toEqual({ value: 0.9, unit: "TREO mass fraction" });
  });
});

describe("DECLARATION_MISMATCH", () => {
  const production = (quantityT: number): Declaration => ({
    id: "PROD-2026",
    kind: "production",
    declarant: "urn:epc:id:pgln:8930000.00001",
    licence: "DEMO-001/GP-BTNMT",
    period: { from: "2026-01-01", to: "2026-12-31" },
    quantityT,
  });
  it("fires for 148,000 t declared against 214,000 t extracted: 66,000 t under-declared", () => {
    const [f] = declarationMismatch(
      makeContext({ extractions: [makeExtraction(214_000)], declarations: [production(148_000)] }),
    );
    expect(f).toMatchObject({
      measured: { value: 214_000, unit: "t ore" },
      allowed: { value: 148_000, unit: "t ore" },
    });
    expect(f?.message).toContain("66,000 t ore under-declared");
  });
  it("does not fire at exactly the 2% tolerance, nor for an exact declaration", () => {
    expect(
      declarationMismatch(
        makeContext({ extractions: [makeExtraction(100_000)], declarations: [production(98_000)] }),
      ),
    ).toEqual([]);
    expect(
      declarationMismatch(
        makeContext({ extractions: [makeExtraction(100_000)], declarations: [production(100_000)] }),
      ),
    ).toEqual([]);
  });
  it("fires for royalties paid short of what is due", () => {
    const royalty: Declaration = {
      id: "ROY-2026",
      kind: "royalty",
      declarant: "x",
      licence: "DEMO-001/GP-BTNMT",
      period: { from: "2026-01-01", to: "2026-12-31" },
      royalty: { due: 1_000_000, paid: 700_000, currency: "VND" },
    };
    const [f] = declarationMismatch(makeContext({ declarations: [royalty] }));
    expect(f).toMatchObject({
      measured: { value: 700_000, unit: "VND" },
      allowed: { value: 1_000_000, unit: "VND" },
    });
  });
});
