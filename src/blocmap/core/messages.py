"""The words a reader sees, in every language blocmap has a catalog for: gettext catalogs under
``src/blocmap/locale`` (``<lang>/LC_MESSAGES/blocmap.po``, compiled to ``.mo``), read here with
the standard library, once per language and only when a text in that language is asked for.

Every message has a key (``status.member``, ``err.unknown.organization``), its ``msgctxt`` in the
catalogs; its ``msgid`` is the English.  A ``Text`` is a key and the values of its placeholders;
the English message of an error and its translations are ``Text.render`` of one message, so they
cannot drift apart.  The catalogs are kept with ``python -m blocmap.cli.catalogs`` (Babel);
``docs/translating.md`` says how.  A language is any folder of ``locale`` with a compiled catalog:
adding one needs no change here.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

LOCALE = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "blocmap"
#: Contexts of the CLI's help texts and click's words (keyed by their English, not by a key).
HELP, CLICK = "help", "click"


def _discover() -> tuple[str, ...]:
    """English, then every language with a compiled catalog (``zh_Hant`` → ``zh-Hant``): in the
    order of ``locale/LINGUAS`` where it lists them, the others after, by code."""
    found = [name for name in os.listdir(LOCALE)
             if name != "en" and os.path.exists(os.path.join(LOCALE, name, "LC_MESSAGES", DOMAIN + ".mo"))]
    try:
        with open(os.path.join(LOCALE, "LINGUAS"), encoding="utf-8") as f:
            listed = [w for line in f for w in line.partition("#")[0].split()]
    except FileNotFoundError:
        listed = []
    found.sort(key=lambda name: (listed.index(name) if name in listed else len(listed), name))
    return ("en", *(name.replace("_", "-") for name in found))


#: The languages a reader can choose (``model.LANGS``).
LANGUAGES: tuple[str, ...] = _discover()


class Catalog:
    """One language's compiled catalog: ``texts`` by key, plural ``forms`` by key, the CLI's
    ``help`` and ``click`` words by their English, and the language's plural rule (CLDR's, as
    Babel writes it in the catalog's header)."""

    def __init__(self, lang: str) -> None:
        import gettext

        path = LOCALE / lang.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.mo"
        with open(path, "rb") as f:
            translations = gettext.GNUTranslations(f)
        self.lang = lang
        self.plural: Callable[[int], int] = translations.plural
        self.texts: dict[str, str] = {}
        self.english: dict[str, str] = {}
        self.forms: dict[str, list[str]] = {}
        self.help: dict[str, str] = {}
        self.click: dict[str, str | list[str]] = {}
        for msgid, text in translations._catalog.items():  # noqa: SLF001 - the parsed .mo, as gettext keeps it
            index = None
            if isinstance(msgid, tuple):
                msgid, index = msgid
            context, sep, english = msgid.partition("\x04")
            if not sep:
                continue  # the header
            if context in (HELP, CLICK):
                table = self.help if context == HELP else self.click
                if index is None:
                    table[english] = text
                else:
                    table.setdefault(english, []).append(text)  # type: ignore[union-attr]
            elif index is None:
                self.texts[context] = text
                self.english[context] = english
            else:
                self.forms.setdefault(context, []).append(text)
                self.english[context] = english
                if index == 0:
                    self.texts[context] = text


@functools.cache
def catalog(lang: str) -> Catalog | None:
    """``lang``'s catalog, read on first use; None for a language without one."""
    return Catalog(lang) if lang in LANGUAGES else None


def text_of(key: str, lang: str = "en") -> str | None:
    """The text of ``key`` in ``lang``; its English where ``lang`` lacks it; None: no such key."""
    if MESSAGES and key in MESSAGES:
        row = MESSAGES[key]
        return row[_ROW.index(lang)] if lang in _ROW else row[0]
    found = catalog(lang) if lang != "en" else None
    if found is not None and key in found.texts:
        return found.texts[key]
    return catalog("en").texts.get(key)  # type: ignore[union-attr]


def has(key: str) -> bool:
    """Whether ``key`` is a message."""
    return key in catalog("en").texts or bool(MESSAGES) and key in MESSAGES  # type: ignore[union-attr]


def count_text(key: str, n: int, lang: str = "en") -> str:
    """The form of ``key`` that goes with the number ``n`` in ``lang``, by the language's plural
    rule (CLDR's, in its catalog's header): Russian has three forms (1, 2–4, 5–20), Chinese one."""
    for code in (lang, "en"):
        found = catalog(code)
        if found is not None and key in found.forms:
            forms = found.forms[key]
            return forms[min(found.plural(n), len(forms) - 1)]
    raise KeyError(f"no counted message '{key}' in the catalogs")


class Rows(Mapping):
    """Every message as a row of its texts in ``LANGUAGES`` order (``TABLE[key][i]``), read from
    the catalogs: for code that asks whether a key exists or wants a text in every language."""

    def __getitem__(self, key: str) -> tuple[str, ...]:
        if not has(key):
            raise KeyError(key)
        return tuple(text_of(key, lang) or "" for lang in LANGUAGES)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and has(key)

    def __iter__(self) -> Iterator[str]:
        yield from catalog("en").texts  # type: ignore[union-attr]
        yield from (k for k in MESSAGES if k not in catalog("en").texts)  # type: ignore[union-attr]

    def __len__(self) -> int:
        return sum(1 for _ in self)


#: All messages, as rows (see ``Rows``).
TABLE = Rows()


class Hints(tuple):
    """Suggestions shown as ``(did you mean 'a' or 'b'?)`` in the reader's language; empty: nothing."""


class Either(tuple):
    """Choices shown as ``a or b`` in the reader's language (a list shows ``a, b``)."""


class Both(tuple):
    """Items shown as ``a and b`` in the reader's language."""


@dataclass(frozen=True)
class Text:
    """A sentence for a reader: a key of the catalogs and the values of its placeholders.

    A value that is a ``Text`` is rendered in the same language; a list is joined with the
    language's comma, an ``Either`` with its 'or', a ``Both`` with its 'and', ``Hints`` as a
    'did you mean'."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if not has(self.key):
            raise KeyError(f"no message '{self.key}' in the catalogs")

    def render(self, lang: str = "en") -> str:
        said = text_of(self.key, lang) or ""
        if "n" in self.values and is_counted(self.key):  # the form that goes with the number n
            said = count_text(self.key, _number(self.values["n"]), lang)
        return said.format(**{name: _show(value, lang) for name, value in self.values.items()})

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True)
class Count:
    """A number of things, shown in the reader's language with the form the number takes
    (``Count("count.organizations", 17)``: "17 organizations", and in Russian the form for 5–20)."""

    key: str
    n: int

    def render(self, lang: str = "en") -> str:
        return count_text(self.key, self.n, lang).format(n=self.n)


def is_counted(key: str) -> bool:
    """Whether ``key`` has plural forms (a ``msgid_plural`` in the catalogs)."""
    return key in catalog("en").forms  # type: ignore[union-attr]


def _number(value: Any) -> int:
    """A count given as a number or as one written with thousands separators ("1,234")."""
    return value if isinstance(value, int) else int(str(value).replace(",", "") or 0)


def _show(value: Any, lang: str) -> str:
    if isinstance(value, (Text, Count)):
        return value.render(lang)
    if isinstance(value, Hints):
        if not value:
            return ""
        return Text("err.did_you_mean", {"hints": Either(f"'{h}'" for h in value)}).render(lang)
    if isinstance(value, Either):
        return Text("err.or").render(lang).join(_show(v, lang) for v in value)
    if isinstance(value, Both):
        return Text("list.and").render(lang).join(_show(v, lang) for v in value)
    if isinstance(value, (list, tuple)):
        return Text("list.sep").render(lang).join(_show(v, lang) for v in value)
    return str(value)


#: The order of the languages in a row written as a Python tuple below.
_ROW = ("en", "zh-Hant", "ru")

#: Rows not yet in the catalogs, written as before the catalogs: ``"key": (en, zh-Hant, ru)``.
#: They are read as they are (over the catalogs) until
#: ``python -m blocmap.cli.catalogs import-rows`` moves them into the catalogs and out of here.
MESSAGES: dict[str, tuple[str, str, str]] = {
}
