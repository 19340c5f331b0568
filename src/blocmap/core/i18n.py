"""Looking up the words a reader sees (``messages.py`` reads them from the gettext catalogs).

Names of states come from CLDR (``names.py``); names of organizations from their data files.
Everything else a user reads — statuses, event kinds, column headers, the API's reference page,
errors and data-file problems — is a message of the catalogs under ``src/blocmap/locale``.
"""

from __future__ import annotations

import functools
from typing import Any

from blocmap.core.errors import BlocmapError, QueryError
from blocmap.core.messages import LANGUAGES, TABLE, Count, Text, catalog, count_text, has, text_of

__all__ = ["LANG_HELP", "TABLE", "Count", "aside", "count_text", "field", "joined", "named", "error_text", "has", "lang_aliases", "parse_lang", "punctuation", "t", "tn"]

#: How the help texts and the README write the choice.
LANG_HELP = text_of("err.lang_choices") or ""


@functools.cache
def lang_aliases() -> dict[str, str]:
    """Other forms of a language's code its catalog lists (``lang.aliases``: ``zh-TW`` for
    ``zh-Hant``), folded → the code.  Read only for a form that is no code itself."""
    forms = {}
    english = text_of("lang.aliases") or ""
    for lang in LANGUAGES:
        own = catalog(lang)
        aliases = own.texts.get("lang.aliases", "") if own is not None else ""
        if lang != "en" and aliases == english:
            continue  # not translated: the English catalog's forms are English's
        for alias in aliases.split():
            forms.setdefault(alias.replace("_", "-").casefold(), lang)
    return forms


def error_text(exc: BaseException, lang: str = "en") -> str:
    """An error for a reader, in ``lang``: every ``BlocmapError`` built from the catalogs
    (``QueryError.of``, ``Problem.of`` …) renders its message; anything else says its message."""
    if isinstance(exc, BlocmapError):
        return exc.render(lang)
    text = getattr(exc, "text", None)
    return text.render(lang) if isinstance(text, Text) else str(exc)


def find_lang(text: str) -> str | None:
    """The language of a form people write (any case, ``_`` or ``-``, with a region or script
    after it: ``ru-RU``, ``zh_Hant_TW``), or None."""
    tag = str(text).strip().replace("_", "-").casefold()
    codes = {lang.casefold(): lang for lang in LANGUAGES}
    for forms in (codes, None):
        forms = forms if forms is not None else lang_aliases()
        cut = tag
        while cut:
            if cut in forms:
                return forms[cut]
            cut = cut.rpartition("-")[0]
    return None


def parse_lang(text: str | None, parameter: str = "lang") -> str:
    """A language of ``LANGUAGES`` from any form people write (``find_lang``); English when absent."""
    if text is None or not str(text).strip():
        return "en"
    found = find_lang(text)
    if found is None:
        raise QueryError.of("err.language", parameter, given=text, choices=Text("err.lang_choices"))
    return found


def tn(key: str, n: int, lang: str = "en", **values: object) -> str:
    """The counted message ``key`` for ``n`` in ``lang``, its placeholders filled (``{n}`` is ``n``)."""
    return count_text(key, n, lang).format(n=n, **values)


def t(key: str, lang: str = "en") -> str:
    """The text of ``key`` in ``lang`` (English where the key or language is unknown)."""
    found = text_of(key, lang)
    return key.split(".", 1)[-1] if found is None else found


# The pieces a line is built from, with the reader's punctuation (full-width in Chinese).
def field(label: str, value: object, lang: str = "en") -> str:
    """``label: value`` (``label：value`` in Chinese)."""
    return Text("text.field", {"label": label, "value": value}).render(lang)


def aside(text: str, note: object, lang: str = "en") -> str:
    """``text (note)`` (``text（note）`` in Chinese)."""
    return Text("text.aside", {"text": text, "aside": note}).render(lang)


def joined(items, lang: str = "en", semicolons: bool = False) -> str:
    """Items joined by the reader's comma (``、`` in Chinese) or semicolon (``；``)."""
    return t("list.semicolon" if semicolons else "list.sep", lang).join(str(item) for item in items)


def named(name: str, acronym: str | None, lang: str = "en") -> str:
    """A name with its acronym aside, or the name alone where the acronym is the name."""
    return aside(name, acronym, lang) if acronym and acronym != name else name


@functools.lru_cache(maxsize=16)
def punctuation(lang: str) -> dict[str, Any]:
    """The pieces a template puts between words, in the reader's punctuation (``core.i18n``'s
    ``field``, ``aside``, ``joined``; full-width in Chinese), safe for HTML: the pieces are
    escaped unless they are markup already (a link, a macro's output).

    ``field(label, value)``: "label: value"; ``aside(text, note)``: "text (note)";
    ``tail(note)``: " (note)", what follows a word already written; ``sep``: the list comma;
    ``joined(items)``; ``colon``: what follows a label.  Each takes ``in_lang`` for a piece
    written in another language than the page's (a name in the "Names" table).  The web
    pages and the report use these same pieces."""
    from markupsafe import Markup, escape

    def shape(key: str, in_lang: str | None) -> Markup:
        return Markup(escape(t(key, in_lang or lang)))  # the catalogs' punctuation has no markup

    def field(label: Any, value: Any, in_lang: str | None = None) -> Markup:
        return shape("text.field", in_lang).format(label=label, value=value)

    def aside(text: Any, note: Any, in_lang: str | None = None) -> Markup:
        return shape("text.aside", in_lang).format(text=text, aside=note)

    def tail(note: Any, in_lang: str | None = None) -> Markup:
        return aside("", note, in_lang)

    def say(key: str, **values: Any) -> Markup:  # a message with its values escaped, not itself
        return shape(key, None).format(**values)

    def count(key: str, n: int, **values: Any) -> Markup:  # the form of a counted message for n
        return Markup(escape(tn(key, n, lang, **{k: "{" + k + "}" for k in values}))).format(**values)

    def joined(items: Any, semicolons: bool = False, in_lang: str | None = None) -> Markup:
        return shape("list.semicolon" if semicolons else "list.sep", in_lang).join(items)

    return {"field": field, "aside": aside, "tail": tail, "joined": joined, "say": say, "count": count, "sep": shape("list.sep", None),
            "colon": field("", ""), "gap": gap(lang)}


def gap(lang: str) -> str:
    """What comes between a word and a bracketed note after it in ``lang`` (the catalogs'
    ``text.aside``): a space in English and Russian, nothing before Chinese （）."""
    import re

    between = t("text.aside", lang).partition("{text}")[2].partition("{aside}")[0]
    return re.match(r"\s*", between).group()
