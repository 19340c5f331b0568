"""Partial dates (EDTF level 0: ``1993``, ``2006-12``, ``2015-01-02``) and the one rule for them.

A partial date stands for every day of its period.  For "as of" questions blocmap applies
one rule, everywhere:

    **An event dated only to a month or a year takes effect on the first day of that period.**

An answer that depends on such an event, asked about a day inside the period, is marked
uncertain (``certain: false``): the event may have happened later in that month or year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from blocmap.core.errors import DateError, QueryError, cut

Precision = Literal["day", "month", "year"]

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a day, a month or a year; keeps its precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def earliest(self) -> dt.date:
        """First day of the period (the day the as-of rule uses)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """Last day of the period."""
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)  # type: ignore[arg-type]
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def covers(self, day: dt.date) -> bool:
        return self.earliest <= day <= self.latest

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def from_date(cls, day: dt.date) -> "PartialDate":
        return cls(day.year, day.month, day.day)


def parse_partial(text: object) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ValueError with a reason otherwise."""
    if isinstance(text, dt.date):
        return PartialDate.from_date(text)
    if isinstance(text, int):
        text = str(text)
    if not isinstance(text, str):
        raise DateError.of("err.date.type", text=repr(text))
    match = _PATTERN.match(text.strip())
    if not match:
        raise DateError.of("err.date.form", text=text)
    year, month, day = (int(g) if g else None for g in match.groups())
    if year == 0:  # datetime has no year 0; without this check 'on=0000-01-01' crashed
        raise DateError.of("err.date.year0", text=text)
    if month is not None and not 1 <= month <= 12:
        raise DateError.of("err.date.month", text=text, month=month)
    if day is not None:
        last = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
        if not 1 <= day <= last:
            raise DateError.of("err.date.day", text=text, day=day, month=f"{year}-{month:02d}")
    return PartialDate(year, month, day)  # type: ignore[arg-type]


def parse_day(text: object, parameter: str = "date") -> dt.date:
    """A whole day for a question (``--on``), or 'today'; QueryError naming the parameter, also
    for a day after today."""
    if isinstance(text, dt.datetime):
        day = text.date()
    elif isinstance(text, dt.date):
        day = text
    elif isinstance(text, str) and text.strip().lower() == "today":
        return dt.date.today()
    else:
        try:
            parsed = parse_partial(text)
        except DateError as exc:
            if exc.text is not None and exc.text.key in ("err.date.form", "err.date.type"):  # not a date at all
                raise QueryError.of("err.day.form", parameter, text=cut(str(text), 40)) from None
            raise QueryError.of("err.at", parameter, reason=exc.text) from None  # a date that cannot be
        if parsed.precision != "day":
            raise QueryError.of(f"err.date.needs_day.{parsed.precision}", parameter, text=text)
        day = parsed.earliest
    today = dt.date.today()
    if day > today:  # one rule in every door: the atlas records only days that have happened
        raise QueryError.of("err.future", parameter, day=day.isoformat(), today=today.isoformat())
    return day


def parse_year(text: object, parameter: str = "year") -> int:
    """A year for a question (``--year``, ``--from``); QueryError naming the parameter."""
    try:
        year = int(str(text).strip())
    except ValueError:
        raise QueryError.of("err.year", parameter, text=text) from None
    if not 1 <= year <= 9999:
        raise QueryError.of("err.year_range", parameter, text=year)
    return year
