"""The shared records of the figures, at the bottom of the package: zones, grid topologies, drawn
Euler layouts and the error of a layout that cannot be drawn.

Every other module of ``figures`` imports from here and nothing here imports them, so the
package's imports run one way: ``zones`` ← ``topology`` ← ``topology_table`` ← ``layout_cache``
← ``euler`` ← ``api``, with ``check`` and ``render`` beside ``euler`` on ``zones`` alone.
"""

from __future__ import annotations

import json
import math
from collections import deque
from dataclasses import dataclass, field

from blocmap.core.errors import BlocmapError
from blocmap.core.messages import Text as Message

Signature = frozenset[str]


@dataclass(frozen=True)
class GridTopology:
    """Rectangles as grid-line indexes: ``rects[set] = (x0, x1, y0, y1)`` with x0 < x1 and y0 < y1.

    ``cells[(i, j)]`` is the signature of the cell between vertical lines i, i+1 and
    horizontal lines j, j+1 (y grows downwards); there are ``nx`` by ``ny`` cells.
    ``extra`` are drawn signatures the data does not have (empty zones); ``proven`` says
    that no drawing of this kind needs fewer (the solver proved it, or ``extra`` meets
    ``empty_zone_bound``).
    """

    order: tuple[str, ...]
    rects: dict[str, tuple[int, int, int, int]]
    cells: dict[tuple[int, int], Signature]
    extra: tuple[Signature, ...]
    nx: int = 0
    ny: int = 0
    proven: bool = True
    outlines: tuple[tuple[str, ...], ...] = ()  # sets drawn as one curve (identical members)

    def outline_groups(self) -> tuple[tuple[str, ...], ...]:
        """The drawn curves, each as the sets it stands for (one set, or several identical ones)."""
        return self.outlines or tuple((s,) for s in self.order)

    def to_json(self) -> dict:
        """Plain JSON (lists and strings only): what the layout cache stores on disk."""
        return {"order": list(self.order), "rects": {s: list(r) for s, r in self.rects.items()},
                "extra": [sorted(z) for z in self.extra], "nx": self.nx, "ny": self.ny,
                "proven": self.proven, "outlines": [list(g) for g in self.outline_groups()]}

    @classmethod
    def from_json(cls, data: dict) -> "GridTopology":
        rects = {s: tuple(int(v) for v in r) for s, r in data["rects"].items()}
        order = tuple(data["order"])
        nx, ny = int(data["nx"]), int(data["ny"])
        return cls(order, rects, grid_cells(order, rects, nx, ny),
                   tuple(frozenset(z) for z in data["extra"]), nx, ny, bool(data["proven"]),
                   tuple(tuple(g) for g in data["outlines"]))


class LayoutImpossible(BlocmapError):
    """No drawing with one rectangle per set was found within the budget (or allowed)."""

    def __init__(self, message: Message, bound: int | None = None, not_found: int | None = None):
        super().__init__(message)
        self.bound = bound  # the fewest empty zones needed, where known
        self.not_found = not_found  # none with at most this many was found within the budget

    @classmethod
    def needs_more(cls, more_than: int, max_empty: int) -> "LayoutImpossible":
        """Proven: more than ``more_than`` empty zones are needed (``--max-empty`` is ``max_empty``)."""
        return cls(Message("fig.needs_more", {"more_than": more_than, "max_empty": max_empty}), bound=more_than + 1)

    @classmethod
    def none_found(cls, max_empty: int, more_than: int | None = None) -> "LayoutImpossible":
        """No drawing with at most ``max_empty`` empty zones was found within the budget (nor
        with at most ``more_than``, where more was looked for: a shipped table's refusal)."""
        return cls(Message("fig.not_found_within", {"more_than": max(max_empty, more_than or 0),
                                                    "max_empty": max_empty}), not_found=max_empty)


def required_zones(sets: dict[str, frozenset[str]]) -> set[Signature]:
    """The distinct non-empty signatures of the elements (the zones the data has)."""
    elements = set().union(*sets.values()) if sets else set()
    zones = {frozenset(s for s, members in sets.items() if e in members) for e in elements}
    zones.discard(frozenset())
    return zones


def _components(cells: dict[tuple[int, int], Signature], signature: Signature) -> list[set]:
    todo = {c for c, sig in cells.items() if sig == signature}
    parts = []
    while todo:
        start = min(todo)
        todo.discard(start)
        part, queue = {start}, deque([start])
        while queue:
            i, j = queue.popleft()
            for n in ((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)):
                if n in todo:
                    todo.discard(n)
                    part.add(n)
                    queue.append(n)
        parts.append(part)
    return parts


def split_zones(cells: dict[tuple[int, int], Signature], size: int,
                keep: set[Signature] | None = None) -> list[Signature]:
    """Signatures drawn in more than one piece; the outside counts as one piece with the border.

    With ``keep``, only those zones (and the outside) are judged: an empty zone that the
    data forces may come in pieces, it is hatched and listed either way.
    """
    bad = []
    for sig in sorted(set(cells.values()), key=sorted):
        if sig and keep is not None and sig not in keep:
            continue
        parts = _components(cells, sig)
        if sig:
            if len(parts) > 1:
                bad.append(sig)
        elif any(not any(i in (0, size - 1) or j in (0, size - 1) for i, j in part)
                 for part in parts):
            bad.append(sig)  # an enclosed hole of the outside
    return bad


def components(sets: dict[str, frozenset[str]]) -> list[tuple[str, ...]]:
    """Groups of sets linked by shared elements; groups never touch, so each is drawn alone."""
    left = sorted(sets)
    groups = []
    while left:
        group, queue = {left[0]}, [left[0]]
        while queue:
            current = queue.pop()
            for other in left:
                if other not in group and sets[current] & sets[other]:
                    group.add(other)
                    queue.append(other)
        left = [s for s in left if s not in group]
        groups.append(tuple(sorted(group)))
    # Largest group first (left), then by name: a stable, readable order.
    return sorted(groups, key=lambda g: (-len(set().union(*(sets[s] for s in g))), g))


def grid_cells(order, rects, nx: int, ny: int) -> dict[tuple[int, int], Signature]:
    """The signature of every cell of an ``nx`` by ``ny`` grid with these rectangles."""
    return {(i, j): frozenset(s for s in order if rects[s][0] <= i < rects[s][1]
                              and rects[s][2] <= j < rects[s][3])
            for i in range(nx) for j in range(ny)}


def identical_groups(sets: dict[str, frozenset[str]]) -> tuple[tuple[str, ...], ...]:
    """Sets with the same members, grouped (each group sorted; groups in order of their first)."""
    groups: dict[frozenset[str], list[str]] = {}
    for s in sorted(sets):
        groups.setdefault(sets[s], []).append(s)
    return tuple(tuple(g) for g in groups.values())


def configuration_key(sets: dict[str, frozenset[str]]) -> str:
    """The zone structure of ``sets`` as a short stable string: the cache key of its topology.

    Two families with the same zones (whatever their elements) have the same drawing, up to
    the left-to-right order of groups that share nothing; over all days of the atlas there
    are only a few hundred of them.
    """
    # Groups that share nothing are drawn side by side, largest (most elements) first.
    merged = {g[0]: sets[g[0]] for g in identical_groups(sets)}
    return json.dumps([sorted(sorted(z) for z in required_zones(sets)),
                       [list(c) for c in components(merged)]], separators=(",", ":"))


@dataclass(frozen=True)
class SetShape:
    id: str
    label: str
    rect: tuple[float, float, float, float]   # x0, y0, x1, y1 before rounding
    radius: float
    label_box: tuple[float, float, float, float]
    orgs: tuple[str, ...] = ()   # the sets this curve stands for (several when identical)

    @property
    def members(self) -> tuple[str, ...]:
        return self.orgs or (self.id,)

    @property
    def polygon(self) -> list[tuple[float, float]]:
        return rounded_rectangle(self.rect, self.radius)


@dataclass(frozen=True)
class ElementBox:
    id: str
    label: str
    sets: tuple[str, ...]
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class Text:
    """A free line of text (title, heading, note, caption); ``box`` is its measured extent."""

    text: str
    role: str
    box: tuple[float, float, float, float]
    size: float


@dataclass(frozen=True)
class ZoneMark:
    """A narrow layout's number in a zone: ``members`` are the elements of the zone ``sets``,
    listed after the number in the key under the diagram."""

    number: str
    sets: tuple[str, ...]
    members: tuple[str, ...]
    box: tuple[float, float, float, float]


@dataclass
class EulerLayout:
    width: float
    height: float
    sets: list[SetShape]
    elements: list[ElementBox]
    empty_zones: list[tuple[str, ...]]
    data: dict[str, frozenset[str]]
    font_path: str
    element_size: float
    name_size: float
    texts: list[Text] = field(default_factory=list)
    marks: list[ZoneMark] = field(default_factory=list)   # a narrow layout's numbered zones

    def to_json(self) -> dict:
        """The drawn layout (``--format json``): sets' outlines, label boxes, empty zones."""
        r = lambda v: round(v, 2)  # noqa: E731 - keep the JSON short and stable
        return {
            "width": r(self.width), "height": r(self.height),
            "sets": [{"id": s.id, "orgs": list(s.members), "label": s.label,
                      "polygon": [[r(x), r(y)] for x, y in s.polygon],
                      "label_box": [r(v) for v in s.label_box]} for s in self.sets],
            "elements": [{"id": e.id, "label": e.label, "sets": list(e.sets),
                          "box": [r(v) for v in e.box]} for e in self.elements],
            "empty_zones": [list(z) for z in self.empty_zones],
            **({"marks": [{"number": m.number, "sets": list(m.sets), "members": list(m.members),
                           "box": [r(v) for v in m.box]} for m in self.marks]} if self.marks else {}),
        }


def rounded_rectangle(rect: tuple[float, float, float, float], radius: float,
                      steps: int = 6) -> list[tuple[float, float]]:
    """The outline of a rectangle with quarter-circle corners (clockwise on screen, closed)."""
    x0, y0, x1, y1 = rect
    corners = ((x1 - radius, y0 + radius, -90), (x1 - radius, y1 - radius, 0),
               (x0 + radius, y1 - radius, 90), (x0 + radius, y0 + radius, 180))
    points = []
    for cx, cy, start in corners:
        for k in range(steps + 1):
            a = math.radians(start + 90 * k / steps)
            points.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    points.append(points[0])
    return points


