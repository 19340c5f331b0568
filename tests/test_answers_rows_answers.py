"""Rows that know the answer: each builder of ``blocmap.answers.rows`` on real bundled records, compared
field by field with values read by hand from the data files (``data/orgs/*.yaml``, ``states.yaml``,
``sources.yaml``).  Every front end prints these rows, so a wrong key, a name of the wrong day or a
source counted twice would reach every reader.
"""

from __future__ import annotations

import datetime as dt

import pytest

from blocmap.answers.rows import citation_row, continued_in, event_row, membership_row, source_row, spell_row

# names in the readers' other languages, as written in the data files
WEST_GERMANY_ZH = "\u897f\u5fb7"  # states.yaml, DEU former_names until 1990-10-02
WEST_GERMANY_RU = "\u0424\u0420\u0413"
COE_ZH = "\u6b50\u6d32\u7406\u4e8b\u6703"  # coe.yaml names (its zh-Hant acronym is the Latin "CoE")
COE_RU = "\u0421\u043e\u0432\u0435\u0442 \u0415\u0432\u0440\u043e\u043f\u044b"
CIS_RU = "\u0421\u041d\u0413"  # cis.yaml acronyms.ru
CAEU_ZH = "\u4e2d\u4e9e\u7d93\u6fdf\u806f\u76df"  # caco.yaml former name until 1998-07-16 (no acronym)
CAEU_RU = ("\u0426\u0435\u043d\u0442\u0440\u0430\u043b\u044c\u043d\u043e\u0430\u0437\u0438\u0430\u0442\u0441\u043a"
           "\u0438\u0439 \u044d\u043a\u043e\u043d\u043e\u043c\u0438\u0447\u0435\u0441\u043a\u0438\u0439 "
           "\u0441\u043e\u044e\u0437")
# sources.yaml: title_tr of diplo-de-70-jahre-europarat (in German) and coe-70-frg-joins (in English)
DIPLO_TITLE_RU = ("\u0412\u0438\u0440\u0442\u0443\u0430\u043b\u044c\u043d\u0430\u044f \u0432\u044b\u0441\u0442"
                  "\u0430\u0432\u043a\u0430 \u00ab70 \u043b\u0435\u0442 \u0413\u0435\u0440\u043c\u0430\u043d\u0438"
                  "\u0438 \u0432 \u0421\u043e\u0432\u0435\u0442\u0435 \u0415\u0432\u0440\u043e\u043f\u044b\u00bb")
FRG_JOINS_RU = ("13 \u0438\u044e\u043b\u044f 1950 \u0433\u043e\u0434\u0430: \u0424\u0420\u0413 \u0432\u0441\u0442"
                "\u0443\u043f\u0430\u0435\u0442 \u0432 \u0421\u043e\u0432\u0435\u0442 \u0415\u0432\u0440\u043e"
                "\u043f\u044b")

DIPLO = "diplo-de-70-jahre-europarat"
DIPLO_TITLE = "Virtuelle Ausstellung \u201e70 Jahre Deutschland im Europarat\u201c"
DIPLO_TITLE_EN = 'Virtual exhibition "70 years of Germany in the Council of Europe"'
FRG_JOINS = "coe-70-frg-joins"
FRG_JOINS_TITLE = "13 July 1950 Federal Republic of Germany joins the Council of Europe"
CNTD = "cntd-1901995"
CNTD_TITLE = ("Decision of the CIS Council of Heads of State adopting the CIS Charter (Minsk, 1993-01-22), with the "
              "Charter; ratified by resolution of the Supreme Soviet of the Russian Federation of 15.04.1993 "
              "No. 4799-I")
CNTD_NOTE = ("Notes that the decision was not signed by Moldova, Turkmenistan and Ukraine, and that the Charter "
             "ceased to apply to Georgia from 2009-08-18")
USHAKOVA = "ushakova-2003-central-asian-cooperation"
JAMESTOWN = "jamestown-1996-central-asian-economic-union"


def membership(atlas, org, state, on):
    return next(m for m in atlas.members(org, on=on) if m.state == state)


def event(atlas, org, state, date):
    return next(e for e in atlas.events if e.org == org and e.state == state and str(e.date) == date)


def spell(atlas, org, state, status):
    return next(s for s in atlas.spells_of(org=org, state=state) if s.status == status)


# ---------------------------------------------------------------------------------------------- memberships


def test_west_germany_in_the_council_of_europe_in_1960(atlas):
    """The state's name of the day asked about, the organization's acronym (today's too), the COW code of
    that day (260, the GFR; 255 only from 1990-10-03) and the grounds once each, in the order cited."""
    row = membership_row(atlas, membership(atlas, "coe", "DEU", "1960-01-01"), "en")
    assert row == {
        "org": "coe", "org_name": "CoE", "org_name_today": "CoE", "state": "DEU", "name": "West Germany",
        "status": "member", "since": "1955-05-05", "since_precision": "day", "until": None, "certain": True,
        "event": "joined", "sources": [DIPLO, FRG_JOINS],  # the event cites diplo.de twice
        "ccode": 260, "data": "curated", "continues_in": None,
    }
    assert list(row) == ["org", "org_name", "org_name_today", "state", "name", "status", "since",
                         "since_precision", "until", "certain", "event", "sources", "ccode", "data", "continues_in"]


def test_germany_today_has_todays_name_and_code(atlas):
    row = membership_row(atlas, membership(atlas, "coe", "DEU", "2003-01-01"), "en")
    assert (row["name"], row["ccode"], row["since"]) == ("Germany", 255, "1955-05-05")


def test_names_in_the_readers_language(atlas):
    m = membership(atlas, "coe", "DEU", "1960-01-01")
    chinese, russian = membership_row(atlas, m, "zh-Hant"), membership_row(atlas, m, "ru")
    assert (chinese["name"], chinese["org_name"], chinese["org_name_today"]) == (WEST_GERMANY_ZH, "\u6b50\u6d32\u7406\u4e8b\u6703", "\u6b50\u6d32\u7406\u4e8b\u6703")
    assert (russian["name"], russian["org_name"], russian["org_name_today"]) == (WEST_GERMANY_RU, "\u0421\u0415",
                                                                                  "\u0421\u0415")


def test_the_organizations_name_of_the_day_and_of_today(atlas):
    """caco.yaml: the Central Asian Economic Community (CAEC) from 1998-07-17 to 2002-02-27, CACO after;
    KAZ a member from its signature on 1994-04-30 until the dissolution in 2006 (a year only)."""
    row = membership_row(atlas, membership(atlas, "caco", "KAZ", "2000-01-01"), "en")
    assert row == {
        "org": "caco", "org_name": "CAEC", "org_name_today": "CACO", "state": "KAZ", "name": "Kazakhstan",
        "status": "member", "since": "1994-04-30", "since_precision": "day", "until": "2006", "certain": True,
        "event": "signed", "sources": [USHAKOVA, JAMESTOWN], "ccode": 705, "data": "curated", "continues_in": None,
    }


def test_a_month_only_start_is_uncertain_inside_its_month(atlas):
    """cis.yaml: Georgia joined in "1993-12" (the day not found) and withdrew on 2009-08-18."""
    inside = membership_row(atlas, membership(atlas, "cis", "GEO", "1993-12-31"), "en")
    assert inside == {
        "org": "cis", "org_name": "CIS", "org_name_today": "CIS", "state": "GEO", "name": "Georgia",
        "status": "member", "since": "1993-12", "since_precision": "month", "until": "2009-08-18",
        "certain": False, "event": "joined",
        "sources": ["civil-ge-119287", "xinhua-2009-georgia-quits-cis", "tajembassy-ir-cis"],
        "ccode": 372, "data": "curated", "continues_in": None,
    }
    assert membership_row(atlas, membership(atlas, "cis", "GEO", "1994-01-01"), "en")["certain"] is True
    assert membership_row(atlas, membership(atlas, "cis", "GEO", "2008-06-01"), "ru")["org_name"] == CIS_RU


def test_a_membership_that_holds_through_the_succession(atlas):
    """customs_union.yaml: the Customs Union of Belarus, Kazakhstan and Russia until 2014-12-31 (acronym
    "Customs Union"); from 2015-01-01 the EAEU's ("EAEU Customs Union"), whose members it has."""
    before = membership_row(atlas, membership(atlas, "customs_union", "KAZ", "2014-12-31"), "en")
    assert (before["org_name"], before["org_name_today"], before["continues_in"]) == (
        "Customs Union", "EAEU Customs Union", None)
    on_the_day = membership_row(atlas, membership(atlas, "customs_union", "KAZ", "2015-01-01"), "en")
    assert (on_the_day["org_name"], on_the_day["continues_in"]) == ("EAEU Customs Union", "eaeu")
    armenia = membership_row(atlas, membership(atlas, "customs_union", "ARM", "2015-01-02"), "en")
    assert (armenia["since"], armenia["event"], armenia["continues_in"]) == ("2015-01-02", "continued", "eaeu")


# ---------------------------------------------------------------------------------------------- continued_in


@pytest.mark.parametrize("org, day, expected", [
    ("customs_union", dt.date(2014, 12, 31), None),  # the day before the succession
    ("customs_union", dt.date(2015, 1, 1), "eaeu"),  # the succession's own day
    ("customs_union", dt.date(2020, 1, 1), "eaeu"),
    ("customs_union", None, None),  # no day: no succession
    ("shanghai_five", dt.date(2001, 6, 14), None),  # shanghai_five.yaml: continues in the SCO from 2001-06-15
    ("shanghai_five", dt.date(2001, 6, 15), "sco"),
    ("cis", dt.date(2020, 1, 1), None),  # an organization that continues in none
    ("no-such-org", dt.date(2020, 1, 1), None),  # an imported (COW) organization is not in atlas.orgs
])
def test_continued_in(atlas, org, day, expected):
    assert continued_in(atlas, org, day) == expected


# ---------------------------------------------------------------------------------------------- events


def test_an_event_cited_by_key_alone(atlas):
    """cis.yaml, 1993-04-15: Russia ratified the Charter; `source: cntd-1901995` with no quote; a note and a
    dispute; no status (a ratification leads to none by itself)."""
    row = event_row(atlas, event(atlas, "cis", "RUS", "1993-04-15"), "en")
    assert row == {
        "date": "1993-04-15", "precision": "day", "org": "cis", "state": "RUS", "name": "Russia",
        "event": "ratified", "status": None,
        "note": "Official record in the legal database; Wikipedia gives 1993-07-20 (see the dispute)",
        "sources": [CNTD], "dispute": "rus-cis-charter",
        "title": "The Supreme Soviet of the Russian Federation ratified the CIS Charter (resolution No. 4799-I)",
        "evidence_gap": None,
        "citations": [{"source": CNTD, "quote": None, "at": None, "read": None, "class": "reference",
                       "lang": "en", "title": CNTD_TITLE, "title_translated": None,
                       "url": "https://docs.cntd.ru/document/1901995"}],
    }


def test_an_event_in_russian(atlas):
    row = event_row(atlas, event(atlas, "cis", "RUS", "1993-04-15"), "ru")
    assert row["title"] == ("\u0412\u0435\u0440\u0445\u043e\u0432\u043d\u044b\u0439 \u0421\u043e\u0432\u0435\u0442 "
                            "\u0420\u043e\u0441\u0441\u0438\u0439\u0441\u043a\u043e\u0439 \u0424\u0435\u0434\u0435"
                            "\u0440\u0430\u0446\u0438\u0438 \u0440\u0430\u0442\u0438\u0444\u0438\u0446\u0438\u0440"
                            "\u043e\u0432\u0430\u043b \u0423\u0441\u0442\u0430\u0432 \u0421\u041d\u0413 (\u043f"
                            "\u043e\u0441\u0442\u0430\u043d\u043e\u0432\u043b\u0435\u043d\u0438\u0435 \u2116 4799-I)")
    assert row["note"].startswith("\u041e\u0444\u0438\u0446\u0438\u0430\u043b\u044c\u043d\u0430\u044f")
    assert row["name"] == "\u0420\u043e\u0441\u0441\u0438\u044f"


def test_a_title_in_a_language_not_given_is_the_english_one(atlas):
    row = event_row(atlas, event(atlas, "cis", "RUS", "1993-04-15"), "de")
    assert row["title"] == ("The Supreme Soviet of the Russian Federation ratified the CIS Charter "
                            "(resolution No. 4799-I)")


def test_an_event_cited_twice_from_one_source(atlas):
    """coe.yaml, 1955-05-05: West Germany enters the count; three quotes, two of them from diplo.de: every
    quote is a citation, the source keys are listed once each."""
    row = event_row(atlas, event(atlas, "coe", "DEU", "1955-05-05"), "en")
    assert (row["date"], row["precision"], row["name"], row["event"], row["status"], row["dispute"]) == (
        "1955-05-05", "day", "West Germany", "joined", "member", None)
    assert row["sources"] == [DIPLO, FRG_JOINS]
    assert row["note"].startswith("Not an accession on this day.")
    assert row["title"].startswith("West Germany, an associate member since 13 July 1950")
    first = {"source": DIPLO, "at": "para. 1 (of 2 May 1951)", "read": "2026-12-07", "class": "official",
             "lang": "de", "title": DIPLO_TITLE, "title_translated": DIPLO_TITLE_EN,
             "url": "https://strassburg-europarat.diplo.de/eur-de/-/2454680"}
    assert [c["source"] for c in row["citations"]] == [DIPLO, DIPLO, FRG_JOINS]
    assert {k: v for k, v in row["citations"][0].items() if k != "quote"} == first
    assert row["citations"][0]["quote"].startswith("An diesem Tag beschloss das Ministerkomitee")
    assert row["citations"][1]["at"] == "para. 2"
    assert row["citations"][2] == {
        "source": FRG_JOINS, "at": "page text", "read": "2026-12-07", "class": "official", "lang": "en",
        "title": FRG_JOINS_TITLE, "title_translated": None,  # an English title for an English reader
        "url": "https://70.coe.int/1950-federal-republic-of-germany-joins-the-council-of-europe-en.html",
        "quote": ("West Germany became a full member in 1951 and the Saarland\u2019s application was withdrawn after "
                  "it became part of West Germany following a referendum in 1955."),
    }


def test_an_events_citations_in_russian(atlas):
    row = event_row(atlas, event(atlas, "coe", "DEU", "1955-05-05"), "ru")
    assert row["name"] == WEST_GERMANY_RU
    assert [c["title_translated"] for c in row["citations"]] == [DIPLO_TITLE_RU, DIPLO_TITLE_RU, FRG_JOINS_RU]
    assert row["citations"][0]["title"] == DIPLO_TITLE  # the title itself stays as published


def test_an_organizations_own_event_with_a_month_only(atlas):
    """cmea.yaml: founded "1949-01", no state, no title, a note and a dispute."""
    row = event_row(atlas, event(atlas, "cmea", None, "1949-01"), "en")
    assert {k: row[k] for k in ("date", "precision", "org", "state", "name", "event", "status", "dispute", "title",
                                "sources", "evidence_gap")} == {
        "date": "1949-01", "precision": "month", "org": "cmea", "state": None, "name": None, "event": "founded",
        "status": None, "dispute": "cmea-founded", "title": None,
        "sources": ["routledge-macbean-snowden-cmea", "ris-1976-comecon"], "evidence_gap": None}
    assert row["note"].startswith("Founded in Moscow (economic conference of January 1949")
    assert [(c["source"], c["at"], c["class"], c["lang"]) for c in row["citations"]] == [
        ("routledge-macbean-snowden-cmea", "chapter abstract", "scholarly", "en"),
        ("ris-1976-comecon", "p. 118, note 1", "scholarly", "en")]


def test_an_evidence_gap_in_the_readers_language(atlas):
    """cis.yaml, 1991-12-23: Kazakhstan's ratification, dated from Wikipedia's table alone."""
    english = event_row(atlas, event(atlas, "cis", "KAZ", "1991-12-23"), "en")
    assert english["evidence_gap"].startswith("dated from Wikipedia's table alone")
    russian = event_row(atlas, event(atlas, "cis", "KAZ", "1991-12-23"), "ru")
    assert russian["evidence_gap"] != english["evidence_gap"]
    assert any("\u0400" <= ch <= "\u04ff" for ch in russian["evidence_gap"])


def test_a_state_named_as_on_the_events_day(atlas):
    """states.yaml: Turkey until 2022-05-31, Turkiye after; it joined NATO on 1952-02-18."""
    turkey = event_row(atlas, event(atlas, "nato", "TUR", "1952-02-18"), "en")
    assert turkey["name"] == "Turkey"


# ---------------------------------------------------------------------------------------------- citations


def test_a_citation_of_a_key_not_in_the_bibliography(atlas):
    assert citation_row(atlas, "no-such-source", None, "en") == {
        "source": "no-such-source", "quote": None, "at": None, "read": None, "class": None, "lang": None,
        "title": None, "title_translated": None, "url": None}


def test_a_citation_by_key_alone(atlas):
    assert citation_row(atlas, DIPLO, None, "zh-Hant") == {
        "source": DIPLO, "quote": None, "at": None, "read": None, "class": "official", "lang": "de",
        "title": DIPLO_TITLE, "title_translated": "\u7dda\u4e0a\u5c55\u89bd\u300c\u5fb7\u570b\u5728\u6b50\u6d32\u7406"
                                                  "\u4e8b\u670370\u5e74\u300d",
        "url": "https://strassburg-europarat.diplo.de/eur-de/-/2454680"}


# ---------------------------------------------------------------------------------------------- spells


def test_a_spell_with_both_ends(atlas):
    """cis.yaml: Georgia a member from "1993-12" until its withdrawal took effect on 2009-08-18."""
    row = spell_row(atlas, spell(atlas, "cis", "GEO", "member"), "en")
    assert row == {
        "org": "cis", "org_name": "CIS", "state": "GEO", "name": "Georgia", "status": "member",
        "start": "1993-12", "start_precision": "month", "end": "2009-08-18", "end_precision": "day",
        "end_reason": "event", "sources": ["civil-ge-119287", "xinhua-2009-georgia-quits-cis", "tajembassy-ir-cis"],
    }


def test_a_spell_named_as_on_its_first_day_ending_in_a_year(atlas):
    """caco.yaml: named the Central Asian Economic Union (no acronym) until 1998-07-16; dissolved in 2006."""
    row = spell_row(atlas, spell(atlas, "caco", "KAZ", "member"), "en")
    assert row == {
        "org": "caco", "org_name": "Central Asian Economic Union", "state": "KAZ", "name": "Kazakhstan",
        "status": "member", "start": "1994-04-30", "start_precision": "day", "end": "2006", "end_precision": "year",
        "end_reason": "dissolved", "sources": [USHAKOVA, JAMESTOWN],
    }
    assert spell_row(atlas, spell(atlas, "caco", "KAZ", "member"), "zh-Hant")["org_name"] == CAEU_ZH
    assert spell_row(atlas, spell(atlas, "caco", "KAZ", "member"), "ru")["org_name"] == CAEU_RU


def test_an_open_spell_of_a_renamed_state(atlas):
    """West Germany joined the CoE on 1955-05-05 and is still a member (as Germany): no end."""
    row = spell_row(atlas, spell(atlas, "coe", "DEU", "member"), "en")
    assert (row["name"], row["org_name"], row["start"], row["end"], row["end_precision"], row["end_reason"]) == (
        "West Germany", "CoE", "1955-05-05", None, None, None)
    assert row["sources"] == [DIPLO, DIPLO, FRG_JOINS]  # a spell's grounds are its event's, as cited
    assert spell_row(atlas, spell(atlas, "coe", "DEU", "member"), "zh-Hant")["name"] == WEST_GERMANY_ZH


def test_a_spell_of_a_renamed_organization(atlas):
    """eu.yaml: the Czech Republic a candidate from 1997-12-13 until its accession on 2004-05-01."""
    row = spell_row(atlas, spell(atlas, "eu", "CZE", "candidate"), "en")
    assert (row["org_name"], row["name"], row["start"], row["end"], row["end_reason"]) == (
        "EU", "Czech Republic", "1997-12-13", "2004-05-01", "event")
    germany = spell_row(atlas, spell(atlas, "eu", "DEU", "member"), "en")
    assert (germany["org_name"], germany["name"]) == ("EEC", "West Germany")


# ---------------------------------------------------------------------------------------------- sources


def test_a_source_with_a_note_in_english(atlas):
    assert source_row(atlas.sources[CNTD], "en") == {
        "key": CNTD, "title": CNTD_TITLE, "title_translated": None, "language": "en",
        "url": "https://docs.cntd.ru/document/1901995", "publisher": "docs.cntd.ru (Kodeks legal database)",
        "year": None, "kind": "reference", "class": "reference", "official": False, "seen_at": None,
        "note": CNTD_NOTE}
    russian = source_row(atlas.sources[CNTD], "ru")
    assert russian["note"].startswith("\u041e\u0442\u043c\u0435\u0447\u0430\u0435\u0442")  # "Otmechaet"
    assert russian["title"] == CNTD_TITLE


def test_an_official_source_in_another_language(atlas):
    assert source_row(atlas.sources[DIPLO], "ru") == {
        "key": DIPLO, "title": DIPLO_TITLE, "title_translated": DIPLO_TITLE_RU, "language": "de",
        "url": "https://strassburg-europarat.diplo.de/eur-de/-/2454680",
        "publisher": "St\u00e4ndige Vertretung der Bundesrepublik Deutschland beim Europarat", "year": "2021",
        "kind": "official", "class": "official", "official": True, "seen_at": None, "note": None}
    assert source_row(atlas.sources[USHAKOVA], "en")["title_translated"] is None  # already in English
    assert source_row(atlas.sources[USHAKOVA], "en")["class"] == "scholarly"


def test_a_source_read_on_a_mirror(atlas):
    row = source_row(atlas.sources["wp-cis-member-states"], "en")
    assert (row["url"], row["seen_at"], row["publisher"], row["class"], row["official"]) == (
        "https://en.wikipedia.org/wiki/Member_states_of_the_Commonwealth_of_Independent_States",
        "https://en.wikipedia-on-ipfs.org/wiki/Member_states_of_the_Commonwealth_of_Independent_States",
        "Wikipedia", "reference", False)


def test_a_source_cited_by_key_alone_has_its_title_translated(atlas):
    """No bundled event cites by key alone a source with a translated title; a data folder may: the
    reader's language reaches the citation built from the key."""
    from dataclasses import replace

    cited_by_key = replace(event(atlas, "cis", "RUS", "1993-04-15"), sources=(DIPLO, DIPLO), citations=())
    row = event_row(atlas, cited_by_key, "ru")
    assert row["sources"] == [DIPLO]
    assert [(c["source"], c["quote"], c["title_translated"]) for c in row["citations"]] == [
        (DIPLO, None, DIPLO_TITLE_RU)]
