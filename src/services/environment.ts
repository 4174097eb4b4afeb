// The regulator's environmental read model: thorium or uranium through every plant (into products, into
// residues, unaccounted) and the residue held at each site against the capacity of its storage permit.
import { sumContents } from "../domain/lot-flows.ts";
import { gigabecquerels, type Radionuclide } from "../domain/radioactivity.ts";
import { inForceOn } from "../domain/rules/residue-unplaced.ts";
import type { Ledger } from "../store/db.ts";
import { listLots, listMovements, listTransformations } from "../store/lot-store.ts";
import { loadMasterData } from "../store/masterdata-store.ts";

export interface PlantRadionuclides {
  site: string;
  name: string;
  inKg: number;
  productsKg: number;
  residuesKg: number;
  unaccountedKg: number;
  unaccountedGBq: number;
}

export interface ResidueStock {
  site: string;
  name: string;
  kind: string;
  stockT: number;
  /** Capacity of the storage permit in force; null where the site holds none (residue should not stay there). */
  capacityT: number | null;
  permit: string | null;
}

export interface EnvironmentView {
  element: Radionuclide;
  period: { from?: string; to?: string };
  plants: PlantRadionuclides[];
  stocks: ResidueStock[];
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const SIGN = { received: 1, produced: 1, shipped: -1, consumed: -1 } as const;

export async function environmentView(
  ledger: Ledger,
  element: Radionuclide,
  period: { from?: string; to?: string },
  asOf: string,
): Promise<EnvironmentView> {
  const masterData = await loadMasterData(ledger.db);
  const name = new Map(masterData.sites.map((s) => [s.id, s]));
  const inPeriod = (time: string) =>
    (!period.from || time.slice(0, 10) >= period.from) && (!period.to || time.slice(0, 10) <= period.to);
  const byPlant = new Map<string, PlantRadionuclides>();
  for (const t of await listTransformations(ledger.db)) {
    if (!t.site || !inPeriod(t.eventTime)) continue;
    const inKg = sumContents(t.inputs)[element] ?? 0;
    if (inKg <= 0) continue;
    const residuesKg = sumContents(t.outputs.filter((o) => o.materialClass === "residue"))[element] ?? 0;
    const productsKg = sumContents(t.outputs.filter((o) => o.materialClass !== "residue"))[element] ?? 0;
    const p = byPlant.get(t.site) ?? {
      site: t.site,
      name: name.get(t.site)?.name ?? t.site,
      inKg: 0,
      productsKg: 0,
      residuesKg: 0,
      unaccountedKg: 0,
      unaccountedGBq: 0,
    };
    p.inKg += inKg;
    p.productsKg += productsKg;
    p.residuesKg += residuesKg;
    p.unaccountedKg += Math.max(0, inKg - productsKg - residuesKg);
    byPlant.set(t.site, p);
  }
  const plants = [...byPlant.values()].map((p) => ({
    ...p,
    inKg: round(p.inKg),
    productsKg: round(p.productsKg),
    residuesKg: round(p.residuesKg),
    unaccountedKg: round(p.unaccountedKg),
    unaccountedGBq: round(gigabecquerels(element, p.unaccountedKg), 6),
  }));
  // Residue held at each site as of the date: what was made or received there less what left.
  const residues = new Set(
    (await listLots(ledger.db)).filter((l) => l.materialClass === "residue").map((l) => l.id),
  );
  const held = new Map<string, number>();
  for (const m of await listMovements(ledger.db)) {
    if (!residues.has(m.lot) || m.eventTime.slice(0, 10) > asOf) continue;
    held.set(m.site, (held.get(m.site) ?? 0) + (SIGN[m.kind] * m.massKg) / 1000);
  }
  const storageSites = masterData.permits
    .filter((p) => p.kind === "radioactive_storage" && p.site)
    .map((p) => p.site as string);
  const stocks = [...new Set([...held.keys(), ...storageSites])]
    .map((site) => {
      const permit = masterData.permits.find(
        (p) => p.kind === "radioactive_storage" && p.site === site && inForceOn(p, asOf),
      );
      return {
        site,
        name: name.get(site)?.name ?? site,
        kind: name.get(site)?.kind ?? "unknown",
        stockT: round(held.get(site) ?? 0, 1),
        capacityT: permit?.capacityT ?? null,
        permit: permit?.id ?? null,
      };
    })
    .filter((s) => s.stockT > 0.05 || s.capacityT !== null)
    .sort((a, b) => b.stockT - a.stockT);
  return { element, period, plants, stocks };
}
