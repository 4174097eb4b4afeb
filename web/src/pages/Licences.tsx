// Licences (the regulator's view): annual extraction against capacity and cumulative extraction against reserve.
import { useState } from "react";
import { useApi } from "../api.ts";
import { Chart, Show } from "../components.tsx";
import { t } from "../i18n.ts";

interface Licence {
  id: string;
  site: string;
  kind: string;
}
interface Extraction {
  licence: string;
  unit: string;
  capacity: number | null;
  reserve: number | null;
  years: { year: string; extracted: number; cumulative: number }[];
}

export function Licences() {
  const licences = useApi<Licence[]>("/licences");
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <Show loaded={licences} empty={(l) => l.length === 0}>
      {(list) => {
        const id = chosen ?? list[0]?.id ?? "";
        return (
          <>
            <select value={id} onChange={(e) => setChosen(e.target.value)} data-testid="licence-select">
              {list.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.id} ({l.kind})
                </option>
              ))}
            </select>
            <LicenceCharts id={id} />
          </>
        );
      }}
    </Show>
  );
}

function LicenceCharts({ id }: { id: string }) {
  const loaded = useApi<Extraction>(`/licences/${encodeURIComponent(id)}/extraction`);
  return (
    <Show loaded={loaded}>
      {(x) => (
        <div className="two-charts">
          <div>
            <h3>
              {t("licences.extraction")} ({x.unit})
            </h3>
            <table className="compact" data-testid="licence-years">
              <tbody>
                {x.years.map((y) => (
                  <tr key={y.year} className={x.capacity !== null && y.extracted > x.capacity ? "over" : ""}>
                    <td>{y.year}</td>
                    <td data-testid={`extracted-${y.year}`}>
                      {Math.round(y.extracted).toLocaleString("en-US")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Chart
              testId="capacity-chart"
              option={againstLimit(
                x.years.map((y) => y.year),
                {
                  type: "bar",
                  data: x.years.map((y) => ({
                    value: y.extracted,
                    itemStyle: {
                      color: x.capacity !== null && y.extracted > x.capacity ? "#c0392b" : "#2e86c1",
                    },
                  })),
                },
                t("licences.capacity"),
                x.capacity,
              )}
            />
          </div>
          <div>
            <h3>{t("licences.cumulative")}</h3>
            <Chart
              testId="reserve-chart"
              option={againstLimit(
                x.years.map((y) => y.year),
                { type: "line", areaStyle: {}, data: x.years.map((y) => y.cumulative) },
                t("licences.reserve"),
                x.reserve,
              )}
            />
          </div>
        </div>
      )}
    </Show>
  );
}

/** A chart of a yearly series against a licensed limit drawn as a dashed line. */
function againstLimit(
  years: string[],
  measured: Record<string, unknown>,
  limitName: string,
  limit: number | null,
) {
  return {
    tooltip: { trigger: "axis" },
    legend: {},
    xAxis: { type: "category", data: years },
    yAxis: { type: "value" },
    series: [
      { name: t("licences.extracted"), ...measured },
      ...(limit === null
        ? []
        : [{ name: limitName, type: "line", data: years.map(() => limit), lineStyle: { type: "dashed" } }]),
    ],
  };
}
