"""The HTML pages of ``blocmap serve``, rendered by a process of their own.

A page never seen before takes some 20 ms of Python to render (the day's answers, then the
template).  Rendered in the server's process, it holds the interpreter's lock while the event
loop waits to answer the API: under a mixed load the API's tail grew from 1 ms to 60 ms even
when warm (issue 20, item 7).  So the server hands every page to a second process, which runs
the same app (``create_app`` of the same atlas and store) and sends back the status, headers and
body; the server's own process only parses, looks up and sends.  Until that process is ready
(it starts in a few seconds) and wherever it fails, the server renders the page itself, as
without it: the reader gets the same page either way.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable

from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger("blocmap.web")

#: The pages (``app.routes``) sent to the page process: exact paths, then path prefixes.
PAGES = frozenset({"/", "/fragment/day", "/orgs", "/states", "/compare", "/sources", "/disputes", "/api"})
PAGE_PREFIXES = ("/org/", "/state/", "/source/")
#: What of a request's scope travels to the page process (plain values only).
SCOPE_KEYS = ("type", "asgi", "http_version", "method", "scheme", "path", "raw_path", "root_path", "query_string",
              "headers", "client", "server")


def is_page(path: str) -> bool:
    return path in PAGES or path.startswith(PAGE_PREFIXES)


class PageProcess:
    """A process that renders pages of the atlas of ``folder`` (and the store ``store``).

    ``start(folder, store)`` runs first in the process and makes its app (``app.py`` passes its
    own, so that this module needs nothing of the app: imports run one way); ``render(scope)``
    runs there for each page and returns what ``respond`` does."""

    def __init__(self, folder: str, store: str | None, start: Callable[[str, str | None], None],
                 render: Callable[[dict[str, Any]], tuple[int, list[tuple[bytes, bytes]], bytes]]):
        import multiprocessing
        import threading
        from concurrent.futures import ProcessPoolExecutor

        self.ready = False
        self.started = threading.Event()
        self.render_there = render
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=start, initargs=(folder, store))
        self.pool.submit(_ping).add_done_callback(self._started)

    def _started(self, future: Any) -> None:
        if future.cancelled():  # stopped before it started
            pass
        elif future.exception() is None:
            self.ready = True
        else:
            log.error("the page process did not start; pages are rendered by the server", exc_info=future.exception())
        self.started.set()

    def wait(self, seconds: float) -> bool:
        """Wait until the process is ready (or failed), at most ``seconds``; whether it is ready."""
        self.started.wait(seconds)
        return self.ready

    async def render(self, scope: Scope) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        plain = {key: scope[key] for key in SCOPE_KEYS if key in scope}
        return await asyncio.wrap_future(self.pool.submit(self.render_there, plain))

    def stop(self) -> None:
        from blocmap.web.hooks import stop_pool

        self.ready = False
        stop_pool(self.pool)


class PagesElsewhere:
    """Sends GET and HEAD requests for pages to the app's page process (``app.state.pages``)
    once it is ready; everything else, and every page while it is not, is answered here."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        pages = getattr(scope["app"].state, "pages", None) if scope["type"] == "http" else None
        if pages is None or not pages.ready or scope["method"] not in ("GET", "HEAD") or not is_page(scope["path"]):
            await self.app(scope, receive, send)
            return
        try:
            status, headers, body = await pages.render(scope)
        except Exception:  # the process died or a bug: logged; this page is rendered here
            log.exception("the page process failed on %s; rendering it here", scope["path"])
            pages.ready = False
            await self.app(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


# ---------------------------------------------------------------------------- in the page process
#: The page process's app and event loop (``keep``).
_APP: list[Any] = []

#: The request ``first`` sends: today's home page, through routing and the rendering thread.
HOME = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": "/", "raw_path": b"/", "root_path": "", "query_string": b"",
        "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 80)}


def keep(app: Any) -> None:
    """In the page process: the app that renders its pages (then one request for the home page)."""
    _APP[:] = [app, asyncio.new_event_loop()]
    respond(HOME)


def _ping() -> bool:
    return True


def respond(scope: dict[str, Any]) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """In the page process: the status, headers and body of the kept app's answer to ``scope``."""
    app, loop = _APP
    return loop.run_until_complete(_call(app, scope))


async def _call(app: Any, scope: dict[str, Any]) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    await app(dict(scope), receive, send)
    start = next(m for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return start["status"], [tuple(h) for h in start.get("headers", [])], body
