"""The shipped table of solved topologies (issue #14): data-only JSON, checked on load, one
entry for every group of curves that a figure of up to eight bundled organizations draws on
some day, each the solver's own answer and each passing the zone checker."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from blocmap.core.errors import DataError
from blocmap.features.figures import api, layout_cache, topology, topology_table
from blocmap.features.figures.check import check_layout
from blocmap.features.figures.euler import euler_layout
from blocmap.features.figures.topology_table import Refusal, TopologyTable

#: The slowest first solves before the table (2-8 s each on the development machine).
HARD = [
    ("ces,cis,eu,guam,nato,ots,sco,union_state", "2012-01-01"),
    ("csto,eu,eurasec,guam,nato,ots,sco,union_state", "2009-10-03"),
    ("cis,cst,customs_union,eu,guam,nato,ots,union_state", "2010-01-01"),
    ("cis,cst,csto,eurasec,customs_union,union_state,guam,sco", "2001-06-15"),
    ("cis,cst@2002-01-01,csto,eurasec,customs_union,union_state,guam,sco", "2012-06-01"),
]


@pytest.fixture(scope="module")
def table() -> TopologyTable:
    return topology_table.shipped()


def _no_solver(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the solver ran")

    monkeypatch.setattr(topology, "_solve_group", refuse)


def test_the_table_is_plain_json_with_the_documented_format(table):
    data = json.loads(topology_table.TABLE.read_text(encoding="utf-8"))
    assert data["format"] == topology_table.FORMAT and data["most"] == 8
    assert len(table) == len(data["entries"]) > 600
    kinds = {("rects" in e, "more_than" in e, e.get("proven")) for e in data["entries"].values()}
    # drawn (proven or not), refused (proven), none with at most --max-empty found within the
    # run-time budget (since the capped solve of issue #24, no longer "no drawing at all")
    assert kinds == {(True, False, True), (True, False, False), (False, True, None), (False, True, False)}


def test_the_table_covers_every_group_of_the_bundled_data(atlas, table):
    """Every group but those the bound refuses at once (they never reach the solver)."""
    groups = topology_table.bundled_groups(atlas)
    assert len(groups) > 600
    assert set(topology_table.codes(atlas)) == set(table.entries)
    for code in set(groups) - set(table.entries):
        assert topology.empty_zone_bound(topology_table.family(code)) > topology_table.MAX_EMPTY
    assert sum(len(topology_table.family(code)) == 8 for code in table.entries) > 50


@pytest.mark.parametrize("damage, problem", [
    (lambda d: d.update(format="pickle"), "not a topology table"),
    (lambda d: d["entries"].update({"3,x": {"more_than": 3}}), "not a code"),
    (lambda d: d["entries"].update({"1,2,3": {"rects": [[0, 2, 0, 2]], "nx": 3, "ny": 3,
                                               "extra": 0, "proven": True}}), "rects are not 2"),
    (lambda d: d["entries"].update({"1,2,3": {"rects": [[0, 9, 0, 2], [1, 3, 1, 3]], "nx": 3,
                                               "ny": 3, "extra": 0, "proven": True}}), "inside the grid"),
    (lambda d: d["entries"].update({"1": {"more_than": -1}}), "not a count"),
    (lambda d: d["entries"].update({"1": {"more_than": 3, "proven": True}}), "proven not false"),
    (lambda d: d["entries"].update({"1": {"rects": [[0, 1, 0, 1]], "nx": 1, "ny": 1,
                                          "extra": 0, "proven": "yes"}}), "wrong kind"),
])
def test_a_damaged_table_is_refused_on_load(tmp_path, damage, problem):
    data = json.loads(topology_table.TABLE.read_text(encoding="utf-8"))
    damage(data)
    path = tmp_path / "table.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError, match=problem) as caught:
        TopologyTable.load(path)
    assert str(path) in str(caught.value)
    path.write_bytes(b"\x80\x04\x95")  # a pickle is not read, it is refused
    with pytest.raises(DataError, match="cannot read"):
        TopologyTable.load(path)


def test_an_entry_that_does_not_draw_its_zones_is_not_used():
    good = TopologyTable({"1,2,3": {"rects": [[1, 2, 1, 3], [0, 3, 0, 2]], "nx": 3, "ny": 3,
                                    "extra": 0, "proven": True}})
    sets = {"x": frozenset({"A", "AB"}), "y": frozenset({"B", "AB"})}
    assert good.get(sets).rects == {"x": (1, 2, 1, 3), "y": (0, 3, 0, 2)}
    apart = TopologyTable({"1,2,3": {"rects": [[0, 1, 0, 1], [2, 3, 2, 3]], "nx": 3, "ny": 3,
                                     "extra": 0, "proven": True}})
    assert apart.get(sets) is None  # {x, y} is not drawn: the solver answers instead


def test_every_entry_draws_a_layout_that_passes_the_zone_checker(table):
    """The table is trusted no more than the solver: each drawing, laid out, is zone-exact."""
    failed = []
    for code, entry in table.entries.items():
        sets = topology_table.family(code)
        found = table.get(sets)
        if "more_than" in entry or "no_drawing" in entry:
            assert found == Refusal(entry.get("more_than"), entry.get("proven", "more_than" in entry))
            continue
        assert found is not None, code
        layout = euler_layout(sets, {}, {}, topology=found, verify=False)
        report = check_layout(layout)
        if not report.ok:
            failed.append((code, report.summary()))
    assert failed == []


@pytest.mark.parametrize("step", [0, 1, 2])
def test_entries_are_what_the_solver_gives(table, step):
    """A sample of entries (every 40th, of up to six curves: quick to solve) solved afresh."""
    codes = [c for c in sorted(table.entries) if len(topology_table.family(c)) <= 6]
    for code in codes[step::40]:
        assert topology_table.solve_entry(code) == table.entries[code], code


@pytest.mark.parametrize("orgs, day", HARD)
def test_the_slowest_first_solves_need_no_solver(atlas, orgs, day, monkeypatch):
    _no_solver(monkeypatch)
    result = api.euler(atlas, dt.date.fromisoformat(day), orgs, cache=layout_cache.TopologyCache())
    assert (result.layout is None) == bool(result.fallback)
    if result.layout is not None:
        assert check_layout(result.layout).ok


def test_every_bundled_group_is_answered_without_the_solver(atlas, table, monkeypatch):
    """One example day and organizations per group, through the figure's own call."""
    _no_solver(monkeypatch)
    groups = topology_table.bundled_groups(atlas)
    for code in sorted(groups)[::25]:
        day, orgs = groups[code]
        result = api.euler(atlas, dt.date.fromisoformat(day), ",".join(orgs),
                           cache=layout_cache.TopologyCache())
        assert result.layout is not None or result.fallback


def test_a_renamed_group_gets_the_same_drawing(table):
    """The table answers by structure: other names (here in the same order) and other
    elements, the same rectangles."""
    code = next(c for c, e in sorted(table.entries.items()) if "rects" in e and len(e["rects"]) == 5)
    sets = topology_table.family(code)
    mapping = dict(zip("abcde", ("alpha", "beta", "gamma", "kappa", "omega")))
    renamed = {mapping[s]: frozenset(f"e{m}" for m in members) for s, members in sets.items()}
    first, second = table.get(sets), table.get(renamed)
    assert {mapping[s]: r for s, r in first.rects.items()} == second.rects


@pytest.mark.parametrize("proven, message", [
    (True, "needs more than 0 empty zones"),
    (False, "no Euler diagram of these sets with at most 0 empty zones was found"),
])
def test_a_refusal_in_the_table_answers_up_to_its_count_and_no_further(monkeypatch, proven, message):
    sets = {"x": frozenset({"A", "AB"}), "y": frozenset({"B", "AB"})}
    table = TopologyTable({"1,2,3": {"more_than": 0, **({} if proven else {"proven": False})}})
    monkeypatch.setattr(topology_table, "_SHIPPED", table)
    with pytest.raises(topology.LayoutImpossible, match=message) as refused:
        topology.solve(sets, max_empty=0, lookup=topology_table.lookup)
    assert refused.value.bound == (1 if proven else None)
    assert refused.value.not_found == (None if proven else 0)  # what the layout cache remembers
    assert topology.solve(sets, max_empty=1, lookup=topology_table.lookup).extra == ()  # a larger --max-empty: solved


def test_an_unproven_refusal_in_the_table_says_how_many_were_looked_for(monkeypatch):
    sets = {"x": frozenset({"A", "AB"}), "y": frozenset({"B", "AB"})}
    monkeypatch.setattr(topology_table, "_SHIPPED", TopologyTable({"1,2,3": {"more_than": 2, "proven": False}}))
    with pytest.raises(topology.LayoutImpossible, match="with at most 2 empty zones was found") as refused:
        topology.solve(sets, max_empty=1, lookup=topology_table.lookup)
    assert refused.value.not_found == 1 and refused.value.bound is None
