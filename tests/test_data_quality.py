"""Data quality per organization (blocmap.features.quality) and the edge dates fixed by issue #11."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from blocmap.core.dates import parse_partial
from blocmap.core.loader import BUNDLED
from blocmap.core.model import Event, Source
from blocmap.features.quality import independent_sources, quality


def status(atlas, org: str, state: str, on: str) -> str | None:
    for m in atlas.members(org, on=on):
        if m.state == state:
            return m.status
    return None


# --- quality() on a hand-made atlas: the rules, one at a time ---------------------------------

def _event(line: int, date: str, *sources: str, org: str = "x") -> Event:
    return Event(org, "AAA", parse_partial(date), "joined", "member", sources, file="orgs/x.yaml", line=line)


def _tiny_atlas():
    sources = {
        "gov": Source("gov", "A decree", publisher="Ministry of Foreign Affairs", kind="official", official=True),
        "wire1": Source("wire1", "Report one", publisher="TASS", kind="news"),
        "wire2": Source("wire2", "Report two", publisher="TASS (English service)", kind="news"),
        "paper": Source("paper", "A study", publisher="Some Journal", kind="article"),
        "bare": Source("bare", "No publisher"),
    }
    events = [
        _event(10, "2001-06-15", "gov", "wire1"),   # day, official, two publishers
        _event(20, "2004", "wire1", "wire2"),       # year, one publisher twice
        _event(30, "2010-04", "paper"),             # month, single source
        _event(40, "2012-06-07", "bare", "paper"),  # a source without publisher stands alone
    ]
    orgs = {"x": object(), "y": object()}
    return SimpleNamespace(orgs=orgs, events=events, sources=sources)


def test_quality_rules_on_a_tiny_atlas():
    rows = quality(_tiny_atlas())
    assert [r["org"] for r in rows] == ["x", "y"]
    x, y = rows
    assert x["events"] == 4
    assert x["day_precise"] == 0.5
    assert x["official_source"] == 0.25
    assert x["two_independent_sources"] == 0.5
    assert x["single_source_events"] == ["orgs/x.yaml:20", "orgs/x.yaml:30"]
    assert y == {"org": "y", "events": 0, "day_precise": 0.0, "official_source": 0.0,
                 "two_independent_sources": 0.0, "single_source_events": [], "status_changes": 0,
                 "meets_standard": 1.0, "official_status": 1.0, "quoted": 1.0, "below_standard": []}
    # no citation carries a quote: none meets the standard, one cites an official record
    assert x["status_changes"] == 4 and x["meets_standard"] == 0.0 and x["quoted"] == 0.0
    assert x["official_status"] == 0.25
    assert x["below_standard"] == ["orgs/x.yaml:10", "orgs/x.yaml:20", "orgs/x.yaml:30", "orgs/x.yaml:40"]


def _quoted(line: int, *keys: str, quote: str | None = "words") -> Event:
    from blocmap.core.model import Citation

    return Event("x", "AAA", parse_partial("2001-06-15"), "joined", "member", keys, file="orgs/x.yaml", line=line,
                 citations=tuple(Citation(k, quote) for k in keys))


@pytest.mark.parametrize("keys,quote,official,two,weak,meets", [
    (("gov",), "words", True, False, False, True),           # an official record, quoted
    (("gov",), None, True, False, False, False),             # the same without its words
    (("wire1", "paper"), "words", False, True, False, True),  # two reputable publishers
    (("wire1", "wire2"), "words", False, False, False, False),  # one publisher twice
    (("wiki",), "words", False, False, True, False),          # an encyclopedia alone
    (("wiki", "paper"), "words", False, False, False, False),  # an encyclopedia beside one study
    (("wiki", "gov"), "words", True, False, False, True),      # beside an official record
])
def test_the_evidence_standard_case_by_case(keys, quote, official, two, weak, meets):
    from blocmap.features.evidence import standing

    sources = {**_tiny_atlas().sources, "wiki": Source("wiki", "An article", publisher="Wikipedia", kind="reference")}
    got = standing(_quoted(1, *keys, quote=quote), sources)
    assert (got.official, got.two_independent, got.weak, got.meets) == (official, two, weak, meets)


def test_a_quote_is_needed_for_every_citation():
    from blocmap.core.model import Citation
    from blocmap.features.evidence import standing

    sources = _tiny_atlas().sources
    half = Event("x", "AAA", parse_partial("2001"), "joined", "member", ("gov", "wire1"),
                 citations=(Citation("gov", "words"), Citation("wire1", None)))
    assert not standing(half, sources).quoted


def test_pages_of_one_publisher_are_one_source():
    atlas = _tiny_atlas()
    assert independent_sources(atlas.events[1], atlas.sources) == 1
    assert independent_sources(atlas.events[0], atlas.sources) == 2


def test_quality_is_pure():
    atlas = _tiny_atlas()
    before = list(atlas.events)
    assert quality(atlas) == quality(atlas)
    assert atlas.events == before


# --- quality() on the bundled data -------------------------------------------------------------

def test_quality_of_the_bundled_data(atlas):
    rows = {r["org"]: r for r in quality(atlas)}
    assert set(rows) == set(atlas.orgs)
    assert {"eap", "caco", "ots"} <= set(rows)
    for row in rows.values():
        assert row["events"] > 0
        for share in ("day_precise", "official_source", "two_independent_sources"):
            assert 0.0 <= row[share] <= 1.0
    # every single-source event named is an event line of its file
    for row in rows.values():
        for where in row["single_source_events"]:
            file, line = where.rsplit(":", 1)
            text = (BUNDLED / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
            assert text.lstrip().startswith("- date:"), where
    # the Eastern Partnership: the Council's declaration for the launch, three agencies for the suspension
    assert rows["eap"]["official_source"] == 0.875 and rows["eap"]["single_source_events"] == []


# --- edge dates fixed by issue #11 ---------------------------------------------------------------

@pytest.mark.parametrize("org,state,on,expected", [
    # 1. SCO partners date from the memorandum that granted the status, not from Samarkand (2022-09-16)
    ("sco", "KWT", "2022-09-16", None),
    ("sco", "KWT", "2023-05-04", None),
    ("sco", "KWT", "2023-05-05", "participant"),
    ("sco", "MDV", "2023-05-05", "participant"),
    ("sco", "MMR", "2023-05-04", None),
    ("sco", "MMR", "2023-05-05", "participant"),
    ("sco", "ARE", "2023-05-05", "participant"),
    ("sco", "BHR", "2023-06-30", None),
    ("sco", "SAU", "2022-09-16", "participant"),
    ("sco", "TUR", "2012-06-07", None),
    ("sco", "TUR", "2013-04-26", "participant"),
    ("sco", "KHM", "2015-09-23", None),
    ("sco", "KHM", "2015-09-24", "participant"),
    ("sco", "AZE", "2016-03-14", "participant"),
    ("sco", "NPL", "2016-03-22", "participant"),
    ("sco", "ARM", "2016-04-15", None),
    ("sco", "ARM", "2016-04-16", "participant"),
    ("sco", "BLR", "2009-06-16", None),
    # 2. days that sources give: Mongolia at the Tashkent summit, Belarus at the Ufa summit
    ("sco", "MNG", "2004-06-16", None),
    ("sco", "MNG", "2004-06-17", "observer"),
    ("sco", "BLR", "2015-07-09", "participant"),
    ("sco", "BLR", "2015-07-10", "observer"),
    # 3. effective dates: the first day of the new status
    ("eu", "GBR", "2020-01-31", "member"),
    ("eu", "GBR", "2020-02-01", None),
    # 4. the Eastern Partnership is its own organization; Belarus suspended in 2021, never an EU participant
    ("eap", "BLR", "2021-06-27", "participant"),
    ("eap", "BLR", "2021-06-28", "suspended"),
    ("eap", "UKR", "2026-11-01", "participant"),
    ("eu", "BLR", "2015-01-01", None),
    ("eu", "UKR", "2022-06-23", "candidate"),
    # 5. one founding-treaty rule for the CIS
    ("cis", "UKR", "1991-12-10", "member"),
    ("cis", "TKM", "1991-12-26", "member"),
    ("cis", "TKM", "2005-08-26", "associate"),
    # 8. pending acts stay pending
    ("cis", "MDA", "2026-11-30", "ceased"),
    ("csto", "ARM", "2026-11-30", "frozen"),
    # 9. new organizations
    ("caco", "RUS", "2004-10-17", None),
    ("caco", "RUS", "2004-10-18", "member"),
    ("caco", "UZB", "2006-06-01", None),
    # the Agreement in force for Uzbekistan on 2019-10-14 (Turkey's MFA, the depositary, via Anadolu)
    ("ots", "UZB", "2019-10-13", None),
    ("ots", "UZB", "2019-10-14", "member"),
    ("ots", "TKM", "2021-11-12", "observer"),
    ("ots", "TUR", "2010-01-01", "member"),
])
def test_edge_dates(atlas, org, state, on, expected):
    assert status(atlas, org, state, on) == expected


def test_russias_charter_ratification_is_the_official_record(atlas):
    events = [e for e in atlas.history(org="cis", state="RUS") if e.kind == "ratified"]
    assert [str(e.date) for e in events] == ["1991-12-12", "1993-04-15"]
    assert "cntd-1901995" in events[1].sources


def test_every_dispute_claim_has_a_source(atlas):
    for dispute in atlas.disputes:
        for claim in dispute.claims:
            assert claim.sources, (dispute.id, claim.value)
