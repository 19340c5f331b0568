"""Every word a reader sees in zh-Hant or ru: the README's question commands, run in both
languages, print no English word outside a short allowlist (ids, ISO codes, source keys and
the sources' own titles and publishers, acronyms, command names)."""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

import blocmap
from blocmap.cli import main
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SKIP = ("-o", "--output", "--chart", "import", "export", "serve", "cite", "check", "audit", "--db", "--world")


def readme_commands() -> list[list[str]]:
    lines = [line.split("  #")[0].strip() for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S)
             for line in block.splitlines() if line.startswith("blocmap ")]
    out = []
    for line in lines:
        args = shlex.split(line)[1:]
        if any(a in SKIP for a in args) or "--lang" in args or "asean" in args:
            continue  # files, imports, the COW store's organizations (tested with a store elsewhere)
        if "--format" in args and args[args.index("--format") + 1] in ("csv", "json"):
            continue  # machine formats: their field names are the schema, not words for a reader
        command = main.commands.get(args[0])
        while command is not None and hasattr(command, "commands") and len(args) > 1:
            command = command.commands.get(args[1])
        if command is not None and any("--lang" in getattr(p, "opts", []) for p in command.params):
            out.append(args)
    return out


def allowlist() -> set[str]:
    atlas = blocmap.load()
    words: set[str] = {"blocmap", "help", "Hant", "ORG", "DATE", "STATE", "SUBJECT",
                       "Natural", "Earth",  # the map data's name (a proper name)
                       "Shift", "Page", "Down",  # keys on the keyboard
                       "hoc",  # Latin "ad hoc", used as such in Chinese and Russian legal prose
                       "France"}  # "France 24", a broadcaster cited by name
    words |= set(main.commands) | {c for g in main.commands.values() for c in getattr(g, "commands", {})}
    for org in atlas.orgs.values():
        words |= {org.id, *org.aliases} | set(re.findall(r"[A-Za-z]+", " ".join(org.acronyms.values())))
    for state in atlas.states.values():
        words |= {state.iso3, state.iso2 or "", *(c.abb for c in state.cow)}
    for source in atlas.sources.values():  # bibliographic data stays as published
        words |= set(re.findall(r"[A-Za-z']+", f"{source.title} {source.publisher or ''}"))
    return {w.casefold() for w in words if w}


def english_words(text: str, allow: set[str]) -> list[str]:
    """Plain words (not ids, keys, codes, addresses or acronyms in capitals) outside ``allow``."""
    text = re.sub(r"https?://\S+", " ", text)
    tokens = re.findall(r"[A-Za-z0-9][\w'.@/-]*", text)
    return [t for t in tokens if re.fullmatch(r"[A-Za-z][a-z']{2,}|[A-Z][a-z][A-Za-z']+", t)
            and t.casefold() not in allow]


COMMANDS = readme_commands()


def test_the_readme_has_question_commands_to_check():
    assert len(COMMANDS) >= 10


@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_no_english_word_in_the_readers_language(args, lang):
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 0, result.output
    assert english_words(result.output, ALLOW) == []


ALLOW = allowlist()


_ATLAS = blocmap.load()
# Every page a reader uses (the API's reference page, /api, is a developer's document in English).
PAGES = ["/", "/compare?orgs=cis,eaeu", "/disputes", "/orgs", "/states", "/sources",
         *(f"/org/{o}" for o in _ATLAS.orgs), *(f"/state/{s}" for s in _ATLAS.states)]


@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from blocmap.web.app import create_app

    with TestClient(create_app(blocmap.load())) as c:
        yield c


def visible_text(html: str) -> str:
    """The text a reader sees: no scripts, styles, tags, attributes or elements marked in
    another language (lang="en": the language switch, names given in every language)."""
    html = re.sub(r"<(script|style|title)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", html, flags=re.S)
    html = re.sub(r"<code>.*?</code>", " ", html, flags=re.S)  # keys and ids
    import html as entities

    return entities.unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_english_word(client, path, lang):
    html = client.get(path, params={"lang": lang}).text
    assert english_words(visible_text(html), ALLOW | {"api", "json"}) == []


@pytest.mark.parametrize("args, lang, expected", [
    (["members", "csot"], "ru", "blocmap: ошибка: неизвестная организация «csot» (может быть, 'cst' или 'csto' или 'sco'?)"),
    (["members", "csot"], "zh-Hant", "blocmap：錯誤：未知的組織「csot」（您是否指 'cst' 或 'csto' 或 'sco'？）"),
    (["members", "csto", "--on", "2016-13-01"], "zh-Hant", "blocmap：錯誤：on: 「2016-13-01」不是日期：沒有 13 月"),
    (["memberships", "Narnia"], "ru", "blocmap: ошибка: неизвестное государство «Narnia»"),
    (["asymmetry", "cis", "--year", "20x1"], "ru", "blocmap: ошибка: year: «20x1» — не год"),
])
def test_errors_in_the_readers_language(args, lang, expected):
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 1 and result.output.strip() == expected


def test_web_errors_in_the_readers_language(client):
    body = client.get("/api/members", params={"org": "csot", "lang": "ru"}).json()
    assert body["error"].startswith("неизвестная организация «csot»") and body["parameter"] == "org"
    page = client.get("/org/csot", params={"lang": "zh-Hant"})
    assert page.status_code == 404 and "未知的組織「csot」" in page.text
