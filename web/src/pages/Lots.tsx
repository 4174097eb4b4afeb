// Lot explorer: find a lot, see its upstream graph and its origin shares per element, mined and recycled.
import { useState } from "react";
import { useApi } from "../api.ts";
import { Chart, Show } from "../components.tsx";
import { t } from "../i18n.ts";

interface LotRow {
  lot: string;
  materialClass: string | null;
  site: string | null;
}
interface Trace {
  lot: string;
  nodes: { lot: string; materialClass: string | null; massKg: number | null; depth: number }[];
  edges: { from: string; to: string; massKg: number }[];
  originShares: Record<
    string,
    {
      site: string | null;
      licence: string | null;
      country: string | null;
      source: string | null;
      share: number;
    }[]
  >;
  sourceShares: Record<
    string,
    { mined: number; preConsumer: number; postConsumer: number; recycled: number; unrecorded: number }
  >;
}

const pct = (share: number) => `${(share * 100).toFixed(2)}%`;

const short = (lot: string) => lot.replace(/^https:\/\/id\.gs1\.org\/01\/\d+\/10\//, "");

export function Lots({ selected }: { selected?: string }) {
  const [search, setSearch] = useState("");
  const lots = useApi<LotRow[]>(`/lots?search=${encodeURIComponent(search)}`);
  return (
    <div className="lots-layout">
      <div>
        <input
          placeholder={t("lots.search")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="lot-search"
        />
        <Show loaded={lots} empty={(l) => l.length === 0}>
          {(list) => (
            <ul className="lot-list">
              {list.slice(0, 60).map((l) => (
                <li key={l.lot} className={l.lot === selected ? "selected" : ""}>
                  <a href={`#/lots/${encodeURIComponent(l.lot)}`} data-testid="lot-link">
                    {short(l.lot)}
                  </a>{" "}
                  <small>{l.materialClass ?? ""}</small>
                </li>
              ))}
            </ul>
          )}
        </Show>
      </div>
      <div>{selected ? <LotDetail lot={selected} /> : <p className="state">{t("lots.pick")}</p>}</div>
    </div>
  );
}

function LotDetail({ lot }: { lot: string }) {
  const trace = useApi<Trace>(`/lots/${encodeURIComponent(lot)}/trace`);
  const [element, setElement] = useState<string | null>(null);
  return (
    <Show loaded={trace}>
      {(tr) => {
        const elements = Object.keys(tr.originShares);
        const el = element ?? (elements.includes("Nd") ? "Nd" : (elements[0] ?? ""));
        const shares = tr.originShares[el] ?? [];
        const split = tr.sourceShares[el];
        return (
          <>
            <h2 data-testid="lot-title">{short(tr.lot)}</h2>
            <p>
              <a href={`#/passport/${encodeURIComponent(tr.lot)}`} data-testid="lot-passport-link">
                {t("lots.passport")}
              </a>
            </p>
            <h3>{t("lots.trace")}</h3>
            <Chart
              testId="lot-graph"
              height={380}
              option={{
                tooltip: {},
                series: [
                  {
                    type: "graph",
                    layout: "force",
                    roam: true,
                    force: { repulsion: 120, edgeLength: 60 },
                    edgeSymbol: ["none", "arrow"],
                    label: { show: tr.nodes.length < 30, fontSize: 10 },
                    data: tr.nodes.map((n) => ({
                      id: n.lot,
                      name: `${short(n.lot)} (${n.materialClass ?? "?"})`,
                      symbolSize: n.depth === 0 ? 22 : 10,
                    })),
                    links: tr.edges.map((e) => ({ source: e.from, target: e.to })),
                  },
                ],
              }}
            />
            <h3>{t("lots.origin")}</h3>
            <select value={el} onChange={(e) => setElement(e.target.value)} aria-label={t("lots.element")}>
              {elements.map((e) => (
                <option key={e}>{e}</option>
              ))}
            </select>
            {split && (
              <table className="compact" data-testid="source-shares">
                <tbody>
                  <tr>
                    <td>{t("lots.mined")}</td>
                    <td data-testid="source-mined">{pct(split.mined)}</td>
                    <td>{t("lots.recycled")}</td>
                    <td data-testid="source-recycled">{pct(split.recycled)}</td>
                    <td>{t("lots.preConsumer")}</td>
                    <td data-testid="source-pre">{pct(split.preConsumer)}</td>
                    <td>{t("lots.postConsumer")}</td>
                    <td data-testid="source-post">{pct(split.postConsumer)}</td>
                  </tr>
                </tbody>
              </table>
            )}
            <table className="compact" data-testid="origin-shares">
              <tbody>
                {shares.map((s) => (
                  <tr key={`${s.site}${s.licence}${s.source}`}>
                    <td>{s.site ?? t("lots.unrecorded")}</td>
                    <td>{s.licence ?? ""}</td>
                    <td>{s.country ?? ""}</td>
                    <td>
                      {s.source === "pre_consumer"
                        ? t("lots.preConsumer")
                        : s.source === "post_consumer"
                          ? t("lots.postConsumer")
                          : s.source === "mined"
                            ? t("lots.mined")
                            : ""}
                    </td>
                    <td data-testid="origin-share">{pct(s.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Chart
              testId="origin-chart"
              height={260}
              option={{
                tooltip: {},
                series: [
                  {
                    type: "pie",
                    radius: "60%",
                    data: shares.map((s) => ({
                      name: `${s.licence ?? s.site ?? t("lots.unrecorded")} (${s.country ?? "?"})`,
                      value: s.share,
                    })),
                  },
                ],
              }}
            />
          </>
        );
      }}
    </Show>
  );
}
