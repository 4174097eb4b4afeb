// The company's minerals reporting template in the shape of RMI's EMRT (declaration, smelter/refiner list,
// product list) with its mine list tab, for Rare Earth Elements (which RMI lists in the AMRT's picklist, not
// the EMRT's): every answer computed from the ledger, with the queries and findings behind it.
import { type Basis, type Figure, figure, REFINER_KINDS, type ReportInputs } from "./report-inputs.ts";

export interface EmrtReport {
  report: "emrt";
  template: string;
  company: ReportInputs["company"];
  year: number;
  period: ReportInputs["period"];
  asOf: string;
  declaration: { question: string; answer: string; figure?: Figure; basis: Basis }[];
  smelters: {
    metals: string[];
    smelterName: string;
    smelterId: string;
    kind: string;
    country: string | null;
    operator: string | null;
    operatorName: string | null;
    permits: string[];
    openFindings: string[];
    lots: Figure;
  }[];
  mines: {
    metals: string[];
    mineName: string;
    mineId: string;
    country: string | null;
    operator: string | null;
    licences: { id: string; status: string; validFrom: string; validTo: string }[];
    openFindings: string[];
  }[];
  products: { productName: string; materialClass: string | null; lots: Figure; massKg: Figure }[];
}

const lotQuery = (lot: string) => `/lots/${encodeURIComponent(lot)}/trace`;

export function emrtReport(inputs: ReportInputs): EmrtReport {
  const { receipts, names, chainSites, findings } = inputs;
  const received = inputs.supply.filter((s) => s.totalKg > 0);
  const elementsOf = (lots: string[]) => {
    const held = new Set(lots);
    return received
      .map((s) => s.element)
      .filter((e) => receipts.some((r) => held.has(r.lot) && (r.elementsKg[e] ?? 0) > 0));
  };
  const openOn = (site: string, licences: string[] = []) =>
    findings
      .filter((f) => f.status !== "resolved" && (f.subject.id === site || licences.includes(f.subject.id)))
      .map((f) => f.id);
  const refiners = chainSites.filter((s) => REFINER_KINDS.has(s.kind));
  const mines = chainSites.filter((s) => s.kind === "mine");
  const traced = receipts.filter((r) => r.tracedToMine);
  const allQueries = receipts.map((r) => lotQuery(r.lot));
  const everyReceiptRefined = receipts.every((r) => refiners.some((s) => s.lots.includes(r.lot)));
  const declaration: EmrtReport["declaration"] = [
    {
      question: "Which rare earth elements are contained in the products received in the reporting year?",
      answer: received.map((s) => s.element).join(", ") || "none",
      basis: { queries: received.map((s) => s.query), findings: [] },
    },
    {
      question: "What share of the received material is traced to the mine of origin?",
      answer: receipts.length === 0 ? "no receipts" : `${traced.length} of ${receipts.length} receipts`,
      figure: figure(receipts.length === 0 ? 0 : traced.length / receipts.length, "ratio", {
        queries: allQueries,
      }),
      basis: { queries: allQueries, findings: [] },
    },
    {
      question: "Have all smelters and refiners in the supply chain been identified?",
      answer: receipts.length === 0 ? "no receipts" : everyReceiptRefined ? "yes" : "no",
      basis: { queries: allQueries, findings: [] },
    },
    {
      question: "Are there open red flags on the smelters, refiners or mines in the supply chain?",
      answer: [...refiners, ...mines].some(
        (s) =>
          openOn(
            s.id,
            s.licences.map((l) => l.id),
          ).length > 0,
      )
        ? "yes"
        : "no",
      basis: {
        queries: ["/findings"],
        findings: [...refiners, ...mines].flatMap((s) =>
          openOn(
            s.id,
            s.licences.map((l) => l.id),
          ),
        ),
      },
    },
  ];
  const byProduct = new Map<string, { materialClass: string | null; lots: string[]; massKg: number }>();
  for (const r of receipts) {
    const name = r.productName ?? r.materialClass ?? "unnamed material";
    const p = byProduct.get(name) ?? { materialClass: r.materialClass, lots: [], massKg: 0 };
    p.lots.push(r.lot);
    p.massKg += r.massKg;
    byProduct.set(name, p);
  }
  return {
    report: "emrt",
    template:
      "RMI Extended Minerals Reporting Template shape (declaration, smelter list, mine list, product list), for Rare Earth Elements",
    company: inputs.company,
    year: inputs.year,
    period: inputs.period,
    asOf: inputs.asOf,
    declaration,
    smelters: refiners.map((s) => ({
      metals: elementsOf(s.lots),
      smelterName: s.name,
      smelterId: s.id,
      kind: s.kind,
      country: s.country,
      operator: s.operator,
      operatorName: s.operator ? (names[s.operator] ?? s.operator) : null,
      permits: s.permits.map((p) => p.id),
      openFindings: openOn(s.id),
      lots: figure(s.lots.length, "receipts", { queries: s.lots.map(lotQuery) }),
    })),
    mines: mines.map((s) => ({
      metals: elementsOf(s.lots),
      mineName: s.name,
      mineId: s.id,
      country: s.country,
      operator: s.operator,
      licences: s.licences,
      openFindings: openOn(
        s.id,
        s.licences.map((l) => l.id),
      ),
    })),
    products: [...byProduct.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([productName, p]) => ({
        productName,
        materialClass: p.materialClass,
        lots: figure(p.lots.length, "receipts", { queries: p.lots.map(lotQuery) }),
        massKg: figure(p.massKg, "kg", { queries: p.lots.map(lotQuery) }),
      })),
  };
}
