"""The ``blocmap`` command: a thin layer that parses, asks ``blocmap.answers`` and renders.

The commands live in ``cli_core`` (questions), ``cli_paper`` (the paper's tables, asymmetry,
organs, report), ``cli_figures`` (figures), ``cli_world`` (COW import, panels, audit) and
``cli_web`` (serve); each is added to ``main`` below.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import click

from blocmap.core.errors import BlocmapError, DataError, QueryError
from blocmap.core.files import write_atomic
from blocmap.core.messages import Text


class Group(click.Group):
    """A click group that turns every ``BlocmapError`` into a one-line message, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DataError as exc:
            for problem in exc.problems:
                click.echo(Text("cli.problem", {"text": problem.render(reader_lang(ctx))}).render(reader_lang(ctx)),
                           err=True)
            ctx.exit(1)
        except BlocmapError as exc:
            click.echo(Text("cli.error", {"text": exc.render(reader_lang(ctx))}).render(reader_lang(ctx)), err=True)
            ctx.exit(1)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)


def format_option(choices: tuple[str, ...] = ("table", "json", "csv"), default: str = "table"):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


#: Where the command's ``--lang`` is kept for the error handler (``ctx.meta`` is shared by the
#: contexts of one invocation).
LANG_KEY = "blocmap.lang"


def reader_lang(ctx: click.Context | None = None) -> str:
    """The language of the running command's ``--lang`` (English before it is read, or without one)."""
    ctx = ctx or click.get_current_context(silent=True)
    return ctx.meta.get(LANG_KEY, "en") if ctx is not None else "en"


def note(text: Text | str) -> None:
    """``blocmap: note: …`` on stderr, in the reader's language."""
    lang = reader_lang()
    click.echo(Text("cli.note", {"text": text}).render(lang), err=True)


def language(value: str | None, option: str) -> str:
    """A language option's value (any form people write) as ``en``, ``zh-Hant`` or ``ru``."""
    from blocmap.core.i18n import parse_lang

    try:
        return parse_lang(value, option)
    except QueryError as exc:
        raise click.BadParameter(str(exc).partition(": ")[2]) from None


def _lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    lang = language(value, "--lang")
    ctx.meta[LANG_KEY] = lang
    return lang


def lang_option(func: Callable) -> Callable:
    from blocmap.core.i18n import LANG_HELP

    return click.option("--lang", default="en", show_default=True, callback=_lang, metavar="LANG",
                        help=f"Language: {LANG_HELP}.")(func)


def data_option(func: Callable) -> Callable:
    return click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=None, envvar="BLOCMAP_DATA",
                        help="Data folder to use instead of the bundled one.")(func)


def db_option(func: Callable) -> Callable:
    return click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        envvar="BLOCMAP_DB",
                        help="World store (DuckDB file) of imported COW data. Default: "
                             "$XDG_DATA_HOME/blocmap/world.duckdb where one was imported.")(func)


def get_atlas(data_dir: Path | None = None):
    from blocmap.core.atlas import Atlas

    return Atlas.load(data_dir)


def get_answers(data_dir: Path | None = None, db: Path | None = None):
    """What every question command asks: the atlas of ``--data`` and the store of ``--db``."""
    from blocmap.answers import Answers

    return Answers.open(get_atlas(data_dir), db)


def write_output(path: Path | str, content: str | bytes) -> None:
    """Write ``-o`` whole or not at all (``files.write_atomic``), naming the option in errors."""
    try:
        write_atomic(path, content, option="-o")
    except OSError as exc:
        raise QueryError.of("err.cannot_write", "-o", option="-o", path=path, why=exc.strerror or exc) from None


def save(output: Path, content: str | bytes) -> None:
    """Write ``-o`` whole or not at all and say so on stderr."""
    write_output(output, content)
    click.echo(Text("cli.wrote", {"path": output}).render(reader_lang()), err=True)


def emit(text: str, output: Path | None = None) -> None:
    """Print, or write to ``--output`` when given."""
    if output is None:
        click.echo(text)
    else:
        save(output, text if text.endswith("\n") else text + "\n")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="blocmap")
def main() -> None:
    """blocmap: who belonged to which international organization on any day, with sources."""


@main.group()
def figure() -> None:
    """Pictures of memberships: Euler diagram, UpSet plot, map, timeline (SVG, PNG, PDF)."""


# The command modules import the options above, so they come last.
from blocmap.cli import (
    core as cli_core,
    figures as cli_figures,
    paper as cli_paper,
    web as cli_web,
    world as cli_world,
)  # noqa: E402

for _module in (cli_core, cli_paper, cli_figures, cli_world, cli_web):
    _module.register(main, figure)
