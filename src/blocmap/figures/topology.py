"""Topology first: which rectangle edges go in which order, so that the zones are exact.

Every set is drawn as one axis-aligned rectangle whose four edges lie on a grid of 2N
vertical and 2N horizontal lines, one edge per line.  Because no two edges share a line,
curves never run together, never meet at a point and always cross at right angles; the
grid spacing chosen later (``euler.py``) is the gap between curves.  Groups of sets that
share no element are solved apart and put side by side (they may reuse horizontal lines:
their curves are a column apart).

A small constraint program (OR-Tools CP-SAT) chooses the edge order so that the
signature of every grid cell is a zone of the data (or empty), every zone of the data
appears, and containment and disjointness hold.  When the data cannot be drawn that way
(e.g. CIS covered exactly by two disjoint organizations) a cell may take one of the few
other signatures the pair relations allow; the solver uses the fewest such *empty zones*
(then the fewest cells) and they are reported, never hidden.  Zones of the data come in
one piece: connectivity constraints are added when a first answer splits one.

The approach follows RectEuler (Paetzold, Kehlbeck, Strobelt, Xue, Storandt and Deussen,
"RectEuler: Visualizing Intersecting Sets using Rectangles", Computer Graphics Forum 42(3),
EuroVis 2023), with a constraint solver in place of its MiniZinc model.
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
    horizontal lines j, j+1 (y grows downwards); there are ``nx`` by ``ny`` cells.
    ``extra`` are drawn signatures the data does not have (empty zones); ``proven`` says
    the solver proved that no drawing of this kind needs fewer extra cells.
    """

    order: tuple[str, ...]
    rects: dict[str, tuple[int, int, int, int]]
    cells: dict[tuple[int, int], Signature]
    extra: tuple[Signature, ...]
    nx: int = 0
    ny: int = 0
    proven: bool = True


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
    always ends at the root.  The outside may root anywhere on the border; empty zones
    (``slack`` cells) may come in pieces: they are hatched and listed either way.
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


def candidates(sets: dict[str, frozenset[str]], limit: int = 12) -> list[Signature]:
    """Signatures no element has but a drawing may show: closed under containment, no
    disjoint pair.  Any other signature would break a hard pair constraint anyway."""
    from itertools import combinations

    order = sorted(sets)
    if len(order) > limit:
        raise LayoutImpossible(f"{len(order)} sets are too many for an Euler diagram; "
                               "use 'blocmap figure upset'")
    required = required_zones(sets)
    supersets = {s: [t for t in order if t != s and sets[s] <= sets[t]] for s in order}
    found = []
    for r in range(1, len(order) + 1):
        for combo in combinations(order, r):
            sig = frozenset(combo)
            if sig in required:
                continue
            if any(t not in sig for s in sig for t in supersets[s]):
                continue
            if any(not (sets[a] & sets[b]) for a, b in combinations(combo, 2)):
                continue
            found.append(sig)
    return found


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


def solve(sets: dict[str, frozenset[str]], max_extra_cells: int = 64,
          budget: float = 3.0) -> GridTopology:
    """The edge order for ``sets`` (deterministic), or ``LayoutImpossible``.

    Groups of sets that share no element are solved apart and placed side by side; sets
    with identical members (twins) are solved as one and drawn nested (see ``_nest_twins``).
    ``budget`` is CP-SAT *deterministic* time per group, so the answer does not depend on
    the machine's speed or load.
    """
    order = tuple(sorted(sets))
    if not order:
        return GridTopology(order, {}, {}, (), 0, 0)
    twins: dict[str, list[str]] = {}
    for s in order:
        first = next(r for r in order if sets[r] == sets[s])
        if first != s:
            twins.setdefault(first, []).append(s)
    singles = {s: sets[s] for s in order if not any(s in t for t in twins.values())}
    parts = [_solve_group({s: singles[s] for s in group}, max_extra_cells, budget)
             for group in components(singles)]
    rects, offset, ny = {}, 0, max(p.ny for p in parts)
    for part in parts:
        for s, (x0, x1, y0, y1) in part.rects.items():
            rects[s] = (x0 + offset, x1 + offset, y0, y1)
        offset += part.nx + 1  # one more column between groups: an empty gap
    nx = offset - 1
    rects, nx, ny = _nest_twins(rects, twins, nx, ny)
    cells = {(i, j): frozenset(s for s in order if rects[s][0] <= i < rects[s][1]
                               and rects[s][2] <= j < rects[s][3])
             for i in range(nx) for j in range(ny)}
    zones = required_zones(sets)
    extra = tuple(sorted({z for z in cells.values() if z and z not in zones},
                         key=lambda z: (len(z), sorted(z))))
    proven = all(p.proven for p in parts) and len(extra) == sum(len(p.extra) for p in parts) + \
        sum(len(t) for t in twins.values())
    return GridTopology(order, rects, cells, extra, nx, ny, proven)


def _nest_twins(rects: dict, twins: dict[str, list[str]], nx: int, ny: int):
    """Draw each twin just inside the previous one, on new grid lines next to its edges.

    Twins have the same members, so any drawing with separate curves has a ring that is
    inside one and not the other: that ring is reported as an empty zone.
    """
    rects = dict(rects)

    def insert(axis: int, line: int) -> None:
        lo, hi = (0, 1) if axis == 0 else (2, 3)
        for s, r in rects.items():
            r = list(r)
            for k in (lo, hi):
                if r[k] >= line:
                    r[k] += 1
            rects[s] = tuple(r)

    for first in sorted(twins):
        outer = first
        for twin in twins[first]:
            for lo, hi in ((0, 1), (2, 3)):
                insert(lo // 2, rects[outer][lo] + 1)   # a new line just inside the near edge
                insert(lo // 2, rects[outer][hi])       # and one just inside the far edge
            x0, x1, y0, y1 = rects[outer]
            rects[twin] = (x0 + 1, x1 - 1, y0 + 1, y1 - 1)
            nx, ny = nx + 2, ny + 2
            outer = twin
    return rects, nx, ny


def _solve_group(sets: dict[str, frozenset[str]], max_extra_cells: int,
                 budget: float) -> GridTopology:
    from ortools.sat.python import cp_model

    order = tuple(sorted(sets))
    n = len(order)
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

    # Pair relations of the data are hard constraints, also for the empty zones.
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

    # A cell's signature is a zone of the data, the outside, or one of the few signatures
    # the pair relations still allow (``candidates``): those are the possible empty zones.
    extras = candidates(sets)
    slack = {}
    is_zone = {}
    uses = {z: [] for z in zones}
    extra_uses = {z: [] for z in extras}
    for i in range(size):
        for j in range(size):
            choice = []
            for k, zone in enumerate(allowed + extras):
                z = model.NewBoolVar(f"z_{i}_{j}_{k}")
                for s in order:
                    lit = inside[s, i, j]
                    model.AddImplication(z, lit if s in zone else lit.Not())
                choice.append(z)
                if k < len(allowed):
                    is_zone[i, j, k] = z
                    if zone:
                        uses[zone].append(z)
                else:
                    extra_uses[zone].append(z)
            model.AddExactlyOne(choice)
            slack[i, j] = model.NewBoolVar(f"slack_{i}_{j}")
            model.Add(sum(choice[len(allowed):]) == 1).OnlyEnforceIf(slack[i, j])
            model.Add(sum(choice[len(allowed):]) == 0).OnlyEnforceIf(slack[i, j].Not())
    for zone in zones:
        model.AddBoolOr(uses[zone])
    used = []
    for zone in extras:
        flag = model.NewBoolVar(f"used_{sorted(zone)}")
        model.AddMaxEquality(flag, extra_uses[zone])
        used.append(flag)
    total_slack = sum(slack.values())
    model.Add(total_slack <= max_extra_cells)
    perimeter = sum(x1[s] - x0[s] + y1[s] - y0[s] for s in order)
    # Mirror and transpose symmetry: search one of the eight equivalent drawings only.
    big = max(order, key=lambda s: (len(sets[s]), s))
    model.Add(x0[big] + x1[big] <= 2 * n - 1)
    model.Add(y0[big] + y1[big] <= 2 * n - 1)
    model.Add(x1[big] - x0[big] >= y1[big] - y0[big])
    # Fewest empty zones first, then fewest empty cells, then the most compact drawing.
    model.Minimize(100000 * sum(used) + 1000 * total_slack + perimeter)

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # one worker: the same answer every run
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = budget
    # Measured on the benchmark cases: probing and the LP relaxation cost more in presolve
    # than they save in search for these small models (about 2x faster without).
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.linearization_level = 0
    # Connectivity constraints are large and rarely needed: add them only when the first
    # answer splits a zone of the data or encloses a hole (a lazy constraint).
    for attempt in range(2):
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
            return GridTopology(order, rects, cells, extra, size, size,
                                proven=status == cp_model.OPTIMAL)
        if attempt == 0:
            _connected(model, order, size, allowed, inside, is_zone, slack)
    raise LayoutImpossible(
        f"cannot draw {', '.join(order)} as an Euler diagram with one rectangle per set "
        f"within the solver's budget; use 'blocmap figure upset'")
