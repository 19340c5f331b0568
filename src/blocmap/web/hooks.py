"""Where the web atlas calls the other features' library functions: one function each.

Each imports its feature lazily (the server starts fast) and turns the answer into JSON types.
A question the feature cannot answer (no Euler diagram on a day without members, no organs
recorded) is an empty answer; anything else is a bug and reaches the app's error handler,
which logs it and answers 500.

====================  ==========================================================  ======================
function              calls                                                       shown on
====================  ==========================================================  ======================
``euler_svg``         ``blocmap.features.figures.api.euler_svg``, palette colours    home page (/euler.svg)
``asymmetry``         ``blocmap.features.econ.asymmetry`` / ``asymmetry_over_time``        /api/asymmetry
``asymmetry_series``  ``blocmap.features.econ.asymmetry_over_time``, all GDP years          organization page
``organs``            ``blocmap.features.organs.organs`` + ``organ_record``                organization page
``depth``             ``blocmap.features.depth.compare``                                   compare page
====================  ==========================================================  ======================
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from blocmap.core.errors import BlocmapError

if TYPE_CHECKING:
    from blocmap.core.atlas import Atlas

log = logging.getLogger("blocmap.web")

#: Years the organization page asks the asymmetry feature about.
ASYMMETRY_YEARS = range(1991, dt.date.today().year + 1)


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
#: Drawn diagrams by (atlas, drawing key): the page says the day, so the drawing leaves it out
#: and every day with the same memberships shares one drawing (a few hundred in all).
_DRAWN: "OrderedDict[tuple[int, str], str | None]" = OrderedDict()
_DRAWN_MAX = 1024
_DRAWN_LOCK = threading.Lock()


def clear_drawings() -> None:
    """Forget every drawn diagram (tests, or after the figures code changed)."""
    with _DRAWN_LOCK:
        _DRAWN.clear()


#: A process that draws the diagrams asked for, per atlas (``use_drawing_process``); without one
#: (tests, the Python API) they are drawn in this process.
_DRAWER: dict[int, Any] = {}
_WORKER_ATLAS: list[Any] = []


def use_drawing_process(atlas: Atlas) -> None:
    """Draw the diagrams asked of ``atlas`` in a separate process at low priority, so that the
    server keeps answering everything else at full speed while a diagram is made."""
    if id(atlas) not in _DRAWER:
        _DRAWER[id(atlas)] = low_priority_pool(str(atlas.folder))


def low_priority_pool(folder: str, niceness: int = 10) -> Any:
    """A one-process pool at low priority (``niceness``) whose process has the atlas of
    ``folder`` loaded (``start_worker``): heavy work out of the server's process, off its cores
    when they are busy.  ``stop_pool`` ends it."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=start_worker, initargs=(folder, niceness))


def stop_drawing_process(atlas: Atlas) -> None:
    """End the drawing process of ``atlas`` (the server stops)."""
    drawer = _DRAWER.pop(id(atlas), None)
    if drawer is not None:
        stop_pool(drawer)


def stop_pool(pool: Any) -> None:
    """End a pool of ``low_priority_pool`` now: its process is stopped even in the middle of
    a job (a drawing or a font is only a shortcut), so that none outlives the server."""
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def start_worker(folder: str, niceness: int = 10) -> Atlas:
    """In a drawing process: its priority lowered, and the atlas of ``folder`` it draws from."""
    import os

    import blocmap

    try:
        os.nice(niceness)
    except OSError:
        pass
    _WORKER_ATLAS[:] = [blocmap.load(folder)]
    return _WORKER_ATLAS[0]


def draw(atlas: Atlas, orgs: list[str], on: dt.date, lang: str, narrow: bool = False) -> str:
    """The undated Euler diagram of ``orgs`` on ``on``, each organization in its web colour
    (``narrow``: laid out for a phone)."""
    from blocmap.features.figures import api
    from blocmap.web.palette import colours_of

    return api.euler_svg(atlas, orgs, on, lang, colours=colours_of(orgs), dated=False, narrow=narrow)


def _draw_in_worker(orgs: list[str], on: str, lang: str, narrow: bool = False) -> str:
    """In the drawing process: one diagram (a BlocmapError travels back to be said as before)."""
    return draw(_WORKER_ATLAS[0], orgs, dt.date.fromisoformat(on), lang, narrow)


def keep_drawing(atlas: Atlas, drawing_key: str, svg: str | None) -> None:
    """Keep a drawing (made here, or by the drawing process of ``app.prepare_diagrams``)."""
    with _DRAWN_LOCK:
        _DRAWN[(id(atlas), drawing_key)] = svg
        while len(_DRAWN) > _DRAWN_MAX:
            _DRAWN.popitem(last=False)


def euler_svg(atlas: Atlas, orgs: Iterable[str], on: dt.date, lang: str, narrow: bool = False) -> str | None:
    """The Euler diagram of ``orgs`` on ``on`` as SVG text (undated: the page gives the day),
    each organization in its web colour (``palette.ORG_COLOURS``), or None where none can be
    drawn.  A drawing is made once per distinct set of memberships and kept (``_DRAWN``): a
    day never asked before costs a membership query when a day like it was drawn."""
    from blocmap.features.figures import api

    orgs = tuple(orgs)
    try:
        drawing = api.drawing_key(atlas, list(orgs), on, lang, narrow)
        key = (id(atlas), drawing)
        with _DRAWN_LOCK:
            if key in _DRAWN:
                _DRAWN.move_to_end(key)
                return _DRAWN[key]
        drawer = _DRAWER.get(id(atlas))
        if drawer is not None:  # the server's drawing process: the solver never holds this one's GIL
            svg = drawer.submit(_draw_in_worker, list(orgs), on.isoformat(), lang, narrow).result(timeout=120)
        else:
            svg = draw(atlas, list(orgs), on, lang, narrow)
    except BlocmapError as exc:  # e.g. no member on that day: the page keeps the zones table
        log.info("no Euler diagram for %s on %s: %s", ",".join(orgs), on, exc)
        return None
    keep_drawing(atlas, drawing, svg)
    return svg


# ---------------------------------------------------------------------------- paper
def asymmetry(atlas: Atlas, org: str, year: int, on: str | None = None, indicator: str = "gdp",
              lang: str = "en") -> Any:
    """What ``blocmap asymmetry ORG --year YEAR [--on DAY] --format json`` prints."""
    from blocmap.features import econ

    return jsonable(econ.asymmetry(atlas, org, year, on=on, series=econ.load_series(indicator, data_folder=atlas.folder), lang=lang))


def asymmetry_years(atlas: Atlas, org: str, first: int, last: int, indicator: str = "gdp",
                    lang: str = "en") -> Any:
    """What ``blocmap asymmetry ORG --from FIRST --to LAST --format json`` prints."""
    from blocmap.features import econ

    return jsonable(econ.asymmetry_over_time(atlas, org, first, last, series=econ.load_series(indicator, data_folder=atlas.folder),
                                             lang=lang))


#: Columns of the organization page's asymmetry table (those of the CLI's series table).
SERIES_COLUMNS = ("year", "leader", "runner_up", "leader_share", "leader_to_runner_up", "rest_to_leader", "hhi",
                  "counted", "missing")


@lru_cache(maxsize=64)
def _series(atlas: Atlas, org: str, lang: str) -> tuple[dict[str, Any], ...]:
    from blocmap.features import econ

    years = econ.load_series("gdp", data_folder=atlas.folder).years()
    if not years:
        return ()
    first = max(years.start, 1991)
    rows = econ.asymmetry_over_time(atlas, org, first, years.stop - 1, lang=lang)
    return tuple({k: r.get(k) for k in SERIES_COLUMNS}
                 | {"leader_name": atlas.state_name(r["leader"], lang) if r.get("leader") else None,
                    "runner_up_name": atlas.state_name(r["runner_up"], lang) if r.get("runner_up") else None,
                    "vintage": r.get("vintage")} for r in rows)


def asymmetry_series(atlas: Atlas, org: str, lang: str = "en") -> list[dict[str, Any]]:
    """Leader's share, ratios and HHI for every year with GDP data (organization page)."""
    return jsonable(list(_series(atlas, org, lang)))


def organs(atlas: Atlas, org: str, lang: str) -> list[dict[str, Any]]:
    """The organs of an organization (= ``blocmap organs ORG --format json``); [] where none
    are recorded."""
    from blocmap.features import organs as feature

    try:
        found = feature.organs(atlas, org)
    except BlocmapError:
        return []  # no organs recorded for this organization
    return jsonable([feature.organ_record(o, lang) for o in found])


def depth(atlas: Atlas, orgs: list[str], lang: str, on: "dt.date | None" = None) -> dict[str, Any]:
    """Depth of integration side by side on a day (= ``blocmap compare ORGS --on DAY --format
    json``) for the organizations that have depth data."""
    from blocmap.features import depth as feature

    recorded = {d.org for d in feature.depth(atlas)}
    covered = [o for o in orgs if o in recorded]
    rows = feature.compare(atlas, covered, lang, on) if covered else []
    return {"orgs": covered, "missing": [o for o in orgs if o not in recorded], "rows": jsonable(rows)}
