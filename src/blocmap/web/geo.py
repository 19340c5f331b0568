"""The map of Eurasia as SVG paths, one ``<path>`` per country keyed by ISO alpha-3.

Boundaries: Natural Earth 1:110m as TopoJSON (``static/geo/visionscarto-110m.json``, see its
LICENSE.md).  Projection: Albers equal-area conic centred on Eurasia (standard parallels
40°N and 65°N, central meridian 75°E), so Russia does not dwarf the Caucasus as it does in
Mercator.  Built once per process on the server: the browser gets plain SVG it can colour
by class, with no mapping library and nothing fetched from elsewhere.

States that no longer exist are drawn where the map's shapes allow it: the Soviet Union,
Czechoslovakia and Yugoslavia are unions of their present-day territories (``Former``, one
shape per stage of their borders, shown on the days of that stage).  East and West Germany
cannot be: Natural Earth 1:110m has no line between them, so Germany keeps today's border.
"""

from __future__ import annotations

import json
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from blocmap.features import topojson

WINDOW = (-12.0, 22.0, 150.0, 78.0)   # lon/lat box drawn: Atlantic coast to Pacific
WIDTH = 960.0
RADIUS = 6371.0  # km; only the shape matters, the drawing is scaled to WIDTH


#: The present-day territories of the states that no longer exist (each drawn as their union).
HISTORICAL_TERRITORIES = {
    "SUN": ("ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK", "TKM",
            "UKR", "UZB"),
    "CSK": ("CZE", "SVK"),
    "YUG": ("BIH", "HRV", "MKD", "MNE", "SRB", "SVN", "XKX"),
}
#: The last day each of them is drawn (its end in ``states.yaml``, a test holds the two equal;
#: the Soviet Union's end there, 1991-12-26, is the day the Soviet of Republics declared it
#: dissolved, the day it ceased to exist, so it is drawn until the day before: on 1991-12-26
#: each republic is coloured by its own status),
#: and the territories that left it earlier, with the last day they are drawn inside it.
#: The Soviet Union keeps all its republics until its end (the declarations of sovereignty and
#: independence of 1990–91 did not move its borders), except the Baltic states, whose
#: independence it recognised on 1991-09-06.  Yugoslavia: Slovenia and Croatia leave when
#: recognised (1992-01-15, as in ``states.yaml``), Bosnia and Herzegovina on its recognition
#: (1992-04-06), Macedonia on joining the United Nations (1993-04-08, as in ``states.yaml``);
#: what is left is the FRY, Serbia and Montenegro until 2006-06-03.
DRAWN_UNTIL: dict[str, tuple[dt.date, dict[str, dt.date]]] = {
    "SUN": (dt.date(1991, 12, 25), dict.fromkeys(("EST", "LVA", "LTU"), dt.date(1991, 9, 5))),
    "CSK": (dt.date(1992, 12, 31), {}),
    "YUG": (dt.date(2006, 6, 3), {"SVN": dt.date(1992, 1, 14), "HRV": dt.date(1992, 1, 14),
                                   "BIH": dt.date(1992, 4, 5), "MKD": dt.date(1993, 4, 7)}),
}
#: Former states whose end in ``states.yaml`` is the day they ceased to exist (not drawn that day).
CEASED_ON_END = frozenset({"SUN"})
#: East and West Germany: not drawable (see the module's docstring); the map says so before this day.
GERMANY_UNITED = dt.date(1990, 10, 3)


@dataclass(frozen=True)
class Stage:
    """A former state's borders over a stretch of days: the union of ``territories``."""

    former: str
    territories: tuple[str, ...]  # those on the map
    first: dt.date | None         # first day drawn (None: every earlier day)
    last: dt.date                 # last day drawn
    path: str
    label_at: tuple[float, float]
    room: float

    @property
    def id(self) -> str:
        return f"{self.former}-{self.last.isoformat()}"

    def holds(self, day: dt.date) -> bool:
        return (self.first is None or self.first <= day) and day <= self.last


def stages_of(former: str) -> list[tuple[dt.date | None, dt.date, tuple[str, ...]]]:
    """(first day, last day, territories) of each stage of ``former``'s borders, in order."""
    end, left = DRAWN_UNTIL[former]
    cuts = sorted(set(left.values()))
    out, first = [], None
    for last in [*cuts, end]:
        inside = tuple(t for t in HISTORICAL_TERRITORIES[former] if left.get(t, end) >= last)
        out.append((first, last, inside))
        first = last + dt.timedelta(days=1)
    return out


def drawn_on(day: dt.date) -> dict[str, tuple[dt.date, tuple[str, ...]]]:
    """Former state → (last day of its stage, its territories) of those drawn on ``day``
    (dates only, no geometry)."""
    return {former: (last, inside) for former in HISTORICAL_TERRITORIES for first, last, inside in stages_of(former)
            if (first is None or first <= day) and day <= last}


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str  # Natural Earth's English short name (the page uses the atlas's names)
    path: str  # SVG path data in drawing units
    label_at: tuple[float, float]  # pole of inaccessibility of its largest part
    room: float  # width available for a label there (drawing units)
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 of its largest part (drawing units)


@dataclass(frozen=True)
class EurasiaMap:
    width: float
    height: float
    countries: tuple[Country, ...]
    frame: str  # path of the window's outline (the sea behind the land)
    stages: tuple[Stage, ...] = ()  # the former states' borders, stage by stage

    def stages_on(self, day: dt.date) -> list[Stage]:
        """The former states drawn on ``day`` (at most one stage of each)."""
        return [s for s in self.stages if s.holds(day)]


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

    def shape(parts: list):
        return shapely.make_valid(shapely.MultiPolygon(
            [Polygon(project(p[0]), [project(h) for h in p[1:]]) for p in parts])).buffer(0)

    def label(geometry) -> tuple[tuple[float, float], float, tuple[float, float, float, float]]:
        from shapely.ops import polylabel

        largest = geometry if geometry.geom_type == "Polygon" else max(geometry.geoms, key=lambda g: g.area)
        at = polylabel(largest, tolerance=1.0)
        # Room for a label: the width of the shape along the horizontal line through the point.
        line = shapely.LineString([(at.x - WIDTH, at.y), (at.x + WIDTH, at.y)]).intersection(largest)
        pieces = [g for g in getattr(line, "geoms", [line]) if g.distance(at) < 1e-6]
        room = pieces[0].length if pieces else 0.0
        return (round(at.x, 1), round(at.y, 1)), round(room, 1), tuple(round(v, 1) for v in largest.bounds)

    def outline(geometry) -> str:  # an already projected shape as path data
        rings = [r for g in getattr(geometry, "geoms", [geometry]) if g.geom_type == "Polygon"
                 for r in (g.exterior, *g.interiors)]
        return "".join("M" + "L".join(f"{round(x, 1):g},{round(y, 1):g}" for x, y in r.coords[:-1]) + "Z"
                       for r in rings)

    projected = {iso3: shape(parts) for iso3, _, parts in shapes}
    countries = tuple(Country(iso3, name, "".join(page(r) for polygon in parts for r in polygon),
                              *label(projected[iso3]))
                      for iso3, name, parts in sorted(shapes))
    stages = []
    for former in HISTORICAL_TERRITORIES:
        for first, last, inside in stages_of(former):
            on_map = tuple(t for t in inside if t in projected)
            if not on_map:
                continue
            # The territories share their borders (one TopoJSON arc each), so the union has no
            # slivers; a tiny buffer closes any left by the clipping.
            union = shapely.unary_union([projected[t] for t in on_map]).buffer(0.05).buffer(-0.05).simplify(0.3)
            stages.append(Stage(former, on_map, first, last, outline(union), *label(union)[:2]))
    return EurasiaMap(round(WIDTH, 1), round((y1 - y0) * scale, 1), countries, page(frame_ring), tuple(stages))
