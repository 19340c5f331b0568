"""Economic asymmetry on small fixtures whose every column is worked out by hand (issue 26):
shares, leader and leader share, runner-up and the ratios, the rest, the HHI, the order of the
rows, the members counted on a given day, and what each degenerate case (no value, one value,
zeros) gives.  The values are binary fractions, so the answers are exact."""

from __future__ import annotations

import pytest

from blocmap.core.errors import QueryError
from blocmap.features import econ
from blocmap.features.econ import Series


def series(values: dict[str, float], year: int = 2020) -> Series:
    return Series("gdp", "NY.GDP.MKTP.CD", "current US$", "fixture 1", "src", "lic", "here",
                  {(state, year): value for state, value in values.items()})


# the EAEU at the end of 2020: Armenia, Belarus, Kazakhstan, Kyrgyzstan and Russia, all members
QUARTERS = series({"RUS": 50.0, "BLR": 25.0, "KAZ": 12.5, "KGZ": 12.5})  # ARM has no value


def test_every_column_of_a_small_fixture(atlas):
    result = econ.asymmetry(atlas, "eaeu", 2020, series=QUARTERS)
    # total 100; shares 1/2, 1/4, 1/8, 1/8; HHI 50² + 25² + 12.5² + 12.5² = 2500 + 625 + 156.25 * 2
    assert result == {
        "org": "eaeu", "org_name": "Eurasian Economic Union", "year": 2020, "on": "2020-12-31",
        "indicator": "gdp", "indicator_code": "NY.GDP.MKTP.CD", "unit": "current US$",
        "statuses_counted": ["associate", "member"],
        "members": [
            {"state": "RUS", "name": "Russia", "status": "member", "certain": True, "value": 50.0, "share": 0.5},
            {"state": "BLR", "name": "Belarus", "status": "member", "certain": True, "value": 25.0, "share": 0.25},
            # a tie is broken by the code; a state without a value comes last
            {"state": "KAZ", "name": "Kazakhstan", "status": "member", "certain": True, "value": 12.5,
             "share": 0.125},
            {"state": "KGZ", "name": "Kyrgyzstan", "status": "member", "certain": True, "value": 12.5,
             "share": 0.125},
            {"state": "ARM", "name": "Armenia", "status": "member", "certain": True, "value": None, "share": None},
        ],
        "counted": 4, "missing": ["ARM"], "complete": False, "total": 100.0,
        "leader": "RUS", "leader_share": 0.5, "runner_up": "BLR", "leader_to_runner_up": 2.0,
        "rest": 50.0, "rest_to_leader": 1.0, "hhi": 3437.5,
        "vintage": "fixture 1", "source": "src", "licence": "lic", "data": "here",
    }


def test_the_leader_need_not_be_listed_first(atlas):
    # Kazakhstan leads with 40 of 64 (5/8); Belarus 16 (1/4) is runner-up, 40 / 16 = 2.5; the rest
    # 16 + 4 + 4 + 0 = 24 is 0.6 of the leader; HHI 62.5² + 25² + 6.25² * 2 = 3906.25 + 625 + 78.125
    result = econ.asymmetry(atlas, "eaeu", 2020, series=series({"ARM": 4.0, "BLR": 16.0, "KAZ": 40.0,
                                                                "KGZ": 0.0, "RUS": 4.0}))
    assert [(m["state"], m["share"]) for m in result["members"]] == [
        ("KAZ", 0.625), ("BLR", 0.25), ("ARM", 0.0625), ("RUS", 0.0625), ("KGZ", 0.0)]
    assert (result["leader"], result["leader_share"], result["runner_up"]) == ("KAZ", 0.625, "BLR")
    assert result["leader_to_runner_up"] == 2.5
    assert result["rest"] == 24.0 and result["rest_to_leader"] == 0.6
    assert result["hhi"] == 4609.375
    assert result["complete"] is True and result["missing"] == [] and result["counted"] == 5


def test_a_runner_up_worth_nothing_gives_no_ratio(atlas):
    # rows with no value come last in code order; a zero value still counts and sorts before them
    result = econ.asymmetry(atlas, "eaeu", 2020, series=series({"RUS": 0.5, "BLR": 0.0}))
    assert [m["state"] for m in result["members"]] == ["RUS", "BLR", "ARM", "KAZ", "KGZ"]
    assert [m["share"] for m in result["members"]] == [1.0, 0.0, None, None, None]
    assert result["runner_up"] == "BLR" and result["leader_to_runner_up"] is None
    assert result["rest"] == 0.0 and result["rest_to_leader"] == 0.0
    assert result["hhi"] == 10000.0 and result["total"] == 0.5 and result["counted"] == 2


def test_one_value_only(atlas):
    result = econ.asymmetry(atlas, "eaeu", 2020, series=series({"KGZ": 7.0}))
    assert (result["leader"], result["leader_share"], result["runner_up"]) == ("KGZ", 1.0, None)
    assert result["leader_to_runner_up"] is None
    assert result["rest"] == 0 and result["rest_to_leader"] == 0.0 and result["hhi"] == 10000.0
    assert result["missing"] == ["ARM", "BLR", "KAZ", "RUS"]


def test_all_values_zero(atlas):
    result = econ.asymmetry(atlas, "eaeu", 2020, series=series({"RUS": 0.0, "BLR": 0.0}))
    assert result["total"] == 0.0 and result["counted"] == 2
    assert [m["share"] for m in result["members"]] == [None] * 5
    # equal values: the first in code order leads (Belarus), Russia is runner-up
    assert (result["leader"], result["runner_up"]) == ("BLR", "RUS") and result["leader_share"] is None
    assert result["leader_to_runner_up"] is None and result["rest_to_leader"] is None
    assert result["rest"] == 0.0 and result["hhi"] is None


def test_no_value_at_all(atlas):
    result = econ.asymmetry(atlas, "eaeu", 2020, series=series({}))
    assert result["counted"] == 0 and result["complete"] is False
    assert result["missing"] == ["ARM", "BLR", "KAZ", "KGZ", "RUS"]
    for column in ("total", "leader", "leader_share", "runner_up", "leader_to_runner_up", "rest",
                   "rest_to_leader", "hhi"):
        assert result[column] is None, column


# --- who is counted: the day and the statuses --------------------------------------------------

EAEU_2015 = series({"ARM": 1.0, "BLR": 2.0, "KAZ": 4.0, "KGZ": 1.0, "RUS": 8.0}, year=2015)


@pytest.mark.parametrize("on, states, total", [
    (None, ["RUS", "KAZ", "BLR", "ARM", "KGZ"], 16.0),       # 31 December: all five
    ("2015-08-12", ["RUS", "KAZ", "BLR", "ARM", "KGZ"], 16.0),  # Kyrgyzstan joined that day
    ("2015-08-11", ["RUS", "KAZ", "BLR", "ARM"], 15.0),
    ("2015-01-02", ["RUS", "KAZ", "BLR", "ARM"], 15.0),        # Armenia joined that day
    ("2015-01-01", ["RUS", "KAZ", "BLR"], 14.0),
])
def test_the_members_are_those_of_the_day_counted(atlas, on, states, total):
    result = econ.asymmetry(atlas, "eaeu", 2015, on=on, series=EAEU_2015)
    assert [m["state"] for m in result["members"]] == states
    assert result["total"] == total and result["on"] == (on or "2015-12-31")
    assert result["leader_share"] == 8.0 / total


def test_counted_day():
    import datetime as dt

    assert econ.counted_day(2015) == dt.date(2015, 12, 31)
    assert econ.counted_day(2015, "2015-01-01") == dt.date(2015, 1, 1)
    assert econ.counted_day(2015, dt.date(2015, 12, 31)) == dt.date(2015, 12, 31)
    with pytest.raises(QueryError) as caught:
        econ.counted_day(2015, "2016-01-01")
    assert str(caught.value) == "--on 2016-01-01 is not in 2015"


def test_the_statuses_counted(atlas):
    # the CIS at the end of 2021: nine members and Turkmenistan an associate (Ukraine ceased)
    values = {"RUS": 64.0, "KAZ": 8.0, "TKM": 8.0}
    inside = econ.asymmetry(atlas, "cis", 2021, series=series(values, 2021))
    assert inside["statuses_counted"] == ["associate", "member"]
    assert len(inside["members"]) == 10 and inside["total"] == 80.0 and inside["leader_share"] == 0.8
    assert [m["status"] for m in inside["members"] if m["state"] == "TKM"] == ["associate"]
    full = econ.asymmetry(atlas, "cis", 2021, series=series(values, 2021), statuses=frozenset({"member"}))
    assert full["statuses_counted"] == ["member"]
    assert len(full["members"]) == 9 and full["total"] == 72.0 and full["rest_to_leader"] == 0.125


def test_no_members_is_an_error_naming_the_day(atlas):
    with pytest.raises(QueryError) as caught:
        econ.asymmetry(atlas, "eaeu", 2010, series=series({}, 2010))
    assert str(caught.value) == "eaeu had no members (associate, member) on 2010-12-31"


def test_names_in_the_readers_language(atlas):
    result = econ.asymmetry(atlas, "eaeu", 2020, series=QUARTERS, lang="zh-Hant")
    assert result["org_name"] == "歐亞經濟聯盟"
    assert [m["name"] for m in result["members"]][:2] == ["俄羅斯", "白俄羅斯"]


# --- the HHI ------------------------------------------------------------------------------------

@pytest.mark.parametrize("values, expected", [
    ([50, 25, 12.5, 12.5], 3437.5),
    ([1, 1, 1, 1], 2500.0),
    ([3], 10000.0),
    ([None, 1, 1], 5000.0),       # a missing value is left out, not counted as zero
    ([0, 2, 2], 5000.0),
])
def test_hhi_by_hand(values, expected):
    assert econ.hhi(values) == expected


@pytest.mark.parametrize("values", [[], [0, 0], [None]])
def test_hhi_of_nothing_is_an_error(values):
    with pytest.raises(QueryError) as caught:
        econ.hhi(values)
    assert str(caught.value) == "no positive values to compute an HHI from"


# --- over time, and the figures a publication quotes ------------------------------------------

def test_over_time_uses_the_series_and_language_given(atlas):
    seen = []
    values = {(state, year): value for year in (2014, 2015, 2016)
              for state, value in {"RUS": 8.0, "BLR": 2.0, "KAZ": 4.0, "ARM": 1.0, "KGZ": 1.0}.items()}
    given = Series("gdp", "NY.GDP.MKTP.CD", "current US$", "fixture 2", None, "lic", "here", values)
    results = econ.asymmetry_over_time(atlas, "eaeu", 2014, 2016, series=given, lang="ru", progress=seen.append)
    assert seen == [2014, 2015, 2016]           # 2014 asked about, then skipped (no EAEU yet)
    assert [(r["year"], r["total"], r["vintage"]) for r in results] == [(2015, 16.0, "fixture 2"),
                                                                        (2016, 16.0, "fixture 2")]
    assert results[0]["org_name"] == "Евразийский экономический союз"
    one = econ.asymmetry_over_time(atlas, "eaeu", 2016, 2016, series=given)
    assert [r["year"] for r in one] == [2016]
    with pytest.raises(QueryError) as caught:
        econ.asymmetry_over_time(atlas, "eaeu", 2017, 2016, series=given)
    assert str(caught.value) == "--from 2017 is after --to 2016"


def test_over_time_skips_the_years_before_an_organization(atlas):
    # the CIS was founded in December 1991: 1990 has no members and is left out
    given = Series("gdp", "c", "u", "v", None, "l", "o", {("RUS", y): 1.0 for y in (1990, 1991, 1992)})
    assert [r["year"] for r in econ.asymmetry_over_time(atlas, "cis", 1990, 1992, series=given)] == [1991, 1992]


def test_quoted_figures_are_those_of_the_org_year_and_indicator():
    quote = econ.quoted("cis", 2021)
    assert set(quote) == {"source", "cites", "vintage", "line", "values", "others_sum", "leader_to_runner_up",
                          "rest_to_leader", "text"}
    assert quote["values"] == {"RUS": 1775799920000, "KAZ": 190814270000} and quote["rest_to_leader"] == 0.26
    assert econ.quoted("cis", 2021, "population") is None
    assert econ.quoted("cis", 2020) is None and econ.quoted("eaeu", 2021) is None


def test_a_result_without_a_quote_has_no_quote_key(atlas):
    assert "quoted" not in econ.asymmetry(atlas, "eaeu", 2020, series=QUARTERS)
    assert econ.asymmetry(atlas, "cis", 2021, series=series({"RUS": 1.0}, 2021))["quoted"]["line"] == 477


# --- what a question names, and where the series comes from -----------------------------------

def test_the_organization_is_named_as_on_the_day_counted(atlas):
    # the Union State was the Community of Russia and Belarus until its renaming on 1997-04-02
    given = series({"RUS": 3.0, "BLR": 1.0}, 1997)
    assert econ.asymmetry(atlas, "union_state", 1997, series=given)["org_name"] == "Union of Belarus and Russia"
    early = econ.asymmetry(atlas, "union_state", 1997, on="1997-04-01", series=given)
    assert early["org_name"] == "Community of Russia and Belarus" and early["leader_share"] == 0.75


@pytest.mark.parametrize("call, parameter, message", [
    (lambda a: econ.asymmetry(a, "eaeu", "20x1", series=QUARTERS), "year", "year: '20x1' is not a year"),
    (lambda a: econ.asymmetry(a, "eaeu", 2020, on="2020-13-01", series=QUARTERS), "on",
     "on: '2020-13-01' is not a date: month 13 does not exist"),
    (lambda a: econ.asymmetry(a, "eaeu", 2020, on="2019-12-31", series=QUARTERS), "on",
     "--on 2019-12-31 is not in 2020"),
    (lambda a: econ.asymmetry(a, "eaeu", 2010, series=QUARTERS), "org",
     "eaeu had no members (associate, member) on 2010-12-31"),
    (lambda a: econ.asymmetry_over_time(a, "eaeu", "x", 2020, series=QUARTERS), "from", "from: 'x' is not a year"),
    (lambda a: econ.asymmetry_over_time(a, "eaeu", 2015, "y", series=QUARTERS), "to", "to: 'y' is not a year"),
    (lambda a: econ.asymmetry_over_time(a, "eaeu", 2021, 2020, series=QUARTERS), "from",
     "--from 2021 is after --to 2020"),
])
def test_each_bad_question_names_its_parameter(atlas, call, parameter, message):
    with pytest.raises(QueryError) as caught:
        call(atlas)
    assert (caught.value.parameter, str(caught.value)) == (parameter, message)


def test_a_population_series_is_not_compared_with_quoted_gdp(atlas):
    people = Series("population", "SP.POP.TOTL", "people", "fixture", None, "lic", "here", {("RUS", 2021): 1.0})
    result = econ.asymmetry(atlas, "cis", 2021, series=people)
    assert result["indicator"] == "population" and "quoted" not in result


def test_by_default_the_gdp_in_english(atlas, monkeypatch, tmp_path):
    monkeypatch.setenv("BLOCMAP_HOME", str(tmp_path))  # nothing imported: the bundled series
    result = econ.asymmetry(atlas, "eaeu", 2020)
    assert (result["indicator"], result["data"], result["org_name"]) == ("gdp", "bundled", "Eurasian Economic Union")
    assert result["members"][0]["name"] == "Russia"
    over = econ.asymmetry_over_time(atlas, "eaeu", 2020, 2020)
    assert [(r["indicator"], r["data"], r["org_name"]) for r in over] == [("gdp", "bundled", "Eurasian Economic Union")]


def test_a_data_folder_uses_the_series_imported_for_it(data_copy, monkeypatch, tmp_path):
    import json

    import blocmap

    monkeypatch.setenv("BLOCMAP_HOME", str(tmp_path / "home"))  # the user's folder has nothing
    folder = data_copy / "imported-indicators"
    folder.mkdir()
    values = [["RUS", 2020, 6.0], ["BLR", 2020, 2.0], ["KAZ", 2020, 0.0], ["KGZ", 2020, 0.0], ["ARM", 2020, 0.0]]
    (folder / "gdp.json").write_text(json.dumps({"vintage": "folder copy", "values": values}), encoding="utf-8")
    atlas = blocmap.load(data_copy)
    result = econ.asymmetry(atlas, "eaeu", 2020)
    assert (result["vintage"], result["total"], result["leader_share"]) == ("folder copy", 8.0, 0.75)
    assert [r["vintage"] for r in econ.asymmetry_over_time(atlas, "eaeu", 2020, 2020)] == ["folder copy"]


def test_the_indicator_asked_for_is_the_one_loaded(atlas, monkeypatch, tmp_path):
    monkeypatch.setenv("BLOCMAP_HOME", str(tmp_path))
    result = econ.asymmetry(atlas, "eaeu", 2020, indicator="population")
    assert (result["indicator"], result["indicator_code"], result["leader"]) == ("population", "SP.POP.TOTL", "RUS")
    over = econ.asymmetry_over_time(atlas, "eaeu", 2020, 2020, indicator="population")
    assert [r["indicator_code"] for r in over] == ["SP.POP.TOTL"]


# --- the vintage as a reader sees it -----------------------------------------------------------

BUNDLED_VINTAGE = ("WDI as packaged by datahub core/gdp, data/gdp.csv last changed 2024-10-21 (commit 1cdcd2eb); "
                   "snapshot at commit 822019c8 (datapackage last_updated 2026-02-24); years 1960-2023")


@pytest.mark.parametrize("vintage, lang, shown", [
    (BUNDLED_VINTAGE, "en", "World Bank WDI, data of 2024-10-21, 1960–2023"),
    (BUNDLED_VINTAGE, "zh-Hant", "世界銀行世界發展指標，2024-10-21 版資料、1960–2023"),
    (BUNDLED_VINTAGE, "ru", "Всемирный банк, WDI, данные от 2024-10-21, 1960–2023"),
    ("WDI, Last Updated Date 2025-07-01", "en", "World Bank WDI, data of 2025-07-01"),
    ("imported 2020-01-01; last changed 2024-10-21", "en", "World Bank WDI, data of 2024-10-21"),
    ("last changed 2024-10-21, years 1990 –  2000", "en", "World Bank WDI, data of 2024-10-21, 1990–2000"),
    ("datahub snapshot at commit abcdef1234 (years 1960-2023)", "en", "datahub (years 1960-2023)"),
    ("datahub (commit abcdef1); x", "ru", "datahub; x"),
    ("datahub commit abcde", "en", "datahub commit abcde"),      # five hex digits: not a commit
    ("datahub; commit abcdef1", "en", "datahub"),                 # no separator left hanging
    ("XDR series (commit abcdef1)", "en", "XDR series"),
    ("plain text", "en", "plain text"),
    ("", "en", ""),
    (None, "en", None),
])
def test_the_vintage_a_reader_sees(vintage, lang, shown):
    assert econ.vintage_for_reader(vintage, lang) == shown


def test_the_vintage_in_english_by_default():
    assert econ.vintage_for_reader(BUNDLED_VINTAGE) == "World Bank WDI, data of 2024-10-21, 1960–2023"


# --- the values list of a published series (imported-indicators/<name>.json) -------------------

def test_a_values_list_is_read_as_floats():
    assert econ._values_of([["RUS", 2020, 1], ["KAZ", 2021, 0], ["BLR", 2020, 1.5]], "f.json") == {
        ("RUS", 2020): 1.0, ("KAZ", 2021): 0.0, ("BLR", 2020): 1.5}
    assert econ._values_of([], "f.json") == {}


@pytest.mark.parametrize("rows, shown", [
    ([["RUS", 2020]], "['RUS', 2020]"),
    ([["RUS", 2020, 1, 2]], "['RUS', 2020, 1, 2]"),
    ([[1, 2020, 1]], "[1, 2020, 1]"),
    ([["RUS", "2020", 1]], "['RUS', '2020', 1]"),
    ([["RUS", 2020, True]], "['RUS', 2020, True]"),
    ([["RUS", 2020, "1"]], "['RUS', 2020, '1']"),
    ([["RUS", 2020, float("nan")]], "['RUS', 2020, nan]"),
    ([["RUS", 2020, float("inf")]], "['RUS', 2020, inf]"),
    ([["RUS", 2020, -1]], "['RUS', 2020, -1]"),
    ([["RUS", 2020, 1], "x"], "x"),
    ([["R" * 100, 2020, "x"]], "['" + "R" * 58),                 # cut at 60 characters
])
def test_each_bad_row_of_a_values_list_is_named(rows, shown):
    with pytest.raises(econ.DataError) as caught:
        econ._values_of(rows, "f.json")
    assert str(caught.value) == f"f.json: 'values' holds {shown}, not [code, year, value]"


def test_values_that_are_not_a_list():
    with pytest.raises(econ.DataError) as caught:
        econ._values_of({}, "f.json")
    assert str(caught.value) == "f.json: 'values' must be a list of [code, year, value]"


# --- a series, the indicators and where imported series live ----------------------------------

def test_a_series_years_and_meta():
    two = series({"RUS": 1.0}, 2019)
    spread = econ.Series(**{**two.__dict__, "values": {("RUS", 2019): 1.0, ("KAZ", 2021): 2.0}})
    assert spread.years() == range(2019, 2022)
    assert series({}).years() == range(0)
    assert two.value("RUS", 2019) == 1.0 and two.value("RUS", 2020) is None
    assert two.meta() == {"indicator": "gdp", "code": "NY.GDP.MKTP.CD", "unit": "current US$",
                          "vintage": "fixture 1", "source": "src", "licence": "lic", "origin": "here"}


def test_check_indicator():
    assert econ.check_indicator("gdp") == "gdp" and econ.check_indicator("population") == "population"
    with pytest.raises(QueryError) as caught:
        econ.check_indicator("gpd")
    assert (caught.value.parameter, str(caught.value)) == (
        "indicator", "unknown indicator 'gpd' (use gdp or population)")


def test_where_imported_series_live(monkeypatch, tmp_path):
    from pathlib import Path

    from blocmap.core.loader import BUNDLED

    monkeypatch.setenv("BLOCMAP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert econ.data_home() == tmp_path / "home"
    assert econ.imported_dir() == tmp_path / "home" / "indicators"
    assert econ.imported_dir(BUNDLED) == tmp_path / "home" / "indicators"
    assert econ.imported_dir(tmp_path / "data") == tmp_path / "data" / "imported-indicators"
    monkeypatch.setenv("BLOCMAP_HOME", "")
    assert econ.data_home() == tmp_path / "xdg" / "blocmap"
    monkeypatch.delenv("BLOCMAP_HOME")
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    assert econ.data_home() == Path(tmp_path / "me" / ".local" / "share" / "blocmap")
