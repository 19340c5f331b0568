"""The generic spell table every world feature works from, and the status ↔ COW code mapping.

A spell row is (org, state, ccode, status, start, end, source, data): ``state`` is the ISO
alpha-3 key where the curated atlas knows the state (else ``None``), ``ccode`` the COW state
code, ``start``/``end`` ``PartialDate``s with ``end`` the first day no longer in the status,
``data`` either ``"curated"`` (blocmap's sourced events) or ``"cow"`` (imported COW coding).
Panels and queries never look at where a row came from except through ``data``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from blocmap.core.dates import PartialDate

#: COW's first year: where panels begin by default, with or without a store.
FIRST_YEAR = 1816

#: Statuses of imported COW data beyond the atlas's own: -9 "missing" in COW's words.
UNKNOWN = "unknown"

#: How each status is written in COW coding (0 none, 1 full, 2 associate, 3 observer).
#: Why: suspended and frozen members keep their legal membership (COW codes Uzbekistan full
#: in EurAsEC after its 2008 suspension), so they stay 1; a participant never ratified or
#: joined (Ukraine in the CIS), a candidate has not joined, and ceased/withdrawn states have
#: left, so all four are 0 — COW's own "associate" for Ukraine shows up in the audit.
COW_CODE: Mapping[str, int] = {
    "member": 1, "suspended": 1, "frozen": 1,
    "associate": 2,
    "observer": 3,
    "participant": 0, "candidate": 0, "ceased": 0, "withdrawn": 0,
    UNKNOWN: -9,
}
NONE, FULL, ASSOCIATE, OBSERVER, NOT_IN_EXISTENCE, MISSING = 0, 1, 2, 3, -1, -9

#: Which status wins when a rule must pick one of several in a year (``any-day``): the
#: strongest tie first.
STATUS_RANK: Mapping[str, int] = {
    "member": 9, "suspended": 8, "frozen": 7, "associate": 6, "observer": 5,
    "participant": 4, "candidate": 3, "ceased": 2, UNKNOWN: 1, "withdrawn": 0,
}
RULES = ("year-end", "any-day", "majority")
CODINGS = ("cow", "status")

#: Where a state-year rule is explained (docs/world.md repeats it).
RULE_TEXT: Mapping[str, str] = {
    "year-end": "the status on the last day of the year on which both the state and the "
                "organization existed (31 December unless one of them ended that year)",
    "any-day": "the strongest status held on any day of the year "
               "(member > suspended > frozen > associate > observer > participant > candidate > ceased)",
    "majority": "the status held on the most days of the year, counting 'none' as a status; "
                "ties go to the later status, and a status wins a tie with 'none'",
}


@dataclass(frozen=True, slots=True)
class SpellRow:
    org: str
    state: str | None
    ccode: int
    status: str
    start: PartialDate
    end: PartialDate | None
    sources: tuple[str, ...]
    data: str  # "curated" | "cow"
    #: The whole spell's (start, end) where a COW code change cut it into pieces (West Germany
    #: 260 → Germany 255 on 1990-10-03): answers report these, as the atlas does; None: not cut.
    whole: tuple[PartialDate, PartialDate | None] | None = None

    @property
    def since(self) -> PartialDate:
        return self.whole[0] if self.whole else self.start

    @property
    def until(self) -> PartialDate | None:
        return self.whole[1] if self.whole else self.end

    @property
    def precision(self) -> str:
        return self.start.precision


def cow_code(status: str | None) -> int:
    """The COW code of a status; ``None`` (no spell) is 0."""
    return NONE if status is None else COW_CODE[status]
