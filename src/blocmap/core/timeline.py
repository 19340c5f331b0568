"""Events → status spells, and the questions asked of them (as-of, diff, overlap).

Rule for each (organization, state): its status events, in date order (first day of a
partial date; ties in file order), each start a spell of the status they lead to; a
status equal to the current one continues the spell.  A spell ends at the next change,
when the organization is dissolved, or on the day after the state last existed.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

from blocmap.core.dates import PartialDate
from blocmap.core.model import INSIDE, TERMINAL, Event, Membership, Organization, Spell, State


def build_spells(events: Iterable[Event], orgs: Mapping[str, Organization],
                 states: Mapping[str, State]) -> list[Spell]:
    """Derive every spell from the status events."""
    histories: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        if event.state is not None and event.status is not None:
            histories[(event.org, event.state)].append(event)
    spells: list[Spell] = []
    for (org_id, iso3), history in sorted(histories.items()):
        history.sort(key=lambda e: (e.date.earliest, e.line))
        current: Spell | None = None
        for event in history:
            if current is not None and current.status == event.status:
                continue
            if current is not None:
                spells.append(_close(current, event.date, event, "event"))
            current = Spell(org_id, iso3, event.status, event.date, None, event)  # type: ignore[arg-type]
        if current is not None:
            spells.extend(_final(current, orgs.get(org_id), states.get(iso3)))
    return _continued(spells, orgs)


#: The statuses an organization's members have in the one it continues in (an observer of the
#: EAEU is no member of its customs union).
CARRIED = frozenset({"member", "associate", "suspended", "frozen"})


def _continued(spells: list[Spell], orgs: Mapping[str, Organization]) -> list[Spell]:
    """Where an organization continues inside another (``Organization.continues_in``), it has,
    from that day, the other's members with their status; its own spells end that day, but for a
    member with the same status on both sides, which keeps one spell since it began."""
    out = list(spells)
    for org in orgs.values():
        succession = org.continues_in
        if succession is None:
            continue
        day = succession.date.earliest
        before: list[Spell] = []
        running: dict[str, tuple[Spell, Spell]] = {}  # a state's own spell cut at the day: (as it was, as cut)
        for spell in out:
            if spell.org != org.id:
                before.append(spell)
            elif spell.start.earliest < day:  # its own history, up to the day it continues
                if spell.end is None or spell.end.earliest > day:
                    cut = _close(spell, succession.date, None, f"continued in {succession.org}")
                    running[spell.state] = (spell, cut)
                    spell = cut
                before.append(spell)
        out = before
        for spell in [s for s in out if s.org == succession.org and s.status in CARRIED]:
            if spell.end is not None and spell.end.earliest <= day:
                continue
            start = spell.start if spell.start.earliest >= day else succession.date
            own, cut = running.get(spell.state, (None, None))
            if own is not None and own.status == spell.status and start == succession.date:
                # the same status on both sides of the day: one membership, held since it began
                out.remove(cut)
                began = replace(own.start_event, sources=tuple(dict.fromkeys((*own.start_event.sources,
                                                                               succession.source))))
                out.append(Spell(org.id, spell.state, spell.status, own.start, spell.end, began,
                                 spell.end_event, spell.end_reason))
                continue
            event = Event(org.id, spell.state, start, "continued", spell.status,
                          tuple(dict.fromkeys((succession.source, *spell.start_event.sources))),
                          f"member of {succession.org}, in which {org.id} continues from {succession.date}",
                          file=spell.start_event.file, line=spell.start_event.line)
            out.append(Spell(org.id, spell.state, spell.status, start, spell.end, event, spell.end_event,
                             spell.end_reason))
    return out


def _close(spell: Spell, end: PartialDate, event: Event | None, reason: str) -> Spell:
    return Spell(spell.org, spell.state, spell.status, spell.start, end, spell.start_event, event, reason)


def _final(spell: Spell, org: Organization | None, state: State | None) -> list[Spell]:
    """End an open spell where the organization or the state ended."""
    if spell.status in TERMINAL:
        return [spell]
    ends: list[tuple[dt.date, PartialDate, str]] = []
    if org is not None and org.dissolved is not None:
        ends.append((org.dissolved.earliest, org.dissolved, "dissolved"))
    if state is not None:
        last = state.exists[-1].end if state.exists else None
        if last is not None and last.latest < dt.date.max:  # an end on the last day of the calendar is no end
            after = last.latest + dt.timedelta(days=1)
            ends.append((after, PartialDate.from_date(after), "state ceased"))
    if not ends:
        return [spell]
    _, end, reason = min(ends, key=lambda item: item[0])
    if end.earliest <= spell.start.earliest:
        return [spell]
    return [_close(spell, end, None, reason)]


@dataclass(frozen=True)
class Change:
    org: str
    state: str
    before: str | None
    after: str | None
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Zone:
    """One region of an overlap: the states in exactly these organizations (of those asked)."""

    orgs: tuple[str, ...]
    states: tuple[str, ...]


class SpellIndex:
    """Spells by organization and by state, with start days sorted for as-of look-ups."""

    def __init__(self, spells: Sequence[Spell]):
        self.by_org: dict[str, list[Spell]] = defaultdict(list)
        self.by_state: dict[str, list[Spell]] = defaultdict(list)
        for spell in spells:
            self.by_org[spell.org].append(spell)
            self.by_state[spell.state].append(spell)
        self._starts: dict[tuple[str, str], tuple[list[dt.date], list[Spell]]] = {}
        for key, group in (("org", self.by_org), ("state", self.by_state)):
            for name, items in group.items():
                items.sort(key=lambda s: (s.start.earliest, s.org, s.state))
                self._starts[(key, name)] = ([s.start.earliest for s in items], items)

    def _on(self, key: str, name: str, day: dt.date) -> list[Spell]:
        starts, items = self._starts.get((key, name), ([], []))
        upto = bisect_right(starts, day)
        return [s for s in items[:upto] if s.on(day)]

    def of_org_on(self, org: str, day: dt.date) -> list[Spell]:
        return self._on("org", org, day)

    def of_state_on(self, state: str, day: dt.date) -> list[Spell]:
        return self._on("state", state, day)


def as_membership(spell: Spell, day: dt.date, ccode: int | None = None) -> Membership:
    return Membership(spell.org, spell.state, spell.status, spell.start, spell.end,
                      spell.certain_on(day), spell.start_event.sources, spell.start_event, ccode, day)


def current(spells: Iterable[Spell], day: dt.date) -> list[Membership]:
    """Memberships in force on ``day`` (a withdrawn state is no longer listed)."""
    return [as_membership(s, day) for s in spells if s.on(day) and s.status not in TERMINAL]


def status_map(index: SpellIndex, orgs: Iterable[str], day: dt.date) -> dict[tuple[str, str], str]:
    out = {}
    for org in orgs:
        for spell in index.of_org_on(org, day):
            if spell.status not in TERMINAL:
                out[(org, spell.state)] = spell.status
    return out


def diff(index: SpellIndex, events: Sequence[Event], orgs: Sequence[str], first: dt.date,
         second: dt.date) -> list[Change]:
    """Every (organization, state) whose status differs between two days, with the events between."""
    before = status_map(index, orgs, first)
    after = status_map(index, orgs, second)
    low, high = min(first, second), max(first, second)
    between: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        if event.state is not None and event.org in orgs and low < event.date.earliest <= high:
            between[(event.org, event.state)].append(event)
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: (orgs.index(k[0]), k[1])):
        if before.get(key) != after.get(key):
            changes.append(Change(key[0], key[1], before.get(key), after.get(key), tuple(between.get(key, ()))))
    return changes


def sets_on(index: SpellIndex, orgs: Sequence[str], days: Mapping[str, dt.date],
            statuses: frozenset[str] = INSIDE) -> dict[str, frozenset[str]]:
    """For each organization, the states whose status on its day is in ``statuses``."""
    return {org: frozenset(s.state for s in index.of_org_on(org, days[org]) if s.status in statuses)
            for org in orgs}


def zones(sets: Mapping[str, frozenset[str]]) -> list[Zone]:
    """The non-empty regions of a Euler/Venn diagram of ``sets``, in a stable order."""
    order = list(sets)
    where: dict[str, list[str]] = defaultdict(list)
    for org in order:
        for state in sets[org]:
            where[state].append(org)
    regions: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for state, members in where.items():
        regions[tuple(members)].append(state)
    return [Zone(key, tuple(sorted(regions[key])))
            for key in sorted(regions, key=lambda k: (-len(k), [order.index(o) for o in k]))]
