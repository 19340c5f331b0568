"""The COW state system shipped with blocmap (``data/cow/statelist2024.csv``).

Panels made without a COW import cover every state in the system each year, not only the
states of blocmap's list: this module reads COW's State System Membership List v2024
(Correlates of War Project 2024; see ``data/cow/README.md``) into tenures.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

STATE_LIST = Path(__file__).parents[2] / "data" / "cow" / "statelist2024.csv"
#: How the shipped list is cited (a bibliographic entry stays as published).
CITATION = 'Correlates of War Project. 2024. "State System Membership List, v2024."'
VERSION = "2024"


class Tenure(NamedTuple):
    ccode: int
    abb: str
    name: str
    start: dt.date
    end: dt.date | None  # None: ongoing (the list's last day)


@lru_cache(maxsize=1)
def cow_tenures(path: Path = STATE_LIST) -> tuple[Tenure, ...]:
    """The list's tenures; one that runs to the list's last day is ongoing (``end`` None)."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    day = lambda r, p: dt.date(int(r[p + "year"]), int(r[p + "month"]), int(r[p + "day"]))  # noqa: E731
    final = max(day(r, "end") for r in rows)
    return tuple(Tenure(int(r["ccode"]), r["stateabb"], r["statenme"], day(r, "st"),
                        None if day(r, "end") == final else day(r, "end")) for r in rows)


def merge_tenures(rows: list[tuple[int, dt.date, dt.date]]) -> list[tuple[int, dt.date, dt.date]]:
    """(ccode, first, last day) stretches, those of one code that overlap or touch made one."""
    out: list[tuple[int, dt.date, dt.date]] = []
    for code, a, b in sorted(rows):
        if out and out[-1][0] == code and a.toordinal() <= out[-1][2].toordinal() + 1:
            out[-1] = (code, out[-1][1], max(out[-1][2], b))
        else:
            out.append((code, a, b))
    return out
