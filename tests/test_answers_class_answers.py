"""The ``Answers`` class that knows the answer: every method every door calls (CLI, web API, Python
API), asked directly on the bundled data and on the bundled COW extract (tests/fixtures/cow), with
values read by hand from the data files (``data/orgs/*.yaml``, ``states.yaml``, ``sources.yaml``) and
the COW files.  Old days (1950, 1991, 2003) and today; each status in each count; every failure with
its exact one-line message and the parameter it names.  Fast: the mutation run
(``benchmarks/mutants.py --module src/blocmap/answers/__init__.py``) runs this file once a mutant.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import blocmap
from blocmap.answers import OVERVIEW_ORGS, Answers, _FigureView, _keep, _noted, _orgs, _status_id, _years, require
from blocmap.core.errors import QueryError
from blocmap.core.model import POST_SOVIET

def today() -> dt.date:
    """Today, asked when a test runs (a module constant fails a run that crosses midnight)."""
    return dt.date.today()
ALL_ORGS = ["bsec", "caco", "ces", "cis", "cis_fta", "cmea", "coe", "cst", "csto", "customs_union",
            "customs_union_1995", "eaeu", "eap", "eco", "eu", "eurasec", "guam", "nato", "osce", "ots", "pfp",
            "sco", "shanghai_five", "union_state", "warsaw_pact"]  # data/orgs/*.yaml, in file order
COW = ["cow_igo_v3"]  # the source of every row answered from the store


def fails(call, *args, **kwargs) -> tuple[str, str | None]:
    """The one-line message and the parameter of the QueryError ``call`` raises."""
    with pytest.raises(QueryError) as caught:
        call(*args, **kwargs)
    assert "\n" not in str(caught.value)
    return str(caught.value), caught.value.parameter


@pytest.fixture(scope="module")
def answers(atlas) -> Answers:
    return Answers(atlas)


@pytest.fixture(scope="module")
def withstore(atlas) -> Answers:
    from test_world_support import store

    return Answers(atlas, store())


def pairs(rows, *keys):
    return [tuple(r[k] for k in keys) for r in rows]


# ---------------------------------------------------------------------------------------------- parameters


def test_require():
    for missing in (None, "", "   "):
        assert fails(require, missing, "org") == ("org: missing parameter", "org")
    assert fails(require, None, "date2") == ("date2: missing parameter", "date2")
    assert require(" csto ", "org") == " csto "  # kept as given (the resolver strips)
    assert require(5, "x") == "5"


def test_the_store_path(atlas, tmp_path):
    assert Answers(atlas).store is None and Answers(atlas).world is None
    named = Answers(atlas, str(tmp_path / "w.duckdb")).store
    assert isinstance(named, Path) and named == tmp_path / "w.duckdb"


def test_open(atlas):
    from test_world_support import store

    assert Answers.open(atlas).store is None  # no default store was imported (conftest's XDG_DATA_HOME)
    opened = Answers.open(atlas, str(store()))
    assert opened.store == store() and opened.atlas is atlas
    assert opened.world.coverage == (1816, 2014)


def test_curated_id(answers, withstore):
    assert answers.curated_id("CSTO") == "csto"
    assert answers.curated_id("Warsaw Pact") == "warsaw_pact"
    assert fails(answers.curated_id, "asean") == (
        "unknown organization 'asean' (did you mean 'eurasec' or 'eap'?)", "org")
    assert fails(answers.curated_id, "asean", "orgs")[1] == "orgs"
    assert withstore.curated_id("asean") is None  # only the store knows it
    assert withstore.curated_id("csto") == "csto"
    # unknown to both: the suggestions come from both lists
    assert fails(withstore.curated_id, "asea") == (
        "unknown organization 'asea' (did you mean 'asean' or 'sela' or 'wassen'?)", "org")
    assert fails(withstore.curated_id, "zzzq", "subject") == ("unknown organization 'zzzq'", "subject")


def test_org_ids(answers, withstore):
    assert answers.org_ids(None) == ALL_ORGS
    assert answers.org_ids("") == ALL_ORGS  # an empty text is no list
    assert answers.org_ids(None, default=("cis", "sco")) == ["cis", "sco"]
    assert answers.org_ids("", default=[]) == []
    assert answers.org_ids("post-soviet") == list(POST_SOVIET)
    assert answers.org_ids(["CSTO", "cis", "csto"]) == ["csto", "cis"]
    assert answers.org_ids("CIS, Collective Security Treaty Organization") == ["cis", "csto"]
    assert fails(answers.org_ids, " , ") == ("orgs: no organization given", "orgs")
    assert fails(answers.org_ids, ",", "org") == ("org: no organization given", "org")
    assert fails(answers.org_ids, "asean,cis") == (
        "unknown organization 'asean' (did you mean 'eurasec' or 'eap'?)", "orgs")
    # with the store: imported and curated, by id, acronym or COW id, each once, in the order given
    assert withstore.org_ids("asean,cis") == ["asean", "cis"]
    assert withstore.org_ids(["ASEAN", "csto", "asean", "wpact"]) == ["asean", "csto", "warsaw_pact"]
    assert withstore.org_ids("post-soviet") == list(POST_SOVIET)
    assert withstore.org_ids("asean,post-soviet") == ["asean", *POST_SOVIET]  # a named set beside an import
    assert fails(withstore.org_ids, "asean,zzzq") == ("unknown organization 'zzzq'", "orgs")
    assert fails(withstore.org_ids, "asean,zzzq", "x")[1] == "x"


# ---------------------------------------------------------------------------------------------- members


def test_cis_members_on_old_days(answers):
    # the Belovezha Accords (1991-12-08): three participants; the Alma-Ata Protocol (12-21) eight more;
    # ratifications by five states by the end of the year
    first = answers.members("cis", "1991-12-08")
    assert pairs(first, "state", "status", "since", "until") == [
        ("BLR", "participant", "1991-12-08", "1991-12-10"), ("RUS", "participant", "1991-12-08", "1991-12-12"),
        ("UKR", "participant", "1991-12-08", "1991-12-10")]
    assert pairs(answers.members("cis", "1991-12-31"), "state", "status") == [
        ("BLR", "member"), ("KAZ", "member"), ("RUS", "member"), ("TKM", "member"), ("UKR", "member"),
        ("ARM", "participant"), ("AZE", "participant"), ("KGZ", "participant"), ("MDA", "participant"),
        ("TJK", "participant"), ("UZB", "participant")]
    assert [r["state"] for r in answers.members("cis", "2003-01-01")] == [
        "ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"]
    # Turkmenistan an associate from 2005, after the ten members
    assert pairs(answers.members("cis", "2016-01-01"), "state", "status")[-2:] == [("UZB", "member"),
                                                                                  ("TKM", "associate")]


def test_members_in_1950(answers):
    assert pairs(answers.members("cmea", "1950-01-01"), "state", "status") == [
        ("ALB", "member"), ("BGR", "member"), ("CSK", "member"), ("HUN", "member"), ("POL", "member"),
        ("ROU", "member"), ("SUN", "member")]


def test_a_whole_member_row(answers):
    row = answers.members("csto", "2012-12-20")[-1]
    assert row == {
        "org": "csto", "org_name": "CSTO", "org_name_today": "CSTO", "state": "UZB", "name": "Uzbekistan",
        "status": "suspended", "since": "2012-12-19", "since_precision": "day", "until": None, "certain": True,
        "event": "suspended", "sources": ["tass-687141", "belta-2012-uzb-csto-suspended",
                                          "rferl-2012-csto-accepts-uzb-withdrawal"],
        "ccode": 704, "data": "curated", "continues_in": None}


def test_members_today(answers):
    now = pairs(answers.members("csto"), "state", "status")
    assert now == [("BLR", "member"), ("KAZ", "member"), ("KGZ", "member"), ("RUS", "member"),
                     ("TJK", "member"), ("UZB", "suspended"), ("ARM", "frozen")]
    assert answers.members("csto", today().isoformat()) == answers.members("csto", None)
    assert answers.members("csto", "") == answers.members("csto", "today")


def test_members_by_status(answers):
    assert pairs(answers.members("csto", statuses="suspended,frozen"), "state") == [("UZB",), ("ARM",)]
    assert pairs(answers.members("csto", statuses=["Frozen"]), "state") == [("ARM",)]
    assert pairs(answers.members("csto", statuses="\u51cd\u7d50"), "state") == [("ARM",)]  # 凍結, zh-Hant
    assert answers.members("csto", statuses="observer") == []
    assert len(answers.members("csto", statuses=[])) == 7  # no status named: all
    assert fails(answers.members, "csto", statuses="foo") == ("unknown status 'foo'", "status")


def test_members_before_the_first_event(answers):
    assert fails(answers.members, "cis", "1991-12-07") == (
        "cis: nothing on 1991-12-07: its first recorded event is on 1991-12-08", "on")
    # the first event written in its own precision (the CMEA's founding month)
    assert fails(answers.members, "cmea", "1948-12-31") == (
        "cmea: nothing on 1948-12-31: its first recorded event is on 1949-01", "on")
    assert fails(answers.members, "CIS", "1950-01-01")[0].startswith("cis: nothing on 1950-01-01")
    assert answers.members("cis", "1950-01-01", before_first="empty") == []
    # after the last member is gone nothing is refused: the answer is no one
    assert answers.members("warsaw_pact", "2000-01-01") == []
    assert fails(answers.members, "", "2000-01-01") == ("org: missing parameter", "org")
    assert fails(answers.members, None) == ("org: missing parameter", "org")


def test_members_of_an_imported_organization(withstore):
    # ASEAN in 1991 (COW): six members, Papua New Guinea an observer after them
    rows = withstore.members("asean", "1991-06-01")
    assert pairs(rows, "state", "status", "since") == [
        ("BRN", "member", "1984"), ("IDN", "member", "1967"), ("MYS", "member", "1967"), ("PHL", "member", "1967"),
        ("SGP", "member", "1967"), ("THA", "member", "1967"), ("PNG", "observer", "1976")]
    assert [r["name"] for r in withstore.members("asean", "1991-06-01", lang="zh-Hant")][:2] == [
        "\u6c76\u840a", "\u5370\u5c3c"]  # 汶萊, 印尼
    assert pairs(withstore.members("asean", "1991-06-01", statuses="observer"), "state") == [("PNG",)]
    # the Rhine commission in 1850: Bavaria has no ISO code (COW's abbreviation, COW's name)
    assert withstore.members("ccnr", "1850-06-01", lang="ru") == [
        {"org": "ccnr", "org_name": "Central Commission for the Navigation of the Rhine",
         "org_name_today": "Central Commission for the Navigation of the Rhine", "state": "BAV", "name": "Bavaria",
         "status": "member", "since": "1816", "since_precision": "year", "until": "1870", "certain": True,
         "event": "cow", "sources": COW, "ccode": 245, "data": "cow", "continues_in": None},
        *[{"org": "ccnr", "org_name": "Central Commission for the Navigation of the Rhine",
           "org_name_today": "Central Commission for the Navigation of the Rhine", "state": iso3, "name": name,
           "status": "member", "since": "1816", "since_precision": "year", "until": "1870", "certain": True,
           "event": "cow", "sources": COW, "ccode": ccode, "data": "cow", "continues_in": None}
          for iso3, name, ccode in (("DEU", "\u0413\u0435\u0440\u043c\u0430\u043d\u0438\u044f", 255),
                                    ("FRA", "\u0424\u0440\u0430\u043d\u0446\u0438\u044f", 220),
                                    ("NLD", "\u041d\u0438\u0434\u0435\u0440\u043b\u0430\u043d\u0434\u044b", 210))]]
    # a curated organization through the store is the curated answer
    assert withstore.members("csto", "2012-12-20") == Answers(withstore.atlas).members("csto", "2012-12-20")


def test_memberships(answers):
    assert pairs(answers.memberships("UZB", "2003-01-01"), "org", "status") == [
        ("caco", "member"), ("cis", "member"), ("eco", "member"), ("guam", "ceased"), ("osce", "member"),
        ("pfp", "participant"), ("sco", "member"), ("shanghai_five", "member")]
    assert pairs(answers.memberships("DEU", "1991-12-31"), "org", "status", "name") == [
        ("coe", "member", "Germany"), ("eu", "member", "Germany"), ("nato", "member", "Germany"),
        ("osce", "member", "Germany")]
    assert answers.memberships("RUS", "1950-01-01") == []  # the Soviet Union's, not Russia's
    assert pairs(answers.memberships("SUN", "1950-01-01"), "org", "status") == [("cmea", "member")]
    assert pairs(answers.memberships("UZB", "2012-12-19", statuses="suspended"), "org") == [
        ("cst",), ("csto",), ("customs_union_1995",), ("eurasec",)]
    assert pairs(answers.memberships("ARM", statuses="frozen"), "org") == [("cst",), ("csto",)]
    assert answers.memberships("ARM", None) == answers.memberships("ARM", today())
    assert answers.memberships("ARM", "") == answers.memberships("ARM", today())
    assert answers.memberships("KAZ", "2010-06-01", lang="ru")[0]["name"] == "\u041a\u0430\u0437\u0430\u0445\u0441\u0442\u0430\u043d"
    assert fails(answers.memberships, "") == ("state: missing parameter", "state")
    assert fails(answers.memberships, "RUS", world=True) == (
        "world: no COW store: run 'blocmap import cow STATE_YEAR_CSV' first, or name one with --db", "db")


def test_memberships_with_the_store(withstore):
    rows = withstore.memberships("RUS", "2010-06-01", world=True)
    assert pairs(rows, "org", "status", "data") == [
        ("apec", "member", "cow"), ("bipm", "member", "cow"), ("bsec", "member", "curated"),
        ("cbss", "member", "cow"), ("ces", "participant", "curated"), ("cis", "member", "curated"),
        ("coe", "member", "curated"), ("cst", "member", "curated"), ("csto", "member", "curated"),
        ("customs_union", "member", "curated"), ("customs_union_1995", "member", "curated"),
        ("eurasec", "member", "curated"), ("itu", "member", "cow"), ("osce", "member", "curated"),
        ("pfp", "participant", "curated"), ("sco", "member", "curated"), ("shanghai_five", "member", "curated"),
        ("union_state", "member", "curated"), ("upu", "member", "cow"), ("wassen", "member", "cow"),
        ("who", "member", "cow")]
    assert pairs(withstore.memberships("RUS", "2010-06-01", world=True, statuses="participant"), "org") == [
        ("ces",), ("pfp",)]
    # a curated row through the store: the curated names of the day, no event kind
    cis = next(r for r in withstore.memberships("KAZ", "2010-06-01", lang="ru", world=True) if r["org"] == "cis")
    assert cis == {"org": "cis", "org_name": "\u0421\u041d\u0413", "org_name_today": "\u0421\u041d\u0413",
                   "state": "KAZ", "name": "\u041a\u0430\u0437\u0430\u0445\u0441\u0442\u0430\u043d",
                   "status": "member", "since": "1991-12-23", "since_precision": "day", "until": None,
                   "certain": True, "event": "", "sources": ["wp-cis-member-states"], "ccode": 705,
                   "data": "curated", "continues_in": None}
    # without world=True only the curated organizations
    assert [r["org"] for r in withstore.memberships("RUS", "2010-06-01")][:2] == ["bsec", "ces"]


def test_a_curated_row_from_the_store_names_the_day_and_the_successor(withstore):
    """West Germany in NATO in 1980, from the store: the name of that day; the 1995 Customs Union in
    2016 continues in EurAsEC."""
    deu = next(r for r in withstore.memberships("DEU", "1980-06-01", world=True) if r["org"] == "nato")
    assert (deu["name"], deu["org_name"], deu["ccode"]) == ("West Germany", "NATO", 260)
    # each ground once, in the order cited, as the curated door gives it (the event cites diplo.de twice)
    curated = next(r for r in Answers(withstore.atlas).memberships("DEU", "1980-06-01") if r["org"] == "nato")
    assert deu["sources"] == curated["sources"] == ["diplo-1955-nato-accession"]
    coe = next(r for r in withstore.memberships("DEU", "1980-06-01", world=True) if r["org"] == "coe")
    assert coe["sources"] == ["diplo-de-70-jahre-europarat", "coe-70-frg-joins"]
    csce = next(r for r in withstore.memberships("DEU", "1980-06-01", world=True) if r["org"] == "osce")
    assert csce["org_name"] == "CSCE"  # the OSCE's name of 1980
    cu = next(r for r in withstore.memberships("BLR", "2003-01-01", world=True) if r["org"] == "customs_union_1995")
    assert cu["continues_in"] == "eurasec"
    # a name of the day differs from today's: the Central Asian Economic Union in 1995
    caeu = next(r for r in withstore.memberships("KAZ", "1995-06-01", world=True) if r["org"] == "caco")
    assert (caeu["org_name"], caeu["org_name_today"]) == ("Central Asian Economic Union", "CACO")


# ---------------------------------------------------------------------------------------------- history, subject


def test_history(answers):
    assert pairs(answers.history("csto", kinds="suspended"), "date", "state", "event") == [
        ("2012-12-19", "UZB", "suspended")]
    assert pairs(answers.history(state="UZB", kinds=["suspended"]), "date", "org") == [
        ("2008-11-12", "eurasec"), ("2012-12-19", "csto")]
    assert pairs(answers.history(org="", state="UZB", kinds="suspended"), "org") == [("eurasec",), ("csto",)]
    assert pairs(answers.history(org="csto", state="", kinds="suspended"), "state") == [("UZB",)]
    assert (len(answers.history("csto")), len(answers.history(state="UZB")), len(answers.history("csto", "UZB"))) == (
        25, 29, 5)
    assert len(answers.history("csto", kinds="")) == 25
    dates = [r["date"] for r in answers.history("cis")]
    assert dates[0] == "1991-12-08" and dates == sorted(dates)
    assert answers.history("cis", lang="ru")[1]["name"] == "\u0411\u0435\u043b\u0430\u0440\u0443\u0441\u044c"


def test_history_refuses(answers):
    for org, state in ((None, None), ("", ""), ("  ", " "), (None, "  ")):
        assert fails(answers.history, org, state) == ("org or state: give at least one of them", "org")
    assert fails(answers.history, "cis", kinds="joined,foo") == ("unknown event kind 'foo'", "kind")
    assert fails(answers.history, "cis", kinds="zz,aa")[0] == "unknown event kind 'aa'"  # in order


def test_subject(answers):
    assert answers.subject("csto") == ("csto", None)
    assert answers.subject("Russia") == (None, "RUS")
    assert answers.subject("by") == (None, "BLR")
    assert fails(answers.subject, "xyzzy") == ("unknown organization or state 'xyzzy'", "subject")
    assert fails(answers.subject, "csot")[0] == "unknown organization or state 'csot' (did you mean 'cst' or 'csto' or 'sco'?)"


# ---------------------------------------------------------------------------------------------- diff


EAEU_2015 = [
    {"org": "eaeu", "state": "ARM", "name": "Armenia", "before": None, "after": "member", "events": [
        {"date": "2015-01-02", "event": "joined", "status": "member",
         "sources": ["eec-treaty-reference", "ragmamoul-2015-armenia-eaeu", "mfa-by-eaeu-members"]}]},
    *[{"org": "eaeu", "state": s, "name": n, "before": None, "after": "member", "events": [
        {"date": "2015-01-01", "event": "in_force", "status": "member", "sources": ["eec-treaty-reference"]}]}
      for s, n in (("BLR", "Belarus"), ("KAZ", "Kazakhstan"), ("RUS", "Russia"))]]


def test_diff(answers):
    assert answers.diff("2014-12-31", "2015-01-02", "eaeu") == EAEU_2015
    assert answers.diff("2014-12-31", "2015-01-02", ["EAEU"]) == EAEU_2015
    # an event on the first day is in force already: only Armenia's, on the second day, is between
    assert [r["state"] for r in answers.diff("2015-01-01", "2015-01-02", "eaeu")] == ["ARM"]
    # every organization when none is named
    assert pairs(answers.diff("2015-01-01", "2015-01-02"), "org", "state", "after") == [
        ("ces", "ARM", "member"), ("customs_union", "ARM", "member"), ("eaeu", "ARM", "member")]
    assert pairs(answers.diff("2015-01-01", "2015-01-02", ""), "org") == [("ces",), ("customs_union",), ("eaeu",)]
    assert pairs(answers.diff("2012-12-18", "2012-12-19", "csto"), "state", "before", "after") == [
        ("UZB", "member", "suspended")]
    assert answers.diff("2012-12-19", "2012-12-20", "csto") == []
    assert answers.diff("2012-12-19", "2012-12-19", "csto") == []  # the same day twice
    # the state's name of the second day, in the reader's language
    assert pairs(answers.diff("1955-01-01", "1955-12-31", "nato"), "state", "name", "after") == [
        ("DEU", "West Germany", "member")]
    assert answers.diff("1955-01-01", "1955-12-31", "nato", "zh-Hant")[0]["name"] == "\u897f\u5fb7"  # 西德
    assert answers.diff("1955-01-01", "1955-12-31", "nato")[0]["events"][0]["date"] == "1955-05-06"


def test_diff_refuses(answers):
    assert fails(answers.diff, "2010-01-01", "2009-01-01") == (
        "date2: 2009-01-01 is before 2010-01-01; give the earlier day first", "date2")
    assert fails(answers.diff, None, "2009-01-01") == ("date1: missing parameter", "date1")
    assert fails(answers.diff, "2009-01-01", "") == ("date2: missing parameter", "date2")
    assert fails(answers.diff, "2009-01-01", "2010-13-01")[1] == "date2"
    assert fails(answers.diff, "2009-02-30", "2010-01-01")[1] == "date1"
    assert fails(answers.diff, "2009-01-01", "2010-01-01", "asean")[1] == "orgs"


# ---------------------------------------------------------------------------------------------- sets, overlap


def test_sets(answers, withstore):
    assert answers.sets(None, "2003-01-01") == {
        "cis": frozenset({"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"}),
        "csto": frozenset(), "eaeu": frozenset(), "customs_union": frozenset(),
        "union_state": frozenset({"BLR", "RUS"})}
    assert list(answers.sets(None, "2003-01-01")) == list(POST_SOVIET)
    # inside: members and associates, not the suspended
    assert answers.sets("csto", "2012-12-19") == {"csto": frozenset({"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"})}
    assert answers.sets("csto", "2012-12-19", frozenset({"suspended"})) == {"csto": frozenset({"UZB"})}
    assert answers.sets("cis", "2016-01-01")["cis"] >= {"TKM"}  # an associate is inside
    assert answers.sets("csto", None) == answers.sets("csto", today())
    assert withstore.sets("asean,sco", "2010-06-01") == {
        "asean": frozenset({"BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "VNM"}),
        "sco": frozenset({"CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"})}
    assert withstore.sets("asean", "1991-06-01", frozenset({"observer"})) == {"asean": frozenset({"PNG"})}
    assert withstore.sets("asean", "1950-06-01") == {"asean": frozenset()}  # before COW's first year of it


def test_overlap(answers, withstore):
    assert answers.overlap(on="2015-01-02") == [
        {"orgs": ["cis", "csto", "eaeu", "customs_union", "union_state"], "states": ["BLR", "RUS"],
         "names": ["Belarus", "Russia"]},
        {"orgs": ["cis", "csto", "eaeu", "customs_union"], "states": ["ARM", "KAZ"], "names": ["Armenia", "Kazakhstan"]},
        {"orgs": ["cis", "csto"], "states": ["KGZ", "TJK"], "names": ["Kyrgyzstan", "Tajikistan"]},
        {"orgs": ["cis"], "states": ["AZE", "MDA", "TKM", "UKR", "UZB"],
         "names": ["Azerbaijan", "Moldova", "Turkmenistan", "Ukraine", "Uzbekistan"]}]
    assert answers.overlap(on="1991-12-31", lang="ru") == [
        {"orgs": ["cis"], "states": ["BLR", "KAZ", "RUS", "TKM", "UKR"],
         "names": ["\u0411\u0435\u043b\u0430\u0440\u0443\u0441\u044c", "\u041a\u0430\u0437\u0430\u0445\u0441\u0442\u0430\u043d",
                   "\u0420\u043e\u0441\u0441\u0438\u044f", "\u0422\u0443\u0440\u043a\u043c\u0435\u043d\u0438\u0441\u0442\u0430\u043d",
                   "\u0423\u043a\u0440\u0430\u0438\u043d\u0430"]}]
    assert answers.overlap(on="1950-01-01") == []
    # names of the day asked about: West Germany in 1980
    nato = answers.overlap("nato,coe", "1980-01-01")[0]
    assert (nato["states"][1], nato["names"][1]) == ("DEU", "West Germany")
    assert withstore.overlap("asean,sco,cis", "2010-06-01") == [
        {"orgs": ["sco", "cis"], "states": ["KAZ", "KGZ", "RUS", "TJK", "UZB"],
         "names": ["Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan"]},
        {"orgs": ["asean"], "states": ["BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "VNM"],
         "names": ["Brunei", "Indonesia", "Cambodia", "Laos", "Myanmar (Burma)", "Malaysia", "Philippines",
                   "Singapore", "Thailand", "Vietnam"]},
        {"orgs": ["sco"], "states": ["CHN"], "names": ["China"]},
        {"orgs": ["cis"], "states": ["ARM", "AZE", "BLR", "MDA", "TKM", "UKR"],
         "names": ["Armenia", "Azerbaijan", "Belarus", "Moldova", "Turkmenistan", "Ukraine"]}]


def test_state_namer(atlas):
    from test_world_support import store

    fresh = Answers(atlas, store())
    en, ru = fresh.state_namer("en"), fresh.state_namer("ru")
    assert en("BRN") == "BRN"  # COW's name is known only once a row has named it
    assert ru("BRN") == "\u0411\u0440\u0443\u043d\u0435\u0439"  # CLDR's, in another language
    fresh.members("asean", "1991-06-01")
    assert (en("BRN"), fresh.state_namer("en")("BRN")) == ("Brunei", "Brunei")
    assert ru("BRN") == "\u0411\u0440\u0443\u043d\u0435\u0439"
    assert en("XYZ") == "XYZ" and ru("XYZ") == "XYZ"
    assert fresh.state_namer("en", dt.date(1980, 1, 1))("DEU") == "West Germany"
    assert fresh.state_namer("zh-Hant", dt.date(1980, 1, 1))("DEU") == "\u897f\u5fb7"
    assert fresh.state_namer("en")("DEU") == "Germany"


# ---------------------------------------------------------------------------------------------- records


def test_org_names(answers, withstore):
    assert answers.org_ref("csto", "ru") == {
        "id": "csto", "name": "\u041e\u0440\u0433\u0430\u043d\u0438\u0437\u0430\u0446\u0438\u044f \u0414\u043e\u0433\u043e\u0432\u043e\u0440\u0430 \u043e \u043a\u043e\u043b\u043b\u0435\u043a\u0442\u0438\u0432\u043d\u043e\u0439 \u0431\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u0438",
        "acronym": "\u041e\u0414\u041a\u0411"}
    assert answers.org_name("caco") == "Central Asian Cooperation Organization"
    assert answers.org_name("caco", on=dt.date(1995, 1, 1)) == "Central Asian Economic Union"
    assert answers.org_name("caco", "en", True, dt.date(2000, 1, 1)) == "CAEC"
    assert answers.org_name("caco", short=True) == "CACO"
    assert answers.org_name("asean") == "asean"  # no store: the id
    assert withstore.org_name("asean") == "Association of Southeast Asian Nations"
    assert withstore.org_name("asean", short=True) == "ASEAN"
    assert withstore.org_name("caco", "en", True, dt.date(2000, 1, 1)) == "CAEC"  # curated first
    assert withstore.org_name("nosuch") == "nosuch" and withstore.org_name("nosuch", short=True) == "NOSUCH"
    assert withstore.org_ref("udeac", "ru") == {
        "id": "udeac", "name": "Central African Customs & Economic Union", "acronym": "UDEAC"}


CACO = {
    "id": "caco", "name": "Central Asian Cooperation Organization", "acronym": "CACO", "kind": "economic",
    "data": "curated",
    "names": {"en": "Central Asian Cooperation Organization", "zh-Hant": "\u4e2d\u4e9e\u5408\u4f5c\u7d44\u7e54",
              "ru": "\u041e\u0440\u0433\u0430\u043d\u0438\u0437\u0430\u0446\u0438\u044f \u00ab\u0426\u0435\u043d\u0442\u0440\u0430\u043b\u044c\u043d\u043e-\u0410\u0437\u0438\u0430\u0442\u0441\u043a\u043e\u0435 \u0441\u043e\u0442\u0440\u0443\u0434\u043d\u0438\u0447\u0435\u0441\u0442\u0432\u043e\u00bb"},
    "acronyms": {"en": "CACO", "ru": "\u041e\u0426\u0410\u0421"},
    "former_names": [
        {"until": "1998-07-16",
         "names": {"en": "Central Asian Economic Union", "zh-Hant": "\u4e2d\u4e9e\u7d93\u6fdf\u806f\u76df",
                   "ru": "\u0426\u0435\u043d\u0442\u0440\u0430\u043b\u044c\u043d\u043e\u0430\u0437\u0438\u0430\u0442\u0441\u043a\u0438\u0439 \u044d\u043a\u043e\u043d\u043e\u043c\u0438\u0447\u0435\u0441\u043a\u0438\u0439 \u0441\u043e\u044e\u0437"},
         "acronyms": {}, "source": "ushakova-2003-central-asian-cooperation",
         "quote": "On 17 July, 1998 it was officially named the Central Asian Economic Community (CAEC)."},
        {"until": "2002-02-27",
         "names": {"en": "Central Asian Economic Community", "zh-Hant": "\u4e2d\u4e9e\u7d93\u6fdf\u5171\u540c\u9ad4",
                   "ru": "\u0426\u0435\u043d\u0442\u0440\u0430\u043b\u044c\u043d\u043e\u0430\u0437\u0438\u0430\u0442\u0441\u043a\u043e\u0435 \u044d\u043a\u043e\u043d\u043e\u043c\u0438\u0447\u0435\u0441\u043a\u043e\u0435 \u0441\u043e\u043e\u0431\u0449\u0435\u0441\u0442\u0432\u043e"},
         "acronyms": {"en": "CAEC", "ru": "\u0426\u0410\u042d\u0421"}, "source": "ushakova-2003-central-asian-cooperation",
         "quote": "The history of the subregional structure that unites Kazakhstan, Kyrgyzstan, Tajikistan, and "
                  "Uzbekistan and was named the Central Asian Cooperation Organization (CAC) on 28 February, 2002 "
                  "dates back to the beginning of the 1990s."}],
    "name_sources": {"en": ["rferl-1061948"], "zh-Hant": [], "ru": ["adilet-z040000530", "kremlin-transcript-23202"]},
    "founded": "1994-04-30", "dissolved": "2006",
    "founding_treaty": {"name": "Treaty on the Formation of an Integrated Economic Space", "signed": "1994-04-30",
                        "place": None, "in_force": None, "source": "ushakova-2003-central-asian-cooperation"},
    "seat": None,
    "note": "Founded in 1994 by Kazakhstan, Kyrgyzstan and Uzbekistan as the Central Asian Economic Union, named "
            "the Central Asian Economic Community in 1998 and the Central Asian Cooperation Organization in 2002; "
            "Russia joined in 2004; Turkmenistan never took part. The Chinese names are translations, not found "
            "in a stored source.",
    "note_sources": [], "predecessors": [],
    "successors": [{"id": "eurasec", "name": "Eurasian Economic Community", "acronym": "EurAsEC"}],
    "aliases": [],
    "sources": ["ushakova-2003-central-asian-cooperation", "jamestown-1996-central-asian-economic-union",
                "adilet-z040000530", "rferl-1061948", "eurasianhome-caco", "wp-ru-caco"],
    "events": 11, "disputes": ["tjk-caco", "caco-end"]}


def test_org_record(answers, withstore):
    assert answers.org_record("caco") == CACO
    assert list(answers.org_record("caco")) == list(CACO)
    assert withstore.org_record("CACO") == CACO
    csto = answers.org_record("csto", "ru")
    assert (csto["founded"], csto["dissolved"], csto["seat"], csto["events"]) == (
        "2002-05-14", None, "\u041c\u043e\u0441\u043a\u0432\u0430", 25)
    assert csto["founding_treaty"] == {
        "name": "\u0423\u0441\u0442\u0430\u0432 \u041e\u0440\u0433\u0430\u043d\u0438\u0437\u0430\u0446\u0438\u0438 \u0414\u043e\u0433\u043e\u0432\u043e\u0440\u0430 \u043e \u043a\u043e\u043b\u043b\u0435\u043a\u0442\u0438\u0432\u043d\u043e\u0439 \u0431\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u0438",
        "signed": "2002-10-07", "place": "\u041a\u0438\u0448\u0438\u043d\u0451\u0432", "in_force": "2003-09-18",
        "source": "kremlin-csto-charter"}
    assert csto["predecessors"] == [{"id": "cst", "name": "\u0414\u043e\u0433\u043e\u0432\u043e\u0440 \u043e \u043a\u043e\u043b\u043b\u0435\u043a\u0442\u0438\u0432\u043d\u043e\u0439 \u0431\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u0438",
                                     "acronym": "\u0414\u041a\u0411"}]
    assert (csto["successors"], csto["former_names"]) == ([], [])
    assert csto["disputes"] == ["csto-founded", "csto-charter-place", "uzb-csto-joined", "uzb-csto-ratification",
                                "uzb-csto-2012"]
    assert csto["name_sources"]["zh-Hant"] == ["seed"]
    wp = answers.org_record("warsaw_pact")
    assert (wp["founded"], wp["dissolved"], wp["founding_treaty"]["in_force"]) == ("1955-05-14", "1991-07-01",
                                                                                   "1955-06-05")
    eap = answers.org_record("eap")
    assert (eap["founding_treaty"]["in_force"], eap["dissolved"]) == (None, None)
    # a note's citations numbered, the keys by number
    assert eap["note"].endswith("A Taiwanese thesis calls it \u6771\u65b9\u5925\u4f34\u8a08\u756b [1]; the name "
                                "\u6771\u90e8\u5925\u4f34\u95dc\u4fc2 used here was attested only in a copy of the "
                                "Chinese Wikipedia on a refused mirror (wikiwand), so its Taiwan usage is unverified.")
    assert eap["note_sources"] == ["tku-2016-eap-thesis"]
    eaeu = answers.org_record("eaeu")
    assert eaeu["note_sources"] == ["belta-2025-cis-plus-observers", "akchabar-2025-eaeu-minsk"]
    assert "Venezuela, Nicaragua and Myanmar [1]." in eaeu["note"] and "Minsk summit of June 2025 [2])" in eaeu["note"]
    assert [p["id"] for p in eaeu["predecessors"]] == ["eurasec", "customs_union"]
    assert fails(answers.org_record, " ") == ("org: missing parameter", "org")
    assert fails(answers.org_record, "asean")[0].startswith("unknown organization 'asean'")


def test_org_record_of_an_imported_organization(withstore):
    assert withstore.org_record("udeac") == {
        "id": "udeac", "name": "Central African Customs & Economic Union", "acronym": "UDEAC", "kind": None,
        "data": "cow", "names": {"en": "Central African Customs & Economic Union"}, "acronyms": {"en": "UDEAC"},
        "former_names": [], "name_sources": {}, "founded": "1964", "dissolved": "1995", "founding_treaty": None,
        "seat": None, "note": None, "note_sources": [], "predecessors": [], "successors": [], "aliases": [],
        "sources": ["cow-igo"], "events": 0, "disputes": []}
    asean = withstore.org_record("ASEAN", "zh-Hant")
    assert (asean["id"], asean["founded"], asean["dissolved"], asean["acronym"]) == ("asean", "1967", None, "ASEAN")
    # an organization COW last codes in 2014, its last year, is not dissolved
    assert withstore.org_record("oau")["dissolved"] == "2003"  # COW: 1963-2002
    # a COW id other than the key is an alias (COW's "eaec" is the curated EurAsEC)
    assert withstore._cow_org_record("eurasec", "en")["aliases"] == ["eaec"]
    assert withstore._cow_org_record("eurasec", "en")["acronyms"] == {"en": "EAEC"}


def test_orgs_on_old_days_and_today(answers):
    def counts(on):
        return {r["org"]: r["members"] for r in answers.orgs(on) if r["members"]}

    assert counts("1950-01-01") == {"cmea": 7, "coe": 12, "nato": 12}
    assert counts("1991-12-31") == {"cis": 5, "coe": 26, "eco": 3, "eu": 12, "nato": 16, "osce": 38}
    assert counts("2003-01-01") == {"bsec": 11, "caco": 4, "cis": 12, "coe": 44, "cst": 6, "customs_union_1995": 5,
                                    "eco": 10, "eu": 15, "eurasec": 5, "guam": 4, "nato": 19, "osce": 55, "sco": 6,
                                    "shanghai_five": 6, "union_state": 2}
    # members and associates only: the SCO's 6 on 2016-01-01 (not its observers and partners), the CIS's
    # ten members and Turkmenistan, the CSTO's six without suspended Uzbekistan
    on_2016 = counts("2016-01-01")
    assert (on_2016["sco"], on_2016["cis"], on_2016["csto"]) == (6, 11, 6)
    # today: Armenia frozen and Uzbekistan suspended in the CSTO
    assert (counts(None)["csto"], counts(None)["eaeu"]) == (5, 5)
    assert answers.orgs(None) == answers.orgs(today().isoformat())


def test_orgs_rows(answers):
    rows = answers.orgs("2003-01-01")
    assert [r["org"] for r in rows] == ALL_ORGS
    assert rows[1] == {"org": "caco", "continues_in": None, "acronym": "CACO",
                       "name": "Central Asian Cooperation Organization",
                       "name_today": "Central Asian Cooperation Organization", "kind": "economic",
                       "founded": "1994-04-30", "dissolved": "2006", "members": 4}
    assert [(r["org"], r["continues_in"]) for r in rows if r["continues_in"]] == [
        ("customs_union_1995", "eurasec"), ("shanghai_five", "sco")]
    old = answers.orgs("1995-01-01", "ru")[1]
    caeu_ru = ("\u0426\u0435\u043d\u0442\u0440\u0430\u043b\u044c\u043d\u043e\u0430\u0437\u0438\u0430\u0442\u0441\u043a\u0438\u0439 \u044d\u043a\u043e\u043d\u043e\u043c\u0438\u0447\u0435\u0441\u043a\u0438\u0439 \u0441\u043e\u044e\u0437")
    assert (old["acronym"], old["name"], old["members"]) == (caeu_ru, caeu_ru, 3)  # no acronym then: the name
    assert old["name_today"] == CACO["names"]["ru"]
    assert answers.orgs("1995-01-01")[1]["acronym"] == "Central Asian Economic Union"  # no acronym then
    nato = answers.orgs("1950-01-01")[ALL_ORGS.index("nato")]
    assert (nato["founded"], nato["dissolved"], nato["kind"]) == ("1949-04-04", None, "security")


def test_state_record(answers):
    arm = answers.state_record("ARM")
    assert {k: v for k, v in arm.items() if k not in ("memberships_today", "spells", "events", "disputes")} == {
        "iso3": "ARM", "iso2": "AM", "name": "Armenia",
        "names": {"en": "Armenia", "zh-Hant": "\u4e9e\u7f8e\u5c3c\u4e9e", "ru": "\u0410\u0440\u043c\u0435\u043d\u0438\u044f"},
        "cow": [{"code": 371, "abb": "ARM", "start": None, "end": None}],
        "exists": [{"start": "1991-09-23", "end": None}], "note": None, "today": today().isoformat()}
    assert pairs(arm["memberships_today"], "org", "status") == [
        ("bsec", "member"), ("ces", "member"), ("cis", "member"), ("cis_fta", "member"), ("coe", "member"),
        ("cst", "frozen"), ("csto", "frozen"), ("customs_union", "member"), ("eaeu", "member"),
        ("eap", "participant"), ("osce", "member"), ("pfp", "participant"), ("sco", "participant")]
    assert (len(arm["spells"]), len(arm["events"]), [d["id"] for d in arm["disputes"]]) == (20, 25, [])
    assert arm["spells"] == answers.spells(state="ARM") and arm["events"] == answers.history(state="ARM")
    deu = answers.state_record("Germany", "ru")
    assert deu["cow"] == [{"code": 260, "abb": "GFR", "start": "1955-05-05", "end": "1990-10-02"},
                          {"code": 255, "abb": "GMY", "start": "1990-10-03", "end": None}]
    assert deu["note"].startswith("\u0414\u043e 1990-10-03 \u2014 \u0424\u0420\u0413")
    assert deu["name"] == "\u0413\u0435\u0440\u043c\u0430\u043d\u0438\u044f"
    assert deu["memberships_today"][0]["name"] == "\u0413\u0435\u0440\u043c\u0430\u043d\u0438\u044f"
    assert deu["events"][0]["name"] == "\u0424\u0420\u0413"  # an event names the state of its day
    csk = answers.state_record("CSK")  # gone: no memberships today, its spells kept
    assert csk["exists"] == [{"start": "1918-10-28", "end": "1939-03-15"}, {"start": "1945-05-10", "end": "1992-12-31"}]
    assert (csk["memberships_today"], len(csk["spells"])) == ([], 5)
    assert fails(answers.state_record, "") == ("state: missing parameter", "state")
    assert fails(answers.state_record, "Atlantis") == ("unknown state 'Atlantis'", "state")


def test_states(answers):
    rows = answers.states()
    assert len(rows) == 85
    assert rows[:3] == [{"iso3": "AFG", "name": "Afghanistan", "spells": 3, "exists_today": True},
                        {"iso3": "ALB", "name": "Albania", "spells": 13, "exists_today": True},
                        {"iso3": "AND", "name": "Andorra", "spells": 2, "exists_today": True}]
    by = {r["iso3"]: r for r in rows}
    assert by["CSK"] == {"iso3": "CSK", "name": "Czechoslovakia", "spells": 5, "exists_today": False}
    assert by["SUN"] == {"iso3": "SUN", "name": "Soviet Union", "spells": 4, "exists_today": False}
    assert by["LAO"]["spells"] == 0  # a state no spell names
    assert [r["name"] for r in rows] == sorted(r["name"] for r in rows)
    assert answers.states("ru")[:2] == [
        {"iso3": "AUT", "name": "\u0410\u0432\u0441\u0442\u0440\u0438\u044f", "spells": 4, "exists_today": True},
        {"iso3": "AZE", "name": "\u0410\u0437\u0435\u0440\u0431\u0430\u0439\u0434\u0436\u0430\u043d", "spells": 15,
         "exists_today": True}]


def test_spells(answers):
    assert answers.spells("csto", "UZB") == [
        {"org": "csto", "org_name": "CSTO", "state": "UZB", "name": "Uzbekistan", "status": "member",
         "start": "2006-06-23", "start_precision": "day", "end": "2012-12-19", "end_precision": "day",
         "end_reason": "event", "sources": ["asiaplus-2006-uzb-csto", "lenta-2006-uzb-csto-minsk", "panarmenian-18523"]},
        {"org": "csto", "org_name": "CSTO", "state": "UZB", "name": "Uzbekistan", "status": "suspended",
         "start": "2012-12-19", "start_precision": "day", "end": None, "end_precision": None, "end_reason": None,
         "sources": ["tass-687141", "belta-2012-uzb-csto-suspended", "rferl-2012-csto-accepts-uzb-withdrawal"]}]
    assert len(answers.spells("csto")) == 15
    assert answers.spells(state="UZB", lang="ru")[0]["name"] == "\u0423\u0437\u0431\u0435\u043a\u0438\u0441\u0442\u0430\u043d"


# ---------------------------------------------------------------------------------------------- disputes, sources


def test_disputes(answers):
    assert [d["id"] for d in answers.disputes("csto", "UZB")] == [
        "uzb-csto-joined", "uzb-csto-ratification", "uzb-csto-2012"]
    assert [d["id"] for d in answers.disputes(state="UZB")] == [
        "uzb-fta-in-force", "uzb-cst-1999", "uzb-csto-joined", "uzb-csto-ratification", "uzb-csto-2012",
        "uzb-eurasec-accession", "uzb-guam-2002", "uzb-guam-left", "uzb-ots-joined", "uzb-pfp"]
    assert len(answers.disputes()) == len(answers.disputes("", "")) == 56
    assert answers.disputes(org="caco") == [answers.dispute_row(d, "en") for d in answers.atlas.disputes_of("caco")]
    assert answers.disputes("caco", lang="ru")[1] == {
        "id": "caco-end", "org": "caco", "state": None, "org_name": "\u041e\u0426\u0410\u0421", "name": None,
        "topic": "\u041a\u043e\u0433\u0434\u0430 \u041e\u0426\u0410\u0421 \u043f\u0440\u0435\u043a\u0440\u0430\u0442\u0438\u043b\u0430 \u0441\u0443\u0449\u0435\u0441\u0442\u0432\u043e\u0432\u0430\u043d\u0438\u0435",
        "preferred": "2006", "note": None,
        "claims": [
            {"value": "2006", "sources": ["rferl-1061948", "rferl-1065067"],
             "note": answers.atlas.disputes_of("caco")[1].claims[0].text("note", "ru"), "preferred": True},
            {"value": "2005", "sources": ["wp-ru-caco"],
             "note": answers.atlas.disputes_of("caco")[1].claims[1].text("note", "ru"), "preferred": False}]}
    assert answers.disputes("caco", lang="ru")[1]["claims"][1]["note"].startswith(
        "\u0420\u0443\u0441\u0441\u043a\u0430\u044f \u0412\u0438\u043a\u0438\u043f\u0435\u0434\u0438\u044f")
    tjk = answers.disputes("caco", "TJK")[0]
    assert (tjk["org_name"], tjk["name"], tjk["topic"], tjk["preferred"]) == (
        "CACO", "Tajikistan", "From when Tajikistan was a member", "2002-02-28")
    assert [c["preferred"] for c in tjk["claims"]] == [True, False]
    # no claim is preferred: the dispute's own value (none)
    exit_ = next(d for d in answers.disputes("cmea", "ALB") if d["id"] == "alb-cmea-exit")
    assert exit_["preferred"] is None and not any(c["preferred"] for c in exit_["claims"])
    assert len(exit_["claims"]) == 6


def test_sources(answers):
    rows = answers.sources()
    assert len(rows) == 819
    assert rows[0] == {"key": "24kg-188078",
                       "title": "С 1 января 2015 года прекращается деятельность Евразийского экономического сообщества",
                       "title_translated": "From 1 January 2015 the Eurasian Economic Community ceases its activity",
                       "language": "ru",
                       "url": "https://24.kg/archive/ru/cis/188078-s-1-yanvarya-2015-goda-prekrashhaetsya.html/",
                       "publisher": "24.kg", "year": "2014", "kind": "news", "class": "news", "official": False,
                       "seen_at": None, "note": None, "events": 0}
    events = {r["key"]: r["events"] for r in rows}
    assert (events["tass-687141"], events["24kg-188078"]) == (1, 0)
    # each citing event once per citation: the EAEU treaty reference is cited by the four founders' events
    assert events["eec-treaty-reference"] == sum(e.sources.count("eec-treaty-reference") for e in answers.atlas.events)


def test_source(answers):
    tass = answers.source("tass-687141")
    assert (tass["key"], tass["title"], tass["year"]) == (
        "tass-687141", "CSTO leaders suspend Uzbekistan's membership", "2012")
    assert pairs(tass["cited_by"], "date", "org", "state", "event") == [("2012-12-19", "csto", "UZB", "suspended")]
    assert [d["id"] for d in tass["disputes"]] == ["uzb-csto-2012"]
    assert list(tass)[-2:] == ["cited_by", "disputes"]
    # cited by dispute claims only (twice in one dispute: listed once), not by an event
    assert answers.source("wp-be-georgia-cis")["cited_by"] == []
    assert [d["id"] for d in answers.source("wp-be-georgia-cis")["disputes"]] == ["geo-cis-joined"]
    assert answers.source("tass-687141", "ru")["cited_by"][0]["name"] == "\u0423\u0437\u0431\u0435\u043a\u0438\u0441\u0442\u0430\u043d"
    assert fails(answers.source, "nosuch") == ("unknown source 'nosuch'", "key")
    assert fails(answers.source, "tass-68714")[0] == "unknown source 'tass-68714' (did you mean 'tass-687141' or 'tass-678014' or 'tass-671954'?)"


def test_cited(answers):
    rows = answers.cited(["zzz", "tass-687141", "aaa", "mfa-by-csto", "tass-687141"])
    assert [r["key"] for r in rows] == ["mfa-by-csto", "tass-687141", "aaa", "zzz"]  # bibliography order, then by name
    assert rows[2:] == [{"key": "aaa", "title": "aaa", "url": None}, {"key": "zzz", "title": "zzz", "url": None}]
    assert rows[1]["title"] == "CSTO leaders suspend Uzbekistan's membership"
    assert answers.cited([]) == []


# ---------------------------------------------------------------------------------------------- the day summary


def test_day_in_1950(answers):
    day = answers.day("1950-01-01")
    assert day["on"] == "1950-01-01"
    assert [(o["id"], o["exists"], o["counts"]) for o in day["orgs"]] == [
        ("cmea", True, {"member": 7}), ("coe", True, {"member": 12}), ("nato", True, {"member": 12})]
    assert day["events"] == [] and day["overlap"]["zones"] == []
    assert [o["id"] for o in day["overlap"]["orgs"]] == list(POST_SOVIET)


def test_day_of_the_belovezha_accords(answers):
    day = answers.day("1991-12-08")
    assert [(o["id"], o["counts"]) for o in day["orgs"]] == [
        ("cis", {"participant": 3}), ("coe", {"member": 26, "observer": 1}), ("eco", {"member": 3}),
        ("eu", {"member": 12}), ("nato", {"member": 16}), ("osce", {"member": 38})]
    assert pairs(day["events"], "date", "org", "state", "event") == [
        ("1991-12-08", "cis", None, "founded"), ("1991-12-08", "cis", "BLR", "signed"),
        ("1991-12-08", "cis", "RUS", "signed"), ("1991-12-08", "cis", "UKR", "signed")]
    cis = day["orgs"][0]
    assert {k: cis[k] for k in ("id", "name", "acronym", "kind", "exists")} == {
        "id": "cis", "name": "Commonwealth of Independent States", "acronym": "CIS", "kind": "political",
        "exists": True}
    assert cis["members"] == answers.members("cis", "1991-12-08")
    assert cis["by_status"] == {"participant": cis["members"]}
    coe = day["orgs"][1]
    assert [r["state"] for r in coe["by_status"]["observer"]] == [
        r["state"] for r in coe["members"] if r["status"] == "observer"]
    ru = answers.day("1991-12-08", "ru")
    assert (ru["orgs"][0]["acronym"], ru["overlap"]["orgs"][0]) == (
        "\u0421\u041d\u0413", {"id": "cis", "name": ru["orgs"][0]["name"], "acronym": "\u0421\u041d\u0413"})


def test_day_of_armenia_joining_the_eaeu(answers):
    day = answers.day("2015-01-02")
    counts = {o["id"]: o["counts"] for o in day["orgs"]}
    assert counts["eaeu"] == {"member": 4}
    assert counts["sco"] == {"member": 6, "observer": 5, "participant": 3}
    assert counts["csto"] == {"member": 6, "suspended": 1}
    assert counts["pfp"] == {"participant": 22, "ceased": 12}
    assert counts["eu"] == {"member": 28, "candidate": 6}
    # the 1995 Customs Union still exists, with no one (its members went on in EurAsEC); EurAsEC ended the day before
    assert counts["customs_union_1995"] == {} and "eurasec" not in counts
    assert len(day["orgs"]) == 21
    assert pairs(day["events"], "org", "state", "event") == [("eaeu", "ARM", "joined")]
    assert [z["states"] for z in day["overlap"]["zones"]] == [
        ["BLR", "RUS"], ["ARM", "KAZ"], ["KGZ", "TJK"], ["AZE", "MDA", "TKM", "UKR", "UZB"]]


def test_day_of_chosen_organizations_and_today(answers):
    day = answers.day("2012-12-19", orgs=["csto", "cst", "warsaw_pact"])
    assert [(o["id"], o["counts"], list(o["by_status"])) for o in day["orgs"]] == [
        ("csto", {"member": 6, "suspended": 1}, ["member", "suspended"]),
        ("cst", {"member": 6, "suspended": 1}, ["member", "suspended"])]
    assert pairs(day["events"], "org", "state", "event") == [("csto", "UZB", "suspended")]
    assert answers.day()["on"] == today().isoformat()
    assert [o["id"] for o in answers.day(orgs=OVERVIEW_ORGS)["orgs"]] == [
        "cis", "csto", "union_state", "customs_union", "eaeu", "guam", "sco"]  # EurAsEC is gone


# ---------------------------------------------------------------------------------------------- figures


def test_figure_source(answers, withstore):
    assert answers.figure_source("asean") is answers.atlas  # no store: the atlas (which refuses it later)
    assert withstore.figure_source("cis,csto@2015-01-01") is withstore.atlas
    assert withstore.figure_source(None) is withstore.atlas
    view = withstore.figure_source("asean@2010,cis")
    assert isinstance(view, _FigureView) and view.atlas is withstore.atlas and view.answers is withstore
    assert withstore._curated_or_none("CIS") and not withstore._curated_or_none("asean")


def test_the_figure_view(withstore):
    view = _FigureView(withstore)
    assert view.org("asean").id == "asean"
    assert view.org("CIS") is withstore.atlas.orgs["cis"]
    assert fails(view.org, "zzzq") == ("unknown organization 'zzzq'", "org")
    assert fails(view.org, "zzzq", "orgs")[1] == "orgs"
    assert [(m.state, m.status, m.sources) for m in view.members("asean", "1991-06-01")] == [
        *[(s, "member", ("cow_igo_v3",)) for s in ("BRN", "IDN", "MYS", "PHL", "SGP", "THA")],
        ("PNG", "observer", ("cow_igo_v3",))]
    assert view.members("asean", "1950-06-01") == []  # before COW's first year of it: no one, not refused
    assert view.members("cis", "2010-01-01") == withstore.atlas.members("cis", on="2010-01-01")
    assert view.spells_of("cis") == withstore.atlas.spells_of(org="cis") and len(view.spells_of("cis")) == 28
    assert view.spells_of("asean") == [] and view.spells_of("cis", "RUS") == withstore.atlas.spells_of("cis", "RUS")
    assert view.state_name("DEU", "ru", dt.date(1980, 1, 1)) == "\u0424\u0420\u0413"
    assert view.state_name("DEU") == "Germany"
    assert view.org_name("asean", "en", True) == "ASEAN"
    assert view.org_name("caco", "en", False, dt.date(1995, 1, 1)) == "Central Asian Economic Union"
    assert view.org_name("cis", "ru") == "\u0421\u043e\u0434\u0440\u0443\u0436\u0435\u0441\u0442\u0432\u043e \u041d\u0435\u0437\u0430\u0432\u0438\u0441\u0438\u043c\u044b\u0445 \u0413\u043e\u0441\u0443\u0434\u0430\u0440\u0441\u0442\u0432"


# ---------------------------------------------------------------------------------------------- panels


def test_state_years(answers):
    frame = answers.state_years("eaeu", 2014, "2016")
    assert frame[frame.ccode == 371][["year", "eaeu"]].values.tolist() == [[2014, -1], [2015, 1], [2016, 1]]
    assert (frame.attrs["from"], frame.attrs["to"], frame.attrs["coding"], frame.attrs["rule"]) == (
        2014, 2016, "cow", "year-end")
    status = answers.state_years(["csto"], 2012, 2012, coding="status")
    assert status[status.ccode == 704]["csto"].tolist() == ["suspended"]
    assert answers.state_years("csto", 2012, 2012, rule="any-day").attrs["rule"] == "any-day"
    assert fails(answers.state_years, "eaeu", "19x") == ("start: '19x' is not a year", "start")
    assert fails(answers.state_years, "eaeu", 2014, "abc") == ("end: 'abc' is not a year", "end")


def test_dyad_and_org_years(answers, withstore):
    dyads = answers.dyad_years("eaeu", 2015, 2015)
    arm_rus = dyads[(dyads.state1 == "RUS") & (dyads.state2 == "ARM") | (dyads.state1 == "ARM") & (dyads.state2 == "RUS")]
    assert arm_rus[["year", "joint_full", "joint_inside"]].values.tolist() == [[2015, 1, 1]]
    assert answers.dyad_years("eaeu", 2015, 2015, rule="any-day").attrs["rule"] == "any-day"
    assert answers.org_years("csto", 2012, 2013).to_dict("records") == [
        {"org": "csto", "name": "Collective Security Treaty Organization", "year": year, "data": "curated",
         "known": "exists", "member": 6, "suspended": 1, "frozen": 0, "associate": 0, "observer": 0,
         "participant": 0, "candidate": 0, "ceased": 0, "unknown": 0, "inside": 7} for year in (2012, 2013)]
    assert answers.org_years("csto", 2012, 2012, rule="any-day").attrs["rule"] == "any-day"
    # with the store: COW's own organizations, COW's years (to 2014)
    asean = withstore.state_years("asean", 2010)
    assert (asean.attrs["from"], asean.attrs["to"], asean.attrs["data"]) == (2010, 2014, {"asean": "cow"})
    assert withstore.org_years("asean", 2014, 2014)[["org", "year", "member", "observer"]].values.tolist() == [
        ["asean", 2014, 10, 2]]


# ---------------------------------------------------------------------------------------------- helpers


def test_helpers():
    assert _orgs(None) is None and _orgs("") is None and _orgs(" , ") is None
    assert _orgs("cis, csto") == ["cis", "csto"]
    assert _years(None, None) == (None, None)
    assert _years("1991", 2003) == (1991, 2003)
    assert _years(None, "2003") == (None, 2003) and _years(1950, None) == (1950, None)
    rows = [{"status": "member"}, {"status": "observer"}, {"status": "frozen"}]
    assert _keep(rows, None) is rows and _keep(rows, "") is rows
    assert _keep(rows, "observer, frozen") == rows[1:]
    assert _keep(rows, ["\u0447\u043b\u0435\u043d"]) == rows[:1]  # член, ru
    assert _status_id("member") == "member"
    assert _status_id("  Observer ") == "observer"
    assert _status_id("\u89c0\u5bdf\u54e1") == "observer"  # 觀察員
    assert _status_id("\u0443\u0447\u0430\u0441\u0442\u0438\u0435 \u0437\u0430\u043c\u043e\u0440\u043e\u0436\u0435\u043d\u043e") == "frozen"
    assert _status_id("SUSPENDED") == "suspended"
    with pytest.raises(QueryError) as caught:
        _status_id("membr")
    assert (str(caught.value), caught.value.parameter) == ("unknown status 'membr' (did you mean 'member'?)", "status")
    assert _noted(None) == {"note": None, "note_sources": []}
    assert _noted("") == {"note": None, "note_sources": []}
    assert _noted("See [@b] and [@a], again [@b].") == {"note": "See [1] and [2], again [1].", "note_sources": ["b", "a"]}


# ---------------------------------------------------------------------------------------------- edges the first mutation run showed


def test_each_day_parameter_is_named(answers, withstore):
    """A day that is not one is refused naming ``on``, by every method that reads a day."""
    bad = "on: 'nonsense' is not a day: write YYYY-MM-DD or 'today'"
    assert fails(answers.day, "nonsense") == (bad, "on")
    assert fails(answers.overlap, None, "nonsense") == (bad, "on")
    assert fails(answers.sets, "cis", "nonsense") == (bad, "on")
    assert fails(answers.orgs, "nonsense") == (bad, "on")
    assert fails(withstore.members, "asean", "nonsense") == (bad, "on")
    assert fails(withstore.members, "asean", "2010-13-01") == ("on: '2010-13-01' is not a date: month 13 does not exist",
                                                               "on")
    assert fails(withstore.memberships, "RUS", "nonsense", world=True) == (bad, "on")
    assert fails(answers.org_ids, "zzzq", "x") == ("unknown organization 'zzzq'", "x")


def test_today_from_the_store(answers, withstore):
    # an imported organization today: COW's data end in 2014
    assert fails(withstore.members, "asean") == (
        "on: COW IGO data end in 2014; 'asean' is not curated by blocmap, so its membership on "
        f"{today().isoformat()} is unknown (ask about a day up to 2014-12-31)", "on")
    # a state today with world=True: only the curated organizations answer after COW's years
    assert pairs(withstore.memberships("RUS", None, world=True), "org") == pairs(answers.memberships("RUS"), "org")
    assert answers.overlap() == answers.overlap(on=today())


def test_an_organization_with_no_one_on_its_first_day(answers):
    """The CSTO's first event (2002-05-14, its founding) names no member: that day is answered with no
    one; the day before is refused."""
    assert answers.members("csto", "2002-05-14") == []
    assert fails(answers.members, "csto", "2002-05-13") == (
        "csto: nothing on 2002-05-13: its first recorded event is on 2002-05-14", "on")
    assert answers.members("warsaw_pact") == []  # today: long after its last member left


def test_the_day_summary_in_russian(answers):
    day = answers.day("1991-12-31", "ru")
    cis = next(o for o in day["orgs"] if o["id"] == "cis")
    assert cis["members"][0]["name"] == "\u0411\u0435\u043b\u0430\u0440\u0443\u0441\u044c"
    assert day["overlap"]["zones"][0]["names"][2] == "\u0420\u043e\u0441\u0441\u0438\u044f"


def test_disputes_in_russian(answers):
    tjk = answers.disputes("caco", "TJK", "ru")[0]
    assert (tjk["name"], tjk["topic"]) == (
        "\u0422\u0430\u0434\u0436\u0438\u043a\u0438\u0441\u0442\u0430\u043d",
        "\u0421 \u043a\u0430\u043a\u043e\u0433\u043e \u0432\u0440\u0435\u043c\u0435\u043d\u0438 \u0422\u0430\u0434\u0436\u0438\u043a\u0438\u0441\u0442\u0430\u043d \u0431\u044b\u043b \u0447\u043b\u0435\u043d\u043e\u043c")
    ces = answers.disputes("ces", lang="ru")[0]
    assert ces["id"] == "ces-what"
    preferred_ru = "\u0411\u0435\u043b\u0430\u0440\u0443\u0441\u044c, \u041a\u0430\u0437\u0430\u0445\u0441\u0442\u0430\u043d \u0438 \u0420\u043e\u0441\u0441\u0438\u044f \u2014 \u0441 2012-01-01"
    assert (ces["org_name"], ces["preferred"], ces["claims"][1]["value"]) == (
        "\u0415\u042d\u041f", preferred_ru, preferred_ru)
    assert [c["preferred"] for c in ces["claims"]] == [False, True]
    assert ces["note"].startswith("\u0417\u0430\u043a\u043e\u0434\u0438\u0440\u043e\u0432\u0430\u043d\u043e \u0438 \u0442\u043e \u0438 \u0434\u0440\u0443\u0433\u043e")
    assert ces["claims"][0]["value"].startswith("\u0447\u0435\u0442\u044b\u0440\u0435 \u0441\u0442\u043e\u0440\u043e\u043d\u044b")
    cited = answers.source("mfa-by-eaeu", "ru")["disputes"]
    assert [d["id"] for d in cited] == ["ces-what", "kgz-eaeu-accession"] and cited[0]["preferred"] == preferred_ru


def test_records_in_russian_and_edges_of_the_data(answers):
    assert answers.org_record("caco", "ru")["note"].startswith(
        "\u041e\u0441\u043d\u043e\u0432\u0430\u043d\u0430 \u0432 1994 \u0433\u043e\u0434\u0443")
    # the Treaty of Rome's day of signing is not recorded; the Soviet Union's start is before the data
    assert answers.org_record("eu")["founding_treaty"] == {
        "name": "Treaty establishing the European Economic Community (Treaty of Rome)", "signed": None,
        "place": "Rome", "in_force": "1958-01-01", "source": "europarl-treaty-of-rome"}
    assert answers.state_record("SUN")["exists"] == [{"start": None, "end": "1991-12-26"}]
    uzb = answers.state_record("UZB", "ru")
    assert uzb["spells"][0]["name"] == uzb["disputes"][0]["name"] == "\u0423\u0437\u0431\u0435\u043a\u0438\u0441\u0442\u0430\u043d"
    assert uzb["disputes"][0]["topic"].startswith("\u041a\u043e\u0433\u0434\u0430 \u0423\u0437\u0431\u0435\u043a\u0438\u0441\u0442\u0430\u043d")


def test_an_imported_organization_to_the_last_year_and_with_another_cow_id(withstore, monkeypatch):
    """COW's rows as the store gives them: an organization coded to COW's last year (2014) is not said
    to be dissolved, one ending before it is (the year after its last); COW's id, not the key, is the
    acronym and an alias; an organization with no start year has no founding year."""
    monkeypatch.setitem(withstore.world.cow_orgs, "to_end", {"cow_id": "te", "name": "To the End", "start": None,
                                                             "end": 2014})
    monkeypatch.setitem(withstore.world.cow_orgs, "ended", {"cow_id": "ended", "name": "Ended", "start": 1990,
                                                            "end": 2013})
    to_end = withstore._cow_org_record("to_end", "en")
    assert (to_end["founded"], to_end["dissolved"], to_end["acronym"], to_end["aliases"]) == (None, None, "TE", ["te"])
    assert withstore._cow_org_record("ended", "en")["dissolved"] == "2014"
    assert (withstore.org_name("to_end"), withstore.org_name("to_end", short=True)) == ("To the End", "TE")


def test_panels_of_cows_coding_through_the_store(withstore):
    """``source="cow"``: COW's coding of the CSTO in 2002 (its seven members) against the atlas's
    (none yet: the Charter entered into force in 2003)."""
    cow = withstore.state_years("csto", 2002, 2002, source="cow")
    assert (cow[cow.ccode == 365]["csto"].tolist(), cow.attrs["data"]) == ([1], {"csto": "cow"})
    curated = withstore.state_years("csto", 2002, 2002)
    assert (curated[curated.ccode == 365]["csto"].tolist(), curated.attrs["data"]) == ([0], {"csto": "curated"})
    assert withstore.org_years("csto", 2002, 2002, source="cow")[["data", "member"]].values.tolist() == [["cow", 7]]
    dyads = withstore.dyad_years("csto", 2002, 2002, source="cow")
    assert int(dyads[(dyads.ccode1 == 365) | (dyads.ccode2 == 365)]["joint_full"].sum()) == 6
    dyads = withstore.dyad_years("csto", 2002, 2002)
    assert int(dyads[(dyads.ccode1 == 365) | (dyads.ccode2 == 365)]["joint_full"].sum()) == 0


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Answers:
    """A copy of the data folder with two changes: Armenia joins the EAEU a year later (2016-01-02), and
    the Eastern Partnership has no founding day and no founding treaty (both may be left out)."""
    import shutil

    from blocmap.core.loader import BUNDLED

    folder = tmp_path_factory.mktemp("edited") / "data"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("__pycache__"))
    eaeu = folder / "orgs" / "eaeu.yaml"
    text = eaeu.read_text(encoding="utf-8")
    assert text.count('date: "2015-01-02"') == 1
    eaeu.write_text(text.replace('date: "2015-01-02"', 'date: "2016-01-02"'), encoding="utf-8")
    eap = folder / "orgs" / "eap.yaml"
    lines = eap.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[25].startswith("founded:") and lines[37].startswith("sources:")  # founded, founding_treaty
    eap.write_text("".join(lines[:25] + lines[37:]), encoding="utf-8")
    return Answers(blocmap.load(folder))


def test_panels_of_another_data_folder(edited):
    """Without a store the panels come from the atlas asked, not the bundled one."""
    frame = edited.state_years("eaeu", 2014, 2016)
    assert frame[frame.ccode == 371]["eaeu"].tolist() == [-1, 0, 1]


def test_an_organization_with_no_founding_day_or_treaty(edited):
    record = edited.org_record("eap")
    assert (record["founded"], record["founding_treaty"], record["dissolved"]) == (None, None, None)
    row = next(r for r in edited.orgs("2010-01-01") if r["org"] == "eap")
    assert (row["founded"], row["dissolved"], row["members"]) == (None, None, 0)
