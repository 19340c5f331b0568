"""The reader's language with answers written out: which forms of a language's code are understood
(and which are not), the exact refusal of an unknown one, counted messages in each language's plural
forms, and the punctuation pieces in English, Chinese (full-width) and Russian, escaped for HTML."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from blocmap.core import i18n
from blocmap.core.errors import BlocmapError, QueryError
from blocmap.core.i18n import (
    LANG_HELP,
    aside,
    error_text,
    field,
    find_lang,
    gap,
    joined,
    lang_aliases,
    named,
    parse_lang,
    punctuation,
    t,
    tn,
)
from blocmap.core.messages import Text

CHOICES_EN = "en, zh-Hant (Taiwan usage; also zh-TW) or ru (also ru-RU)"


@pytest.fixture(autouse=True)
def _fresh():
    """The memoised answers are made again under each test (a mutant's, not the first run's)."""
    lang_aliases.cache_clear()
    punctuation.cache_clear()
    yield
    lang_aliases.cache_clear()
    punctuation.cache_clear()


def test_the_choices_as_help_writes_them():
    assert LANG_HELP == CHOICES_EN


def test_the_other_forms_of_each_code():
    assert lang_aliases() == {"en": "en", "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "ru": "ru"}


class FakeCatalog:
    def __init__(self, aliases: str | None):
        self.texts = {} if aliases is None else {"lang.aliases": aliases}


def test_forms_of_a_catalog_that_did_not_translate_them(monkeypatch):
    """A catalog whose forms are the English catalog's ('en') did not translate them: skipped; a form two
    catalogs list belongs to the first; '_' is read as '-', in any case; a missing catalog lists none."""
    catalogs = {"en": FakeCatalog("en"), "zh-Hant": FakeCatalog("zh_TW ZH-hk Ru-X"), "ru": FakeCatalog("en")}
    monkeypatch.setattr(i18n, "catalog", catalogs.get)
    assert lang_aliases() == {"en": "en", "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "ru-x": "zh-Hant"}
    lang_aliases.cache_clear()
    catalogs.update({"ru": FakeCatalog("ru-x ru"), "zh-Hant": FakeCatalog(None)})
    assert lang_aliases() == {"en": "en", "ru-x": "ru", "ru": "ru"}
    lang_aliases.cache_clear()
    del catalogs["ru"]
    assert lang_aliases() == {"en": "en"}


@pytest.mark.parametrize("given, lang", [
    ("en", "en"), ("EN", "en"), (" ru ", "ru"), ("ru-RU", "ru"), ("ru_ru", "ru"), ("zh-Hant", "zh-Hant"),
    ("zh_hant_TW", "zh-Hant"), ("ZH-HANT", "zh-Hant"), ("zh-TW", "zh-Hant"), ("zh_hk", "zh-Hant"),
    ("zh-MO-x-private", "zh-Hant"), ("en-GB-oxendict", "en"),
    ("zh", None), ("zh-Hans", None), ("zh-CN", None), ("fr", None), ("", None), ("-", None), ("e", None),
    ("eng", None), ("hant", None), ("-ru", None),
])
def test_the_language_of_a_form(given, lang):
    assert find_lang(given) == lang


def test_parse_lang_and_its_refusal():
    assert parse_lang(None) == "en" and parse_lang("") == "en" and parse_lang("   ") == "en"
    assert parse_lang("zh-TW") == "zh-Hant" and parse_lang("RU") == "ru"
    with pytest.raises(QueryError) as caught:
        parse_lang("fr")
    assert str(caught.value) == f"lang: unknown language 'fr' (use {CHOICES_EN})"
    assert caught.value.parameter == "lang"
    with pytest.raises(QueryError) as caught:
        parse_lang("zh-CN", "language")
    assert str(caught.value) == f"language: unknown language 'zh-CN' (use {CHOICES_EN})"
    assert caught.value.parameter == "language"
    assert caught.value.render("zh-Hant") == (
        "language：未知的語言「zh-CN」（請用 en、zh-Hant（臺灣用語；亦可寫 zh-TW）或 ru（亦可寫 ru-RU））")


def test_an_error_in_the_readers_language():
    error = QueryError.of("err.language", "lang", given="xx", choices=Text("err.lang_choices"))
    assert error_text(error, "ru") == ("lang: неизвестный язык «xx» (используйте en, zh-Hant (тайваньская норма; "
                                       "также zh-TW) или ru (также ru-RU))")
    assert error_text(error) == f"lang: unknown language 'xx' (use {CHOICES_EN})"
    assert error_text(BlocmapError("plain words"), "ru") == "plain words"
    assert error_text(ValueError("a bug"), "zh-Hant") == "a bug"

    class Carrying(Exception):
        text = Text("list.and")

    class NotText(Exception):
        text = "list.and"

    assert error_text(Carrying("x"), "ru") == " и " and error_text(Carrying("x")) == " and "
    assert error_text(NotText("mine"), "ru") == "mine"


@pytest.mark.parametrize("n, ru", [(1, "изменения"), (2, "изменений"), (5, "изменений"), (21, "изменения"),
                                   (0, "изменений")])
def test_counted_messages_in_each_language(n, ru):
    assert tn("count.quality", n, "ru") == f"Доказательства для {n} {ru} статуса:"
    assert tn("count.quality", n, "zh-Hant") == f"其 {n} 項身分變動的證據："
    english = "change" if n == 1 else "changes"
    assert tn("count.quality", n) == f"Evidence for its {n} status {english}:"
    assert tn("count.quality", n, "xx") == f"Evidence for its {n} status {english}:"


def test_a_counted_message_with_other_values():
    assert tn("data.and_more", 2, first="a.yaml: wrong") == "a.yaml: wrong (and 2 more problems)"
    assert tn("data.and_more", 1, "ru", first="x") == "x (и ещё 1 проблема)"


def test_a_text_by_its_key():
    assert t("list.sep") == ", " and t("list.sep", "zh-Hant") == "、" and t("list.sep", "ru") == ", "
    assert t("list.and", "xx") == " and "  # a language without a catalog: English
    assert t("no.such.key") == "such.key" and t("nokey", "ru") == "nokey"


@pytest.mark.parametrize("lang, said", [
    ("en", ("Members: 5", "CSTO (2002)", "a, b, c", "a; b", "Name (N)", "Name", "Name")),
    ("zh-Hant", ("Members：5", "CSTO（2002）", "a、b、c", "a；b", "Name（N）", "Name", "Name")),
    ("ru", ("Members: 5", "CSTO (2002)", "a, b, c", "a; b", "Name (N)", "Name", "Name")),
])
def test_the_pieces_of_a_line(lang, said):
    assert (field("Members", 5, lang), aside("CSTO", 2002, lang), joined(["a", "b", "c"], lang),
            joined(("a", "b"), lang, semicolons=True), named("Name", "N", lang), named("Name", None, lang),
            named("Name", "Name", lang)) == said


def test_the_pieces_in_english_by_default():
    assert (field("a", "b"), aside("a", "b"), joined([1, 2]), named("N", "A")) == ("a: b", "a (b)", "1, 2", "N (A)")
    assert joined([]) == "" and joined(["x"], semicolons=True) == "x"


def test_what_comes_between_a_word_and_its_note():
    assert (gap("en"), gap("zh-Hant"), gap("ru"), gap("xx")) == (" ", "", " ", " ")


def test_the_punctuation_of_templates_in_english():
    p = punctuation("en")
    assert set(p) == {"field", "aside", "tail", "joined", "say", "count", "sep", "colon", "gap"}
    assert p["field"]("<b>", "x&y") == Markup("&lt;b&gt;: x&amp;y")
    assert p["field"](Markup("<b>L</b>"), "v") == Markup("<b>L</b>: v")
    assert p["field"]("L", "v", "zh-Hant") == Markup("L：v")
    assert p["aside"]("a", "<n>") == Markup("a (&lt;n&gt;)") and p["aside"]("a", "n", "zh-Hant") == Markup("a（n）")
    assert p["tail"]("n") == Markup(" (n)") and p["tail"]("n", "zh-Hant") == Markup("（n）")
    assert p["joined"](["<a>", Markup("<i>b</i>")]) == Markup("&lt;a&gt;, <i>b</i>")
    assert p["joined"](["a", "b"], True) == Markup("a; b") and p["joined"](["a", "b"], in_lang="zh-Hant") == "a、b"
    assert p["say"]("err.language", parameter="p", given="<x>", choices="c") == Markup(
        "p: unknown language &#39;&lt;x&gt;&#39; (use c)")  # the message's own quotes escaped too
    assert p["count"]("count.quality", 3) == Markup("Evidence for its 3 status changes:")
    assert p["count"]("data.and_more", 1, first="<f>") == Markup("&lt;f&gt; (and 1 more problem)")
    assert p["sep"] == Markup(", ") and p["colon"] == Markup(": ") and p["gap"] == " "
    assert all(isinstance(p[k], Markup) for k in ("sep", "colon"))


def test_the_punctuation_of_templates_in_chinese_and_russian():
    zh, ru = punctuation("zh-Hant"), punctuation("ru")
    assert zh["field"]("a", "b") == "a：b" and zh["aside"]("a", "b") == "a（b）" and zh["tail"]("b") == "（b）"
    assert zh["sep"] == "、" and zh["colon"] == "：" and zh["gap"] == ""
    assert zh["joined"](["a", "b"], True) == "a；b" and zh["field"]("a", "b", "en") == "a: b"
    assert zh["count"]("count.quality", 2) == "其 2 項身分變動的證據："
    assert ru["count"]("count.quality", 2) == "Доказательства для 2 изменений статуса:"
    assert ru["count"]("count.quality", 1) == "Доказательства для 1 изменения статуса:"
    assert ru["say"]("list.and") == " и " and ru["colon"] == ": " and ru["gap"] == " "
