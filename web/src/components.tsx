// Small shared pieces: a chart box over ECharts, and the loading / error / empty states every page shows.
import * as echarts from "echarts";
import { type ReactNode, useEffect, useRef } from "react";
import type { Loaded } from "./api.ts";
import { t } from "./i18n.ts";

/** Site names start with their code ("PLANT-H Demo Lai Châu ..."); the code alone keeps a diagram legible. */
export const shortName = (name: string) =>
  /^[A-Z]+-[A-Z0-9]+\b/.exec(name)?.[0] ?? (name.length > 22 ? `${name.slice(0, 21)}…` : name);

const PERIODS = ["all", "2025", "2026"];

/** The period of a view: all years or one calendar year, as the query range `&from=...&to=...`. */
export function PeriodSelect({
  period,
  onChange,
  testId,
}: {
  period: string;
  onChange: (period: string) => void;
  testId: string;
}) {
  return (
    <label>
      {t("flows.period")}{" "}
      <select value={period} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {PERIODS.map((p) => (
          <option key={p} value={p}>
            {p === "all" ? t("flows.allYears") : p}
          </option>
        ))}
      </select>
    </label>
  );
}

export const periodRange = (period: string) =>
  period === "all" ? "" : `&from=${period}-01-01&to=${period}-12-31`;

export function Chart({
  option,
  height = 360,
  testId,
}: {
  option: echarts.EChartsCoreOption;
  height?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "svg" });
    // No animation: a chart shows its final state at once, for people and for screenshots alike.
    chart.setOption({ animation: false, ...option });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} className="chart" style={{ height }} data-testid={testId} />;
}

export function Show<T>({
  loaded,
  children,
  empty,
}: {
  loaded: Loaded<T>;
  children: (data: T) => ReactNode;
  empty?: (data: T) => boolean;
}) {
  if (loaded.state === "loading")
    return (
      <p className="state" data-testid="loading">
        {t("state.loading")}
      </p>
    );
  if (loaded.state === "error")
    return (
      <p className="state error" role="alert">
        {t("state.error", { message: loaded.message })}
      </p>
    );
  if (empty?.(loaded.data)) return <p className="state">{t("state.empty")}</p>;
  return <>{children(loaded.data)}</>;
}

export function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="figure">
      <div className="figure-value" data-testid={testId}>
        {value}
      </div>
      <div className="figure-label">{label}</div>
    </div>
  );
}
