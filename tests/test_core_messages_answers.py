"""The compiled catalogs as blocmap reads them, with answers written out: the languages and their
order, each catalog's parts (texts, plural forms, help texts, click's words), a text in a language
that lacks it, rows still written in Python over the catalogs, counted forms by each language's
plural rule, and how a ``Text`` shows each kind of value (lists, 'or', 'and', hints, counts)."""

from __future__ import annotations

import pytest

from blocmap.core import messages
from blocmap.core.messages import (
    LANGUAGES,
    TABLE,
    Both,
    Count,
    Either,
    Hints,
    Text,
    catalog,
    count_text,
    has,
    is_counted,
    text_of,
)


@pytest.fixture(autouse=True)
def _fresh():
    messages.catalog.cache_clear()
    yield
    messages.catalog.cache_clear()


def test_the_languages_in_order():
    assert LANGUAGES == ("en", "zh-Hant", "ru")
    assert messages._discover() == ("en", "zh-Hant", "ru")


def test_languages_found_in_the_folder(tmp_path, monkeypatch):
    for name in ("ru", "zh_Hant", "de", "aa", "empty"):
        (tmp_path / name / "LC_MESSAGES").mkdir(parents=True)
        if name != "empty":
            (tmp_path / name / "LC_MESSAGES" / "blocmap.mo").write_bytes(b"")
    (tmp_path / "en" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "en" / "LC_MESSAGES" / "blocmap.mo").write_bytes(b"")
    monkeypatch.setattr(messages, "LOCALE", tmp_path)
    assert messages._discover() == ("en", "aa", "de", "ru", "zh-Hant")  # no LINGUAS: by code
    (tmp_path / "LINGUAS").write_text("# the order\nzh_Hant ru # Chinese first\n\nde\n", encoding="utf-8")
    assert messages._discover() == ("en", "zh-Hant", "ru", "de", "aa")  # listed first, the others after


def test_the_parts_of_a_catalog():
    ru = catalog("ru")
    assert ru.lang == "ru"
    assert ru.texts["status.member"] == "член" and ru.english["status.member"] == "member"
    assert ru.forms["count.quality"] == ["Доказательства для {n} изменения статуса:",
                                         "Доказательства для {n} изменений статуса:",
                                         "Доказательства для {n} изменений статуса:"]
    assert ru.texts["count.quality"] == "Доказательства для {n} изменения статуса:"  # the first form
    assert ru.english["count.quality"] == "Evidence for its {n} status change:"
    assert ru.click["Aborted!"] == "Прервано!"
    assert ru.click["Got unexpected extra argument ({args})"][0] == "Лишний аргумент ({args})"
    assert len(ru.click["Got unexpected extra argument ({args})"]) == 3
    assert "" not in ru.texts and "help" not in ru.texts and "click" not in ru.texts
    assert [ru.plural(n) for n in (1, 2, 5, 11, 21, 22, 25)] == [0, 1, 2, 2, 0, 1, 2]
    assert [catalog("zh-Hant").plural(n) for n in (1, 2)] == [0, 0]
    assert [catalog("en").plural(n) for n in (1, 2, 0)] == [0, 1, 1]
    assert catalog("fr") is None and catalog("zh_Hant") is None
    assert catalog("ru") is ru  # read once


def test_help_texts_by_their_english():
    zh = catalog("zh-Hant")
    english = next(iter(zh.help))
    assert zh.help[english] and zh.help[english] != english


def test_a_text_in_each_language():
    assert [text_of("status.member", lang) for lang in ("en", "zh-Hant", "ru", "fr")] == [
        "member", "正式成員", "член", "member"]
    assert text_of("no.such.key") is None and text_of("no.such.key", "ru") is None


def test_rows_written_in_python_come_first(monkeypatch):
    monkeypatch.setitem(messages.MESSAGES, "word.row", ("row", "列", "ряд"))
    monkeypatch.setitem(messages.MESSAGES, "status.member", ("MEMBER", "成員", "ЧЛЕН"))
    assert [text_of("word.row", lang) for lang in ("en", "zh-Hant", "ru", "fr")] == ["row", "列", "ряд", "row"]
    assert text_of("status.member", "ru") == "ЧЛЕН"
    assert has("word.row") and "word.row" in TABLE and TABLE["word.row"] == ("row", "列", "ряд")
    assert list(TABLE).count("word.row") == 1 and list(TABLE).count("status.member") == 1
    assert len(TABLE) == len(catalog("en").texts) + 1


def test_has_and_the_table():
    assert has("status.member") and not has("status.nobody") and not has("")
    assert TABLE["status.member"] == ("member", "正式成員", "член")
    assert "status.member" in TABLE and "status.nobody" not in TABLE and 5 not in TABLE
    with pytest.raises(KeyError):
        TABLE["status.nobody"]
    assert len(TABLE) == len(catalog("en").texts) and list(TABLE)[:2] == list(catalog("en").texts)[:2]


@pytest.mark.parametrize("n, en, ru", [(1, 0, 0), (2, 1, 1), (5, 1, 2), (21, 1, 0), (0, 1, 2)])
def test_counted_forms(n, en, ru):
    assert count_text("count.quality", n) == catalog("en").forms["count.quality"][en]
    assert count_text("count.quality", n, "ru") == catalog("ru").forms["count.quality"][ru]
    assert count_text("count.quality", n, "zh-Hant") == "其 {n} 項身分變動的證據："
    assert count_text("count.quality", n, "fr") == catalog("en").forms["count.quality"][en]


def test_a_counted_form_past_the_forms_a_catalog_has(monkeypatch):
    monkeypatch.setitem(catalog("ru").forms, "count.quality", ["один", "два"])
    assert count_text("count.quality", 5, "ru") == "два"  # the rule says 2: the last form there is


def test_an_unknown_counted_message():
    with pytest.raises(KeyError) as caught:
        count_text("status.member", 2)
    assert caught.value.args[0] == "no counted message 'status.member' in the catalogs"
    assert is_counted("count.quality") and not is_counted("status.member")


def test_a_text_of_an_unknown_key_is_refused():
    with pytest.raises(KeyError) as caught:
        Text("status.nobody")
    assert caught.value.args[0] == "no message 'status.nobody' in the catalogs"


def test_how_a_text_shows_its_values():
    assert Text("data.where", {"where": ["a", "b"], "text": Either(["x", "y", "z"])}).render("en") == "a, b: x or y or z"
    assert Text("data.where", {"where": ("a", "b"), "text": Both(["x", "y"])}).render("zh-Hant") == "a、b：x 與 y"
    assert Text("data.where", {"where": Text("list.and"), "text": Hints(["p", "q"])}).render("ru") == (
        " и :  (может быть, 'p' или 'q'?)")
    assert Text("data.where", {"where": 5, "text": Hints([])}).render() == "5: "
    assert Text("data.where", {"where": Count("count.quality", 1), "text": ""}).render("ru") == (
        "Доказательства для 1 изменения статуса:: ")
    assert str(Text("list.and")) == " and " and Text("list.and").render() == " and "


def test_a_counted_text_takes_the_form_of_its_number():
    assert Text("data.and_more", {"first": "f", "n": 1}).render() == "f (and 1 more problem)"
    assert Text("data.and_more", {"first": "f", "n": "1,234"}).render() == "f (and 1,234 more problems)"
    assert Text("data.and_more", {"first": "f", "n": 3}).render("ru") == "f (и ещё 3 проблемы)"
    assert Text("data.and_more", {"first": "f", "n": 5}).render("ru") == "f (и ещё 5 проблем)"
    assert Text("data.and_more", {"first": "f", "n": ""}).render() == "f (and  more problems)"  # read as 0
    assert Text("data.where", {"where": "w", "text": "t", "n": 1}).render() == "w: t"  # not counted: n unused
    assert Count("count.quality", 2).render() == "Evidence for its 2 status changes:"
    assert Count("count.quality", 2).render("zh-Hant") == "其 2 項身分變動的證據："


def test_numbers_written_with_separators():
    assert messages._number(7) == 7 and messages._number("1,234") == 1234 and messages._number("") == 0
    assert messages._show(Hints(["a"]), "en") == " (did you mean 'a'?)"
    assert messages._show(Either(["a", "b"]), "zh-Hant") == "a 或 b"
    assert messages._show([1, [2, 3]], "zh-Hant") == "1、2、3"


# -- what the first mutation run left (docs/mutation.md) -----------------------------------------------------


def test_a_comment_of_linguas_names_no_language(tmp_path, monkeypatch):
    for name in ("ru", "zh_Hant", "aa"):
        (tmp_path / name / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / name / "LC_MESSAGES" / "blocmap.mo").write_bytes(b"")
    (tmp_path / "LINGUAS").write_text("# aa is not listed\nzh_Hant ru # aa neither\n", encoding="utf-8")
    monkeypatch.setattr(messages, "LOCALE", tmp_path)
    assert messages._discover() == ("en", "zh-Hant", "ru", "aa")


def test_values_inside_or_and_and_are_in_the_same_language():
    assert messages._show(Either([Text("list.and"), "x"]), "ru") == " и  или x"
    assert messages._show(Both([Text("err.or"), "x"]), "zh-Hant") == " 或  與 x"


def test_rows_do_not_make_every_key_a_message(monkeypatch):
    monkeypatch.setitem(messages.MESSAGES, "word.row", ("row", "", "ряд"))
    assert not has("status.nobody")
    assert text_of("list.and", "ru") == " и "  # not a row: the catalogs
    assert TABLE["word.row"] == ("row", "", "ряд")  # an empty text stays empty
    assert Text("word.row").render("zh-Hant") == ""
    with pytest.raises(KeyError) as caught:
        TABLE["status.nobody"]
    assert caught.value.args == ("status.nobody",)
