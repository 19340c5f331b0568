"""The records' own answers (``core/model.py``): a text in the reader's language or English; the
class of a source and whether its title needs translating; the first and last day of a period, of a
former name, of a COW code, of an organization's life and of a spell (with partial dates: the
first day of the period counts, and every day of it is uncertain), each checked just inside and just
outside."""

from __future__ import annotations

import datetime as dt

import pytest

from blocmap.core.dates import parse_partial
from blocmap.core.model import (Citation, CowCode, Event, FormerName, Organization, Period, Source, Spell, State,
                                pick)

D = dt.date


def p(text: str):
    return parse_partial(text)


# -- texts -------------------------------------------------------------------------------------------


def test_pick_a_language_then_english_then_the_fallback() -> None:
    both = {"en": "Moscow", "ru": "Москва", "zh-Hant": ""}
    assert pick(both, "ru") == "Москва"
    assert pick(both, "en") == "Moscow"
    assert pick(both, "zh-Hant") == "Moscow"  # empty: English
    assert pick(both, "fr", "x") == "Moscow"
    assert pick({"ru": "Москва"}, "zh-Hant", "Moscow*") == "Moscow*"
    assert pick({"ru": "Москва"}, "zh-Hant") is None
    assert pick({"ru": "Москва"}, "ru", "x") == "Москва"
    assert pick({}, "ru", "x") == "x"
    assert pick(None, "ru", "x") == "x"
    assert pick(None, "ru") is None


def test_a_records_text_in_a_language() -> None:
    source = Source(key="k", title="T", note="A note",
                    texts={"note": {"en": "A note", "zh-Hant": "註記", "ru": "Заметка"}})
    assert source.text("note", "ru") == "Заметка"
    assert source.text("note", "zh-Hant") == "註記"
    assert source.text("note") == "A note"
    assert source.text("note", "fr") == "A note"
    plain = Source(key="k", title="T", note="Only English")
    assert plain.text("note", "ru") == "Only English"  # no texts: the field itself
    assert plain.text("title", "ru") == "T"
    assert Source(key="k", title="T").text("note", "ru") is None
    russian_only = Source(key="k", title="T", note="N", texts={"note": {"ru": "Н"}})
    assert russian_only.text("note", "zh-Hant") == "N"
    assert russian_only.text("note", "ru") == "Н"


# -- sources -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind,official,klass", [
    ("official", False, "official"), ("web", True, "official"), ("news", True, "official"),
    ("book", False, "scholarly"), ("article", False, "scholarly"), ("scholarly", False, "scholarly"),
    ("dataset", False, "scholarly"), ("reference", False, "reference"), ("encyclopedia", False, "reference"),
    ("news", False, "news"), ("web", False, "news"), ("blog", False, "news"), ("Book", False, "news"),
])
def test_the_class_of_a_source(kind: str, official: bool, klass: str) -> None:
    assert Source(key="k", title="T", kind=kind, official=official).klass == klass


def test_a_source_by_default() -> None:
    source = Source(key="k", title="T")
    assert (source.kind, source.official, source.klass) == ("web", False, "news")
    assert source.lang is None and dict(source.title_tr) == {} and dict(source.texts) == {}


def test_a_title_translated_for_a_reader_of_another_language() -> None:
    russian = Source(key="k", title="Договор", lang="ru", title_tr={"en": "Treaty", "zh-Hant": "條約"})
    assert russian.title_for("en") == "Treaty"
    assert russian.title_for("zh-Hant") == "條約"
    assert russian.title_for("ru") is None  # the reader reads it as published
    chinese = Source(key="k", title="條約", lang="zh", title_tr={"zh-Hant": "X", "en": "Treaty", "ru": "Договор"})
    assert chinese.title_for("zh-Hant") is None  # zh-Hant reads zh
    assert chinese.title_for("en") == "Treaty"
    assert chinese.title_for("ru") == "Договор"
    unknown = Source(key="k", title="T", title_tr={"ru": "Т", "en": "E"})
    assert unknown.title_for("ru") == "Т" and unknown.title_for("en") == "E"
    assert unknown.title_for("zh-Hant") is None
    english = Source(key="k", title="T", lang="en", title_tr={"ru": "Т"})
    assert english.title_for("en") is None and english.title_for("ru") == "Т"
    hant = Source(key="k", title="T", lang="zh-Hant", title_tr={"zh-Hant": "X"})
    assert hant.title_for("zh-Hant") == "X"  # the source's lang compared whole ("zh-Hant" is not "zh")


# -- periods, names and codes of a state --------------------------------------------------------------


def test_a_period_from_its_first_to_its_last_day() -> None:
    ddr = Period(p("1949-10-07"), p("1990-10-02"))
    assert [ddr.contains(d) for d in (D(1949, 10, 6), D(1949, 10, 7), D(1990, 10, 2), D(1990, 10, 3))] == [
        False, True, True, False]
    partial = Period(p("1991-12"), p("2006"))
    assert [partial.contains(d) for d in (D(1991, 11, 30), D(1991, 12, 1), D(2006, 12, 31), D(2007, 1, 1))] == [
        False, True, True, False]
    assert Period(None, p("1991-12-26")).contains(D(1, 1, 1))
    assert not Period(None, p("1991-12-26")).contains(D(1991, 12, 27))
    assert Period(p("1991-09-21"), None).contains(D(9999, 12, 31))
    assert not Period(p("1991-09-21"), None).contains(D(1991, 9, 20))
    assert Period(None, None).contains(D(2003, 1, 1))


ALB = State(iso3="ALB", iso2="AL", cow=(CowCode(339, "ALB"),),
            exists=(Period(p("1914-01-01"), p("1939-04-07")), Period(p("1944-11-17"), None)))
DEU = State(iso3="DEU", iso2="DE",
            cow=(CowCode(255, "GMY", None, p("1945-05-08")), CowCode(260, "GFR", p("1955-05-05"), p("1990-10-02")),
                 CowCode(255, "GMY", p("1990-10-03"), None)),
            exists=(Period(p("1955-05-05"), None),),
            former_names=(FormerName(p("1945"), {"en": "German Reich"}),
                          FormerName(p("1990-10-02"), {"en": "West Germany"})))


def test_a_state_exists_in_any_of_its_periods() -> None:
    days = [D(1913, 12, 31), D(1914, 1, 1), D(1939, 4, 7), D(1939, 4, 8), D(1944, 11, 16), D(1944, 11, 17),
            D(2024, 1, 1)]
    assert [ALB.exists_on(d) for d in days] == [False, True, True, False, False, True, True]
    assert not State(iso3="X", iso2=None, cow=(), exists=()).exists_on(D(2000, 1, 1))


def test_the_cow_code_of_the_day() -> None:
    def code(day):
        found = DEU.cow_on(day)
        return None if found is None else (found.code, found.abb)

    assert code(D(1900, 1, 1)) == (255, "GMY")
    assert code(D(1945, 5, 8)) == (255, "GMY")
    assert code(D(1945, 5, 9)) is None
    assert code(D(1955, 5, 4)) is None
    assert code(D(1955, 5, 5)) == (260, "GFR")
    assert code(D(1990, 10, 2)) == (260, "GFR")
    assert code(D(1990, 10, 3)) == (255, "GMY")
    assert code(D(2024, 1, 1)) == (255, "GMY")
    assert ALB.cow_on(D(1800, 1, 1)).code == 339
    years = State(iso3="X", iso2=None, cow=(CowCode(1, "A", p("1991"), p("1992")),), exists=())
    assert [years.cow_on(d) is not None for d in (D(1990, 12, 31), D(1991, 1, 1), D(1992, 12, 31),
                                                   D(1993, 1, 1))] == [False, True, True, False]
    assert State(iso3="X", iso2=None, cow=(), exists=()).cow_on(D(2000, 1, 1)) is None


def test_the_first_code_that_holds_wins() -> None:
    overlap = State(iso3="X", iso2=None, cow=(CowCode(1, "A", None, p("2000")), CowCode(2, "B", p("1999"), None)),
                    exists=())
    assert overlap.cow_on(D(1999, 6, 1)).code == 1
    assert overlap.cow_on(D(2001, 1, 1)).code == 2


def test_a_states_former_name_of_the_day() -> None:
    def name(day):
        found = DEU.named_on(day)
        return None if found is None else found.names["en"]

    assert name(D(1945, 12, 31)) == "German Reich"  # '1945': its last day
    assert name(D(1946, 1, 1)) == "West Germany"
    assert name(D(1990, 10, 2)) == "West Germany"
    assert name(D(1990, 10, 3)) is None
    assert DEU.named_on(None) is None
    assert ALB.named_on(D(1950, 1, 1)) is None


def test_the_bundled_germany(atlas) -> None:
    deu = atlas.states["DEU"]
    assert deu.named_on(D(1990, 10, 2)).names["ru"] == "ФРГ"
    assert deu.named_on(D(1990, 10, 3)) is None
    assert (deu.cow_on(D(1990, 10, 2)).code, deu.cow_on(D(1990, 10, 3)).code) == (260, 255)
    assert deu.cow_on(D(1955, 5, 4)) is None and not deu.exists_on(D(1955, 5, 4)) and deu.exists_on(D(1955, 5, 5))
    assert deu.text("note", "ru").startswith("До 1990-10-03 — ФРГ")
    sun = atlas.states["SUN"]
    assert sun.exists_on(D(1950, 1, 1)) and sun.exists_on(D(1991, 12, 26)) and not sun.exists_on(D(1991, 12, 27))


# -- events and organizations ------------------------------------------------------------------------


def test_the_citation_of_a_source_key() -> None:
    first, second = Citation("a", quote="q"), Citation("b", at="Art. 1")
    event = Event(org="eaeu", state="ARM", date=p("2015-01-02"), kind="joined", status="member", sources=("a", "b"),
                  citations=(first, second, Citation("a", quote="later")))
    assert event.citation("a") is first
    assert event.citation("b") is second
    assert event.citation("c") is None
    assert Event(org="x", state=None, date=p("2000"), kind="founded", status=None, sources=()).citation("a") is None


def organization(founded: str | None, dissolved: str | None, former=()) -> Organization:
    return Organization(id="x", names={"en": "X"}, acronyms={}, kind="economic",
                        founded=p(founded) if founded else None, dissolved=p(dissolved) if dissolved else None,
                        founding_treaty=None, seat=None, predecessors=(), successors=(), aliases=(), sources=(),
                        name_sources={}, former_names=former)


def test_an_organization_exists_from_its_founding_until_the_day_before_its_dissolution() -> None:
    eurasec = organization("2000-10-10", "2015-01-01")
    days = [D(2000, 10, 9), D(2000, 10, 10), D(2014, 12, 31), D(2015, 1, 1)]
    assert [eurasec.exists_on(d) for d in days] == [False, True, True, False]
    cmea = organization("1949", "1991-06")
    days = [D(1948, 12, 31), D(1949, 1, 1), D(1991, 5, 31), D(1991, 6, 1), D(1991, 6, 28)]
    assert [cmea.exists_on(d) for d in days] == [False, True, True, False, False]
    assert organization(None, None).exists_on(D(1, 1, 1))
    assert organization(None, "1991").exists_on(D(1990, 12, 31)) and not organization(None, "1991").exists_on(
        D(1991, 1, 1))
    assert organization("2015-01-01", None).exists_on(D(9999, 12, 31))


def test_an_organizations_former_name_of_the_day() -> None:
    """The Union State (union_state.yaml): the Community until 1997-04-01, the Union until 2000-01-25."""
    union = organization("1996-04-02", None, (FormerName(p("1997-04-01"), {"en": "Community of Russia and Belarus"}),
                                              FormerName(p("2000-01-25"), {"en": "Union of Belarus and Russia"})))

    def name(day):
        found = union.named_on(day)
        return None if found is None else found.names["en"]

    assert name(D(1996, 4, 2)) == "Community of Russia and Belarus"
    assert name(D(1997, 4, 1)) == "Community of Russia and Belarus"
    assert name(D(1997, 4, 2)) == "Union of Belarus and Russia"
    assert name(D(2000, 1, 25)) == "Union of Belarus and Russia"
    assert name(D(2000, 1, 26)) is None
    assert union.named_on(None) is None
    yearly = organization(None, None, (FormerName(p("1997"), {"en": "Old"}),))
    assert yearly.named_on(D(1997, 12, 31)).names["en"] == "Old" and yearly.named_on(D(1998, 1, 1)) is None


def test_the_bundled_union_state(atlas) -> None:
    union = atlas.orgs["union_state"]
    assert union.named_on(D(1997, 4, 1)).names["en"] == "Community of Russia and Belarus"
    assert union.named_on(D(2000, 1, 26)) is None
    assert not union.exists_on(D(1996, 4, 1)) and union.exists_on(D(1996, 4, 2))


# -- spells ------------------------------------------------------------------------------------------


def spell(start: str, end: str | None) -> Spell:
    event = Event(org="csto", state="UZB", date=p(start), kind="joined", status="member", sources=())
    return Spell(org="csto", state="UZB", status="member", start=p(start), end=p(end) if end else None,
                 start_event=event)


def test_a_spell_holds_from_its_first_day_to_the_day_before_its_end() -> None:
    """Uzbekistan in the CSTO: a member from 2006-06-23, suspended from 2012-06-28 (its first day no
    longer a member)."""
    member = spell("2006-06-23", "2012-06-28")
    days = [D(2006, 6, 22), D(2006, 6, 23), D(2012, 6, 27), D(2012, 6, 28)]
    assert [member.on(d) for d in days] == [False, True, True, False]
    assert spell("2012-06-28", None).on(D(9999, 12, 31))
    assert not spell("2012-06-28", None).on(D(2012, 6, 27))


def test_a_spell_with_partial_dates_starts_on_the_first_day_of_its_period() -> None:
    member = spell("1994-04", "1999")
    days = [D(1994, 3, 31), D(1994, 4, 1), D(1998, 12, 31), D(1999, 1, 1)]
    assert [member.on(d) for d in days] == [False, True, True, False]


def test_every_day_of_a_partial_start_or_end_is_uncertain() -> None:
    member = spell("1994-04", "1999")
    days = [D(1994, 3, 31), D(1994, 4, 1), D(1994, 4, 30), D(1994, 5, 1), D(1998, 12, 31), D(1999, 1, 1),
            D(1999, 12, 31), D(2000, 1, 1)]
    assert [member.certain_on(d) for d in days] == [True, False, False, True, True, False, False, True]
    exact = spell("2006-06-23", "2012-06-28")
    assert all(exact.certain_on(d) for d in (D(2006, 6, 23), D(2012, 6, 27), D(2012, 6, 28)))
    assert spell("2006", None).certain_on(D(2007, 1, 1)) and not spell("2006", None).certain_on(D(2006, 12, 31))
    month_end = spell("2006-06-23", "2012-06")
    assert [month_end.certain_on(d) for d in (D(2012, 5, 31), D(2012, 6, 1), D(2012, 6, 30), D(2012, 7, 1))] == [
        True, False, False, True]
