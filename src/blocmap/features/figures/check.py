"""The zone checker: proves a drawn Euler layout says what the data says.

It works on the drawn outlines only (shapely polygons), never on how they were made, so it
also judges layouts from other tools (e.g. venn.js circles; see the tests).  Zones are the
faces of the curve arrangement (anchors-euler.md §3.5), not a raster, so thin slivers are
found.  A failed check is an error: ``verify`` raises ``LayoutCheckError``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from blocmap.core.errors import BlocmapError
from blocmap.features.figures.zones import EulerLayout

MIN_GAP = 6.0        # curves that do not cross stay this far apart (points)
LABEL_PAD = 2.0      # a label stays this far inside its zone
DUST = 1e-6          # faces smaller than this share of the union are numerical noise


class LayoutCheckError(BlocmapError):
    """A layout failed the zone checker; the message lists every problem."""


@dataclass
class Report:
    """What the checker found; ``ok`` when no problem."""

    drawn: dict[frozenset, int] = field(default_factory=dict)   # signature -> pieces
    missing: list[frozenset] = field(default_factory=list)
    spurious: list[frozenset] = field(default_factory=list)
    disconnected: list[frozenset] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.spurious or self.disconnected or self.problems)

    def summary(self) -> str:
        name = lambda z: "{" + ",".join(sorted(z)) + "}"  # noqa: E731
        parts = [f"missing zone {name(z)}" for z in self.missing]
        parts += [f"spurious zone {name(z)}" for z in self.spurious]
        parts += [f"zone {name(z)} drawn in {self.drawn[z]} pieces" for z in self.disconnected]
        return "; ".join(parts + self.problems)


def drawn_zones(shapes: dict, dust: float = DUST) -> dict[frozenset, list]:
    """Faces of the arrangement grouped by signature: {signature: [polygon pieces]}.

    The outside (empty signature) is included, bounded by a frame around everything.
    """
    from shapely import box
    from shapely.ops import polygonize, unary_union

    names = sorted(shapes)
    union = unary_union([shapes[n] for n in names])
    x0, y0, x1, y1 = union.bounds
    frame = box(x0 - 10, y0 - 10, x1 + 10, y1 + 10)
    lines = unary_union([shapes[n].exterior for n in names] + [frame.exterior])
    by_sig = defaultdict(list)
    for face in polygonize(lines):
        point = face.representative_point()
        by_sig[frozenset(n for n in names if shapes[n].contains(point))].append(face)
    out = {}
    for sig, faces in by_sig.items():
        merged = unary_union(faces)
        pieces = [p for p in getattr(merged, "geoms", [merged]) if p.area > dust * union.area]
        if pieces:
            out[sig] = pieces
    return out


def expand(zones: dict[frozenset, list], members: dict[str, tuple[str, ...]]) -> dict[frozenset, list]:
    """Zones keyed by curves → zones keyed by the sets those curves stand for."""
    return {frozenset(o for c in sig for o in members[c]): pieces for sig, pieces in zones.items()}


def check_shapes(shapes: dict, data: dict[str, frozenset[str]],
                 declared_empty: list[frozenset] | tuple = (), min_gap: float = MIN_GAP,
                 members: dict[str, tuple[str, ...]] | None = None) -> Report:
    """Zones, containment, disjointness and well-formedness of ``shapes`` against ``data``.

    ``members`` says which sets each curve stands for (default: each curve is the set of
    its own name); one curve may stand for several sets only when their members are equal.
    """
    report = Report()
    members = members or {c: (c,) for c in shapes}
    drawn_for = [o for c in sorted(shapes) for o in members[c]]
    for o in sorted(set(data) - set(drawn_for)):
        report.problems.append(f"{o} has no curve")
    for o in sorted({o for o in drawn_for if drawn_for.count(o) > 1}):
        report.problems.append(f"{o} has {drawn_for.count(o)} curves")
    for c in sorted(shapes):
        if len({data.get(o) for o in members[c]}) > 1:
            report.problems.append(f"{' and '.join(members[c])} share one curve but not their members")
    zones = expand(drawn_zones(shapes), members)
    report.drawn = {sig: len(pieces) for sig, pieces in zones.items()}
    elements = set().union(*data.values()) if data else set()
    required = {frozenset(s for s in data if e in data[s]) for e in elements} - {frozenset()}
    declared = {frozenset(z) for z in declared_empty}
    report.missing = sorted(required - zones.keys(), key=sorted)
    report.spurious = sorted(zones.keys() - required - declared - {frozenset()}, key=sorted)
    # Zones of the data and the outside must be one piece; a declared empty zone may not be.
    report.disconnected = sorted((z for z, n in report.drawn.items()
                                  if n > 1 and (z in required or not z)), key=sorted)
    for z in sorted(declared - zones.keys(), key=sorted):
        report.problems.append(f"declared empty zone {{{','.join(sorted(z))}}} is not drawn")

    union_area = sum(p.area for pieces in zones.values() for p in pieces)
    eps = DUST * union_area  # as strict as the zone faces: a sliver is a violation
    data = {c: data.get(members[c][0], frozenset()) for c in shapes}  # one curve, one member set
    for a, b in combinations(sorted(data), 2):
        A, B = shapes[a], shapes[b]
        if data[a] == data[b]:
            # Same members: one drawn inside the other, the ring being a declared empty zone.
            if min(A.difference(B).area, B.difference(A).area) > eps:
                report.problems.append(f"{a} and {b} have the same members but neither is inside the other")
        else:
            for inner, outer in ((a, b), (b, a)):
                if data[inner] <= data[outer] and shapes[inner].difference(shapes[outer]).area > eps:
                    report.problems.append(f"{inner} is not drawn inside {outer}")
        if not (data[a] & data[b]) and A.intersection(B).area > eps:
            report.problems.append(f"{a} and {b} overlap but share no member")
        crossing = A.exterior.intersects(B.exterior)
        if crossing:
            # A transversal crossing (angle >= 15 degrees) keeps under 2 pt of the other
            # curve's 0.25 pt band; anything beyond that is the curves running together.
            points = A.exterior.intersection(B.exterior)
            crossings = len(getattr(points, "geoms", [points]))
            shared = A.exterior.intersection(B.exterior.buffer(0.25)).length - 2.0 * crossings
            if shared > 0.5:
                report.problems.append(f"{a} and {b} run together for {shared:.1f} pt")
        elif A.exterior.distance(B.exterior) < min_gap:
            report.problems.append(f"{a} and {b} nearly touch "
                                   f"({A.exterior.distance(B.exterior):.1f} pt apart)")
    report.problems += _triple_points(shapes, min_gap)
    return report


def _triple_points(shapes: dict, min_gap: float) -> list[str]:
    """Crossings of two curves that lie close to a third curve."""
    problems = []
    names = sorted(shapes)
    for a, b in combinations(names, 2):
        points = shapes[a].exterior.intersection(shapes[b].exterior)
        for p in getattr(points, "geoms", [points]):
            if p.is_empty or p.geom_type != "Point":
                continue
            for c in names:
                if c not in (a, b) and shapes[c].exterior.distance(p) < min_gap:
                    problems.append(f"{a}, {b} and {c} meet near ({p.x:.0f}, {p.y:.0f})")
    return problems


def check_layout(layout: EulerLayout) -> Report:
    """Everything ``check_shapes`` checks, plus every label against its zone and the others."""
    from shapely import Polygon, box

    shapes = {s.id: Polygon(s.polygon) for s in layout.sets}
    members = {s.id: s.members for s in layout.sets}
    report = check_shapes(shapes, layout.data, [frozenset(z) for z in layout.empty_zones],
                          members=members)
    zones = expand(drawn_zones(shapes), members)
    elements = set().union(*layout.data.values()) if layout.data else set()
    seen = [e.id for e in layout.elements] + [e for mark in layout.marks for e in mark.members]
    for e in sorted(elements - set(seen)):
        report.problems.append(f"{e} is not drawn")
    for e in sorted({x for x in seen if seen.count(x) > 1}):
        report.problems.append(f"{e} is drawn {seen.count(e)} times")

    boxes = {}
    for element in layout.elements:
        expected = frozenset(s for s in layout.data if element.id in layout.data[s])
        if frozenset(element.sets) != expected:
            report.problems.append(f"{element.id} is listed in {sorted(element.sets)}, data says {sorted(expected)}")
        label = box(*element.box)
        boxes[f"label {element.id}"] = label
        if expected:
            pieces = zones.get(expected, [])
            if not any(p.buffer(-LABEL_PAD).contains(label) for p in pieces):
                report.problems.append(f"label of {element.id} is not inside its zone "
                                       f"{{{','.join(sorted(expected))}}}")
        elif any(shape.buffer(LABEL_PAD).intersects(label) for shape in shapes.values()):
            report.problems.append(f"label of {element.id} (in no set) touches a set")
    for mark in layout.marks:  # a narrow layout's zone number stands for the elements of its zone
        for e in mark.members:
            expected = frozenset(s for s in layout.data if e in layout.data[s])
            if frozenset(mark.sets) != expected:
                report.problems.append(f"{e} is listed in {sorted(mark.sets)}, data says {sorted(expected)}")
        label = box(*mark.box)
        boxes[f"zone number {mark.number}"] = label
        if not any(p.buffer(-LABEL_PAD).contains(label) for p in zones.get(frozenset(mark.sets), [])):
            report.problems.append(f"zone number {mark.number} is not inside its zone {{{','.join(sorted(mark.sets))}}}")
    for s in layout.sets:
        name = box(*s.label_box)
        boxes[f"name of {s.id}"] = name
        for other in layout.sets:
            if other.id != s.id and shapes[other.id].exterior.intersects(name):
                report.problems.append(f"name of {s.id} crosses the outline of {other.id}")
    for text in layout.texts:
        boxes[f"{text.role} '{text.text[:20]}'"] = box(*text.box)
        if any(shape.intersects(box(*text.box)) for shape in shapes.values()):
            report.problems.append(f"{text.role} '{text.text[:20]}' overlaps the diagram")
    for (a, ga), (b, gb) in combinations(sorted(boxes.items()), 2):
        if ga.intersection(gb).area > 0.5:
            report.problems.append(f"{a} overlaps {b}")
    return report


def verify(layout: EulerLayout) -> None:
    """Raise ``LayoutCheckError`` unless the layout passes every check."""
    report = check_layout(layout)
    if not report.ok:
        raise LayoutCheckError("the Euler layout failed its check: " + report.summary())
