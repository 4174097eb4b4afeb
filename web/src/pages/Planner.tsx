// Planner (buyer and regulator): can the licensed mines and plants meet a contract's demand in a year, at what
// cost, and what binds; the plan's flows as a Sankey from mines through plants to products.
import { useState } from "react";
import { api, type Loaded, useApi } from "../api.ts";
import { Chart, Figure, Show } from "../components.tsx";
import { formatNumber, type MessageKey, t } from "../i18n.ts";

interface ContractListing {
  id: string;
  term: { from: string; to: string };
  products: { id: string; name: string; annualT: Record<string, number> }[];
}
interface PlanConstraint {
  kind: string;
  subject: string;
  year?: string;
  limit: number;
  unit: string;
  valuePerUnit: number;
  neededToClose?: number;
}
export interface PlanResult {
  feasible: boolean;
  years: string[];
  demands: {
    product: string;
    name: string;
    year: string;
    demandT: number;
    deliveredT: number;
    shortT: number;
  }[];
  mining: { licence: string; name: string; year: string; oreT: number; capacityT: number }[];
  costUsd: number;
  binding: PlanConstraint[];
  barred: { chain: string; reason: string }[];
  notes: string[];
  flows: { year: string; from: string; to: string; t: number; unit: string }[];
  excluded: { party: string; name: string; reason: string }[];
  withoutExclusions?: { extraShortT: number; extraCostUsd: number };
}

const tonnes = (x: number) => `${formatNumber(x, 1)} t`;

/** A binding constraint in words, from its fields (the catalogue has one sentence per kind). */
function constraintText(c: PlanConstraint, feasible: boolean): string {
  const what = t(`planner.kind.${c.kind}` as MessageKey, {
    subject: c.subject,
    limit: formatNumber(c.limit, 0),
    unit: c.unit,
    year: c.year ?? "",
  });
  if (c.kind === "demand") return t("planner.demandCost", { what, usd: formatNumber(c.valuePerUnit, 0) });
  if (feasible) return t("planner.saves", { what, usd: formatNumber(c.valuePerUnit, 2), unit: c.unit });
  return c.neededToClose === undefined
    ? t("planner.limits", { what })
    : t("planner.needs", { what, more: formatNumber(c.neededToClose, 0), unit: c.unit });
}

export function Planner() {
  const contracts = useApi<ContractListing[]>("/contracts");
  return (
    <Show loaded={contracts} empty={(c) => c.length === 0}>
      {(list) => <PlannerForm contracts={list} />}
    </Show>
  );
}

function PlannerForm({ contracts }: { contracts: ContractListing[] }) {
  const [contractId, setContractId] = useState(contracts[0]?.id ?? "");
  const contract = contracts.find((c) => c.id === contractId) ?? contracts[0];
  const years = Object.keys(contract?.products[0]?.annualT ?? {}).sort();
  const [year, setYear] = useState(years.find((y) => y >= "2027") ?? years[0] ?? "2027");
  const [demand, setDemand] = useState<Record<string, string>>({});
  const [excludeLegal, setExcludeLegal] = useState(false);
  const [result, setResult] = useState<Loaded<PlanResult> | null>(null);
  const run = () => {
    setResult({ state: "loading" });
    const demands = (contract?.products ?? []).flatMap((p) =>
      demand[p.id] !== undefined && demand[p.id] !== ""
        ? [{ product: p.id, year: Number(year), t: Number(demand[p.id]) }]
        : [],
    );
    api<PlanResult>("/plans", {
      method: "POST",
      body: JSON.stringify({
        contract: contractId,
        years: [Number(year)],
        demands,
        excludeOpenLegalEvents: excludeLegal,
      }),
    })
      .then((data) => setResult({ state: "ready", data }))
      .catch((error: Error) => setResult({ state: "error", message: error.message }));
  };
  return (
    <>
      <form
        className="planner-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label>
          {t("planner.contract")}{" "}
          <select
            value={contractId}
            onChange={(e) => setContractId(e.target.value)}
            data-testid="plan-contract"
          >
            {contracts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("planner.year")}{" "}
          <select value={year} onChange={(e) => setYear(e.target.value)} data-testid="plan-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {(contract?.products ?? []).map((p) => (
          <label key={p.id}>
            {t("planner.demand", { product: p.name })}{" "}
            <input
              type="number"
              min={0}
              step="any"
              placeholder={String(p.annualT[year] ?? "")}
              value={demand[p.id] ?? ""}
              onChange={(e) => setDemand({ ...demand, [p.id]: e.target.value })}
              data-testid={`plan-demand-${p.id}`}
            />
          </label>
        ))}
        <label>
          <input
            type="checkbox"
            checked={excludeLegal}
            onChange={(e) => setExcludeLegal(e.target.checked)}
            data-testid="plan-exclude-legal"
          />{" "}
          {t("planner.excludeLegal")}
        </label>{" "}
        <button type="submit" data-testid="plan-run">
          {t("planner.run")}
        </button>
      </form>
      {result === null ? (
        <p className="state">{t("planner.intro")}</p>
      ) : (
        <Show loaded={result}>{(plan) => <PlanView plan={plan} />}</Show>
      )}
    </>
  );
}

function PlanView({ plan }: { plan: PlanResult }) {
  const short = plan.demands.filter((d) => d.shortT > 0);
  const nodes = [...new Set(plan.flows.flatMap((f) => [f.from, f.to]))].map((name) => ({ name }));
  return (
    <>
      <p className={plan.feasible ? "verdict ok" : "verdict short"} data-testid="plan-verdict">
        {plan.feasible
          ? t("planner.feasible", { usd: formatNumber(plan.costUsd, 0) })
          : t("planner.infeasible", { short: short.map((d) => `${tonnes(d.shortT)} ${d.name}`).join(", ") })}
      </p>
      <div className="figures">
        {plan.demands.map((d) => (
          <Figure
            key={`${d.product}-${d.year}`}
            label={t("planner.delivered", { product: d.name, demand: tonnes(d.demandT) })}
            value={tonnes(d.deliveredT)}
            testId={`plan-delivered-${d.product}`}
          />
        ))}
        {plan.mining.map((m) => (
          <Figure
            key={`${m.licence}-${m.year}`}
            label={t("planner.mined", { mine: m.name, capacity: tonnes(m.capacityT) })}
            value={tonnes(m.oreT)}
            testId={`plan-mined-${m.licence}`}
          />
        ))}
      </div>
      {plan.flows.length > 0 && (
        <Chart
          testId="plan-sankey"
          height={380}
          option={{
            tooltip: { trigger: "item" },
            series: [
              {
                type: "sankey",
                data: nodes,
                links: plan.flows.map((f) => ({ source: f.from, target: f.to, value: f.t })),
                emphasis: { focus: "adjacency" },
                label: { fontSize: 11 },
              },
            ],
          }}
        />
      )}
      <h2>{plan.feasible ? t("planner.binding") : t("planner.limiting")}</h2>
      <ul data-testid="plan-binding">
        {plan.binding.length === 0 && <li>{t("planner.none")}</li>}
        {plan.binding.map((c) => (
          <li key={`${c.kind}-${c.subject}-${c.year ?? ""}`}>{constraintText(c, plan.feasible)}</li>
        ))}
      </ul>
      {plan.barred.length > 0 && (
        <>
          <h2>{t("planner.barred")}</h2>
          <ul data-testid="plan-barred">
            {plan.barred.map((b) => (
              <li key={b.chain}>
                {b.chain}: {b.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.withoutExclusions && (
        <p data-testid="plan-exclusion-cost">
          {t("planner.exclusionCost", {
            parties: plan.excluded.map((e) => e.name).join(", "),
            short: tonnes(plan.withoutExclusions.extraShortT),
          })}
        </p>
      )}
      {plan.notes.map((n) => (
        <p key={n} className="state">
          {n}
        </p>
      ))}
    </>
  );
}
