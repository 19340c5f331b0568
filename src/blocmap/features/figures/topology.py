"""Topology first: which rectangle edges go in which order, so that the zones are exact.

Every set is drawn as one axis-aligned rectangle whose four edges lie on a grid of 2N
vertical and 2N horizontal lines, one edge per line.  Because no two edges share a line,
curves never run together, never meet at a point and always cross at right angles; the
grid spacing chosen later (``euler.py``) is the gap between curves.  Groups of sets that
share no element are solved apart and put side by side (they may reuse horizontal lines:
their curves are a column apart).

The fewest empty zones (below) are first bounded from the data (``empty_zone_bound``), then
looked for by a small exact search (``search.fewest``) that draws most groups, or proves the
bound one higher, without loading OR-Tools.  Otherwise a small constraint program (OR-Tools
CP-SAT, within a deterministic budget) chooses the edge order so that the
signature of every grid cell is a zone of the data (or empty), every zone of the data
appears, and containment and disjointness hold.  When the data cannot be drawn that way
(e.g. CIS covered exactly by two disjoint organizations) a cell may take one of the few
other signatures the pair relations allow; the solver uses the fewest such *empty zones*
(then the fewest cells) and they are reported, never hidden.  Zones of the data come in
one piece: connectivity constraints are added when a first answer splits one.  The
answers for every group of sets in the bundled data ship with blocmap (``topology_table``,
consulted through ``solve``'s ``lookup``; this module does not import it).

The approach follows RectEuler (Paetzold, Kehlbeck, Strobelt, Xue, Storandt and Deussen,
"RectEuler: Visualizing Intersecting Sets using Rectangles", Computer Graphics Forum 42(3),
EuroVis 2023), with a constraint solver in place of its MiniZinc model.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from blocmap.core.messages import Text
from blocmap.features.figures.search import fewest, within
from blocmap.features.figures.zones import (  # noqa: F401 - the solver's records, used by its callers too
    GridTopology,
    LayoutImpossible,
    Signature,
    components,
    configuration_key,
    grid_cells,
    identical_groups,
    required_zones,
    split_zones,
)

#: Families of this many curves or more are first asked whether --max-empty can be met (a
#: relaxed solve without connectivity, stopped at its first solution), and then solved for
#: their optimal drawing; smaller ones are solved for at most --max-empty at once (see
#: ``solve``).
CHECK_FROM = 6
#: The solver's wall-clock guard, in multiples of its deterministic ``budget``: on a loaded
#: machine the guard may stop it before the budget (``topology_table`` raises it).
WALL_GUARD = 8
#: Deterministic seconds per solve (the shipped table is made with it too, so its entries are
#: what a fresh solve gives): it keeps the slowest solve of up to eight curves near half a
#: second; where it runs out the drawing is the best one in one piece found, its count of empty
#: zones said to be unproven.
RUN_BUDGET = 0.5


def _connected(model, order, size, allowed, inside, is_zone, slack) -> None:
    """Each zone in one piece, and the outside reaching the border (no holes).

    Every cell carries a distance ``d``; a cell is either its zone's single root or has a
    neighbour of the same signature with a smaller ``d``, so following smaller distances
    always ends at the root.  The outside may root anywhere on the border; empty zones
    (``slack`` cells) may come in pieces: they are hatched and listed either way.
    """
    cells = [(i, j) for i in range(size) for j in range(size)]
    dist = {c: model.new_int_var(0, size * size, f"d_{c[0]}_{c[1]}") for c in cells}
    same = {}
    for (i, j) in cells:
        for n in ((i + 1, j), (i, j + 1)):
            if n[0] >= size or n[1] >= size:
                continue
            equal = []
            for s in order:
                e = model.new_bool_var("")
                a, b = inside[s, i, j], inside[s, n[0], n[1]]
                model.add_bool_or([~a, b]).only_enforce_if(e)
                model.add_bool_or([a, ~b]).only_enforce_if(e)
                equal.append(e)
            both = model.new_bool_var("")
            model.add_bool_and(equal).only_enforce_if(both)
            same[(i, j), n] = same[n, (i, j)] = both
    roots = {k: [] for k in range(len(allowed))}
    for c in cells:
        i, j = c
        options = []
        for n in ((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)):
            if (c, n) not in same:
                continue
            step = model.new_bool_var("")
            model.add_implication(step, same[c, n])
            model.add(dist[n] < dist[c]).only_enforce_if(step)
            options.append(step)
        on_border = i in (0, size - 1) or j in (0, size - 1)
        for k, zone in enumerate(allowed):
            if not zone and on_border:
                options.append(is_zone[i, j, k])  # the outside continues beyond the grid
                continue
            root = model.new_bool_var("")
            model.add_implication(root, is_zone[i, j, k])
            roots[k].append(root)
            options.append(root)
        options.append(slack[c])
        model.add_bool_or(options)
    for k, zone in enumerate(allowed):
        if zone:
            model.add_at_most_one(roots[k])
        else:
            model.add(sum(roots[k]) == 0)  # an empty cell inside the grid must reach the border


def candidates(sets: dict[str, frozenset[str]], limit: int = 12) -> list[Signature]:
    """Signatures no element has but a drawing may show: closed under containment, no
    disjoint pair.  Any other signature would break a hard pair constraint anyway."""
    from itertools import combinations

    order = sorted(sets)
    if len(order) > limit:
        raise LayoutImpossible(Text("fig.too_many_sets", {"n": len(order)}))
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


def _structure(sets: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """The sets with their zones as elements: the solver sees the zone structure only, so a
    cached answer is exactly what a fresh solve of another family with these zones gives."""
    zones = sorted("|".join(sorted(z)) for z in required_zones(sets))
    return {s: frozenset(z for z in zones if s in z.split("|")) for s in sets}


def _families(sets: dict[str, frozenset[str]]) -> list[frozenset[Signature]]:
    """Groups of signatures of which every drawing shows at least one, although the data has none.

    Look just outside the curve of a set I (closer than the gap between curves): every
    point there lies in all sets that strictly contain I (``outer``), in no set disjoint
    from or inside I, and possibly in sets that cross I.  A set X crossing I covers part of
    I's curve, so some signature between outer + X and outer + crossers is drawn there;
    where the data has none of those, one of them is an empty zone.  Where no two crossers
    can overlap there, the crossers cannot cover the whole curve and ``outer`` itself is
    drawn.  ``sets`` must not hold two sets with the same members (see ``identical_groups``).
    """
    required = required_zones(sets)
    allowed = required | set(candidates(sets))
    order = sorted(sets)
    found: list[frozenset[Signature]] = []
    for inner in order:
        outer = frozenset(x for x in order if x != inner and sets[inner] < sets[x])
        crossers = frozenset(x for x in order if x != inner and sets[x] & sets[inner]
                             and not sets[inner] <= sets[x] and not sets[x] <= sets[inner])
        for x in sorted(crossers):
            options = frozenset(z for z in allowed if outer | {x} <= z <= outer | crossers)
            if not options & required:
                found.append(options)
        coverable = any(len(z & crossers) >= 2 and outer <= z <= outer | crossers for z in allowed)
        if outer and not coverable and outer not in required:
            found.append(frozenset({outer}) if outer in allowed else frozenset())
    return found + _overlap_families(sets, required, allowed)


def _overlap_families(sets: dict[str, frozenset[str]], required: set[Signature],
                      allowed: set[Signature]) -> list[frozenset[Signature]]:
    """Groups of signatures of which every drawing shows one, by Helly's theorem for boxes.

    Sets that share elements must overlap in the drawing.  Axis-parallel rectangles that
    overlap pairwise have a point in common (Helly number 2), so for every largest group of
    pairwise overlapping sets some drawn signature holds them all; where the data has no such
    zone, one of the possible signatures holding them is an empty zone.
    """
    order = sorted(sets)
    meets = {s: {t for t in order if t != s and sets[s] & sets[t]} for s in order}
    cliques: list[frozenset[str]] = []

    def grow(clique: frozenset[str], options: set[str], excluded: set[str]) -> None:
        if not options and not excluded:
            cliques.append(clique)
            return
        for s in sorted(options):  # Bron-Kerbosch: every maximal group, once
            grow(clique | {s}, options & meets[s], excluded & meets[s])
            options = options - {s}
            excluded = excluded | {s}

    grow(frozenset(), set(order), set())
    found = []
    for clique in cliques:
        if len(clique) >= 3 and not any(clique <= z for z in required):
            found.append(frozenset(z for z in allowed if clique <= z))
    return found


def empty_zone_bound(sets: dict[str, frozenset[str]]) -> int:
    """The fewest empty zones any drawing of ``sets`` with one curve per distinct set needs:
    a lower bound found without solving.  On 2,659 configurations sampled from the atlas
    it never exceeded the solver's proven answer and equalled it for 770 of the 911 that
    need any empty zone.

    Sets with identical members count as one curve.  A huge number where some curve
    cannot be drawn at all.
    """
    from itertools import combinations

    merged = {g[0]: sets[g[0]] for g in identical_groups(sets)}
    families = set(_families(merged))
    if any(not f for f in families):
        return 10 ** 6
    forced = {next(iter(f)) for f in families if len(f) == 1}
    rest = [f for f in families if not f & forced]
    universe = sorted(set().union(*rest), key=lambda z: (len(z), sorted(z))) if rest else []
    for k in range(len(universe) + 1):  # the smallest hitting set; the families are tiny
        for chosen in combinations(universe, k):
            if all(f & set(chosen) for f in rest):
                return len(forced) + k
    return len(forced) + len(universe)


def solve(sets: dict[str, frozenset[str]], max_extra_cells: int = 64,
          budget: float = RUN_BUDGET, max_empty: int | None = None,
          hint: GridTopology | None = None, lookup: Any = None, thorough: bool = False) -> GridTopology:
    """The edge order for ``sets`` (deterministic), or ``LayoutImpossible``.

    Sets with identical members are one curve (``outlines``; their rectangles are equal).
    Groups of sets that share no element are solved apart and placed side by side.
    ``budget`` is CP-SAT *deterministic* time per group, so the answer does not depend on
    the machine's speed or load.  With ``max_empty``, a family that needs more empty zones
    (``empty_zone_bound``, then the search's proof) is refused before any solving.  A group
    of fewer than ``CHECK_FROM`` curves is then solved for drawings with at most what is left
    of ``max_empty`` only: a refusal is that one solve (its infeasibility is the proof, else
    ``not_found``).  A larger group is first asked whether ``max_empty`` can be met at all
    (``can_draw``): "no" is a proof, no answer within the budget a refusal (``not_found``)
    without the full solve, and "yes" leads to its optimal drawing, whatever its count.  That
    is done only when ``thorough`` (the shipped table is made so: up to a few seconds a group,
    once).  Otherwise the search looks longer for any drawing within ``max_empty`` first
    (``search.within``): it draws most of the groups the full solve drew, in milliseconds, and
    a search that ends without one proves the refusal; a larger group it cannot settle is
    refused as none found, without OR-Tools, and a smaller one gets the capped solve.
    ``hint`` (e.g. the previous day's topology) seeds the solver.  ``lookup`` answers a linked
    group of curves before any solving where it can: a ``GridTopology``, a refusal (an object
    with ``more_than`` and ``proven``, as ``topology_table.Refusal``) or None; the shipped
    table's ``TopologyTable.get`` is one (``layout_cache.solve`` passes it).
    """
    order = tuple(sorted(sets))
    if not order:
        return GridTopology(order, {}, {}, (), 0, 0)
    groups = identical_groups(sets)
    bound = empty_zone_bound(sets)
    if max_empty is not None and bound > max_empty:
        raise LayoutImpossible(Text("fig.needs_at_least", {"bound": bound, "max_empty": max_empty}), bound=bound)
    singles = _structure({g[0]: sets[g[0]] for g in groups})
    linked = components({g[0]: sets[g[0]] for g in groups})
    known: dict[tuple[str, ...], Any] = {c: None for c in linked}
    if lookup is not None:
        known = {c: lookup({s: singles[s] for s in c}) for c in linked}
    for component, found in known.items():
        if isinstance(found, GridTopology):
            continue
        if found is not None and found.more_than is None:
            raise LayoutImpossible(Text("fig.cannot_draw", {"sets": list(component)}))
        if found is not None and max_empty is not None and found.more_than >= max_empty:
            if not found.proven:
                raise LayoutImpossible.none_found(max_empty, found.more_than)
            raise LayoutImpossible.needs_more(found.more_than, max_empty)
        known[component] = None  # a refusal says nothing about a larger --max-empty: solve
    # The small search first: a drawing that meets the bound is the answer, and a search that
    # ends without one proves the bound one higher.  Groups are drawn apart, so their counts add.
    bounds = {c: empty_zone_bound({s: singles[s] for s in c}) for c in linked}
    for component in linked:
        if known[component] is None:
            family = {s: singles[s] for s in component}
            others = sum(bounds.values()) - bounds[component]
            known[component], bounds[component] = fewest(
                family, required_zones(family), candidates(family), bounds[component],
                None if max_empty is None else max_empty - others)
    needed = sum(bounds.values())
    if max_empty is not None and needed > max_empty:
        raise LayoutImpossible(Text("fig.needs_at_least", {"bound": needed, "max_empty": max_empty}), bound=needed)
    if max_empty is not None and not thorough:
        # Any drawing within what is left of max_empty (the other groups need at least their
        # bounds), looked for longer; a search that ends without one proves the refusal.
        for component in linked:
            if known[component] is None:
                family = {s: singles[s] for s in component}
                drawing, proven = within(family, required_zones(family), candidates(family), bounds[component],
                                         max_empty - (needed - bounds[component]))
                if drawing is not None:
                    known[component] = replace(drawing, proven=proven)
                elif proven:
                    raise LayoutImpossible.needs_more(max_empty, max_empty)
        if sum(len(known[c].extra) if known[c] else bounds[c] for c in linked) > max_empty:
            raise LayoutImpossible.none_found(max_empty)  # drawn apart, the groups need too many
    if max_empty is not None:
        for component in linked:
            family = {s: singles[s] for s in component}
            if known[component] is None and len(family) >= CHECK_FROM:
                if not thorough:  # what the search could not settle: no solve at run time
                    raise LayoutImpossible.none_found(max_empty)
                answer = can_draw(family, max_empty, budget)
                if answer is False:
                    raise LayoutImpossible.needs_more(max_empty, max_empty)
                if answer is None:  # not even the relaxed question answered: no full solve
                    raise LayoutImpossible.none_found(max_empty)
    parts = []
    for component in linked:
        family = {s: singles[s] for s in component}
        # The other groups need at least their bounds: this one may have what is left.
        cap = None
        if max_empty is not None and len(family) < CHECK_FROM:
            cap = max_empty - (needed - bounds[component])
        try:
            parts.append(known[component] or
                         _solve_group(family, max_extra_cells, budget, bounds[component], hint, cap))
        except _NoneWithin as exc:
            if exc.proven:
                raise LayoutImpossible.needs_more(max_empty, max_empty) from None
            raise LayoutImpossible.none_found(max_empty) from None
        except LayoutImpossible:
            if max_empty is None:
                raise
            raise LayoutImpossible.none_found(max_empty) from None  # none in one piece, and the relaxed one had some
    rects, offset, ny = {}, 0, max(p.ny for p in parts)
    for part in parts:
        for s, (x0, x1, y0, y1) in part.rects.items():
            rects[s] = (x0 + offset, x1 + offset, y0, y1)
        offset += part.nx + 1  # one more column between groups: an empty gap
    nx = offset - 1
    for group in groups:
        for twin in group[1:]:
            rects[twin] = rects[group[0]]  # one curve for sets with the same members
    cells = grid_cells(order, rects, nx, ny)
    zones = required_zones(sets)
    extra = tuple(sorted({z for z in cells.values() if z and z not in zones},
                         key=lambda z: (len(z), sorted(z))))
    return GridTopology(order, rects, cells, extra, nx, ny, all(p.proven for p in parts), groups)


def can_draw(sets: dict[str, frozenset[str]], max_empty: int, budget: float = RUN_BUDGET) -> bool | None:
    """Whether a drawing of one linked group (no two sets identical) with at most ``max_empty``
    empty zones can exist, asked of the model without its connectivity constraints and stopped
    at its first solution: False is a proof that more are needed, True that the relaxation has a
    solution, None that the budget ran out first.  It answers much faster than the optimal
    drawing (0.3-0.8 s instead of 2-6 s on the hardest 2006 and 2012 families)."""
    return _solve_group(sets, 64, budget, empty_zone_bound(sets), cap=max_empty, question=True)


class _NoneWithin(Exception):
    """No drawing of a group with at most its ``cap`` of empty zones: ``proven`` that none
    exists, or none found within the budget."""

    def __init__(self, proven: bool):
        super().__init__(proven)
        self.proven = proven


def _solve_group(sets: dict[str, frozenset[str]], max_extra_cells: int, budget: float,
                 bound: int = 0, hint: GridTopology | None = None,
                 cap: int | None = None, question: bool = False) -> Any:
    """The constraint program for one linked group without identical sets.  With ``cap``, only
    drawings with at most that many empty zones are looked for, and ``_NoneWithin`` says there
    is none: an infeasible model is the proof, so a refusal takes a single solve.  With
    ``question``, only whether the model without connectivity has a solution (``can_draw``)."""
    from blocmap.features.figures import cpsat

    cp_model = cpsat.cp_model()  # without pandas

    order = tuple(sorted(sets))
    n = len(order)
    size = 2 * n - 1  # cells per axis
    zones = sorted(required_zones(sets), key=lambda z: (len(z), sorted(z)))
    allowed = [frozenset()] + zones

    model = cp_model.CpModel()
    x0 = {s: model.new_int_var(0, 2 * n - 1, f"x0_{s}") for s in order}
    x1 = {s: model.new_int_var(0, 2 * n - 1, f"x1_{s}") for s in order}
    y0 = {s: model.new_int_var(0, 2 * n - 1, f"y0_{s}") for s in order}
    y1 = {s: model.new_int_var(0, 2 * n - 1, f"y1_{s}") for s in order}
    for s in order:
        model.add(x0[s] < x1[s])
        model.add(y0[s] < y1[s])
    model.add_all_different([x0[s] for s in order] + [x1[s] for s in order])
    model.add_all_different([y0[s] for s in order] + [y1[s] for s in order])

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
                model.add(x0[outer] < x0[inner])
                model.add(x1[inner] < x1[outer])
                model.add(y0[outer] < y0[inner])
                model.add(y1[inner] < y1[outer])
            elif not (A & B):
                sides = [model.new_bool_var(f"apart_{a}_{b}_{k}") for k in range(4)]
                model.add(x1[a] < x0[b]).only_enforce_if(sides[0])
                model.add(x1[b] < x0[a]).only_enforce_if(sides[1])
                model.add(y1[a] < y0[b]).only_enforce_if(sides[2])
                model.add(y1[b] < y0[a]).only_enforce_if(sides[3])
                model.add_bool_or(sides)
            else:
                # Overlapping sets must really overlap (their common zones need it).
                pass

    def span(lo, hi, index: int, tag: str):
        """A bool that is true when cell ``index`` lies between lines lo and hi."""
        after, before, inside = (model.new_bool_var(f"{tag}_{k}") for k in ("a", "b", "in"))
        model.add(lo <= index).only_enforce_if(after)
        model.add(lo > index).only_enforce_if(~after)
        model.add(hi >= index + 1).only_enforce_if(before)
        model.add(hi < index + 1).only_enforce_if(~before)
        model.add_bool_and([after, before]).only_enforce_if(inside)
        model.add_bool_or([~after, ~before]).only_enforce_if(~inside)
        return inside

    in_x = {(s, i): span(x0[s], x1[s], i, f"ix_{s}_{i}") for s in order for i in range(size)}
    in_y = {(s, j): span(y0[s], y1[s], j, f"iy_{s}_{j}") for s in order for j in range(size)}
    inside = {}
    for s in order:
        for i in range(size):
            for j in range(size):
                b = model.new_bool_var(f"in_{s}_{i}_{j}")
                model.add_bool_and([in_x[s, i], in_y[s, j]]).only_enforce_if(b)
                model.add_bool_or([~in_x[s, i], ~in_y[s, j]]).only_enforce_if(~b)
                inside[s, i, j] = b

    # A cell's signature is a zone of the data, the outside, or one of the few signatures
    # the pair relations still allow (``candidates``): those are the possible empty zones.
    extras = candidates(sets)
    slack = {}
    is_zone = {}
    uses = {z: [] for z in zones}
    extra_uses = {z: [] for z in extras}
    signatures = allowed + extras
    for i in range(size):
        for j in range(size):
            choice = []
            here = [(s, inside[s, i, j], ~inside[s, i, j]) for s in order]
            for k, zone in enumerate(signatures):
                z = model.new_bool_var(f"z_{i}_{j}_{k}")
                for s, lit, out in here:
                    model.add_implication(z, lit if s in zone else out)
                choice.append(z)
                if k < len(allowed):
                    is_zone[i, j, k] = z
                    if zone:
                        uses[zone].append(z)
                else:
                    extra_uses[zone].append(z)
            model.add_exactly_one(choice)
            slack[i, j] = model.new_bool_var(f"slack_{i}_{j}")
            model.add(sum(choice[len(allowed):]) == 1).only_enforce_if(slack[i, j])
            model.add(sum(choice[len(allowed):]) == 0).only_enforce_if(~slack[i, j])
    for zone in zones:
        model.add_bool_or(uses[zone])
    used = []
    for zone in extras:
        flag = model.new_bool_var(f"used_{sorted(zone)}")
        model.add_max_equality(flag, extra_uses[zone])
        used.append(flag)
    total_slack = sum(slack.values())
    model.add(total_slack <= max_extra_cells)
    # The count of empty zones known before solving: the solver proves its answer optimal
    # as soon as it finds one that meets it, instead of searching for fewer.
    model.add(sum(used) >= bound)
    if cap is not None:
        model.add(sum(used) <= cap)
    if hint is not None:
        _add_hint(model, hint, order, x0, x1, y0, y1)
    perimeter = sum(x1[s] - x0[s] + y1[s] - y0[s] for s in order)
    # Mirror and transpose symmetry: search one of the eight equivalent drawings only.
    big = max(order, key=lambda s: (len(sets[s]), s))  # sets hold zones: the structure decides
    model.add(x0[big] + x1[big] <= 2 * n - 1)
    model.add(y0[big] + y1[big] <= 2 * n - 1)
    model.add(x1[big] - x0[big] >= y1[big] - y0[big])
    # Fewest empty zones first, then fewest empty cells, then the most compact drawing.
    objective = 100000 * sum(used) + 1000 * total_slack + perimeter
    model.minimize(objective)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = WALL_GUARD * budget  # a guard on a loaded machine
    solver.parameters.num_workers = 1  # one worker: the same answer every run
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = budget
    # Measured on the benchmark cases: probing and the LP relaxation cost more in presolve
    # than they save in search for these small models (about 2x faster without).
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.linearization_level = 0
    # Stop once the empty zones and empty cells are proven fewest (a gap below one cell's
    # weight): the last points of perimeter cost most of the search and show least.
    solver.parameters.absolute_gap_limit = 999
    if question:
        solver.parameters.stop_after_first_solution = True
        status = solver.solve(model)
        return {cp_model.INFEASIBLE: False, cp_model.FEASIBLE: True, cp_model.OPTIMAL: True}.get(status)
    # Connectivity constraints are large and rarely needed: add them only when the first
    # answer splits a zone of the data or encloses a hole (a lazy constraint).  Every answer
    # met on the way is judged as well: the best one in one piece is a drawing already, and it
    # seeds the second solve (which then never starts from nothing) or stands in for it when
    # the budget runs out before that solve finds one.
    watch = _watch(order, size, set(zones), (x0, x1, y0, y1))
    infeasible = False
    for attempt in range(2):
        status = solver.solve(model, watch)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            rects = {s: (solver.value(x0[s]), solver.value(x1[s]),
                         solver.value(y0[s]), solver.value(y1[s])) for s in order}
            if not split_zones(grid_cells(order, rects, size, size), size, keep=set(zones)):
                return _topology(order, rects, size, zones, bound, status == cp_model.OPTIMAL)
        elif status == cp_model.INFEASIBLE:
            infeasible = True
            break
        if attempt == 0 and status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            _connected(model, order, size, allowed, inside, is_zone, slack)
            # More constraints never make a better drawing: what the first answer proved
            # about the objective holds, and the solver may stop as soon as it meets it.
            model.add(objective >= math.ceil(solver.best_objective_bound))
            if watch.best is not None:
                model.clear_hints()
                for s in order:
                    for var, value in zip((x0[s], x1[s], y0[s], y1[s]), watch.best[1][s]):
                        model.add_hint(var, value)
        else:
            break
    if watch.best is not None:  # the budget ran out: the best drawing in one piece met
        return _topology(order, watch.best[1], size, zones, bound, False)
    if cap is not None:  # none with at most ``cap`` empty zones: proven, or none found in time
        raise _NoneWithin(infeasible)
    raise LayoutImpossible(Text("fig.cannot_draw", {"sets": list(order)}))


def _topology(order, rects, size: int, zones, bound: int, optimal: bool) -> GridTopology:
    cells = grid_cells(order, rects, size, size)
    extra = tuple(sorted({sig for sig in cells.values() if sig and sig not in set(zones)},
                         key=lambda z: (len(z), sorted(z))))
    # Fewest empty zones: proven by the solver, or by meeting the bound from the data.
    return GridTopology(order, rects, cells, extra, size, size, proven=optimal or len(extra) <= bound)


def _watch(order, size: int, zones: set[Signature], lines: tuple) -> Any:
    """A solution callback that keeps the best answer (lowest objective) whose zones each come
    in one piece, as ``best = (objective, rects)``."""
    from blocmap.features.figures import cpsat

    cp_model = cpsat.cp_model()  # without pandas

    class Watch(cp_model.CpSolverSolutionCallback):
        best: tuple[float, dict] | None = None

        def on_solution_callback(self) -> None:
            value = self.objective_value
            if self.best is not None and self.best[0] <= value:
                return
            x0, x1, y0, y1 = lines
            rects = {s: (self.value(x0[s]), self.value(x1[s]), self.value(y0[s]), self.value(y1[s]))
                     for s in order}
            if not split_zones(grid_cells(order, rects, size, size), size, keep=zones):
                self.best = (value, rects)

    return Watch()


def _add_hint(model, hint: GridTopology, order, x0, x1, y0, y1) -> None:
    """Seed the solver with ``hint``'s rectangles where it drew exactly these sets together."""
    if any(s not in hint.rects for s in order):
        return
    left = min(hint.rects[s][0] for s in order)
    top = min(hint.rects[s][2] for s in order)
    values = {s: (a - left, b - left, c - top, d - top) for s, (a, b, c, d) in
              ((s, hint.rects[s]) for s in order)}
    if max(max(v) for v in values.values()) > 2 * len(order) - 1:
        return  # drawn on a wider grid with other sets in between: no use as a seed
    for s in order:
        for var, value in zip((x0[s], x1[s], y0[s], y1[s]), values[s]):
            model.add_hint(var, value)
