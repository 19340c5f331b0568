"""UpSet plots of memberships, drawn directly with matplotlib.

The ``upsetplot`` package crashes on numpy >= 2.4 / pandas 3 (jnothman/UpSetPlot#302), and
with a few dozen states the item names matter more than bars, so this draws its own:
one column per zone (the states in exactly those organizations), a dot matrix of the sets,
the zone sizes as bars above and the state names listed under each column.
"""

from __future__ import annotations

from dataclasses import dataclass

from blocmap.features.figures.measure import Font, default_font, text_size, wrap

DOT = 7.0
ROW = 22.0
MARGIN = 16.0


@dataclass(frozen=True)
class Zone:
    sets: tuple[str, ...]
    elements: tuple[str, ...]


def zones_of(sets: dict[str, frozenset[str]]) -> list[Zone]:
    """Non-empty zones, largest first, then by fewer sets, then by name (deterministic)."""
    elements = set().union(*sets.values()) if sets else set()
    grouped: dict[tuple[str, ...], list[str]] = {}
    for e in sorted(elements):
        grouped.setdefault(tuple(s for s in sets if e in sets[s]), []).append(e)
    zones = [Zone(k, tuple(v)) for k, v in grouped.items()]
    return sorted(zones, key=lambda z: (-len(z.elements), len(z.sets), z.sets))


def draw_upset(sets: dict[str, frozenset[str]], set_labels: dict[str, str],
               element_labels: dict[str, str], title: str = "", size_label: str = "",
               set_size_label: str = "", caption: tuple[str, ...] = (), font: Font | None = None):
    """A matplotlib Figure: the UpSet plot of ``sets`` with element names under each column."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Circle, Rectangle

    from blocmap.features.figures.render import INK, MUTED, PALETTE, axes, new_figure

    font = font or default_font(9.0)
    small = Font(font.path, font.size * 0.9)
    order = sorted(sets, key=lambda s: (-len(sets[s]), s))
    zones = zones_of({s: sets[s] for s in order})
    label = {e: element_labels.get(e, e) for z in zones for e in z.elements}
    col_w = [max([text_size(label[e], small)[0] for e in z.elements] + [ROW]) + 8 for z in zones]
    line_h = text_size("Ag\u570b", small)[1] + 2  # a Latin ascender, descender and a CJK glyph
    names_w = max(text_size(set_labels.get(s, s), font)[0] for s in order) + 8
    bar_w = 90.0
    left = MARGIN + names_w + bar_w + 12
    bars_h = 120.0
    title_h = text_size(title, font)[1] + 10 if title else 0
    top = MARGIN + title_h + 14
    matrix_top = top + bars_h + 8
    list_top = matrix_top + ROW * len(order) + 8
    list_h = line_h * max(len(z.elements) for z in zones) if zones else 0
    width = left + sum(col_w) + MARGIN
    caption = tuple(line for c in caption for line in wrap(c, small, max(width, 480.0) - 2 * MARGIN))
    cap_h = [text_size(c, small)[1] + 3 for c in caption]
    width = max([width] + [MARGIN * 2 + text_size(c, small)[0] for c in caption])
    height = list_top + list_h + 12 + sum(cap_h) + MARGIN

    figure = new_figure(width, height)
    ax = axes(figure, width, height)
    fp = lambda f: FontProperties(fname=f.path, size=f.size)  # noqa: E731
    if title:
        ax.text(MARGIN, MARGIN, title, fontproperties=fp(Font(font.path, font.size * 1.2)),
                va="top", color=INK)
    biggest = max(len(z.elements) for z in zones) if zones else 1
    x = left
    centres = []
    for z, w in zip(zones, col_w):
        cx = x + w / 2
        centres.append(cx)
        h = bars_h * len(z.elements) / biggest
        ax.add_patch(Rectangle((cx - 7, top + bars_h - h), 14, h, color=INK))
        ax.text(cx, top + bars_h - h - 3, str(len(z.elements)), fontproperties=fp(small),
                ha="center", va="bottom", color=INK)
        for k, e in enumerate(z.elements):
            ax.text(cx, list_top + k * line_h, label[e], fontproperties=fp(small), ha="center",
                    va="top", color=INK)
        x += w
    if size_label:
        ax.text(left - 6, top, size_label, fontproperties=fp(small), ha="right", va="top", color=MUTED)
    biggest_set = max(len(sets[s]) for s in order) if order else 1
    for r, s in enumerate(order):
        cy = matrix_top + ROW * r + ROW / 2
        if r % 2 == 0:
            ax.add_patch(Rectangle((MARGIN, cy - ROW / 2), left + sum(col_w) - MARGIN, ROW,
                                   color="#f2f2f2", zorder=0))
        colour = PALETTE[r % len(PALETTE)]
        ax.text(MARGIN, cy, set_labels.get(s, s), fontproperties=fp(font), va="center", color=colour)
        w = bar_w * len(sets[s]) / biggest_set
        ax.add_patch(Rectangle((left - 12 - w, cy - 5), w, 10, color=colour))
        for cx, z in zip(centres, zones):
            ax.add_patch(Circle((cx, cy), DOT / 2, color=INK if s in z.sets else "#cccccc", zorder=3))
    if set_size_label:
        ax.text(left - 12, matrix_top - 4, set_size_label, fontproperties=fp(small), ha="right",
                va="bottom", color=MUTED)
    for cx, z in zip(centres, zones):
        rows = [order.index(s) for s in z.sets]
        if len(rows) > 1:
            ax.plot([cx, cx], [matrix_top + ROW * (min(rows) + 0.5), matrix_top + ROW * (max(rows) + 0.5)],
                    color=INK, linewidth=2, zorder=2)
    y = list_top + list_h + 12
    for c, h in zip(caption, cap_h):
        ax.text(MARGIN, y, c, fontproperties=fp(small), va="top", color=MUTED)
        y += h
    return figure
