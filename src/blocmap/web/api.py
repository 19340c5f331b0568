"""The JSON API: parse the query, make one call, return JSON.

The question endpoints call ``blocmap.answers`` exactly as the CLI does, so they return the
same objects as its ``--format json``; every HTML page has a twin here (``/org/csto`` ↔
``/api/org/csto``) built by the same ``views`` call as the page.  ``openapi.json`` is built
from ``ENDPOINTS`` so the description cannot drift from the routes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from blocmap.core.version import __version__
from blocmap.core.errors import QueryError
from blocmap.core.output import to_csv
from blocmap.core.i18n import parse_lang, t
from blocmap.core.model import STATUSES

Handler = Callable[..., Any]


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def _answers(request: Request) -> Any:
    return request.app.state.answers


def _views(request: Request) -> Any:
    return request.app.state.views


def _q(request: Request, name: str) -> str | None:
    return request.query_params.get(name)


def _lang(request: Request) -> str:
    return parse_lang(_q(request, "lang"))


def flag(request: Request, name: str) -> bool:
    """A yes/no query parameter (``1``/``0``, ``true``/``false``, ``yes``/``no``, or absent: no)."""
    value = (_q(request, name) or "").strip().lower()
    if value in ("", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes"):
        return True
    from blocmap.core.errors import QueryError

    raise QueryError.of("err.bool", name, value=value)


# ---------------------------------------------------------------------------- parameters
#: The query and path parameters; each one's description is the row ``api.param.<key>`` of the
#: translation table (``parameter``), so the reference page can say it in the reader's language.
P = {
    "org": {"name": "org", "in": "query", "required": True, "schema": {"type": "string"}, "example": "csto"},
    "org?": {"name": "org", "in": "query", "required": False, "schema": {"type": "string"}, "example": "cis"},
    "state": {"name": "state", "in": "query", "required": True, "schema": {"type": "string"}, "example": "KAZ"},
    "state?": {"name": "state", "in": "query", "required": False, "schema": {"type": "string"}, "example": "GEO"},
    "on": {"name": "on", "in": "query", "required": False, "schema": {"type": "string"}, "example": "2008-06-01"},
    "lang": {"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "default": "en"},
             "example": "zh-Hant"},
    "status": {"name": "status", "in": "query", "required": False, "schema": {"type": "string"},
               "example": "member,observer"},
    "world": {"name": "world", "in": "query", "required": False, "schema": {"type": "boolean", "default": False}},
    "orgs": {"name": "orgs", "in": "query", "required": False, "schema": {"type": "string"}, "example": "cis,csto,eaeu"},
    "orgs_all": {"name": "orgs", "in": "query", "required": False, "schema": {"type": "string"}, "example": "cis,csto"},
    "year?": {"name": "year", "in": "query", "required": False, "schema": {"type": "string"}, "example": "2021"},
    "on_in_year": {"name": "on", "in": "query", "required": False, "schema": {"type": "string"}},
    "from": {"name": "from", "in": "query", "required": False, "schema": {"type": "string"}},
    "to": {"name": "to", "in": "query", "required": False, "schema": {"type": "string"}},
    "indicator": {"name": "indicator", "in": "query", "required": False,
                  "schema": {"type": "string", "enum": ["gdp", "population"], "default": "gdp"}},
    "date1": {"name": "date1", "in": "query", "required": True, "schema": {"type": "string"}, "example": "2014-01-01"},
    "date2": {"name": "date2", "in": "query", "required": True, "schema": {"type": "string"}, "example": "2016-01-01"},
    "focus": {"name": "focus", "in": "query", "required": False, "schema": {"type": "string"}, "example": "csto"},
    "path_org": {"name": "org", "in": "path", "required": True, "schema": {"type": "string"}, "example": "eaeu"},
    "path_state": {"name": "state", "in": "path", "required": True, "schema": {"type": "string"}, "example": "ARM"},
    "path_key": {"name": "key", "in": "path", "required": True, "schema": {"type": "string"}, "example": "seed"},
}



def parameter(key: str, lang: str = "en") -> dict[str, Any]:
    """The OpenAPI description of parameter ``key`` of ``P``, its prose in ``lang``."""
    return {**P[key], "description": t(f"api.param.{key}", lang).format(statuses=",".join(STATUSES[:-1]))}


MEMBERSHIP = {"type": "object", "required": ["org", "state", "status", "since", "certain", "sources"],
              "properties": {"org": {"type": "string"}, "org_name": {"type": "string"},
                             "state": {"type": "string"}, "name": {"type": "string"},
                             "status": {"type": "string", "enum": list(STATUSES)},
                             "since": {"type": "string"}, "since_precision": {"type": "string"},
                             "until": {"type": ["string", "null"]}, "certain": {"type": "boolean"},
                             "event": {"type": "string"}, "sources": {"type": "array", "items": {"type": "string"}}}}
EVENT = {"type": "object", "required": ["date", "org", "event", "sources"],
         "properties": {"date": {"type": "string"}, "precision": {"type": "string"}, "org": {"type": "string"},
                        "state": {"type": ["string", "null"]}, "name": {"type": ["string", "null"]},
                        "event": {"type": "string"}, "status": {"type": ["string", "null"]},
                        "note": {"type": ["string", "null"]}, "dispute": {"type": ["string", "null"]},
                        "sources": {"type": "array", "items": {"type": "string"}}}}
ZONE = {"type": "object", "required": ["orgs", "states", "names"],
        "properties": {"orgs": {"type": "array", "items": {"type": "string"}},
                       "states": {"type": "array", "items": {"type": "string"}},
                       "names": {"type": "array", "items": {"type": "string"}}}}
OBJECT = {"type": "object"}
ERROR = {"type": "object", "required": ["error", "status"],
         "properties": {"error": {"type": "string"}, "parameter": {"type": ["string", "null"]},
                        "status": {"type": "integer"}}}


def _list(item: dict) -> dict:
    return {"type": "array", "items": item}


# (path, handler, summary (a key of the translation table), parameters, response schema, extra documented statuses)
ENDPOINTS: list[tuple[str, Handler, str, list[str], dict, tuple[int, ...]]] = [
    ("/api/members", lambda r: _answers(r).members(_q(r, "org"), _q(r, "on"), _lang(r), _q(r, "status")),
     "api.op.members",
     ["org", "on", "status", "lang"], _list(MEMBERSHIP), (400,)),
    ("/api/memberships", lambda r: _answers(r).memberships(_q(r, "state"), _q(r, "on"), _lang(r), _q(r, "status"),
                                                           world=flag(r, "world")),
     "api.op.memberships",
     ["state", "on", "status", "world", "lang"], _list(MEMBERSHIP), (400,)),
    ("/api/history", lambda r: _answers(r).history(_q(r, "org"), _q(r, "state"), _lang(r)),
     "api.op.history",
     ["org?", "state?", "lang"], _list(EVENT), (400,)),
    ("/api/overlap", lambda r: _answers(r).overlap(_q(r, "orgs"), _q(r, "on"), _lang(r)),
     "api.op.overlap",
     ["orgs", "on", "lang"], _list(ZONE), (400,)),
    ("/api/diff", lambda r: _answers(r).diff(_q(r, "date1"), _q(r, "date2"), _q(r, "orgs"), _lang(r)),
     "api.op.diff",
     ["date1", "date2", "orgs", "lang"], _list(OBJECT), (400,)),
    ("/api/disputes", lambda r: _answers(r).disputes(_q(r, "org"), _q(r, "state"), _lang(r)),
     "api.op.disputes",
     ["org?", "state?", "lang"], _list(OBJECT), (400,)),
    ("/api/asymmetry", lambda r: _views(r).asymmetry(_q(r, "org"), _q(r, "year"), _q(r, "on"), _q(r, "from"),
                                                     _q(r, "to"), _q(r, "indicator"), _lang(r)),
     "api.op.asymmetry",
     ["org", "year?", "on_in_year", "from", "to", "indicator", "lang"], {}, (400,)),
    ("/api/day", lambda r: _views(r).day(_q(r, "on"), _lang(r), _q(r, "focus")),
     "api.op.day",
     ["on", "lang", "focus"], OBJECT, (400,)),
    ("/api/spells", lambda r: _views(r).spells(_q(r, "orgs"), _lang(r)),
     "api.op.spells",
     ["orgs_all", "lang"], _list(OBJECT), (400,)),
    ("/api/orgs", lambda r: _answers(r).orgs(_q(r, "on"), _lang(r)),
     "api.op.orgs",
     ["on", "lang"], _list(OBJECT), (400,)),
    ("/api/org/{org}", lambda r: _views(r).org(r.path_params["org"], _lang(r), _q(r, "on")),
     "api.op.org",
     ["path_org", "on", "lang"], OBJECT, (400, 404)),
    ("/api/states", lambda r: _views(r).states(_lang(r)), "api.op.states", ["lang"], OBJECT, (400,)),
    ("/api/state/{state}", lambda r: _views(r).state(r.path_params["state"], _lang(r), _q(r, "on")),
     "api.op.state", ["path_state", "on", "lang"], OBJECT, (400, 404)),
    ("/api/compare", lambda r: _views(r).compare(_q(r, "orgs"), _q(r, "on"), _lang(r)),
     "api.op.compare", ["orgs", "on", "lang"], OBJECT, (400,)),
    ("/api/sources", lambda r: _answers(r).sources(_lang(r)), "api.op.sources",
     ["lang"], _list(OBJECT), (400,)),
    # one record at every door: the CLI's `sources KEY --format json` (the page adds the day's names)
    ("/api/source/{key}", lambda r: _answers(r).source(r.path_params["key"], _lang(r)),
     "api.op.source", ["path_key", "lang"], OBJECT, (400, 404)),
]


#: Query parameters that name a day: a day after today is refused (400) on every endpoint.
DAY_PARAMETERS = ("on", "date1", "date2")


def refuse_future(request: Request) -> None:
    """A QueryError (400, naming the parameter) where a day parameter is after today."""
    from blocmap.core.dates import parse_partial
    from blocmap.web.views import past_day

    for name in DAY_PARAMETERS:
        value = _q(request, name)
        if not value or value.strip().lower() == "today":
            continue
        try:
            parsed = parse_partial(value)
        except ValueError:
            continue  # not a day: the handler names the problem
        if parsed.precision == "day":
            past_day(parsed.earliest, name)


#: The table a page's CSV holds where its JSON is one record (``?format=csv``): the key of that
#: record's rows.  A list endpoint's CSV is its list.
CSV_TABLES = {"/api/org/{org}": "members_on", "/api/state/{state}": "memberships_on",
              "/api/compare": "states", "/api/states": "states", "/api/source/{key}": "cited_by"}


def as_csv(result: Any, path: str) -> str:
    """The CSV of an endpoint's answer (``CSV_TABLES``); a QueryError naming ``format`` where
    the endpoint's answer is no table."""
    if isinstance(result, dict) and path in CSV_TABLES:
        result = result.get(CSV_TABLES[path]) or []
    if not isinstance(result, list):
        raise QueryError.of("err.format_unsupported", "format", value="csv", choices=["json"])
    return to_csv(result)


@lru_cache(maxsize=1)
def _csv_paths() -> "re.Pattern[str]":
    """One pattern of every API path whose answer is a table (list endpoints and ``CSV_TABLES``)."""
    tables = [p for p, _h, _o, _p, schema, _e in ENDPOINTS if schema.get("type") == "array"] + list(CSV_TABLES)
    return re.compile("|".join(re.sub(r"\{[^}]+\}", "[^/]+", p) for p in tables))


def csv_url(json_url: str | None) -> str | None:
    """The CSV twin of an API link (a page's ``json_url``) where its answer is a table, else None."""
    if not json_url:
        return None
    path, _, query = json_url.partition("?")
    if not _csv_paths().fullmatch(path):
        return None
    return f"{path}?{query}&format=csv" if query else f"{path}?format=csv"


def _endpoint(handler: Handler, path: str) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        refuse_future(request)
        fmt = _q(request, "format")
        if fmt in (None, "", "json"):
            return JSON(handler(request))
        if fmt != "csv":
            raise QueryError.of("err.format_unsupported", "format", value=fmt[:20], choices=["json", "csv"])
        name = path.split("/")[2]  # /api/members → members, /api/org/{org} → org
        return Response(as_csv(handler(request), path), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{name}.csv"'})
    return endpoint


#: The row of the link to it on the organization and state pages (named there: org.html, state.html).
DATA_LINK = "web.data_csv"


def state_year_csv(answers: Any, orgs: str | None, start: str | None, end: str | None,
                   state: str | None) -> str:
    """The state-year panel as ``blocmap export state-year`` writes it (same call, same CSV);
    with ``state``, that state's rows only (its ISO code, COW code or name)."""
    from blocmap.core.world.dataset import only_state

    frame = answers.state_years(orgs, start, end)
    if state:
        frame = only_state(frame, state)  # as `blocmap export state-year --state`
    return frame.to_csv(index=False)


async def data_csv(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    text = await run_in_threadpool(state_year_csv, _answers(request), _q(request, "orgs"), _q(request, "from"),
                                   _q(request, "to"), _q(request, "state"))
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="state-year.csv"'})


def routes() -> list[Route]:
    return [Route(path, _endpoint(handler, path)) for path, handler, *_ in ENDPOINTS] + [
        Route("/data/state-year.csv", data_csv)]


#: The HTML pages and the diagram, described like the API (``/openapi.json?include=pages``) so
#: that a fuzzer can drive them too: (path, summary, parameters, media type, documented errors).
PAGES: list[tuple[str, str, list[str], str, tuple[int, ...]]] = [
    ("/", "The atlas on a day: map, overlap, every organization's members", ["on", "lang", "focus"],
     "text/html", (400,)),
    ("/fragment/day", "The part of the home page that changes with the day", ["on", "lang", "focus"],
     "text/html", (400,)),
    ("/euler.svg", "The overlap diagram of the post-Soviet five on a day (404: nobody inside yet)",
     ["on", "lang"], "image/svg+xml", (400, 404)),
    ("/org/{org}", "An organization", ["path_org", "on", "lang"], "text/html", (400, 404)),
    ("/state/{state}", "A state", ["path_state", "on", "lang"], "text/html", (400, 404)),
    ("/compare", "Organizations side by side", ["orgs", "on", "lang"], "text/html", (400,)),
    ("/orgs", "All organizations", ["on", "lang"], "text/html", (400,)),
    ("/states", "api.op.states", ["on", "lang"], "text/html", (400,)),
    ("/sources", "The bibliography", ["on", "lang"], "text/html", (400,)),
    ("/source/{key}", "One source", ["path_key", "on", "lang"], "text/html", (400, 404)),
    ("/disputes", "Where sources disagree", ["org?", "state?", "on", "lang"], "text/html", (400,)),
    ("/data/state-year.csv", "The state-year panel as `blocmap export state-year` writes it (COW codes); "
     "with `state`, that state's rows", ["orgs", "from", "to", "state?"], "text/csv", (400,)),
]


def openapi_document(pages: bool = False, lang: str = "en") -> dict[str, Any]:
    """The OpenAPI document (``/openapi.json``: English); the reference page ``/api`` renders it
    with its prose in the reader's ``lang``."""
    paths: dict[str, Any] = {}
    for path, summary, params, media, statuses in PAGES if pages else ():
        responses = {"200": {"description": "OK", "content": {media: {"schema": {"type": "string"}}}}}
        for status in statuses:
            responses[str(status)] = {"description": "A page naming the bad parameter" if status == 400
                                      else "Not found", "content": {"text/html": {"schema": {"type": "string"}}}}
        op_id = "page_" + (path.strip("/").replace("/", "_").replace("{", "").replace("}", "").replace(".", "_")
                           or "home")
        paths[path] = {"get": {"operationId": op_id, "summary": summary,
                               "parameters": [parameter(p, lang) for p in params], "responses": responses}}
    for path, _, summary, params, schema, statuses in ENDPOINTS:
        responses: dict[str, Any] = {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}
        for status in statuses:
            responses[str(status)] = {"description": {400: "Bad parameter (named in 'parameter'), "
                                                           "e.g. a day after today",
                                                      404: "Unknown organization, state or source"}[status],
                                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        op_id = path.strip("/").replace("/", "_").replace("{", "").replace("}", "")
        paths[path] = {"get": {"operationId": op_id, "summary": t(summary, lang),
                               "parameters": [parameter(p, lang) for p in params], "responses": responses}}
    return {
        "openapi": "3.1.0",
        "info": {"title": t("api.title", lang), "version": __version__, "description": t("api.description", lang)},
        "paths": paths,
        "components": {"schemas": {"Error": ERROR, "Membership": MEMBERSHIP, "Event": EVENT, "Zone": ZONE}},
    }


async def openapi(request: Request) -> Response:
    return JSON(openapi_document(pages=request.query_params.get("include") == "pages"))
