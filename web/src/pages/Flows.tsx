// Flows: a Sankey of material shipped between sites, per element or by mass and per year, with the sites of
// unexplained gains and losses (open mass-balance findings) drawn in red.
import { useState } from "react";
import { useApi } from "../api.ts";
import { Chart, PeriodSelect, periodRange, Show, shortName } from "../components.tsx";
import { formatNumber, t } from "../i18n.ts";

interface FlowData {
  nodes: { name: string }[];
  links: { source: string; target: string; valueKg: number }[];
  unexplained: { site: string; findings: string[] }[];
}
const ELEMENTS = ["mass", "TREO", "Nd", "Pr", "Dy", "Tb"];

export function Flows() {
  const [element, setElement] = useState("Nd");
  const [period, setPeriod] = useState("all");
  const range = periodRange(period);
  const loaded = useApi<FlowData>(`/flows?element=${element}${range}`);
  return (
    <>
      <label>
        {t("flows.element")}{" "}
        <select value={element} onChange={(e) => setElement(e.target.value)} data-testid="flow-element">
          {ELEMENTS.map((e) => (
            <option key={e} value={e}>
              {e === "mass" ? t("flows.mass") : e}
            </option>
          ))}
        </select>
      </label>{" "}
      <PeriodSelect period={period} onChange={setPeriod} testId="flow-period" />
      <Show loaded={loaded} empty={(d) => d.links.length === 0}>
        {(d) => (
          <>
            <Chart
              testId="sankey"
              height={480}
              option={{
                tooltip: {
                  trigger: "item",
                  formatter: (p: { data: { value?: number; source?: string; target?: string } }) =>
                    p.data.source
                      ? `${p.data.source} → ${p.data.target}: ${formatNumber(p.data.value ?? 0, 1)} ${t("flows.unit")}`
                      : "",
                },
                series: [
                  {
                    type: "sankey",
                    data: d.nodes.map((n) =>
                      d.unexplained.some((u) => u.site === n.name)
                        ? { ...n, itemStyle: { color: "#c0392b", borderColor: "#7b241c", borderWidth: 2 } }
                        : n,
                    ),
                    links: d.links.map((l) => ({
                      source: l.source,
                      target: l.target,
                      value: l.valueKg / 1000,
                    })),
                    emphasis: { focus: "adjacency" },
                    label: { fontSize: 11, formatter: (p: { name: string }) => shortName(p.name) },
                  },
                ],
              }}
            />
            <p data-testid="flow-unexplained">
              {d.unexplained.length === 0
                ? t("flows.noUnexplained")
                : t("flows.unexplained", {
                    sites: d.unexplained.map((u) => `${u.site} (${u.findings.length})`).join(", "),
                  })}
            </p>
            {d.unexplained.length > 0 && (
              <a href={`#/findings`} data-testid="flow-findings-link">
                {t("flows.seeFindings")}
              </a>
            )}
          </>
        )}
      </Show>
    </>
  );
}
