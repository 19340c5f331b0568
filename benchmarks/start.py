"""Cold start of ``blocmap members csto --on 2010-01-01``: without the atlas cache, with it, and
Python's own start (the baseline).  Issue #15 asks blocmap's own time to stay well under 0.3 s.

    PYTHONPATH=src python benchmarks/start.py [--runs 7]

Prints the median wall time of each, and blocmap's own time (minus a bare interpreter).
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-m", "blocmap", "members", "csto", "--on", "2010-01-01"]


def median_run(command: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    bare = median_run([sys.executable, "-c", "pass"], env, args.runs)
    with tempfile.TemporaryDirectory() as cache:
        cached_env = dict(env, BLOCMAP_CACHE_DIR=cache)
        subprocess.run(COMMAND, env=cached_env, check=True, stdout=subprocess.DEVNULL)  # fills the cache
        cached = median_run(COMMAND, cached_env, args.runs)
    uncached = median_run(COMMAND, dict(env, BLOCMAP_NO_CACHE="1"), args.runs)
    for name, wall in (("no cache", uncached), ("JSON cache", cached)):
        print(f"{name:10s} {wall:.3f} s wall, {wall - bare:.3f} s of blocmap's own, "
              f"{wall / bare:.1f}× python -c pass ({bare:.3f} s)")
    print(f"goal (a cold CLI answer under 0.3 s): {'met' if min(cached, uncached) < 0.3 else 'NOT met'}")


if __name__ == "__main__":
    main()
