"""Words and dates as figures print them: keys of the one translation table
(``blocmap.core.i18n``, en / zh-Hant / ru) and dates written by CLDR through Babel."""

from __future__ import annotations

import datetime as dt

_BABEL_LOCALE = {"en": "en", "zh-Hant": "zh_Hant_TW", "ru": "ru"}


def text(key: str, lang: str, **values: object) -> str:
    """The string ``key`` of the project's translation table in ``lang``, ``values`` filled in."""
    from blocmap.core.i18n import t

    return t(key, lang).format(**values)


def day(value: dt.date, lang: str) -> str:
    """A date written the way ``lang`` writes it (CLDR through Babel)."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=_BABEL_LOCALE.get(lang, "en"))
