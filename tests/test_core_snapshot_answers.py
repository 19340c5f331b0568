"""The atlas cache's snapshot with answers written out: the exact JSON data of one record of each kind
(every field set, and every optional field empty), the records read back equal through JSON, and
each kind of wrong data refused with its own message."""

from __future__ import annotations

import json

import pytest

from blocmap.core import snapshot
from blocmap.core.dates import parse_partial
from blocmap.core.loader import load_folder
from blocmap.core.model import (
    Citation,
    Claim,
    CowCode,
    Dispute,
    Event,
    FormerName,
    Organization,
    Period,
    Source,
    State,
    Succession,
    Treaty,
)
from blocmap.core.snapshot import FORMAT, dump, load

D = parse_partial

SOURCE = Source("src-a", "Treaty text", "https://example.org/a", "Ministry", "1992", "official", True,
                "https://mirror.example.org/a", "Read in Russian", {"note": {"en": "Read in Russian", "ru": "R"}},
                "ru", {"en": "The treaty"})
SOURCE_BARE = Source("src-b", "News")
STATE = State("AAA", "AA", (CowCode(700, "AAA", D("1991"), D("2000-05")), CowCode(701, "AAB")),
              (Period(D("1991-12-26"), None, "src-a", "independence"), Period(D("1950"), D("1960-02-03"))),
              {"en": "Aland"}, "A state", {"note": {"en": "A state", "zh-Hant": "Z"}},
              (FormerName(D("1991-12-25"), {"en": "Old Aland"}, {"en": "OA"}, "src-b", "so called"),))
STATE_BARE = State("BBB", None, (), ())
ORG = Organization(
    id="one", names={"en": "First Union", "ru": "R"}, acronyms={"en": "FU"}, kind="economic",
    founded=D("1992-03"), dissolved=D("2010"),
    founding_treaty=Treaty("Treaty of One", D("1992-02-01"), "Minsk", D("1992-03"), "src-a",
                           {"name": {"en": "Treaty of One"}}),
    seat="Minsk", predecessors=("zero",), successors=("two", "three"), aliases=("onecow",), sources=("src-a",),
    name_sources={"en": ("src-a",), "ru": ()}, note="A note", file="orgs/one.yaml",
    continues_in=Succession("two", D("2010-01-01"), "src-a"), texts={"note": {"en": "A note"}},
    former_names=(FormerName(D("1993"), {"en": "Union Zero"}, {}, None, None),))
ORG_BARE = Organization("two", {"en": "Two"}, {}, "security", None, None, None, None, (), (), (), (), {})
EVENT = Event("one", "AAA", D("1992-03-01"), "joined", "member", ("src-a", "src-b"), "Joined", "d1",
              "orgs/one.yaml", 44, {"en": "Joined"}, texts={"note": {"en": "Joined", "ru": "R"}},
              citations=(Citation("src-b", "as member", "art. 2", "2020-01-02"), Citation("src-a")),
              evidence_gap="unclear day")
EVENT_BARE = Event("one", None, D("1992"), "founded", None, ("src-a",))
DISPUTE = Dispute("d1", "one", "AAA", "When", (Claim("1995", ("src-b",), None, {"value": {"en": "1995"}}),
                                               Claim("1996", (), "a guess", {})),
                  "1995", "open", "orgs/one.yaml", 64, {"topic": {"en": "When"}})
DISPUTE_BARE = Dispute("d2", None, None, "Which", (), None)

RECORDS = ({"src-a": SOURCE, "src-b": SOURCE_BARE}, {"AAA": STATE, "BBB": STATE_BARE},
           {"one": ORG, "two": ORG_BARE}, [EVENT, EVENT_BARE], [DISPUTE, DISPUTE_BARE])


def test_the_format_number():
    assert FORMAT == 8


def test_the_data_of_each_record_written_out():
    data = dump(*RECORDS, key="k1")
    assert list(data) == ["format", "key", "sources", "states", "orgs", "events", "disputes"]
    assert data["format"] == 8 and data["key"] == "k1"
    assert data["sources"] == [
        {"key": "src-a", "title": "Treaty text", "url": "https://example.org/a", "publisher": "Ministry",
         "year": "1992", "kind": "official", "official": True, "seen_at": "https://mirror.example.org/a",
         "note": "Read in Russian", "texts": {"note": {"en": "Read in Russian", "ru": "R"}}, "lang": "ru",
         "title_tr": {"en": "The treaty"}},
        {"key": "src-b", "title": "News", "url": None, "publisher": None, "year": None, "kind": "web",
         "official": False, "seen_at": None, "note": None, "texts": {}, "lang": None, "title_tr": {}}]
    assert data["states"] == [
        {"iso3": "AAA", "iso2": "AA", "cow": [[700, "AAA", "1991", "2000-05"], [701, "AAB", None, None]],
         "exists": [["1991-12-26", None, "src-a", "independence"], ["1950", "1960-02-03", None, None]],
         "names": {"en": "Aland"}, "note": "A state", "texts": {"note": {"en": "A state", "zh-Hant": "Z"}},
         "former_names": [["1991-12-25", {"en": "Old Aland"}, {"en": "OA"}, "src-b", "so called"]]},
        {"iso3": "BBB", "iso2": None, "cow": [], "exists": [], "names": {}, "note": None, "texts": {},
         "former_names": []}]
    assert data["orgs"] == [
        {"id": "one", "names": {"en": "First Union", "ru": "R"}, "acronyms": {"en": "FU"}, "kind": "economic",
         "founded": "1992-03", "dissolved": "2010",
         "founding_treaty": ["Treaty of One", "1992-02-01", "Minsk", "1992-03", "src-a",
                             {"name": {"en": "Treaty of One"}}],
         "seat": "Minsk", "predecessors": ["zero"], "successors": ["two", "three"], "aliases": ["onecow"],
         "sources": ["src-a"], "name_sources": {"en": ["src-a"], "ru": []}, "note": "A note",
         "file": "orgs/one.yaml", "continues_in": ["two", "2010-01-01", "src-a"], "texts": {"note": {"en": "A note"}},
         "former_names": [["1993", {"en": "Union Zero"}, {}, None, None]]},
        {"id": "two", "names": {"en": "Two"}, "acronyms": {}, "kind": "security", "founded": None, "dissolved": None,
         "founding_treaty": None, "seat": None, "predecessors": [], "successors": [], "aliases": [], "sources": [],
         "name_sources": {}, "note": None, "file": "", "continues_in": None, "texts": {}, "former_names": []}]
    assert data["events"] == [
        {"org": "one", "state": "AAA", "date": "1992-03-01", "kind": "joined", "status": "member",
         "sources": ["src-a", "src-b"], "note": "Joined", "dispute": "d1", "file": "orgs/one.yaml", "line": 44,
         "title": {"en": "Joined"}, "texts": {"note": {"en": "Joined", "ru": "R"}},
         "citations": [["src-b", "as member", "art. 2", "2020-01-02"], ["src-a", None, None, None]],
         "evidence_gap": "unclear day"},
        {"org": "one", "state": None, "date": "1992", "kind": "founded", "status": None, "sources": ["src-a"],
         "note": None, "dispute": None, "file": "", "line": 0, "title": {}, "texts": {}, "citations": [],
         "evidence_gap": None}]
    assert data["disputes"] == [
        {"id": "d1", "org": "one", "state": "AAA", "topic": "When",
         "claims": [["1995", ["src-b"], None, {"value": {"en": "1995"}}], ["1996", [], "a guess", {}]],
         "preferred": "1995", "note": "open", "file": "orgs/one.yaml", "line": 64, "texts": {"topic": {"en": "When"}}},
        {"id": "d2", "org": None, "state": None, "topic": "Which", "claims": [], "preferred": None, "note": None,
         "file": "", "line": 0, "texts": {}}]
    assert json.loads(json.dumps(data)) == data  # plain data


def test_the_records_read_back_equal():
    data = json.loads(json.dumps(dump(*RECORDS, key="k1")))
    sources, states, orgs, events, disputes = load(data, "k1")
    assert (sources, states, orgs, events, disputes) == RECORDS
    assert list(sources) == ["src-a", "src-b"] and list(states) == ["AAA", "BBB"] and list(orgs) == ["one", "two"]
    assert type(orgs["one"].predecessors) is tuple and type(events[0].citations) is tuple
    assert type(states["AAA"].cow) is tuple and type(states["AAA"].exists) is tuple
    assert type(disputes[0].claims) is tuple and type(orgs["one"].name_sources["en"]) is tuple


def test_the_bundled_records_read_back_equal():
    raw = load_folder()
    records = (raw.sources, raw.states, raw.orgs, raw.events, raw.disputes)
    data = json.loads(json.dumps(dump(*records, key="bundled")))
    assert load(data, "bundled") == records


@pytest.mark.parametrize("data", [None, [], {"format": FORMAT}, {"format": FORMAT - 1, "key": "k1"},
                                  {"format": FORMAT, "key": "k2"}, {"format": str(FORMAT), "key": "k1"}])
def test_data_of_another_key_or_format_is_refused(data):
    with pytest.raises(ValueError) as caught:
        load(data, "k1")
    assert str(caught.value) == "not a snapshot of this data"


def broken(path: tuple, value) -> dict:
    data = json.loads(json.dumps(dump(*RECORDS, key="k1")))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize("path, value, message", [
    (("sources", 0, "title"), 5, "expected text, found int"),
    (("sources", 0, "url"), ["x"], "expected text, found list"),
    (("sources", 0, "texts"), [], "expected a mapping"),
    (("sources", 0, "texts"), {"note": "x"}, "expected a mapping"),
    (("sources", 0, "texts"), {"note": {"en": 1}}, "expected text, found int"),
    (("sources", 0, "title_tr"), {"en": None}, "expected text, found NoneType"),
    (("sources", 0, "title_tr"), "x", "expected a mapping"),
    (("states", 0, "cow", 0, 0), "700", "expected a whole number"),
    (("states", 0, "cow", 0, 0), True, "expected a whole number"),
    (("states", 0, "cow", 0, 0), 700.0, "expected a whole number"),
    (("states", 0, "exists", 0, 0), 1991, "expected text, found int"),
    (("states", 0, "exists", 0, 0), "1991-13", "'1991-13' is not a date: month 13 does not exist"),
    (("states", 0, "former_names", 0, 1), {1: "x"}, "expected text, found int"),
    (("orgs", 0, "predecessors"), "zero", "expected a list"),
    (("orgs", 0, "predecessors"), [1], "expected text, found int"),
    (("orgs", 0, "name_sources"), {"en": "a"}, "expected a list"),
    (("orgs", 0, "continues_in"), [1, "2010", "src-a"], "expected text, found int"),
    (("orgs", 0, "founding_treaty"), [None, None, None, None, None, {}], "expected text, found NoneType"),
    (("events", 0, "date"), None, "an event without a date"),
    (("events", 0, "line"), "44", "expected a whole number"),
    (("events", 0, "citations"), [[1, None, None, None]], "expected text, found int"),
    (("disputes", 0, "claims"), [["x", "src", None, {}]], "expected a list"),
    (("disputes", 0, "line"), False, "expected a whole number"),
])
def test_wrong_data_is_refused(path, value, message):
    with pytest.raises(ValueError) as caught:
        load(broken(path, value), "k1")
    assert str(caught.value) == message


def test_the_helpers_one_by_one():
    assert snapshot._date(None) is None and snapshot._date(D("2001-02")) == "2001-02"
    assert snapshot._undate(None) is None and snapshot._undate("2001-02") == D("2001-02")
    assert snapshot._opt(None) is None and snapshot._opt("x") == "x"
    assert snapshot._texts(["a", "b"]) == ("a", "b") and snapshot._texts([]) == ()
    assert snapshot._int(0) == 0 and snapshot._int(-3) == -3
    assert snapshot._langs({}) == {} and snapshot._by_lang({"a": {"en": "b"}}) == {"a": {"en": "b"}}
    for bad in (False, True, 1.5, "1", None):
        with pytest.raises(ValueError, match="^expected a whole number$"):
            snapshot._int(bad)
    with pytest.raises(ValueError, match="^expected a list$"):
        snapshot._texts(("a",))
    with pytest.raises(ValueError, match="^expected text, found bytes$"):
        snapshot._text(b"x")
