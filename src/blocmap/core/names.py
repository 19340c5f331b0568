"""Display names: states from CLDR (a table generated from Babel), organizations from their
data files.

``zh-Hant`` is CLDR's Traditional Chinese, which resolves to Taiwan usage (Kazakhstan, Azerbaijan
and Georgia as Taiwan writes them); historical states without a CLDR name carry their names in ``states.yaml``.

Loading CLDR through Babel costs tens of milliseconds at every start, so the names of every
CLDR territory in the three languages are generated once into ``data/cldr-names.json``
(``python -m blocmap.core.names`` writes it; a test checks it equals what the pinned Babel gives).
"""

from __future__ import annotations

import datetime as dt

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from blocmap.core.model import Organization, State

#: The generated table: {lang: {ISO alpha-2: name}} and the Babel/CLDR versions it came from.
TABLE = Path(__file__).parents[1] / "data" / "cldr-names.json"


def cldr_table() -> dict:
    """The names of every CLDR territory with an ISO alpha-2 code, in each language, from Babel."""
    import babel
    from babel import Locale

    from babel.core import get_global

    from blocmap.core.messages import LANGUAGES

    names = {}
    for lang, locale in {lang: lang.replace("-", "_") for lang in LANGUAGES}.items():  # every language with a catalog
        territories = Locale.parse(locale).territories
        names[lang] = {code: territories[code] for code in sorted(territories)
                       if len(code) == 2 and code.isalpha()}
    # CLDR's aliases of ISO alpha-3 codes to alpha-2 ("THA" → "TH"); a code that became several
    # (SUN, YUG) has no one name and is left out
    alpha3 = {code: replacement[0] for code, replacement in sorted(get_global("territory_aliases").items())
              if len(code) == 3 and code.isalpha() and len(replacement) == 1 and replacement[0] in names["en"]}
    return {"babel": babel.__version__, "names": names, "alpha3": alpha3}


@lru_cache(maxsize=None)
def _territories(lang: str) -> Mapping[str, str]:
    table = json.loads(TABLE.read_text(encoding="utf-8"))["names"]
    return table.get(lang, table["en"])


@lru_cache(maxsize=1)
def _alpha2() -> Mapping[str, str]:
    return json.loads(TABLE.read_text(encoding="utf-8"))["alpha3"]


def country_name(iso3: str, lang: str = "en") -> str | None:
    """CLDR's name of a country by its ISO alpha-3 code (for states outside ``states.yaml``,
    e.g. those of an imported COW organization), or None where CLDR has no such code."""
    alpha2 = _alpha2().get(iso3)
    return _territories(lang).get(alpha2) if alpha2 else None


def state_display(state: "State", lang: str = "en", on: "dt.date | None" = None) -> str:
    """The state's name in ``lang`` as it was on ``on`` (today's where None or unchanged)."""
    former = state.named_on(on)
    if former is not None:
        return former.names.get(lang) or former.names["en"]
    if lang in state.names:
        return state.names[lang]
    if state.iso2:
        name = _territories(lang).get(state.iso2)
        if name:
            return name
    return state.names.get("en", state.iso3)


def org_display(org: "Organization", lang: str = "en", short: bool = False, on: "dt.date | None" = None) -> str:
    """The organization's name (``short``: its acronym) in ``lang`` as it was called on ``on``
    (today's name where ``on`` is None or the organization bore no other name then)."""
    former = org.named_on(on)
    names, acronyms = (former.names, former.acronyms) if former is not None else (org.names, org.acronyms)
    if short and lang in acronyms:
        return acronyms[lang]
    return names.get(lang) or names["en"]


if __name__ == "__main__":  # regenerate the table after a Babel upgrade
    TABLE.write_text(json.dumps(cldr_table(), ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                     encoding="utf-8")
    print(f"wrote {TABLE}")
