"""blocmap: a temporal atlas of regional integration.

    >>> import blocmap
    >>> blocmap.members("csto", on="2008-06-01").state.tolist()
    ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK', 'UZB']

The question functions (``members``, ``memberships``, ``history``, ``diff``, ``overlap``,
``disputes``, ``state_years``, ``dyad_years``, ``org_years``) return pandas DataFrames whose
columns are the JSON fields of the same CLI command (``blocmap members csto --format json``):
one answer through every door.  ``db`` names a world store of imported COW data; ``data`` a
data folder other than the bundled one.  ``blocmap.load()`` gives the atlas's record objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from blocmap.core.errors import BlocmapError, DataError, QueryError
from blocmap.core.version import __version__

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    import pandas as pd

    from blocmap.core.atlas import Atlas

__all__ = ["load", "Atlas", "BlocmapError", "DataError", "QueryError", "__version__", "members", "memberships",
           "history", "diff", "overlap", "disputes", "compare", "state_years", "dyad_years", "org_years", "ask"]


#: What each argument of the question functions may be, by name.
_TEXT_OR_LIST = ("orgs", "status", "kind")
_TEXT = ("org", "state", "coding", "rule")
_DAYS = ("on", "date1", "date2")
_YEARS = ("start", "end")
_PATHS = ("db", "data")


def _checked(func):
    """The question function ``func`` with every argument checked first: a wrong one raises a
    ``QueryError`` whose one bounded line names the Python argument (``end``, not ``--to``)."""
    import functools
    import inspect

    signature = inspect.signature(func)

    @functools.wraps(func)
    def checked(*args, **kwargs):
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise QueryError.of("err.python.call", None, name=func.__name__, why=str(exc)[:160]) from None
        for name, value in bound.arguments.items():
            _check_argument(name, value)
        if "lang" in bound.arguments:
            from blocmap.core.i18n import parse_lang

            bound.arguments["lang"] = parse_lang(bound.arguments["lang"], "lang")
        return func(*bound.args, **bound.kwargs)
    return checked


def _check_argument(name: str, value: object) -> None:
    import datetime as dt
    from pathlib import Path

    def wrong(wanted: str) -> QueryError:
        return QueryError.of("err.python.type", name, wanted=wanted, given=type(value).__name__)

    if value is None:
        return
    if name in _TEXT + ("lang",) and not isinstance(value, str):
        raise wrong("str")
    if name in _TEXT_OR_LIST and not (isinstance(value, str) or (
            isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value))):
        raise wrong("str | list[str]")
    if name in _DAYS and not isinstance(value, (str, dt.date)):
        raise wrong("str | datetime.date")
    if name in _YEARS and (isinstance(value, bool) or not isinstance(value, (int, str))):
        raise wrong("int")
    if name in _PATHS and not isinstance(value, (str, Path)):
        raise wrong("str | pathlib.Path")
    if name == "world" and not isinstance(value, bool):
        raise wrong("bool")


def load(path: "str | Path | None" = None) -> "Atlas":
    """The atlas of a data folder (the bundled one by default), validated."""
    from blocmap.core.atlas import Atlas

    return Atlas.load(path)


def ask(db: "str | Path | None" = None, data: "str | Path | None" = None):
    """The answers layer over the atlas of ``data`` and the store ``db`` (see ``blocmap.answers``)."""
    from blocmap.answers import Answers

    return Answers.open(load(data), db)


def _frame(rows: list) -> "pd.DataFrame":
    import pandas as pd

    return pd.DataFrame.from_records(rows) if rows else pd.DataFrame()


@_checked
def members(org: str, on: "str | date" = "today", status: "str | None" = None, lang: str = "en",
            db: "str | Path | None" = None, data: "str | Path | None" = None) -> "pd.DataFrame":
    """States in ``org`` on a day (= ``blocmap members ORG --on DAY --format json``)."""
    return _frame(ask(db, data).members(org, on, lang, status))


@_checked
def memberships(state: str, on: "str | date" = "today", status: "str | None" = None, lang: str = "en",
                world: bool = False, db: "str | Path | None" = None,
                data: "str | Path | None" = None) -> "pd.DataFrame":
    """Organizations of ``state`` on a day (= ``blocmap memberships STATE --format json``)."""
    return _frame(ask(db, data).memberships(state, on, lang, status, world=world))


@_checked
def history(org: "str | None" = None, state: "str | None" = None, lang: str = "en",
            data: "str | Path | None" = None, kind: "str | list[str] | None" = None) -> "pd.DataFrame":
    """Dated events of an organization, a state or both (= ``blocmap history --format json``);
    ``kind`` keeps only events of those kinds."""
    return _frame(ask(None, data).history(org, state, lang, kind))


@_checked
def diff(date1: "str | date", date2: "str | date", orgs: "str | list[str] | None" = None, lang: str = "en",
         data: "str | Path | None" = None) -> "pd.DataFrame":
    """Who joined, left or changed status between two days (= ``blocmap diff --format json``)."""
    return _frame(ask(None, data).diff(date1, date2, orgs, lang))


@_checked
def overlap(orgs: "str | list[str] | None" = None, on: "str | date" = "today", lang: str = "en",
            db: "str | Path | None" = None, data: "str | Path | None" = None) -> "pd.DataFrame":
    """Every non-empty region of the overlap (= ``blocmap overlap --format json``)."""
    return _frame(ask(db, data).overlap(orgs, on, lang))


@_checked
def compare(orgs: "str | list[str] | None" = None, on: "str | date" = "today", lang: str = "en",
            data: "str | Path | None" = None) -> "pd.DataFrame":
    """Depth of integration side by side on a day, a row per dimension (= ``blocmap compare ORGS
    --on DAY --format json``; default: cis union_state eaeu csto eu)."""
    from blocmap.core.dates import parse_day
    from blocmap.features.depth import compare as side_by_side

    return _frame(side_by_side(load(data), orgs, lang, parse_day(on, "on")))


@_checked
def disputes(org: "str | None" = None, state: "str | None" = None, lang: str = "en",
             data: "str | Path | None" = None) -> "pd.DataFrame":
    """Where sources disagree, every claim (= ``blocmap disputes --format json``)."""
    return _frame(ask(None, data).disputes(org, state, lang))


@_checked
def state_years(orgs: "str | list[str] | None" = None, start: "int | None" = None, end: "int | None" = None,
                coding: str = "cow", rule: str = "year-end", db: "str | Path | None" = None,
                data: "str | Path | None" = None) -> "pd.DataFrame":
    """One row per state-year, one column per organization (= ``blocmap export state-year``)."""
    return ask(db, data).state_years(orgs, start, end, coding, rule)


@_checked
def dyad_years(orgs: "str | list[str] | None" = None, start: "int | None" = None, end: "int | None" = None,
               rule: str = "year-end", db: "str | Path | None" = None,
               data: "str | Path | None" = None) -> "pd.DataFrame":
    """Dyad-years with joint-membership counts (= ``blocmap export dyad-year``)."""
    return ask(db, data).dyad_years(orgs, start, end, rule)


@_checked
def org_years(orgs: "str | list[str] | None" = None, start: "int | None" = None, end: "int | None" = None,
              rule: str = "year-end", db: "str | Path | None" = None,
              data: "str | Path | None" = None) -> "pd.DataFrame":
    """Members per organization-year by status (= ``blocmap export org-year``)."""
    return ask(db, data).org_years(orgs, start, end, rule)


def __getattr__(name: str):
    if name == "Atlas":
        from blocmap.core.atlas import Atlas

        return Atlas
    raise AttributeError(name)
