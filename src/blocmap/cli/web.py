"""``blocmap serve``: the local web atlas (starlette and uvicorn are imported only when it runs)."""

from __future__ import annotations

from pathlib import Path

import click

from blocmap.cli.shared import data_option, db_option, get_answers, note, reader_lang
from blocmap.core.errors import BlocmapError, QueryError
from blocmap.core.messages import Text

LOCAL = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default serves only this computer; 0.0.0.0 exposes "
                   "the atlas to your network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option("--open/--no-open", "open_browser", default=False,
              help="Open the atlas in the default web browser.")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]), help="Server log level.")
@click.option("--allow-host", "allowed", multiple=True, metavar="NAME",
              help="A host name (or address) the atlas answers to, besides this computer's; required "
                   "with --host 0.0.0.0 or ::, so that only requests for these names are served.")
@data_option
@db_option
def serve(host: str, port: int, open_browser: bool, log_level: str, allowed: tuple[str, ...],
          data_dir: Path | None, db: Path | None) -> None:
    """Open the web atlas (of the bundled data, or --data; with --db, imported COW organizations
    too): a date slider, a map of Eurasia, organization, state, compare, sources and disputes
    pages, and a JSON API (read-only, works offline)."""
    try:
        import uvicorn

        from blocmap.web.app import LOCAL_HOSTS, create_app
    except ImportError as exc:  # the 'web' extra is not installed
        raise BlocmapError.of("err.web_extra", name=exc.name) from None
    wildcard = host in ("0.0.0.0", "::")
    if wildcard and not allowed:
        raise QueryError.of("err.allow_host", "--allow-host", host=host)
    _port_free(host, port)  # a busy port is one line in the reader's language, before anything starts
    answers = get_answers(data_dir, db)
    trusted = [*LOCAL_HOSTS, *allowed] + ([] if wildcard else [host])
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    click.echo(Text("cli.serving", {"url": url}).render(reader_lang()), err=True)
    if host not in LOCAL:
        note(Text("cli.listening_everywhere", {"host": host}))
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    try:
        uvicorn.run(create_app(answers.atlas, answers.store, trusted_hosts=trusted, prepare=True), host=host, port=port, log_level=log_level,
                    server_header=False, proxy_headers=False)
    except OSError as exc:
        raise BlocmapError.of("err.port", port=port, host=host, why=exc.strerror or exc) from None


def register(group: click.Group, figure: click.Group) -> None:
    group.add_command(serve)


def _port_free(host: str, port: int) -> None:
    """Refuse at once where ``host:port`` cannot be listened on (another server has it)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    probe = socket.socket(family, socket.SOCK_STREAM)
    try:
        probe.bind((host, port))
    except OSError as exc:
        import errno

        why = Text("port.in_use") if exc.errno == errno.EADDRINUSE else (exc.strerror or exc)
        raise BlocmapError.of("err.port", port=port, host=host, why=why) from None
    finally:
        probe.close()
