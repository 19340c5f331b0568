"""Display names: states from CLDR through Babel, organizations from their data files.

``zh-Hant`` is CLDR's Traditional Chinese, which resolves to Taiwan usage (哈薩克, 亞塞拜然,
喬治亞); historical states without a CLDR name carry their names in ``states.yaml``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from .model import Organization, State

_BABEL = {"en": "en", "zh-Hant": "zh_Hant", "ru": "ru"}


@lru_cache(maxsize=None)
def _territories(lang: str) -> Mapping[str, str]:
    from babel import Locale

    return Locale.parse(_BABEL.get(lang, "en")).territories


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


def _bundled():
    from .atlas import Atlas

    return Atlas.bundled()


def state_name(iso3: str, lang: str = "en") -> str:
    """The name of a state of the bundled atlas, or the code itself when it is not there."""
    state = _bundled().states.get(iso3)
    return state_display(state, lang) if state is not None else iso3


def org_name(org_id: str, lang: str = "en", short: bool = False) -> str:
    """The name (or, with ``short``, the acronym) of an organization of the bundled atlas."""
    org = _bundled().orgs.get(org_id)
    return org_display(org, lang, short) if org is not None else org_id
