"""The rules that need the whole data folder at once (``core/validate.py``), each on a small
hand-made folder held in memory: which records are refused, the exact one-line message naming the
file and line, the boundary days just inside and just outside, and how ``check`` orders, counts
and bounds what it lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocmap.core.dates import parse_partial
from blocmap.core.errors import DataError, Problem
from blocmap.core.loader import Raw
from blocmap.core.messages import Text
from blocmap.core.model import Dispute, Event, Organization, Period, State, Succession
from blocmap.core import validate
from blocmap.core.validate import (MAX_PROBLEMS, bounded, check, check_histories, check_languages, check_links,
                                   check_milestones_have_no_terminal, check_org_existence, check_source_keys,
                                   check_state_existence, check_states_known, load_feature_file)


def day(text: str):
    return parse_partial(text)


def event(date: str, kind: str = "joined", status: str | None = "member", state: str | None = "ARM",
          org: str = "eaeu", line: int = 10, file: str = "orgs/eaeu.yaml", dispute: str | None = None) -> Event:
    return Event(org=org, state=state, date=day(date), kind=kind, status=status, sources=("s",), file=file,
                 line=line, dispute=dispute)


def state(iso3: str, *periods: tuple[str | None, str | None]) -> State:
    return State(iso3=iso3, iso2=None, cow=(),
                 exists=tuple(Period(day(a) if a else None, day(b) if b else None) for a, b in periods))


def org(id: str, founded: str | None = None, dissolved: str | None = None, predecessors: tuple = (),
        successors: tuple = (), continues_in: str | None = None) -> Organization:
    return Organization(id=id, names={"en": id}, acronyms={}, kind="economic",
                        founded=day(founded) if founded else None, dissolved=day(dissolved) if dissolved else None,
                        founding_treaty=None, seat=None, predecessors=predecessors, successors=successors, aliases=(),
                        sources=(), name_sources={}, file=f"orgs/{id}.yaml",
                        continues_in=Succession(continues_in, day("2015-01-01"), "s") if continues_in else None)


def dispute(id: str, state: str | None = None, line: int = 5, file: str = "orgs/eaeu.yaml") -> Dispute:
    return Dispute(id=id, org="eaeu", state=state, topic="t", claims=(), preferred=None, file=file, line=line)


def said(raw: Raw) -> list[str]:
    return [str(p) for p in raw.problems]


def raw(**parts) -> Raw:
    return Raw(Path("/nowhere"), **parts)


# -- source keys and states --------------------------------------------------------------------------


def test_unknown_source_keys_each_named_where_cited() -> None:
    r = raw(sources={"known": object()},
            source_refs=[("known", "orgs/a.yaml", 3, Text("what.events")),
                         ("lost", "orgs/a.yaml", 7, "event"),
                         ("known", "states.yaml", 9, "period"),
                         ("gone", "states.yaml", 12, "period")])
    check_source_keys(r)
    assert said(r) == ["orgs/a.yaml:7: unknown source key 'lost' (event); add it to sources.yaml",
                       "states.yaml:12: unknown source key 'gone' (period); add it to sources.yaml"]


def test_unknown_states_of_events_and_of_disputes() -> None:
    r = raw(states={"ARM": state("ARM")},
            events=[event("2015-01-02", state="ARM", line=4), event("2015-01-01", kind="founded", status=None,
                                                                   state=None, line=6),
                    event("2015-08-12", state="KGZZ", line=8)],
            disputes=[dispute("d1", state="ARM", line=20), dispute("d2", state=None, line=22),
                      dispute("d3", state="XXX", line=24, file="orgs/sco.yaml")])
    check_states_known(r)
    assert said(r) == ["orgs/eaeu.yaml:8: unknown state 'KGZZ' (not in states.yaml)",
                       "orgs/sco.yaml:24: unknown state 'XXX'"]


# -- existence of the state and of the organization ----------------------------------------------------


def test_an_event_inside_the_states_existence() -> None:
    """DDR existed 1949-10-07 .. 1990-10-02 (states.yaml): both days are inside, the day before and the
    day after are not; an event known to a year or a month is inside where any day of it is."""
    ddr = state("DDR", ("1949-10-07", "1990-10-02"))
    dates = ["1949-10-07", "1990-10-02", "1949-10-06", "1990-10-03", "1949", "1990-10", "1948", "1990-11",
             "1949-09", "1991"]
    r = raw(states={"DDR": ddr},
            events=[event(d, state="DDR", org="wp", file="orgs/wp.yaml", line=i) for i, d in enumerate(dates, 1)])
    check_state_existence(r)
    assert said(r) == ["orgs/wp.yaml:3: DDR did not exist on 1949-10-06 (see states.yaml)",
                       "orgs/wp.yaml:4: DDR did not exist on 1990-10-03 (see states.yaml)",
                       "orgs/wp.yaml:7: DDR did not exist on 1948 (see states.yaml)",
                       "orgs/wp.yaml:8: DDR did not exist on 1990-11 (see states.yaml)",
                       "orgs/wp.yaml:9: DDR did not exist on 1949-09 (see states.yaml)",
                       "orgs/wp.yaml:10: DDR did not exist on 1991 (see states.yaml)"]


def test_existence_in_several_periods_and_open_ends() -> None:
    """Albania: 1914-01-01 .. 1939-04-07, then from 1944-11-17 on (open); a state with an open start;
    an unknown state and an event without a state are another rule's business."""
    alb = state("ALB", ("1914-01-01", "1939-04-07"), ("1944-11-17", None))
    old = state("OLD", (None, "1900-06"))
    r = raw(states={"ALB": alb, "OLD": old},
            events=[event("1920-05-05", state="ALB", line=1), event("1940", state="ALB", line=2),
                    event("1944-11-17", state="ALB", line=3), event("2024-01-01", state="ALB", line=4),
                    event("1944-11-16", state="ALB", line=5), event("1800", state="OLD", line=6),
                    event("1900-06-30", state="OLD", line=7), event("1900-07-01", state="OLD", line=8),
                    event("1990", state="NOPE", line=9), event("1990", state=None, kind="founded", status=None,
                                                               line=10)])
    check_state_existence(r)
    assert said(r) == ["orgs/eaeu.yaml:2: ALB did not exist on 1940 (see states.yaml)",
                       "orgs/eaeu.yaml:5: ALB did not exist on 1944-11-16 (see states.yaml)",
                       "orgs/eaeu.yaml:8: OLD did not exist on 1900-07-01 (see states.yaml)"]


def test_a_state_with_no_period_never_existed() -> None:
    r = raw(states={"NUL": state("NUL")}, events=[event("2000", state="NUL", line=3)])
    check_state_existence(r)
    assert said(r) == ["orgs/eaeu.yaml:3: NUL did not exist on 2000 (see states.yaml)"]


def test_a_status_change_before_the_founding() -> None:
    """The EAEU was founded on 2015-01-01: a status on that day is fine, on 2014-12-31 it is not; an
    event known to a month or a year is refused only where all of it precedes the founding."""
    eaeu = org("eaeu", founded="2015-01-01")
    dates = ["2015-01-01", "2014-12-31", "2014-12", "2015", "2015-01", "2014"]
    r = raw(orgs={"eaeu": eaeu}, events=[event(d, line=i) for i, d in enumerate(dates, 1)])
    check_org_existence(r)
    assert said(r) == [
        "orgs/eaeu.yaml:2: joined on 2014-12-31 is before eaeu existed (founded 2015-01-01)",
        "orgs/eaeu.yaml:3: joined on 2014-12 is before eaeu existed (founded 2015-01-01)",
        "orgs/eaeu.yaml:6: joined on 2014 is before eaeu existed (founded 2015-01-01)"]


def test_founding_known_to_a_year_and_milestones_before_it() -> None:
    """Founded '1992' (its first day 1992-01-01 counts): a status in 1991-12 is refused, one on
    1992-01-01 is not; a milestone (no status) may precede the founding; an organization with no
    founding date and an event of an unknown organization are not judged."""
    r = raw(orgs={"cis": org("cis", founded="1992"), "new": org("new")},
            events=[event("1991-12", org="cis", line=1), event("1992-01-01", org="cis", line=2),
                    event("1990", org="cis", kind="signed", status=None, state=None, line=3),
                    event("1900", org="new", line=4), event("1900", org="nope", line=5),
                    event("1991-11", org="cis", line=6)])
    check_org_existence(r)
    assert said(r) == ["orgs/eaeu.yaml:1: joined on 1991-12 is before cis existed (founded 1992)",
                       "orgs/eaeu.yaml:6: joined on 1991-11 is before cis existed (founded 1992)"]


def test_an_event_after_the_dissolution() -> None:
    """The Warsaw Pact was dissolved on 1991-07-01: an event that day is fine, on 1991-07-02 it is not,
    a milestone too; one known to a month is refused only where all of it follows."""
    wp = org("wp", founded="1955-05-14", dissolved="1991-07-01")
    dates = [("1991-07-01", "withdrew", "withdrawn"), ("1991-07-02", "withdrew", "withdrawn"),
             ("1991-07", "withdrew", "withdrawn"), ("1991-08", "signed", None), ("1992", "dissolved", None)]
    r = raw(orgs={"wp": wp},
            events=[event(d, kind=k, status=s, org="wp", file="orgs/wp.yaml", line=i)
                    for i, (d, k, s) in enumerate(dates, 1)])
    check_org_existence(r)
    assert said(r) == [
        "orgs/wp.yaml:2: withdrew on 1991-07-02 is after wp was dissolved (1991-07-01)",
        "orgs/wp.yaml:4: signed on 1991-08 is after wp was dissolved (1991-07-01)",
        "orgs/wp.yaml:5: dissolved on 1992 is after wp was dissolved (1991-07-01)"]


def test_dissolved_known_to_a_year() -> None:
    """Dissolved '1991': every day of 1991 is still inside; 1992-01-01 is after."""
    r = raw(orgs={"x": org("x", dissolved="1991")},
            events=[event("1991-12-31", org="x", line=1), event("1992-01-01", org="x", line=2)])
    check_org_existence(r)
    assert said(r) == ["orgs/eaeu.yaml:2: joined on 1992-01-01 is after x was dissolved (1991)"]


def test_before_founding_and_after_dissolution_at_once() -> None:
    r = raw(orgs={"x": org("x", founded="2000", dissolved="1990")}, events=[event("1995", org="x", line=4)])
    check_org_existence(r)
    assert said(r) == ["orgs/eaeu.yaml:4: joined on 1995 is before x existed (founded 2000)",
                       "orgs/eaeu.yaml:4: joined on 1995 is after x was dissolved (1990)"]


# -- histories ---------------------------------------------------------------------------------------


def test_duplicate_events_are_named_once_with_the_first_line() -> None:
    r = raw(events=[event("2015-01-02", line=10), event("2015-01-02", line=14),
                    event("2015-01-02", line=18),
                    event("2015-01-01", kind="founded", status=None, state=None, line=3),
                    event("2015-01-01", kind="founded", status=None, state=None, line=30),
                    # not duplicates: another day, kind, status, state or organization
                    event("2015-01-03", line=40), event("2015-01-02", kind="restored", line=41),
                    event("2015-01-02", status="observer", kind="joined", state="BLR", line=42),
                    event("2015-01-02", state="KAZ", line=43), event("2015-01-02", org="cis", line=44)])
    check_histories(r)
    assert said(r) == ["orgs/eaeu.yaml:14: duplicate event: eaeu ARM joined 2015-01-02 already at line 10",
                       "orgs/eaeu.yaml:18: duplicate event: eaeu ARM joined 2015-01-02 already at line 10",
                       "orgs/eaeu.yaml:30: duplicate event: eaeu founded 2015-01-01 already at line 3"]


def test_a_duplicate_is_not_counted_again_in_the_history() -> None:
    """The second 'observer' is a duplicate only: the day's statuses are still one (no contradiction)."""
    r = raw(events=[event("2015", kind="observer", status="observer", line=1),
                    event("2015", kind="observer", status="observer", line=2)])
    check_histories(r)
    assert said(r) == ["orgs/eaeu.yaml:2: duplicate event: eaeu ARM observer 2015 already at line 1"]


def test_contradictory_statuses_on_one_day_named_at_the_last() -> None:
    r = raw(events=[event("2015-01-02", kind="observer", status="observer", line=5),
                    event("2015-01-02", line=9),
                    event("2015-01-02", kind="candidate", status="candidate", line=12),
                    # the same day for another state, another organization: no contradiction
                    event("2015-01-02", kind="observer", status="observer", state="BLR", line=20),
                    event("2015-01-02", kind="observer", status="observer", org="cis", line=21),
                    # a milestone the same day has no status
                    event("2015-01-02", kind="signed", status=None, line=22)])
    check_histories(r)
    assert said(r) == ["orgs/eaeu.yaml:12: contradictory statuses for ARM in eaeu on 2015-01-02: "
                       "candidate and member and observer"]


def test_two_statuses_on_one_day_contradict() -> None:
    r = raw(events=[event("2024", kind="frozen", status="frozen", line=3), event("2024", line=4)])
    check_histories(r)
    assert said(r) == ["orgs/eaeu.yaml:4: contradictory statuses for ARM in eaeu on 2024: frozen and member",
                       "orgs/eaeu.yaml:3: ARM frozen eaeu on 2024 without having been a member or participant before"]


def test_an_ending_needs_a_relation_before_it() -> None:
    """Each ending status (withdrawn, ceased, suspended, frozen) with no relation before it is named;
    after a withdrawal there is no relation again; a suspension keeps one."""
    r = raw(events=[event("2000", kind="suspended", status="suspended", state="A", line=1),
                    event("2000", kind="frozen", status="frozen", state="B", line=2),
                    event("2000", kind="ceased_participation", status="ceased", state="C", line=3),
                    event("2000", kind="withdrew", status="withdrawn", state="D", line=4),
                    event("2001", kind="joined", status="member", state="E", line=5),
                    event("2002", kind="suspended", status="suspended", state="E", line=6),
                    event("2003", kind="frozen", status="frozen", state="E", line=7),
                    event("2004", kind="withdrew", status="withdrawn", state="E", line=8),
                    event("2005", kind="ceased_participation", status="ceased", state="E", line=9)])
    check_histories(r)
    assert said(r) == [
        "orgs/eaeu.yaml:1: A suspended eaeu on 2000 without having been a member or participant before",
        "orgs/eaeu.yaml:2: B frozen eaeu on 2000 without having been a member or participant before",
        "orgs/eaeu.yaml:3: C ceased_participation eaeu on 2000 without having been a member or participant before",
        "orgs/eaeu.yaml:4: D withdrew eaeu on 2000 without having been a member or participant before",
        "orgs/eaeu.yaml:9: E ceased_participation eaeu on 2005 without having been a member or participant before"]


def test_histories_are_read_in_date_order_then_line_order() -> None:
    """Written out of order: a withdrawal on line 1 dated after the joining on line 2 is fine; on one
    first day (2015-01 and 2015-01-01 start together) the line decides; an observer status is a
    relation too."""
    r = raw(events=[event("2016", kind="withdrew", status="withdrawn", state="A", line=1),
                    event("2015", state="A", line=2),
                    event("2015-01-01", kind="withdrew", status="withdrawn", state="B", line=3),
                    event("2015-01", state="B", line=4),
                    event("2015-01", state="C", line=5),
                    event("2015-01-01", kind="withdrew", status="withdrawn", state="C", line=6),
                    event("2010", kind="observer", status="observer", state="D", line=7),
                    event("2011", kind="withdrew", status="withdrawn", state="D", line=8)])
    check_histories(r)
    assert said(r) == [
        "orgs/eaeu.yaml:3: B withdrew eaeu on 2015-01-01 without having been a member or participant before"]


# -- links -------------------------------------------------------------------------------------------


def test_duplicate_and_unknown_disputes() -> None:
    r = raw(disputes=[dispute("d1", line=5), dispute("d2", line=9), dispute("d1", line=30, file="orgs/cis.yaml"),
                      dispute("d1", line=40)],
            events=[event("2000", dispute="d2", line=50), event("2000", dispute="d9", line=51),
                    event("2001", line=52)])
    check_links(r)
    assert said(r) == ["orgs/cis.yaml:30: duplicate dispute id 'd1'",
                       "orgs/eaeu.yaml:40: duplicate dispute id 'd1'",
                       "orgs/eaeu.yaml:51: unknown dispute 'd9'"]


def test_links_between_organizations() -> None:
    orgs = [org("a", predecessors=("b", "x1"), successors=("x2", "c")), org("b", continues_in="c"),
            org("c"), org("d", continues_in="nope"), org("e", continues_in="e"), org("f", continues_in="b"),
            org("g", successors=("a",), continues_in="a")]
    r = raw(orgs={o.id: o for o in orgs})
    check_links(r)
    assert said(r) == ["orgs/a.yaml: a: unknown linked organization 'x1'",
                       "orgs/a.yaml: a: unknown linked organization 'x2'",
                       "orgs/d.yaml: continues_in: unknown organization 'nope'",
                       "orgs/e.yaml: continues_in: unknown organization 'e'",
                       "orgs/f.yaml: continues_in: 'b' itself continues in another organization; name the last one"]


def test_milestones_lead_to_no_ending() -> None:
    r = raw(events=[event("1991", kind="dissolved", status=None, state="SUN", line=1),
                    event("1991", kind="dissolved", status=None, state=None, line=2),
                    event("1992", kind="signed", status="withdrawn", line=3),
                    event("1992", kind="granted", status="observer", line=4),
                    event("1992", kind="withdrew", status="withdrawn", line=5),
                    event("1993", kind="dissolved", status="withdrawn", state="X", line=6)])
    check_milestones_have_no_terminal(r)
    assert said(r) == ["orgs/eaeu.yaml:1: 'dissolved' is an event of the organization (no 'state')",
                       "orgs/eaeu.yaml:3: a 'signed' milestone cannot lead to 'withdrawn'",
                       "orgs/eaeu.yaml:6: 'dissolved' is an event of the organization (no 'state')",
                       "orgs/eaeu.yaml:6: a 'dissolved' milestone cannot lead to 'withdrawn'"]


# -- languages ---------------------------------------------------------------------------------------


def test_every_text_with_a_letter_in_every_language() -> None:
    r = raw(text_refs=[("orgs/a.yaml", 3, "note", ("en",), "Moscow"),
                       ("orgs/a.yaml", 4, "seat", ("en", "zh-Hant", "ru"), "Minsk"),
                       ("orgs/a.yaml", 5, "topic", ("en", "zh-Hant"), "Who"),
                       ("orgs/a.yaml", 6, "note", ("en",), "2012-01-01"),
                       ("orgs/a.yaml", 7, "note", ("en",), "_ 12 -"),
                       ("states.yaml", None, "note", ("en", "ru"), "\u83ab\u65af\u79d1"),
                       ("orgs/b.yaml", 8, "place", ("ru",), "1 x")])
    check_languages(r)
    example = "{en: …, zh-Hant: …, ru: …}"
    assert said(r) == [f"orgs/a.yaml:3: 'note' has no text in zh-Hant, ru: give {example}",
                       f"orgs/a.yaml:5: 'topic' has no text in ru: give {example}",
                       f"states.yaml: 'note' has no text in zh-Hant: give {example}",
                       f"orgs/b.yaml:8: 'place' has no text in en, zh-Hant: give {example}"]


# -- bounded, check ----------------------------------------------------------------------------------


def problems(n: int, file: str = "f.yaml") -> list[Problem]:
    return [Problem.of(file, i, "data.unknown_dispute", id=f"d{i}") for i in range(1, n + 1)]


def test_at_most_a_hundred_problems_then_a_count() -> None:
    assert MAX_PROBLEMS == 100
    hundred = problems(100)
    assert bounded(hundred) == hundred
    shown = bounded(problems(101))
    assert len(shown) == 101 and shown[:100] == hundred
    assert str(shown[-1]) == "… and 1 more problem" and shown[-1].file == ""
    assert shown[-1].render("ru") == "… и ещё одна проблема"  # not "1 проблема": a row of its own
    shown = bounded(problems(1335))
    assert len(shown) == 101 and shown[:100] == hundred
    assert str(shown[-1]) == "… and 1,235 more problems" and shown[-1].file == "" and shown[-1].line is None
    assert bounded(problems(121))[-1].render("ru") == "… и ещё 21 проблема"
    shown = bounded(problems(102))
    assert str(shown[-1]) == "… and 2 more problems"
    assert [str(p) for p in bounded(problems(3), limit=2)] == ["f.yaml:1: unknown dispute 'd1'",
                                                               "f.yaml:2: unknown dispute 'd2'",
                                                               "… and 1 more problem"]
    assert bounded([]) == []


def test_check_runs_readers_first_then_every_rule() -> None:
    order = []

    def reader(r: Raw) -> None:
        order.append("reader")
        r.problems.append(Problem.of("organs.yaml", 2, "data.unknown_dispute", id="o"))

    r = raw(events=[event("2000", kind="withdrew", status="withdrawn", state=None, line=7, dispute="zz")],
            source_refs=[("nope", "organs.yaml", 4, "organ")])
    assert check(r, before=(reader,)) is r.problems
    assert order == ["reader"]
    assert said(r) == ["organs.yaml:2: unknown dispute 'o'",
                       "organs.yaml:4: unknown source key 'nope' (organ); add it to sources.yaml",
                       "orgs/eaeu.yaml:7: unknown dispute 'zz'"]
    assert r.total_problems == 3
    assert validate.RULES == (check_source_keys, check_states_known, check_state_existence, check_org_existence,
                              check_histories, check_links, check_milestones_have_no_terminal, check_languages)


def test_every_rule_is_run_by_check() -> None:
    """One problem for each rule, in the rules' order."""
    r = raw(sources={}, source_refs=[("nope", "sources.yaml", 1, "x")],
            states={"ARM": state("ARM", ("1991-09-21", None))},
            orgs={"eaeu": org("eaeu", founded="2015-01-01", successors=("zz",))},
            events=[event("2014-01-01", kind="withdrew", status="withdrawn", state="KGZZ", line=2),
                    event("1990", state="ARM", line=3),
                    event("2016", kind="signed", status="withdrawn", state=None, line=4)],
            text_refs=[("orgs/eaeu.yaml", 5, "note", ("en",), "x")])
    check(r)
    assert said(r) == [
        "sources.yaml:1: unknown source key 'nope' (x); add it to sources.yaml",
        "orgs/eaeu.yaml:2: unknown state 'KGZZ' (not in states.yaml)",
        "orgs/eaeu.yaml:3: ARM did not exist on 1990 (see states.yaml)",
        "orgs/eaeu.yaml:2: withdrew on 2014-01-01 is before eaeu existed (founded 2015-01-01)",
        "orgs/eaeu.yaml:3: joined on 1990 is before eaeu existed (founded 2015-01-01)",
        "orgs/eaeu.yaml:2: KGZZ withdrew eaeu on 2014-01-01 without having been a member or participant before",
        "orgs/eaeu.yaml: eaeu: unknown linked organization 'zz'",
        "orgs/eaeu.yaml:4: a 'signed' milestone cannot lead to 'withdrawn'",
        "orgs/eaeu.yaml:5: 'note' has no text in zh-Hant, ru: give {en: …, zh-Hant: …, ru: …}"]
    assert r.total_problems == 9


def test_dropped_problems_are_counted_after_their_files_last() -> None:
    r = raw(problems=[*problems(2, "a.yaml")[:1], *problems(1, "b.yaml"), *problems(2, "a.yaml")[1:],
                      *problems(1, "c.yaml")],
            dropped={"a.yaml": 7, "z.yaml": 1234})
    check(r)
    assert said(r) == ["a.yaml:1: unknown dispute 'd1'", "b.yaml:1: unknown dispute 'd1'",
                       "a.yaml:2: unknown dispute 'd2'",
                       "a.yaml: … and 7 more problems in this file, not listed",
                       "c.yaml:1: unknown dispute 'd1'",
                       "z.yaml: … and 1,234 more problems in this file, not listed"]
    assert r.total_problems == 4 + 7 + 1234


def test_a_dropped_count_when_no_problem_is_kept() -> None:
    r = raw(dropped={"a.yaml": 1})
    check(r)
    assert said(r) == ["a.yaml: … and 1 more problem in this file, not listed"]
    assert r.total_problems == 1


def test_check_lists_a_hundred_of_many() -> None:
    r = raw(problems=problems(150, "a.yaml"), dropped={"a.yaml": 50})
    check(r)
    assert len(r.problems) == 101
    assert str(r.problems[-1]) == "… and 51 more problems"
    assert r.total_problems == 200


def test_no_problem_at_all() -> None:
    r = raw()
    assert check(r) == [] and r.total_problems == 0


# -- a feature file ----------------------------------------------------------------------------------


def tiny_folder(tmp_path: Path) -> Path:
    (tmp_path / "sources.yaml").write_text("- key: known\n  title: Known\n", encoding="utf-8")
    (tmp_path / "states.yaml").write_text("[]\n", encoding="utf-8")
    return tmp_path  # no orgs/: a problem of the atlas's files, not of a feature file


def read_atlas(folder: Path):
    """What a feature file needs of the atlas (its folder, sources, organizations and disputes):
    only the folder's sources are read, as the atlas did."""
    from types import SimpleNamespace

    from blocmap.core.loader import load_folder

    return SimpleNamespace(folder=folder, sources=load_folder(folder).sources, orgs={}, disputes=())


def test_a_feature_file_read_alone(tmp_path: Path) -> None:
    folder = tiny_folder(tmp_path)

    def read(r: Raw) -> list[str]:
        assert [str(p) for p in r.problems] == []  # the atlas's own problems are not the feature's
        assert r.folder == folder and "known" in r.sources and r.orgs == atlas.orgs
        r.source_refs.append(("known", "organs.yaml", 3, "organ"))
        r.source_refs.append(("nope", "depth.yaml", 4, "depth"))  # another file's business
        return ["one", "two"]

    atlas = read_atlas(folder)
    assert load_feature_file(atlas, "organs.yaml", read) == ("one", "two")


def test_a_feature_file_with_problems(tmp_path: Path) -> None:
    folder = tiny_folder(tmp_path)

    def read(r: Raw) -> list[str]:
        r.source_refs.append(("nope", "organs.yaml", 3, "organ"))
        r.source_refs.append(("known", "organs.yaml", 4, "organ"))
        r.source_refs.append(("gone", "organs.yaml", 5, "organ"))
        return ["one"]

    with pytest.raises(DataError) as caught:
        load_feature_file(read_atlas(folder), "organs.yaml", read)
    assert [str(p) for p in caught.value.problems] == [
        "organs.yaml:3: unknown source key 'nope' (organ); add it to sources.yaml",
        "organs.yaml:5: unknown source key 'gone' (organ); add it to sources.yaml"]


def test_a_feature_file_with_many_problems_is_bounded(tmp_path: Path) -> None:
    folder = tiny_folder(tmp_path)

    def read(r: Raw) -> list[str]:
        r.problems.extend(problems(120, "depth.yaml"))
        return []

    with pytest.raises(DataError) as caught:
        load_feature_file(read_atlas(folder), "depth.yaml", read)
    assert len(caught.value.problems) == 101
    assert str(caught.value.problems[-1]) == "… and 20 more problems"
