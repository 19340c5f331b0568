"""As-of questions on world data answered from an in-memory interval index.

For each organization (or state) the spells are cut at every day where an answer can change:
a spell's start, its end, and the ends of their partial-date periods (where ``certain``
flips).  Each piece keeps the finished answer as a tuple of records, so a question is one
binary search and a tuple copy — no database query, no filtering per call.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from blocmap.core.dates import PartialDate
from blocmap.core.world.spells import UNKNOWN, SpellRow

_TERMINAL = frozenset({"withdrawn"})


@dataclass(frozen=True, slots=True)
class WorldMembership:
    """One answer: a state's status in an organization on a day, and which data gave it."""

    org: str
    state: str | None  # ISO alpha-3 where the curated atlas knows the state
    ccode: int
    state_name: str
    status: str
    since: PartialDate
    until: PartialDate | None  # first day no longer; None: open (or past COW's coverage)
    certain: bool
    sources: tuple[str, ...]
    data: str  # "curated" or "cow"

    def as_row(self) -> dict[str, Any]:
        return {"org": self.org, "state": self.state or "", "ccode": self.ccode,
                "name": self.state_name, "status": self.status, "since": str(self.since),
                "until": str(self.until) if self.until else "", "certain": self.certain,
                "data": self.data, "sources": list(self.sources)}


def _next_day(day: dt.date) -> int:
    return day.toordinal() + 1


class IntervalIndex:
    """The answers of one key (an organization or a state) for every stretch of days."""

    __slots__ = ("bounds", "answers")

    def __init__(self, spells: Sequence[SpellRow], names: Any,
                 include: frozenset[str] | None = None) -> None:
        """``names(spell)`` gives the state's name shown in the answers."""
        kept = [s for s in spells if s.status not in _TERMINAL and (include is None or s.status in include)]
        cuts: set[int] = set()
        spans = []
        for s in kept:
            start = s.start.earliest.toordinal()
            end = s.end.earliest.toordinal() if s.end is not None else None
            unsure = [(start, _next_day(s.start.latest))] if s.start.precision != "day" else []
            if s.end is not None and s.end.precision != "day":
                unsure.append((end, _next_day(s.end.latest)))
            cuts.add(start)
            if end is not None:
                cuts.add(end)
            for a, b in unsure:
                cuts.update((a, b))
            spans.append((start, end, unsure, s))
        self.bounds: list[int] = sorted(cuts)
        answers: list[tuple[WorldMembership, ...]] = []
        cache: dict[tuple[int, bool], WorldMembership] = {}
        for day in self.bounds:
            here = []
            for start, end, unsure, s in spans:
                if start <= day and (end is None or day < end):
                    certain = not any(a <= day < b for a, b in unsure)
                    key = (id(s), certain)
                    record = cache.get(key)
                    if record is None:
                        record = cache[key] = WorldMembership(
                            s.org, s.state, s.ccode, names(s), s.status, s.since, s.until,
                            certain, s.sources, s.data)
                    here.append(record)
            here.sort(key=lambda r: (r.org, r.ccode))
            answers.append(tuple(here))
        self.answers = answers

    def at(self, ordinal: int) -> tuple[WorldMembership, ...]:
        i = bisect.bisect_right(self.bounds, ordinal) - 1
        return self.answers[i] if i >= 0 else ()


def spell_rows(records: Iterable[tuple], iso3_of: Any = None,
               open_year: int | None = None) -> list[SpellRow]:
    """SpellRows from store rows ``(org, ccode, status, start_year, end_year, source)``.

    A spell that runs to the end of COW's coverage (``end_year == open_year``) is shown open:
    COW does not say it ended, only that its data stop.
    """
    rows = []
    for org, ccode, status, start_year, end_year, source in records:
        end = None if end_year is None or end_year == open_year else PartialDate(int(end_year))
        rows.append(SpellRow(org, iso3_of(ccode) if iso3_of else None, int(ccode), status,
                             PartialDate(int(start_year)), end, (source,), "cow"))
    return rows


KNOWN_STATUSES = frozenset({"member", "associate", "observer", "participant", "candidate",
                            "suspended", "frozen", "ceased"})
WITH_UNKNOWN = KNOWN_STATUSES | {UNKNOWN}
