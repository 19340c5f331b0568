"""Help and click's usage errors in the reader's language (zh-Hant, ru): chosen by --lang on the
command line, else $BLOCMAP_LANG, else the locale; every help text of every command and option
has both translations; English help is click's own, untouched."""

from __future__ import annotations

import ast
import gettext
import inspect
import re
import string
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from blocmap.cli import Context, main, reader_language
from blocmap.cli.help import width_of
from blocmap.core.messages import catalog
from blocmap.core.model import EVENT_KINDS, LANGS, ORG_SETS, STATUSES
from conftest import REPO
from test_languages import ALLOW, english_words


def command_tree(command: click.Command = main, path: tuple[str, ...] = ()):
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from command_tree(sub, (*path, name))


COMMANDS = list(command_tree())
TRANSLATED = [lang for lang in LANGS if lang != "en"]
IDS = [" ".join(("blocmap", *path)) for path, _ in COMMANDS]


def help_texts() -> dict[str, str]:
    """Every English help text of a command or an option → where it is first used."""
    found: dict[str, str] = {}
    for (path, command), where in zip(COMMANDS, IDS):
        for text in (command.help, command.short_help):
            if text:
                found.setdefault(inspect.cleandoc(text).partition("\f")[0], where)
        for param in command.params:
            if getattr(param, "help", None):
                found.setdefault(param.help, f"{where} {'/'.join(param.opts)}")
    return found


def codes() -> set[str]:
    """Values a reader types, which stay as they are in every language: choices, defaults,
    statuses, event kinds, named sets of organizations, language codes."""
    words = {*STATUSES, *EVENT_KINDS, *ORG_SETS, *LANGS}
    for _, command in COMMANDS:
        for param in command.params:
            words |= {str(choice) for choice in getattr(param.type, "choices", ())}
            if isinstance(param.default, str):
                words.add(param.default)
    return {w.casefold() for w in words}


#: Proper names written as such in Chinese and Russian: a kind of plot and a database program.
NAMES = {"upset", "duckdb"}
READER_ALLOW = ALLOW | codes() | NAMES


def reader_english(text: str) -> list[str]:
    """English words a reader of ``text`` sees: option names, `code` and 'values' left out, and
    no English word hidden next to a Chinese character (test_languages' tokens run on)."""
    text = re.sub(r"`[^`]*`|'[^'\s]*'", " ", text)
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)
    text = re.sub(r"(?<=[A-Za-z])(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])(?=[A-Za-z])", " ", text)
    return english_words(text, READER_ALLOW)


def run(args: list[str], **env: str):
    base = {"BLOCMAP_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}
    return CliRunner(env={**base, **env}).invoke(main, args, prog_name="blocmap")


def help_args(path: tuple[str, ...], command: click.Command, lang: str) -> list[str]:
    """``--lang`` where the command takes it, else on the group above it (``blocmap --lang ru serve``)."""
    if any("--lang" in getattr(p, "opts", ()) for p in command.params):
        return [*path, "--lang", lang, "--help"]
    return ["--lang", lang, *path, "--help"]


# ------------------------------------------------------------------ every text has both translations
def test_the_tree_has_every_command_and_group():
    assert len(COMMANDS) >= 30 and {"figure", "export", "import", "audit", "indicators"} <= set(main.commands)
    assert len(help_texts()) >= 100


def test_every_help_text_has_both_translations():
    """A new command or option without zh-Hant and ru help fails here, with its name."""
    missing = [f"{where}: {text!r} ({lang})" for text, where in help_texts().items()
               for lang in TRANSLATED if not catalog(lang).help.get(text)]
    assert missing == []


def test_no_translation_is_left_over_from_an_old_text():
    assert sorted(set(catalog("en").help) - set(help_texts())) == []
    for lang in TRANSLATED:
        assert sorted(set(catalog(lang).help) - set(catalog("en").help)) == []


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def click_messages() -> dict[str, bool]:
    """Click's msgids (``_("…")`` and ``ngettext("…", …)``) → whether the message has plural forms."""
    found = {}
    for path in Path(click.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if '_(extra["required"])' in source and '"required"' in source:
            found["required"] = False  # "[required]" in help: the word is a value, not a literal
        for node in ast.walk(ast.parse(source)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found[node.args[0].value] = node.func.id == "ngettext"
    return found


def test_clicks_words_are_clicks_own_and_keep_their_placeholders():
    """After a click upgrade, a message click no longer has (or now counts) fails here."""
    messages = click_messages()
    wrong = []
    for msgid in catalog("en").click:
        texts = {lang: catalog(lang).click.get(msgid) for lang in TRANSLATED}
        if msgid not in messages or not all(texts.values()):
            wrong.append(f"{msgid!r}: not click's, or not in every language")
            continue
        forms = tuple(texts.values())
        if messages[msgid] != all(isinstance(f, list) for f in forms) or (messages[msgid] and (
                len(texts["zh-Hant"]) != 1 or len(texts["ru"]) != 3)):
            wrong.append(f"{msgid!r}: one form for _(), 1 (zh-Hant) and 3 (ru) for ngettext()")
        for form in [t for f in forms for t in (f if isinstance(f, list) else [f])]:
            if not placeholders(form) <= placeholders(msgid) | {"possibilities", "choices", "nargs", "len"}:
                wrong.append(f"{msgid!r}: {form!r} has a placeholder click does not fill")
    assert wrong == []


def test_help_texts_have_no_placeholders_and_translations_full_width_punctuation_in_chinese():
    for english in catalog("en").help:
        texts = {lang: catalog(lang).help[english] for lang in TRANSLATED}
        assert "{" not in texts["zh-Hant"] + texts["ru"] and "  [" not in english
        chinese = re.sub(r"`[^`]*`|'[^']*'|\$\S+|\S+\.\w+", "", texts["zh-Hant"])
        assert not re.search(r"[\u4e00-\u9fff][,;:()]|[,;:(][\u4e00-\u9fff]", chinese), texts["zh-Hant"]
        assert re.search(r"[\u4e00-\u9fff]", texts["zh-Hant"]) and re.search(r"[а-яё]", texts["ru"])


# ------------------------------------------------------------------------------ help, per reader
WAYS = {  # how a reader asks: the language named on the command line, in the environment, by the locale
    "--lang zh-Hant": ("zh-Hant", {}),
    "--lang ru": ("ru", {}),
    "--lang zh-TW": ("zh-Hant", {}),
    "BLOCMAP_LANG=ru": ("ru", {"BLOCMAP_LANG": "ru"}),
    "LANG=zh_TW.UTF-8": ("zh-Hant", {"LANG": "zh_TW.UTF-8"}),
    "LC_ALL=ru_RU.UTF-8": ("ru", {"LC_ALL": "ru_RU.UTF-8"}),
}
HEADINGS = {"zh-Hant": ("用法：", "選項："), "ru": ("Использование:", "Параметры:")}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
def test_help_in_the_readers_language(path, command, way):
    lang, env = WAYS[way]
    args = help_args(path, command, way.split()[1]) if way.startswith("--lang") else [*path, "--help"]
    result = run(args, **env)
    assert result.exit_code == 0, result.output
    out = result.output
    assert all(heading in out for heading in HEADINGS[lang]), out
    assert reader_english(out) == [], out
    assert max(width_of(line) for line in out.splitlines()) <= 80, out
    if isinstance(command, click.Group):
        assert ("命令：" if lang == "zh-Hant" else "Команды:") in out


def test_the_top_level_command_list_is_translated():
    out = run(["--lang", "zh-Hant", "--help"]).output
    assert "  members      某一日 ORG 的成員國，附身分與資料來源。\n" in out
    assert "  figure       成員資格的圖：歐拉圖、UpSet 圖、地圖" in out
    out = run(["--help"], BLOCMAP_LANG="ru").output
    assert "  diff         Кто вступил, вышел или сменил статус между DATE1 и DATE2.\n" in out
    assert "  members      Государства в ORG на заданный день, с их статусом и…\n" in out


def test_the_option_defaults_and_the_help_option_are_translated():
    out = run(["members", "--lang", "ru", "--help"]).output
    assert "Формат вывода.  [по умолчанию: table]" in out.replace("\n", " ").replace("  " * 14, "")
    assert "-h, --help                 Показать эту справку и выйти." in out
    out = run(["figure", "euler", "--help"], LANG="zh_HK.UTF-8").output
    assert "[必填]" in out and "顯示此說明並結束。" in out


@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
def test_english_help_is_clicks_own(path, command):
    """English readers (no --lang, no $BLOCMAP_LANG, an English or C locale) get click's help as
    click writes it, whatever language an earlier invocation used."""
    run([*path, "--lang", "ru", "--help"] if path else ["--lang", "ru", "--help"])
    for env in ({}, {"LANG": "en_US.UTF-8"}, {"BLOCMAP_LANG": "xx"}):
        out = run([*path, "--help"], **env).output
        plain = click.Context(command, info_name=" ".join(("blocmap", *path)), terminal_width=80)
        expected = command.get_help(plain)  # CliRunner writes 80 columns
        assert out == expected + "\n"
        assert out.startswith("Usage: blocmap") and "Show this message and exit." in out
        assert not re.search(r"[\u4e00-\u9fffа-яё]", out)


# --------------------------------------------------------------------------------- usage errors
@pytest.mark.parametrize("args, env, shown", [
    (["members", "--lang", "xx", "csto"], {"BLOCMAP_LANG": "ru"},
     "Ошибка: Недопустимое значение для '--lang': неизвестный язык «xx»"),
    (["members", "--lang", "xx", "csto"], {"LANG": "zh_TW.UTF-8"}, "錯誤：'--lang' 的值無效：未知的語言「xx」"),
    (["figure", "euler", "--lang", "zh-Hant"], {}, "錯誤：缺少選項 '-o' / '--output'."),
    (["members", "--lang", "ru"], {}, "Ошибка: Не указан аргумент 'ORG'."),
    (["--lang", "ru", "memberz"], {}, "Ошибка: Нет команды 'memberz'."),
    (["memberz"], {"LANG": "zh_TW.UTF-8"}, "錯誤：沒有命令 'memberz'。"),
    (["members", "csto", "--format", "xml", "--lang", "ru"], {}, "'xml' — не одно из значений 'table', 'json', 'csv'."),
    (["members", "csto", "--bogus", "--lang", "zh-Hant"], {}, "錯誤：沒有選項 '--bogus'。"),
])
def test_usage_errors_in_the_readers_language(args, env, shown):
    result = run(args, **env)
    assert result.exit_code == 2 and shown in result.output, result.output
    assert reader_english(result.output.replace("'xml'", "")) == [], result.output
    assert ("用法： blocmap" if "錯誤" in shown else "Использование: blocmap") in result.output
    assert ("請執行「blocmap" if "錯誤" in shown else "Для справки: «blocmap") in result.output


@pytest.mark.parametrize("args, env, shown", [
    (["members", "csot"], {"BLOCMAP_LANG": "ru"}, "blocmap: ошибка: неизвестная организация «csot»"),
    (["members", "csot"], {"LANG": "zh_TW.UTF-8"}, "blocmap：錯誤：未知的組織「csot」"),
    (["--lang", "ru", "members", "csot"], {}, "blocmap: ошибка: неизвестная организация «csot»"),
    (["members", "csot", "--lang", "en"], {"BLOCMAP_LANG": "ru"}, "blocmap: error: unknown organization 'csot'"),
    (["members", "csot"], {}, "blocmap: error: unknown organization 'csot'"),
])
def test_blocmaps_own_errors_follow_the_reader_too(args, env, shown):
    result = run(args, **env)
    assert result.exit_code == 1 and result.output.startswith(shown), result.output


@pytest.mark.parametrize("args, env, shown", [
    (["--version"], {}, "blocmap, version "),
    (["--version"], {"LANG": "ru_RU.UTF-8"}, "blocmap, версия "),
    (["--lang", "zh-Hant", "--version"], {}, "blocmap 版本 "),
])
def test_the_version_in_the_readers_language(args, env, shown):
    result = run(args, **env)
    assert result.exit_code == 0 and result.output.startswith(shown) and re.fullmatch(r"\S+ \S+ [\d.]+\n", result.output.replace(",", ""))


def test_a_usage_error_in_english_is_clicks():
    result = run(["members", "--lang", "xx", "csto"])
    assert result.exit_code == 2
    assert "Error: Invalid value for '--lang': unknown language 'xx' (use en, zh-Hant" in result.output


# ------------------------------------------------------------------------- choosing the language
@pytest.mark.parametrize("args, env, lang", [
    ([], {}, "en"),
    ([], {"LANG": "C.UTF-8"}, "en"),
    ([], {"LANG": "zh_TW.UTF-8"}, "zh-Hant"),
    ([], {"LANG": "zh_HK.Big5"}, "zh-Hant"),
    ([], {"LANG": "zh_MO"}, "zh-Hant"),
    ([], {"LANG": "zh_Hant_TW.UTF-8"}, "zh-Hant"),
    ([], {"LANG": "zh_CN.UTF-8"}, "en"),  # Simplified Chinese is not one of blocmap's languages
    ([], {"LANG": "ru_RU.UTF-8"}, "ru"),
    ([], {"LANG": "ru_UA.UTF-8@euro"}, "ru"),
    ([], {"LANG": "ru_RU.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, "zh-Hant"),
    ([], {"LANG": "ru_RU.UTF-8", "LC_ALL": "C"}, "en"),
    ([], {"LANG": "ru_RU.UTF-8", "BLOCMAP_LANG": "zh_tw"}, "zh-Hant"),
    ([], {"BLOCMAP_LANG": "klingon", "LANG": "ru_RU"}, "ru"),
    (["members", "--lang", "ZH-hant", "--help"], {"BLOCMAP_LANG": "ru"}, "zh-Hant"),
    (["members", "--lang=ru-RU"], {}, "ru"),
    (["members", "--lang", "ru", "--lang", "en"], {"LANG": "ru_RU"}, "en"),
    (["members", "--lang", "xx"], {"BLOCMAP_LANG": "ru"}, "ru"),
    (["members", "--lang"], {}, "en"),
])
def test_the_readers_language(args, env, lang):
    assert reader_language(args, env) == lang


def test_every_command_writes_help_through_the_readers_context():
    assert [i for (_, c), i in zip(COMMANDS, IDS) if c.context_class is not Context] == []


def test_clicks_words_are_given_back_after_an_invocation():
    """Click's modules ask gettext again once an invocation in another language is over; the
    swap would find nothing to swap if click stopped importing gettext's functions."""
    swappable = [m for name, m in sys.modules.items() if name.startswith("click.") and vars(m).get("_") is gettext.gettext]
    assert {"click.core", "click.exceptions", "click.formatting", "click.types"} <= {m.__name__ for m in swappable}
    run(["memberz", "--lang", "ru"])
    assert all(vars(m)["_"] is gettext.gettext for m in swappable)
    assert all(vars(m).get("ngettext", gettext.ngettext) is gettext.ngettext for m in swappable)


def test_a_group_lang_is_the_default_of_the_commands_below():
    assert "государство" in run(["--lang", "ru", "members", "csto", "--on", "2010-01-01"]).output
    assert "state" in run(["--lang", "ru", "members", "csto", "--on", "2010-01-01", "--lang", "en"]).output
    # one language choice: $BLOCMAP_LANG chooses the answers too (issue 19, item 5)
    assert "государство" in run(["members", "csto", "--on", "2010-01-01"], BLOCMAP_LANG="ru").output


PROBE = """
import sys
from blocmap.cli import main
try:
    main({args!r}, prog_name="blocmap")
except SystemExit:
    pass
from blocmap.core.messages import catalog
print("blocmap.cli.help" in sys.modules, catalog.cache_info().currsize)
"""


@pytest.mark.parametrize("args, imported, read", [
    (["members", "csto", "--on", "2010-01-01"], False, 1),
    (["members", "csto", "--on", "2010-01-01", "--lang", "ru"], True, 2),
    (["members", "--lang", "ru", "--help"], True, 2),
])
def test_the_translations_are_read_only_for_the_readers_language(args, imported, read):
    """An English answer does not import ``help.py`` and reads the English catalog only; an
    answer or help in Russian reads the Russian one too, and no other."""
    env = {"PYTHONPATH": str(REPO / "src"), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True,
                         env=env, check=True).stdout
    assert out.splitlines()[-1] == f"{imported} {read}"
