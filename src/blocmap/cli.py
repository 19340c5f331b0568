"""The ``blocmap`` command: a thin layer that parses, calls the library and renders.

Commands of other features live in their own modules (``cli_*.py``) and register
themselves through ``register(main)``; see ``EXTENSIONS``.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

import click

from .errors import BlocmapError, DataError

LANG_CHOICES = ("en", "zh-Hant", "ru")
#: Modules that add commands; each has ``register(group)``; figure commands join ``main``'s
#: ``figure`` group.  Missing modules are skipped.
EXTENSIONS = ("blocmap.cli_core", "blocmap.cli_paper", "blocmap.cli_figures",
              "blocmap.cli_world", "blocmap.cli_web")


class Group(click.Group):
    """A click group that turns every ``BlocmapError`` into a one-line message, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DataError as exc:
            for problem in exc.problems:
                click.echo(f"blocmap: {problem}", err=True)
            ctx.exit(1)
        except BlocmapError as exc:
            click.echo(f"blocmap: error: {exc}", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)


def format_option(choices: tuple[str, ...] = ("table", "json", "csv"), default: str = "table"):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def lang_option(func: Callable) -> Callable:
    return click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False),
                        default="en", show_default=True,
                        help="Language of names: en, zh-Hant (Taiwan usage) or ru.")(func)


def data_option(func: Callable) -> Callable:
    return click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=None, envvar="BLOCMAP_DATA",
                        help="Data folder to use instead of the bundled one.")(func)


def normal_lang(lang: str) -> str:
    return {"en": "en", "zh-hant": "zh-Hant", "ru": "ru"}[lang.lower()]


def get_atlas(data_dir: Path | None = None):
    from .atlas import Atlas

    return Atlas.load(data_dir)


def write_output(path: Path | str, content: str | bytes) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename."""
    target = Path(path)
    if target.parent and not target.parent.exists():
        raise BlocmapError(f"-o {target}: folder '{target.parent}' does not exist")
    mode = "wb" if isinstance(content, bytes) else "w"
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as handle:
            handle.write(content)
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def emit(text: str, output: Path | None = None) -> None:
    """Print, or write to ``--output`` when given."""
    if output is None:
        click.echo(text)
    else:
        write_output(output, text if text.endswith("\n") else text + "\n")
        click.echo(f"wrote {output}", err=True)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="blocmap")
def main() -> None:
    """blocmap: who belonged to which international organization on any day, with sources."""


@main.group()
def figure() -> None:
    """Pictures of memberships: Euler diagram, UpSet plot, map, network, timeline (SVG, PNG, PDF)."""


def _register_extensions() -> None:
    for name in EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(main)


_register_extensions()
