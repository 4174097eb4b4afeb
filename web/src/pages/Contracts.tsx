// Contracts (the buyer's view): delivered against committed per quarter, shortfall, off-specification lots,
// whether the seller's licences can produce the tonnage, supply at risk, and concentration by country.
import { useState } from "react";
import { useApi } from "../api.ts";
import { Chart, Figure, Show } from "../components.tsx";
import { formatNumber, label, t } from "../i18n.ts";
import type { Summary } from "./Overview.tsx";

interface ContractListing {
  id: string;
  seller: string;
  buyer: string;
  term: { from: string; to: string };
}
interface Period {
  period: string;
  committedT: number;
  deliveredT: number;
  state: string;
  short: boolean;
}
interface Year {
  year: string;
  committedT: number;
  deliveredT: number;
  projectedT: number | null;
  shortfallT: number | null;
  periods: Period[];
}
interface Report {
  contract: string;
  asOf: string;
  products: { product: string; name: string; years: Year[] }[];
  capacity: {
    product: string;
    name: string;
    contractedT: number;
    producibleT: number | null;
    plausible: boolean | null;
  }[];
  supplyAtRisk: {
    atRisk: boolean;
    reasons: { kind: string; id: string; message: string }[];
    undelivered: { product: string; name: string; next12MonthsT: number }[];
  };
  findings: { id: string; code: string; severity: string; message: string }[];
}
interface Concentration {
  element: string;
  totalKg: number;
  byCountry: { key: string | null; share: number }[];
  hhiCountry: number;
}

const tonnes = (x: number | null) => (x === null ? "—" : `${formatNumber(x, 1)} t`);

export function Contracts() {
  const contracts = useApi<ContractListing[]>("/contracts");
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <Show loaded={contracts} empty={(c) => c.length === 0}>
      {(list) => {
        const id = chosen ?? list[0]?.id ?? "";
        return (
          <>
            <select value={id} onChange={(e) => setChosen(e.target.value)} data-testid="contract-select">
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id} ({c.term.from} → {c.term.to})
                </option>
              ))}
            </select>
            <ContractView id={id} />
            <ConcentrationView />
          </>
        );
      }}
    </Show>
  );
}

function ContractView({ id }: { id: string }) {
  const loaded = useApi<Report>(`/contracts/${encodeURIComponent(id)}`);
  return (
    <Show loaded={loaded}>
      {(r) => {
        const risk = r.supplyAtRisk;
        return (
          <>
            <div className="figures">
              <Figure
                label={t("contracts.atRisk")}
                value={risk.atRisk ? t("contracts.yes") : t("contracts.no")}
                testId="contract-at-risk"
              />
              {risk.undelivered.map((u) => (
                <Figure
                  key={u.product}
                  label={t("contracts.due12", { product: u.name })}
                  value={tonnes(u.next12MonthsT)}
                  testId={`due-${u.product}`}
                />
              ))}
            </div>
            {risk.reasons.length > 0 && (
              <ul className="finding-list" data-testid="risk-reasons">
                {risk.reasons.map((x) => (
                  <li key={x.id} className="severity-violation">
                    {x.message}
                  </li>
                ))}
              </ul>
            )}
            {r.products.map((p) => (
              <section key={p.product}>
                <h2>{p.name}</h2>
                <table className="compact" data-testid={`years-${p.product}`}>
                  <thead>
                    <tr>
                      <th>{t("contracts.year")}</th>
                      <th>{t("contracts.committed")}</th>
                      <th>{t("contracts.delivered")}</th>
                      <th>{t("contracts.projected")}</th>
                      <th>{t("contracts.shortfall")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.years.map((y) => (
                      <tr key={y.year}>
                        <td>{y.year}</td>
                        <td>{tonnes(y.committedT)}</td>
                        <td data-testid={`delivered-${p.product}-${y.year}`}>{tonnes(y.deliveredT)}</td>
                        <td>{tonnes(y.projectedT)}</td>
                        <td>{tonnes(y.shortfallT)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Chart
                  testId={`quarters-${p.product}`}
                  height={280}
                  option={{
                    tooltip: { trigger: "axis" },
                    legend: {},
                    xAxis: { type: "category", data: p.years.flatMap((y) => y.periods.map((q) => q.period)) },
                    yAxis: { type: "value", name: "t" },
                    series: [
                      {
                        name: t("contracts.delivered"),
                        type: "bar",
                        data: p.years.flatMap((y) =>
                          y.periods.map((q) => ({
                            value: Number(q.deliveredT.toFixed(3)),
                            itemStyle: { color: q.short ? "#c0392b" : "#2e86c1" },
                          })),
                        ),
                      },
                      {
                        name: t("contracts.committed"),
                        type: "line",
                        data: p.years.flatMap((y) => y.periods.map((q) => q.committedT)),
                        lineStyle: { type: "dashed" },
                      },
                    ],
                  }}
                />
                <p className="short-periods" data-testid={`short-${p.product}`}>
                  {t("contracts.shortPeriods")}{" "}
                  {p.years
                    .flatMap((y) => y.periods)
                    .filter((q) => q.short)
                    .map((q) => q.period)
                    .join(", ") || "—"}
                </p>
              </section>
            ))}
            <h2>{t("contracts.capacity")}</h2>
            <table className="compact" data-testid="capacity">
              <tbody>
                {r.capacity.map((c) => (
                  <tr key={c.product} className={c.plausible === false ? "over" : ""}>
                    <td>{c.name}</td>
                    <td>{t("contracts.contracted", { t: tonnes(c.contractedT) })}</td>
                    <td data-testid={`producible-${c.product}`}>
                      {t("contracts.producible", { t: tonnes(c.producibleT) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t("contracts.findings")}</h2>
            {r.findings.length === 0 ? (
              <p className="state">{t("state.empty")}</p>
            ) : (
              <ul className="finding-list" data-testid="contract-findings">
                {r.findings.map((f) => (
                  <li key={f.id} className={`severity-${f.severity}`}>
                    <strong>{label("rule", f.code)}</strong> {f.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        );
      }}
    </Show>
  );
}

function ConcentrationView() {
  const summary = useApi<Summary>("/summary");
  return <Show loaded={summary}>{(s) => <CountryShares buyer={s.organisation} />}</Show>;
}

function CountryShares({ buyer }: { buyer: string }) {
  const [element, setElement] = useState("Nd");
  const loaded = useApi<Concentration>(
    `/risk/concentration?buyer=${encodeURIComponent(buyer)}&element=${element}`,
  );
  return (
    <section>
      <h2>{t("contracts.concentration")}</h2>
      <select
        value={element}
        onChange={(e) => setElement(e.target.value)}
        data-testid="concentration-element"
      >
        {["Nd", "Pr", "Dy", "Tb", "TREO"].map((x) => (
          <option key={x} value={x}>
            {x}
          </option>
        ))}
      </select>
      <Show loaded={loaded} empty={(c) => c.totalKg === 0}>
        {(c) => (
          <>
            <ul data-testid="concentration">
              {c.byCountry.map((x) => (
                <li key={x.key ?? "unknown"} data-testid="concentration-share">
                  {x.key ?? t("contracts.unknownOrigin")}: {(x.share * 100).toFixed(2)}%
                </li>
              ))}
            </ul>
            <p>{t("contracts.hhi", { hhi: formatNumber(c.hhiCountry) })}</p>
          </>
        )}
      </Show>
    </section>
  );
}
