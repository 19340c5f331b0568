"""What every command module of the CLI shares: the reader's language and the click context and
group that write help in it, the common options (``--lang``, ``--data``, ``--db``, ``--format``),
and printing or writing an answer.  The package's ``__init__`` builds ``main`` from the command
modules, which import this module, never the package."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import click

from blocmap.core.errors import BlocmapError, DataError, QueryError
from blocmap.core.files import write_atomic
from blocmap.core.messages import Text


#: Where the language of help and of click's usage errors is kept (``Group.main`` decides it once
#: per invocation; ``ctx.meta`` is shared by the contexts of one invocation).
READER_KEY = "blocmap.reader_lang"


def reader_language(args: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language help and usage errors are written in: ``--lang`` when the command line has it
    (any form ``parse_lang`` accepts), else ``$BLOCMAP_LANG``, else the locale (``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``: ``zh_TW.UTF-8`` or ``zh_HK`` → zh-Hant, ``ru_RU`` → ru), else English.
    A value that is no language is passed over here (``--lang`` itself then reports it)."""
    given = [arg[len("--lang="):] if arg.startswith("--lang=") else args[i + 1]
             for i, arg in enumerate(args)
             if arg.startswith("--lang=") or (arg == "--lang" and i + 1 < len(args))]
    for text in (given[-1] if given else None, environ.get("BLOCMAP_LANG")):
        if text and text.strip():
            from blocmap.core.i18n import parse_lang

            try:
                return parse_lang(text)
            except QueryError:
                pass
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    return locale_language(locale)


def locale_language(locale: str) -> str:
    """A language of the catalogs for a POSIX locale name (``zh_TW.UTF-8`` → zh-Hant through the
    zh-Hant catalog's aliases, ``ru_RU`` → ru, ``C`` → en), else English."""
    from blocmap.core.messages import LANGUAGES

    tag = locale.partition(".")[0].partition("@")[0].replace("_", "-").casefold()
    if tag.partition("-")[0] not in {lang.partition("-")[0].casefold() for lang in LANGUAGES}:
        return "en"  # no catalog of that language: no catalog need be read to say so
    from blocmap.core.i18n import find_lang

    return find_lang(tag) or "en"


class Context(click.Context):
    """A click context whose help is written in the reader's language (``help.py``)."""

    def __init__(self, *args: Any, reader_lang: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.parent is None:
            self.meta[READER_KEY] = reader_lang

    def make_formatter(self) -> click.HelpFormatter:
        lang = self.meta.get(READER_KEY, "en")
        if lang == "en":
            return super().make_formatter()
        from blocmap.cli.help import Formatter

        return Formatter(lang, self.command, width=self.terminal_width, max_width=self.max_content_width)


def use_readers_context(command: click.Command) -> None:
    """Give ``command`` and the commands under it the reader's-language ``Context``."""
    if command.context_class is click.Context:
        command.context_class = Context
    for sub in getattr(command, "commands", {}).values():
        use_readers_context(sub)


class Group(click.Group):
    """A click group that turns every ``BlocmapError`` into a one-line message, never a traceback,
    and speaks the reader's language in help and usage errors (``reader_language``)."""

    context_class = Context
    group_class = type  # a group made with ``@group.group()`` is one of these too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # ``blocmap figure --lang ru --help``; ``blocmap --lang ru members csto`` answers in Russian
        self.params.append(click.Option(["--lang"], metavar="LANG", expose_value=False, callback=_group_lang,
                                        help=GROUP_LANG_HELP))

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        super().add_command(cmd, name)
        use_readers_context(cmd)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        lang = reader_language(sys.argv[1:] if args is None else list(args), os.environ)
        if lang == "en":
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        from blocmap.cli.help import click_in_language

        with click_in_language(lang):
            return super().main(args, prog_name, complete_var, standalone_mode, reader_lang=lang, **extra)

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
    """The reader's language: the running command's ``--lang`` (or a group's), else the one help
    is written in (``$BLOCMAP_LANG`` or the locale, ``reader_language``), else English."""
    ctx = ctx or click.get_current_context(silent=True)
    if ctx is None:
        return "en"
    return ctx.meta.get(LANG_KEY) or ctx.meta.get(READER_KEY, "en")


def note(text: Text | str) -> None:
    """``blocmap: note: …`` on stderr, in the reader's language."""
    lang = reader_lang()
    click.echo(Text("cli.note", {"text": text}).render(lang), err=True)


def language(value: str | None, option: str, reader: str = "en") -> str:
    """A language option's value (any form people write) as ``en``, ``zh-Hant`` or ``ru``; the
    error for any other value is in the ``reader``'s language."""
    from blocmap.core.i18n import parse_lang

    try:
        return parse_lang(value, option)
    except QueryError as exc:
        if reader == "en":
            raise click.BadParameter(str(exc).partition(": ")[2]) from None
        from blocmap.cli.help import unknown_language

        raise click.BadParameter(unknown_language(value, reader)) from None


def _lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    """The language of the answer: the command's ``--lang``, else a group's, else the reader's
    (``$BLOCMAP_LANG``, else the locale, else English): one choice for everything a person reads.
    Machine formats (CSV, JSON, Parquet) keep their field names and ids whatever the language."""
    if ctx.get_parameter_source(param.name) is click.core.ParameterSource.DEFAULT:
        return ctx.meta.get(LANG_KEY) or ctx.meta.get(READER_KEY, "en")
    lang = language(value, "--lang", ctx.meta.get(READER_KEY, "en"))
    ctx.meta[LANG_KEY] = lang
    return lang


def _group_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.meta[LANG_KEY] = language(value, "--lang", ctx.meta.get(READER_KEY, "en"))


GROUP_LANG_HELP = ("Language of the help, of messages and of the answers of the commands below "
                   "(a command's own --lang wins).")


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


def write_output(path: Path | str, content: str | bytes) -> bool:
    """Write ``-o``: a regular file (or a new one) whole or not at all (``files.write_atomic``);
    through a symlink, its target the same way (the link is kept); ``-``, a FIFO or a device
    streamed, never replaced by a regular file.  True where the content was streamed."""
    import stat

    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if str(path) == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return True
        target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
        try:
            mode = os.stat(target).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))  # never creates a file
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            return True
        if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            from blocmap.core.loader import kind_of_file

            raise QueryError.of("err.output_kind", "-o", path=path, kind=kind_of_file(mode))
        write_atomic(target, data, option="-o")
        return False
    except OSError as exc:
        raise QueryError.of("err.cannot_write", "-o", option="-o", path=path, why=exc.strerror or exc) from None


def save(output: Path, content: str | bytes) -> None:
    """Write ``-o`` (whole or not at all where it is a file) and say so on stderr."""
    if not write_output(output, content):
        click.echo(Text("cli.wrote", {"path": output}).render(reader_lang()), err=True)


#: File names whose format a text answer is not: writing CSV under such a name would mislead
NOT_TEXT_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods", ".dta", ".sav", ".rds", ".rdata", ".parquet", ".feather",
                     ".png", ".pdf", ".jpg", ".jpeg", ".docx")


def emit(text: str, output: Path | None = None) -> None:
    """Print, or write to ``--output`` when given (never text under a spreadsheet's or an image's name)."""
    if output is None:
        click.echo(text)
        return
    suffix = Path(str(output)).suffix.lower()
    if suffix in NOT_TEXT_SUFFIXES:
        raise QueryError.of("err.output_suffix", "-o", path=output, suffix=suffix)
    save(output, text if text.endswith("\n") else text + "\n")
