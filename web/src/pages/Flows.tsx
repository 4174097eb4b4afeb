// Flows: a Sankey of material shipped between sites, per element or by mass.
import { useState } from "react";
import { useApi } from "../api.ts";
import { Chart, Show } from "../components.tsx";
import { formatNumber, t } from "../i18n.ts";

interface FlowData {
  nodes: { name: string }[];
  links: { source: string; target: string; valueKg: number }[];
}
const ELEMENTS = ["mass", "TREO", "Nd", "Pr", "Dy", "Tb"];
/** Site names start with their code ("PLANT-H Demo Lai Châu ..."); the code alone keeps the diagram legible. */
const shortName = (name: string) =>
  /^[A-Z]+-[A-Z0-9]+\b/.exec(name)?.[0] ?? (name.length > 22 ? `${name.slice(0, 21)}…` : name);

export function Flows() {
  const [element, setElement] = useState("Nd");
  const loaded = useApi<FlowData>(`/flows?element=${element}`);
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
      </label>
      <Show loaded={loaded} empty={(d) => d.links.length === 0}>
        {(d) => (
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
                  data: d.nodes,
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
        )}
      </Show>
    </>
  );
}
