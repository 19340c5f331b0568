"""Tests that know the answer: hand-written expected values where answers are easy to get wrong
(issue 26) — the boundary days of diff and of partial-date periods, each status in each count,
each economic column on a small fixture worked out by hand, each failure of the Euler checker,
and each language's script."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import blocmap
from blocmap.answers import Answers
from blocmap.core.dates import parse_partial


# --- diff: events on either boundary day -----------------------------------------------------

def test_diff_counts_an_event_on_the_second_day_but_not_on_the_first(atlas):
    # Armenia joined the EAEU on 2015-01-02 (the treaty in force for it)
    on_first = {(c.state, c.after) for c in atlas.diff("2015-01-02", "2016-01-01", ["eaeu"])}
    assert ("ARM", "member") not in on_first  # already in force on the first day
    on_second = {(c.state, c.after) for c in atlas.diff("2015-01-01", "2015-01-02", ["eaeu"])}
    assert ("ARM", "member") in on_second  # happened in between (on the second day)
    assert atlas.diff("2015-01-02", "2015-01-02", ["eaeu"]) == []


# --- partial dates: the first and last day of the period ---------------------------------------

@pytest.mark.parametrize("day,certain", [("2021-12-31", True), ("2022-01-01", False), ("2022-06-15", False),
                                         ("2022-12-31", False), ("2023-01-01", True)])
def test_a_year_precision_period_is_uncertain_from_its_first_to_its_last_day(atlas, day, certain):
    """Moldova ceased participating in the CIS in '2022' (a year): every day of 2022 is uncertain."""
    rows = {m.state: m for m in atlas.members("cis", on=day)}
    if day < "2022-01-01":
        assert rows["MDA"].status == "member" and rows["MDA"].certain is certain
    else:
        assert rows["MDA"].status == "ceased" and rows["MDA"].certain is certain


def test_a_month_precision_period_covers_exactly_its_month():
    period = parse_partial("2006-12")
    assert (period.earliest, period.latest) == (dt.date(2006, 12, 1), dt.date(2006, 12, 31))
    assert period.covers(dt.date(2006, 12, 31)) and not period.covers(dt.date(2007, 1, 1))
    assert not period.covers(dt.date(2006, 11, 30))
    leap = parse_partial("2024-02")
    assert leap.latest == dt.date(2024, 2, 29)


# --- counts: each status in each count -------------------------------------------------------

def test_orgs_counts_members_and_associates_only(atlas):
    rows = {r["org"]: r for r in Answers(atlas).orgs("2016-01-01", "en")}
    # the SCO on 2016-01-01: six members; observers (4) and dialogue partners are not counted
    assert rows["sco"]["members"] == 6
    assert len(atlas.members("sco", on="2016-01-01")) > 6
    # the CIS on 2016-01-01: nine members and Turkmenistan an associate (Ukraine still a member
    # until it ceased participating in 2018)
    assert rows["cis"]["members"] == 11


def test_org_year_inside_counts_suspended_and_frozen_members(atlas):
    frame = blocmap.org_years("csto", start=2011, end=2013).set_index("year")
    # Uzbekistan's CSTO membership was suspended on 2012-12-19: still inside at the end of 2012
    assert frame.loc[2011, "member"] == 7 and frame.loc[2011, "suspended"] == 0
    assert frame.loc[2012, "member"] == 6 and frame.loc[2012, "suspended"] == 1
    assert frame.loc[2012, "inside"] == 7 and frame.loc[2013, "inside"] == 7


# --- economics on a fixture worked out by hand --------------------------------------------------

def test_each_economic_column_by_hand(atlas):
    from blocmap.features import econ
    from blocmap.features.econ import Series

    values = {("RUS", 2020): 60.0, ("BLR", 2020): 30.0, ("KAZ", 2020): 10.0}
    series = Series("gdp", "NY.GDP.MKTP.CD", "current US$", "fixture", None, "test", "fixture", values)
    # the EAEU's members at the end of 2020: RUS, BLR, KAZ here, ARM and KGZ with no value
    result = econ.asymmetry(atlas, "eaeu", 2020, series=series)
    shares = {m["state"]: m["share"] for m in result["members"] if m["share"] is not None}
    assert shares == {"RUS": pytest.approx(0.6), "BLR": pytest.approx(0.3), "KAZ": pytest.approx(0.1)}
    assert result["total"] == pytest.approx(100.0)
    assert result["leader"] == "RUS" and result["leader_share"] == pytest.approx(0.6)
    assert result["runner_up"] == "BLR" and result["leader_to_runner_up"] == pytest.approx(2.0)
    assert result["rest"] == pytest.approx(40.0) and result["rest_to_leader"] == pytest.approx(40 / 60)
    assert result["hhi"] == pytest.approx(60 ** 2 + 30 ** 2 + 10 ** 2)
    assert sorted(result["missing"]) == ["ARM", "KGZ"] and not result["complete"]


# --- the Euler checker: each kind of failure ---------------------------------------------------

def _box(x0, y0, x1, y1):
    from shapely import box

    return box(x0, y0, x1, y1)


def test_the_checker_fails_a_layout_that_only_misses_a_zone():
    from blocmap.features.figures.check import check_shapes

    data = {"A": frozenset({"x", "y"}), "B": frozenset({"y", "z"})}
    apart = {"A": _box(0, 0, 2, 2), "B": _box(3, 0, 5, 2)}  # no A∩B region for y
    report = check_shapes(apart, data)
    assert report.missing == [frozenset({"A", "B"})] and not report.spurious and not report.disconnected
    assert not report.ok
    good = check_shapes({"A": _box(0, 0, 3, 2), "B": _box(2, 0, 5, 2)}, data)
    assert good.ok, good.summary()


def test_the_checker_fails_a_spurious_zone_and_a_split_zone():
    from blocmap.features.figures.check import check_shapes

    data = {"A": frozenset({"x"}), "B": frozenset({"z"})}
    overlapping = {"A": _box(0, 0, 3, 2), "B": _box(2, 0, 5, 2)}  # A∩B drawn, holding no one
    report = check_shapes(overlapping, data)
    assert report.spurious == [frozenset({"A", "B"})] and not report.ok
    declared = check_shapes(overlapping, data, declared_empty=[frozenset({"A", "B"})])
    assert not declared.spurious
    data2 = {"A": frozenset({"x", "y"}), "B": frozenset({"y"})}
    # B cuts A into two pieces of A-only
    split = {"A": _box(0, 0, 6, 2), "B": _box(2, -1, 4, 3)}
    report = check_shapes(split, data2)
    assert frozenset({"A"}) in report.disconnected and not report.ok


# --- each language's script and terms ------------------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def test_status_names_are_in_their_own_script():
    from blocmap.core.i18n import TABLE
    from blocmap.core.model import STATUSES

    for status in STATUSES:
        en, zh, ru = TABLE[f"status.{status}"]
        assert CJK.search(zh) and not CYRILLIC.search(zh) and not re.search(r"[A-Za-z]", zh), status
        assert CYRILLIC.search(ru) and not CJK.search(ru), status
        assert not CJK.search(en) and not CYRILLIC.search(en), status


def test_the_members_table_columns_are_in_the_readers_script():
    from click.testing import CliRunner

    from blocmap.cli import main

    zh = CliRunner().invoke(main, ["members", "csto", "--on", "2016-01-01", "--lang", "zh-Hant"]).output
    ru = CliRunner().invoke(main, ["members", "csto", "--on", "2016-01-01", "--lang", "ru"]).output
    assert "正式成員" in zh and "亞美尼亞" in zh and not CYRILLIC.search(zh)
    assert "член" in ru and "Армения" in ru and not CJK.search(ru)
