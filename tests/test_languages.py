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
from blocmap.features.depth import DIMENSIONS
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
        words |= set(re.findall(r"[A-Za-z']+|[A-Za-z]+", f"{source.title} {source.publisher or ''}"))
        words |= set(re.findall(r"[A-Za-z]+", f"{source.title} {source.publisher or ''}"))
    for event in atlas.events:  # a citation's locator ("para. 3", "Art. 9") is bibliographic data, in English
        for cited in event.citations:
            words |= set(re.findall(r"[A-Za-z']+", cited.at or ""))
    words |= set(DIMENSIONS)  # ids of the depth dimensions, named as ids in sources' notes ("eaeu stage")
    words |= {"datahub"}  # the name of the host of the bundled WDI copies (wdi-gdp's note)
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
    # the numbered notes quote each source's own words, in its language, between the reader's marks
    assert english_words(unquoted(result.output), ALLOW) == []


ALLOW = allowlist()


_ATLAS = blocmap.load()
# Every page a reader uses (the API's reference page, /api, is a developer's document in English).
PAGES = ["/", "/compare?orgs=cis,eaeu", "/disputes", "/orgs", "/states", "/sources",
         *(f"/org/{o}" for o in _ATLAS.orgs), *(f"/state/{s}" for s in _ATLAS.states),
         *(f"/source/{k}" for k in _ATLAS.sources)]
NOTED = [k for k, s in _ATLAS.sources.items() if s.note]


def test_many_sources_have_a_note():
    assert len(NOTED) > 150


@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
@pytest.mark.parametrize("key", NOTED)
def test_a_sources_note_speaks_the_readers_language(key, lang):
    """``blocmap sources KEY``: the note in the reader's language, and no English word besides
    the source's own title and publisher."""
    result = CliRunner().invoke(main, ["sources", key, "--lang", lang])
    assert result.exit_code == 0, result.output
    note = _ATLAS.sources[key].text("note", lang)
    assert note != _ATLAS.sources[key].note and note in result.output
    # a quote is the source's own words, in its language, between the reader's quotation marks
    assert english_words(unquoted(result.output), ALLOW) == []


@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from blocmap.web.app import create_app

    with TestClient(create_app(blocmap.load())) as c:
        yield c


def visible_text(html: str) -> str:
    """The text a reader sees: no scripts, styles, tags, attributes or elements marked in
    another language than the reader's (lang="en": the language switch, names given in every
    language; lang="sr": a Serbian source's own words)."""
    html = re.sub(r"<(script|style|title)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<(\w+)[^>]*\blang="(?!zh-Hant"|ru")[^"]*"[^>]*>.*?</\1>', " ", html, flags=re.S)
    html = re.sub(r"<code\b[^>]*>.*?</code>", " ", html, flags=re.S)  # keys, ids and code to copy
    import html as entities

    return entities.unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_english_word(client, path, lang):
    html = client.get(path, params={"lang": lang}).text
    # quoted words («…», 「…」) are a source's own, in its language
    assert english_words(unquoted(visible_text(html)), ALLOW | {"api", "json"}) == []


@pytest.mark.parametrize("args, lang, expected", [
    (["members", "csot"], "ru", "blocmap: ошибка: неизвестная организация «csot» (может быть, 'cst' или 'csto' или 'sco'?)"),
    (["members", "csot"], "zh-Hant", "blocmap：錯誤：未知的組織「csot」（您是否指 'cst' 或 'csto' 或 'sco'？）"),
    (["members", "csto", "--on", "2016-13-01"], "zh-Hant", "blocmap：錯誤：on：「2016-13-01」不是日期：沒有 13 月"),
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


# ---------------------------------------------------------------------------- errors and problems
# Every error and data-file problem is a row of the translation table (core/messages.py): the
# English message and its translations come from the same row, so no raise can be English only.
import ast  # noqa: E402
import string  # noqa: E402

from blocmap.core.errors import BlocmapError, DataError, Problem, QueryError  # noqa: E402
from blocmap.core.i18n import TABLE, error_text  # noqa: E402
from blocmap.core.messages import MESSAGES, Text, catalog, text_of  # noqa: E402
from blocmap.core.model import EVENT_KINDS, KINDS, LANGS, STATUSES  # noqa: E402

SRC = REPO / "src" / "blocmap"
#: The figures' layout engine says why no Euler diagram exists in English (a fallback reason,
#: shown beside the UpSet plot that replaces it); everything else is built from the table.
PLAIN_MESSAGES = {"features/figures/topology.py", "features/figures/layout_cache.py", "features/figures/check.py",
                  "features/figures/api.py"}


def _calls(name: str):
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if called == name:
                    yield path.relative_to(SRC).as_posix(), node


def _is_text(node: ast.expr) -> bool:
    """A ``Text`` (``Text(...)``, ``….text``) — never a message written out (str, f-string, +)."""
    if isinstance(node, ast.Call):
        return getattr(node.func, "id", getattr(node.func, "attr", "")) == "Text"
    return isinstance(node, ast.Attribute) and node.attr == "text" or isinstance(node, ast.Name)


@pytest.mark.parametrize("name, position", [("QueryError", 0), ("Problem", 2), ("DateError", 0)])
def test_no_error_or_problem_is_built_from_a_written_out_message(name, position):
    wrong = [f"{where}:{node.lineno}" for where, node in _calls(name)
             if len(node.args) > position and not _is_text(node.args[position])]
    assert wrong == []


def test_blocmap_errors_with_a_plain_message_are_only_the_layout_engines():
    wrong = [f"{where}:{node.lineno}" for cls in ("BlocmapError", "LayoutImpossible", "LayoutCheckError")
             for where, node in _calls(cls)
             if node.args and not _is_text(node.args[0]) and where not in PLAIN_MESSAGES]
    assert wrong == []


def test_every_key_named_in_the_source_is_a_row_of_the_table():
    keys = []  # QueryError.of, Problem.of, Text, Reader.problem, Refused, csvcheck.fail: their literal keys
    for name in ("of", "Text", "problem", "Refused", "fail", "_problem"):
        for where, node in _calls(name):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "." in arg.value \
                        and arg.value.split(".")[0] in ("err", "data", "cli", "fig", "file", "what", "schema", "cite",
                                                         "check", "web", "list"):
                    keys.append((where, node.lineno, arg.value))
    assert len(keys) > 150
    assert [k for k in keys if k[2] not in TABLE] == []


def test_every_error_row_is_used():
    """No row left behind: each is named in the source (a few by a prefix: ``err.unknown.{kind}``)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.name != "messages.py")
    built = ("err.unknown.", "err.date.needs_day.", "value.")  # value.{code} of a depth cell
    within = ("list.sep", "list.and", "err.or", "err.did_you_mean")  # how messages.py joins values
    unused = [k for k in TABLE if k.split(".")[0] in ("err", "data", "cli", "file", "what", "schema", "check", "list",
                                                   "store", "port")
              and f'"{k}"' not in text and not k.startswith(built) and k not in within]
    assert unused == []


def test_an_error_or_problem_cannot_be_built_from_plain_english():
    with pytest.raises(TypeError):
        QueryError("unknown thing", "org")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Problem("orgs/x.yaml", 3, "broken")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        Text("err.no_such_row")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TABLE))
def test_every_message_is_in_every_language(key):
    row = TABLE[key]
    assert len(row) == len(LANGS) and all(isinstance(text, str) and text.strip() for text in row), key
    assert all(has_own(key, lang) for lang in LANGS), key  # its own translation, not English's fallback
    assert "\n" not in "".join(row)  # one line


def has_own(key: str, lang: str) -> bool:
    return key in catalog(lang).texts


@pytest.mark.parametrize("key", sorted(TABLE))
def test_every_message_has_the_same_placeholders_in_each_language(key):
    english, *others = TABLE[key]
    assert all(_placeholders(text) == _placeholders(english) for text in others), key


@pytest.mark.parametrize("key", sorted(TABLE))
def test_every_message_renders_in_every_language(key):
    values = {name: 2 if name == "n" else "x" for name in _placeholders(TABLE[key][0])}
    for lang in LANGS:
        said = Text(key, values).render(lang)
        assert "{" not in said.replace("{en: …", "") or key == "data.no_text_in"
    if key.startswith(("err.", "data.")) and key not in ("err.at", "data.where",
                                                         "data.date", "data.cow_date"):
        assert Text(key, values).render("ru") != Text(key, values).render("en"), key


def test_no_text_a_reader_sees_is_written_in_python():
    """Every Chinese or Cyrillic letter of blocmap's Python is gone to the catalogs (the figures'
    font probe writes its CJK glyph as an escape), with no exception."""
    found = [f"{p.relative_to(SRC)}:{n}" for p in sorted(SRC.rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search("[\u3400-\u9fff\uf900-\ufaff\u0400-\u04ff]", line)]
    assert found == []
    assert MESSAGES == {}  # rows written as tuples wait here for `python -m blocmap.cli.catalogs import-rows`


def test_the_catalogs_pass_their_own_check():
    """What `python -m blocmap.cli.catalogs check` reports: a message missing, fuzzy or with other
    placeholders in a language, a mainland form in zh-Hant, a term not the glossary's, a stale .mo."""
    from blocmap.core.catalogs import problems

    assert problems() == []


def test_zh_hant_messages_use_taiwan_usage_and_full_width_punctuation():
    from blocmap.core.catalogs import avoided

    MAINLAND = avoided("zh_Hant")
    assert {"数据", "参数", "信息", "默认", "哈薩克斯坦"} <= set(MAINLAND)
    for key in TABLE:
        zh, ru = text_of(key, "zh-Hant"), text_of(key, "ru")
        for mainland, taiwan in MAINLAND.items():
            assert mainland not in zh, (key, mainland, taiwan)
        assert "'{" not in zh and "\"{" not in zh, key  # 「…」 around quoted values
        assert "'{" not in ru, key  # «…» around quoted values


#: Words that are ids in an error: parameter and option names, statuses, event kinds and the
#: other values a user types.
def _ids() -> set[str]:
    from blocmap.web.api import P

    names: set[str] = {p["name"] for p in P.values()}
    for command in [*main.commands.values(), *(c for g in main.commands.values() for c in getattr(g, "commands", {}).values())]:
        for param in command.params:
            names |= {param.name or ""} | {o.lstrip("-") for o in getattr(param, "opts", [])}
    names |= set(STATUSES) | set(EVENT_KINDS) | set(KINDS) | {"gdp", "population", "today", "all", "cow", "upset",
              "true", "false", "svg", "png", "pdf", "json", "csv", "html", "table", "text"}
    return {w.casefold() for n in names for w in re.findall(r"[A-Za-z]+", n)}


IDS = _ids()


def unquoted(text: str) -> str:
    """``text`` without what it quotes back («…», 「…」, '…') and the titles it names (《…》): the
    reader's input, ids, a source's own words."""
    text = re.sub(r"«[^»]*»|「[^」]*」|《[^》]*》", " ", text)
    return re.sub(r"'[^']*'", " ", text)


@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
@pytest.mark.parametrize("args", [
    ["members", "csto", "--on", "2016-02"],
    ["members", "csto", "--status", "memberr"],
    ["history", "Narnia"],
    ["organs", "sco"],
    ["compare", "sco"],
    ["table"],
    ["table", "cis", "--kinds", "joined,married"],
    ["table", "cis", "--from", "2010", "--to", "2000"],
    ["asymmetry", "cis", "--year", "2021", "--from", "2000", "--to", "2001"],
    ["asymmetry", "cis", "--year", "2021", "--chart", "x.svg"],
    ["asymmetry", "cis", "--year", "2021", "--on", "2020-06-01"],
    ["asymmetry", "cis"],
    ["asymmetry", "cis", "--year", "99999"],
    ["figure", "euler", "--orgs", "cis,cis", "-o", "x.svg"],
    ["figure", "euler", "--orgs", "cis,narnia", "-o", "x.svg"],
    ["figure", "euler", "--orgs", "cis@", "-o", "x.svg"],
    ["figure", "euler", "-o", "x.txt"],
    ["figure", "map", "--org", "cis", "--orgs", "csto", "-o", "x.svg"],
    ["network", "--from", "2010", "--to", "2000"],
    ["network", "--format", "svg"],
], ids=" ".join)
def test_rare_errors_in_the_readers_language(args, lang, tmp_path, monkeypatch):
    """The words of the message are the reader's; what is quoted back («…», 「…」, '…') is the
    reader's own input or an id."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 1, result.output
    line = result.output.strip()
    assert line.startswith("blocmap：錯誤：" if lang == "zh-Hant" else "blocmap: ошибка: ") and "\n" not in line
    assert english_words(unquoted(line), ALLOW | IDS) == [], line
    assert not list(tmp_path.iterdir())  # refused before anything was written


@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
@pytest.mark.parametrize("path, params, status", [
    ("/api/compare", {"orgs": "cis"}, 400),
    ("/api/asymmetry", {"org": "cis", "indicator": "wealth"}, 400),
    ("/api/asymmetry", {"org": "cis", "year": "2021", "from": "2000"}, 400),
    ("/api/asymmetry", {"org": "cis", "from": "1700", "to": "2000"}, 400),
    ("/api/memberships", {"state": "KAZ", "world": "maybe"}, 400),
    ("/api/members", {"org": "csto", "on": "2099-01-01"}, 400),
    ("/api/members", {"org": "csto", "on": "2016-02-30"}, 400),
    ("/api/history", {}, 400),
    ("/api/overlap", {"orgs": "cis@2010"}, 400),
    ("/api/org/narnia", {}, 404),
    ("/api/no-such-endpoint", {}, 404),
])
def test_rare_web_errors_in_the_readers_language(client, path, params, status, lang):
    response = client.get(path, params={**params, "lang": lang})
    assert response.status_code == status
    said = response.json()["error"]
    assert english_words(unquoted(said), ALLOW | IDS) == [], said
    assert re.search("[\u4e00-\u9fff]" if lang == "zh-Hant" else "[а-я]", said)
    page = client.get(path.replace("/api/", "/", 1) if path != "/api/compare" else "/compare",
                      params={**params, "lang": lang})
    assert english_words(unquoted(visible_text(page.text)), ALLOW | IDS) == []


@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
def test_the_api_reference_page_in_the_readers_language(client, lang):
    html = client.get("/api", params={"lang": lang}).text
    assert "<code>GET /api/members</code>" in html and "<code>org</code>" in html  # paths and names stay ids
    assert english_words(visible_text(html), ALLOW | {"api", "json"}) == []
    assert client.get("/openapi.json").json()["info"]["title"] == "blocmap web atlas API"  # the document is English


@pytest.fixture()
def broken_data(tmp_path):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(REPO / "src" / "blocmap" / "data", folder)
    csto = folder / "orgs" / "csto.yaml"
    text = csto.read_text(encoding="utf-8")
    csto.write_text(text.replace("event: joined", "event: joinedd", 1).replace("\nkind:", "\nknid: x\nkind:", 1),
                    encoding="utf-8")
    states = folder / "states.yaml"
    states.write_text(states.read_text(encoding="utf-8").replace("iso3: ARM", "iso3: arm", 1), encoding="utf-8")
    (folder / "orgs" / "bad.yaml").write_text("id: bad\nnames: {en: Bad\n", encoding="utf-8")
    return folder


def test_check_names_file_and_line_in_russian(broken_data):
    result = CliRunner().invoke(main, ["check", str(broken_data), "--lang", "ru"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    problems = [line for line in lines if re.match(r"(orgs/)?[\w-]+\.yaml(:\d+)?: ", line)]
    assert len(problems) >= 5
    said = "\n".join(lines)
    assert re.search(r"^orgs/csto\.yaml:\d+: неизвестное событие «joinedd»; используйте одно из: ", said, re.M)
    assert re.search(r"^orgs/csto\.yaml:\d+: неизвестный ключ «knid» в организации \(может быть, 'kind'\?\)$",
                     said, re.M)
    assert re.search(r"^states\.yaml:\d+: iso3 «arm» должен состоять из трёх заглавных букв$", said, re.M)
    assert re.search(r"^orgs/bad\.yaml:\d+: синтаксис YAML: ", said, re.M)
    assert re.search(r"^orgs/cis\.yaml:\d+: неизвестное государство «ARM» \(нет в states\.yaml\)$", said, re.M)
    assert re.match(r"\d+ проблем(а|ы)? в ", lines[-1])
    # the YAML parser's own words (quoted after "синтаксис YAML:") are the library's, not ours
    ours = [line for line in problems if "YAML" not in line]
    assert english_words(unquoted("\n".join(ours)), ALLOW | IDS) == []


def test_check_in_chinese_and_english_name_the_same_problems(broken_data):
    english = CliRunner().invoke(main, ["check", str(broken_data)]).output.strip().splitlines()
    chinese = CliRunner().invoke(main, ["check", str(broken_data), "--lang", "zh-Hant"]).output.strip().splitlines()
    assert len(english) == len(chinese)
    assert [line.split(": ")[0] for line in english[:-1]] == [line.split("：")[0] for line in chinese[:-1]]
    assert any("未知的事件「joinedd」" in line for line in chinese)
    assert any(line.startswith("orgs/csto.yaml:") and "unknown event 'joinedd'" in line for line in english)


def test_a_bad_data_folder_is_reported_in_the_readers_language(broken_data):
    result = CliRunner().invoke(main, ["members", "csto", "--data", str(broken_data), "--lang", "ru"])
    assert result.exit_code == 1
    assert "blocmap: states.yaml:" in result.output and "должен состоять из трёх заглавных букв" in result.output


def test_error_text_says_a_data_error_in_the_readers_language():
    error = DataError([Problem.of("states.yaml", 3, "data.iso3", value="arm"),
                       Problem.of("orgs/x.yaml", None, "data.org_mapping")])
    assert str(error) == "states.yaml:3: iso3 'arm' must be three capital letters (and 1 more problem)"
    assert error_text(error, "zh-Hant") == "states.yaml:3：iso3「arm」必須是三個大寫字母（另有 1 個問題）"
    assert isinstance(error, BlocmapError)


def test_the_webs_own_refusals_in_the_readers_language(client):
    refused = client.post("/api/members", params={"org": "csto", "lang": "ru"})
    assert refused.status_code == 405 and refused.json()["error"] == "метод не разрешён: атлас доступен только для чтения"
    missing = client.get("/no/such/page", params={"lang": "zh-Hant"})
    assert missing.status_code == 404 and "找不到：沒有這個頁面或端點" in missing.text


@pytest.mark.parametrize("n, en, zh, ru", [
    (1, "1 organization", "1 個組織", "1 организация"),
    (2, "2 organizations", "2 個組織", "2 организации"),
    (5, "5 organizations", "5 個組織", "5 организаций"),
    (11, "11 organizations", "11 個組織", "11 организаций"),
    (17, "17 organizations", "17 個組織", "17 организаций"),
    (21, "21 organizations", "21 個組織", "21 организация"),
    (22, "22 organizations", "22 個組織", "22 организации"),
    (112, "112 organizations", "112 個組織", "112 организаций"),
])
def test_counts_take_the_form_their_number_takes(n, en, zh, ru):
    """CLDR's plural rules through the catalogs: Russian one / few / many, Chinese one form."""
    from blocmap.core.messages import Count

    assert [Count("count.organizations", n).render(lang) for lang in ("en", "zh-Hant", "ru")] == [en, zh, ru]


def test_cite_counts_in_russian_read_naturally():
    result = CliRunner().invoke(main, ["cite", "--lang", "ru"])
    atlas = blocmap.load()
    n = len(atlas.orgs)
    form = "организаций" if n % 10 in (0, 5, 6, 7, 8, 9) or 11 <= n % 100 <= 14 else None
    assert result.exit_code == 0 and re.search(r"Выверенные данные о членстве: \d+ организаци", result.output)
    if form:
        assert f"{n} {form}" in result.output
    assert "организаций —" not in result.output


def test_a_data_error_with_one_more_problem_says_problem():
    error = DataError([Problem.of("states.yaml", 3, "data.iso3", value="arm"),
                       Problem.of("orgs/x.yaml", None, "data.org_mapping")])
    assert error_text(error, "ru").endswith("(и ещё 1 проблема)")


# ------------------------------------------------------------------ the glossary and the typography
def test_the_glossary_names_every_status_and_kind_and_the_catalogs_follow_it():
    """One term per status and kind of organization (locale/glossary.csv): each is its key's
    translation, and every message whose English says 'associate member' says 準成員 and
    ассоциированн…, never 聯繫國 (issue 19, item 8)."""
    from blocmap.core.catalogs import glossary, glossary_problems, load_all, po_path
    from blocmap.core.model import KINDS

    rows = {row["key"]: row for row in glossary()}
    assert {f"status.{s}" for s in STATUSES} | {f"kind.{k}" for k in KINDS} <= set(rows)
    for key, row in rows.items():
        assert t(key, "en") == row["en"] and t(key, "zh-Hant") == row["zh_Hant"] and t(key, "ru") == row["ru"], key
    assert rows["status.associate"]["zh_Hant"] == "準成員" and "聯繫國" in rows["status.associate"]["avoid_zh_Hant"]
    _, catalogs = load_all()
    assert all(glossary_problems(code, catalogs[code], str(po_path(code))) == [] for code in catalogs)
    # a planted variant is caught
    from babel.messages.catalog import Catalog

    planted = Catalog(locale="zh_Hant")
    planted.add("{states} became an associate member of {org}", "{states}成為{org}聯繫國", context="paper.x")
    said = glossary_problems("zh_Hant", planted, "x.po")
    assert any("聯繫國" in line for line in said) and any("lacks '準成員'" in line for line in said)


from blocmap.core.i18n import t  # noqa: E402

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
ASCII_NEXT_TO_HAN = re.compile(rf"[{HAN}] ?[(),:;]|[(),:;] ?[{HAN}]")


@pytest.mark.parametrize("args", [["members", "cis", "--on", "2010-01-01"], ["memberships", "KAZ"], ["show", "csto"],
                                  ["show", "cis"], ["overview", "--on", "2016-01-01"], ["orgs"],
                                  ["memberships", "GEO", "--on", "2010-01-01"], ["overlap", "--on", "2016-01-01"],
                                  ["diff", "2014-01-01", "2016-01-01", "--orgs", "eaeu"],
                                  ["sources", "wp-cis-member-states"], ["cite"]], ids=" ".join)
def test_chinese_output_has_full_width_punctuation(args):
    """No ASCII '(', ')', ':', ';' or ',' against a Chinese character in what zh-Hant readers read
    (a source's quoted words, 「…」, are the source's own)."""
    result = CliRunner().invoke(main, [*args, "--lang", "zh-Hant"])
    assert result.exit_code == 0, result.output
    text = re.sub(r"「[^」]*」|《[^》]*》", "「」", result.output)
    assert [line for line in text.splitlines() if ASCII_NEXT_TO_HAN.search(line)] == []
    assert re.search(f"[{HAN}]", text)


def test_show_in_chinese_names_the_organization_once_with_full_width_marks():
    out = CliRunner().invoke(main, ["show", "csto", "--lang", "zh-Hant"]).output
    assert out.splitlines()[0] == "集體安全條約組織 — csto"  # not 集體安全條約組織 (集體安全條約組織)
    assert "類型：安全" in out and "事件：" in out and "（blocmap history csto）" in out
    out = CliRunner().invoke(main, ["overview", "--on", "2016-01-01", "--lang", "zh-Hant"]).output
    assert "\n組織：\n" in out and "組織:" not in out
    assert re.search(r"  正式成員（\d+）：亞美尼亞、", out)


def test_russian_output_uses_russian_quotation_marks_and_dashes():
    out = CliRunner().invoke(main, ["sources", "wp-cis-member-states", "--lang", "ru"]).output
    assert "«" in out and "“" not in out
    out = CliRunner().invoke(main, ["show", "csto", "--lang", "ru"]).output
    assert out.splitlines()[0] == "Организация Договора о коллективной безопасности (ОДКБ) — csto"


def _russian_form(n: int, one: str, few: str, many: str) -> str:
    """The Russian plural rule, written out by hand (CLDR: one, few, many)."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    return few if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else many


def test_check_counts_in_russian_take_the_numbers_form():
    atlas = blocmap.load()
    out = CliRunner().invoke(main, ["check", "--lang", "ru"]).output.splitlines()[0]
    n_orgs, n_states = len(atlas.orgs), len(atlas.states)
    assert f"— {n_orgs} {_russian_form(n_orgs, 'организация', 'организации', 'организаций')}, " in out
    assert f", {n_states} {_russian_form(n_states, 'государство', 'государства', 'государств')}, " in out
    assert "организаций:" not in out
