"""Time per Euler layout for 4 to 8 organizations, as ratios against a baseline in this process.

    PYTHONPATH=src python benchmarks/figures.py [--repeat 3]

The baseline is the same pipeline on the smallest case (3 nested sets), measured in the same
process, so ratios compare across machines; the goal is under 1 s per layout on a 2-core
machine.  "empty" counts the hatched empty zones, "proven" says the solver proved that no
drawing needs fewer.  Each time covers the whole pipeline: topology (CP-SAT), label measurement,
geometry and the zone checker.  Nothing here is a test: it only prints.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

import blocmap
from blocmap.figures import topology
from blocmap.figures.adapter import collect, parse_orgs
from blocmap.figures.euler import euler_layout

CASES = [
    ("cis,eaeu,union_state", "2016-06-01"),                                          # baseline
    ("cis,csto,eaeu,union_state", "2016-06-01"),
    ("cis,csto,eaeu,customs_union,union_state", "2016-06-01"),
    ("cis,csto,eaeu,customs_union,union_state,guam", "2016-06-01"),
    ("cis,csto,eaeu,customs_union,union_state,guam,sco", "2016-06-01"),
    ("cis,csto,eaeu,customs_union,union_state,guam,sco,nato", "2016-06-01"),
    ("cis,cst,csto,eurasec,customs_union,union_state,guam,sco", "2012-06-01"),
]


def run_once(atlas, sets) -> tuple[float, float, int, bool]:
    labels = {e: atlas.state_name(e, "en") for e in set().union(*sets.values())}
    names = {s: atlas.org_name(s, "en", short=True) for s in sets}
    start = time.perf_counter()
    topo = topology.solve(sets)
    middle = time.perf_counter()
    euler_layout(sets, names, labels, topology=topo)  # includes the zone check
    return middle - start, time.perf_counter() - middle, len(topo.extra), topo.proven


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    atlas = blocmap.load()
    run_once(atlas, {"a": frozenset({"RUS"})})  # imports and font loading are not layout time
    baseline = None
    print(f"{'orgs':>4}  {'solve s':>8}  {'layout s':>8}  {'total s':>8}  {'ratio':>6}  "
          f"{'empty':>5}  {'proven':>6}  goal   organizations on day")
    for orgs, day in CASES:
        data = collect(atlas, parse_orgs(orgs, dt.date.fromisoformat(day), atlas))
        sets = {k: v for k, v in data.sets.items() if v}
        runs = [run_once(atlas, sets) for _ in range(args.repeat)]
        solve = statistics.median(r[0] for r in runs)
        layout = statistics.median(r[1] for r in runs)
        total = solve + layout
        baseline = baseline or total
        goal = "ok" if total < 1.0 else "SLOW"
        print(f"{len(sets):>4}  {solve:8.3f}  {layout:8.3f}  {total:8.3f}  {total / baseline:6.1f}  "
              f"{runs[0][2]:>5}  {'yes' if runs[0][3] else 'no':>6}  {goal:<5}  {','.join(sets)} on {day}")


if __name__ == "__main__":
    main()
