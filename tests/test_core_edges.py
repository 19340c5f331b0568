"""As-of answers pinned on real edge dates from the sourced reference."""

from __future__ import annotations

import pytest

import blocmap


def status(atlas, org: str, state: str, on: str) -> str | None:
    for m in atlas.members(org, on=on):
        if m.state == state:
            return m.status
    return None


@pytest.mark.parametrize("org,state,on,expected", [
    # Georgia left the CIS effective 2009-08-18 (12 months after notification)
    ("cis", "GEO", "2009-06-01", "member"),
    ("cis", "GEO", "2009-08-17", "member"),
    ("cis", "GEO", "2009-08-18", None),
    ("cis", "GEO", "2010-01-01", None),
    # Uzbekistan: in the Collective Security Treaty in 1996, out after it lapsed on 1999-04-20
    ("cst", "UZB", "1996-06-01", "member"),
    ("cst", "UZB", "1999-04-19", "member"),
    ("cst", "UZB", "2000-01-01", None),
    # … back in the CSTO from the 2006-06-23 decision, suspended from 2012-12-19
    ("csto", "UZB", "2006-06-22", None),
    ("csto", "UZB", "2008-01-01", "member"),
    ("csto", "UZB", "2012-12-18", "member"),
    ("csto", "UZB", "2014-01-01", "suspended"),
    # Turkmenistan: associate from the Kazan summit of 2005-08-26
    ("cis", "TKM", "2005-08-25", "member"),
    ("cis", "TKM", "2005-08-26", "associate"),
    ("cis", "TKM", "2015-01-01", "associate"),
    # Armenia in the EAEU from 2015-01-02, Kyrgyzstan from 2015-08-12
    ("eaeu", "ARM", "2015-01-01", None),
    ("eaeu", "ARM", "2015-01-02", "member"),
    ("eaeu", "KGZ", "2015-08-11", None),
    ("eaeu", "KGZ", "2015-08-12", "member"),
    ("eaeu", "RUS", "2014-12-31", None),
    ("eaeu", "RUS", "2015-01-01", "member"),
    # Ukraine ratified the Agreement on the Establishment on 1991-12-10, as Belarus did: one founding-treaty
    # rule makes both members from that day (the Charter reading is the dispute ukr-cis-status)
    ("cis", "UKR", "1991-12-09", "participant"),
    ("cis", "UKR", "1991-12-10", "member"),
    ("cis", "BLR", "1991-12-10", "member"),
    ("cis", "UKR", "2010-01-01", "member"),
    ("cis", "UKR", "2018-05-19", "ceased"),
    # Armenia froze its CSTO participation in 2024
    ("csto", "ARM", "2024-02-21", "member"),
    ("csto", "ARM", "2024-02-22", "frozen"),
    # Soviet-era organizations end with them
    ("warsaw_pact", "SUN", "1991-06-30", "member"),
    ("warsaw_pact", "SUN", "1991-07-01", None),
    ("warsaw_pact", "DDR", "1990-09-24", None),
    ("cmea", "DDR", "1990-10-02", "member"),
    ("cmea", "DDR", "1990-10-03", None),
    ("eurasec", "KAZ", "2014-12-31", "member"),
    ("eurasec", "KAZ", "2015-01-01", None),
])
def test_status_on_edge_dates(atlas, org, state, on, expected):
    assert status(atlas, org, state, on) == expected


def test_eaeu_observers(atlas):
    observers = lambda on: sorted(m.state for m in atlas.members("eaeu", on=on) if m.status == "observer")
    assert observers("2018-05-13") == []
    assert observers("2018-05-14") == ["MDA"]
    assert observers("2021-01-01") == ["CUB", "MDA", "UZB"]
    assert observers("2025-01-01") == ["CUB", "IRN", "MDA", "UZB"]


def test_csto_members_2008(atlas):
    assert [m.state for m in atlas.members("csto", on="2008-06-01")] == [
        "ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"]


def test_partial_dates_make_answers_uncertain(atlas):
    # Moldova ceased participating in the CIS at some point in 2022 (year precision)
    in_year = {m.state: m for m in atlas.members("cis", on="2022-06-01")}
    assert in_year["MDA"].status == "ceased" and in_year["MDA"].certain is False
    assert str(in_year["MDA"].since) == "2022" and in_year["MDA"].since.precision == "year"
    after = {m.state: m for m in atlas.members("cis", on="2023-01-01")}
    assert after["MDA"].certain is True
    # Georgia joined the CIS in December 1993 (month precision): first-day rule, flagged
    dec = {m.state: m for m in atlas.members("cis", on="1993-12-15")}
    assert dec["GEO"].status == "member" and dec["GEO"].certain is False
    assert status(atlas, "cis", "GEO", "1993-11-30") is None


def test_every_membership_cites_a_known_source(atlas):
    for spell in atlas.spells:
        assert spell.start_event.sources
        assert all(key in atlas.sources for key in spell.start_event.sources)


def test_an_organization_that_continues_in_another_has_its_members(atlas, data_copy):
    """``continues_in`` (the Customs Union as the EAEU's customs union from 2015-01-01): the
    organization's own spells end that day, and from then on it has the other's members, each
    from its own accession, in lists, sets and panels alike."""
    before = {m.state for m in atlas.members("customs_union", on="2014-06-01")}
    assert before == {"BLR", "KAZ", "RUS"}
    after = {m.state: m for m in atlas.members("customs_union", on="2016-01-01")}
    assert set(after) == {"ARM", "BLR", "KAZ", "KGZ", "RUS"}
    assert str(after["KGZ"].since) == "2015-08-12" and after["KGZ"].event.kind == "continued"
    assert "eec-treaty-reference" in after["KGZ"].sources
    assert {m.state for m in atlas.members("customs_union", on="2015-06-01")} == {"ARM", "BLR", "KAZ", "RUS"}
    # a founder's membership runs on through the day, one spell held since it began, on both sources
    spells = atlas.spells_of(org="customs_union", state="BLR")
    assert [str(s.start) for s in spells] == ["2010-01-01"] and spells[0].end is None
    assert after["BLR"].sources[-1] == "eec-treaty-reference" and str(after["BLR"].since) == "2010-01-01"
    # the CST continues in the CSTO: Uzbekistan, back in the CSTO in 2006, is back under the treaty
    assert [m.status for m in atlas.memberships("UZB", on="2008-06-01") if m.org == "cst"] == ["member"]
    cst = data_copy / "orgs" / "cst.yaml"
    cst.write_text(cst.read_text(encoding="utf-8").replace("  org: csto\n", "  org: cstoo\n", 1), encoding="utf-8")
    with pytest.raises(blocmap.DataError, match="continues_in: unknown organization 'cstoo'"):
        blocmap.load(data_copy)
