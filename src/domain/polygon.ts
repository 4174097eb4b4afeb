// GeoJSON polygons (licence areas, lon/lat) and the check that keeps an open or degenerate ring out.

export interface GeoJsonPolygon {
  type: "Polygon";
  coordinates: number[][][];
}

/** Is a polygon closed (first point equals last) with at least four positions per ring? */
export function polygonProblem(area: GeoJsonPolygon): string | undefined {
  if (area.type !== "Polygon" || !Array.isArray(area.coordinates) || area.coordinates.length === 0) {
    return "area must be a GeoJSON Polygon";
  }
  for (const [i, ring] of area.coordinates.entries()) {
    if (ring.length < 4) return `ring ${i} has ${ring.length} positions; a closed ring needs at least 4`;
    const first = ring[0] ?? [];
    const last = ring[ring.length - 1] ?? [];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      return `ring ${i} is not closed: it starts at [${first.join(", ")}] and ends at [${last.join(", ")}]`;
    }
  }
  return undefined;
}
