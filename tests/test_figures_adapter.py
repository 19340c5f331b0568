"""The adapter on a small fake atlas: statuses decide inside/outside, org@DATE, captions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from blocmap.core.dates import PartialDate
from blocmap.core.errors import QueryError, unknown
from blocmap.core.model import POST_SOVIET
from blocmap.features.figures.adapter import collect, euler_inputs, parse_orgs


@dataclass(frozen=True)
class Org:
    id: str


@dataclass(frozen=True)
class Rel:
    state: str
    status: str
    sources: tuple[str, ...] = ("src",)


@dataclass(frozen=True)
class Spell:
    state: str
    status: str
    end: PartialDate | None


class FakeAtlas:
    """The three methods the adapter uses, with the API's signatures."""

    RELATIONS = {
        "cis": {"RUS": "member", "BLR": "member", "TKM": "associate", "UKR": "ceased"},
        "csto": {"RUS": "member", "BLR": "member", "ARM": "frozen"},
        "eaeu": {"RUS": "member", "ARM": "member", "MDA": "observer"},
    }

    def org(self, given: str, parameter: str = "org") -> Org:
        if given.lower() not in self.RELATIONS:
            raise unknown("organization", given, self.RELATIONS, parameter)
        return Org(given.lower())

    def members(self, org: str, on: dt.date):
        if org == "eaeu" and on < dt.date(2015, 1, 1):
            return []
        return [Rel(s, st) for s, st in self.RELATIONS[org].items()]

    def spells_of(self, org=None, state=None):
        if org == "cis":
            return [Spell("GEO", "member", PartialDate(2009, 8, 18)), Spell("GEO", "withdrawn", None)]
        return []


DAY = dt.date(2016, 1, 1)


def test_only_members_and_associates_are_inside():
    data = collect(FakeAtlas(), parse_orgs("cis,csto,eaeu", DAY, FakeAtlas()))
    assert data.sets == {"cis": {"RUS", "BLR", "TKM"}, "csto": {"RUS", "BLR"}, "eaeu": {"RUS", "ARM"}}
    assert data.others == {"ARM": [("csto", "frozen")], "GEO": [("cis", "withdrawn")],
                           "MDA": [("eaeu", "observer")], "UKR": [("cis", "ceased")]}


def test_org_at_date_pins_one_set():
    specs = parse_orgs("cis, eaeu@2014-06-01", DAY, FakeAtlas())
    assert [(s.org, s.on, s.pinned) for s in specs] == [("cis", DAY, False),
                                                         ("eaeu", dt.date(2014, 6, 1), True)]
    assert collect(FakeAtlas(), specs).sets["eaeu"] == frozenset()


def test_a_named_set_stands_for_its_organizations_on_its_day(atlas):
    specs = parse_orgs("nato,post-soviet@2014-06-01", DAY, atlas)
    assert [(s.org, s.on, s.pinned) for s in specs] == [
        ("nato", DAY, False), *((org, dt.date(2014, 6, 1), True) for org in POST_SOVIET)]
    assert collect(atlas, specs).sets["eaeu"] == frozenset()  # the EAEU began in 2015


@pytest.mark.parametrize("text, fragment", [
    ("cis,post-soviet", "'cis' is given twice"),
    ("cis,csot", "unknown organization 'csot'"),
    ("cis,", "empty organization name"),
    ("cis@", "no date after '@'"),
    ("cis@2015-02-30", "day 30 does not exist"),
    ("cis,CIS", "given twice"),
])
def test_bad_org_lists_name_the_parameter(text, fragment):
    with pytest.raises(QueryError) as caught:
        parse_orgs(text, DAY, FakeAtlas())
    assert "--orgs" in str(caught.value) and fragment in str(caught.value)
    assert caught.value.parameter == "--orgs"


def test_inputs_mark_partial_relations_and_list_outsiders():
    atlas = FakeAtlas()
    data = collect(atlas, parse_orgs("cis,csto,eaeu@2015-06-01", DAY, atlas))
    names = {"RUS": "Russia", "BLR": "Belarus", "TKM": "Turkmenistan", "ARM": "Armenia",
             "UKR": "Ukraine", "GEO": "Georgia", "MDA": "Moldova"}
    inputs = euler_inputs(data, "en", "9.9", state_name=lambda s, lang: names[s],
                          org_name=lambda o, lang: o.upper())
    assert inputs["element_labels"]["ARM"] == "Armenia*"          # inside EAEU, frozen in CSTO
    assert inputs["notes"] == ("* Armenia — CSTO: frozen",)
    assert inputs["outside"] == ("GEO", "MDA", "UKR")
    assert inputs["element_labels"]["UKR"] == "Ukraine (CIS: ceased participation)"
    assert inputs["title"] == "Memberships on January 1, 2016"
    assert "EAEU as on June 1, 2015" in inputs["caption"]
    assert any("blocmap 9.9" in line for line in inputs["caption"])
