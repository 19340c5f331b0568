"""A small exact search for an Euler topology, without OR-Tools: most families are drawn here.

The same drawings as the constraint program of ``topology`` (one rectangle per set, its four
edges on a grid of 2N vertical and 2N horizontal lines, one edge per line), searched directly:
the order of the vertical edges first, then that of the horizontal ones, row by row.  A row's
cells are known as soon as its line is placed, so a row showing a signature that is neither a
zone of the data nor an allowed empty zone (``topology.candidates``), or more empty zones than
wanted, ends that branch at once.  Containment nests the edges, and sets that share elements
overlap along both axes, by construction.

``fewest`` looks for a drawing with as many empty zones as the bound known from the data
(``topology.empty_zone_bound``), so what it finds is proven to need the fewest; where it
searched everything and found none, that is a proof too, and it looks for one more.  It gives
up after a fixed number of steps (the answer never depends on the machine); the search is
small enough that the whole of it costs less than loading OR-Tools (about half a second).
Where it gives up and a most is asked (``--max-empty``), ``within`` looks longer for any
drawing with at most that many, then for fewer: on random groups of six and seven
organizations imported from COW it finds in a few milliseconds the drawings the constraint
program took one to two seconds to find, with as many empty zones, and a search that ends
without one is a proof as well.  Only what it cannot settle goes to the constraint program.
"""

from __future__ import annotations

from collections.abc import Iterator

from blocmap.features.figures.zones import GridTopology, Signature, grid_cells, split_zones

#: Steps (rows and columns placed) before the search gives up: a few hundredths of a second.
#: Each of the 220 drawings of the shipped table that meet the bound is found within 600.
STEPS = 1000
#: The steps one whole drawing costs to judge (its zones in one piece).
CHECK = 50
#: Steps of the search for any drawing within ``--max-empty`` (``within``), after ``fewest``
#: gave up: about a fifth of a second where it finds none (seven curves, 2-core machine).
WITHIN_STEPS = 20000


class _OutOfSteps(Exception):
    pass


def fewest(sets: dict[str, frozenset[str]], zones: set[Signature], empty: list[Signature],
           bound: int, most: int | None = None, steps: int = STEPS) -> tuple[GridTopology | None, int]:
    """``(drawing, bound)``: a drawing with the fewest empty zones, or None, and the fewest empty
    zones any drawing needs as far as the search has proven it.

    It looks for ``bound`` empty zones (a lower bound known from the data), then, each time
    the search ends without a drawing and with steps to spare (a proof that none exists),
    for one more, up to ``most``.  None when the steps run out first (the bound returned
    still holds) or when more than ``most`` are needed (the bound returned is ``most + 1``).
    """
    left = steps
    while most is None or bound <= most:
        found, left = search(sets, zones, empty, bound, left)
        if found is not None or left <= 0:
            return found, bound
        bound += 1
    return None, bound


def within(sets: dict[str, frozenset[str]], zones: set[Signature], empty: list[Signature],
           bound: int, most: int, steps: int = WITHIN_STEPS) -> tuple[GridTopology | None, bool]:
    """``(drawing, proven)``: the drawing with the fewest empty zones, at most ``most``, found
    within ``steps``, and whether its count is proven fewest (with no drawing: proven that none
    has at most ``most``).  ``bound`` is a proven lower bound (``fewest``'s).

    The first drawing found with at most ``most`` empty zones is kept, then one with fewer is
    looked for with the steps left, and so on: a search that ends without one proves the last
    drawing's count, as reaching ``bound`` does.
    """
    best: GridTopology | None = None
    want = most
    while want >= bound:
        found, steps = search(sets, zones, empty, want, steps)
        if found is None:
            return best, steps > 0  # searched everything: none with at most ``want``
        best, want = found, len(found.extra) - 1
        if steps <= 0:
            return best, False
    return best, True


def search(sets: dict[str, frozenset[str]], zones: set[Signature], empty: list[Signature],
           want: int, steps: int = STEPS) -> tuple[GridTopology | None, int]:
    """A drawing of one linked group (no two sets identical) showing every zone of ``zones``,
    at most ``want`` of the signatures ``empty`` and nothing else, each zone in one piece and no
    hole in the outside, or None; and the steps left (none or fewer: it gave up; more: the
    search was complete, so a None proves that no such drawing exists)."""
    order = tuple(sorted(sets))
    n = len(order)
    bit = {s: 1 << k for k, s in enumerate(order)}
    mask = lambda z: sum(bit[s] for s in z)  # noqa: E731
    required = {mask(z) for z in zones}
    allowed = {mask(z) for z in empty}
    outer = [0] * n   # sets strictly containing set k
    inner = [0] * n   # sets strictly inside set k
    meets = [0] * n   # sets sharing elements with k, neither inside the other
    for a in range(n):
        for b in range(n):
            A, B = sets[order[a]], sets[order[b]]
            if a == b:
                continue
            if A < B:
                outer[a] |= 1 << b
                inner[b] |= 1 << a
            elif A & B and not B < A:
                meets[a] |= 1 << b
    # The zones of the data that hold set k: all of them must have been drawn by the time k's
    # last edge is placed, as no later column (or row) holds k.
    holding = [[z for z in required if z >> k & 1] for k in range(n)]
    budget = [steps]

    def moves(opened: int, closed: int, drawn: frozenset[int]) -> Iterator[tuple[int, bool]]:
        """The edges that may come next along an axis, as (k, True) to open set k or (k, False)
        to close it: a set opens inside its open containers and closes after every set inside
        it, after every partner it meets opened, and once every zone holding it is ``drawn``.
        Each call is one step of the budget."""
        budget[0] -= 1
        if budget[0] < 0:
            raise _OutOfSteps
        live = opened & ~closed
        for k in range(n):
            b = 1 << k
            if not opened & b:
                if outer[k] & ~live:
                    continue  # a container is not open (or already closed)
                yield k, True
            elif not closed & b:
                if inner[k] & ~closed or meets[k] & ~opened:
                    continue  # something inside is still open, or a partner never opened
                if any(z not in drawn for z in holding[k]):
                    continue  # a zone holding k is drawn nowhere yet: no later slab holds k
                yield k, False

    def sequences() -> Iterator[list[int]]:
        """Every order of the 2n edges along one axis, as events: k opens set k, ~k closes it."""
        events: list[int] = []

        def grow(opened: int, closed: int, covered: frozenset[int]) -> Iterator[list[int]]:
            if closed == (1 << n) - 1:
                yield events
                return
            live = opened & ~closed
            for k, opening in moves(opened, closed, covered):
                b = 1 << k
                if opening:
                    events.append(k)
                    slab = live | b  # only opening an edge makes a column that holds more
                    yield from grow(opened | b, closed, covered | {z for z in required if z & slab == z})
                else:
                    events.append(~k)
                    yield from grow(opened, closed | b, covered)
                events.pop()

        yield from grow(0, 0, frozenset())

    def slabs(events: list[int]) -> list[int]:
        out, current = [], 0
        for e in events[:-1]:
            current = current | (1 << e) if e >= 0 else current & ~(1 << ~e)
            out.append(current)
        return out

    def rows(columns: list[int]) -> Iterator[list[int]]:
        """Orders of the horizontal edges whose every row shows only allowed signatures, with at
        most ``want`` empty zones, and every zone of the data somewhere."""
        events: list[int] = []

        def grow(opened: int, closed: int, current: int, seen: frozenset[int],
                 extra: frozenset[int]) -> Iterator[list[int]]:
            if closed == (1 << n) - 1:
                if seen >= required and len(extra) <= want:
                    yield events
                return
            for k, opening in moves(opened, closed, seen):
                b = 1 << k
                row, step = (current | b, (opened | b, closed)) if opening else (current & ~b, (opened, closed | b))
                signatures = {c & row for c in columns} - {0}
                if not signatures <= required | allowed:
                    continue
                more = extra | (signatures - required)
                if len(more) > want:
                    continue
                events.append(k if row & b else ~k)
                yield from grow(*step, row, seen | (signatures & required), more)
                events.pop()

        yield from grow(0, 0, 0, frozenset(), frozenset())

    def lines(events: list[int]) -> dict[int, tuple[int, int]]:
        at: dict[int, list[int]] = {}
        for position, e in enumerate(events):
            at.setdefault(e if e >= 0 else ~e, []).append(position)
        return {k: (p[0], p[1]) for k, p in at.items()}

    size = 2 * n - 1
    try:
        for xs in sequences():
            columns = slabs(xs)
            if not all(any(z & c == z for c in columns) for z in required):
                continue
            x = lines(xs)
            for ys in rows(columns):
                budget[0] -= CHECK  # judging a whole drawing costs as much as many steps
                if budget[0] < 0:
                    return None, 0
                y = lines(ys)
                rects = {order[k]: (x[k][0], x[k][1], y[k][0], y[k][1]) for k in range(n)}
                cells = grid_cells(order, rects, size, size)
                if split_zones(cells, size, keep=zones):
                    continue
                extra = tuple(sorted({z for z in cells.values() if z and z not in zones},
                                     key=lambda z: (len(z), sorted(z))))
                return GridTopology(order, rects, cells, extra, size, size, proven=True), budget[0]
    except _OutOfSteps:
        return None, 0
    return None, max(budget[0], 1)
