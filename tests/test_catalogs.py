"""The translation catalogs and the tool that keeps them (``python -m blocmap.cli.catalogs``):
rows still written as Python tuples are moved in (and out of their file), a fourth language is a
folder of catalogs and no Python, and the compiled catalogs are those of the ``.po`` files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from blocmap.core import catalogs, messages
from conftest import REPO


@pytest.fixture()
def locale(tmp_path, monkeypatch):
    """A copy of the catalogs that the tool and the reader work on."""
    folder = tmp_path / "locale"
    shutil.copytree(catalogs.LOCALE, folder)
    monkeypatch.setattr(catalogs, "LOCALE", folder)
    monkeypatch.setattr(catalogs, "TEMPLATE", folder / "blocmap.pot")
    monkeypatch.setattr(catalogs, "GLOSSARY", folder / "glossary.csv")
    monkeypatch.setattr(messages, "LOCALE", folder)
    messages.catalog.cache_clear()
    yield folder
    messages.catalog.cache_clear()


ROWS = '''"""A module as another branch leaves it: rows at the end of the old table."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    # --- s3-example ---
    "web.example_new": ("{n} new things on {day}", "{day} 有 {n} 件新事", "{n} новых вещей на {day}"),
    "status.member": ("full member", "正式會員", "полноправный член"),
    "web.example_other": ("plain", "平常", "обычный"),
}
'''


def test_import_rows_moves_new_rows_into_every_catalog_and_out_of_python(locale, tmp_path, capsys):
    source = tmp_path / "messages.py"
    source.write_text(ROWS, encoding="utf-8")
    refused = catalogs.import_rows([source])
    assert refused == 1  # status.member is in the catalogs with other English: not taken, named
    said = capsys.readouterr().out
    assert "'status.member' is in the catalogs with other English ('member')" in said and "2 added" in said
    left = source.read_text(encoding="utf-8")
    assert "web.example_new" not in left and "web.example_other" not in left and '"status.member"' in left
    template, translated = catalogs.load_all()
    assert template.get("{n} new things on {day}", context="web.example_new") is not None
    assert translated["zh_Hant"].get("{n} new things on {day}", context="web.example_new").string == "{day} 有 {n} 件新事"
    assert "python-brace-format" in translated["ru"].get("{n} new things on {day}", context="web.example_new").flags
    # compiled: the reader has them, in every language, and the old status text is untouched
    messages.catalog.cache_clear()
    assert messages.text_of("web.example_new", "ru") == "{n} новых вещей на {day}"
    assert messages.text_of("web.example_other", "zh-Hant") == "平常"
    assert messages.text_of("status.member", "zh-Hant") == "正式成員"
    # run again: nothing new, nothing lost
    assert catalogs.import_rows([source]) == 1
    assert catalogs.problems() == []


def test_import_rows_takes_an_old_help_json(locale, tmp_path):
    old = tmp_path / "help.json"
    old.write_text(json.dumps({"help": {"Draw the example.": {"zh-Hant": "繪出範例。", "ru": "Нарисовать пример."}},
                               "click": {}, "messages": {}}, ensure_ascii=False), encoding="utf-8")
    catalogs.import_rows([old])
    messages.catalog.cache_clear()
    assert messages.catalog("ru").help["Draw the example."] == "Нарисовать пример."
    assert messages.catalog("zh-Hant").help["Draw the example."] == "繪出範例。"


def test_a_rows_placeholders_must_match_to_pass_the_check(locale, tmp_path):
    source = tmp_path / "rows.py"
    source.write_text('X = {"web.example_bad": ("{n} things", "{count} 件", "{n} вещей")}\n', encoding="utf-8")
    catalogs.import_rows([source])
    found = catalogs.problems()
    assert any("web.example_bad: placeholders ['count'], the English has ['n']" in line for line in found)


def test_a_fourth_language_is_a_folder_of_catalogs_and_no_python(locale):
    """What docs/translating.md tells a translator to do for Ukrainian: `pybabel init` (here its
    Babel call), translate, compile; blocmap then offers it, with CLDR's plural rule for it."""
    from babel.messages.catalog import Catalog

    template = catalogs.read(catalogs.TEMPLATE)
    uk = Catalog(locale="uk", domain="blocmap")
    uk.update(template)
    for message in uk:
        if message.context == "count.organizations":
            message.string = ("{n} організація", "{n} організації", "{n} організацій")
        elif message.context == "status.observer":
            message.string = "спостерігач"
        elif message.context == "lang.name":
            message.string = "Українська"
        elif message.context == "lang.aliases":
            message.string = "uk-UA"
    catalogs.write(catalogs.po_path("uk"), uk)
    catalogs.compile_all()
    assert "uk" in messages._discover() and messages._discover()[:3] == ("en", "zh-Hant", "ru")
    monkey_languages = messages._discover()
    original = messages.LANGUAGES
    messages.LANGUAGES = monkey_languages
    try:
        assert messages.text_of("status.observer", "uk") == "спостерігач"
        assert messages.text_of("status.member", "uk") == "member"  # not yet translated: English
        assert [messages.Count("count.organizations", n).render("uk") for n in (1, 3, 5, 21)] == [
            "1 організація", "3 організації", "5 організацій", "21 організація"]
        assert messages.text_of("lang.name", "uk") == "Українська"
    finally:
        messages.LANGUAGES = original
    # the check names every message Ukrainian still lacks
    assert any(line.endswith("status.member: no translation") and "/uk/" in line for line in catalogs.problems())


def test_the_compiled_catalogs_are_those_of_the_po_files():
    """A .po edited without `compile` fails here (and in `check`), naming the file."""
    for code, data in catalogs.compiled().items():
        assert catalogs.mo_path(code).read_bytes() == data, code


def test_the_check_command_passes_and_says_so():
    env = {"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "blocmap.cli.catalogs", "check"], capture_output=True, text=True,
                            env=env)
    assert result.returncode == 0 and result.stdout.strip() == "ok: every message in every language"


def test_languages_follow_the_catalogs_present():
    from blocmap.core.i18n import parse_lang
    from blocmap.core.model import LANGS

    assert LANGS == messages.LANGUAGES == ("en", "zh-Hant", "ru")
    assert [parse_lang(x) for x in ("zh-TW", "zh_Hant_TW", "ZH-hk", "ru-RU", "en-GB", "RU")] == [
        "zh-Hant", "zh-Hant", "zh-Hant", "ru", "en", "ru"]
    for wrong in ("zh", "zh-CN", "uk", "xx"):
        with pytest.raises(Exception, match="unknown language"):
            parse_lang(wrong)


def test_extract_puts_a_new_help_text_in_the_template_and_check_asks_for_its_translations(locale, capsys):
    from blocmap.cli.catalogs import help_texts

    texts = help_texts()
    assert "Show the version and exit." in texts and len(texts) > 100
    before = catalogs.TEMPLATE.read_bytes()
    catalogs.extract(texts)
    assert "0 new help texts, 0 gone" in capsys.readouterr().out and catalogs.TEMPLATE.read_bytes() == before
    catalogs.extract([*texts, "Draw the example."])
    catalogs.update()
    found = catalogs.problems()
    assert sum("help: 'Draw the example.': no translation" in line for line in found) == 2  # zh_Hant and ru


def test_rows_of_a_merged_branch_are_only_those_it_added(tmp_path):
    """After a merge whose conflict in messages.py is resolved to this branch's (rows moved out),
    `import-rows --branch B` takes the rows B added or changed, not the ones it only kept."""
    repo = tmp_path / "repo"
    (repo / "src/blocmap/core").mkdir(parents=True)
    messages_py = repo / "src/blocmap/core/messages.py"

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True,
                       capture_output=True)

    git("init", "-q", "-b", "main")
    messages_py.write_text('M = {\n    "a.old": ("old", "舊", "старый"),\n}\n', encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "base")
    git("checkout", "-qb", "other")
    messages_py.write_text('M = {\n    "a.old": ("old", "舊", "старый"),\n    # --- other ---\n'
                           '    "a.new": ("new {n}", "新 {n}", "новый {n}"),\n}\n', encoding="utf-8")
    git("commit", "-qam", "other adds a row")
    git("checkout", "-q", "main")
    messages_py.write_text("M = {\n}\n", encoding="utf-8")
    git("commit", "-qam", "rows moved to catalogs")
    out = tmp_path / "out"
    out.mkdir()
    files = catalogs.rows_of_branch("other", out, repo=repo)
    rows = [(key, row) for f in files if f.suffix == ".py" for key, row, _ in catalogs.rows_in_python(f)]
    assert rows == [("a.new", ("new {n}", "新 {n}", "новый {n}"))]
