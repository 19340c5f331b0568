"""Spells, diff and zones on small made-up histories whose answers are written out by hand
(issue 26): where each spell starts and ends and why, ties in file order, an event on either
boundary day of a diff, and the regions of an overlap in their order."""

from __future__ import annotations

import datetime as dt

from blocmap.core.dates import parse_partial
from blocmap.core.model import Event, Organization, Period, State
from blocmap.core.timeline import (SpellIndex, Zone, as_membership, build_spells, current, diff, sets_on,
                                   status_map, zones)

D = dt.date


def ev(state: str | None, date: str, status: str | None, line: int, org: str = "o") -> Event:
    return Event(org, state, parse_partial(date), "event", status, ("src",), file="o.yaml", line=line)


def org(name: str = "o", dissolved: str | None = None) -> Organization:
    return Organization(name, {"en": name}, {}, "org", None, parse_partial(dissolved) if dissolved else None,
                        None, None, (), (), (), (), {})


def state(iso3: str, until: str | None = None) -> State:
    return State(iso3, None, (), (Period(parse_partial("1900"), parse_partial(until) if until else None),))


def spells_of(events, orgs=None, states=None):
    orgs = orgs or {"o": org()}
    states = states or {s: state(s) for s in ("AAA", "BBB", "CCC")}
    return [(s.state, s.status, str(s.start), str(s.end) if s.end else None, s.end_reason)
            for s in build_spells(events, orgs, states)]


def test_each_status_change_starts_a_spell_and_the_same_status_continues_it():
    events = [ev("AAA", "2006", "member", 4), ev("AAA", "2000-05", "member", 1), ev("AAA", "2003", "member", 2),
              ev("AAA", "2005-03-10", "suspended", 3), ev(None, "2001", None, 5), ev("AAA", "2002", None, 6)]
    assert spells_of(events) == [("AAA", "member", "2000-05", "2005-03-10", "event"),
                                 ("AAA", "suspended", "2005-03-10", "2006", "event"),
                                 ("AAA", "member", "2006", None, None)]
    spells = build_spells(events, {"o": org()}, {"AAA": state("AAA")})
    assert [s.start_event.line for s in spells] == [1, 3, 4]
    assert [s.end_event.line if s.end_event else None for s in spells] == [3, 4, None]


def test_events_of_one_day_follow_the_file_order():
    events = [ev("AAA", "2010-01-01", "observer", 9), ev("AAA", "2010-01-01", "member", 8)]
    assert spells_of(events) == [("AAA", "member", "2010-01-01", "2010-01-01", "event"),
                                 ("AAA", "observer", "2010-01-01", None, None)]
    # a month and its first day tie too: the file decides
    events = [ev("BBB", "2010-01", "observer", 2), ev("BBB", "2010-01-01", "member", 3)]
    assert [s[1] for s in spells_of(events)] == ["observer", "member"]


def test_a_spell_ends_when_the_organization_is_dissolved_or_the_state_ceases():
    events = [ev("AAA", "1992", "member", 1), ev("BBB", "1992", "member", 2), ev("CCC", "1992", "member", 3)]
    states = {"AAA": state("AAA"), "BBB": state("BBB", "1995-06-30"), "CCC": state("CCC", "1999-12")}
    result = spells_of(events, {"o": org(dissolved="1999-05")}, states)
    assert result == [("AAA", "member", "1992", "1999-05", "dissolved"),
                      ("BBB", "member", "1992", "1995-07-01", "state ceased"),   # the day after its last
                      ("CCC", "member", "1992", "1999-05", "dissolved")]         # the earlier of the two
    alone = spells_of(events, {"o": org()}, states)
    assert alone[2] == ("CCC", "member", "1992", "2000-01-01", "state ceased")  # after 1999-12-31


def test_no_end_before_a_spell_begins_and_none_for_a_withdrawal():
    events = [ev("AAA", "1996", "member", 1), ev("BBB", "1994", "withdrawn", 2), ev("CCC", "1995-07-01", "member", 3)]
    states = {"AAA": state("AAA", "1995-12-31"), "BBB": state("BBB", "1995-01-01"), "CCC": state("CCC", "1995-06-30")}
    assert spells_of(events, {"o": org()}, states) == [("AAA", "member", "1996", None, None),
                                                      ("BBB", "withdrawn", "1994", None, None),
                                                      ("CCC", "member", "1995-07-01", None, None)]
    assert spells_of([ev("AAA", "1990", "member", 1)], {"o": org(dissolved="1990")}) == [
        ("AAA", "member", "1990", None, None)]
    # a state with no period of existence, or one lasting to the calendar's last day: no end
    nowhere = State("AAA", None, (), ())
    assert spells_of([ev("AAA", "1990", "member", 1)], states={"AAA": nowhere}) == [
        ("AAA", "member", "1990", None, None)]
    assert spells_of([ev("AAA", "1990", "member", 1)], states={"AAA": state("AAA", "9999-12-31")}) == [
        ("AAA", "member", "1990", None, None)]


def test_a_dissolution_on_the_day_a_state_ceases_is_the_reason_given():
    # dissolved in May 1999 (first day 1999-05-01); the state's last day 1999-04-30
    events = [ev("AAA", "1992", "member", 1)]
    assert spells_of(events, {"o": org(dissolved="1999-05")}, {"AAA": state("AAA", "1999-04-30")}) == [
        ("AAA", "member", "1992", "1999-05", "dissolved")]


HISTORY = [ev("AAA", "2000-01-01", "member", 1), ev("BBB", "2000-01-01", "observer", 2),
           ev("BBB", "2005-06-15", "member", 3), ev("CCC", "2005-06-16", "member", 4),
           ev("AAA", "2007", "withdrawn", 5), ev("AAA", "2001", "member", 6, org="p"),
           ev("CCC", "2001", "member", 7, org="p")]


def index() -> SpellIndex:
    return SpellIndex(build_spells(HISTORY, {"o": org(), "p": org("p")}, {s: state(s) for s in ("AAA", "BBB", "CCC")}))


def test_a_spell_holds_from_its_first_day():
    idx = index()
    assert [(s.state, s.status) for s in idx.of_org_on("o", D(2005, 6, 15))] == [("AAA", "member"), ("BBB", "member")]
    assert [(s.state, s.status) for s in idx.of_org_on("o", D(2005, 6, 14))] == [("AAA", "member"), ("BBB", "observer")]
    assert idx.of_org_on("o", D(1999, 12, 31)) == [] and idx.of_org_on("nobody", D(2005, 1, 1)) == []
    assert [(s.org, s.status) for s in idx.of_state_on("AAA", D(2001, 1, 1))] == [("o", "member"), ("p", "member")]
    # the withdrawal holds from 2007 but no longer counts as a membership
    assert [s.status for s in idx.of_state_on("AAA", D(2007, 1, 1))] == ["member", "withdrawn"]
    in_force = current(idx.of_state_on("AAA", D(2007, 1, 1)), D(2007, 1, 1))
    assert [(m.org, m.status) for m in in_force] == [("p", "member")]
    assert status_map(idx, ["o", "p"], D(2007, 1, 1)) == {("o", "BBB"): "member", ("o", "CCC"): "member",
                                                         ("p", "AAA"): "member", ("p", "CCC"): "member"}


def test_a_membership_from_a_year_is_uncertain_during_that_year():
    idx = index()
    members = {m.state: m for m in current(idx.of_org_on("p", D(2001, 12, 31)), D(2001, 12, 31))}
    assert members["AAA"].certain is False and members["AAA"].on == D(2001, 12, 31)
    later = {m.state: m for m in current(idx.of_org_on("p", D(2002, 1, 1)), D(2002, 1, 1))}
    assert later["AAA"].certain is True and str(later["AAA"].since) == "2001"
    assert (later["AAA"].until, later["AAA"].sources, later["AAA"].event.line, later["AAA"].ccode) == (
        None, ("src",), 6, None)
    left = as_membership(idx.of_org_on("o", D(2006, 1, 1))[0], D(2006, 1, 1), 365)
    assert (left.state, str(left.until), left.ccode, left.on) == ("AAA", "2007", 365, D(2006, 1, 1))


def test_diff_counts_an_event_on_the_second_day_and_not_on_the_first():
    idx = index()
    changes = diff(idx, HISTORY, ["o"], D(2005, 6, 15), D(2005, 6, 16))
    assert [(c.state, c.before, c.after, [e.line for e in c.events]) for c in changes] == [("CCC", None, "member", [4])]
    changes = diff(idx, HISTORY, ["o"], D(2005, 6, 14), D(2005, 6, 15))
    assert [(c.state, c.before, c.after, [e.line for e in c.events]) for c in changes] == [
        ("BBB", "observer", "member", [3])]
    # the days in either order; the organizations in the order asked, then the states
    changes = diff(idx, HISTORY, ["p", "o"], D(2007, 1, 1), D(2000, 6, 1))
    assert [(c.org, c.state, c.before, c.after, [e.line for e in c.events]) for c in changes] == [
        ("p", "AAA", "member", None, [6]), ("p", "CCC", "member", None, [7]),
        ("o", "AAA", None, "member", [5]), ("o", "BBB", "member", "observer", [3]),
        ("o", "CCC", "member", None, [4])]
    assert diff(idx, HISTORY, ["o"], D(2005, 6, 15), D(2005, 6, 15)) == []
    # BBB's event of the first day (line 2, already in force) is not between the days
    changes = diff(idx, HISTORY, ["o"], D(2000, 1, 1), D(2005, 6, 15))
    assert [(c.state, c.before, c.after, [e.line for e in c.events]) for c in changes] == [
        ("BBB", "observer", "member", [3])]


def test_diff_of_a_change_without_an_event():
    events = [ev("AAA", "1992", "member", 1, org="q")]
    idx = SpellIndex(build_spells(events, {"q": org("q", dissolved="1999-05")}, {"AAA": state("AAA")}))
    changes = diff(idx, events, ["q"], D(1999, 1, 1), D(1999, 6, 1))
    assert [(c.org, c.state, c.before, c.after, c.events) for c in changes] == [("q", "AAA", "member", None, ())]


def test_sets_on_each_organizations_own_day():
    idx = index()
    days = {"o": D(2005, 6, 15), "p": D(2000, 12, 31)}
    assert sets_on(idx, ["o", "p"], days) == {"o": frozenset({"AAA", "BBB"}), "p": frozenset()}
    assert sets_on(idx, ["o"], {"o": D(2005, 6, 14)}) == {"o": frozenset({"AAA"})}
    assert sets_on(idx, ["o"], {"o": D(2005, 6, 14)}, frozenset({"observer"})) == {"o": frozenset({"BBB"})}


def test_zones_come_largest_first_then_in_the_order_asked():
    sets = {"B": frozenset({"y", "z", "v"}), "A": frozenset({"x", "y", "z", "u"}), "C": frozenset({"z", "w"})}
    assert zones(sets) == [Zone(("B", "A", "C"), ("z",)), Zone(("B", "A"), ("y",)), Zone(("B",), ("v",)),
                           Zone(("A",), ("u", "x")), Zone(("C",), ("w",))]
    assert zones({"A": frozenset()}) == []


def test_an_organization_continued_inside_another_has_its_members_from_that_day():
    from dataclasses import replace

    from blocmap.core.model import Succession

    cu = replace(org("cu"), continues_in=Succession("eaeu", parse_partial("2015-01-01"), "treaty"))
    events = [ev("AAA", "2010", "member", 1, "cu"), ev("BBB", "2010", "member", 2, "cu"),
              ev("CCC", "2012", "observer", 3, "cu"), ev("DDD", "2010", "member", 4, "cu"),
              ev("DDD", "2015-01-01", "withdrawn", 5, "cu"), ev("GGG", "2015-01-01", "member", 6, "cu"),
              ev("AAA", "2015-01-01", "member", 10, "eaeu"), ev("AAA", "2018", "suspended", 18, "eaeu"),
              ev("BBB", "2015-01-01", "suspended", 11, "eaeu"), ev("CCC", "2015-01-01", "observer", 13, "eaeu"),
              ev("EEE", "2015-08-12", "member", 12, "eaeu"), ev("EEE", "2020-01-01", "withdrawn", 17, "eaeu"),
              ev("FFF", "2014-05-01", "member", 14, "eaeu"), ev("FFF", "2014-12-01", "withdrawn", 15, "eaeu"),
              ev("HHH", "2014-06-01", "member", 16, "eaeu"), ev("JJJ", "2014-01-01", "member", 19, "eaeu"),
              ev("JJJ", "2015-01-01", "withdrawn", 20, "eaeu"), ev("KKK", "2015-01", "member", 21, "eaeu")]
    states = {s: state(s) for s in ("AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH", "JJJ", "KKK")}
    # the organization that continues comes after one that does not
    spells = [s for s in build_spells(events, {"eaeu": org("eaeu"), "cu": cu}, states) if s.org == "cu"]
    got = [(s.state, s.status, str(s.start), str(s.end) if s.end else None, s.end_reason, s.start_event.kind,
            s.start_event.sources, s.start_event.line, s.end_event.line if s.end_event else None) for s in spells]
    assert got == [
        # its own history up to the day: cut there, or ending that day by itself (DDD); a spell
        # beginning on the day (GGG, DDD's withdrawal) is dropped
        ("BBB", "member", "2010", "2015-01-01", "continued in eaeu", "event", ("src",), 2, None),
        ("CCC", "observer", "2012", "2015-01-01", "continued in eaeu", "event", ("src",), 3, None),
        ("DDD", "member", "2010", "2015-01-01", "event", "event", ("src",), 4, 5),
        # the same status on both sides: one membership since 2010, on both grounds, to its end
        ("AAA", "member", "2010", "2018", "event", "event", ("src", "treaty"), 1, 18),
        # the EAEU's members from the day, or from their own later start (in its own precision,
        # KKK), to their own end; no observer, nor a member gone by the day (FFF, JJJ)
        ("AAA", "suspended", "2018", None, None, "continued", ("treaty", "src"), 18, None),
        ("BBB", "suspended", "2015-01-01", None, None, "continued", ("treaty", "src"), 11, None),
        ("EEE", "member", "2015-08-12", "2020-01-01", "event", "continued", ("treaty", "src"), 12, 17),
        ("HHH", "member", "2015-01-01", None, None, "continued", ("treaty", "src"), 16, None),
        ("KKK", "member", "2015-01", None, None, "continued", ("treaty", "src"), 21, None),
    ]
    continued = spells[5].start_event
    assert (continued.org, continued.state, str(continued.date), continued.status, continued.file) == (
        "cu", "BBB", "2015-01-01", "suspended", "o.yaml")
    assert continued.note == "member of eaeu, in which cu continues from 2015-01-01"
