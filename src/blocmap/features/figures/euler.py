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
from blocmap.features.figures.measure import Font, default_font, text_size, wrap, wrap_fully
from blocmap.features.figures.zones import (  # noqa: F401 - the layout's records, used by its callers too
    ElementBox,
    EulerLayout,
    GridTopology,
    SetShape,
    Signature,
    Text,
    ZoneMark,
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
NARROW_ROOM = 250.0  # the least width of a narrow layout's lines below the diagram (a phone's)
KEY_GAP = 6.0      # between a zone's number and its states in a narrow layout's key
NARROW_SIZE = 12.0  # the text size of a narrow layout: shown 1:1 on a 390 px phone, none of its text is under 11 px


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


def _mark_id(zone: Signature) -> str:
    return "zone:" + ",".join(sorted(zone))


def _packed(pieces: list[str], separator: str, font: Font, width: float) -> list[str]:
    """``pieces`` joined by ``separator`` in lines no wider than ``width`` (a piece wider than
    that gets a line of its own); a line that goes on ends with the separator."""
    lines, current = [], ""
    for piece in pieces:
        candidate = current + separator + piece if current else piece
        if current and text_size(candidate, font)[0] > width:
            lines.append(current + separator.rstrip())
            current = piece
        else:
            current = candidate
    return lines + [current] if current else lines


def _key(marks: list[ZoneMark], same_lines: list[str], element_labels: dict[str, str], list_sep: str,
         font: Font, room: float, top: float) -> tuple[list[Text], float, float]:
    """A narrow layout's key from ``top`` down: each zone's number, then its elements joined by
    ``list_sep`` in lines no wider than ``room``, then which sets a curve stands for; as
    (texts, their right edge, the bottom of the last line)."""
    texts, right, y = [], 0.0, top
    indent = text_size(str(len(marks)), font)[0] + KEY_GAP
    for mark in sorted(marks, key=lambda m: int(m.number)):
        names = [element_labels.get(e, e) for e in mark.members]
        for k, line in enumerate(_packed(names, list_sep, font, room - indent)):
            if k == 0:
                w, h = text_size(mark.number, font)
                texts.append(Text(mark.number, "key", (MARGIN, y, MARGIN + w, y + h), font.size))
            w, h = text_size(line, font)
            texts.append(Text(line, "key", (MARGIN + indent, y, MARGIN + indent + w, y + h), font.size))
            right = max(right, MARGIN + indent + w)
            y += h + LINE_GAP
    for line in (part for text in same_lines for part in wrap_fully(text, font, room)):
        w, h = text_size(line, font)
        texts.append(Text(line, "key", (MARGIN, y, MARGIN + w, y + h), font.size))
        right = max(right, MARGIN + w)
        y += h + LINE_GAP
    return texts, right, y


def euler_layout(sets: dict[str, frozenset[str]], set_labels: dict[str, str],
                 element_labels: dict[str, str], font: Font | None = None,
                 outside: tuple[str, ...] = (), outside_title: str = "",
                 title: str = "", notes: tuple[str, ...] = (), caption: tuple[str, ...] = (),
                 list_sep: str = ", ", topology: GridTopology | None = None, verify: bool = True,
                 narrow: bool = False) -> EulerLayout:
    """Lay out ``sets`` (set id → element ids) with every element's label in its zone.

    Sets with the same members are one curve named by all of them (``"CST = CSTO"``).

    ``outside`` are elements in none of the sets (e.g. observers) drawn in a box beside
    the diagram under ``outside_title``.  ``notes`` and ``caption`` are lines below it.

    ``narrow`` lays it out for a phone's width: each zone shows a number (a ``ZoneMark``)
    and a key under the diagram lists the zone's elements after it; the elements outside
    the sets come under the key, and every line below wraps at the diagram's width.
    Raises ``topology.LayoutImpossible`` when no drawing exists, and
    ``check.LayoutCheckError`` if the result fails the zone checker (a bug).
    """
    font = font or default_font(NARROW_SIZE if narrow else 10.0)
    name_font = Font(font.path, font.size * 1.15, font.weight)
    sets = {s: frozenset(m) for s, m in sets.items()}
    if topology is None:
        topology = solve(sets)
    topo = topology
    order = topo.order
    curves = {group[0]: group for group in topo.outline_groups()}
    in_order = {c: [set_labels.get(s, s) for s in sorted(group, key=lambda s: (list(sets).index(s), s))]
                for c, group in curves.items()}
    set_names = {c: SAME.join(names) for c, names in in_order.items()}
    if narrow:  # a curve of several sets carries the first name; the key says which it also is
        same_lines = [set_names[c] for c in curves if len(curves[c]) > 1]
        set_names = {c: names[0] for c, names in in_order.items()}

    members: dict[Signature, list[str]] = {}
    for e in sorted(set().union(*sets.values()) if sets else (), key=lambda e: (element_labels.get(e, e), e)):
        members.setdefault(frozenset(s for s in order if e in sets[s]), []).append(e)
    if narrow:  # one number a zone, all of the same measure (numbered in reading order below)
        widest = text_size(str(len(members)), font)
        blocks = {z: _Block([_mark_id(z)], [widest]) for z in members}
    else:
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
        if narrow:  # a column whose width other names can share (on other lines) keeps it narrow
            def sharing(c: int, s: str = s, y0: int = y0) -> int:
                return sum(1 for o in curves if o != s and o not in name_col and topo.rects[o][0] <= c < topo.rects[o][1]
                           and topo.rects[o][2] != y0)
            best = min(free, key=lambda c: (-sharing(c), max(0.0, need - col_w[c]), c))
        else:
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

    elements, marks = [], []
    # narrow: zones numbered in reading order of their cells (top to bottom, left to right)
    numbers = {z: str(k) for k, z in enumerate(sorted(label_cell, key=lambda z: (label_cell[z][1], label_cell[z][0])), 1)}
    for zone, (i, j) in label_cell.items():
        block = blocks[zone]
        free_top = ys[j] + max(PAD, margin(i, j) + NAME_PAD)
        free_bottom = ys[j + 1] - max(PAD, margin(i, j + 1) + NAME_PAD)
        cx, cy = (xs[i] + xs[i + 1]) / 2, (free_top + free_bottom) / 2
        sets_of_zone = tuple(s for s in order if s in zone)
        for e, box in block.boxes(cx, cy).items():
            if narrow:
                w, h = text_size(numbers[zone], font)
                marks.append(ZoneMark(numbers[zone], sets_of_zone, tuple(members[zone]),
                                      (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)))
            else:
                elements.append(ElementBox(e, element_labels.get(e, e), sets_of_zone, box))

    right = xs[-1]
    bottom = ys[-1]
    texts = [Text(title, "title", title_box, name_font.size)] if title_box else []
    room = max(right, 480.0) - MARGIN  # long notes wrap at the figure's width
    if narrow:  # the key under the diagram, every line wrapped at the diagram's width
        room = max(right - MARGIN, NARROW_ROOM)
        key, key_right, bottom = _key(marks, same_lines, element_labels, list_sep, font, room, bottom + MARGIN)
        texts += key
        right = max(right, key_right)
    if outside:
        # Elements in none of the sets: a column to the right of the diagram (under it when narrow).
        x = MARGIN if narrow else xs[-1] + 2 * MARGIN
        y = bottom + MARGIN if narrow else ys[0]
        if outside_title:
            w, h = text_size(outside_title, font)
            texts.append(Text(outside_title, "heading", (x, y, x + w, y + h), font.size))
            right = max(right, x + w)
            y += h + LINE_GAP * 2
        for e in sorted(outside, key=lambda e: (element_labels.get(e, e), e)):
            if narrow:  # lines of text wrapped at the diagram's width
                for k, line in enumerate(wrap_fully(element_labels.get(e, e), font, room)):
                    w, h = text_size(line, font)
                    indent = 0.0 if k == 0 else 2 * KEY_GAP
                    texts.append(Text(line, "outside", (x + indent, y, x + indent + w, y + h), font.size))
                    right = max(right, x + indent + w)
                    y += h + LINE_GAP
                continue
            w, h = text_size(element_labels.get(e, e), font)
            elements.append(ElementBox(e, element_labels.get(e, e), (), (x, y, x + w, y + h)))
            right = max(right, x + w)
            y += h + LINE_GAP
        bottom = max(bottom, y)

    y = bottom + MARGIN
    small = font if narrow else Font(font.path, font.size * 0.85, font.weight)  # a phone's least size
    for role, lines in (("note", notes), ("caption", caption)):
        for line in (part for text in lines for part in (wrap_fully if narrow else wrap)(text, small, room)):
            w, h = text_size(line, small)
            texts.append(Text(line, role, (MARGIN, y, MARGIN + w, y + h), small.size))
            right = max(right, MARGIN + w)
            y += h + LINE_GAP
    elements.sort(key=lambda e: e.id)
    layout = EulerLayout(width=math.ceil(right + MARGIN), height=math.ceil(y + MARGIN - LINE_GAP),
                         sets=shapes, elements=elements,
                         empty_zones=[tuple(sorted(z)) for z in topo.extra], data=sets,
                         font_path=font.path, element_size=font.size, name_size=name_font.size,
                         texts=texts, marks=sorted(marks, key=lambda m: int(m.number)))
    if verify:
        verify_layout(layout)
    return layout
