"""The error types a user can see.

Every error that reaches the command line or the web API is a ``BlocmapError``;
anything else is a bug.  Each layer has one error type:

* ``DataError``   - a data file is malformed or inconsistent (names file and line);
* ``QueryError``  - a question names something unknown or impossible (names the parameter).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


class BlocmapError(Exception):
    """Base class of all errors meant for a user, with a one-line message."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a data folder."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class DataError(BlocmapError):
    """A data folder could not be loaded; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "unknown problem"
        more = f" (and {len(self.problems) - 1} more problems)" if len(self.problems) > 1 else ""
        super().__init__(f"{first}{more}")


class QueryError(BlocmapError):
    """A question that cannot be answered as asked; names the parameter.

    ``key`` and ``values``, where given, let a front end say the same in the reader's language
    (``i18n.error_text``); the message itself is English."""

    def __init__(self, message: str, parameter: str | None = None, key: str | None = None,
                 values: dict | None = None):
        self.parameter = parameter
        self.key = key
        self.values = values or {}
        super().__init__(message)


class DateError(ValueError):
    """A text that is not a date, with the reason as a translatable key."""

    def __init__(self, message: str, key: str, values: dict):
        self.key = key
        self.values = values
        super().__init__(message)


def suggest(given: str, valid: Iterable[str], limit: int = 3) -> list[str]:
    """The closest valid spellings of ``given`` (for 'did you mean …')."""
    choices = sorted(set(valid))
    lowered = {c.lower(): c for c in choices}
    hits = difflib.get_close_matches(given.lower(), list(lowered), n=limit, cutoff=0.5)
    return [lowered[h] for h in hits]


def unknown(kind: str, given: str, valid: Iterable[str], parameter: str | None = None) -> QueryError:
    """``unknown organization 'csot' (did you mean 'csto'?)``."""
    hints = suggest(given, valid)
    hint = " (did you mean " + " or ".join(f"'{h}'" for h in hints) + "?)" if hints else ""
    return QueryError(f"unknown {kind} '{given}'{hint}", parameter=parameter,
                      key=f"err.unknown.{kind}", values={"given": given, "hints": hints})
