"""Where the web atlas meets features built elsewhere (figures, paper): one function each.

Each hook imports its feature lazily and, where the feature is not installed in this
checkout, returns ``None`` (pages then show what exists) — except ``asymmetry``, whose API
endpoint must say clearly that the feature is missing (``FeatureMissing`` → HTTP 503).
When merging, wire the feature to the name each hook imports; nothing else in ``web/``
needs to change.

=================  ====================================================  ==================
hook               calls (when importable)                               shown on
=================  ====================================================  ==================
``euler_svg``      ``blocmap.figures.euler_svg(atlas, orgs, on, lang)``  home page (/euler.svg)
                   (until it exists: the figures modules' pipeline)
``asymmetry``      ``blocmap.econ.asymmetry`` / ``asymmetry_over_time``  /api/asymmetry
``asymmetry_series`` ``blocmap.econ.asymmetry_over_time``, all GDP years organization page
``organs``         ``blocmap.organs.organs`` + ``organ_record``          organization page
``depth``          ``blocmap.depth.compare``                             compare page
=================  ====================================================  ==================
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import logging
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import BlocmapError
from ..i18n import t  # noqa: F401 - re-exported for views

if TYPE_CHECKING:
    from ..atlas import Atlas

log = logging.getLogger("blocmap.web")

#: Years the organization page asks the asymmetry feature about.
ASYMMETRY_YEARS = range(1991, dt.date.today().year + 1)


class FeatureMissing(BlocmapError):
    """A feature of another part of blocmap is not installed in this checkout."""

    def __init__(self, feature: str, module: str):
        self.feature, self.module = feature, module
        super().__init__(f"{feature} is not available: module '{module}' is not installed in this "
                         "blocmap checkout")


def _function(module: str, name: str) -> Callable[..., Any] | None:
    """``module.name`` if the module exists; ``None`` only when that very module is absent."""
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module.startswith(exc.name):
            return None
        raise
    return getattr(found, name, None)


def jsonable(value: Any) -> Any:
    """Dataclasses, mappings, sequences, dates and numpy scalars → JSON types."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return jsonable(value.to_dict())
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        return value.item()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# ---------------------------------------------------------------------------- figures
def _euler_function() -> Callable[..., Any] | None:
    """``blocmap.figures.api.euler_svg``: the same pipeline as ``blocmap figure euler``."""
    return _function("blocmap.figures.api", "euler_svg")


def euler_available() -> bool:
    return _euler_function() is not None


@lru_cache(maxsize=256)
def _euler_cached(atlas: Atlas, orgs: tuple[str, ...], on: dt.date, lang: str) -> str | None:
    function = _euler_function()
    if function is None:
        return None
    svg = function(atlas, list(orgs), on, lang)
    return svg.decode("utf-8") if isinstance(svg, bytes) else svg


def euler_svg(atlas: Atlas, orgs: Iterable[str], on: dt.date, lang: str) -> str | None:
    """The Euler diagram of ``orgs`` on ``on`` as SVG text, or None without the figures feature.

    Layouts are costly (a solver runs), so drawings are cached (the atlas is immutable).
    """
    if not euler_available():
        return None
    orgs = tuple(orgs)
    try:
        return _euler_cached(atlas, orgs, on, lang)
    except BlocmapError as exc:  # e.g. no member on that day: the page keeps the zones table
        log.info("no Euler diagram for %s on %s: %s", ",".join(orgs), on, exc)
        return None
    except Exception:  # a bug in another feature must not break the page: log it, show the table
        log.exception("Euler diagram failed for %s on %s", ",".join(orgs), on)
        return None


# ---------------------------------------------------------------------------- paper
def asymmetry(atlas: Atlas, org: str, year: int, on: str | None = None, indicator: str = "gdp",
              lang: str = "en") -> Any:
    """What ``blocmap asymmetry ORG --year YEAR [--on DAY] --format json`` prints."""
    if _function("blocmap.econ", "asymmetry") is None:
        raise FeatureMissing("economic asymmetry", "blocmap.econ")
    from .. import econ

    return jsonable(econ.asymmetry(atlas, org, year, on=on, series=econ.load_series(indicator), lang=lang))


def asymmetry_years(atlas: Atlas, org: str, first: int, last: int, indicator: str = "gdp",
                    lang: str = "en") -> Any:
    """What ``blocmap asymmetry ORG --from FIRST --to LAST --format json`` prints."""
    if _function("blocmap.econ", "asymmetry_over_time") is None:
        raise FeatureMissing("economic asymmetry", "blocmap.econ")
    from .. import econ

    return jsonable(econ.asymmetry_over_time(atlas, org, first, last, series=econ.load_series(indicator),
                                             lang=lang))


#: Columns of the organization page's asymmetry table (those of the CLI's series table).
SERIES_COLUMNS = ("year", "leader", "runner_up", "leader_share", "leader_to_runner_up", "rest_to_leader", "hhi",
                  "counted", "missing")


@lru_cache(maxsize=64)
def _series(atlas: Atlas, org: str, lang: str) -> tuple[dict[str, Any], ...]:
    from .. import econ

    years = econ.load_series("gdp").years()
    if not years:
        return ()
    first = max(years.start, 1991)
    rows = econ.asymmetry_over_time(atlas, org, first, years.stop - 1, lang=lang)
    return tuple({k: r.get(k) for k in SERIES_COLUMNS}
                 | {"leader_name": atlas.state_name(r["leader"], lang) if r.get("leader") else None,
                    "runner_up_name": atlas.state_name(r["runner_up"], lang) if r.get("runner_up") else None,
                    "vintage": r.get("vintage")} for r in rows)


def asymmetry_series(atlas: Atlas, org: str, lang: str = "en") -> list[dict[str, Any]] | None:
    """Leader's share, ratios and HHI for every year with GDP data (organization page);
    None without the economics feature."""
    if _function("blocmap.econ", "asymmetry_over_time") is None:
        return None
    return _guarded("asymmetry", lambda: jsonable(list(_series(atlas, org, lang))))


def _guarded(feature: str, call: Callable[[], Any]) -> Any:
    """A page section from another feature: a bug there is logged and the section left out,
    so the rest of the page still shows (the API endpoints let errors through)."""
    try:
        return call()
    except Exception:
        log.exception("the %s feature failed; its section is left out", feature)
        return None


def organs(atlas: Atlas, org: str, lang: str) -> list[dict[str, Any]] | None:
    """The organs of an organization (= ``blocmap organs ORG --format json``); [] where none are
    recorded; None where the feature is not installed."""
    if _function("blocmap.organs", "organ_record") is None:
        return None

    def call() -> list[dict[str, Any]]:
        from .. import organs as feature

        try:
            found = feature.organs(org)
        except BlocmapError:
            return []  # no organs recorded for this organization
        return jsonable([feature.organ_record(o, lang) for o in found])

    return _guarded("organs", call)


def depth(atlas: Atlas, orgs: list[str], lang: str) -> dict[str, Any] | None:
    """Depth of integration side by side (= ``blocmap compare ORGS --format json``) for the
    organizations that have depth data; None where the feature is not installed."""
    if _function("blocmap.depth", "compare") is None:
        return None

    def call() -> dict[str, Any]:
        from .. import depth as feature

        recorded = {d.org for d in feature.depth()}
        covered = [o for o in orgs if o in recorded]
        rows = feature.compare(covered, lang) if covered else []
        return {"orgs": covered, "missing": [o for o in orgs if o not in recorded], "rows": jsonable(rows)}

    return _guarded("depth", call)
