"""The map of Eurasia as SVG paths, one ``<path>`` per country keyed by ISO alpha-3.

Boundaries: Natural Earth 1:110m as TopoJSON (``static/geo/visionscarto-110m.json``, see its
LICENSE.md).  Projection: Albers equal-area conic centred on Eurasia (standard parallels
40°N and 65°N, central meridian 75°E), so Russia does not dwarf the Caucasus as it does in
Mercator.  Built once per process on the server: the browser gets plain SVG it can colour
by class, with no mapping library and nothing fetched from elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from blocmap.features import topojson

WINDOW = (-12.0, 22.0, 150.0, 78.0)   # lon/lat box drawn: Atlantic coast to Pacific
WIDTH = 960.0
RADIUS = 6371.0  # km; only the shape matters, the drawing is scaled to WIDTH


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str  # Natural Earth's English short name (the page uses the atlas's names)
    path: str  # SVG path data in drawing units
    label_at: tuple[float, float]  # pole of inaccessibility of its largest part
    room: float  # width available for a label there (drawing units)


@dataclass(frozen=True)
class EurasiaMap:
    width: float
    height: float
    countries: tuple[Country, ...]
    frame: str  # path of the window's outline (the sea behind the land)


def _albers(lon: float, lat: float) -> tuple[float, float]:
    return topojson.albers(lon, lat, RADIUS)


def _densify(coords: list[tuple[float, float]], step: float = 1.0) -> list[tuple[float, float]]:
    """Add points so straight clip edges (a meridian cut) bend with the projection."""
    out = [coords[0]]
    for (x0, y0), (x1, y1) in zip(coords, coords[1:]):
        n = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) / step))
        out.extend((x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(1, n + 1))
    return out


@lru_cache(maxsize=1)
def eurasia() -> EurasiaMap:
    """Every country inside ``WINDOW``, clipped, projected and scaled to ``WIDTH``."""
    import shapely
    from shapely.geometry import Polygon, box

    text = resources.files("blocmap.web").joinpath("static", "geo", "visionscarto-110m.json").read_text("utf-8")
    window = box(*WINDOW)
    shapes: list[tuple[str, str, list[list[list[tuple[float, float]]]]]] = []
    for iso3, name, rings in topojson.countries(json.loads(text)):
        parts = []
        for shell, holes in rings:
            clipped = shapely.make_valid(Polygon(shell, holes)).intersection(window)
            for piece in getattr(clipped, "geoms", [clipped]):
                if piece.geom_type == "Polygon" and not piece.is_empty:
                    parts.append([list(piece.exterior.coords), *(list(h.coords) for h in piece.interiors)])
        if parts:
            shapes.append((iso3, name, parts))

    frame_ring = [(WINDOW[0], WINDOW[1]), (WINDOW[2], WINDOW[1]), (WINDOW[2], WINDOW[3]),
                  (WINDOW[0], WINDOW[3]), (WINDOW[0], WINDOW[1])]
    frame_xy = [_albers(*p) for p in _densify(frame_ring)]
    x0, x1 = min(p[0] for p in frame_xy), max(p[0] for p in frame_xy)
    y0, y1 = min(p[1] for p in frame_xy), max(p[1] for p in frame_xy)
    scale = WIDTH / (x1 - x0)

    def project(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for lon, lat in _densify(ring):
            x, y = _albers(lon, lat)
            point = (round((x - x0) * scale, 1), round((y1 - y) * scale, 1))
            if not points or point != points[-1]:
                points.append(point)
        return points

    def page(ring: list[tuple[float, float]]) -> str:
        return "M" + "L".join(f"{x:g},{y:g}" for x, y in project(ring)) + "Z"

    def label(parts: list) -> tuple[tuple[float, float], float]:
        from shapely.ops import polylabel

        largest = max((Polygon(project(p[0]), [project(h) for h in p[1:]]) for p in parts),
                      key=lambda g: g.area)
        largest = largest if largest.is_valid else shapely.make_valid(largest).buffer(0)
        if largest.geom_type != "Polygon":
            largest = max(largest.geoms, key=lambda g: g.area)
        at = polylabel(largest, tolerance=1.0)
        # Room for a label: the width of the shape along the horizontal line through the point.
        line = shapely.LineString([(at.x - WIDTH, at.y), (at.x + WIDTH, at.y)]).intersection(largest)
        pieces = [g for g in getattr(line, "geoms", [line]) if g.distance(at) < 1e-6]
        room = pieces[0].length if pieces else 0.0
        return (round(at.x, 1), round(at.y, 1)), round(room, 1)

    countries = tuple(Country(iso3, name, "".join(page(r) for polygon in parts for r in polygon), *label(parts))
                      for iso3, name, parts in sorted(shapes))
    return EurasiaMap(round(WIDTH, 1), round((y1 - y0) * scale, 1), countries, page(frame_ring))
