"""Opening and importing the world store, on small synthetic COW files (no shared data needed):
a store cut short, a --db that does not exist, a FIFO, and what a killed import left behind
are each one line, and never a DuckDB traceback."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from blocmap.cli import main
from blocmap.core.errors import BlocmapError, QueryError
from blocmap.core.world.cowimport import import_cow
from blocmap.core.world.store import connect, resolve_db
from blocmap.core.world.world import World

STATE_YEAR = ("ccode,year,state,asean,csto\n"
              "365,2010,russia,0,1\n365,2011,russia,0,1\n"
              "800,2010,thailand,1,0\n800,2011,thailand,1,0\n")


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, (result.stdout + result.stderr).strip().splitlines(), result


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    source = tmp_path / "sy.csv"
    source.write_text(STATE_YEAR)
    db = tmp_path / "w.duckdb"
    import_cow(source, db=db)
    return db


def test_a_good_store_answers(store):
    code, lines, _ = run("members", "asean", "--on", "2010-06-01", "--db", str(store))
    assert code == 0 and any("THA" in line or "Thailand" in line for line in lines)


@pytest.mark.parametrize("keep", [0.5, -4096, -1])
def test_a_store_cut_short_is_one_line(store, tmp_path, keep):
    cut = tmp_path / "cut.duckdb"
    shutil.copy(store, cut)
    size = store.stat().st_size
    length = int(size * keep) if keep > 0 else size + keep
    with open(cut, "r+b") as handle:
        handle.truncate(length)
    message = f"{cut}: the world store is cut short ({length:,} of {size:,} bytes); import the COW files again"
    with pytest.raises(BlocmapError) as info:
        World(cut, curated=None)
    assert str(info.value) == message
    code, lines, result = run("members", "asean", "--on", "2010-06-01", "--db", str(cut))
    assert code == 1 and lines == [f"blocmap: error: {message}"] and "Traceback" not in result.output


def test_a_store_cut_inside_its_header_is_one_line(store, tmp_path):
    cut = tmp_path / "cut.duckdb"
    shutil.copy(store, cut)
    with open(cut, "r+b") as handle:
        handle.truncate(100)
    code, lines, _ = run("members", "asean", "--on", "2010-06-01", "--db", str(cut))
    assert code == 1 and lines == [f"blocmap: error: {cut}: the world store is cut short (100 bytes); "
                                   "import the COW files again"]


def test_a_missing_db_is_named_not_an_unknown_organization(tmp_path):
    missing = tmp_path / "typo.duckdb"
    message = f"no world store at {missing} (--db): run 'blocmap import cow STATE_YEAR_CSV --db {missing}' first"
    for args in (["members", "asean", "--on", "2010-06-01"], ["memberships", "RUS", "--on", "2010-06-01", "--world"]):
        code, lines, _ = run(*args, "--db", str(missing))
        assert code == 1 and lines == [f"blocmap: error: {message}"], lines
    with pytest.raises(QueryError) as info:
        resolve_db(missing)
    assert info.value.parameter == "db" and str(info.value) == message
    assert resolve_db(missing, must_exist=False) == missing
    assert not missing.exists()


def test_a_fifo_is_not_opened(tmp_path):
    fifo = tmp_path / "w.duckdb"
    os.mkfifo(fifo)
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("blocked on a FIFO"))
    signal.alarm(10)
    try:
        with pytest.raises(BlocmapError) as info:
            connect(fifo)
    finally:
        signal.alarm(0)
    assert str(info.value) == f"{fifo}: a FIFO (named pipe), not a blocmap world store"


def test_a_killed_import_leaves_nothing_for_the_next(store, tmp_path):
    dead = 2 ** 22 + 4321
    leftovers = [tmp_path / f".w.duckdb.{dead}.a1b2c3.tmp", tmp_path / f".w.duckdb.{dead}.a1b2c3.tmp.wal"]
    legacy = tmp_path / ".w.duckdb.qwerty.tmp"  # blocmap 0.1's name, killed an hour ago
    for path in (*leftovers, legacy):
        path.write_bytes(b"half a store")
    os.utime(legacy, (0, 0))
    live = tmp_path / f".w.duckdb.{os.getpid()}.zz9.tmp"  # an import still running: kept
    live.write_bytes(b"being written")
    import_cow(tmp_path / "sy.csv", db=store)
    assert sorted(p.name for p in tmp_path.glob(".w.duckdb*")) == [live.name]


def test_a_failed_import_leaves_the_store_and_no_temporary_file(store, tmp_path):
    before = store.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(STATE_YEAR.replace("365,2011,russia,0,1", "365,2011,russia,0,7"))
    code, lines, _ = run("import", "cow", str(bad), "--db", str(store))
    assert code == 1 and lines == [f"blocmap: {bad}:3: column 5 'csto': 7 is not a COW state-year code "
                                   "(allowed: -9, -1, 0, 1, 2, 3)"]
    assert store.read_bytes() == before
    assert [p.name for p in tmp_path.glob(".w.duckdb*")] == []


def test_an_import_creates_a_new_db_path(tmp_path):
    source = tmp_path / "sy.csv"
    source.write_text(STATE_YEAR)
    code, lines, _ = run("import", "cow", str(source), "--db", str(tmp_path / "new" / "w.duckdb"))
    assert code == 0 and (tmp_path / "new" / "w.duckdb").is_file()


def test_no_store_anywhere_still_answers_unknown_organization(tmp_path, monkeypatch):
    """Without --db and without a default store, a COW-only name is just unknown to blocmap."""
    monkeypatch.delenv("BLOCMAP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    import blocmap
    from blocmap.answers import Answers

    answers = Answers.open(blocmap.load(), None)
    assert answers.store is None
    with pytest.raises(QueryError, match="unknown organization 'asean'") as caught:
        answers.members("asean", on="2010-01-01")
    assert caught.value.parameter == "org"


def test_a_fifo_as_input_is_refused_without_blocking(store, tmp_path):
    fifo = tmp_path / "sy-pipe.csv"
    os.mkfifo(fifo)
    before = store.read_bytes()
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("blocked on a FIFO"))
    signal.alarm(10)
    try:
        code, lines, _ = run("import", "cow", str(fifo), "--db", str(store))
    finally:
        signal.alarm(0)
    assert code == 1 and lines == [f"blocmap: {fifo}: a FIFO (named pipe), not a regular file: refused"]
    assert store.read_bytes() == before


def test_a_store_damaged_anywhere_is_one_line_and_writes_nothing(tmp_path):
    """Every block of a real store (the COW extract) overwritten in turn: each question either
    answers or fails in one line naming the store; no traceback, no half-written panel."""
    from conftest import REPO

    cow = REPO / "tests" / "fixtures" / "cow"
    store = tmp_path / "w.duckdb"
    import_cow(cow / "state_year_format3.csv", igo_year=cow / "igo_year_format3.csv",
               states=cow / "states2016.csv", db=store)
    block, header = 262144, 3 * 4096
    failures = 0
    for start in range(header, store.stat().st_size, block):
        bad = tmp_path / "bad.duckdb"
        shutil.copy(store, bad)
        with open(bad, "r+b") as handle:
            handle.seek(start)
            handle.write(b"\xff" * 4096)
        panel = tmp_path / "panel.csv"
        for args in (["export", "state-year", "-o", str(panel)], ["members", "asean", "--on", "1990-01-01"]):
            code, lines, result = run(*args, "--db", str(bad))
            assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception,
                                                                                              SystemExit)
            if code != 0:
                failures += 1
                assert lines == [lines[0]] and lines[0].startswith(f"blocmap: error: {bad}: ")
                assert "import the COW files again" in lines[0]
                assert not panel.exists() or args[0] != "export"
            panel.unlink(missing_ok=True)
    assert failures >= 1  # the damage was seen, and said
