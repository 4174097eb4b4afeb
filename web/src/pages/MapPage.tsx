// Map: mines, plants, ports and customers on an offline world map (world-atlas, d3-geo), coloured by whether
// an open finding concerns the site's licence; details on click.
import { geoMercator, geoPath } from "d3-geo";
import { useMemo, useState } from "react";
import { feature } from "topojson-client";
import countries from "world-atlas/countries-110m.json";
import { useApi } from "../api.ts";
import { Show } from "../components.tsx";
import { t } from "../i18n.ts";

interface Site {
  id: string;
  name: string;
  kind: string;
  country: string;
  coordinates?: { lat: number; lon: number };
  demo?: boolean;
}
interface Licence {
  id: string;
  site: string;
  kind: string;
  validTo: string;
}
interface Finding {
  subject: { kind: string; id: string };
  status: string;
}

const WIDTH = 900;
const HEIGHT = 560;

export function MapPage() {
  const sites = useApi<Site[]>("/sites");
  const licences = useApi<Licence[]>("/licences");
  const findings = useApi<{ findings: Finding[] }>("/findings?status=open");
  const [selected, setSelected] = useState<Site | null>(null);
  const land = useMemo(() => {
    const topo = countries as unknown as Parameters<typeof feature>[0];
    return feature(
      topo,
      (topo as unknown as { objects: { countries: Parameters<typeof feature>[1] } }).objects.countries,
    ) as unknown as GeoJSON.FeatureCollection;
  }, []);
  return (
    <Show loaded={sites}>
      {(siteList) => {
        const located = siteList.filter((s) => s.coordinates);
        const points: GeoJSON.FeatureCollection = {
          type: "FeatureCollection",
          features: located.map((s) => ({
            type: "Feature",
            properties: {},
            geometry: { type: "Point", coordinates: [s.coordinates?.lon ?? 0, s.coordinates?.lat ?? 0] },
          })),
        };
        const projection = geoMercator().fitExtent(
          [
            [30, 30],
            [WIDTH - 30, HEIGHT - 30],
          ],
          points,
        );
        const path = geoPath(projection);
        const licenceList = licences.state === "ready" ? licences.data : [];
        const flagged = new Set(
          findings.state === "ready"
            ? findings.data.findings.filter((f) => f.subject.kind === "licence").map((f) => f.subject.id)
            : [],
        );
        const siteFlagged = (s: Site) => licenceList.some((l) => l.site === s.id && flagged.has(l.id));
        return (
          <div className="map-layout">
            <svg
              viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
              className="map"
              data-testid="map"
              role="img"
              aria-label={t("nav.map")}
            >
              <rect width={WIDTH} height={HEIGHT} className="sea" />
              {land.features.map((f, i) => (
                <path key={String(f.id ?? i)} d={path(f) ?? undefined} className="land" />
              ))}
              {located.map((s) => {
                const [x, y] = projection([s.coordinates?.lon ?? 0, s.coordinates?.lat ?? 0]) ?? [0, 0];
                return (
                  // biome-ignore lint/a11y/useSemanticElements: an SVG marker cannot be a <button>; it has the role and keys of one
                  <g
                    key={s.id}
                    transform={`translate(${x},${y})`}
                    onClick={() => setSelected(s)}
                    onKeyDown={(e) => e.key === "Enter" && setSelected(s)}
                    role="button"
                    tabIndex={0}
                    aria-label={s.name}
                    className="site-marker"
                    data-testid="site-marker"
                  >
                    <circle
                      r={s.kind === "mine" ? 8 : 6}
                      className={siteFlagged(s) ? "flagged" : `kind-${s.kind}`}
                    />
                    <title>{s.name}</title>
                  </g>
                );
              })}
            </svg>
            <aside className="map-details">
              <p className="legend">
                <span className="dot flagged" /> {t("map.legend.finding")} <span className="dot ok" />{" "}
                {t("map.legend.ok")}
              </p>
              {selected && (
                <dl data-testid="site-details">
                  <dt>{t("map.site")}</dt>
                  <dd>{selected.name}</dd>
                  <dt>{t("map.kind")}</dt>
                  <dd>{selected.kind}</dd>
                  <dt>{t("map.country")}</dt>
                  <dd>{selected.country}</dd>
                  <dt>{t("map.licences")}</dt>
                  <dd>
                    {licenceList
                      .filter((l) => l.site === selected.id)
                      .map((l) => `${l.id} (${l.kind}, → ${l.validTo})${flagged.has(l.id) ? " ⚠" : ""}`)
                      .join("; ") || "—"}
                  </dd>
                </dl>
              )}
            </aside>
          </div>
        );
      }}
    </Show>
  );
}
