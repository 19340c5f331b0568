"""What a figure process imports: OR-Tools without pandas, and a refusal decided before solving
imports no solver (issue #24: the whole process, not only the solve, has to fit in a second).

Each check runs in a fresh interpreter, so that what it sees in ``sys.modules`` is what that
one process imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")
#: The eight organizations of 2012-06-01 that need five empty zones (docs/figures.md).
EIGHT_2012 = "cis,cst@2002-06-01,csto,eurasec,customs_union,union_state,guam,sco"


def _run(code: str, tmp_path: Path) -> dict:
    env = {**os.environ, "BLOCMAP_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": SRC}
    env.pop("BLOCMAP_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          cwd=tmp_path, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


LOADED = "{m: m in sys.modules for m in ('ortools', 'pandas', 'matplotlib', 'duckdb')}"


def test_the_solver_runs_without_pandas_and_gives_the_known_answer(tmp_path):
    """Three sets meeting two by two with no common element: every drawing shows the three
    sets alone and their centre, four empty zones, and the constraint program proves it."""
    code = ("import sys, json\n"
            "from blocmap.features.figures import topology\n"
            "sets = {'a': frozenset('xy'), 'b': frozenset('yz'), 'c': frozenset('zx')}\n"
            "topo = topology._solve_group(sets, 64, topology.RUN_BUDGET, topology.empty_zone_bound(sets))\n"
            "out = {'extra': sorted(''.join(sorted(z)) for z in topo.extra), 'proven': topo.proven,\n"
            "       'loaded': " + LOADED + "}\n"
            "print(json.dumps(out))")
    out = _run(code, tmp_path)
    assert out["extra"] == ["a", "abc", "b", "c"]
    assert out["proven"] is True
    assert out["loaded"] == {"ortools": True, "pandas": False, "matplotlib": False, "duckdb": False}


def test_the_series_helpers_still_get_real_pandas(tmp_path):
    """cp_model imported without pandas still works for a caller that uses pandas with it, and
    no module imported meanwhile keeps the stand-in."""
    code = ("import sys, json, types\n"
            "known = set(sys.modules)\n"
            "from blocmap.features.figures.cpsat import cp_model, _LaterPandas\n"
            "module = cp_model()\n"
            "before = 'pandas' in sys.modules\n"
            "kept = [name for name in set(sys.modules) - known for value in vars(sys.modules[name]).values()\n"
            "        if isinstance(value, types.ModuleType) and value.__name__ == 'pandas'\n"
            "        and not isinstance(value, _LaterPandas)]\n"
            "import pandas as pd\n"
            "series = module.CpModel().new_int_var_series('x', pd.Index([1, 2, 3]), 0, 5)\n"
            "print(json.dumps([before, kept, type(series).__name__, len(series), module is cp_model()]))")
    assert _run(code, tmp_path) == [False, [], "Series", 3, True]


def _cli(args: list[str]) -> str:
    """A whole ``blocmap`` command in the child process, then what it has imported."""
    return ("import sys, json, runpy\n"
            f"sys.argv = ['blocmap', *{args!r}]\n"
            "try:\n"
            "    runpy.run_module('blocmap', run_name='__main__')\n"
            "except SystemExit as exc:\n"
            "    code = exc.code\n"
            "print(json.dumps({'code': code, 'loaded': " + LOADED + "}))")


def test_a_refusal_by_the_bound_imports_neither_solver_nor_renderer(tmp_path):
    """Nor the store's database: the bundled data is read without duckdb."""
    out = _run(_cli(["figure", "euler", "--on", "2012-06-01", "--orgs", EIGHT_2012, "-o", "x.json"]), tmp_path)
    assert out["code"] == 1  # refused: needs at least five empty zones
    assert out["loaded"] == {"ortools": False, "pandas": False, "matplotlib": False, "duckdb": False}
    assert not (tmp_path / "x.json").exists()


def test_the_upset_fallback_draws_without_the_solver(tmp_path):
    out = _run(_cli(["figure", "euler", "--on", "2012-06-01", "--orgs", EIGHT_2012, "-o", "x.svg"]), tmp_path)
    assert out["code"] in (0, None)
    assert out["loaded"] == {"ortools": False, "pandas": False, "matplotlib": True, "duckdb": False}
    assert b"<svg" in (tmp_path / "x.svg").read_bytes()[:400]


def test_a_refusal_remembered_in_the_cache_imports_no_solver(tmp_path):
    """A configuration the solver once refused (remembered on disk) is refused by the next
    process from the cache alone, with the count it was proven to need more than."""
    code = ("import sys, json\n"
            "from blocmap.features.figures import layout_cache\n"
            "from blocmap.features.figures.zones import LayoutImpossible, configuration_key\n"
            "sets = {'a': frozenset({'A', 'AB', 'AC'}), 'b': frozenset({'B', 'AB', 'BC'}),\n"
            "        'c': frozenset({'C', 'AC', 'BC'})}\n"
            f"cache = layout_cache.TopologyCache({str(tmp_path / 'figures')!r})\n"
            "if sys.argv[-1] == 'first':\n"
            "    cache.refuse(configuration_key(sets), 3)  # as the solver does after a proof\n"
            "try:\n"
            "    layout_cache.solve(sets, max_empty=3, cache=cache)\n"
            "    said = None\n"
            "except LayoutImpossible as exc:\n"
            "    said = [exc.render('en'), exc.bound]\n"
            "print(json.dumps({'said': said, 'loaded': " + LOADED + "}))")
    env = {**os.environ, "PYTHONPATH": SRC, "BLOCMAP_CACHE_DIR": str(tmp_path / "cache")}
    runs = [json.loads(subprocess.run([sys.executable, "-c", code, which], env=env, capture_output=True,
                                      text=True, check=True).stdout) for which in ("first", "second")]
    for run in runs:
        assert run["said"] == ["an Euler diagram of these sets needs more than 3 empty zones (more than --max-empty 3)", 4]
        assert run["loaded"] == {"ortools": False, "pandas": False, "matplotlib": False, "duckdb": False}
    assert runs[0]["said"] == runs[1]["said"]
