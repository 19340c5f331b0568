"""Panels that know the answer: state-year cells under each rule, org-year counts, dyad counts and the
panels' years, worked out by hand from the bundled data (no COW store) and from small made-up spell
tables whose days are counted below.  ``core/world/panels.py`` builds every cell on arrays, so an
off-by-one day, a swapped tie or a window not cut to the organization's life would show only in a
cell that knows its answer.
"""

from __future__ import annotations

import datetime as dt

import pytest

from blocmap.core.dates import PartialDate
from blocmap.core.errors import QueryError
from blocmap.core.world import World
from blocmap.core.world.curated import Curated
from blocmap.core.world.spells import SpellRow

LAST_COMPLETE = dt.date.today().year - 1


def day(text: str) -> PartialDate:
    return PartialDate(*map(int, text.split("-")))


def cell(frame, ccode: int, year: int, column: str):
    return frame.loc[(frame.ccode == ccode) & (frame.year == year), column].item()


def row(frame, ccode: int, column: str, years) -> list:
    return [cell(frame, ccode, y, column) for y in years]


# A made-up organization "bloc", founded 2011-01-01 and dissolved 2013-07-01 (its last day 2013-06-30),
# with spells (end exclusive) whose days are counted by hand:
#   2011 (365 days)  ARM member 01-01..07-01 (182 days), suspended 07-02..12-31 (183)
#                    KAZ member 07-03..12-31 (182; 'none' 183)
#                    KGZ observer 07-02..12-31 (183; 'none' 182)
#   2012 (366 days)  TJK member 01-01..07-01 (183), observer 07-02..12-31 (183): a tie
#                    UZB member 07-02..12-31 (183; 'none' 183): a tie with 'none'
#   2013 (the bloc's 181 days, 01-01..06-30)
#                    AZE member 01-01.. until the bloc's end (181)
#                    GEO associate from 04-01 (91 days of the bloc's 181; 'none' 90)
ARM, AZE, GEO, KAZ, KGZ, TJK, UZB = 371, 373, 372, 705, 703, 702, 704
BLOC = [
    SpellRow("bloc", "ARM", ARM, "member", day("2011-01-01"), day("2011-07-02"), ("a",), "curated"),
    SpellRow("bloc", "ARM", ARM, "suspended", day("2011-07-02"), day("2012-01-01"), ("a",), "curated"),
    SpellRow("bloc", "KAZ", KAZ, "member", day("2011-07-03"), day("2012-01-01"), ("b",), "curated"),
    SpellRow("bloc", "KGZ", KGZ, "observer", day("2011-07-02"), day("2012-01-01"), ("c",), "curated"),
    SpellRow("bloc", "TJK", TJK, "member", day("2012-01-01"), day("2012-07-02"), ("d",), "curated"),
    SpellRow("bloc", "TJK", TJK, "observer", day("2012-07-02"), day("2013-01-01"), ("d",), "curated"),
    SpellRow("bloc", "UZB", UZB, "member", day("2012-07-02"), day("2013-01-01"), ("e",), "curated"),
    SpellRow("bloc", "AZE", AZE, "member", day("2013-01-01"), day("2013-07-01"), ("f",), "curated"),
    SpellRow("bloc", "GEO", GEO, "associate", day("2013-04-01"), None, ("g",), "curated"),
]


# A second made-up organization "pact", founded 2011-01-01 and never dissolved, for the edges of each rule:
#   USA (COW code 2, the first row of every panel) a member throughout
#   MDA member 2011-01-01..02-28 (59 days), nothing after: not on the year's last day
#   AZE member 2011-01-01..12-30 (364 days; the spell ends on 12-31, the first day no longer)
#   BLR 2011: member 01-01..07-01 (182), observer 07-02 (1 day), 'none' 182; 2012: member on 12-31 only
#   UKR observer 2011-12-15..2012-01-01 (17 days in 2011, 1 in 2012)
#   KGZ member from 2012-01-01 and, overlapping it, observer 2012-06-01..12-31: two rows hold on 12-31
# and "void", founded 2011-01-01, with no spell at all.
USA, MDA, BLR, UKR = 2, 359, 370, 369
PACT = [
    SpellRow("pact", "USA", USA, "member", day("2011-01-01"), None, ("h",), "curated"),
    SpellRow("pact", "MDA", MDA, "member", day("2011-01-01"), day("2011-03-01"), ("i",), "curated"),
    SpellRow("pact", "AZE", AZE, "member", day("2011-01-01"), day("2011-12-31"), ("j",), "curated"),
    SpellRow("pact", "BLR", BLR, "member", day("2011-01-01"), day("2011-07-02"), ("k",), "curated"),
    SpellRow("pact", "BLR", BLR, "observer", day("2011-07-02"), day("2011-07-03"), ("k",), "curated"),
    SpellRow("pact", "BLR", BLR, "member", day("2012-12-31"), day("2013-01-01"), ("k",), "curated"),
    SpellRow("pact", "UKR", UKR, "observer", day("2011-12-15"), day("2012-01-02"), ("l",), "curated"),
    SpellRow("pact", "KGZ", KGZ, "member", day("2012-01-01"), None, ("m",), "curated"),
    SpellRow("pact", "KGZ", KGZ, "observer", day("2012-06-01"), day("2013-01-01"), ("m",), "curated"),
]


@pytest.fixture(scope="module")
def bloc() -> World:
    periods = {"bloc": (day("2011-01-01"), day("2013-07-01")), "pact": (day("2011-01-01"), None),
               "void": (day("2011-01-01"), None)}
    return World.without_store(Curated.from_rows(BLOC + PACT, periods))


# -- the three rules, day by day ----------------------------------------------------------------

YEARS = range(2010, 2015)


@pytest.mark.parametrize("rule, expected", [
    # 2010 and 2014: the bloc does not exist (-1); 2013: the year ends for the bloc on 06-30
    ("year-end", {ARM: [-1, 1, 0, 0, -1], KAZ: [-1, 1, 0, 0, -1], KGZ: [-1, 3, 0, 0, -1],
                  TJK: [-1, 0, 3, 0, -1], UZB: [-1, 0, 1, 0, -1], AZE: [-1, 0, 0, 1, -1],
                  GEO: [-1, 0, 0, 2, -1]}),
    ("any-day", {ARM: [-1, 1, 0, 0, -1], KAZ: [-1, 1, 0, 0, -1], KGZ: [-1, 3, 0, 0, -1],
                 TJK: [-1, 0, 1, 0, -1], UZB: [-1, 0, 1, 0, -1], AZE: [-1, 0, 0, 1, -1],
                 GEO: [-1, 0, 0, 2, -1]}),
    # KAZ: 182 days against 183 of 'none'; KGZ 183 against 182; TJK: a tie, the later status;
    # UZB: a tie with 'none', the status; GEO: 91 of the bloc's 181 days (not of 365)
    ("majority", {ARM: [-1, 1, 0, 0, -1], KAZ: [-1, 0, 0, 0, -1], KGZ: [-1, 3, 0, 0, -1],
                  TJK: [-1, 0, 3, 0, -1], UZB: [-1, 0, 1, 0, -1], AZE: [-1, 0, 0, 1, -1],
                  GEO: [-1, 0, 0, 2, -1]}),
])
def test_each_rule_on_counted_days(bloc: World, rule: str, expected: dict) -> None:
    panel = bloc.state_years(["bloc"], 2010, 2014, rule=rule)
    assert {code: row(panel, code, "bloc", YEARS) for code in expected} == expected
    assert panel.attrs["rule"] == rule


@pytest.mark.parametrize("rule, expected", [
    ("year-end", {USA: [-1, 1, 1, 1], MDA: [-1, 0, 0, 0], AZE: [-1, 0, 0, 0], BLR: [-1, 0, 1, 0],
                  UKR: [-1, 3, 0, 0], KGZ: [-1, 0, 3, 1]}),  # KGZ 2012: the later of two rows
    ("any-day", {USA: [-1, 1, 1, 1], MDA: [-1, 1, 0, 0], AZE: [-1, 1, 0, 0], BLR: [-1, 1, 1, 0],
                 UKR: [-1, 3, 3, 0], KGZ: [-1, 0, 1, 1]}),
    # BLR 2011: 182 days against 182 of 'none' (its day as an observer is not 'none'): the member wins
    ("majority", {USA: [-1, 1, 1, 1], MDA: [-1, 0, 0, 0], AZE: [-1, 1, 0, 0], BLR: [-1, 1, 0, 0],
                  UKR: [-1, 0, 0, 0], KGZ: [-1, 0, 1, 1]}),
])
def test_the_edges_of_each_rule(bloc: World, rule: str, expected: dict) -> None:
    panel = bloc.state_years(["bloc", "pact"], 2010, 2013, rule=rule)
    assert {code: row(panel, code, "pact", range(2010, 2014)) for code in expected} == expected
    assert row(panel, ARM, "bloc", range(2010, 2014)) == [-1, 1, 0, 0]  # the other column as before


@pytest.mark.parametrize("rule, expected", [
    ("year-end", {ARM: ["n/a", "suspended", "none", "none", "n/a"], KAZ: ["n/a", "member", "none", "none", "n/a"],
                  TJK: ["n/a", "none", "observer", "none", "n/a"], GEO: ["n/a", "none", "none", "associate", "n/a"]}),
    ("any-day", {ARM: ["n/a", "member", "none", "none", "n/a"], KAZ: ["n/a", "member", "none", "none", "n/a"],
                 TJK: ["n/a", "none", "member", "none", "n/a"], GEO: ["n/a", "none", "none", "associate", "n/a"]}),
    ("majority", {ARM: ["n/a", "suspended", "none", "none", "n/a"], KAZ: ["n/a", "none", "none", "none", "n/a"],
                  TJK: ["n/a", "none", "observer", "none", "n/a"], GEO: ["n/a", "none", "none", "associate", "n/a"]}),
])
def test_each_rule_in_status_coding(bloc: World, rule: str, expected: dict) -> None:
    panel = bloc.state_years(["bloc"], 2010, 2014, coding="status", rule=rule)
    assert {code: row(panel, code, "bloc", YEARS) for code in expected} == expected
    assert (panel.attrs["coding"], panel.attrs["rule"]) == ("status", rule)
    assert panel.attrs["rule_text"].startswith({"year-end": "the status on the last day of the year",
                                                "any-day": "the strongest status held on any day",
                                                "majority": "the status held on the most days"}[rule])


def test_the_panels_frame(bloc: World) -> None:
    panel = bloc.state_years(["bloc"], 2011, 2012)
    assert list(panel.columns) == ["ccode", "year", "state", "name", "bloc"]
    assert str(panel.bloc.dtype) == "int8"  # COW codes fit a byte: the whole of COW stays small
    assert panel.attrs == {"data": {"bloc": "curated"}, "rule": "year-end",
                           "rule_text": panel.attrs["rule_text"], "coding": "cow", "from": 2011, "to": 2012,
                           "cow_coverage": None}
    assert list(panel.ccode) == sorted(panel.ccode)  # by COW code, then year
    assert panel[panel.ccode == ARM][["year", "state", "bloc"]].values.tolist() == [
        [2011, "ARM", 1], [2012, "ARM", 0]]


def test_org_years_count_each_status(bloc: World) -> None:
    for rule, expected in {
        # (year, member, suspended, observer, associate, inside)
        "year-end": [(2011, 1, 1, 1, 0, 2), (2012, 1, 0, 1, 0, 1), (2013, 1, 0, 0, 1, 2)],
        "any-day": [(2011, 2, 0, 1, 0, 2), (2012, 2, 0, 0, 0, 2), (2013, 1, 0, 0, 1, 2)],
        "majority": [(2011, 0, 1, 1, 0, 1), (2012, 1, 0, 1, 0, 1), (2013, 1, 0, 0, 1, 2)],
    }.items():
        frame = bloc.org_years(["bloc"], 2010, 2014, rule=rule)
        got = [tuple(r) for r in frame[["year", "member", "suspended", "observer", "associate", "inside"]]
               .itertuples(index=False)]
        assert got == expected, rule
    frame = bloc.org_years(["bloc"], 2011, 2011)
    assert list(frame.columns) == ["org", "name", "year", "data", "known", "member", "suspended", "frozen",
                                   "associate", "observer", "participant", "candidate", "ceased", "unknown", "inside"]
    assert frame.iloc[0][["org", "name", "data", "known", "frozen", "participant", "ceased", "unknown"]].tolist() == [
        "bloc", "bloc", "curated", "exists", 0, 0, 0, 0]
    assert (frame.attrs["coding"], frame.attrs["from"], frame.attrs["to"]) == ("status", 2011, 2011)
    assert {str(frame[c].dtype) for c in ("member", "suspended", "observer", "inside")} == {"int32"}


def test_dyad_counts_of_each_kind(bloc: World) -> None:
    dy = bloc.dyad_years(["bloc"], 2011, 2013).set_index(["ccode1", "ccode2", "year"])
    names = ["joint_full", "joint_inside", "joint_any", "full_associate", "full_observer", "unknown"]

    def counts(a: int, b: int, year: int) -> list[int]:
        return dy.loc[(min(a, b), max(a, b), year), names].tolist()

    assert counts(ARM, KAZ, 2011) == [1, 1, 1, 0, 0, 0]  # suspended and member: both full
    assert counts(ARM, KGZ, 2011) == [0, 0, 1, 0, 1, 0]  # full and observer
    assert counts(TJK, UZB, 2012) == [0, 0, 1, 0, 1, 0]  # observer (year-end) and full
    assert counts(AZE, GEO, 2013) == [0, 1, 1, 1, 0, 0]  # full and associate
    assert counts(ARM, AZE, 2011) == [0, 0, 0, 0, 0, 0]  # a member beside no one
    assert dy.loc[(ARM, KAZ, 2011), ["state1", "state2"]].tolist() == ["ARM", "KAZ"]
    assert str(dy[names[0]].dtype) == "int32"
    flat = bloc.dyad_years(["bloc"], 2011, 2011)
    assert list(flat.columns) == ["ccode1", "ccode2", "state1", "state2", "year", *names]
    assert (flat.ccode1 < flat.ccode2).all()  # each pair once, never a state with itself
    assert [str(flat[c].dtype) for c in ("ccode1", "ccode2", "year")] == ["int64", "int64", "int64"]
    assert flat.attrs == {"data": {"bloc": "curated"}, "rule": "year-end", "rule_text": flat.attrs["rule_text"],
                          "coding": "cow", "from": 2011, "to": 2011, "cow_coverage": None}
    any_day = bloc.dyad_years(["bloc"], 2012, 2012, rule="any-day").set_index(["ccode1", "ccode2"])
    assert any_day.loc[(TJK, UZB), names].tolist() == [1, 1, 1, 0, 0, 0]  # TJK a member on some day
    assert bloc.dyad_years(["bloc"], 2012, 2012, rule="any-day").attrs["rule"] == "any-day"


def test_an_organization_with_no_spell(bloc: World) -> None:
    panel = bloc.state_years(["void"], 2010, 2011)
    assert set(panel.loc[panel.year == 2010, "void"]) == {-1} and set(panel.loc[panel.year == 2011, "void"]) == {0}
    frame = bloc.org_years(["void"], 2011, 2011)
    assert frame[["org", "year", "known", "member", "observer", "inside"]].values.tolist() == [
        ["void", 2011, "exists", 0, 0, 0]]


def test_the_spell_picked_for_each_cell(bloc: World) -> None:
    """``picked_spells``: the cells holding a status with the row of the spell table that gave it."""
    from blocmap.core.world.panels import picked_spells, universe

    picked = picked_spells(bloc, ["void", "bloc"], 2011, 2011, "year-end")
    assert list(picked.columns) == ["row", "col", "org", "ccode", "year", "status", "data", "spell"]
    got = sorted(map(tuple, picked[["ccode", "year", "org", "col", "status", "data", "spell"]].values.tolist()))
    # the spell table of ["void", "bloc"] is bloc's rows in order: ARM's suspension is its row 1
    assert got == [(ARM, 2011, "bloc", 1, "suspended", "curated", 1), (KGZ, 2011, "bloc", 1, "observer", "curated", 3),
                   (KAZ, 2011, "bloc", 1, "member", "curated", 2)]
    states = universe(bloc, 2011, 2011)
    assert [states.ccode[r] for r in picked.row] == list(picked.ccode)
    empty = picked_spells(bloc, ["void"], 2011, 2011, "majority")
    assert list(empty.columns) == ["row", "col", "org", "ccode", "year", "status", "data", "spell"] and empty.empty


def test_a_code_matrix_of_no_state_years(bloc: World) -> None:
    from blocmap.core.world.panels import code_matrix, org_windows, universe

    states = universe(bloc, 2011, 2011).iloc[:0]
    codes = code_matrix(bloc, ["bloc", "pact"], states, org_windows(bloc, ["bloc", "pact"], 2011, 2011),
                        states.assign(row=0, col=0, status="member"))
    assert codes.shape == (0, 2) and str(codes.dtype) == "int8"


def test_default_organizations_and_unknown_ones(bloc: World) -> None:
    columns = list(bloc.state_years(None, 2011, 2011).columns)
    assert columns == ["ccode", "year", "state", "name", "bloc", "pact", "void"]
    with pytest.raises(QueryError) as caught:
        bloc.state_years(["bloc", "nope"], 2011, 2011)
    assert caught.value.parameter == "orgs"
    assert "unknown organization 'nope'" in str(caught.value)


# -- the bundled data ------------------------------------------------------------------------------


def test_kyrgyzstan_and_armenia_joining_the_eaeu(nostore: World) -> None:
    """Armenia on 2015-01-02 (364 of 365 days), Kyrgyzstan on 2015-08-12 (142 days: 20 + 30 + 31 + 30 + 31)."""
    for rule, armenia, kyrgyzstan in (("year-end", 1, 1), ("any-day", 1, 1), ("majority", 1, 0)):
        panel = nostore.state_years(["eaeu"], 2014, 2016, rule=rule)
        assert row(panel, 371, "eaeu", range(2014, 2017)) == [-1, armenia, 1], rule
        assert row(panel, 703, "eaeu", range(2014, 2017)) == [-1, kyrgyzstan, 1], rule


def test_uzbekistan_suspended_in_the_csto_on_2012_12_19(nostore: World) -> None:
    """A member 2012-01-01..12-18 (353 days of 366), suspended from 2012-12-19 (13 days)."""
    for rule, status in (("year-end", "suspended"), ("any-day", "member"), ("majority", "member")):
        panel = nostore.state_years(["csto"], 2011, 2013, coding="status", rule=rule)
        assert row(panel, 704, "csto", range(2011, 2014)) == ["member", status, "suspended"], rule
    counts = nostore.org_years(["csto"], 2012, 2012).iloc[0]
    assert counts[["name", "member", "suspended", "inside"]].tolist() == [
        "Collective Security Treaty Organization", 6, 1, 7]


def test_georgia_leaving_the_cis_in_2009(nostore: World) -> None:
    """Joined in "1993-12" (from 1993-12-01: 31 days that year), withdrew on 2009-08-18 (a member 229 days)."""
    expected = {"year-end": ["member", "withdrawn"], "any-day": ["member", "member"], "majority": ["none", "member"]}
    for rule, (y1993, y2009) in expected.items():
        panel = nostore.state_years(["cis"], 1993, 2010, coding="status", rule=rule)
        assert [cell(panel, 372, 1993, "cis"), cell(panel, 372, 2009, "cis")] == [y1993, y2009], rule
        assert cell(panel, 372, 2010, "cis") == "withdrawn"
    assert row(nostore.state_years(["cis"], 2008, 2010), 372, "cis", range(2008, 2011)) == [1, 0, 0]


def test_a_dissolved_organization_and_a_year_only_end(nostore: World) -> None:
    """caco.yaml: founded 1994-04-30, dissolved "2006": it exists from 1994 to 2005 (the year's first day is
    the end taken), so 2006 is not in existence."""
    panel = nostore.state_years(["caco"], 1993, 2007)
    assert row(panel, 705, "caco", range(1993, 2008)) == [-1] + [1] * 12 + [-1, -1]
    frame = nostore.org_years(["caco"], 1993, 2007)
    assert list(frame.year) == list(range(1994, 2006))
    # the name of each year's end: the Central Asian Economic Union to 1998-07-16, the Community to
    # 2002-02-27, then the Central Asian Cooperation Organization
    names = dict(zip(frame.year, frame.name))
    assert (names[1997], names[1998], names[2001], names[2002]) == (
        "Central Asian Economic Union", "Central Asian Economic Community", "Central Asian Economic Community",
        "Central Asian Cooperation Organization")


def test_an_associate_and_an_observer_in_dyads(nostore: World) -> None:
    """cis.yaml: Turkmenistan an associate from 2005-08-26; eaeu.yaml: Moldova an observer from 2018-05-14,
    a CIS member then (until 2022)."""
    dy = nostore.dyad_years(["cis", "eaeu"], 2018, 2018).set_index(["ccode1", "ccode2"])
    names = ["joint_full", "joint_inside", "joint_any", "full_associate", "full_observer", "unknown"]
    assert dy.loc[(359, 365), names].tolist() == [1, 1, 2, 0, 1, 0]  # MDA-RUS: the CIS; the EAEU's observer
    assert dy.loc[(365, 701), names].tolist() == [0, 1, 1, 1, 0, 0]  # RUS-TKM: the CIS's associate
    assert dy.loc[(359, 701), names].tolist() == [0, 1, 1, 1, 0, 0]  # MDA-TKM
    assert dy.loc[(365, 370), names].tolist() == [2, 2, 2, 0, 0, 0]  # RUS-BLR: both in both
    assert dy.loc[(359, 365), ["state1", "state2"]].tolist() == ["MDA", "RUS"]  # ISO codes, not names


def test_a_state_with_no_iso_code_in_dyads(nostore: World) -> None:
    """COW's Republic of Vietnam (817, to 1975) has no ISO code: None, kept as None in an object column."""
    dy = nostore.dyad_years(["warsaw_pact"], 1970, 1970)
    vietnam = dy[dy.ccode2 == 817]
    assert len(vietnam) and all(label is None for label in vietnam.state2)
    assert dy.state1.dtype == object and dy.state2.dtype == object


def test_the_two_germanies_in_nato_in_1990(nostore: World) -> None:
    """nato.yaml: West Germany a member from 1955-05-06; on 1990-10-03 the code 260 gives way to 255. West
    Germany's 1990 ends on 10-02 (a member that day); Germany's begins on 10-03 (a member all 90 days)."""
    for rule in ("year-end", "any-day", "majority"):
        panel = nostore.state_years(["nato"], 1990, 1990, rule=rule)
        assert (cell(panel, 260, 1990, "nato"), cell(panel, 255, 1990, "nato")) == (1, 1), rule


def test_labels_of_a_state_with_no_iso_code(nostore: World) -> None:
    panel = nostore.state_years(["warsaw_pact"], 1970, 1970)
    assert cell(panel, 817, 1970, "state") is None and cell(panel, 817, 1970, "name") == "Republic of Vietnam"
    assert cell(panel, 365, 1970, "name") == "Soviet Union" and cell(panel, 365, 1970, "state") == "SUN"


def test_frozen_members_are_inside(nostore: World) -> None:
    """csto.yaml at the end of 2024: Armenia frozen (from 2024-02-22), Uzbekistan suspended, five members."""
    counts = nostore.org_years(["csto"], 2024, 2024).iloc[0]
    assert counts[["member", "suspended", "frozen", "inside"]].tolist() == [5, 1, 1, 7]


def test_false_dyads_are_dropped(nostore: World) -> None:
    """1990: West Germany (260) to 10-02, Germany (255) from 10-03, the GDR (265) to 10-02; the two Yemens
    (678, 680) to 05-21, Yemen (679) from 05-22 (COW's state list).  Germany never shares a day with the
    four that ended before 10-03, nor Yemen with the two Yemens; every other pair does."""
    pairs = lambda frame: set(zip(frame.ccode1, frame.ccode2))  # noqa: E731
    kept = pairs(nostore.dyad_years(["warsaw_pact"], 1990, 1990))
    assert (255, 260) not in kept and (255, 265) not in kept and (260, 265) in kept and (2, 255) in kept
    every = pairs(nostore.dyad_years(["warsaw_pact"], 1990, 1990, drop_false_dyads=False))
    assert every - kept == {(255, 260), (255, 265), (255, 678), (255, 680), (678, 679), (679, 680)}


# -- the panels' years and bad questions ------------------------------------------------------------


def test_default_years(bloc: World) -> None:
    panel = bloc.state_years(["bloc"], 2012)
    assert (panel.attrs["from"], panel.attrs["to"]) == (2012, LAST_COMPLETE)
    assert (panel.year.min(), panel.year.max()) == (2012, LAST_COMPLETE)
    assert bloc.state_years(["bloc"], end=1817).attrs["from"] == 1816
    assert bloc.state_years(["bloc"], 2020, 2020).attrs["to"] == 2020
    assert bloc.state_years(["bloc"], 2011, 2011).year.unique().tolist() == [2011]  # one year: start == end


@pytest.mark.parametrize("kwargs, parameter, message", [
    ({"start": 2012, "end": 2011}, "end", "end 2011 is before start 2012"),
    ({"start": 2012, "end": LAST_COMPLETE + 2}, "end",
     f"end {LAST_COMPLETE + 2} is after the current year ({LAST_COMPLETE + 1})"),
    ({"rule": "median"}, "rule", "rule: 'median' is not one of year-end, any-day, majority"),
    ({"coding": "iso"}, "coding", "coding: 'iso' is not one of cow, status"),
    ({"source": "cow"}, "prefer",
     "prefer: COW's coding needs an imported COW store; run `blocmap import cow \u2026` first"),
])
def test_bad_questions(bloc: World, kwargs: dict, parameter: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        bloc.state_years(["bloc"], **kwargs)
    assert (caught.value.parameter, str(caught.value)) == (parameter, message)


def test_the_current_year_is_allowed(bloc: World) -> None:
    panel = bloc.state_years(["pact"], 2020, LAST_COMPLETE + 1)
    assert panel.attrs["to"] == LAST_COMPLETE + 1 and panel.year.max() == LAST_COMPLETE + 1
    assert cell(panel, USA, LAST_COMPLETE + 1, "pact") == 1


def test_bad_rules_for_the_other_panels(bloc: World) -> None:
    for panel in (bloc.dyad_years, bloc.org_years):
        with pytest.raises(QueryError) as caught:
            panel(["bloc"], 2011, 2012, rule="last")
        assert caught.value.parameter == "rule"


# -- with the bundled COW extract (tests/fixtures/cow): COW's years and COW's coding -------------------


@pytest.fixture(scope="module")
def withstore(atlas) -> World:
    from test_world_support import store

    return World(store(), curated=Curated.from_atlas(atlas))


def test_the_years_of_a_panel_with_a_store(withstore: World) -> None:
    """COW's years are 1816-2014: a panel of COW's organizations alone ends in 2014, one with a curated
    organization in the last complete year; both begin in 1816."""
    alone = withstore.state_years(["asean"], 2010)
    assert (alone.attrs["from"], alone.attrs["to"], alone.attrs["cow_coverage"]) == (2010, 2014, [1816, 2014])
    assert withstore.state_years(["asean"], end=1820).attrs["from"] == 1816
    mixed = withstore.state_years(["eaeu", "asean"], 2013)
    assert (mixed.attrs["to"], mixed.attrs["data"]) == (LAST_COMPLETE, {"eaeu": "curated", "asean": "cow"})
    assert row(mixed, 850, "asean", range(2013, 2017)) == [1, 1, -9, -9]  # Indonesia: unknown past 2014
    assert row(mixed, 371, "eaeu", range(2013, 2017)) == [-1, -1, 1, 1]
    assert mixed.year.max() == LAST_COMPLETE and cell(mixed, 371, 2014, "asean") == 0  # Armenia: not in ASEAN
    # eurasec.yaml: dissolved on 2015-01-01: not in existence from 2015, not unknown
    gone = withstore.state_years(["eurasec"], 2013, 2016)
    assert row(gone, 365, "eurasec", range(2013, 2017)) == [1, 1, -1, -1] and gone.year.max() == 2016
    status = withstore.state_years(["asean"], 2014, 2015, coding="status")
    assert row(status, 850, "asean", [2014, 2015]) == ["member", "unknown"]


def test_cows_coding_of_a_curated_organization(withstore: World) -> None:
    """igo_year_format3.csv, CSTO: from 2002, Russia 1 in 2002, Uzbekistan 0 in 2012 (the atlas: Russia a
    participant at the end of 2002, from its signature on 10-07; Uzbekistan suspended from 2012-12-19)."""
    cow = withstore.state_years(["csto"], 2001, source="cow")
    assert (cow.attrs["to"], cow.attrs["data"]) == (2014, {"csto": "cow"})
    assert row(cow, 365, "csto", [2001, 2002, 2012]) == [-1, 1, 1]
    assert cell(cow, 704, 2012, "csto") == 0
    curated = withstore.state_years(["csto"], 2001, 2014)
    assert row(curated, 365, "csto", [2001, 2002, 2012]) == [-1, 0, 1]
    assert cell(curated, 704, 2012, "csto") == 1
    # past COW's years COW's coding is unknown, never 0 and never the atlas's
    later = withstore.state_years(["csto"], 2014, 2016, source="cow")
    assert row(later, 365, "csto", [2014, 2015, 2016]) == [1, -9, -9]
    counts = withstore.org_years(["csto"], 2014, 2015, source="cow")
    assert counts[["year", "data", "known", "member", "inside"]].values.tolist() == [
        [2014, "cow", "exists", 6, 6], [2015, "cow", "unknown", -9, -9]]
    # 2002: COW codes seven members (igo_year_format3.csv); the atlas none (they signed the Charter on
    # 2002-10-07 and ratified it in 2003)
    assert withstore.org_years(["csto"], 2002, 2002, source="cow").member.tolist() == [7]
    assert withstore.org_years(["csto"], 2002, 2002).member.tolist() == [0]
    dyads = withstore.dyad_years(["csto"], 2012, 2012, source="cow").set_index(["ccode1", "ccode2"])
    assert dyads.loc[(365, 704), "joint_full"] == 0 and dyads.loc[(365, 370), "joint_full"] == 1
    assert (dyads.attrs["data"], dyads.attrs["to"]) == ({"csto": "cow"}, 2012)
    answer = withstore.dyad_years(["csto"], 2012, 2012).set_index(["ccode1", "ccode2"])
    assert answer.loc[(365, 704), "joint_full"] == 1 and answer.attrs["data"] == {"csto": "curated"}


def test_the_spells_picked_from_cows_coding(withstore: World) -> None:
    from blocmap.core.world.panels import picked_spells

    cow = picked_spells(withstore, ["csto"], 2002, 2002, "year-end", "cow")
    assert sorted(cow.ccode) == [365, 370, 371, 702, 703, 704, 705] and set(cow.data) == {"cow"}
    assert set(cow.status) == {"member"}
    curated = picked_spells(withstore, ["csto"], 2002, 2002, "year-end")
    assert set(curated.data) == {"curated"} and "member" not in set(curated.status)


def test_cows_years_of_a_curated_organization(withstore: World) -> None:
    """COW's SCO begins in 1996 (igo_year_format3.csv: China, Kazakhstan, Kyrgyzstan, Russia and Tajikistan
    full members); the atlas's in 2001. COW's coding uses COW's years, and is unknown after 2014."""
    from blocmap.core.world.panels import picked_spells

    cow = picked_spells(withstore, ["sco"], 1996, 1996, "year-end", "cow")
    assert sorted(cow.ccode) == [365, 702, 703, 705, 710]
    assert picked_spells(withstore, ["sco"], 1996, 1996, "year-end").empty  # the atlas's SCO: not yet
    panel = withstore.state_years(["sco"], 1996, 1996, source="cow")
    assert cell(panel, 710, 1996, "sco") == 1 and cell(panel, 2, 1996, "sco") == 0
    dyads = withstore.dyad_years(["csto"], 2015, 2015, source="cow").set_index(["ccode1", "ccode2"])
    assert dyads.loc[(365, 370), ["joint_full", "unknown"]].tolist() == [0, 1]  # both -9 in one organization


def test_the_curated_organizations_by_default(withstore: World, atlas) -> None:
    panel = withstore.state_years(None, 2014, 2014, source="curated")
    assert list(panel.columns)[4:] == sorted(atlas.orgs)


# -- a generic spell table with rows past their state's last day or before their organization -------------
#
# "edge" (founded 2011-01-01): AAA (code 997, in the system in 2011 only) and CCC (999, 2011 only) members
# from 2011-01-01 with no end: rows that run past their state, as a generic table may have; BBB (998) in the
# system from 2012 on, with no row.  "late" (founded 2011-07-01): Armenia a member 2011-01-01..02-28, before
# the organization existed, then an observer from 2011-08-01 (153 days of the organization's 184 in 2011).


@pytest.fixture(scope="module")
def edges() -> World:
    from dataclasses import replace

    rows = [SpellRow("edge", "AAA", 997, "member", day("2011-01-01"), None, ("x",), "curated"),
            SpellRow("edge", "CCC", 999, "member", day("2011-01-01"), None, ("x",), "curated"),
            SpellRow("late", "ARM", ARM, "member", day("2011-01-01"), day("2011-03-01"), ("y",), "curated"),
            SpellRow("late", "ARM", ARM, "observer", day("2011-08-01"), None, ("y",), "curated"),
            SpellRow("brief", "ARM", ARM, "member", day("2011-06-30"), None, ("z",), "curated")]
    curated = Curated.from_rows(rows, {"edge": (day("2011-01-01"), None), "late": (day("2011-07-01"), None),
                                       "brief": (day("2011-01-01"), day("2011-07-01"))})
    curated = replace(curated, cow_codes={**curated.cow_codes, "BBB": ((998, None, None),)}, exists={
        "AAA": ((dt.date(2011, 1, 1), dt.date(2011, 12, 31)),), "BBB": ((dt.date(2012, 1, 1), None),),
        "CCC": ((dt.date(2011, 1, 1), dt.date(2011, 12, 31)),)})
    return World.without_store(curated)


@pytest.mark.parametrize("rule", ["year-end", "any-day", "majority"])
def test_a_row_past_its_states_last_day_lands_nowhere(edges: World, rule: str) -> None:
    panel = edges.state_years(["edge"], 2011, 2012, rule=rule)
    cells = {(c, y): v for c, y, v in panel[panel.ccode >= 997][["ccode", "year", "edge"]].values.tolist()}
    # not on BBB's row of 2012 (the next state-year after AAA's missing one), nor past the last row (CCC's)
    assert cells == {(997, 2011): 1, (998, 2012): 0, (999, 2011): 1}


def test_a_member_on_the_organizations_last_day(edges: World) -> None:
    """"brief": founded 2011-01-01, dissolved 2011-07-01 (its last day 06-30); Armenia a member from 06-30."""
    assert row(edges.state_years(["brief"], 2011, 2012), ARM, "brief", [2011, 2012]) == [1, -1]


@pytest.mark.parametrize("rule", ["year-end", "any-day", "majority"])
def test_days_before_the_organization_existed_do_not_count(edges: World, rule: str) -> None:
    panel = edges.state_years(["late"], 2010, 2012, rule=rule)
    assert row(panel, ARM, "late", [2010, 2011, 2012]) == [-1, 3, 3]


# -- the helpers, on arrays worked out by hand ----------------------------------------------------------


def test_ordinal_years_and_year_starts() -> None:
    from blocmap.core.world.panels import ordinal_years, year_start_ordinals

    days = [dt.date(1970, 1, 1), dt.date(2015, 12, 31), dt.date(2016, 1, 1), dt.date(1816, 1, 1),
            dt.date(1969, 12, 31), dt.date(9999, 12, 31)]
    assert ordinal_years([d.toordinal() for d in days]).tolist() == [1970, 2015, 2016, 1816, 1969, 9999]
    assert year_start_ordinals([1816, 1969, 1970, 2016]).tolist() == [
        dt.date(y, 1, 1).toordinal() for y in (1816, 1969, 1970, 2016)]


def test_lookup_and_days_from_either_source() -> None:
    import numpy as np
    import pandas as pd

    from blocmap.core.world.panels import _as_date, lookup

    found = lookup(pd.Series(["b", "a", "b", "c"]), {"a": 1, "b": 2, "c": -9})
    assert found.tolist() == [2, 1, 2, -9] and found.dtype == np.int64
    assert _as_date(dt.date(2015, 1, 2)) == dt.date(2015, 1, 2)
    assert _as_date(pd.Timestamp("2015-01-02")) == dt.date(2015, 1, 2)
    assert _as_date(np.datetime64("2015-01-02")) == dt.date(2015, 1, 2)
    assert type(_as_date(pd.Timestamp("2015-01-02 13:00"))) is dt.date


def test_the_spell_table_frame() -> None:
    from blocmap.core.world.panels import OPEN, spells_frame

    frame = spells_frame([BLOC[1], BLOC[8]])
    assert list(frame.columns) == ["org", "state", "ccode", "status", "start", "end", "precision", "sources",
                                   "data", "start_date", "end_date"]
    assert frame.values.tolist() == [
        ["bloc", "ARM", ARM, "suspended", dt.date(2011, 7, 2).toordinal(), dt.date(2012, 1, 1).toordinal(), "day",
         "a", "curated", "2011-07-02", "2012-01-01"],
        ["bloc", "GEO", GEO, "associate", dt.date(2013, 4, 1).toordinal(), OPEN, "day", "g", "curated",
         "2013-04-01", ""]]
    assert OPEN == dt.date(9999, 12, 31).toordinal()
    two = spells_frame([SpellRow("x", "KAZ", KAZ, "member", day("2012"), day("2014-03"), ("s1", "s2"), "cow")])
    assert two[["start", "end", "precision", "sources", "start_date", "end_date"]].values.tolist() == [
        [dt.date(2012, 1, 1).toordinal(), dt.date(2014, 3, 1).toordinal(), "year", "s1;s2", "2012", "2014-03"]]


def test_tenure_spans() -> None:
    """Days as the world without a store gives them (``datetime.date``); a tenure to the list's last day
    is open."""
    import pandas as pd

    from blocmap.core.world.panels import tenure_spans

    d = dt.date.fromisoformat
    frame = pd.DataFrame([(2, d("1816-01-01"), d("2016-12-31")), (260, d("1955-05-05"), d("1990-10-02")),
                          (255, d("1990-10-03"), d("2016-12-31")), (260, d("1991-01-01"), d("1991-06-30"))],
                         columns=["ccode", "start", "end_day"])
    o = lambda text: d(text).toordinal()  # noqa: E731
    assert tenure_spans(frame) == {2: [(o("1816-01-01"), o("9999-12-31"))],
                                   260: [(o("1955-05-05"), o("1990-10-02")), (o("1991-01-01"), o("1991-06-30"))],
                                   255: [(o("1990-10-03"), o("9999-12-31"))]}
    assert tenure_spans(frame.iloc[:0]) == {}
    # a store gives timestamps: the same spans, a tenure to the list's last day open as well
    stamps = frame.assign(start=pd.to_datetime(frame.start), end_day=pd.to_datetime(frame.end_day))
    assert tenure_spans(stamps) == tenure_spans(frame)


class _Tenures:
    """A world with only the tenures false_dyad_mask reads."""

    def __init__(self, spans: dict) -> None:
        self.spans = spans

    def tenure_spans(self) -> dict:
        return self.spans


def test_false_dyads_by_hand() -> None:
    import numpy as np

    from blocmap.core.world.panels import false_dyad_mask

    o = lambda text: dt.date.fromisoformat(text).toordinal()  # noqa: E731
    spans = {2: [(o("1816-01-01"), o("9999-12-31"))], 255: [(o("1990-10-03"), o("9999-12-31"))],
             260: [(o("1955-05-05"), o("1990-10-02"))], 265: [(o("1954-03-25"), o("1990-10-02"))],
             7: [(o("1990-01-01"), o("1990-03-31")), (o("1990-10-01"), o("1990-12-31"))],
             8: [(o("1990-04-01"), o("1990-09-30"))], 9: [(o("1990-03-31"), o("1990-09-30"))]}
    world = _Tenures(spans)
    ccodes = np.array([2, 255, 260, 265])
    i, j = np.triu_indices(4, k=1)  # (2,255) (2,260) (2,265) (255,260) (255,265) (260,265)
    assert false_dyad_mask(world, 1990, ccodes, i, j).tolist() == [False, False, False, True, True, False]
    assert false_dyad_mask(world, 1989, ccodes, i, j).tolist() == [False] * 6  # 255 not in 1989's list
    # a state in two stretches and one in the gap between them; another sharing 03-31
    gap = np.array([7, 8, 9])
    i, j = np.triu_indices(3, k=1)  # (7,8) (7,9) (8,9)
    assert false_dyad_mask(world, 1990, gap, i, j).tolist() == [True, False, False]
    assert false_dyad_mask(_Tenures({}), 1990, ccodes, *np.triu_indices(4, k=1)).tolist() == [False] * 6
    whole = np.array([2, 260])
    assert false_dyad_mask(world, 1980, whole, np.array([0]), np.array([1])).tolist() == [False]
    # the year's first and last days: 10 leaves on 01-15, 11 on 01-01, 12 comes on 01-02, 13 on 01-20,
    # 14 on 12-31; 999 is in no list
    edges = {**spans, 10: [(o("1980-01-01"), o("1990-01-15"))], 11: [(o("1980-01-01"), o("1990-01-01"))],
             12: [(o("1990-01-02"), o("9999-12-31"))], 13: [(o("1990-01-20"), o("9999-12-31"))],
             14: [(o("1990-12-31"), o("9999-12-31"))]}
    pairs = [(10, 13), (11, 12), (11, 260), (14, 255), (14, 260), (999, 255)]
    codes = np.array(sorted({c for pair in pairs for c in pair}))
    at = {c: k for k, c in enumerate(codes)}
    i, j = np.array([at[a] for a, _ in pairs]), np.array([at[b] for _, b in pairs])
    # 10 and 13 never meet; 11 and 12 neither; 11 and 260 share 01-01; 14 and 255 share 12-31; 14 and
    # 260 never meet; a state in no list meets no one
    assert false_dyad_mask(_Tenures(edges), 1990, codes, i, j).tolist() == [True, True, False, False, True, True]


def test_pair_counts_by_hand() -> None:
    """Six states (rows) in three organizations (columns), COW codes: 1 full, 2 associate, 3 observer,
    0 none, -9 unknown."""
    import numpy as np

    from blocmap.core.world.panels import _pair_counts

    m = np.array([[1, 1, 3],    # A
                  [1, 2, -9],   # B
                  [3, 0, -9],   # C
                  [2, 3, 2],    # D
                  [0, 2, 2],    # E
                  [3, 0, 3]],   # F
                 dtype=np.int8)
    counts = _pair_counts(m)
    names = ["joint_full", "joint_inside", "joint_any", "full_associate", "full_observer", "unknown"]
    A, B, C, D, E, F = range(6)
    expected = {
        (A, B): [1, 2, 2, 1, 0, 1],  # both full in 0; full-associate in 1; B unknown in 2
        (A, C): [0, 0, 1, 0, 1, 1],  # full-observer in 0; C unknown in 2
        (A, D): [0, 1, 3, 1, 1, 0],  # full-associate in 0, full-observer in 1, observer-associate in 2
        (A, E): [0, 1, 2, 1, 0, 0],  # full-associate in 1, observer-associate in 2
        (A, F): [0, 0, 2, 0, 1, 0],  # full-observer in 0, observer-observer in 2
        (B, C): [0, 0, 1, 0, 1, 1],  # both unknown in 2: one organization
        (B, D): [0, 1, 2, 1, 0, 1],  # full-associate in 0, associate-observer in 1
        (B, E): [0, 1, 1, 0, 0, 1],  # associate-associate in 1
        (C, D): [0, 0, 1, 0, 0, 1],  # observer-associate in 0
        (C, E): [0, 0, 0, 0, 0, 1],
        (C, F): [0, 0, 1, 0, 0, 1],  # observer-observer in 0
        (D, E): [0, 1, 2, 0, 0, 0],  # observer-associate in 1, associate-associate in 2
        (D, F): [0, 0, 2, 0, 0, 0],  # associate-observer in 0 and in 2
        (E, F): [0, 0, 1, 0, 0, 0],
    }
    got = {pair: [int(counts[n][pair]) for n in names] for pair in expected}
    assert got == expected
    assert all(np.array_equal(counts[n], counts[n].T) for n in names)  # the same both ways
    assert _pair_counts(np.zeros((2, 3), dtype=np.int8))["joint_any"].tolist() == [[0, 0], [0, 0]]

