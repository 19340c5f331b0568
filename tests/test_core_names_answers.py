"""Names that know the answer: a state's and an organization's name on a day in each language, CLDR's
names by ISO code, and the numbered notes of ``[@key]`` citations, with the expected names read from
``states.yaml``, ``orgs/*.yaml`` and ``data/cldr-names.json``."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from blocmap.core.citemarks import keys_in, numbered
from blocmap.core.model import FormerName
from blocmap.core.names import country_name, org_display, state_display

GERMANY_ZH, GERMANY_RU = "\u5fb7\u570b", "\u0413\u0435\u0440\u043c\u0430\u043d\u0438\u044f"  # CLDR
WEST_GERMANY_ZH, WEST_GERMANY_RU = "\u897f\u5fb7", "\u0424\u0420\u0413"  # states.yaml
THAILAND_ZH, THAILAND_RU = "\u6cf0\u570b", "\u0422\u0430\u0438\u043b\u0430\u043d\u0434"
CACO_ZH = "\u4e2d\u4e9e\u5408\u4f5c\u7d44\u7e54"  # caco.yaml names.zh-Hant (no zh-Hant acronym)
CACO_RU_SHORT = "\u041e\u0426\u0410\u0421"
CAEC_ZH = "\u4e2d\u4e9e\u7d93\u6fdf\u5171\u540c\u9ad4"  # its name 1998-07-17..2002-02-27 (acronyms en, ru only)
CAEC_RU_SHORT = "\u0426\u0410\u042d\u0421"


# -- states --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("on, lang, expected", [
    (dt.date(1960, 1, 1), "en", "West Germany"),
    (dt.date(1990, 10, 2), "en", "West Germany"),  # the former name's last day
    (dt.date(1990, 10, 3), "en", "Germany"),  # CLDR's name from the next day
    (None, "en", "Germany"),
    (dt.date(1960, 1, 1), "zh-Hant", WEST_GERMANY_ZH),
    (dt.date(1960, 1, 1), "ru", WEST_GERMANY_RU),
    (None, "zh-Hant", GERMANY_ZH),
    (None, "ru", GERMANY_RU),
    (dt.date(1960, 1, 1), "de", "West Germany"),  # a language the former name lacks: English
    (None, "de", "Germany"),  # a language CLDR's table lacks: English
])
def test_germany_on_a_day(atlas, on, lang, expected) -> None:
    assert state_display(atlas.states["DEU"], lang, on) == expected


def test_a_state_with_names_of_its_own(atlas) -> None:
    """Czechoslovakia: iso2 CS, which CLDR does not list; states.yaml gives its names."""
    czechoslovakia = atlas.states["CSK"]
    assert state_display(czechoslovakia, "en") == "Czechoslovakia"
    assert state_display(czechoslovakia, "ru") == ("\u0427\u0435\u0445\u043e\u0441\u043b\u043e\u0432\u0430"
                                                   "\u043a\u0438\u044f")
    # with only an English name, every language gets it; with none, its code
    assert state_display(replace(czechoslovakia, names={"en": "Czechoslovakia"}), "ru") == "Czechoslovakia"
    assert state_display(replace(czechoslovakia, names={}), "ru") == "CSK"
    assert state_display(replace(czechoslovakia, names={}, iso2=None), "en") == "CSK"


def test_a_state_named_by_cldr_even_with_an_english_name(atlas) -> None:
    germany = replace(atlas.states["DEU"], names={"en": "Deutschland (test)"}, former_names=())
    assert state_display(germany, "ru") == GERMANY_RU  # CLDR's Russian before the English fallback
    assert state_display(germany, "en") == "Deutschland (test)"  # the state's own name first


def test_a_former_name_in_english_only(atlas) -> None:
    only_english = (FormerName(atlas.states["DEU"].former_names[0].until, {"en": "West Germany"}),)
    germany = replace(atlas.states["DEU"], former_names=only_english)
    assert state_display(germany, "ru", dt.date(1960, 1, 1)) == "West Germany"
    assert state_display(germany, "ru", dt.date(1995, 1, 1)) == GERMANY_RU


@pytest.mark.parametrize("iso3, lang, expected", [
    ("THA", "en", "Thailand"), ("THA", "zh-Hant", THAILAND_ZH), ("THA", "ru", THAILAND_RU),
    ("THA", "de", "Thailand"),  # no table in that language: English
    ("SUN", "en", None),  # CLDR maps it to several codes: no one name
    ("XXX", "en", None),
])
def test_country_name(iso3, lang, expected) -> None:
    assert country_name(iso3, lang) == expected


def test_country_name_by_default_in_english() -> None:
    assert country_name("THA") == "Thailand"


# -- organizations ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("on, lang, short, expected", [
    (None, "en", False, "Central Asian Cooperation Organization"),
    (None, "en", True, "CACO"),
    (None, "ru", True, CACO_RU_SHORT),
    (None, "zh-Hant", True, CACO_ZH),  # no zh-Hant acronym: the name
    (None, "zh-Hant", False, CACO_ZH),
    (None, "de", True, "Central Asian Cooperation Organization"),  # no such acronym nor name: English's name
    (dt.date(1995, 1, 1), "en", True, "Central Asian Economic Union"),  # a former name with no acronym
    (dt.date(1998, 7, 16), "en", False, "Central Asian Economic Union"),
    (dt.date(1998, 7, 17), "en", False, "Central Asian Economic Community"),
    (dt.date(2000, 1, 1), "en", True, "CAEC"),
    (dt.date(2000, 1, 1), "ru", True, CAEC_RU_SHORT),
    (dt.date(2000, 1, 1), "zh-Hant", True, CAEC_ZH),
    (dt.date(2002, 2, 28), "en", True, "CACO"),
])
def test_caco_on_a_day(atlas, on, lang, short, expected) -> None:
    assert org_display(atlas.orgs["caco"], lang, short, on) == expected


def test_org_display_defaults(atlas) -> None:
    assert org_display(atlas.orgs["caco"]) == "Central Asian Cooperation Organization"
    assert org_display(atlas.orgs["cis"], short=True) == "CIS"


# -- citation marks ---------------------------------------------------------------------------------------


def test_keys_in_order_of_first_use() -> None:
    text = "as [@b-2.x] says, and [@a_1] too; see [@b-2.x] again"
    assert keys_in(text) == ["b-2.x", "a_1"]
    assert keys_in(None) == [] and keys_in("") == []
    # not marks: no key, a key that begins with a sign, a key with a space, an '@' outside brackets
    assert keys_in("[@] [@-x] [@a b] @key [key]") == []


def test_numbered() -> None:
    text = "pending (see [@mail-ru-2025]); [@tass] and [@mail-ru-2025]"
    assert numbered(text) == ("pending (see [1]); [2] and [1]", ["mail-ru-2025", "tass"])
    assert numbered(text, start=3) == ("pending (see [3]); [4] and [3]", ["mail-ru-2025", "tass"])
    assert numbered("no marks here") == ("no marks here", [])
    assert numbered(None) == ("", [])
    assert numbered("") == ("", [])


# -- the generated CLDR table ------------------------------------------------------------------------------


def test_the_cldr_table_is_what_the_pinned_babel_gives() -> None:
    """data/cldr-names.json is cldr_table()'s output: two-letter territories only (no "001", the world, nor
    "EU"-style groupings left out by letters), and the alpha-3 aliases that name one territory."""
    import json

    from blocmap.core.names import TABLE, cldr_table

    built = cldr_table()
    assert built == json.loads(TABLE.read_text(encoding="utf-8"))
    assert sorted(built) == ["alpha3", "babel", "names"] and sorted(built["names"]) == ["en", "ru", "zh-Hant"]
    assert built["names"]["en"]["TH"] == "Thailand" and built["names"]["ru"]["TH"] == THAILAND_RU
    assert built["names"]["zh-Hant"]["DE"] == GERMANY_ZH
    assert all(len(code) == 2 and code.isalpha() for lang in built["names"].values() for code in lang)
    assert "001" not in built["names"]["en"] and "419" not in built["names"]["en"]  # regions, not territories
    assert built["alpha3"]["THA"] == "TH" and built["alpha3"]["DEU"] == "DE"
    assert "SUN" not in built["alpha3"] and "YUG" not in built["alpha3"]  # became several territories
    assert all(len(code) == 3 and code.isalpha() and alpha2 in built["names"]["en"]
               for code, alpha2 in built["alpha3"].items())
    assert list(built["names"]["en"]) == sorted(built["names"]["en"])
