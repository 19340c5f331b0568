"""Help and click's own words (``Usage:``, ``Options``, ``Error: …``) in the reader's language.

The English is the commands' own (docstrings and ``help=``) and click's; their translations are
messages of the catalogs (``src/blocmap/locale``, read by ``core.messages``):

* context ``help`` — every help text of a command or an option, keyed by its English
  (``tests/test_cli_help.py`` fails, naming the command and option, when one has no translation;
  ``python -m blocmap.cli.catalogs extract`` puts a new one in the template);
* context ``click`` — click's messages, keyed by click's msgid (with click's plural msgid and one
  form per plural form of the language for an ``ngettext`` message).

This module is imported only when a reader's language is not English
(``blocmap.cli.shared.Group.main``).

Click asks ``gettext`` for its words (``from gettext import gettext as _`` in each of its
modules, with no domain of its own); ``click_in_language`` hands those modules this catalogue's
``gettext`` and ``ngettext`` for one invocation and gives the standard ones back afterwards (a
process runs one CLI invocation at a time; this is no tool for threads running click at once).
Nothing of click is copied or changed but those two names, and ``tests/test_cli_help.py`` checks
that every message here is still one of click's, with the placeholders click fills.
The help itself is written by ``Formatter`` (``Context.make_formatter``), which swaps each
English help text for its translation and wraps lines by display width (a Chinese character is
two columns wide).
"""

from __future__ import annotations

import functools
import gettext
import inspect
import re
import sys
import unicodedata
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

import click

from blocmap.core.messages import Catalog, Text, catalog

#: Click's words that ``Formatter`` translates where help is written rather than when click asks:
#: click keeps the help option of a command once made (an earlier English run would leave its
#: text English), and asking for it on every run would read the catalogue on every run.
WRITTEN_BY_FORMATTER = frozenset({"Show this message and exit."})


def _catalog(lang: str) -> Catalog:
    return catalog(lang) or catalog("en")  # type: ignore[return-value]


@functools.cache
def help_texts(lang: str) -> dict[str, str]:
    """English → ``lang`` for every help text, and click's single-form words."""
    found = dict(_catalog(lang).help)
    found |= {english: text for english, text in _catalog(lang).click.items() if isinstance(text, str)}
    return found


def plural_index(lang: str, n: int) -> int:
    """Which plural form ``n`` takes in ``lang`` (its catalog's rule: CLDR's, as Babel writes it)."""
    return _catalog(lang).plural(n)


class ClickWords:
    """``gettext`` and ``ngettext`` for click's modules, in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def gettext(self, message: str) -> str:
        if message in WRITTEN_BY_FORMATTER:
            return message
        text = _catalog(self.lang).click.get(message)
        return text if isinstance(text, str) else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = _catalog(self.lang).click.get(singular)
        if not isinstance(forms, list):
            return singular if n == 1 else plural
        return forms[min(plural_index(self.lang, n), len(forms) - 1)]


@contextmanager
def click_in_language(lang: str) -> Iterator[None]:
    """Click's own words in ``lang`` while the block runs (one CLI invocation)."""
    words = ClickWords(lang)
    swapped = []
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        for attr, standard, ours in (("_", gettext.gettext, words.gettext),
                                     ("ngettext", gettext.ngettext, words.ngettext)):
            if vars(module).get(attr) is standard:
                setattr(module, attr, ours)
                swapped.append((module, attr, standard))
    try:
        yield
    finally:
        for module, attr, standard in swapped:
            setattr(module, attr, standard)


def unknown_language(given: str | None, lang: str) -> str:
    """``--lang``'s (or ``--gloss``'s) error for a value that is no language, in ``lang``."""
    return Text("cli.unknown_language", {"given": given}).render(lang)


# ---------------------------------------------------------------------------------- the help
def width_of(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


WIDE = r"\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
#: A wide character, a word, or a run of spaces (compiled on first use: ``re`` keeps it).
CHUNKS = rf"[{WIDE}]|[^\s{WIDE}]+|\s+"
#: Punctuation a line may not begin with, and punctuation it may not end with.
NO_START = set("，。、；：）」』！？…,.;:)]»")
NO_END = set("（「『([«")


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, breaking between words or between wide
    characters, never before closing or after opening punctuation; paragraphs (blank lines)
    stay apart."""
    lines: list[str] = []
    for number, paragraph in enumerate(text.split("\n\n")):
        if number:
            lines.append("")
        line: list[str] = []
        space = ""
        for chunk in re.findall(CHUNKS, paragraph.strip()):
            if chunk.isspace():  # kept as written (click's "  [default: …]"), a line break as a space
                space = " " if "\n" in chunk else chunk
                continue
            piece = space + chunk
            space = ""
            if line and width_of("".join(line) + piece) > width:
                line.append(piece)
                cut = len(line) - 1  # the new chunk begins the next line, with what must go along
                while cut > 1 and (line[cut].lstrip()[:1] in NO_START or line[cut - 1].rstrip()[-1:] in NO_END):
                    cut -= 1
                lines.append("".join(line[:cut]).rstrip())
                line = [line[cut].lstrip(), *line[cut + 1:]]
                continue
            line.append(piece)
        lines.append("".join(line).rstrip())
    return lines


def first_sentence(text: str, lang: str) -> str:
    """The first sentence of the first paragraph (what a group's list of commands shows)."""
    paragraph = " ".join(text.split("\n\n")[0].split())
    for end in re.finditer(r"[。！？]|[.!?](?=\s+(\w)|$)", paragraph):
        if end.group(1) is None or not end.group(1).islower():  # not "e.g. a …"
            return paragraph[: end.end()]
    return paragraph


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns with an ellipsis: between words where it has spaces,
    anywhere between Chinese characters."""
    if width_of(text) <= width:
        return text
    cut = text
    while cut and width_of(cut) > width - 1:
        cut = cut[:-1]
    if not text[len(cut)].isspace() and width_of(cut[-1:]) == 1 and " " in cut:
        cut = cut.rpartition(" ")[0]
    return cut.rstrip(" ,，、;；:：(（") + "…"


class Formatter(click.HelpFormatter):
    """Click's help formatter, writing ``command``'s help in ``lang``: each English help text
    (a command's, an option's, a sub-command's in a group's list) is swapped for its
    translation; a text without one is written as it is."""

    def __init__(self, lang: str, command: click.Command, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.command = command
        self.texts = help_texts(lang)

    def translate(self, text: str) -> str:
        """A help text, or an option's help text followed by click's ``  [default: …]``."""
        if text in self.texts:
            return self.texts[text]
        help, sep, extra = text.partition("  [")
        return self.texts[help] + sep + extra if sep and help in self.texts else text

    def short_help(self, name: str, text: str, width: int) -> str:
        """A sub-command's line in a group's list: the first sentence of its translated help."""
        command = getattr(self.command, "commands", {}).get(name)
        if command is None or command.short_help or not command.help or not text:
            return self.translate(text)
        english = inspect.cleandoc(command.help).partition("\f")[0]
        if english not in self.texts:
            return text
        return shorten(first_sentence(self.texts[english], self.lang), width)

    def write_heading(self, heading: str) -> None:
        said = Text("cli.heading", {"heading": heading}).render(self.lang)
        self.write(f"{'':>{self.current_indent}}{said}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in wrap(self.translate(text), max(self.width - self.current_indent, 11)):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if not rows:
            return
        if any(len(row) != 2 for row in rows):
            raise TypeError("Expected two columns for definition list")
        short_width = self.width - 6 - max(width_of(first) for first, _ in rows)
        first_col = min(max(width_of(first) for first, _ in rows), col_max) + col_spacing
        for first, second in rows:
            second = (self.translate(second) if first.startswith("-")
                      else self.short_help(first, second, short_width))
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width_of(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width_of(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - 2, 10))
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n" if line else "\n")
