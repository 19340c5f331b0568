"""World-scale benchmark: each measurement against a baseline run in the same process.

    PYTHONPATH=src python benchmarks/world.py [--db PATH] [--quick]

Without ``--db`` the COW files (``--cow DIR``: a folder with ``cow_igo_v3/`` and
``cow_states/``, by default ``../shared/data``; the full files from correlatesofwar.org) are
imported into a temporary store first.  Prints one line per measurement: ours, the baseline, and the ratio (baseline/ours,
so higher is better for us).  Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "src"))


def median_call_us(fn, args_list) -> float:
    times = []
    for args in args_list:
        t = time.perf_counter_ns()
        fn(*args)
        times.append(time.perf_counter_ns() - t)
    return statistics.median(times) / 1000


def timed(fn, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def line(label: str, ours: float, base: float, unit: str) -> None:
    print(f"{label:<46} ours {ours:>10.3f} {unit:<3} baseline {base:>10.3f} {unit:<3} "
          f"ratio {base / ours:>7.1f}x")


def machine() -> str:
    model = "unknown"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        model = next((l.split(":", 1)[1].strip() for l in out.splitlines() if l.startswith("Model name")), model)
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}"


def bench_queries(world, spells, n: int) -> None:
    """members/memberships from the interval index vs filtering a pandas table per call."""
    rng = random.Random(1)
    orgs = world.default_orgs("cow")
    ccodes = sorted(set(spells.ccode))
    world.warm(orgs=orgs, states=ccodes)
    days = [dt.date(rng.randint(1950, 2014), rng.randint(1, 12), rng.randint(1, 28)) for _ in range(n)]
    org_q = [(rng.choice(orgs), d) for d in days]
    state_q = [(rng.choice(ccodes), d) for d in days]

    def pandas_members(org, day):
        n_ = day.toordinal()
        s = spells
        return s[(s.org == org) & (s.start <= n_) & (s.end > n_) & (s.status != "unknown")]

    def pandas_memberships(ccode, day):
        n_ = day.toordinal()
        s = spells
        return s[(s.ccode == ccode) & (s.start <= n_) & (s.end > n_) & (s.status != "unknown")]

    # same answers first
    for org, day in org_q[:50]:
        assert len(world.members(org, on=day)) == len(pandas_members(org, day))
    ours = median_call_us(lambda o, d: world.members(o, on=d), org_q)
    base = median_call_us(pandas_members, org_q[: max(200, n // 10)])
    line("members(org, on=day), median per call", ours, base, "µs")
    ours = median_call_us(lambda c, d: world.memberships(c, on=d), state_q)
    base = median_call_us(pandas_memberships, state_q[: max(200, n // 10)])
    line("memberships(state, on=day), median per call", ours, base, "µs")
    ours = median_call_us(lambda o, d: world.members(o, on=d.isoformat()), org_q)
    print(f"{'  (with a text date parsed each call)':<46} ours {ours:>10.3f} µs")


def pandas_state_years(spells, periods, system):
    """The full state-year panel with plain pandas: explode spells to years, pivot."""
    import pandas as pd

    s = spells.copy()
    s["y0"] = pd.to_datetime(s.start_date.str[:4] + "-01-01").dt.year
    s["y1"] = pd.to_datetime(s.end_date.str[:4] + "-01-01").dt.year - 1
    s["year"] = [list(range(a, b + 1)) for a, b in zip(s.y0, s.y1)]
    s = s.explode("year")
    s["code"] = s.status.map({"member": 1, "associate": 2, "observer": 3, "unknown": -9})
    wide = s.pivot_table(index=["ccode", "year"], columns="org", values="code", aggfunc="first")
    p = periods.copy()
    p["year"] = [list(range(a, b + 1)) for a, b in zip(p.start_year, p.end_year)]
    p = p.explode("year").assign(alive=0)
    alive = p.pivot_table(index="year", columns="org", values="alive", aggfunc="first")
    frame = system.merge(alive.reset_index(), on="year", how="left")
    frame = frame.set_index(["ccode", "year"])
    frame = frame.fillna(-1)
    wide = wide.reindex(index=frame.index, columns=frame.columns)
    frame = wide.fillna(frame).astype("int8").reset_index()
    return frame.sort_values(["ccode", "year"], ignore_index=True)


def bench_state_years(world, spells) -> None:
    import numpy as np

    periods = world._con.execute("SELECT org, start_year, end_year FROM org_periods").df()
    system = world.system()
    ours_t, ours = timed(lambda: world.state_years(source="cow"), 3)
    base_t, base = timed(lambda: pandas_state_years(spells, periods, system), 3)
    cols = list(ours.columns[2:])
    same = np.array_equal(ours[cols].to_numpy(), base[cols].to_numpy())
    line(f"state-year panel, {len(ours)}×{len(cols)} (equal: {same})", ours_t, base_t, "s")


def bench_dyads(world, quick: bool) -> None:
    import numpy as np
    import pandas as pd

    sy = pd.read_csv(DATA / "cow_igo_v3" / "state_year_format3.csv")
    ids = list(sy.columns[3:])

    def numpy_int():
        parts = []
        for year, g in sy.groupby("year"):
            g = g.sort_values("ccode")
            m = (g[ids].to_numpy() == 1).astype(np.int64)
            c = m @ m.T
            i, j = np.triu_indices(len(g), k=1)
            cc = g.ccode.to_numpy()
            parts.append(pd.DataFrame({"ccode1": cc[i], "ccode2": cc[j], "year": year, "n": c[i, j]}))
        return pd.concat(parts, ignore_index=True)

    def pandas_join():
        long = sy.melt(id_vars=["ccode", "year"], value_vars=ids, var_name="org", value_name="code")
        long = long[long.code == 1][["ccode", "year", "org"]]
        pairs = long.merge(long, on=["year", "org"])
        pairs = pairs[pairs.ccode_x < pairs.ccode_y]
        return pairs.groupby(["ccode_x", "ccode_y", "year"]).size()

    ours_t, ours = timed(lambda: world.dyad_years(source="cow", drop_false_dyads=False), 3)
    base_t, base = timed(numpy_int, 3)
    merged = ours.merge(base, on=["ccode1", "ccode2", "year"])
    equal = len(merged) == len(base) == len(ours) and bool((merged.joint_full == merged.n).all())
    line(f"dyad-years, {len(ours):,} rows, vs numpy int matmul (equal: {equal})", ours_t, base_t, "s")
    if not quick:
        join_t, joined = timed(pandas_join, 1)
        hits = ours.set_index(["ccode1", "ccode2", "year"]).joint_full
        joined.index.names = hits.index.names
        same = bool((hits[hits > 0].sort_index() == joined.sort_index()).all())
        line(f"dyad-years vs pandas self-join (equal: {same})", ours_t, join_t, "s")
    fd_t, _ = timed(lambda: world.dyad_years(source="cow"), 3)
    print(f"{'  with false dyads dropped (day precision)':<46} ours {fd_t:>10.3f} s")


def bench_cold_start(db: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), BLOCMAP_DB=str(db))
    commands = {
        "blocmap members csto --on 2010-01-01": [sys.executable, "-m", "blocmap", "members", "csto",
                                                 "--on", "2010-01-01"],
        "World(db).members('asean', on=…) (script)": [
            sys.executable, "-c",
            "from blocmap.core.world import World; World(curated=None).members('asean', on='2010-01-01')"],
        "python -c pass (interpreter alone)": [sys.executable, "-c", "pass"],
    }
    for label, cmd in commands.items():
        times = []
        for _ in range(7):
            t = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - t)
        print(f"cold start {label:<44} median {statistics.median(times):.3f} s "
              f"(min {min(times):.3f})")
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "blocmap", "members", "csto",
                          "--on", "2010-01-01"], env=env, capture_output=True, text=True).stderr
    rows = []
    for text in out.splitlines():
        if text.startswith("import time:") and "|" in text:
            parts = text.split("|")
            try:
                rows.append((int(parts[1]), parts[2].rstrip()))
            except ValueError:
                continue
    top = [r for r in rows if not r[1].startswith("  ")]
    heavy = {name.strip() for _, name in rows} & {"pandas", "duckdb", "numpy", "pyarrow", "matplotlib"}
    print("  -X importtime, top-level imports (cumulative µs):",
          ", ".join(f"{name.strip()} {us}" for us, name in sorted(top, reverse=True)[:6]))
    print(f"  heavy libraries imported by 'members': {sorted(heavy) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--cow", type=Path, default=DATA,
                        help="folder with cow_igo_v3/ and cow_states/ (the full COW files)")
    parser.add_argument("--quick", action="store_true", help="fewer calls, skip the slow self-join")
    args = parser.parse_args()
    from blocmap.core.world import World
    from blocmap.core.world.cowimport import import_cow

    print(f"machine: {machine()}")
    db = args.db
    if db is None:
        cow = args.cow
        if not (cow / "cow_igo_v3" / "state_year_format3.csv").is_file():
            sys.exit(f"benchmarks/world.py: no COW files in {cow}; give --cow DIR or --db PATH")
        db = Path(tempfile.mkdtemp(prefix="blocmap-bench-")) / "world.duckdb"
        t = time.perf_counter()
        import_cow(cow / "cow_igo_v3" / "state_year_format3.csv", cow / "cow_igo_v3" / "igo_year_format3.csv",
                   cow / "cow_states" / "states2016.csv", db)
        print(f"import of the three COW files: {time.perf_counter() - t:.2f} s")
    world = World(db, curated=None)  # COW coding throughout, so baselines see the same spells
    spells = world.spell_table(source="cow")
    print(f"spells: {len(spells):,} in {len(world.cow_orgs)} organizations")
    bench_queries(world, spells, 2000 if args.quick else 20000)
    bench_state_years(world, spells)
    bench_dyads(world, args.quick)
    bench_cold_start(db)


if __name__ == "__main__":
    main()
