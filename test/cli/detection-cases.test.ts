// The detection cases of shared/domain.md §8.6 and §8.7, run as a regulator would: master data, EPCIS
// documents and declarations through `lodestone masterdata import`, `lodestone import` and `lodestone check`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  caseOneBDocument,
  caseOneDocument,
  caseTwoDocument,
  detectionMasterData,
  EXPORT_LOT,
  lotId,
} from "../../scripts/demo/detection-cases.ts";
import { metalPerOxide } from "../../src/domain/chemistry.ts";
import type { Finding } from "../../src/domain/finding.ts";
import { canonicalIdentifier } from "../../src/standards/epcis/identifiers.ts";
import { runLodestone } from "../helpers/cli.ts";

let dir: string;
let db: string;
let findings: Finding[];
let recorded: Finding[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lodestone-cases-"));
  db = join(dir, "ledger.db");
  const files = {
    "masterdata.json": detectionMasterData(),
    "case-1-mine-a-2026.jsonld": caseOneDocument(),
    "case-1b-mine-c.jsonld": caseOneBDocument(),
    "case-2-export.jsonld": caseTwoDocument(),
  };
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content));
  const md = await runLodestone(["masterdata", "import", "--db", db, join(dir, "masterdata.json")]);
  expect(md.stderr).toBe("");
  expect(md.code).toBe(0);
  const imported = await runLodestone([
    "import",
    "--db",
    db,
    ...Object.keys(files)
      .slice(1)
      .map((f) => join(dir, f)),
  ]);
  expect(imported.stderr).toBe("");
  expect(imported.code).toBe(0);
  // What the imports recorded, each evaluating only what its file touched, before the full evaluation runs.
  recorded = JSON.parse((await runLodestone(["findings", "list", "--db", db, "--json"])).stdout).findings;
  const check = await runLodestone(["check", "--db", db, "--json"]);
  expect(check.code).toBe(0);
  findings = JSON.parse(check.stdout).findings;
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const byId = (id: string) => findings.find((f) => f.id === id);

describe("§8.6 case 1: MINE-A 2026", () => {
  it("flags 214,000 t extracted against the 150,000 t/yr capacity (143%)", () => {
    const f = byId("LICENCE_CAPACITY:DEMO-001/GP-BTNMT:2026");
    expect(f).toMatchObject({
      measured: { value: 214_000, unit: "t ore" },
      allowed: { value: 150_000, unit: "t ore" },
      status: "open",
    });
    expect(f?.message).toContain("142.7%");
  });

  it("flags 66,000 t under-declared: 148,000 t declared, 214,000 t on the ledger", () => {
    const f = byId("DECLARATION_MISMATCH:DEMO-PROD-A-2026");
    expect(f).toMatchObject({
      measured: { value: 214_000, unit: "t ore" },
      allowed: { value: 148_000, unit: "t ore" },
    });
    expect(f?.message).toContain("66,000 t ore under-declared");
  });

  it("tracks cumulative extraction against the 3,000,000 t reserve without a finding", () => {
    expect(byId("LICENCE_RESERVE:DEMO-001/GP-BTNMT")).toBeUndefined();
  });

  it("taints every lot downstream of the overrun", () => {
    const taints = new Set(byId("LICENCE_CAPACITY:DEMO-001/GP-BTNMT:2026")?.taints);
    for (let m = 1; m <= 12; m++) {
      const month = String(m).padStart(2, "0");
      expect(taints.has(canonicalIdentifier(lotId("00011", `ORE-A-2026-${month}`)))).toBe(true);
      expect(taints.has(canonicalIdentifier(lotId("00022", `CONC-A-2026-${month}`)))).toBe(true);
    }
    expect(taints.has(canonicalIdentifier(EXPORT_LOT))).toBe(true);
  });
});

describe("§8.6 case 1b: MINE-C titanium", () => {
  it("flags 410,000 t of heavy minerals against the 360,000 t reserve", () => {
    expect(byId("LICENCE_RESERVE:DEMO-003/GP-BTNMT")).toMatchObject({
      measured: { value: 410_000, unit: "t heavy minerals" },
      allowed: { value: 360_000, unit: "t heavy minerals" },
    });
  });

  it("flags 2024's 61,500 t as 2.6 times the 24,000 t/yr capacity", () => {
    const f = byId("LICENCE_CAPACITY:DEMO-003/GP-BTNMT:2024");
    expect(f).toMatchObject({
      measured: { value: 61_500, unit: "t heavy minerals" },
      allowed: { value: 24_000, unit: "t heavy minerals" },
    });
    expect((f?.measured?.value ?? 0) / (f?.allowed?.value ?? 1)).toBeCloseTo(2.56, 2);
  });
});

describe("§8.7 case 2: export EXP-2026-0142", () => {
  it("flags the export of unprocessed rare-earth concentrate after the 2026 ban", () => {
    const f = byId("EXPORT_UNPROCESSED:DEMO-CUS-EXP-2026-0142");
    expect(f).toMatchObject({
      measured: { value: 0.38, unit: "TREO mass fraction" },
      allowed: { value: 0.9, unit: "TREO mass fraction" },
    });
    expect(f?.message).toContain("no processing step");
    expect(f?.message).toContain("Demo Trading Co. holds no mining or processing licence");
  });

  it("flags 38% TREO assayed against 90% declared", () => {
    expect(byId("EXPORT_MISDECLARED:DEMO-CUS-EXP-2026-0142")).toMatchObject({
      measured: { value: 0.38, unit: "TREO mass fraction" },
      allowed: { value: 0.9, unit: "TREO mass fraction" },
    });
  });

  it("flags 0.07% ThO2 (Th ≈ 0.0615%) exported without a radioactive-material permit", () => {
    const f = byId("EXPORT_RADIOACTIVE:DEMO-CUS-EXP-2026-0142");
    expect(f?.measured?.value).toBeCloseTo(0.0007 * metalPerOxide("ThO2"), 12);
    expect(f?.measured?.value).toBeCloseTo(0.000615, 6);
    expect(f?.allowed).toEqual({ value: 0.0005, unit: "Th mass fraction" });
  });
});

describe("the whole data set", () => {
  it("yields exactly the listed findings, and nothing else", () => {
    expect(findings.map((f) => f.id).sort()).toEqual(
      [
        "DECLARATION_MISMATCH:DEMO-PROD-A-2026",
        "EXPORT_MISDECLARED:DEMO-CUS-EXP-2026-0142",
        "EXPORT_RADIOACTIVE:DEMO-CUS-EXP-2026-0142",
        "EXPORT_UNPROCESSED:DEMO-CUS-EXP-2026-0142",
        "LICENCE_CAPACITY:DEMO-001/GP-BTNMT:2026",
        ...[2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024].map(
          (y) => `LICENCE_CAPACITY:DEMO-003/GP-BTNMT:${y}`,
        ),
        "LICENCE_RESERVE:DEMO-003/GP-BTNMT",
      ].sort(),
    );
  });

  it("recorded after each import the findings that check --full finds from scratch", async () => {
    const full = await runLodestone(["check", "--full", "--db", db, "--json"]);
    expect(full.code).toBe(0);
    const ids = (list: Finding[]) => list.map((f) => f.id).sort();
    expect(ids(JSON.parse(full.stdout).findings)).toEqual(ids(findings));
    expect(ids(recorded.filter((f) => f.status === "open"))).toEqual(ids(findings));
  });

  it("filters by rule and by date, and importing master data again changes nothing", async () => {
    const one = await runLodestone(["check", "--db", db, "--json", "--rule", "LICENCE_RESERVE"]);
    expect(JSON.parse(one.stdout).findings.map((f: Finding) => f.id)).toEqual([
      "LICENCE_RESERVE:DEMO-003/GP-BTNMT",
    ]);
    const since = await runLodestone(["check", "--db", db, "--json", "--since", "2026-01-01"]);
    expect(JSON.parse(since.stdout).findings.some((f: Finding) => f.id.endsWith(":2016"))).toBe(false);
    const again = await runLodestone([
      "masterdata",
      "import",
      "--db",
      db,
      "--json",
      join(dir, "masterdata.json"),
    ]);
    expect(JSON.parse(again.stdout)).toEqual({ created: 0, changed: 0, unchanged: 15 });
  });
});
