"""Sets with the same members that day are one curve carrying both names, and families that
need too many empty zones are refused before any solving (issue #14)."""

from __future__ import annotations

import datetime as dt

import pytest

from blocmap.features.figures import api, layout_cache, topology
from blocmap.features.figures.check import check_layout, drawn_zones, expand
from blocmap.features.figures.topology import required_zones


def _no_solver(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the solver ran")

    monkeypatch.setattr(topology, "_solve_group", refuse)


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
@pytest.mark.parametrize("orgs, day, same", [
    ("cis,ces,customs_union,eurasec,union_state", "2013-06-01", ("ces", "customs_union")),
    ("cis,cst,csto,eurasec,union_state", "2004-06-01", ("cst", "csto")),
    ("cis,cst,csto,eaeu,customs_union@2014-01-01,union_state", "2016-06-01", ("cst", "csto")),
    ("cis,csto,customs_union,eaeu,union_state", "2016-06-01", ("customs_union", "eaeu")),  # the EAEU's customs union
])
def test_identical_sets_are_one_curve_with_both_names(atlas, orgs, day, same, lang):
    result = api.euler(atlas, dt.date.fromisoformat(day), orgs, lang, cache=layout_cache.TopologyCache())
    layout = result.layout
    assert layout is not None, result.fallback
    sets = layout.data
    assert sets[same[0]] == sets[same[1]] and sets[same[0]]
    (curve,) = [s for s in layout.sets if same[0] in s.members]
    assert curve.members == same
    # each curve is named as its organization was called on the day drawn
    names = [atlas.org_name(org, lang, short=True, on=dt.date.fromisoformat(day)) for org in same]
    assert curve.label == " = ".join(names)
    assert len(layout.sets) == len(sets) - 1
    # No hatched ring between two copies of one set: nothing empty is drawn for them.
    assert not any(set(same) & set(zone) and not set(same) <= set(zone) for zone in layout.empty_zones)
    assert check_layout(layout).ok
    members = {s.id: s.members for s in layout.sets}
    from shapely import Polygon

    zones = expand(drawn_zones({s.id: Polygon(s.polygon) for s in layout.sets}), members)
    assert set(zones) - {frozenset()} == required_zones(sets) | {frozenset(z) for z in layout.empty_zones}
    json_sets = {s["id"]: s for s in layout.to_json()["sets"]}
    assert json_sets[curve.id]["orgs"] == list(same) and json_sets[curve.id]["label"] == curve.label
    # What the reader sees: one outline and one name for both organizations.
    from blocmap.features.figures.render import draw_euler

    texts = [t.get_text() for t in draw_euler(layout).axes[0].texts]
    assert curve.label in texts and not any(t in texts for t in names)


# The hard case: eight organizations in 2012, with the treaty of 1992 as it stood before it
# continued in the CSTO (its parties then: the CSTO's without Uzbekistan).


def test_the_2012_eight_organizations_are_refused_at_once(atlas, monkeypatch):
    _no_solver(monkeypatch)
    result = api.euler(atlas, dt.date(2012, 6, 1),
                       "cis,cst@2002-01-01,csto,eurasec,customs_union,union_state,guam,sco", "en",
                       max_empty=3, cache=layout_cache.TopologyCache())
    assert result.layout is None
    assert "at least 5 empty zones" in result.fallback and "--max-empty 3" in result.fallback


def test_the_2012_eight_organizations_draw_with_exactly_five_empty_zones(atlas):
    result = api.euler(atlas, dt.date(2012, 6, 1),
                       "cis,cst@2002-01-01,csto,eurasec,customs_union,union_state,guam,sco", "en",
                       max_empty=5, cache=layout_cache.TopologyCache())
    assert result.layout is not None, result.fallback
    assert {frozenset(z) for z in result.layout.empty_zones} == {frozenset(z) for z in (
        ["cis", "csto"], ["cis", "sco"], ["cis", "cst", "csto", "eurasec"], ["cis", "cst", "csto", "sco"],
        ["cis", "cst", "csto", "customs_union", "eurasec"])}
    assert check_layout(result.layout).ok
    assert any(note.count("∩") >= 5 for note in result.notes)  # the hatched zones are listed


@pytest.mark.parametrize("orgs, day, needed", [
    ("cis,cst@2002-01-01,csto,eurasec,customs_union,union_state,guam,sco", "2012-06-01", 5),
    ("cis,csto,eaeu,customs_union@2014-01-01,union_state,guam,sco", "2016-06-01", 2),
    ("cis,csto,eaeu,customs_union,union_state", "2016-06-01", 0),
    ("cis,ces,csto,eurasec,customs_union,union_state,guam,sco", "2013-06-01", 3),
])
def test_the_bound_known_before_solving_is_what_the_solver_proves(atlas, orgs, day, needed):
    from blocmap.features.figures.adapter import collect, parse_orgs

    data = collect(atlas, parse_orgs(orgs, dt.date.fromisoformat(day), atlas))
    sets = {k: v for k, v in data.sets.items() if v}
    assert topology.empty_zone_bound(sets) == needed
    topo = topology.solve(sets)
    assert len(topo.extra) == needed and topo.proven
