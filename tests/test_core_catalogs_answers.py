"""The catalogs tool with answers written out, on a tiny locale folder made in tmp_path (three messages,
two languages): what each helper gives, what ``add_message`` says it did, the rows it finds in Python
and in the old help.json, what ``import_rows`` moves and leaves, and every line ``problems`` reports."""

from __future__ import annotations

import gettext
import io
import json
import subprocess
from pathlib import Path

import pytest

from blocmap.core import catalogs

POT = '''\
msgid ""
msgstr ""
"Project-Id-Version: blocmap 1\\n"
"POT-Creation-Date: 2026-01-02 03:04+0000\\n"
"Content-Type: text/plain; charset=utf-8\\n"

#, python-brace-format
msgctxt "status.member"
msgid "member of {org}"
msgstr ""

#, no-wrap
msgctxt "word.plain"
msgid "plain"
msgstr ""

msgctxt "count.things"
msgid "{n} thing"
msgid_plural "{n} things"
msgstr[0] ""
msgstr[1] ""

msgctxt "help"
msgid "Show this message and exit."
msgstr ""
'''


def po(lang: str, member: str, plain: str, things: tuple[str, ...], help_: str, extra: str = "") -> str:
    plural = ('"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
              '(n%100<10 || n%100>=20) ? 1 : 2);\\n"' if lang == "ru" else '"Plural-Forms: nplurals=1; plural=0;\\n"')
    forms = "".join(f'msgstr[{i}] "{text}"\n' for i, text in enumerate(things))
    return (f'msgid ""\nmsgstr ""\n"Project-Id-Version: blocmap 1\\n"\n"Language: {lang}\\n"\n'
            f'"Content-Type: text/plain; charset=utf-8\\n"\n{plural}\n\n'
            f'#, python-brace-format\nmsgctxt "status.member"\nmsgid "member of {{org}}"\nmsgstr "{member}"\n\n'
            f'msgctxt "word.plain"\nmsgid "plain"\nmsgstr "{plain}"\n\n'
            f'msgctxt "count.things"\nmsgid "{{n}} thing"\nmsgid_plural "{{n}} things"\n{forms}\n'
            f'msgctxt "help"\nmsgid "Show this message and exit."\nmsgstr "{help_}"\n' + extra)


RU = po("ru", "член {org}", "простой", ("{n} вещь", "{n} вещи", "{n} вещей"), "Показать это сообщение и выйти.")
ZH = po("zh_Hant", "{org} 的成員", "平常", ("{n} 件",), "顯示此訊息並結束。")
GLOSSARY = "key,en,zh_Hant,ru,avoid_zh_Hant,avoid_ru,follow_zh_Hant,follow_ru,note\n"


@pytest.fixture()
def locale(tmp_path, monkeypatch):
    """A tiny locale folder the tool works on (LOCALE's parents[2] is tmp_path: paths print from there)."""
    folder = tmp_path / "src" / "blocmap" / "locale"
    for code, text in (("ru", RU), ("zh_Hant", ZH)):
        (folder / code / "LC_MESSAGES").mkdir(parents=True)
        (folder / code / "LC_MESSAGES" / "blocmap.po").write_text(text, encoding="utf-8")
    (folder / "en" / "LC_MESSAGES").mkdir(parents=True)
    (folder / "blocmap.pot").write_text(POT, encoding="utf-8")
    (folder / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    monkeypatch.setattr(catalogs, "LOCALE", folder)
    monkeypatch.setattr(catalogs, "TEMPLATE", folder / "blocmap.pot")
    monkeypatch.setattr(catalogs, "GLOSSARY", folder / "glossary.csv")
    return folder


# -- files ---------------------------------------------------------------------------------------------------


def test_the_names_of_the_files(locale):
    assert catalogs.po_path("ru") == locale / "ru" / "LC_MESSAGES" / "blocmap.po"
    assert catalogs.mo_path("zh_Hant") == locale / "zh_Hant" / "LC_MESSAGES" / "blocmap.mo"
    assert catalogs.translated_codes() == ["ru", "zh_Hant"]  # en has no .po: the template is English's
    assert (catalogs.DOMAIN, catalogs.ROW_ORDER, catalogs.HELP, catalogs.CLICK) == (
        "blocmap", ("en", "zh_Hant", "ru"), "help", "click")


def test_the_real_locale_folder():
    assert catalogs.LOCALE == Path(catalogs.__file__).resolve().parents[1] / "locale"
    assert catalogs.TEMPLATE == catalogs.LOCALE / "blocmap.pot"
    assert catalogs.GLOSSARY == catalogs.LOCALE / "glossary.csv"
    assert catalogs.MESSAGES_PY.name == "messages.py" and catalogs.MESSAGES_PY.parent.name == "core"


def test_compiled_catalogs_say_each_text(locale):
    data = catalogs.compiled()
    assert sorted(data) == ["en", "ru", "zh_Hant"]
    ru = gettext.GNUTranslations(io.BytesIO(data["ru"]))
    assert ru.pgettext("status.member", "member of {org}") == "член {org}"
    assert [ru.npgettext("count.things", "{n} thing", "{n} things", n) for n in (1, 3, 5)] == [
        "{n} вещь", "{n} вещи", "{n} вещей"]
    en = gettext.GNUTranslations(io.BytesIO(data["en"]))
    assert en.pgettext("word.plain", "plain") == "plain" and en.pgettext("help", "Show this message and exit.") == (
        "Show this message and exit.")
    assert catalogs.compile_all() == [catalogs.mo_path(c) for c in ("en", "ru", "zh_Hant")]
    assert catalogs.compile_all() == []  # nothing changed: nothing written
    assert catalogs.mo_path("ru").read_bytes() == data["ru"]
    catalogs.mo_path("ru").write_bytes(b"old")
    assert catalogs.compile_all() == [catalogs.mo_path("ru")]


def test_the_english_catalog_is_the_template(locale):
    template = catalogs.read(catalogs.TEMPLATE)
    english = catalogs.english_catalog(template)
    assert english.locale.language == "en" and english.domain == "blocmap" and english.project == "blocmap"
    assert not english.fuzzy
    member = english.get("member of {org}", context="status.member")
    assert member.string == "member of {org}" and "python-brace-format" in member.flags
    assert english.get("plain", context="word.plain").string == "plain"
    assert english.get("{n} thing", context="count.things").string == ("{n} thing", "{n} things")
    assert len([m for m in english if m.id]) == 4


def test_a_catalog_written_and_read_back(locale):
    catalog = catalogs.read(catalogs.po_path("ru"))
    catalog.get("plain", context="word.plain").string = "новый"
    target = locale / "new" / "LC_MESSAGES" / "blocmap.po"
    catalogs.write(target, catalog)
    assert catalogs.read(target).get("plain", context="word.plain").string == "новый"
    assert not target.with_name("blocmap.po.tmp").exists()
    assert 'msgctxt "word.plain"\nmsgid "plain"\nmsgstr "новый"\n' in target.read_text(encoding="utf-8")


def test_a_broken_catalog_is_refused(locale):
    catalogs.po_path("ru").write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    with pytest.raises(Exception):
        catalogs.read(catalogs.po_path("ru"))


def test_a_new_catalog(locale):
    catalog = catalogs.new_catalog("ru")
    assert catalog.locale.language == "ru" and catalog.domain == "blocmap" and catalog.version == "1"
    assert catalog.msgid_bugs_address == "https://github.com/blocmap/blocmap/issues"
    assert catalog.last_translator == "blocmap contributors" and catalog.language_team == "blocmap contributors"
    assert catalog.header_comment == ("# Translations of blocmap: context (msgctxt) = the message's key, msgid = "
                                      "its English.\n# See docs/translating.md.")
    assert catalogs.new_catalog(None).locale is None and not catalog.fuzzy


# -- messages ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, names", [("{a} and {b}", {"a", "b"}), ("{a}{a}", {"a"}), ("none", set()),
                                         ("{{a}}", set()), ("{}", set()), ("{a", {"<unbalanced braces>"}),
                                         ("a}", {"<unbalanced braces>"}), ("{n:,}", {"n"})])
def test_placeholders(text, names):
    assert catalogs.placeholders(text) == names
    assert catalogs.flags_for(text) == ({"python-brace-format"} if names else set())


def test_the_key_of_a_message(locale):
    template = catalogs.read(catalogs.TEMPLATE)
    assert [catalogs.key_of(m) for m in template if m.id] == [
        "status.member", "word.plain", "count.things", "help:Show this message and exit."]
    from babel.messages.catalog import Message

    assert catalogs.key_of(Message(("{n} file", "{n} files"), context="click")) == "click:{n} file"
    assert catalogs._first(["a", "b"]) == "a" and catalogs._first("a") == "a"


def load():
    template, translated = catalogs.load_all()
    return template, translated


def test_adding_messages_says_what_it_did(locale):
    template, translated = load()
    assert catalogs.add_message(template, translated, "word.new", "new {x}", {"ru": "новый {x}"},
                                comment="a comment") == "added"
    added = template.get("new {x}", context="word.new")
    assert added.string == "" and added.flags == {"python-brace-format"} and added.auto_comments == ["a comment"]
    assert translated["ru"].get("new {x}", context="word.new").string == "новый {x}"
    assert translated["zh_Hant"].get("new {x}", context="word.new").string == ""
    assert translated["ru"].get("new {x}", context="word.new").auto_comments == ["a comment"]
    assert catalogs.add_message(template, translated, "word.new", "new {x}", {"ru": "другой"}) == "kept"
    assert translated["ru"].get("new {x}", context="word.new").string == "новый {x}"
    assert catalogs.add_message(template, translated, "word.new", "new {x}", {"zh_Hant": "新 {x}"}) == "filled"
    assert translated["zh_Hant"].get("new {x}", context="word.new").string == "新 {x}"
    assert catalogs.add_message(template, translated, "word.new", "other English", {}) == "differs"
    assert template.get("other English", context="word.new") is None
    assert catalogs.add_message(template, translated, "word.bare", "bare", {}) == "added"
    bare = template.get("bare", context="word.bare")
    assert bare.flags == set() and bare.auto_comments == []
    translated["ru"].delete("bare", context="word.bare")
    assert catalogs.add_message(template, translated, "word.bare", "bare", {}) == "filled"  # given back, empty
    assert translated["ru"].get("bare", context="word.bare").string == ""


def test_adding_plural_and_help_messages(locale):
    template, translated = load()
    english = ("{n} file", "{n} files")
    assert catalogs.add_message(template, translated, "{n} file", english, {"ru": ("{n} файл", "{n} файла",
                                                                                  "{n} файлов")},
                                context="click") == "added"
    assert template.get("{n} file", context="click").string == ("", "")
    assert translated["ru"].get("{n} file", context="click").string == ("{n} файл", "{n} файла", "{n} файлов")
    assert translated["zh_Hant"].get("{n} file", context="click").string == ("",)
    assert "python-brace-format" in template.get("{n} file", context="click").flags
    assert catalogs.add_message(template, translated, "{n} file", english, {"zh_Hant": ("{n} 個檔案",)},
                                context="click") == "filled"
    assert catalogs.add_message(template, translated, "{n} file", english, {"zh_Hant": ("x",)},
                                context="click") == "kept"
    # help texts are keyed by their English: another text in the same context is a new message
    assert catalogs.add_message(template, translated, "Other help.", "Other help.", {}, context="help") == "added"


PYTHON_ROWS = '''"""rows"""

TABLE = {
    # a comment
    "word.one": ("one", "一", "один"),

    "word.two": (
        "two", "二", "два"),
}
MIXED = {"word.three": ("three", "三", "три"), "not.a.row": ("a", "b"), 5: ("a", "b", "c"),
         "word.four": ("four", 4, "x")}
OTHER = {"x": 1}
'''


def test_rows_in_python(tmp_path):
    path = tmp_path / "rows.py"
    path.write_text(PYTHON_ROWS, encoding="utf-8")
    assert list(catalogs.rows_in_python(path)) == [
        ("word.one", ("one", "一", "один"), (5, 5)), ("word.two", ("two", "二", "два"), (7, 8)),
        ("word.three", ("three", "三", "три"), (10, 10))]
    assert catalogs.row_dicts(path) == [
        ((4, 8), [("word.one", ("one", "一", "один"), (5, 5)), ("word.two", ("two", "二", "два"), (7, 8))]),
        (None, [("word.three", ("three", "三", "три"), (10, 10))])]
    path.write_text('T = {"word.one": ("one", "一", "один")}\n', encoding="utf-8")
    assert catalogs.row_dicts(path) == [(None, [("word.one", ("one", "一", "один"), (1, 1))])]  # on one line


def test_rows_in_the_old_help_json(tmp_path):
    path = tmp_path / "help.json"
    path.write_text(json.dumps({"help": {"Show it.": {"zh-Hant": "顯示。", "ru": "Показать."}},
                                "click": {"Error": {"zh-Hant": "錯誤"}},
                                "messages": {"unknown {lang}": {"ru": "неизвестный {lang}"}}}), encoding="utf-8")
    assert list(catalogs.rows_in_help_json(path)) == [
        ("help", "Show it.", "Show it.", {"zh_Hant": "顯示。", "ru": "Показать."}),
        ("click", "Error", "Error", {"zh_Hant": "錯誤"}),
        ("cli.unknown_language", "unknown {lang}", "unknown {lang}", {"ru": "неизвестный {lang}"})]
    path.write_text("{}", encoding="utf-8")
    assert list(catalogs.rows_in_help_json(path)) == []


def test_clicks_plural_messages():
    assert catalogs._click_plural("Got unexpected extra argument ({args})") == (
        "Got unexpected extra arguments ({args})")
    assert catalogs._click_plural("Error") is None


# -- moving rows into the catalogs ---------------------------------------------------------------------------


def test_import_rows_from_python_and_json(locale, tmp_path):
    rows = tmp_path / "rows.py"
    rows.write_text('"""m"""\n\nROWS = {\n    # --- branch ---\n    "word.one": ("one", "一", "один"),\n'
                    '    "word.plain": ("other plain", "x", "y"),\n\n    "word.two": (\n        "two {n}", "二 {n}", '
                    '"два {n}"),\n}\nKEEP = 1\n', encoding="utf-8")
    helpjson = tmp_path / "help.json"
    helpjson.write_text(json.dumps({"help": {"Show this message and exit.": {"ru": "другое"}, "New help.": {"ru": "Новая."}},
                                    "click": {"Got unexpected extra argument ({args})": {
                                        "ru": ["лишний {args}", "лишних {args}", "лишних {args}"]}},
                                    "messages": {"unknown {lang}": {"zh-Hant": "未知 {lang}"}}}), encoding="utf-8")
    empty = tmp_path / "empty.py"
    empty.write_text("X = 1\n", encoding="utf-8")
    out = io.StringIO()
    assert catalogs.import_rows([rows, helpjson, empty], out=out) == 1
    assert out.getvalue().splitlines() == [
        f"{rows}:6: 'word.plain' is in the catalogs with other English ('plain'); change it in the catalogs, "
        "or give the row a new key",
        f"{rows}: 2 added, 1 differs",
        f"{helpjson}: 3 added, 1 kept",
        f"{empty}: no rows"]
    assert rows.read_text(encoding="utf-8") == ('"""m"""\n\nROWS = {\n    # --- branch ---\n'
                                                '    "word.plain": ("other plain", "x", "y"),\n\n}\nKEEP = 1\n')
    template, translated = load()
    assert translated["ru"].get("two {n}", context="word.two").string == "два {n}"
    assert translated["zh_Hant"].get("one", context="word.one").string == "一"
    assert translated["ru"].get("New help.", context="help").string == "Новая."
    assert translated["ru"].get("Show this message and exit.", context="help").string == (
        "Показать это сообщение и выйти.")  # kept
    assert template.get("Got unexpected extra argument ({args})", context="click").id == (
        "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})")
    assert translated["ru"].get("Got unexpected extra argument ({args})", context="click").string == (
        "лишний {args}", "лишних {args}", "лишних {args}")
    assert translated["zh_Hant"].get("unknown {lang}", context="cli.unknown_language").string == "未知 {lang}"
    assert catalogs.mo_path("ru").exists()  # saved and compiled


def test_import_rows_that_empties_a_table_takes_its_comments(locale, tmp_path):
    rows = tmp_path / "rows.py"
    rows.write_text('ROWS = {\n    # --- branch ---\n    "word.one": ("one", "一", "один"),\n\n}\n', encoding="utf-8")
    out = io.StringIO()
    assert catalogs.import_rows([rows], out=out) == 0
    assert rows.read_text(encoding="utf-8") == "ROWS = {\n}\n"
    assert out.getvalue() == f"{rows}: 1 added\n"
    rows.write_text('ROWS = {\n    "word.six": ("six", "六", "шесть"),\n}\n', encoding="utf-8")
    catalogs.import_rows([rows], remove=False, out=out)
    assert rows.read_text(encoding="utf-8") == 'ROWS = {\n    "word.six": ("six", "六", "шесть"),\n}\n'


def test_import_rows_makes_missing_catalogs(locale, tmp_path):
    import shutil

    shutil.rmtree(locale / "zh_Hant")
    rows = tmp_path / "rows.py"
    rows.write_text('ROWS = {"word.one": ("one", "一", "один")}\n', encoding="utf-8")
    catalogs.import_rows([rows], out=io.StringIO())
    assert catalogs.read(catalogs.po_path("zh_Hant")).get("one", context="word.one").string == "一"


def repository(repo: Path):
    """``repo`` with the folders of blocmap's messages and help, and a ``git(*args)`` run there."""
    (repo / "src" / "blocmap" / "core").mkdir(parents=True)
    (repo / "src" / "blocmap" / "cli").mkdir(parents=True)

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True,
                       capture_output=True)

    return git


def test_the_rows_a_branch_added(locale, tmp_path):
    repo = tmp_path / "repo"
    git = repository(repo)

    messages = repo / "src" / "blocmap" / "core" / "messages.py"
    helpjson = repo / "src" / "blocmap" / "cli" / "help.json"
    messages.write_text('M = {"a.old": ("old", "舊", "старый")}\n', encoding="utf-8")
    helpjson.write_text(json.dumps({"help": {"Old.": {"ru": "Старый."}}}), encoding="utf-8")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "base")
    git("checkout", "-qb", "s3/feature")
    messages.write_text('M = {"a.old": ("old", "舊", "старый"), "a.new": ("new", "新", "новый")}\n', encoding="utf-8")
    helpjson.write_text(json.dumps({"help": {"Old.": {"ru": "Старый."}, "New.": {"ru": "Новый."}}}), encoding="utf-8")
    git("commit", "-qam", "rows")
    git("checkout", "-q", "main")
    out = tmp_path / "out"
    out.mkdir()
    written = catalogs.rows_of_branch("s3/feature", out, repo)
    assert written == [out / "s3_feature-messages.py", out / "s3_feature-help.json"]
    assert written[0].read_text(encoding="utf-8") == "ROWS = {\n    'a.new': ('new', '新', 'новый'),\n}\n"
    assert json.loads(written[1].read_text(encoding="utf-8")) == {"help": {"New.": {"ru": "Новый."}}}
    with pytest.raises(SystemExit) as caught:
        catalogs.rows_of_branch("no-such-branch", out, repo)
    assert str(caught.value) == "import-rows: no common ancestor of HEAD and 'no-such-branch'"


# -- checks --------------------------------------------------------------------------------------------------


def test_the_avoided_forms_and_the_glossary(locale):
    assert catalogs.avoided("ru") == {}
    (locale / "zh_Hant" / "avoid.csv").write_text("avoid,use,note\n数据,資料,mainland\n,x,empty\n", encoding="utf-8")
    assert catalogs.avoided("zh_Hant") == {"数据": "資料"}
    catalogs.GLOSSARY.write_text(GLOSSARY + "word.plain,plain,平常,простой,,,,,\n#x,a,b,c,,,,,\n,a,b,c,,,,,\n",
                                 encoding="utf-8")
    assert [row["key"] for row in catalogs.glossary()] == ["word.plain"]


def test_a_clean_locale_has_no_problem(locale):
    catalogs.compile_all()
    assert catalogs.problems() == []


def test_every_problem_of_a_catalog(locale):
    ru = RU.replace('msgstr "простой"', 'msgstr ""').replace('msgstr "член {org}"', 'msgstr "член {orgs}"')
    ru = ru.replace('msgstr[2] "{n} вещей"', 'msgstr[2] ""')
    ru += '\n#, fuzzy\nmsgctxt "word.gone"\nmsgid "gone"\nmsgstr "ушло"\n\n#~ msgctxt "word.old"\n#~ msgid "old"\n#~ msgstr "старое"\n'
    catalogs.po_path("ru").write_text(ru, encoding="utf-8")
    zh = ZH.replace('msgstr "平常"', 'msgstr "平常数据"').replace('"{org} 的成員"', '"成員"')
    zh = zh.replace('msgctxt "word.plain"', '#, fuzzy\nmsgctxt "word.plain"')
    catalogs.po_path("zh_Hant").write_text(zh, encoding="utf-8")
    (locale / "zh_Hant" / "avoid.csv").write_text("avoid,use,note\n数据,資料,mainland\n", encoding="utf-8")
    catalogs.TEMPLATE.write_text(POT + '\nmsgctxt "Bad Key"\nmsgid "bad"\nmsgstr ""\n\nmsgctxt "word.plain"\n'
                                 'msgid "plain again"\nmsgstr ""\n', encoding="utf-8")
    where_ru, where_zh = "src/blocmap/locale/ru/LC_MESSAGES/blocmap.po", "src/blocmap/locale/zh_Hant/LC_MESSAGES/blocmap.po"
    assert catalogs.problems() == [
        f"{where_ru}: status.member: placeholders ['orgs'], the English has ['org']",
        f"{where_ru}: word.plain: no translation",
        f"{where_ru}: count.things: no translation",
        f"{where_ru}: Bad Key: no translation",
        f"{where_ru}: word.plain: no translation",
        f"{where_ru}: word.gone: not in the template (run update)",
        f"{where_zh}: status.member: placeholders [], the English has ['org']",
        f"{where_zh}: word.plain: marked fuzzy (the English changed): check it and remove the mark",
        f"{where_zh}: word.plain: '数据' (write '資料': zh_Hant/avoid.csv)",
        f"{where_zh}: Bad Key: no translation",
        f"{where_zh}: word.plain: no translation",
        "blocmap.pot: 'Bad Key': a message's context is its key (word.word)",
        "blocmap.pot: word.plain: twice",
        "src/blocmap/locale/en/LC_MESSAGES/blocmap.mo: out of date (run compile)",
        "src/blocmap/locale/ru/LC_MESSAGES/blocmap.mo: out of date (run compile)",
        "src/blocmap/locale/zh_Hant/LC_MESSAGES/blocmap.mo: out of date (run compile)",
    ]


def test_placeholders_of_plural_and_click_messages(locale):
    """A plural form may leave out {n} (Chinese's one form says the number its own way); click's words may
    drop a placeholder; neither may add one."""
    zh = ZH.replace('msgstr[0] "{n} 件"', 'msgstr[0] "一些"')
    zh += '\nmsgctxt "click"\nmsgid "Error: {e}"\nmsgstr "錯誤"\n\nmsgctxt "click"\nmsgid "Usage:"\nmsgstr "用法 {x}"\n'
    catalogs.po_path("zh_Hant").write_text(zh, encoding="utf-8")
    catalogs.TEMPLATE.write_text(POT + '\nmsgctxt "click"\nmsgid "Error: {e}"\nmsgstr ""\n\n'
                                 'msgctxt "click"\nmsgid "Usage:"\nmsgstr ""\n', encoding="utf-8")
    ru = RU + '\nmsgctxt "click"\nmsgid "Error: {e}"\nmsgstr "Ошибка: {e}"\n\nmsgctxt "click"\nmsgid "Usage:"\nmsgstr "Использование:"\n'
    catalogs.po_path("ru").write_text(ru, encoding="utf-8")
    catalogs.compile_all()
    assert catalogs.problems() == [
        "src/blocmap/locale/zh_Hant/LC_MESSAGES/blocmap.po: click: 'Usage:': placeholders ['x'], the English has []"]


def test_a_catalog_babel_cannot_compile(locale, monkeypatch):
    catalogs.compile_all()

    def broken():
        raise ValueError("cannot compile")

    monkeypatch.setattr(catalogs, "compiled", broken)
    assert catalogs.problems() == ["compile: cannot compile"]
    template, translated = catalogs.load_all()
    assert catalogs.problems(template, translated) == ["compile: cannot compile"]


def test_the_glossary_problems(locale):
    catalogs.GLOSSARY.write_text(
        GLOSSARY
        + "status.member,member,成員,член,會員,,成員,член,\n"
        + "word.plain,plain,,обычный,,простецкий|прост,,,\n"
        + "word.none,thing,物,вещь,,,,вещ,\n", encoding="utf-8")
    ru = catalogs.read(catalogs.po_path("ru"))
    zh = catalogs.read(catalogs.po_path("zh_Hant"))
    where = "W"
    assert catalogs.glossary_problems("ru", ru, where) == [
        "W: status.member: 'член {org}', the glossary says 'член'",
        "W: word.plain: 'простой', the glossary says 'обычный'",
        "W: word.plain: 'прост' for plain (the glossary says 'обычный')",
    ]
    zh.get("member of {org}", context="status.member").string = "{org} 的會員"
    assert catalogs.glossary_problems("zh_Hant", zh, where) == [
        "W: status.member: '{org} 的會員', the glossary says '成員'",
        "W: status.member: the English says 'member', the text lacks '成員' (glossary)",
        "W: status.member: '會員' for member (the glossary says '成員')",
    ]


def test_update_and_extract(locale):
    catalogs.TEMPLATE.write_text(POT.replace('msgid "plain"', 'msgid "plainer"') + '\nmsgctxt "word.new"\nmsgid "new"\n'
                                 'msgstr ""\n', encoding="utf-8")
    catalogs.update()
    ru = catalogs.read(catalogs.po_path("ru"))
    assert ru.get("new", context="word.new").string == ""
    assert ru.get("plainer", context="word.plain").fuzzy
    assert catalogs.mo_path("en").exists()
    out = io.StringIO()
    catalogs.extract(["Show this message and exit.", "Brand new.", "Brand new."], out=out)
    assert out.getvalue() == "1 new help texts, 0 gone; run update\n"
    template = catalogs.read(catalogs.TEMPLATE)
    assert template.get("Brand new.", context="help") is not None
    out = io.StringIO()
    catalogs.extract(["Other."], out=out)
    assert out.getvalue() == "1 new help texts, 2 gone; run update\n"
    template = catalogs.read(catalogs.TEMPLATE)
    assert [m.id for m in template if m.context == "help"] == ["Other."]


# -- what the first mutation run left (docs/mutation.md) -----------------------------------------------------


def test_the_english_catalog_keeps_the_templates_header_and_flags(locale):
    template = catalogs.read(catalogs.TEMPLATE)
    english = catalogs.english_catalog(template)
    assert template.version == "1" and english.version == "1"
    assert english.creation_date == template.creation_date == english.revision_date
    assert str(english.creation_date)[:16] == "2026-01-02 03:04"
    assert english.get("plain", context="word.plain").flags == {"no-wrap"}
    assert catalogs.new_catalog("ru").project == "blocmap"


def test_a_catalog_is_written_as_pybabel_writes_it(locale, tmp_path):
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="ru")
    catalog.add("x", "a" * 64 + " " + "b" * 10, context="w.x")  # 77 characters quoted: wrapped at 76
    catalog.add("new", "новое", context="w.y").previous_id = ["old"]
    target = tmp_path / "out.po"
    catalogs.write(target, catalog)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Russian translations for PROJECT.\n")  # the header is written
    assert text.endswith('msgctxt "w.x"\nmsgid "x"\nmsgstr ""\n"' + "a" * 64 + ' "\n"' + "b" * 10 + '"\n\n'
                         '#| msgid "old"\nmsgctxt "w.y"\nmsgid "new"\nmsgstr "новое"\n\n')


def test_fuzzy_texts_are_not_compiled(locale):
    catalogs.po_path("ru").write_text(RU.replace('msgctxt "word.plain"', '#, fuzzy\nmsgctxt "word.plain"'),
                                      encoding="utf-8")
    ru = gettext.GNUTranslations(io.BytesIO(catalogs.compiled()["ru"]))
    assert ru.pgettext("word.plain", "plain") == "plain"  # the English: the guess is not used
    assert ru.pgettext("status.member", "member of {org}") == "член {org}"


def test_compiling_makes_the_folders_of_english(locale):
    import shutil

    shutil.rmtree(locale / "en")
    catalogs.compile_all()
    assert catalogs.mo_path("en").is_file()


def test_no_template_yet(locale):
    catalogs.TEMPLATE.unlink()
    template, translated = catalogs.load_all()
    assert [m for m in template if m.id] == [] and sorted(translated) == ["ru", "zh_Hant"]


def test_update_keeps_a_catalogs_own_header(locale):
    catalogs.po_path("ru").write_text("# Russian, by its translators.\n" + RU, encoding="utf-8")
    catalogs.update()
    assert catalogs.po_path("ru").read_text(encoding="utf-8").startswith("# Russian, by its translators.\n")


def test_extract_adds_help_texts_untranslated(locale):
    catalogs.extract(["Brand new."], out=io.StringIO())
    assert catalogs.read(catalogs.TEMPLATE).get("Brand new.", context="help").string == ""


def test_flags_of_english_with_braces_written_twice(locale):
    template, translated = load()
    catalogs.add_message(template, translated, "word.lit", "{{literal}}", {})
    assert template.get("{{literal}}", context="word.lit").flags == set()
    catalogs.add_message(template, translated, "one file", ("one file", "{n} files"), {}, context="click")
    assert "python-brace-format" in template.get("one file", context="click").flags


def test_import_rows_more_cases(locale, tmp_path):
    rows = tmp_path / "rows.py"
    rows.write_text('# a comment before\n\nROWS = {\n    # --- branch ---\n    "word.one": ("one", "一", "один"),\n}\n'
                    'OTHER = {\n    "word.plain": (\n        "other plain", "x", "y"),\n'
                    '    "status.member": ("member", "成員", "член"),\n}\n', encoding="utf-8")
    helpjson = tmp_path / "help.json"
    helpjson.write_text(json.dumps({"click": {"Usage:": {"ru": "Использование:"},
                                              "Got unexpected extra argument ({args})": {
                                                  "ru": ["лишний {args}", "лишних {args}", "лишних {args}"],
                                                  "zh_Hant": "多餘的參數（{args}）"}}}), encoding="utf-8")
    out = io.StringIO()
    assert catalogs.import_rows([rows, helpjson], out=out) == 2
    assert out.getvalue().splitlines()[0] == (
        f"{rows}:8: 'word.plain' is in the catalogs with other English ('plain'); change it in the catalogs, "
        "or give the row a new key")
    assert rows.read_text(encoding="utf-8").startswith("# a comment before\n\nROWS = {\n}\n")
    template, translated = load()
    assert template.get("Usage:", context="click").id == "Usage:"
    assert translated["zh_Hant"].get("Got unexpected extra argument ({args})", context="click").string == (
        "多餘的參數（{args}）",)


def test_a_new_catalog_made_by_import_is_of_its_language(locale, tmp_path):
    import shutil

    shutil.rmtree(locale / "zh_Hant")
    rows = tmp_path / "rows.py"
    rows.write_text('ROWS = {"word.one": ("one", "一", "один")}\n', encoding="utf-8")
    catalogs.import_rows([rows], out=io.StringIO())
    assert str(catalogs.read(catalogs.po_path("zh_Hant")).locale) == "zh_Hant"


def test_the_rows_a_branch_added_to_files_new_to_it(locale, tmp_path):
    """The repository is the one holding the locale folder (tmp_path here); help.json is new on the branch."""
    repo = tmp_path
    git = repository(repo)

    messages = repo / "src" / "blocmap" / "core" / "messages.py"
    messages.write_text('M = {"a.old": ("old", "舊", "старый")}\n', encoding="utf-8")
    git("init", "-q", "-b", "main")
    git("add", "src/blocmap/core")
    git("commit", "-qm", "base")
    git("checkout", "-qb", "two")
    messages.write_text('M = {"a.old": ("old", "舊", "старый"), "a.new": ("new", "新", "новый"),\n'
                        '     "a.more": ("more", "多", "ещё")}\n', encoding="utf-8")
    (repo / "src" / "blocmap" / "cli" / "help.json").write_text(
        json.dumps({"help": {"New.": {"ru": "Новый."}}}, ensure_ascii=False), encoding="utf-8")
    git("add", "src/blocmap/core", "src/blocmap/cli")
    git("commit", "-qm", "rows")
    git("checkout", "-q", "main")
    out = tmp_path / "out"
    out.mkdir()
    written = catalogs.rows_of_branch("two", out)
    assert sorted(p.name for p in out.iterdir()) == ["base.py", "two-help.json", "two-messages.py"]
    assert written[0].read_text(encoding="utf-8") == (
        "ROWS = {\n    'a.new': ('new', '新', 'новый'),\n    'a.more': ('more', '多', 'ещё'),\n}\n")
    assert written[1].read_text(encoding="utf-8") == '{"help": {"New.": {"ru": "Новый."}}}'


def test_the_glossary_checks_every_row(locale):
    catalogs.GLOSSARY.write_text(
        GLOSSARY
        + "status.member,MEMBER,,член,,,,член,\n"   # no zh_Hant term: skipped, the next rows still checked
        + "word.none,thing,物,,件,,,,\n"
        + "help,help,說明,,,,,,\n", encoding="utf-8")
    zh = catalogs.read(catalogs.po_path("zh_Hant"))
    ru = catalogs.read(catalogs.po_path("ru"))
    assert catalogs.glossary_problems("zh_Hant", zh, "W") == [
        "W: count.things: '件' for thing (the glossary says '物')"]  # in a plural form's text
    assert catalogs.glossary_problems("ru", ru, "W") == [
        "W: status.member: 'член {org}', the glossary says 'член'"]
    ru.get("member of {org}", context="status.member").string = "участник {org}"
    assert catalogs.glossary_problems("ru", ru, "W") == [
        "W: status.member: 'участник {org}', the glossary says 'член'",
        "W: status.member: the English says 'MEMBER', the text lacks 'член' (glossary)"]
    assert catalogs.glossary_problems("fr", ru, "W") == []  # no column for the language: nothing to check


def test_problems_name_the_glossary_and_order_what_is_not_in_the_template(locale):
    catalogs.compile_all()
    catalogs.GLOSSARY.write_text(GLOSSARY + "word.plain,plain,平常,обычный,,,,,\n", encoding="utf-8")
    extra = ('\nmsgid "zeta"\nmsgstr "зета"\n\nmsgctxt "word.b"\nmsgid "b"\nmsgstr "б"\n\n'
             'msgctxt "word.a"\nmsgid "z"\nmsgstr "з"\n\nmsgctxt "help"\nmsgid "Bb"\nmsgstr "Бб"\n\n'
             'msgctxt "help"\nmsgid "Aa"\nmsgstr "Аа"\n')
    catalogs.po_path("ru").write_text(RU + extra, encoding="utf-8")
    catalogs.compile_all()
    where = "src/blocmap/locale/ru/LC_MESSAGES/blocmap.po"
    assert catalogs.problems() == [
        f"{where}: no context 'zeta': not in the template (run update)",
        f"{where}: help 'Aa': not in the template (run update)",
        f"{where}: help 'Bb': not in the template (run update)",
        f"{where}: word.a: not in the template (run update)",
        f"{where}: word.b: not in the template (run update)",
        f"{where}: word.plain: 'простой', the glossary says 'обычный'",
    ]
