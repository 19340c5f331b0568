"""The error types a user can see.

Every error that reaches the command line or the web API is a ``BlocmapError``;
anything else is a bug.  Each layer has one error type:

* ``DataError``   - a data file is malformed or inconsistent (names file and line);
* ``QueryError``  - a question names something unknown or impossible (names the parameter).

Their sentences are rows of the translation table (``messages.py``): an error is built from a
key and values (``QueryError.of``, ``Problem.of``), its message is the row's English, and a
front end says the same in the reader's language (``i18n.error_text``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Iterable

from blocmap.core.messages import Hints, Text

#: Longest message of one problem; longer ones (a huge value quoted back) are cut.
MAX_MESSAGE = 300


class BlocmapError(Exception):
    """Base class of all errors meant for a user, with a one-line message.

    Built from a ``Text`` of the translation table (``BlocmapError.of(key, **values)``) it can
    be said in the reader's language; a plain message (the figures' layout engine's) is English."""

    def __init__(self, text: Text | str):
        self.text = text if isinstance(text, Text) else None
        super().__init__(text.render("en") if isinstance(text, Text) else text)

    @classmethod
    def of(cls, key: str, /, **values: Any) -> "BlocmapError":
        return cls(Text(key, values))

    def render(self, lang: str = "en") -> str:
        return self.text.render(lang) if self.text is not None else str(self)


def cut(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One problem found in a data folder: where (file and line) and what (a ``Text``)."""

    file: str
    line: int | None
    text: Text

    def __post_init__(self) -> None:
        if not isinstance(self.text, Text):
            raise TypeError("a Problem is built from a Text of the translation table (key and values)")

    @classmethod
    def of(cls, file: str, line: int | None, key: str, /, **values: Any) -> "Problem":
        return cls(file, line, Text(key, values))

    @property
    def message(self) -> str:
        """The English message, at most ``MAX_MESSAGE`` characters."""
        return self.says("en")

    def says(self, lang: str = "en") -> str:
        return cut(self.text.render(lang))

    def render(self, lang: str = "en") -> str:
        """``file:line: message`` in ``lang``; a problem without a file (the count of those not
        listed) is its message alone."""
        if not self.file:
            return self.says(lang)
        where = f"{self.file}:{self.line}" if self.line else self.file
        return Text("data.where", {"where": where, "text": self.says(lang)}).render(lang)

    def __str__(self) -> str:
        return self.render("en")


class DataError(BlocmapError):
    """A data folder could not be loaded; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(self.render("en"))

    def render(self, lang: str = "en") -> str:
        """The first problem in ``lang``, and how many more there are."""
        first = self.problems[0].render(lang) if self.problems else ""
        if len(self.problems) > 1:
            return Text("data.and_more", {"first": first, "n": len(self.problems) - 1}).render(lang)
        return first


class QueryError(BlocmapError):
    """A question that cannot be answered as asked; names the parameter.

    Built with ``QueryError.of(key, parameter, **values)``: the row's placeholders are filled
    from ``values`` and ``parameter``, in English for the message and in the reader's language
    by ``i18n.error_text``."""

    def __init__(self, text: Text, parameter: str | None = None):
        if not isinstance(text, Text):
            raise TypeError("a QueryError is built from a Text of the translation table: QueryError.of(key, …)")
        self.parameter = parameter
        super().__init__(text)

    @classmethod
    def of(cls, key: str, parameter: str | None = None, /, **values: Any) -> "QueryError":  # type: ignore[override]
        return cls(Text(key, {"parameter": parameter, **values} if parameter is not None else values), parameter)

    @property
    def key(self) -> str:
        return self.text.key

    @property
    def values(self) -> dict:
        return dict(self.text.values)


class DateError(ValueError):
    """A text that is not a date, with the reason as a ``Text``."""

    def __init__(self, text: Text):
        self.text = text
        super().__init__(text.render("en"))

    @classmethod
    def of(cls, key: str, /, **values: Any) -> "DateError":
        return cls(Text(key, values))


def suggest(given: str, valid: Iterable[str], limit: int = 3, cutoff: float = 0.5) -> list[str]:
    """The closest valid spellings of ``given`` (for 'did you mean …')."""
    choices = sorted(set(valid))
    lowered = {c.lower(): c for c in choices}
    hits = difflib.get_close_matches(given.lower(), list(lowered), n=limit, cutoff=cutoff)
    return [lowered[h] for h in hits]


def unknown(kind: str, given: str, valid: Iterable[str], parameter: str | None = None,
            exact: bool = False) -> QueryError:
    """``unknown organization 'csot' (did you mean 'csto'?)``; a long ``given`` is cut (an error
    never echoes a whole 10 MB argument)."""
    given = str(given)
    if exact:  # ``valid`` are the suggestions themselves
        hints = Hints(list(valid)[:3])
    else:
        hints = Hints(suggest(given, valid)) if len(given) <= 100 else Hints([])
    return QueryError(Text(f"err.unknown.{kind}", {"given": cut(given, 60), "hint": hints}), parameter)
