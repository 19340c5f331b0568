"""Topology first: which rectangle edges go in which order, so that the zones are exact.

Every set is drawn as one axis-aligned rectangle whose four edges lie on a grid of 2N
vertical and 2N horizontal lines, one edge per line.  Because no two edges share a line,
curves never run together, never meet at a point and always cross at right angles; the
grid spacing chosen later (``euler.py``) is the gap between curves.

A small constraint program (OR-Tools CP-SAT) chooses the edge order so that the
signature of every grid cell is a zone of the data (or empty), and every zone of the data
appears.  When the data cannot be drawn that way (e.g. CIS covered exactly by two
disjoint organizations), a slack lets a cell take another signature; the fewest such cells
are used and the signatures are reported as *empty zones*, never hidden.  A zone split in
two pieces is rejected and the solver is asked again (a "no-good" cut).

The approach follows /work/shared/research/anchors-euler.md §4.5 and RectEuler (Paetzold
et al. 2023).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from ..errors import BlocmapError

Signature = frozenset[str]


@dataclass(frozen=True)
class GridTopology:
    """Rectangles as grid-line indexes: ``rects[set] = (x0, x1, y0, y1)`` with x0 < x1 and y0 < y1.

    ``cells[(i, j)]`` is the signature of the cell between vertical lines i, i+1 and
    horizontal lines j, j+1 (y grows downwards).  ``extra`` are drawn signatures that the
    data does not have (unavoidable empty zones).
    """

    order: tuple[str, ...]
    rects: dict[str, tuple[int, int, int, int]]
    cells: dict[tuple[int, int], Signature]
    extra: tuple[Signature, ...]

    @property
    def lines(self) -> int:
        return 2 * len(self.order)


class LayoutImpossible(BlocmapError):
    """No drawing with one rectangle per set was found within the budget."""


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


def _connected(model, order, size, allowed, inside, is_zone, slack) -> None:
    """Each zone in one piece, and the outside reaching the border (no holes).

    Every cell carries a distance ``d``; a cell is either its zone's single root or has a
    neighbour of the same signature with a smaller ``d``, so following smaller distances
    always ends at the root.  The outside may root anywhere on the border; extra (slack)
    zones are left to the after-check in ``solve``.
    """
    cells = [(i, j) for i in range(size) for j in range(size)]
    dist = {c: model.NewIntVar(0, size * size, f"d_{c[0]}_{c[1]}") for c in cells}
    same = {}
    for (i, j) in cells:
        for n in ((i + 1, j), (i, j + 1)):
            if n[0] >= size or n[1] >= size:
                continue
            equal = []
            for s in order:
                e = model.NewBoolVar("")
                a, b = inside[s, i, j], inside[s, n[0], n[1]]
                model.AddBoolOr([a.Not(), b]).OnlyEnforceIf(e)
                model.AddBoolOr([a, b.Not()]).OnlyEnforceIf(e)
                equal.append(e)
            both = model.NewBoolVar("")
            model.AddBoolAnd(equal).OnlyEnforceIf(both)
            same[(i, j), n] = same[n, (i, j)] = both
    roots = {k: [] for k in range(len(allowed))}
    for c in cells:
        i, j = c
        options = []
        for n in ((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)):
            if (c, n) not in same:
                continue
            step = model.NewBoolVar("")
            model.AddImplication(step, same[c, n])
            model.Add(dist[n] < dist[c]).OnlyEnforceIf(step)
            options.append(step)
        on_border = i in (0, size - 1) or j in (0, size - 1)
        for k, zone in enumerate(allowed):
            if not zone and on_border:
                options.append(is_zone[i, j, k])  # the outside continues beyond the grid
                continue
            root = model.NewBoolVar("")
            model.AddImplication(root, is_zone[i, j, k])
            roots[k].append(root)
            options.append(root)
        options.append(slack[c])
        model.AddBoolOr(options)
    for k, zone in enumerate(allowed):
        if zone:
            model.AddAtMostOne(roots[k])
        else:
            model.Add(sum(roots[k]) == 0)  # an empty cell inside the grid must reach the border


def solve(sets: dict[str, frozenset[str]], max_extra_cells: int = 64,
          budget: float = 10.0, max_retries: int = 8) -> GridTopology:
    """The edge order for ``sets`` (deterministic), or ``LayoutImpossible``.

    ``budget`` is CP-SAT *deterministic* time per solve, so the answer does not depend on
    the machine's speed.
    """
    from ortools.sat.python import cp_model

    order = tuple(sorted(sets))
    n = len(order)
    if n == 0:
        return GridTopology(order, {}, {}, ())
    size = 2 * n - 1  # cells per axis
    zones = sorted(required_zones(sets), key=lambda z: (len(z), sorted(z)))
    allowed = [frozenset()] + zones

    model = cp_model.CpModel()
    x0 = {s: model.NewIntVar(0, 2 * n - 1, f"x0_{s}") for s in order}
    x1 = {s: model.NewIntVar(0, 2 * n - 1, f"x1_{s}") for s in order}
    y0 = {s: model.NewIntVar(0, 2 * n - 1, f"y0_{s}") for s in order}
    y1 = {s: model.NewIntVar(0, 2 * n - 1, f"y1_{s}") for s in order}
    for s in order:
        model.Add(x0[s] < x1[s])
        model.Add(y0[s] < y1[s])
    model.AddAllDifferent([x0[s] for s in order] + [x1[s] for s in order])
    model.AddAllDifferent([y0[s] for s in order] + [y1[s] for s in order])

    # Pair relations of the data are hard constraints, even where slack is used.
    for a in order:
        for b in order:
            if a >= b:
                continue
            A, B = sets[a], sets[b]
            if A <= B or B <= A:
                inner, outer = (a, b) if A <= B else (b, a)
                if A == B:
                    inner, outer = a, b
                model.Add(x0[outer] < x0[inner])
                model.Add(x1[inner] < x1[outer])
                model.Add(y0[outer] < y0[inner])
                model.Add(y1[inner] < y1[outer])
            elif not (A & B):
                sides = [model.NewBoolVar(f"apart_{a}_{b}_{k}") for k in range(4)]
                model.Add(x1[a] < x0[b]).OnlyEnforceIf(sides[0])
                model.Add(x1[b] < x0[a]).OnlyEnforceIf(sides[1])
                model.Add(y1[a] < y0[b]).OnlyEnforceIf(sides[2])
                model.Add(y1[b] < y0[a]).OnlyEnforceIf(sides[3])
                model.AddBoolOr(sides)
            else:
                # Overlapping sets must really overlap (their common zones need it).
                pass

    def span(lo, hi, index: int, tag: str):
        """A bool that is true when cell ``index`` lies between lines lo and hi."""
        after, before, inside = (model.NewBoolVar(f"{tag}_{k}") for k in ("a", "b", "in"))
        model.Add(lo <= index).OnlyEnforceIf(after)
        model.Add(lo > index).OnlyEnforceIf(after.Not())
        model.Add(hi >= index + 1).OnlyEnforceIf(before)
        model.Add(hi < index + 1).OnlyEnforceIf(before.Not())
        model.AddBoolAnd([after, before]).OnlyEnforceIf(inside)
        model.AddBoolOr([after.Not(), before.Not()]).OnlyEnforceIf(inside.Not())
        return inside

    in_x = {(s, i): span(x0[s], x1[s], i, f"ix_{s}_{i}") for s in order for i in range(size)}
    in_y = {(s, j): span(y0[s], y1[s], j, f"iy_{s}_{j}") for s in order for j in range(size)}
    inside = {}
    for s in order:
        for i in range(size):
            for j in range(size):
                b = model.NewBoolVar(f"in_{s}_{i}_{j}")
                model.AddBoolAnd([in_x[s, i], in_y[s, j]]).OnlyEnforceIf(b)
                model.AddBoolOr([in_x[s, i].Not(), in_y[s, j].Not()]).OnlyEnforceIf(b.Not())
                inside[s, i, j] = b

    slack = {}
    is_zone = {}
    uses = {z: [] for z in zones}
    for i in range(size):
        for j in range(size):
            choice = []
            for k, zone in enumerate(allowed):
                z = model.NewBoolVar(f"z_{i}_{j}_{k}")
                for s in order:
                    lit = inside[s, i, j]
                    model.AddImplication(z, lit if s in zone else lit.Not())
                choice.append(z)
                is_zone[i, j, k] = z
                if zone:
                    uses[zone].append(z)
            slack[i, j] = model.NewBoolVar(f"slack_{i}_{j}")
            model.AddExactlyOne(choice + [slack[i, j]])
    for zone in zones:
        model.AddBoolOr(uses[zone])
    _connected(model, order, size, allowed, inside, is_zone, slack)
    total_slack = sum(slack.values())
    model.Add(total_slack <= max_extra_cells)
    perimeter = sum(x1[s] - x0[s] + y1[s] - y0[s] for s in order)
    # Mirror and transpose symmetry: search one of the eight equivalent drawings only.
    big = max(order, key=lambda s: (len(sets[s]), s))
    model.Add(x0[big] + x1[big] <= 2 * n - 1)
    model.Add(y0[big] + y1[big] <= 2 * n - 1)
    model.Add(x1[big] - x0[big] >= y1[big] - y0[big])
    # Fewest extra cells first, then the most compact drawing.
    model.Minimize(1000 * total_slack + perimeter)

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # one worker: the same answer every run
    solver.parameters.random_seed = 0
    for _ in range(max_retries):
        status = solver.Solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        rects = {s: (solver.Value(x0[s]), solver.Value(x1[s]),
                     solver.Value(y0[s]), solver.Value(y1[s])) for s in order}
        cells = {(i, j): frozenset(s for s in order
                                   if rects[s][0] <= i < rects[s][1] and rects[s][2] <= j < rects[s][3])
                 for i in range(size) for j in range(size)}
        if not split_zones(cells, size, keep=set(zones)):
            extra = tuple(sorted({sig for sig in cells.values() if sig and sig not in set(zones)},
                                 key=lambda z: (len(z), sorted(z))))
            return GridTopology(order, rects, cells, extra)
        # This order splits a zone: forbid exactly this assignment and ask again.
        same = []
        for k, var_map in enumerate((x0, x1, y0, y1)):
            for s in order:
                eq = model.NewBoolVar(f"seen_{k}_{s}")
                model.Add(var_map[s] == rects[s][k]).OnlyEnforceIf(eq)
                model.Add(var_map[s] != rects[s][k]).OnlyEnforceIf(eq.Not())
                same.append(eq.Not())
        model.AddBoolOr(same)
    raise LayoutImpossible(
        f"cannot draw {', '.join(order)} as an Euler diagram with one rectangle per set "
        f"and at most {max_extra_cells} empty cells; use 'blocmap figure upset'")
