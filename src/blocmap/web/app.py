"""The ASGI application: routes, errors as JSON or HTML, security headers, static files.

Read-only by construction: every route answers GET (and HEAD) only, nothing is written.
``create_app(atlas, store)`` is what ``blocmap serve`` runs with uvicorn and what tests drive:
the app serves the atlas (and the imported COW store) it is given, and nothing else.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from blocmap.core.errors import BlocmapError, QueryError
from blocmap.core.i18n import error_text
from blocmap.core.messages import Text
from blocmap.web import api, pages
from blocmap.web.page_process import PageProcess, PagesElsewhere, keep, respond

if TYPE_CHECKING:  # pragma: no cover
    from blocmap.core.atlas import Atlas

log = logging.getLogger("blocmap.web")
STATIC = Path(__file__).parent / "static"

#: Everything comes from this server: no CDN, no inline script.  Inline style attributes
#: are allowed only inside the Euler SVG image response (see ``pages.euler_image``).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
]
LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1"]
#: Seconds the server waits, before its port answers, for its page process to start.
PAGE_PROCESS_WAIT = 5.0


class SecurityHeaders:
    """Adds the headers to every response (a route may set its own CSP, which wins)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                framable = scope.get("path") == "/embed"  # the one page other sites may frame
                headers += [(k, v) for k, v in SECURITY_HEADERS
                            if k not in present and not (framable and k == b"x-frame-options")]
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostCheck:
    """Answers only requests addressed to an allowed host name (against DNS rebinding).

    Starlette's TrustedHostMiddleware cuts an IPv6 literal ('[::1]:8000') at its first colon;
    this one understands brackets.
    """

    def __init__(self, app: ASGIApp, allowed: Sequence[str]):
        self.app = app
        self.allowed = {h.strip("[]").lower() for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            header = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1").lower()
            host = header[1:header.find("]")] if header.startswith("[") else header.split(":")[0]
            if host not in self.allowed:
                response = JSONResponse(error_body(400, Text("web.bad_host", {"header": header}).render()),
                                        status_code=400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json") or path == "/api"


def error_body(status: int, message: str, parameter: str | None = None) -> dict[str, Any]:
    return {"error": message, "parameter": parameter, "status": status}


async def query_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, QueryError)
    # An unknown thing named in the path is "not found"; a bad query parameter is a bad request.
    status = 404 if exc.parameter in request.path_params else 400
    message = error_text(exc, pages.reader_lang(request))
    if wants_json(request):
        return JSONResponse(error_body(status, message, exc.parameter), status_code=status)
    return pages.error_page(request, status, message)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    said = {404: "web.not_found_path", 405: "web.read_only"}.get(exc.status_code)
    message = Text(said).render(pages.reader_lang(request)) if said else str(exc.detail)
    headers = getattr(exc, "headers", None)
    if wants_json(request) or exc.status_code == 405:
        return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code, headers=headers)
    return pages.error_page(request, exc.status_code, message)


async def server_error(request: Request, exc: Exception) -> Response:
    """A user error of another layer is a 400; anything else is a bug: logged with its
    traceback on the server, a plain 500 for the reader (never the traceback)."""
    lang = pages.reader_lang(request)
    if isinstance(exc, BlocmapError):
        status, message = 400, error_text(exc, lang)
    else:
        log.error("unexpected error on %s", request.url.path, exc_info=exc)
        status, message = 500, Text("web.internal").render(lang)
    if wants_json(request):
        return JSONResponse(error_body(status, message), status_code=status)
    try:
        return pages.error_page(request, status, message)
    except Exception:  # the error page itself failed: plain text, still no traceback
        return PlainTextResponse(message, status_code=status)


class Assets:
    """The vendored static files, read once into memory and served by exact name.

    Only files that exist under ``static/`` at start-up can ever be served (a dictionary
    look-up, so no path can climb out of the folder), and serving from memory avoids the
    thread hops of a file response: the baseline of the benchmark is this handler.
    """

    def __init__(self, folder: Path):
        import hashlib
        import mimetypes

        self.files: dict[str, tuple[bytes, str, str]] = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink() and "__pycache__" not in path.parts:
                body = path.read_bytes()
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml", "application/json"):
                    kind += "; charset=utf-8"
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                self.files[path.relative_to(folder).as_posix()] = (body, kind, etag)

    async def serve(self, request: Request) -> Response:
        found = self.files.get(request.path_params["path"])
        if found is None:
            raise HTTPException(404)
        body, kind, etag = found
        headers = {"etag": etag, "cache-control": "public, max-age=3600"}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=kind, headers=headers)


async def font(request: Request) -> Response:
    """The CJK webfont: the characters blocmap can show, cut from the pinned font package's
    font once per app (``web/webfont.py``); 404 where no such font is installed.  A server cuts
    it in a process of its own at low priority (``start_helpers``): a request waits for that."""
    cutting = getattr(request.app.state, "font", None)
    body = None
    if cutting is not None:
        try:
            body = await asyncio.wrap_future(cutting) or None
        except Exception:  # a bug: logged; cut here instead, as without a server
            log.exception("cutting the CJK webfont failed")
            cutting = request.app.state.font = None
    if cutting is None:
        body = await run_in_threadpool(request.app.state.site.cjk_font)
    if body is None:
        raise HTTPException(404)
    return Response(body, media_type="font/woff2", headers={"cache-control": "public, max-age=604800"})


def routes() -> list[Any]:
    return [
        Route("/", pages.home), Route("/fragment/day", pages.day_fragment),
        Route("/orgs", pages.orgs), Route("/org/{org}", pages.org),
        Route("/states", pages.states), Route("/state/{state}", pages.state),
        Route("/compare", pages.compare), Route("/sources", pages.sources),
        Route("/source/{key}", pages.source), Route("/disputes", pages.disputes),
        Route("/euler.svg", pages.euler_image), Route("/palette.css", pages.palette_css),
        Route("/embed", pages.embed), Route("/day.csv", pages.day_csv),
        Route("/api", pages.api_docs),
        Route("/openapi.json", api.openapi), Route("/fonts/cjk.woff2", font),
        *api.routes(),
        Route("/static/{path:path}", Assets(STATIC).serve),
    ]


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    if app.state.prepare_diagrams:
        start_helpers(app)  # first: the page process starts while this one warms up
        warm_up(app.state.site)
        # On two cores both are ready at about the same time; on a busy machine the port opens
        # after PAGE_PROCESS_WAIT at most, and pages are rendered here until the process is ready.
        await asyncio.to_thread(app.state.pages.wait, PAGE_PROCESS_WAIT)
    else:  # tests and the Python API: the map and the templates' environment only
        app.state.site.warm_up()
    yield
    if app.state.prepare_diagrams:
        stop_helpers(app)


def warm_up(site: pages.Site) -> None:
    """Before the port answers: project the map, compile every template, and render today's
    home page in every language (the per-language tables of the page: labels, names, events),
    so that the first visitors find the server as it is when warm (issue 20, item 7)."""
    import datetime as dt

    from blocmap.core.model import LANGS

    site.warm_up()
    environment = pages.templates()
    environment.auto_reload = False  # templates are package files: no stat() of each on every render
    for name in environment.list_templates(filter_func=lambda n: n.endswith(".html")):
        environment.get_template(name)
    today = dt.date.today().isoformat()
    for lang in LANGS:
        site.home_html(today, lang, None, today)


def start_helpers(app: Starlette) -> None:
    """What ``blocmap serve`` adds: the shipped diagrams (``web/drawings.py``) kept for serving,
    a drawing process for the diagrams asked for, the change days' diagrams the shipped file
    lacks drawn by another one in the background, and the CJK webfont cut by a third, all three
    at low priority; and a process that renders the pages (``web/page_process.py``).  The
    server's own process does no heavy work and answers at full speed from its first second."""
    import threading

    from blocmap.web import drawings
    from blocmap.web.hooks import keep_drawing, low_priority_pool, use_drawing_process

    atlas = app.state.answers.atlas
    shipped = drawings.read()
    for key, svg in shipped["drawings"].items():
        keep_drawing(atlas, key, svg)
    use_drawing_process(atlas)  # diagrams asked for are drawn in another process
    app.state.drawing_processes = []
    if not drawings.covers(shipped, atlas):
        threading.Thread(target=prepare_diagrams, args=(atlas, frozenset(shipped["drawings"]),
                                                        app.state.drawing_processes),
                         daemon=True, name="blocmap-diagrams").start()
    app.state.font_cutter = low_priority_pool(str(atlas.folder), 19)
    store = app.state.answers.store
    app.state.pages = PageProcess(str(atlas.folder), None if store is None else str(store), _start_pages, respond)
    app.state.font = app.state.font_cutter.submit(_cut_font, str(atlas.folder))


def stop_helpers(app: Starlette) -> None:
    from blocmap.web.hooks import stop_drawing_process, stop_pool

    stop_drawing_process(app.state.answers.atlas)
    for process in getattr(app.state, "drawing_processes", []):
        process.terminate()
    cutter = getattr(app.state, "font_cutter", None)
    if cutter is not None:
        stop_pool(cutter)
    if getattr(app.state, "pages", None) is not None:
        app.state.pages.stop()


def _start_pages(folder: str, store: str | None) -> None:
    """In the page process: the same app as the server's, warm, kept to render the pages."""
    import blocmap

    import threading

    app = create_app(blocmap.load(folder), store)
    warm_up(app.state.site)
    keep(app)
    threading.Thread(target=warm_pages, args=(app.state.site,), name="warm-pages", daemon=True).start()


def warm_pages(site: pages.Site) -> None:
    """In the page process, once it answers: what an organization's page loads the first time
    (pandas and the members-by-year panel, the economic series, the organs file), so that the
    first reader of one does not wait for it (0.8 s; later pages take 0.1 s)."""
    from blocmap.core.model import POST_SOVIET

    try:
        site.views.org(POST_SOVIET[0], "en")
    except Exception:  # a data folder without the CIS, or a broken feature file: the page says so
        log.debug("warming the organization pages failed", exc_info=True)


def _cut_font(folder: str) -> bytes:
    """In the font process: the CJK webfont of the data folder (b"" where no CJK font is installed)."""
    from blocmap.web.webfont import characters, subset_woff2

    path = pages.cjk_font_file()
    return b"" if path is None else subset_woff2(path, characters(Path(folder)))


def prepare_diagrams(atlas: Atlas, skip: frozenset[str] = frozenset(), processes: list[Any] | None = None) -> None:
    """Draw the overlap diagram of the post-Soviet five for today and for every change day,
    in every language, except those of ``skip`` (the shipped ones, ``web/drawings.py``), so
    that no visitor waits for the solver or the drawing: every other day has the drawing of a
    change day (``hooks.euler_svg`` keys drawings by what they show).

    The drawing is done by a separate process at the lowest priority (``_draw_all``), which
    sends each drawing back as it is made: the server answers at full speed meanwhile; a
    diagram asked for before its turn is drawn on request, as before.  The process is added to
    ``processes`` (for the server to stop it)."""
    import multiprocessing

    from blocmap.web.hooks import keep_drawing

    try:
        context = multiprocessing.get_context("spawn")
        receiver, sender = context.Pipe(duplex=False)
        worker = context.Process(target=_draw_all, args=(str(atlas.folder), sender, skip), daemon=True,
                                 name="blocmap-diagrams")
        worker.start()
        if processes is not None:
            processes.append(worker)
        sender.close()
        while True:
            try:
                message = receiver.recv()
            except EOFError:
                break
            if message is None:
                break
            key, svg = message
            keep_drawing(atlas, key, svg)
        worker.join(timeout=5)
    except Exception:  # a bug: logged; the diagrams are then drawn on request, as before
        log.exception("preparing the overlap diagrams failed")


def _draw_all(folder: str, sender: Any, skip: frozenset[str] = frozenset()) -> None:
    """In the drawing process: every change day's diagram not in ``skip``, at the lowest
    priority, each sent as (drawing key, SVG or None) as soon as it is made; None when done."""
    from blocmap.web.drawings import drawn
    from blocmap.web.hooks import start_worker

    atlas = start_worker(folder, 19)
    for item in drawn(atlas, skip=skip):
        try:
            sender.send(item)
        except (BrokenPipeError, EOFError):  # the server has gone
            return
    sender.send(None)
    sender.close()


def create_app(atlas: Atlas, store: str | Path | None = None,
               trusted_hosts: Sequence[str] | None = None, prepare: bool = False) -> Starlette:
    """The web atlas of ``atlas`` (with the imported COW organizations of ``store``, a world
    store file, when given); ``trusted_hosts`` guards against DNS rebinding; ``prepare`` (what
    ``blocmap serve`` does) serves the shipped diagrams and does the heavy work in low-priority
    processes of its own (``start_helpers``)."""
    from blocmap.answers import Answers
    from blocmap.web.views import Views

    answers = Answers(atlas, store)
    middleware = [Middleware(SecurityHeaders)]
    if trusted_hosts:
        middleware.append(Middleware(HostCheck, allowed=list(trusted_hosts)))
    middleware.append(Middleware(PagesElsewhere))  # with ``prepare``: pages rendered by a process of their own
    app = Starlette(
        routes=routes(), middleware=middleware,
        exception_handlers={QueryError: query_error,
                            HTTPException: http_error, Exception: server_error},
        lifespan=_lifespan,
    )
    app.state.answers = answers
    app.state.prepare_diagrams = prepare
    app.state.views = Views(answers)
    app.state.site = pages.Site(app.state.views)
    return app
