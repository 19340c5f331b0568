"""Every code block in the README and docs/*.md runs, and what it prints is checked (issue #10).

Each fenced block is of a kind this file knows how to check, by its info string:

* ``sh``/``bash`` — a ``blocmap …`` line runs (click's CliRunner, in a scratch folder) and must
  exit 0 without a traceback.  A line that writes a file (``-o``, ``--output``, ``--chart``)
  must leave a non-trivial file of the right kind for its suffix; any other line must carry, in
  its trailing comment, at least one expectation between double quotes, and the output must
  contain every one (``blocmap members csto --on 2008-06-01  # … "Uzbekistan"``).  ``--format
  json`` output must parse.  ``blocmap serve`` is only parsed (the web tests run the server);
  other lines (``pip``, ``python``, ``pytest``, ``apt-get`` …) must be valid shell and name
  files that exist.
* ``console`` — ``$ blocmap …`` lines, each followed by exactly what it prints (or the first
  lines of it, when the shown output ends with a ``…`` line).
* ``python``/``pycon`` — doctests (``>>>``), run with ELLIPSIS and NORMALIZE_WHITESPACE, each
  block in a fresh namespace.
* ``json`` — must parse.
* ``text`` — not runnable (a diagram, a layout sketch); it may not hide a command.

Anything else fails, so nothing is skipped silently.  Commands that need imported COW data
(``import cow``, ``audit``, ``--db``, ``--world``, an organization only COW has, or any command
of a block that begins with ``blocmap import cow``) run against the bundled extract in
``tests/fixtures/cow`` imported into the default store; every other command runs with no store;
``indicators import FILE`` gets a small WDI file of that name.
"""

from __future__ import annotations

import doctest
import functools
import io
import json
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from blocmap.cli import main
from blocmap.core.messages import Text
from blocmap.core.model import LANGS

from conftest import REPO
from test_world_support import EXTRACT, store

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
# A document being rewritten on another branch (path: reason): its blocks join the checks when it
# lands.  None now: every document is checked.
PENDING: dict[str, str] = {}

SHELL, CONSOLE, PYTHON, JSON, TEXT = ("sh", "bash"), ("console",), ("python", "pycon"), ("json",), ("text",)
R = ("r",)  # R is not installed: an R block may only read files a shell block of its document writes
KNOWN = SHELL + CONSOLE + PYTHON + JSON + TEXT + R


@dataclass(frozen=True)
class Block:
    doc: str      # path relative to the repository
    line: int     # line of the opening fence
    kind: str     # the info string's first word ('' for none)
    text: str

    def __str__(self) -> str:
        return f"{self.doc}:{self.line} ```{self.kind}"


def blocks_of(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, fences paired line by line."""
    found, opened, body = [], None, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fence = re.match(r"^(\s*)(`{3,}|~{3,})(.*)$", line)
        if opened is None and fence:
            opened, body = (number, fence.group(2), fence.group(3).strip()), []
        elif opened is not None and fence and fence.group(2).startswith(opened[1]) and not fence.group(3).strip():
            start, _, info = opened
            found.append(Block(str(path.relative_to(REPO)), start, info.split()[0] if info else "", "\n".join(body)))
            opened = None
        elif opened is not None:
            body.append(line)
    assert opened is None, f"{path.name}:{opened[0]}: a code block is never closed"
    return found


ALL_BLOCKS = [block for doc in DOCS for block in blocks_of(doc)]
BLOCKS = [block for block in ALL_BLOCKS if block.doc not in PENDING]


def blocks(*kinds: str) -> list[Block]:
    return [block for block in BLOCKS if block.kind in kinds]


# ---------------------------------------------------------------------------- shell lines
@dataclass(frozen=True)
class Line:
    block: Block
    number: int       # line in the document
    command: str      # without the comment
    comment: str

    @property
    def args(self) -> list[str]:
        return shlex.split(self.command)[1:]

    @property
    def expectations(self) -> list[str]:
        return re.findall(r'"([^"]+)"', self.comment)

    def __str__(self) -> str:
        return f"{self.block.doc}:{self.number}: {self.command}"


def split_comment(line: str) -> tuple[str, str]:
    """``command  # comment`` → (command, comment), ignoring ``#`` inside quotes or words."""
    quote = None
    for index, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].strip(), line[index + 1:].strip()
    return line.strip(), ""


def shell_lines(block: Block) -> list[Line]:
    lines = []
    for offset, raw in enumerate(block.text.splitlines(), start=1):
        command, comment = split_comment(raw)
        if command:
            lines.append(Line(block, block.line + offset, command, comment))
    return lines


SHELL_LINES = [line for block in blocks(*SHELL) for line in shell_lines(block)]
COMMANDS = [line for line in SHELL_LINES if line.command.startswith("blocmap ")
            and line.args[:1] != ["serve"]]
SERVE = [line for line in SHELL_LINES if line.command.startswith("blocmap ") and line.args[:1] == ["serve"]]
OTHER = [line for line in SHELL_LINES if not line.command.startswith("blocmap ")]

OUTPUT_OPTIONS = ("-o", "--output", "--chart")
# What a written file must start with (and how big a real one is at least), by suffix.
MAGIC = {".svg": ((b"<svg", b"<?xml"), 1000), ".png": ((b"\x89PNG\r\n\x1a\n",), 1000),
         ".pdf": ((b"%PDF-",), 1000), ".parquet": ((b"PAR1",), 1000),
         ".html": ((b"<!doctype html", b"<!DOCTYPE html", b"<html"), 1000),
         ".json": ((b"{", b"["), 100), ".csv": ((), 100), ".dta": ((b"<stata_dta>",), 1000)}


def written_file(args: list[str]) -> str | None:
    for option in OUTPUT_OPTIONS:
        if option in args:
            return args[args.index(option) + 1]
    return None


# ---------------------------------------------------------------------------- the scratch folder
WDI_BULK = ('"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-07-01",\n\n'
            '"Country Name","Country Code","Indicator Name","Indicator Code","2020","2021","2022",\n'
            '"Russian Federation","RUS","GDP (current US$)","NY.GDP.MKTP.CD","1.49e12","1.84e12","2.27e12",\n'
            '"Kazakhstan","KAZ","GDP (current US$)","NY.GDP.MKTP.CD","1.71e11","1.97e11","",\n')
WDI_LONG = "Country Name,Country Code,Year,Value\nRussia,RUS,2021,1.84e12\nKazakhstan,KAZ,2021,1.97e11\n"


@pytest.fixture(autouse=True)
def scratch(tmp_path, monkeypatch):
    """A scratch folder as the working directory, with no store, no imported series, the bundled data."""
    for name in ("BLOCMAP_DB", "BLOCMAP_DATA", "BLOCMAP_COW_DATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("BLOCMAP_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def default_store(folder: Path) -> Path:
    """The bundled COW extract, imported where a user's import would put it."""
    target = folder / "xdg" / "blocmap" / "world.duckdb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(store(), target)
    return target


@pytest.fixture(scope="module")
def imported_only() -> frozenset[str]:
    return imported_only_orgs()


@functools.lru_cache(maxsize=None)
def imported_only_orgs() -> frozenset[str]:
    """Organization ids that only the imported COW data has (``asean``, not ``cis`` or ``eaec``)."""
    import blocmap
    from blocmap.core.world.store import connect

    atlas = blocmap.load()
    db = connect(store())  # as blocmap opens a store (one configuration per file in a process)
    try:
        ids = {row[0] for row in db.execute("select id from orgs").fetchall()}
    finally:
        db.close()

    def curated(org: str) -> bool:
        try:
            atlas.org(org)
            return True
        except Exception:
            return False

    return frozenset(org for org in ids if not curated(org))


def needs_store(line: Line, imported: frozenset[str]) -> bool:
    """The command asks about imported data, or its block begins by importing it."""
    words = {piece.lower() for arg in line.args for piece in re.split(r"[,@]", arg)}
    return bool(words & ({"import", "audit", "--db", "--world"} | imported)) or "blocmap import cow" in line.block.text


def prepare(line: Line, folder: Path, imported: frozenset[str]) -> None:
    """Put in the scratch folder what the documented command reads."""
    args = line.args
    if needs_store(line, imported):
        default_store(folder)
    if "--db" in args:
        shutil.copyfile(store(), folder / args[args.index("--db") + 1])
    if args[:2] == ["import", "cow"]:
        for name in ("state_year_format3.csv", "igo_year_format3.csv", "states2016.csv"):
            shutil.copyfile(EXTRACT / name, folder / name)
        named = [a for a in args[2:] if a.endswith(".csv")]
        assert set(named) <= {p.name for p in folder.glob("*.csv")}, f"the extract has no file {named}"
    if args[:2] == ["indicators", "import"]:
        text = WDI_LONG if "--indicator" in args else WDI_BULK
        (folder / args[2]).write_text(text, encoding="utf-8")


def run(args: list[str]):
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


# ---------------------------------------------------------------------------- every block is known
def test_every_block_is_of_a_kind_that_is_checked():
    unknown = [str(block) for block in BLOCKS if block.kind not in KNOWN]
    assert not unknown, f"blocks of no known kind (use sh, console, pycon, json, text or r): {unknown}"
    assert len(BLOCKS) >= 30


@pytest.mark.parametrize("block", blocks(*TEXT), ids=str)
def test_text_blocks_hide_no_command(block):
    """``text`` says "not runnable"; a command or a doctest in one would go unchecked."""
    for line in block.text.splitlines():
        assert not re.match(r"\s*(\$ |>>> |blocmap )", line), f"{block}: {line!r} belongs in a console, sh or pycon block"


@pytest.mark.parametrize("block", blocks(*R), ids=str)
def test_r_blocks_read_only_files_the_document_writes(block):
    """R blocks are not run; each file they read must be written by a ``blocmap`` line of the same
    document (``panel.dta``, or the data package beside ``panel.csv``)."""
    written = set()
    for line in COMMANDS:
        if line.block.doc == block.doc and written_file(line.args):
            path = Path(written_file(line.args))
            written.add(path.name)
            if path.suffix in (".csv", ".dta"):
                written.add(path.stem + ".datapackage.json")
    read = re.findall(r'"([^"\s]+\.\w+)"', block.text)
    assert read and set(read) <= written, f"{block}: reads {sorted(set(read) - written)}"


@pytest.mark.parametrize("block", blocks(*JSON), ids=str)
def test_json_blocks_parse(block):
    data = json.loads(block.text)
    assert isinstance(data, (dict, list)) and data, f"{block}: an empty or bare JSON value"


# Doctest examples that may not run yet, each with the reason; the list can only shrink.
KNOWN_SKIPS: dict[tuple[str, str], str] = {}


def test_no_doctest_is_skipped_without_a_reason():
    skipped = [(block.doc, line) for block in blocks(*PYTHON) for line in block.text.splitlines() if "+SKIP" in line]
    for doc, line in skipped:
        assert any(doc == known_doc and call in line for known_doc, call in KNOWN_SKIPS), f"{doc}: {line}"
    assert len(skipped) == len(KNOWN_SKIPS)


# ---------------------------------------------------------------------------- sh / bash
@pytest.mark.parametrize("line", COMMANDS, ids=str)
def test_documented_command(line, scratch, imported_only):
    args = line.args
    prepare(line, scratch, imported_only)
    result = run(args)
    assert result.exit_code == 0, f"{line}\n{result.output}"
    written = written_file(args)
    if written is None:
        assert line.expectations, f"{line}: say in the comment, between double quotes, what the reader will see"
        shown = result.output
    else:
        path = scratch / written
        assert path.is_file(), f"{line}: {written} was not written"
        data = path.read_bytes()
        assert path.suffix in MAGIC, f"{line}: no check for {path.suffix} files"
        starts, least = MAGIC[path.suffix]
        assert len(data) >= least, f"{line}: {written} has only {len(data)} bytes"
        if starts:
            assert data.lstrip().startswith(starts), f"{line}: {written} does not start as a {path.suffix} file"
        if path.suffix == ".json":
            json.loads(data)
        if path.suffix == ".csv":
            header, *rows = data.decode("utf-8").splitlines()
            assert header.count(",") >= 1 and not re.search(r"\d{4}-\d\d", header) and rows, f"{line}: no CSV header"
        if path.suffix == ".parquet":
            assert data.endswith(b"PAR1")
        shown = result.output + (data.decode("utf-8", "replace") if path.suffix in (".json", ".csv", ".html") else "")
    if "--format" in args and args[args.index("--format") + 1] == "json" and written is None:
        json.loads(result.stdout)
    for expected in line.expectations:
        assert expected in shown, f"{line}: {expected!r} is not in the output:\n{result.output[:3000]}"


@pytest.mark.parametrize("line", SERVE, ids=str)
def test_serve_lines_parse(line):
    """The web tests run the server; here its documented options must exist."""
    serve = main.commands["serve"]
    # under blocmap's own context, as the command line runs it: click keeps the help option a
    # command first makes, and a context of its own would leave serve with --help but no -h
    root = main.context_class(main, info_name="blocmap", **main.context_settings)
    context = serve.make_context("serve", line.args[1:], parent=root)
    given = {a.split("=")[0] for a in line.args[1:] if a.startswith("--")}
    named = {p.name: p.opts + p.secondary_opts for p in serve.params}
    # every option the line gives was read into a value
    assert all(any(option in named[name] for name, value in context.params.items() if value is not None)
               for option in given), line
    assert isinstance(context.params["port"], int) and context.params["host"], line


@pytest.mark.parametrize("line", OTHER, ids=str)
def test_other_shell_lines_are_valid_and_name_real_files(line):
    checked = subprocess.run(["bash", "-n", "-c", line.command], capture_output=True, text=True)
    assert checked.returncode == 0, f"{line}: {checked.stderr}"
    for word in shlex.split(line.command):
        if re.match(r"^(tests|benchmarks|src|docs|tools)/", word):
            assert (REPO / word).exists(), f"{line}: {word} does not exist"
    if "blocmap serve" in line.command:
        assert line.block.doc == "README.md" and line.block == QUICK_START, f"{line}: serve outside the quick start"


QUICK_START = next(block for block in blocks_of(REPO / "README.md")
                   if block.kind == "sh" and "blocmap serve" in block.text)


# ---------------------------------------------------------------------------- console
def console_sessions(block: Block) -> list[tuple[Line, list[str]]]:
    sessions: list[tuple[Line, list[str]]] = []
    for offset, raw in enumerate(block.text.splitlines(), start=1):
        if raw.startswith("$ "):
            command, comment = split_comment(raw[2:])
            sessions.append((Line(block, block.line + offset, command, comment), []))
        else:
            assert sessions, f"{block}: output before the first '$ ' line"
            sessions[-1][1].append(raw.rstrip())
    return sessions


CONSOLE_SESSIONS = [session for block in blocks(*CONSOLE) for session in console_sessions(block)]
# How an error line begins in each language ("blocmap: error: ", "blocmap: ошибка: " …).
ERROR_PREFIXES = tuple(Text("cli.error", {"text": ""}).render(lang) for lang in LANGS)


@pytest.mark.parametrize("line, shown", CONSOLE_SESSIONS, ids=[str(s[0]) for s in CONSOLE_SESSIONS])
def test_console_output_is_what_blocmap_prints(line, shown, scratch, imported_only):
    assert line.command.startswith("blocmap "), f"{line}: only blocmap commands run in console blocks"
    prepare(line, scratch, imported_only)
    result = run(line.args)
    expected_exit = 1 if shown and shown[0].startswith(ERROR_PREFIXES) else 0
    assert result.exit_code == expected_exit, f"{line}\n{result.output}"
    printed = [text.rstrip() for text in result.output.rstrip("\n").splitlines()]
    assert shown, f"{line}: show what it prints"
    if shown[-1] == "…":
        assert printed[:len(shown) - 1] == shown[:-1], "\n".join(printed)
    else:
        assert printed == shown, "\n".join(printed)


# ---------------------------------------------------------------------------- python
@pytest.mark.parametrize("block", blocks(*PYTHON), ids=str)
def test_python_block_is_a_doctest_that_passes(block, scratch):
    test = doctest.DocTestParser().get_doctest(block.text, {}, str(block), block.doc, block.line)
    assert test.examples, f"{block}: write Python examples as doctests ('>>> ' and the real output)"
    assert any(example.want for example in test.examples), f"{block}: show the output of at least one call"
    shutil.copyfile(store(), scratch / "world.duckdb")  # what `db="world.duckdb"` names; no default store
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=out.write)
    assert runner.failures == 0, out.getvalue()


# ---------------------------------------------------------------------------- coverage of the CLI
def command_names() -> list[str]:
    names = []
    for name, command in main.commands.items():
        names.append(name)
        if isinstance(command, click.Group):
            names += [f"{name} {sub}" for sub in command.commands]
    return names


def test_every_command_and_subcommand_is_documented():
    text = "\n".join(doc.read_text(encoding="utf-8") for doc in DOCS)
    missing = [name for name in command_names() if f"blocmap {name}" not in text]
    assert not missing, f"not in the README or docs/*.md: {missing}"


def test_every_command_and_subcommand_is_run_by_a_doc():
    ran = {" ".join(line.args[:2]) for line in COMMANDS} | {" ".join(line.args[:1]) for line in COMMANDS}
    ran |= {" ".join(line.args[:2]) for line, _ in CONSOLE_SESSIONS} | {line.args[0] for line, _ in CONSOLE_SESSIONS}
    missing = [name for name in command_names() if name not in ran and name != "serve"
               and not isinstance(main.commands.get(name), click.Group)]
    assert not missing, f"documented but never run by a doc example: {missing}"


def test_the_paper_doc_shows_every_command_of_its_feature():
    doc = (REPO / "docs" / "paper.md").read_text(encoding="utf-8")
    for name in ("table", "figure timeline", "asymmetry", "indicators import", "indicators show", "organs",
                 "compare", "report"):
        assert f"blocmap {name}" in doc, name


def test_the_figures_doc_shows_every_figure_command():
    shown = {" ".join(line.args[:2]) for line in COMMANDS if line.block.doc == "docs/figures.md"}
    assert {"figure euler", "figure upset", "figure map"} <= shown
    assert any(line.args[0] == "network" for line in COMMANDS if line.block.doc == "docs/figures.md")


def test_enough_examples_are_run():
    """A parser that found nothing would pass everything: count what each document shows."""
    per_doc = {doc: sum(1 for line in COMMANDS if line.block.doc == doc)
               for doc in ("README.md", "docs/paper.md", "docs/figures.md", "docs/world.md")}
    assert per_doc["README.md"] >= 25 and per_doc["docs/paper.md"] >= 20 and per_doc["docs/figures.md"] >= 10, per_doc
    assert per_doc["docs/world.md"] >= 4, per_doc
    readme_files = [line for line in COMMANDS if line.block.doc == "README.md" and written_file(line.args)]
    assert len(readme_files) >= 8
    assert len(blocks(*PYTHON)) >= 4


def test_the_web_docs_error_example_is_what_the_api_answers():
    from starlette.testclient import TestClient

    import blocmap
    from blocmap.web.app import create_app

    (shown,) = [json.loads(block.text) for block in blocks(*JSON) if block.doc == "docs/web.md" and "csot" in block.text]
    answer = TestClient(create_app(blocmap.load())).get("/api/members", params={"org": "csot"})
    assert answer.status_code == shown["status"] and answer.json() == shown
