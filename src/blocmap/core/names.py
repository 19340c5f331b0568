"""Display names: states from CLDR (a table generated from Babel), organizations from their
data files.

``zh-Hant`` is CLDR's Traditional Chinese, which resolves to Taiwan usage (哈薩克, 亞塞拜然,
喬治亞); historical states without a CLDR name carry their names in ``states.yaml``.

Loading CLDR through Babel costs tens of milliseconds at every start, so the names of every
CLDR territory in the three languages are generated once into ``data/cldr-names.json``
(``python -m blocmap.core.names`` writes it; a test checks it equals what the pinned Babel gives).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from blocmap.core.model import Organization, State

_BABEL = {"en": "en", "zh-Hant": "zh_Hant", "ru": "ru"}
#: The generated table: {lang: {ISO alpha-2: name}} and the Babel/CLDR versions it came from.
TABLE = Path(__file__).parents[1] / "data" / "cldr-names.json"


def cldr_table() -> dict:
    """The names of every CLDR territory with an ISO alpha-2 code, in each language, from Babel."""
    import babel
    from babel import Locale

    names = {}
    for lang, locale in _BABEL.items():
        territories = Locale.parse(locale).territories
        names[lang] = {code: territories[code] for code in sorted(territories)
                       if len(code) == 2 and code.isalpha()}
    return {"babel": babel.__version__, "names": names}


@lru_cache(maxsize=None)
def _territories(lang: str) -> Mapping[str, str]:
    table = json.loads(TABLE.read_text(encoding="utf-8"))["names"]
    return table.get(lang, table["en"])


def state_display(state: "State", lang: str = "en") -> str:
    if lang in state.names:
        return state.names[lang]
    if state.iso2:
        name = _territories(lang).get(state.iso2)
        if name:
            return name
    return state.names.get("en", state.iso3)


def org_display(org: "Organization", lang: str = "en", short: bool = False) -> str:
    if short and lang in org.acronyms:
        return org.acronyms[lang]
    return org.names.get(lang) or org.names["en"]


if __name__ == "__main__":  # regenerate the table after a Babel upgrade
    TABLE.write_text(json.dumps(cldr_table(), ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                     encoding="utf-8")
    print(f"wrote {TABLE}")
