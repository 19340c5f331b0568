"""Time of ``blocmap report`` per step, as ratios against a baseline measured in this process.

    PYTHONPATH=src python benchmarks/report.py [--on 2024-06-01] [--lang zh-Hant] [--kind pdf] [--repeat 3]

The baseline is the HTML report of the same day and language (the same data, charts and template,
no typesetting), so "ratio" says how many times the HTML report the PDF (or PNG) costs, whatever
the machine.  Steps are timed between the messages ``render_report`` sends to its ``progress``
callback, which are the steps the CLI shows; "cpu" is this process's CPU time, which moves less
than wall time when other programs share the cores.  The first run of a process also pays for
imports and font loading, so it is shown apart; the whole command is then run in fresh processes
(what a user waits for; the goal of issue #14 is under 10 s on a 2-core machine).
Nothing here is a test: it only prints.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import blocmap
from blocmap.features.report.build import render_report

#: The folder holding the blocmap package measured here, so the fresh process runs the same code.
SOURCE = Path(blocmap.__file__).resolve().parents[1]
GOAL = 10.0


class StepClock:
    """A ``progress`` callback that records (step, wall s, cpu s) for each step."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, float, float]] = []
        self._name: str | None = None
        self._wall = self._cpu = 0.0

    def __call__(self, name: str) -> None:
        self._close()
        self._name, self._wall, self._cpu = name, time.perf_counter(), time.process_time()

    def _close(self) -> None:
        if self._name is not None:
            self.steps.append((self._name, time.perf_counter() - self._wall, time.process_time() - self._cpu))
        self._name = None

    def finish(self) -> list[tuple[str, float, float]]:
        self._close()
        return self.steps


def timed_report(atlas, on: str, lang: str, kind: str) -> list[tuple[str, float, float]]:
    clock = StepClock()
    render_report(atlas, on, lang, kind, progress=clock)
    return clock.finish()


def whole_command(on: str, lang: str, kind: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of ``blocmap report`` in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(SOURCE))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"report.{kind}"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "blocmap", "report", "--on", on, "--lang", lang, "-o", str(target)],
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def total(steps: list[tuple[str, float, float]]) -> tuple[float, float]:
    return sum(s[1] for s in steps), sum(s[2] for s in steps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--on", default="2024-06-01")
    parser.add_argument("--lang", default="zh-Hant")
    parser.add_argument("--kind", default="pdf", choices=("pdf", "png"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-command", action="store_true", help="Skip the run in a fresh process.")
    args = parser.parse_args()

    started = time.perf_counter()
    atlas = blocmap.load()
    load = time.perf_counter() - started
    first = timed_report(atlas, args.on, args.lang, args.kind)
    runs = [timed_report(atlas, args.on, args.lang, args.kind) for _ in range(args.repeat)]
    baseline = statistics.median(total(timed_report(atlas, args.on, args.lang, "html"))[0]
                                 for _ in range(args.repeat))

    print(f"blocmap report --on {args.on} --lang {args.lang} ({args.kind}); median of {args.repeat} runs "
          f"after a first one; {os.cpu_count()} cores")
    print(f"{'step':<16} {'wall s':>7} {'cpu s':>7} {'first s':>8}")
    for index, (name, *_rest) in enumerate(first):
        wall = statistics.median(r[index][1] for r in runs)
        cpu = statistics.median(r[index][2] for r in runs)
        print(f"{name:<16} {wall:7.2f} {cpu:7.2f} {first[index][1]:8.2f}")
    wall = statistics.median(total(r)[0] for r in runs)
    cpu = statistics.median(total(r)[1] for r in runs)
    print(f"{'report':<16} {wall:7.2f} {cpu:7.2f} {total(first)[0]:8.2f}   (atlas load {load:.2f} s)")
    print(f"{'baseline: html':<16} {baseline:7.2f}")
    print(f"ratio {args.kind}/html: {wall / baseline:.1f}")
    if not args.no_command:
        commands = [whole_command(args.on, args.lang, args.kind) for _ in range(args.repeat)]
        wall = statistics.median(c[0] for c in commands)
        cpu = statistics.median(c[1] for c in commands)
        print(f"whole command in a fresh process: {wall:.2f} s wall (fastest {min(c[0] for c in commands):.2f}), "
              f"{cpu:.2f} s cpu ({'ok' if wall < GOAL else 'SLOW'}: goal under {GOAL:.0f} s)")


if __name__ == "__main__":
    main()
