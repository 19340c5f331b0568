"""Solved topologies are cached by zone structure (memory and 0600 JSON files), and
``precompute`` solves every configuration of an org set ahead of the first request."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest

from blocmap.features.figures import api, layout_cache, topology, topology_table
from blocmap.features.figures.adapter import collect, parse_orgs
from blocmap.features.figures.check import check_layout
from blocmap.features.figures.euler import euler_layout

ORGS = "cis,csto,eaeu,customs_union,union_state,guam,sco"


def family(atlas, orgs: str, day: str) -> dict[str, frozenset[str]]:
    data = collect(atlas, parse_orgs(orgs, dt.date.fromisoformat(day), atlas))
    return {k: v for k, v in data.sets.items() if v}


def _no_solver(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the solver ran")

    monkeypatch.setattr(topology, "_solve_group", refuse)


def test_the_cache_round_trip_equals_a_fresh_solve(atlas, tmp_path, monkeypatch):
    sets = family(atlas, "cis,cst,csto,eaeu,customs_union,union_state,guam,sco", "2016-06-01")
    fresh = topology.solve(sets, lookup=topology_table.lookup)
    folder = tmp_path / "figures"
    layout_cache.solve(sets, cache=layout_cache.TopologyCache(folder))
    (path,) = folder.glob("*.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    stored = json.loads(path.read_text(encoding="utf-8"))  # plain JSON, no pickle
    assert stored["key"] == topology.configuration_key(sets)

    _no_solver(monkeypatch)
    again = layout_cache.solve(sets, cache=layout_cache.TopologyCache(folder))  # a new process
    assert again == fresh
    labels = {e: atlas.state_name(e, "zh-Hant") for e in set().union(*sets.values())}
    assert euler_layout(sets, {}, labels, topology=again).to_json() == \
        euler_layout(sets, {}, labels, topology=fresh).to_json()


def test_a_layout_solved_by_other_solver_code_is_not_served(atlas, tmp_path):
    """The files are keyed by a digest of the solver's code: after the solver changes, an
    answer of the old one is not found (it is solved again), never drawn as if current."""
    sets = family(atlas, "cis,cst,csto,eaeu,customs_union,union_state,guam,sco", "2016-06-01")
    folder = tmp_path / "figures"
    layout_cache.solve(sets, cache=layout_cache.TopologyCache(folder))
    key = topology.configuration_key(sets)
    assert layout_cache.TopologyCache(folder).get(key) is not None
    layout_cache.solver_digest.cache_clear()
    original = layout_cache.solver_digest()
    try:
        layout_cache.solver_digest.cache_clear()
        import unittest.mock

        with unittest.mock.patch.object(layout_cache, "solver_digest", lambda: "0" * 16):
            assert layout_cache.TopologyCache(folder).get(key) is None
    finally:
        layout_cache.solver_digest.cache_clear()
    assert layout_cache.solver_digest() == original


def test_one_entry_serves_every_family_with_the_same_zones(atlas, monkeypatch):
    cache = layout_cache.TopologyCache()
    first = family(atlas, "cis,csto,eaeu", "2016-06-01")
    renamed = {org: frozenset(f"X{e}" for e in members) for org, members in first.items()}
    fresh = topology.solve(renamed, lookup=topology_table.lookup)
    layout_cache.solve(first, cache=cache)
    _no_solver(monkeypatch)
    assert layout_cache.solve(renamed, cache=cache) == fresh
    assert len(cache) == 1


def test_unsafe_or_broken_cache_files_are_ignored(atlas, tmp_path):
    sets = family(atlas, "cis,csto,eaeu", "2016-06-01")
    folder = tmp_path / "figures"
    cache = layout_cache.TopologyCache(folder)
    layout_cache.solve(sets, cache=cache)
    (path,) = folder.glob("*.json")
    path.write_text("{not json", encoding="utf-8")
    assert layout_cache.TopologyCache(folder).get(topology.configuration_key(sets)) is None
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)  # others may write here: never read from or written to
    layout_cache.solve(sets, cache=layout_cache.TopologyCache(shared))
    assert list(shared.iterdir()) == []


def test_precompute_covers_every_configuration_of_every_change_day(atlas, monkeypatch):
    cache = layout_cache.TopologyCache()
    done = api.precompute(atlas, ORGS.split(","), "zh-Hant", cache=cache)
    days = api.change_days(atlas, ORGS.split(","))
    expected = {}
    for day in days:
        sets = family(atlas, ORGS, day.isoformat())
        if sets:
            expected[day] = topology.configuration_key(sets)
    assert done.days == expected
    assert set(expected.values()) == set(done.topologies) | set(done.refused)
    assert not set(done.topologies) & set(done.refused)
    assert len(set(expected.values())) < len(expected)  # days share configurations
    # Every later request is answered from the cache, checked, without the solver.
    _no_solver(monkeypatch)
    for day in sorted(expected):
        result = api.euler(atlas, day, ORGS, "zh-Hant", cache=cache)
        if expected[day] in done.refused:
            assert result.layout is None and result.fallback
        else:
            assert result.layout is not None and check_layout(result.layout).ok
    assert sorted(cache.keys()) == sorted(done.topologies)


def test_a_diagram_of_the_bundled_data_needs_neither_ortools_nor_matplotlib(tmp_path):
    """Figure 1's topology comes from the shipped table in the first process and from the
    disk cache in the second: OR-Tools (and the pandas it pulls in) and matplotlib are not
    imported to lay it out and check it."""
    import subprocess
    import sys

    code = ("import sys, datetime as dt, blocmap; from blocmap.features.figures import api; "
            "r = api.euler(blocmap.load(), dt.date(2016, 1, 1), None, 'zh-Hant'); "
            "assert r.layout is not None; "
            "print(sorted(m for m in ('ortools', 'pandas', 'matplotlib') if m in sys.modules))")
    env = {**os.environ, "BLOCMAP_CACHE_DIR": str(tmp_path)}
    env.pop("BLOCMAP_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                           check=True).stdout.strip() for _ in range(2)]
    assert runs == ["[]", "[]"]
    assert list((tmp_path / "figures").glob("*.json"))


# Six COW organizations on 1980-06-01 (NAPPO, OAS, IATTC, GLACSEC, SEAMEO, APFIC) as their zone
# structure: the constraint program does not answer, within its budget, whether three empty zones
# can do (before, two more solves followed and drew one with ten, which the figure refused).
NOT_FOUND = "1,2,3,4,8,12,17,19,28,44,48,57"


def test_a_search_that_found_nothing_in_time_is_remembered_for_its_max_empty(tmp_path, monkeypatch):
    sets = topology_table.family(NOT_FOUND)
    folder = tmp_path / "figures"
    message = "no Euler diagram of these sets with at most 3 empty zones was found within the solver's budget"
    with pytest.raises(topology.LayoutImpossible, match=message) as first:
        layout_cache.solve(sets, max_empty=3, cache=layout_cache.TopologyCache(folder))
    assert first.value.not_found == 3 and first.value.bound is None  # not a proof
    _no_solver(monkeypatch)
    cache = layout_cache.TopologyCache(folder)  # a new process
    with pytest.raises(topology.LayoutImpossible, match=message) as again:
        layout_cache.solve(sets, max_empty=3, cache=cache)
    assert again.value.not_found == 3
    key = topology.configuration_key(sets)
    assert cache.not_found(key, 3) and not cache.not_found(key, 4)  # a larger --max-empty is solved
