"""A world store handed to the reader is not trusted: a view that reads a local file, an SQLite
file under a .duckdb name, a macro, missing or mistyped columns, and missing or malformed meta
keys each end in one line naming the store and what is wrong, and nothing is read from outside
the store or written anywhere (no ~/.duckdb, no extension fetched)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from blocmap.cli import main
from blocmap.core.errors import BlocmapError
from blocmap.core.world.world import World
from test_world_store_safety import store  # noqa: F401 - the same small store, as a fixture

SECRET = "root-secret-line-that-must-not-leak"


def tamper(store: Path, tmp_path: Path, *sql: str) -> Path:
    evil = tmp_path / "evil.duckdb"
    shutil.copy(store, evil)
    con = duckdb.connect(str(evil))
    for statement in sql:
        con.execute(statement)
    con.execute("CHECKPOINT")
    con.close()
    return evil


def one_line(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    output = (result.stdout + result.stderr).strip()
    assert result.exit_code == 1, output
    assert "Traceback" not in output and SECRET not in output
    lines = output.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_a_view_over_a_local_file_is_refused_and_the_file_never_read(store, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n")
    evil = tamper(store, tmp_path, "CREATE TABLE orgs2 AS SELECT * FROM orgs", "DROP TABLE orgs",
                  f"CREATE VIEW orgs AS SELECT o.* REPLACE (content AS name) FROM orgs2 o, read_text('{secret}')")
    line = one_line(evil, "show", "asean")
    assert line == f"blocmap: error: {evil}: not a blocmap world store as blocmap writes it ('orgs' is a view, not a table); import the COW files again"
    with pytest.raises(BlocmapError):
        World(evil, curated=None)


def test_the_web_refuses_the_same_store(store, tmp_path):
    from blocmap.web.app import create_app

    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n")
    evil = tamper(store, tmp_path, "CREATE TABLE orgs2 AS SELECT * FROM orgs", "DROP TABLE orgs",
                  f"CREATE VIEW orgs AS SELECT o.* REPLACE (content AS name) FROM orgs2 o, read_text('{secret}')")
    import blocmap

    with pytest.raises(BlocmapError) as info:
        create_app(blocmap.load(), store=World(evil, curated=blocmap.load()))
    assert "is a view" in str(info.value)


def test_an_sqlite_file_named_duckdb_is_refused_before_duckdb_opens_it(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    fake = tmp_path / "fake.duckdb"
    con = sqlite3.connect(fake)
    con.execute("CREATE TABLE orgs (id TEXT)")
    con.commit()
    con.close()
    line = one_line(fake, "show", "asean")
    assert line == f"blocmap: error: {fake}: not a DuckDB file (an SQLite database), so not a blocmap world store; import the COW files again"
    assert not (home / ".duckdb").exists()
    assert list(home.iterdir()) == []


def test_a_text_file_named_duckdb_is_refused(tmp_path):
    fake = tmp_path / "text.duckdb"
    fake.write_text("this is not a database at all, just text long enough\n")
    assert "not a DuckDB file (its first bytes are not DuckDB's)" in one_line(fake, "members", "asean")


def test_a_macro_is_refused(store, tmp_path):
    evil = tamper(store, tmp_path, "CREATE MACRO leak() AS 1")
    assert "(unexpected object 'leak')" in one_line(evil, "show", "asean")


@pytest.mark.parametrize("sql,why", [
    (("DELETE FROM meta WHERE key = 'coverage_start'",), "meta has no 'coverage_start'"),
    (("UPDATE meta SET value = 'soon' WHERE key = 'coverage_end'",), "meta 'coverage_end' is 'soon', not a year"),
    (("UPDATE meta SET value = '2020' WHERE key = 'coverage_start'",),
     "meta 'coverage_start' is '2020', not a year not after coverage_end"),
    (("INSERT INTO meta VALUES ('injected', 'x')",), "meta has an unknown key 'injected'"),
    (("ALTER TABLE spells DROP COLUMN precision",), "table 'spells' has columns org, ccode, status, start, end_day, source"),
    (("ALTER TABLE spells ALTER start TYPE VARCHAR",), "column spells.start is VARCHAR, not DATE"),
    (("ALTER TABLE system_years RENAME TO system_year",), "unexpected object 'system_year'"),
    (("CREATE TABLE extra (x INTEGER)",), "unexpected object 'extra'"),
])
def test_a_tampered_schema_is_one_line_naming_what(store, tmp_path, sql, why):
    evil = tamper(store, tmp_path, *sql)
    line = one_line(evil, "members", "asean", "--on", "2010-06-01")
    assert line.startswith(f"blocmap: error: {evil}: not a blocmap world store as blocmap writes it (")
    assert why in line


def test_the_refusal_is_in_the_readers_language(store, tmp_path):
    evil = tamper(store, tmp_path, "DELETE FROM meta WHERE key = 'coverage_start'")
    result = CliRunner().invoke(main, ["members", "asean", "--db", str(evil), "--lang", "ru"])
    assert "не такое хранилище мира, какое пишет blocmap (в meta нет «coverage_start»)" in result.output
    result = CliRunner().invoke(main, ["members", "asean", "--db", str(evil), "--lang", "zh-Hant"])
    assert "與 blocmap 寫入的世界資料庫不符（meta 中沒有「coverage_start」）" in result.output


def test_external_access_is_off_on_a_good_store(store):
    from blocmap.core.world.store import connect

    con = connect(store)
    with pytest.raises(BlocmapError):
        con.execute("SELECT * FROM read_text('/etc/hostname')").fetchall()
    con.close()


@pytest.mark.parametrize("errno_, why", [(28, "No space left on device"), (30, "Read-only file system")])
def test_a_full_disk_or_read_only_folder_keeps_the_old_store(store, tmp_path, monkeypatch, errno_, why):
    """ENOSPC and EROFS while writing: one line naming the store and why; the old store answers."""
    import os as os_module

    from blocmap.core.world import store as store_module

    before = store.read_bytes()

    def failing_replace(src, dst):
        raise OSError(errno_, why)

    monkeypatch.setattr(store_module.os, "replace", failing_replace)
    source = tmp_path / "sy.csv"
    result = CliRunner().invoke(main, ["import", "cow", str(source), "--db", str(store)])
    assert result.exit_code == 1
    out = (result.stdout + result.stderr).strip()
    assert out == (f"blocmap: error: {store}: the world store could not be written ({why}); "
                   "the previous store, if any, is kept as it was")
    monkeypatch.undo()
    assert store.read_bytes() == before
    assert not [p for p in store.parent.iterdir() if p.name.startswith(f".{store.name}.")]
    assert os_module.path.exists(store)
