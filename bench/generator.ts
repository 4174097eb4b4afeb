// A deterministic, seeded generator of rare-earth chains at any scale, for the benchmarks: mines extract daily
// and ship to their concentrator; each month the concentrate of four mines is leached together (fan-in),
// separated, reduced to metal, alloyed and made into magnets shipped to a customer: seven tiers deep, with
// assays on every lot and a small share of mines extracting beyond their licence (injected violations).
import { LODE_CONTEXT } from "../scripts/demo/detection-cases.ts";
import { extract as extractAt, move, transform as transformAt } from "../scripts/demo/scenario.ts";
import type { MasterData } from "../src/domain/masterdata.ts";

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same chain. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Event = Record<string, unknown>;

const extract = (day: string, at: string, id: string, t: number, licence: string): Event =>
  extractAt(day, at, id, t, {
    "lode:materialClass": "ore",
    "lode:licence": licence,
    "lode:country": "VN",
    "lode:mineral": "rare_earths",
    "lode:assay": oxideAssay(0.03),
  });
type Output = { lot: string; t: number; cls: string; assay: Record<string, unknown> };
const transform = (
  day: string,
  at: string,
  inputs: [string, number][],
  output: Output,
  byproduct?: Output,
): Event => transformAt(day, at, inputs, [output, ...(byproduct ? [byproduct] : [])]);
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const t3 = (x: number) => Math.round(x * 1000) / 1000;
const org = (n: number) => `urn:epc:id:pgln:95${pad(n, 5)}.00001`;
const site = (n: number) => `urn:epc:id:sgln:95${pad(n, 5)}.00001.0`;
const lot = (n: number, name: string) => `urn:epc:class:lgtin:95${pad(n, 5)}.000001.${name}`;
const SPLIT = { La2O3: 0.3, CeO2: 0.47, Pr6O11: 0.045, Nd2O3: 0.13, Dy2O3: 0.003, Y2O3: 0.022 };
const oxideAssay = (treo: number) => ({
  "lode:basis": "oxide",
  "lode:massFractions": Object.fromEntries([
    ["lode:TREO", treo],
    ...Object.entries(SPLIT).map(([k, v]) => [`lode:${k}`, t3(treo * v * 1e6) / 1e6]),
  ]),
});
const elementAssay = (fractions: Record<string, number>) => ({
  "lode:basis": "element",
  "lode:massFractions": Object.fromEntries(Object.entries(fractions).map(([k, v]) => [`lode:${k}`, v])),
});

export interface GeneratedChain {
  masterData: Partial<MasterData>;
  /**
   * EPCIS documents of at most 100 events, in time order, generated afresh (and identically) on every call,
   * one calendar month at a time, so that a chain of a million events is never held in memory.
   */
  documents(): Generator<Record<string, unknown>>;
  /** The magnet lots (seven tiers below the mines) and the ore lots of the first mine. */
  magnetLots: string[];
  firstMineLots: string[];
  mines: number;
  months: number;
}

const YEAR = 2025;
const daysIn = (month: number) => new Date(Date.UTC(YEAR, month, 0)).getUTCDate();
const dayOf = (month: number, d: number) =>
  month === 13 ? `${YEAR + 1}-01-${pad(d)}` : `${YEAR}-${pad(month)}-${pad(d)}`;

/** About `targetEvents` events: mines in groups of four sharing a plant chain, over as many months as needed. */
export function generateChain(targetEvents: number, seed = 42): GeneratedChain {
  // One mine-month is ~30 days × 3 events plus its share of the monthly processing (~12 events).
  const perMineMonth = 102;
  const months = Math.min(12, Math.max(1, Math.round(targetEvents / (perMineMonth * 8))));
  const mines = Math.max(4, Math.round(targetEvents / (perMineMonth * months) / 4) * 4);
  const organisations: MasterData["organisations"] = [];
  const sites: MasterData["sites"] = [];
  const licences: MasterData["licences"] = [];
  const groups = mines / 4;
  // Sites: mine i → n = i; group g plants: conc 10000+g, hydromet 20000+g, separation 30000+g, metal 40000+g,
  // magnet 50000+g, customer 60000+g.
  const addSite = (n: number, kind: MasterData["sites"][number]["kind"], country = "VN") => {
    organisations.push({ id: org(n), name: `Bench ${kind} ${n}`, aliases: [], country, roles: [kind] });
    sites.push({ id: site(n), name: `Bench ${kind} ${n}`, kind, operator: org(n), country });
  };
  for (let m = 1; m <= mines; m++) {
    addSite(m, "mine");
    // One mine in twenty (the 1st, 21st, ...) extracts beyond its licensed capacity: injected violations.
    const overrun = m % 20 === 1;
    licences.push({
      id: `BENCH-${pad(m, 5)}`,
      kind: "exploitation",
      holder: org(m),
      site: site(m),
      authority: "MAE",
      minerals: ["rare_earths"],
      annualCapacity: { quantity: overrun ? 60_000 : 200_000, unit: "t_ore" },
      reserve: { quantity: 5_000_000, unit: "t_ore", grade: 0.03 },
      validFrom: "2020-01-01",
      validTo: "2040-12-31",
      statusHistory: [],
      conditions: [],
    });
  }
  for (let g = 0; g < groups; g++) {
    for (const [base, kind] of [
      [10000, "beneficiation"],
      [20000, "hydrometallurgy"],
      [30000, "separation"],
      [40000, "metal"],
      [50000, "magnet"],
    ] as const) {
      addSite(base + g, kind);
    }
    addSite(60000 + g, "magnet", "KR");
  }
  const magnetLots: string[] = [];
  const firstMineLots: string[] = [];
  for (let month = 1; month <= months; month++) {
    for (let g = 0; g < groups; g++) magnetLots.push(lot(50000 + g, `MAG-${YEAR}-${pad(month)}`));
    for (let d = 1; d <= daysIn(month); d++) firstMineLots.push(lot(1, `ORE-${dayOf(month, d)}`));
  }

  /** The month's processing of the ore extracted the month before, dated in the month after it. */
  function processing(month: number, ore: Map<number, [string, number][]>): Event[] {
    const events: Event[] = [];
    const next = (d: number) => dayOf(month + 1, d);
    for (let g = 0; g < groups; g++) {
      const conc: [string, number][] = [];
      for (let k = 1; k <= 4; k++) {
        const m = g * 4 + k;
        const inputs = ore.get(m) ?? [];
        const oreT = inputs.reduce((s, [, t]) => s + t, 0);
        const c = lot(m, `CONC-${YEAR}-${pad(month)}`);
        const cT = (oreT * 0.03 * 0.7) / 0.4;
        events.push(
          transform(next(1), site(10000 + g), inputs, {
            lot: c,
            t: cT,
            cls: "concentrate",
            assay: oxideAssay(0.4),
          }),
        );
        conc.push([c, t3(cT)]);
      }
      events.push(...move(conc, site(10000 + g), site(20000 + g), next(2)));
      const concT = conc.reduce((s, [, t]) => s + t, 0);
      const mreo = lot(20000 + g, `MREO-${YEAR}-${pad(month)}`);
      const mreoT = (concT * 0.4 * 0.92) / 0.92;
      events.push(
        transform(next(4), site(20000 + g), conc, {
          lot: mreo,
          t: mreoT,
          cls: "total_oxide",
          assay: oxideAssay(0.92),
        }),
      );
      events.push(...move([[mreo, t3(mreoT)]], site(20000 + g), site(30000 + g), next(5)));
      const ndpr = lot(30000 + g, `NDPR-${YEAR}-${pad(month)}`);
      const ndprT = mreoT * 0.92 * 0.175 * 0.9405;
      events.push(
        transform(
          next(8),
          site(30000 + g),
          [[mreo, t3(mreoT)]],
          {
            lot: ndpr,
            t: ndprT,
            cls: "ndpr_oxide",
            assay: {
              "lode:basis": "oxide",
              "lode:massFractions": { "lode:Nd2O3": 0.7429, "lode:Pr6O11": 0.2571 },
            },
          },
          {
            // The other separated oxides, so the step's TREO recovery is the plant's (95% × 99%).
            lot: lot(30000 + g, `LACE-${YEAR}-${pad(month)}`),
            t: mreoT * 0.92 * 0.825 * 0.9405,
            cls: "separated_oxide",
            assay: {
              "lode:basis": "oxide",
              "lode:massFractions": {
                "lode:La2O3": 0.3636,
                "lode:CeO2": 0.5697,
                "lode:Dy2O3": 0.0036,
                "lode:Y2O3": 0.0267,
                "lode:TREO": 1,
              },
            },
          },
        ),
      );
      events.push(...move([[ndpr, t3(ndprT)]], site(30000 + g), site(40000 + g), next(9)));
      const metal = lot(40000 + g, `NDPRM-${YEAR}-${pad(month)}`);
      const metalT = ndprT * 0.85 * 0.97;
      events.push(
        transform(next(11), site(40000 + g), [[ndpr, t3(ndprT)]], {
          lot: metal,
          t: metalT,
          cls: "metal",
          assay: elementAssay({ Nd: 0.75, Pr: 0.25 }),
        }),
      );
      events.push(...move([[metal, t3(metalT)]], site(40000 + g), site(50000 + g), next(12)));
      const alloy = lot(50000 + g, `ALLOY-${YEAR}-${pad(month)}`);
      const alloyT = metalT / 0.3;
      events.push(
        transform(next(14), site(50000 + g), [[metal, t3(metalT)]], {
          lot: alloy,
          t: alloyT * 0.99,
          cls: "alloy",
          assay: elementAssay({ Nd: 0.225, Pr: 0.075 }),
        }),
      );
      const magnet = lot(50000 + g, `MAG-${YEAR}-${pad(month)}`);
      events.push(
        transform(next(16), site(50000 + g), [[alloy, t3(alloyT * 0.99)]], {
          lot: magnet,
          t: alloyT * 0.99 * 0.83,
          cls: "magnet",
          assay: elementAssay({ Nd: 0.225, Pr: 0.075 }),
        }),
      );
      events.push(...move([[magnet, t3(alloyT * 0.99 * 0.83)]], site(50000 + g), site(60000 + g), next(18)));
    }
    return events;
  }

  function* documents(): Generator<Record<string, unknown>> {
    const random = seeded(seed);
    let previousOre = new Map<number, [string, number][]>();
    // Calendar month by calendar month: the processing of last month's ore, then this month's extraction.
    for (let month = 1; month <= months + 1; month++) {
      const events = month > 1 ? processing(month - 1, previousOre) : [];
      const ore = new Map<number, [string, number][]>();
      if (month <= months) {
        for (let d = 1; d <= daysIn(month); d++) {
          const day = dayOf(month, d);
          for (let m = 1; m <= mines; m++) {
            const id = lot(m, `ORE-${day}`);
            const t = 300 + Math.floor(random() * 120);
            const g = Math.floor((m - 1) / 4);
            events.push(
              extract(day, site(m), id, t, `BENCH-${pad(m, 5)}`),
              ...move([[id, t]], site(m), site(10000 + g), day),
            );
            ore.set(m, [...(ore.get(m) ?? []), [id, t]]);
          }
        }
      }
      previousOre = ore;
      // Events go to the ledger in time order, 100 to a document, as a capture client would send them.
      const times = new Map(events.map((e) => [e, Date.parse(e.eventTime as string)]));
      events.sort((a, b) => (times.get(a) as number) - (times.get(b) as number));
      for (let i = 0; i < events.length; i += 100) {
        yield {
          "@context": LODE_CONTEXT,
          type: "EPCISDocument",
          schemaVersion: "2.0",
          creationDate: "2026-01-31T00:00:00Z",
          epcisBody: { eventList: events.slice(i, i + 100) },
        };
      }
    }
  }

  return {
    masterData: { organisations, sites, licences },
    documents,
    magnetLots,
    firstMineLots,
    mines,
    months,
  };
}
