"""The topology solver's special cases: separate groups, identical sets, candidate empty zones."""

from __future__ import annotations

import pytest

from blocmap.features.figures.check import check_layout
from blocmap.features.figures.euler import euler_layout
from blocmap.features.figures.topology import candidates, components, solve


def f(**sets):
    return {k: frozenset(v) for k, v in sets.items()}


def test_groups_that_share_nothing_are_drawn_side_by_side():
    sets = f(cis={"RUS", "KAZ", "ARM"}, eaeu={"RUS", "KAZ"}, nato={"USA", "TUR"}, eu={"FRA"})
    assert components(sets) == [("cis", "eaeu"), ("nato",), ("eu",)]
    topo = solve(sets)
    assert topo.extra == ()
    # Each group lies entirely to the right of the previous one.
    assert max(topo.rects[s][1] for s in ("cis", "eaeu")) < topo.rects["nato"][0]
    assert topo.rects["nato"][1] < topo.rects["eu"][0]
    layout = euler_layout(sets, {}, {e: e for e in set().union(*sets.values())}, topology=topo)
    assert check_layout(layout).ok


def test_identical_sets_are_one_curve_carrying_both_names():
    sets = f(cst={"RUS", "KAZ"}, csto={"RUS", "KAZ"}, cis={"RUS", "KAZ", "MDA"})
    topo = solve(sets)
    assert topo.rects["csto"] == topo.rects["cst"]
    assert topo.outline_groups() == (("cis",), ("cst", "csto"))
    assert topo.extra == ()  # no ring between two curves: nothing empty to hatch
    layout = euler_layout(sets, {"cst": "CST", "csto": "CSTO"},
                          {"RUS": "Russia", "KAZ": "Kazakhstan", "MDA": "Moldova"}, topology=topo)
    assert check_layout(layout).ok
    assert layout.empty_zones == []
    assert [(s.id, s.members, s.label) for s in layout.sets] == [
        ("cis", ("cis",), "cis"), ("cst", ("cst", "csto"), "CST = CSTO")]
    kaz = next(e for e in layout.elements if e.id == "KAZ")
    assert kaz.sets == ("cis", "cst", "csto")


def test_a_curve_standing_for_sets_with_different_members_fails_the_check():
    from dataclasses import replace

    sets = f(cst={"RUS", "KAZ"}, csto={"RUS", "KAZ"}, cis={"RUS", "KAZ", "MDA"})
    layout = euler_layout(sets, {}, {"RUS": "Russia", "KAZ": "Kazakhstan", "MDA": "Moldova"})
    layout.data = {**layout.data, "csto": frozenset({"RUS"})}
    assert "share one curve but not their members" in check_layout(layout).summary()
    layout.data = dict(sets)
    layout.sets = [replace(s, orgs=(s.id,)) for s in layout.sets]
    assert "csto has no curve" in check_layout(layout).summary()


def test_candidate_empty_zones_respect_containment_and_disjointness():
    sets = f(cis={"A", "B", "C"}, guam={"C", "D"}, sco={"A", "E"}, csto={"A"})
    found = {tuple(sorted(z)) for z in candidates(sets)}
    # Data zones: {cis,csto,sco} {cis} {cis,guam} {guam} {sco}.  csto needs cis and sco
    # around it, guam never meets sco or csto: only {cis,sco} is left as a possible empty zone.
    assert found == {("cis", "sco")}


def test_too_many_sets_are_refused_with_a_hint():
    from blocmap.features.figures.topology import LayoutImpossible

    sets = {f"s{k}": frozenset({"x", f"e{k}"}) for k in range(13)}
    with pytest.raises(LayoutImpossible, match="upset"):
        solve(sets)
