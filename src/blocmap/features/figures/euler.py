"""Zone-exact Euler diagrams with every element's name inside its region.

Pure input → layout, no atlas needed::

    layout = euler_layout({"cis": {...}, "eaeu": {...}}, set_labels, element_labels)
    layout.to_json()

Steps: ``topology.solve`` orders the rectangle edges on a grid; here the grid's columns and
rows get real sizes so that each zone's label block (measured with the real font) fits in
one of its cells and each set name fits on its top edge; then ``check.verify`` proves the
result before anyone can draw it.  Coordinates are points, y downwards, origin top left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from blocmap.features.figures.check import verify as verify_layout
from blocmap.features.figures.layout_cache import solve
from blocmap.features.figures.measure import Font, default_font, text_size, wrap
from blocmap.features.figures.zones import (  # noqa: F401 - the layout's records, used by its callers too
    ElementBox,
    EulerLayout,
    GridTopology,
    SetShape,
    Signature,
    Text,
    rounded_rectangle,
)

GAP = 18.0         # smallest distance between two grid lines = between two curves
RADIUS = 6.0       # corner radius; below GAP / 2 so rounding never changes the topology
PAD = 8.0          # room between a label and any curve (> RADIUS: corners never clip it)
NAME_PAD = 5.0     # room around a set name sitting on its outline
LINE_GAP = 3.0     # between stacked labels
COLUMN_GAP = 12.0  # between label columns of one zone
MARGIN = 16.0      # around the whole figure
MAX_ROWS = 4       # a zone with more labels stacks them in several columns
SAME = " = "       # between the names of sets drawn as one curve (same members that day)


@dataclass
class _Block:
    """The labels of one zone, stacked in columns of at most MAX_ROWS."""

    ids: list[str]
    sizes: list[tuple[float, float]]

    @property
    def columns(self) -> list[list[int]]:
        n = len(self.ids)
        ncol = max(1, math.ceil(n / MAX_ROWS))
        rows = math.ceil(n / ncol)
        return [list(range(c * rows, min(n, (c + 1) * rows))) for c in range(ncol)]

    @property
    def line(self) -> float:
        return max(h for _, h in self.sizes)

    @property
    def width(self) -> float:
        cols = self.columns
        return sum(max(self.sizes[k][0] for k in col) for col in cols) + COLUMN_GAP * (len(cols) - 1)

    @property
    def height(self) -> float:
        rows = max(len(col) for col in self.columns)
        return rows * self.line + (rows - 1) * LINE_GAP

    def boxes(self, cx: float, cy: float) -> dict[str, tuple[float, float, float, float]]:
        """Label boxes with the block centred on (cx, cy)."""
        out, x = {}, cx - self.width / 2
        top = cy - self.height / 2
        for col in self.columns:
            col_w = max(self.sizes[k][0] for k in col)
            for row, k in enumerate(col):
                w, h = self.sizes[k]
                mid_x, mid_y = x + col_w / 2, top + row * (self.line + LINE_GAP) + self.line / 2
                out[self.ids[k]] = (mid_x - w / 2, mid_y - h / 2, mid_x + w / 2, mid_y + h / 2)
            x += col_w + COLUMN_GAP
        return out


def euler_layout(sets: dict[str, frozenset[str]], set_labels: dict[str, str],
                 element_labels: dict[str, str], font: Font | None = None,
                 outside: tuple[str, ...] = (), outside_title: str = "",
                 title: str = "", notes: tuple[str, ...] = (), caption: tuple[str, ...] = (),
                 topology: GridTopology | None = None, verify: bool = True) -> EulerLayout:
    """Lay out ``sets`` (set id → element ids) with every element's label in its zone.

    Sets with the same members are one curve named by all of them (``"CST = CSTO"``).

    ``outside`` are elements in none of the sets (e.g. observers) drawn in a box beside
    the diagram under ``outside_title``.  ``notes`` and ``caption`` are lines below it.
    Raises ``topology.LayoutImpossible`` when no drawing exists, and
    ``check.LayoutCheckError`` if the result fails the zone checker (a bug).
    """
    font = font or default_font(10.0)
    name_font = Font(font.path, font.size * 1.15, font.weight)
    sets = {s: frozenset(m) for s, m in sets.items()}
    if topology is None:
        topology = solve(sets)
    topo = topology
    order = topo.order
    curves = {group[0]: group for group in topo.outline_groups()}
    set_names = {c: SAME.join(set_labels.get(s, s) for s in sorted(group, key=lambda s: (
        list(sets).index(s), s))) for c, group in curves.items()}

    members: dict[Signature, list[str]] = {}
    for e in sorted(set().union(*sets.values()) if sets else (), key=lambda e: (element_labels.get(e, e), e)):
        members.setdefault(frozenset(s for s in order if e in sets[s]), []).append(e)
    blocks = {z: _Block(ids, [text_size(element_labels.get(e, e), font) for e in ids])
              for z, ids in members.items()}

    # Each zone's labels go in one of its cells; pick the cell that grows the grid least.
    col_w = [GAP] * topo.nx
    row_h = [GAP] * topo.ny
    label_cell: dict[Signature, tuple[int, int]] = {}
    for zone in sorted(blocks, key=lambda z: (-blocks[z].width * blocks[z].height, sorted(z))):
        need_w, need_h = blocks[zone].width + 2 * PAD, blocks[zone].height + 2 * PAD
        cells = sorted(c for c, sig in topo.cells.items() if sig == zone and c not in label_cell.values())
        best = min(cells, key=lambda c: (max(0.0, need_w - col_w[c[0]]) + max(0.0, need_h - row_h[c[1]]),
                                         c[1], c[0]))
        label_cell[zone] = best
        col_w[best[0]] = max(col_w[best[0]], need_w)
        row_h[best[1]] = max(row_h[best[1]], need_h)

    # Each set's name sits on its top edge, in the column of that edge that grows least.
    name_size = {s: text_size(set_names[s], name_font) for s in curves}
    name_at: dict[tuple[int, int], str] = {}   # (column, horizontal line) -> set
    name_col: dict[str, int] = {}
    for s in sorted(curves, key=lambda s: (-name_size[s][0], s)):
        x0, x1, y0, _ = topo.rects[s]
        need = name_size[s][0] + 2 * NAME_PAD + 2 * RADIUS
        free = [c for c in range(x0, x1) if (c, y0) not in name_at]
        best = min(free, key=lambda c: (max(0.0, need - col_w[c]), c))
        name_col[s] = best
        name_at[best, y0] = s
        col_w[best] = max(col_w[best], need)

    def margin(column: int, line: int) -> float:
        s = name_at.get((column, line))
        return name_size[s][1] / 2 + NAME_PAD if s else 0.0

    for (i, j) in topo.cells:
        top, bottom = max(PAD, margin(i, j) + NAME_PAD), max(PAD, margin(i, j + 1) + NAME_PAD)
        content = next((blocks[z].height for z, c in label_cell.items() if c == (i, j)), 0.0)
        need = (top + content + bottom) if content else max(GAP, margin(i, j) + margin(i, j + 1))
        row_h[j] = max(row_h[j], need)

    top_margin = MARGIN + max([margin(i, 0) for i in range(topo.nx)] + [0.0])
    title_box = None
    if title:
        tw, th = text_size(title, name_font)
        title_box = (MARGIN, MARGIN, MARGIN + tw, MARGIN + th)
        top_margin += th + 8
    xs = [MARGIN]
    for w in col_w:
        xs.append(xs[-1] + w)
    ys = [top_margin]
    for h in row_h:
        ys.append(ys[-1] + h)

    shapes = []
    for s in curves:
        x0, x1, y0, y1 = topo.rects[s]
        w, h = name_size[s]
        c = name_col[s]
        cx, cy = (xs[c] + xs[c + 1]) / 2, ys[y0]
        box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        shapes.append(SetShape(s, set_names[s], (xs[x0], ys[y0], xs[x1], ys[y1]), RADIUS, box,
                               curves[s]))

    elements = []
    for zone, (i, j) in label_cell.items():
        block = blocks[zone]
        free_top = ys[j] + max(PAD, margin(i, j) + NAME_PAD)
        free_bottom = ys[j + 1] - max(PAD, margin(i, j + 1) + NAME_PAD)
        cx, cy = (xs[i] + xs[i + 1]) / 2, (free_top + free_bottom) / 2
        for e, box in block.boxes(cx, cy).items():
            elements.append(ElementBox(e, element_labels.get(e, e), tuple(s for s in order if s in zone), box))

    # Elements in none of the sets: a column to the right of the diagram.
    right = xs[-1]
    bottom = ys[-1]
    texts = [Text(title, "title", title_box, name_font.size)] if title_box else []
    if outside:
        x = xs[-1] + 2 * MARGIN
        y = ys[0]
        if outside_title:
            w, h = text_size(outside_title, font)
            texts.append(Text(outside_title, "heading", (x, y, x + w, y + h), font.size))
            right = max(right, x + w)
            y += h + LINE_GAP * 2
        for e in sorted(outside, key=lambda e: (element_labels.get(e, e), e)):
            w, h = text_size(element_labels.get(e, e), font)
            elements.append(ElementBox(e, element_labels.get(e, e), (), (x, y, x + w, y + h)))
            right = max(right, x + w)
            y += h + LINE_GAP
        bottom = max(bottom, y)

    y = bottom + MARGIN
    small = Font(font.path, font.size * 0.85, font.weight)
    room = max(right, 480.0) - MARGIN  # long notes wrap at the figure's width
    for role, lines in (("note", notes), ("caption", caption)):
        for line in (part for text in lines for part in wrap(text, small, room)):
            w, h = text_size(line, small)
            texts.append(Text(line, role, (MARGIN, y, MARGIN + w, y + h), small.size))
            right = max(right, MARGIN + w)
            y += h + LINE_GAP
    elements.sort(key=lambda e: e.id)
    layout = EulerLayout(width=math.ceil(right + MARGIN), height=math.ceil(y + MARGIN - LINE_GAP),
                         sets=shapes, elements=elements,
                         empty_zones=[tuple(sorted(z)) for z in topo.extra], data=sets,
                         font_path=font.path, element_size=font.size, name_size=name_font.size,
                         texts=texts)
    if verify:
        verify_layout(layout)
    return layout
