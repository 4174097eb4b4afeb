// Environment (the regulator's view): thorium or uranium through every plant, into products, into residues,
// or unaccounted (red), and the residue held at each site against the capacity of its storage permit.
import { useState } from "react";
import { useApi } from "../api.ts";
import { Chart, PeriodSelect, periodRange, Show, shortName } from "../components.tsx";
import { formatNumber, t } from "../i18n.ts";

interface EnvironmentView {
  element: "Th" | "U";
  plants: {
    site: string;
    name: string;
    inKg: number;
    productsKg: number;
    residuesKg: number;
    unaccountedKg: number;
    unaccountedGBq: number;
  }[];
  stocks: {
    site: string;
    name: string;
    kind: string;
    stockT: number;
    capacityT: number | null;
    permit: string | null;
  }[];
}

export function Environment() {
  const [element, setElement] = useState<"Th" | "U">("Th");
  const [period, setPeriod] = useState("all");
  const range = periodRange(period);
  const loaded = useApi<EnvironmentView>(`/environment?element=${element}${range}`);
  return (
    <>
      <label>
        {t("env.element")}{" "}
        <select
          value={element}
          onChange={(e) => setElement(e.target.value as "Th" | "U")}
          data-testid="env-element"
        >
          <option value="Th">{t("env.thorium")}</option>
          <option value="U">{t("env.uranium")}</option>
        </select>
      </label>{" "}
      <PeriodSelect period={period} onChange={setPeriod} testId="env-period" />
      <Show loaded={loaded} empty={(d) => d.plants.length === 0 && d.stocks.length === 0}>
        {(d) => {
          const products = t("env.products");
          const residues = t("env.residues");
          const unaccounted = t("env.unaccounted");
          const links = d.plants
            .flatMap((p) => [
              { source: p.name, target: products, value: p.productsKg },
              { source: p.name, target: residues, value: p.residuesKg },
              { source: p.name, target: unaccounted, value: p.unaccountedKg },
            ])
            .filter((l) => l.value > 0);
          return (
            <>
              <h2>{t("env.flowsTitle", { element: d.element })}</h2>
              <Chart
                testId="env-sankey"
                height={420}
                option={{
                  tooltip: { trigger: "item" },
                  series: [
                    {
                      type: "sankey",
                      data: [
                        ...d.plants.map((p) => ({ name: p.name })),
                        { name: products },
                        { name: residues, itemStyle: { color: "#8e6c3a" } },
                        { name: unaccounted, itemStyle: { color: "#c0392b" } },
                      ],
                      links,
                      label: { fontSize: 11, formatter: (p: { name: string }) => shortName(p.name) },
                    },
                  ],
                }}
              />
              <table data-testid="env-plants">
                <thead>
                  <tr>
                    <th>{t("env.plant")}</th>
                    <th>{t("env.in", { element: d.element })}</th>
                    <th>{products}</th>
                    <th>{residues}</th>
                    <th>{unaccounted}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.plants.map((p) => (
                    <tr key={p.site} className={p.unaccountedKg > p.inKg * 0.1 ? "short" : ""}>
                      <td>{p.name}</td>
                      <td>{formatNumber(p.inKg, 1)} kg</td>
                      <td>{formatNumber(p.productsKg, 1)} kg</td>
                      <td>{formatNumber(p.residuesKg, 1)} kg</td>
                      <td data-testid={`env-unaccounted-${shortName(p.name)}`}>
                        {formatNumber(p.unaccountedKg, 1)} kg ({formatNumber(p.unaccountedGBq, 3)} GBq)
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h2>{t("env.stocksTitle")}</h2>
              <Chart
                testId="env-stocks"
                height={260}
                option={{
                  tooltip: { trigger: "axis" },
                  legend: { data: [t("env.held"), t("env.capacity")] },
                  xAxis: { type: "category", data: d.stocks.map((s) => shortName(s.name)) },
                  yAxis: { type: "value", name: "t" },
                  series: [
                    { name: t("env.held"), type: "bar", data: d.stocks.map((s) => s.stockT) },
                    { name: t("env.capacity"), type: "bar", data: d.stocks.map((s) => s.capacityT ?? 0) },
                  ],
                }}
              />
              <ul data-testid="env-stocks-list">
                {d.stocks.map((s) => (
                  <li key={s.site}>
                    {s.capacityT === null
                      ? t("env.unlicensedStock", { site: s.name, held: formatNumber(s.stockT, 1) })
                      : t("env.licensedStock", {
                          site: s.name,
                          held: formatNumber(s.stockT, 1),
                          capacity: formatNumber(s.capacityT, 0),
                          permit: s.permit ?? "",
                        })}
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </Show>
    </>
  );
}
