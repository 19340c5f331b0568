"""Mutation testing (issue #26 item 3): plant small bugs in a module one at a time with mutmut and
see whether the tests that cover it fail.  Prints, per module, how many mutants the tests killed
(the score) and each survivor with its diff.  Slow (minutes to hours), so it is not run in CI.

    pip install ".[test,mutation]"            # mutmut, pinned in pyproject.toml
    python benchmarks/mutants.py --module src/blocmap/features/figures/check.py
    python benchmarks/mutants.py --module src/blocmap/features/econ.py --tests tests/test_econ_answers.py \
        --only 'blocmap.features.econ.x_asymmetry*'    # some functions only (mutmut's names, globs)
    python benchmarks/mutants.py              # every module the issue names (hours)

It works in a scratch copy of src/, tests/ and pyproject.toml (the working tree is never
changed), with ``[tool.mutmut]`` written into the copy for one module and the test files that
cover it (``MODULES`` below; ``--tests`` to choose others).  A survivor is a change no test
noticed: either a missing test, or an equivalent mutant (the same behaviour, e.g. a changed
default that every caller overrides); docs/mutation.md says which is which for the survivors
seen so far.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: The modules the issue names, each with the test files that cover it.
MODULES: dict[str, list[str]] = {
    "src/blocmap/core/*": ["tests/test_core_*.py", "tests/test_known_answers.py", "tests/test_languages.py",
                           "tests/test_dates_answers.py", "tests/test_timeline_answers.py"],
    "src/blocmap/answers/*": ["tests/test_answers_rows_answers.py", "tests/test_answers_class_answers.py",
                              "tests/test_answers_doors.py",
                              "tests/test_known_answers.py", "tests/test_doors_one_rule.py"],
    "src/blocmap/core/world/panels.py": ["tests/test_world_panels_answers.py", "tests/test_world_panels.py",
                                         "tests/test_world_nostore.py", "tests/test_world_rules.py"],
    "src/blocmap/features/econ.py": ["tests/test_econ_answers.py", "tests/test_econ_files_answers.py",
                                     "tests/test_econ_import_answers.py",
                                     "tests/test_econ_asymmetry.py",
                                     "tests/test_econ_import_safety.py", "tests/test_known_answers.py",
                                     "tests/test_core_strict_loader.py"],  # reaches check_bundled
    "src/blocmap/features/figures/check.py": ["tests/test_figures_check.py", "tests/test_figures_check_answers.py"],
}
#: Files and folders tests read beside src/ and tests/ (e.g. test_world_nostore.py runs docs/world.md's example).
ALSO_COPY = ("docs", "README.md", "CITATION.cff")
KILLED = ("killed", "timeout", "caught by type check", "segfault")
#: Mutants that were not tried (an interrupted run), left out of the score.
NOT_JUDGED = ("not checked", "skipped", "check was interrupted by user")


def tests_for(module: str) -> list[str] | None:
    """The test files of ``module`` in ``MODULES``: its own entry, or the entry of a glob that holds it
    (``src/blocmap/answers/rows.py`` is one of ``src/blocmap/answers/*``)."""
    if module in MODULES:
        return MODULES[module]
    return next((tests for pattern, tests in MODULES.items() if fnmatch.fnmatchcase(module, pattern)), None)


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(value) for value in values) + "]"


def prepare(folder: Path, module: str, tests: list[str]) -> None:
    """A copy of the project whose pyproject.toml tells mutmut what to mutate and test."""
    shutil.copytree(REPO / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copytree(REPO / "tests", folder / "tests", ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    for extra in ALSO_COPY:  # what tests read beside src/ and tests/ (docs tests, the README's examples)
        if (REPO / extra).is_dir():
            shutil.copytree(REPO / extra, folder / extra, ignore=shutil.ignore_patterns("__pycache__"))
        elif (REPO / extra).exists():
            shutil.copy2(REPO / extra, folder / extra)
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    selection = sorted({str(path.relative_to(REPO)) for pattern in tests for path in REPO.glob(pattern)})
    if not selection:
        raise SystemExit(f"mutants.py: error: no test file matches {tests}")
    text += ("\n[tool.mutmut]\n"
             'source_paths = ["src/blocmap"]\n'
             f"only_mutate = {toml_list([module])}\n"
             f"pytest_add_cli_args_test_selection = {toml_list(selection)}\n"
             'pytest_add_cli_args = ["-q", "-p", "no:cacheprovider"]\n'
             "use_git_change_detection = false\n"
             f"also_copy = {toml_list(list(ALSO_COPY))}\n")
    (folder / "pyproject.toml").write_text(text, encoding="utf-8")
    # where mutmut writes the mutated package, on PYTHONPATH: made now, since Python skips (and
    # remembers skipping) a path entry that does not exist when the interpreter starts
    (folder / "mutants" / "src").mkdir(parents=True)


def mutmut(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(folder / "mutants" / "src"), "BLOCMAP_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=folder, env=env,
                          capture_output=True, text=True)


def statuses(folder: Path) -> dict[str, str]:
    """Each mutant's status, from the ``.meta`` files mutmut writes beside the mutated copies."""
    from mutmut.stats import status_by_exit_code

    found = {}
    for meta in (folder / "mutants").rglob("*.py.meta"):
        data = json.loads(meta.read_text(encoding="utf-8"))
        for name, code in data.get("exit_code_by_key", {}).items():
            found[name] = status_by_exit_code[code]
    return found


def run_module(module: str, tests: list[str], children: int, keep: Path | None,
               only: list[str] | None = None) -> tuple[int, int]:
    folder = Path(tempfile.mkdtemp(prefix="blocmap-mutants-")) if keep is None else keep
    try:
        prepare(folder, module, tests)
        started = time.monotonic()
        result = mutmut(folder, "run", "--max-children", str(children), *(only or []))
        took = time.monotonic() - started
        found = statuses(folder)
        if not any(status not in NOT_JUDGED for status in found.values()):
            print(result.stdout[-3000:], result.stderr[-3000:], sep="\n", file=sys.stderr)
            raise SystemExit(f"mutants.py: error: mutmut produced no results for {module}")
        counts: dict[str, int] = {}
        for status in found.values():
            counts[status] = counts.get(status, 0) + 1
        killed = sum(counts.get(status, 0) for status in KILLED)
        judged = sum(n for status, n in counts.items() if status not in NOT_JUDGED)
        part = f" (only {', '.join(only)})" if only else ""
        print(f"\n{module}{part}: {killed} of {judged} mutants killed ({killed / judged:.1%}) in {took / 60:.1f} min "
              f"[{', '.join(f'{status} {n}' for status, n in sorted(counts.items()))}]")
        for name, status in sorted(found.items()):
            if status in KILLED or status in NOT_JUDGED:
                continue
            shown = mutmut(folder, "show", name).stdout
            diff = [line for line in shown.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
            print(f"  {status}: {name}")
            for line in diff:
                print(f"      {line}")
        return killed, judged
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--module", action="append", help="a module (or glob) to mutate; default: all of MODULES")
    parser.add_argument("--tests", action="append", help="test files (globs) to run; default: the module's in MODULES")
    parser.add_argument("--only", action="append",
                        help="only these mutants (mutmut names, globs), e.g. 'blocmap.features.econ.x_hhi*'")
    parser.add_argument("--max-children", type=int, default=1, help="mutants tested at once (default 1)")
    parser.add_argument("--keep", type=Path, help="work in this empty folder and keep it (mutmut browse there)")
    options = parser.parse_args(argv)
    try:
        import mutmut  # noqa: F401
    except ImportError:
        print("mutants.py: error: mutmut is not installed: pip install '.[mutation]'", file=sys.stderr)
        return 2
    modules = options.module or list(MODULES)
    total_killed = total = 0
    for module in modules:
        tests = options.tests or tests_for(module)
        if not tests:
            print(f"mutants.py: error: no tests known for {module}: give --tests", file=sys.stderr)
            return 2
        if options.keep is not None and len(modules) > 1:
            print("mutants.py: error: --keep works with one --module", file=sys.stderr)
            return 2
        killed, judged = run_module(module, tests, options.max_children, options.keep, options.only)
        total_killed, total = total_killed + killed, total + judged
    print(f"\nscore: {total_killed} of {total} mutants killed ({total_killed / total:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
