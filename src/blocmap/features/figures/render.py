"""Drawing with matplotlib: the shared palette, saving to SVG/PNG/PDF, and the Euler painter.

The Euler painter draws exactly what the (already verified) layout says: it never moves a
label or a curve, so what the checker proved is what the reader sees.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from blocmap.features.figures.zones import EulerLayout

FORMATS = ("svg", "png", "pdf")
#: Okabe-Ito colours (safe for colour-blind readers), in the order sets are drawn.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F", "#555555")
INK = "#222222"
MUTED = "#666666"
#: The hatching of an empty zone: a mark, so 3:1 against the white page at least (4.5:1 here).
HATCH = "#767676"
PNG_DPI = 200


def new_figure(width: float, height: float):
    """A matplotlib Figure sized in points, not attached to pyplot (no global state)."""
    from matplotlib.figure import Figure

    from blocmap.features.fonts import cjk_font_path

    cjk_font_path()  # registers the font before any text is made
    return Figure(figsize=(width / 72, height / 72), dpi=72)


def save(figure, fmt: str) -> bytes:
    """The figure as bytes in ``fmt``; reproducible (no dates, fixed SVG ids)."""
    import matplotlib

    if fmt not in FORMATS:
        raise ValueError(fmt)
    buffer = io.BytesIO()
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None},
                "png": {"Software": None}}[fmt]
    # Text becomes outlines in SVG so Chinese shows without the font on the reader's side;
    # PDF uses Type 3 glyphs: Type 42 would wrap this CFF-flavoured OpenType font wrongly.
    with matplotlib.rc_context({"svg.hashsalt": "blocmap", "svg.fonttype": "path",
                                "pdf.fonttype": 3}):
        figure.savefig(buffer, format=fmt, dpi=PNG_DPI if fmt == "png" else 72,
                       metadata=metadata, facecolor="white")
    return buffer.getvalue()


def axes(figure, width: float, height: float):
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)  # layout coordinates grow downwards
    ax.set_axis_off()
    return ax


def draw_euler(layout: EulerLayout, colours: Mapping[str, str] | None = None):
    """A Figure showing ``layout``; sets coloured, empty zones hatched, labels as laid out.

    ``colours`` (organization id → colour) gives a set its own colour; a curve drawn for
    several sets takes the colour of the first.  Sets it does not name take ``PALETTE`` by
    their place among the sets drawn.  Colours change only the drawing, never the layout.
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Polygon as PolygonPatch
    from shapely import Polygon

    figure = new_figure(layout.width, layout.height)
    ax = axes(figure, layout.width, layout.height)
    font = lambda size: FontProperties(fname=layout.font_path, size=size)  # noqa: E731
    given = colours or {}
    colours = {s.id: given.get(s.members[0], PALETTE[k % len(PALETTE)]) for k, s in enumerate(layout.sets)}

    # Largest sets first so that smaller fills stay visible on top of larger ones.
    by_area = sorted(layout.sets, key=lambda s: -Polygon(s.polygon).area)
    for s in by_area:
        ax.add_patch(PolygonPatch(s.polygon, closed=True, facecolor=colours[s.id], alpha=0.08,
                                  edgecolor="none", zorder=1))
    shapes = {s.id: Polygon(s.polygon) for s in layout.sets}
    curve_of = {o: s.id for s in layout.sets for o in s.members}
    for zone in layout.empty_zones:
        region = _zone_region(shapes, {curve_of[o] for o in zone})
        for piece in getattr(region, "geoms", [region]):
            if piece.geom_type == "Polygon" and not piece.is_empty:
                ax.add_patch(PolygonPatch(list(piece.exterior.coords), closed=True, facecolor="none",
                                          edgecolor=HATCH, hatch="////", linewidth=0, zorder=2))
    for s in by_area:
        ax.add_patch(PolygonPatch(s.polygon, closed=True, facecolor="none", edgecolor=colours[s.id],
                                  linewidth=1.8, zorder=3))
    for s in layout.sets:
        x0, y0, x1, y1 = s.label_box
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, s.label, fontproperties=font(layout.name_size),
                color=colours[s.id], ha="center", va="center", zorder=5,
                bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"})
    for e in layout.elements:
        x0, y0, x1, y1 = e.box
        # Elements in no set form a left-aligned list; the others are centred in their zone.
        ax.text((x0 + x1) / 2 if e.sets else x0, (y0 + y1) / 2, e.label,
                fontproperties=font(layout.element_size), color=INK if e.sets else MUTED,
                ha="center" if e.sets else "left", va="center", zorder=4)
    for m in layout.marks:  # a narrow layout's zone numbers (the key under it names their states)
        x0, y0, x1, y1 = m.box
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, m.number, fontproperties=font(layout.element_size),
                color=INK, ha="center", va="center", zorder=4)
    for t in layout.texts:
        x0, y0, x1, y1 = t.box
        ax.text(x0, (y0 + y1) / 2, t.text, fontproperties=font(t.size), ha="left", va="center",
                color=INK if t.role in ("title", "heading", "key") else MUTED, zorder=4)
    return figure


def _zone_region(shapes: dict, zone: set):
    """The region inside exactly the sets of ``zone``."""
    from shapely.ops import unary_union

    inside = None
    for s in sorted(zone):
        inside = shapes[s] if inside is None else inside.intersection(shapes[s])
    others = [shapes[s] for s in shapes if s not in zone]
    return inside.difference(unary_union(others)) if others else inside
