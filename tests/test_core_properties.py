"""Property-based tests of the spell logic: as-of answers agree with a brute-force replay of events,
and a random valid event history round-trips through a data file."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import blocmap
from blocmap.core.dates import PartialDate
from blocmap.core.model import TERMINAL, Event, Organization, State, Period
from blocmap.core.timeline import SpellIndex, build_spells

STATUS_KINDS = ["joined", "associate", "observer", "participant", "suspended", "frozen", "ceased_participation",
                "withdrew"]
STATUS_OF = {"joined": "member", "associate": "associate", "observer": "observer", "participant": "participant",
             "suspended": "suspended", "frozen": "frozen", "ceased_participation": "ceased", "withdrew": "withdrawn"}

partial_dates = st.builds(
    lambda y, m, d, p: PartialDate(y, m if p != "year" else None, d if p == "day" else None),
    st.integers(1992, 2030), st.integers(1, 12), st.integers(1, 28), st.sampled_from(["day", "month", "year"]))


@st.composite
def histories(draw):
    """Events of one org for a few states, at distinct dates per state."""
    events = []
    line = 1
    for state in draw(st.lists(st.sampled_from(["AAA", "BBB", "CCC"]), min_size=1, max_size=3, unique=True)):
        dates = draw(st.lists(partial_dates, min_size=1, max_size=6, unique_by=lambda d: d.earliest))
        for date in sorted(dates, key=lambda d: d.earliest):
            kind = draw(st.sampled_from(STATUS_KINDS))
            events.append(Event("org", state, date, kind, STATUS_OF[kind], ("src",), None, None, "f", line))
            line += 1
    return events


def replay(events: list[Event], state: str, day: dt.date) -> str | None:
    """Brute force: the status of the last event (first-day rule) on or before ``day``."""
    current = None
    for event in sorted((e for e in events if e.state == state), key=lambda e: (e.date.earliest, e.line)):
        if event.date.earliest <= day:
            current = event.status
    return None if current in TERMINAL else current


ORG = Organization("org", {"en": "Org"}, {}, "economic", None, None, None, None, (), (), (), (), {})


@settings(max_examples=300, deadline=None)
@given(histories(), st.dates(dt.date(1991, 1, 1), dt.date(2032, 12, 31)))
def test_as_of_agrees_with_replay(events, day):
    states = {s: State(s, None, (), (Period(None, None),)) for s in {e.state for e in events}}
    index = SpellIndex(build_spells(events, {"org": ORG}, states))
    got = {s.state: s.status for s in index.of_org_on("org", day) if s.status not in TERMINAL}
    for state in states:
        assert got.get(state) == replay(events, state, day)


@settings(max_examples=200, deadline=None)
@given(histories())
def test_spells_do_not_overlap_and_cover_changes(events):
    states = {s: State(s, None, (), (Period(None, None),)) for s in {e.state for e in events}}
    spells = build_spells(events, {"org": ORG}, states)
    for state in states:
        mine = [s for s in spells if s.state == state]
        for before, after in zip(mine, mine[1:]):
            assert before.end is not None and before.end.earliest == after.start.earliest
            assert before.status != after.status
        assert mine[-1].end is None


def _yaml_event(e: Event) -> str:
    return (f'  - date: "{e.date}"\n    state: {e.state}\n    event: {e.kind}\n    source: eec-treaty-reference\n')


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories())
def test_random_history_round_trips_through_a_data_file(tmp_path_factory, events):
    """Write a random valid history for real states into a copy of the data folder; load it back."""
    folder = tmp_path_factory.mktemp("data")
    shutil.copytree(Path(blocmap.__file__).parent / "data", folder, dirs_exist_ok=True)
    real = {"AAA": "ARM", "BBB": "KGZ", "CCC": "TJK"}  # states with no events of their own in the CES
    events = [Event("ces", real[e.state], e.date, e.kind, e.status, e.sources, None, None, "f", e.line)
              for e in events if e.date.earliest >= dt.date(2012, 1, 1)
              and e.date.latest <= dt.date.today()]  # a question is about a day that has happened
    # a valid history starts with a relation (withdrawal needs membership before it)
    by_state: dict[str, list[Event]] = {}
    for e in events:
        by_state.setdefault(e.state, []).append(e)
    kept = []
    for state, mine in by_state.items():
        mine.sort(key=lambda e: e.date.earliest)
        active = False
        for e in mine:
            if e.status in {"withdrawn", "ceased", "suspended", "frozen"} and not active:
                continue
            active = e.status not in TERMINAL
            kept.append(e)
    path = folder / "orgs" / "ces.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nevents:\n", "\nevents:\n" + "".join(_yaml_event(e) for e in kept), 1)
    # the CES continues in the EAEU from 2015: without that, its own events decide every day
    text = re.sub(r"\ncontinues_in:\n(?:  .*\n)+", "\n", text, count=1)
    path.write_text(text, encoding="utf-8")
    atlas = blocmap.load(folder)
    loaded = {(e.state, str(e.date), e.kind) for e in atlas.history(org="ces") if e.state in real.values()
              and e.sources == ("eec-treaty-reference",)}
    assert loaded == {(e.state, str(e.date), e.kind) for e in kept}
    for e in kept:
        for day in (e.date.earliest, e.date.latest):
            got = {m.state: m.status for m in atlas.members("ces", on=day)}.get(e.state)
            assert got == replay(kept, e.state, day)
