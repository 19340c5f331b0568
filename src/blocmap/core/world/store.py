"""The world store: one DuckDB file that holds imported COW data as a generic spell table.

Layout (schema version 1)::

    meta(key, value)                      import time, source files and their sha256, coverage
    orgs(id, cow_id, name, long_name, ...)  one row per imported organization
    org_periods(org, start_year, end_year)  years the organization exists (COW's -1 = outside)
    states(ccode, abb, name)              COW state codes
    state_periods(ccode, start, end_day)  state-system tenures (day precision, from the states list)
    system_years(ccode, year)             the state-years of the COW IGO universe
    spells(org, ccode, status, start, end_day, precision, source)

``spells.end_day`` is the first day no longer in that status (as ``Spell.end`` in the atlas);
``NULL`` means open.  Imported COW spells have year precision: a run of years with the same
code becomes one spell from 1 January of its first year to 1 January after its last.

The store is written whole or not at all: a new file is built beside the old one and renamed
over it, so a failed import leaves the previous store as it was; the temporary files of an
import that was killed are removed by the next one.  Opening a store checks that it is a
regular file as long as its own header says (a copy cut short is one clear error, not a
DuckDB traceback halfway through a query).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from blocmap.core.errors import BlocmapError, QueryError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SCHEMA_VERSION = "1"
#: DuckDB's file header and its two database headers, before the first block.
HEADER_BYTES = 3 * 4096

#: Column order of every table, so readers never depend on ``SELECT *`` order.
TABLES: Mapping[str, tuple[str, ...]] = {
    "orgs": ("id", "cow_id", "position", "ionum", "name", "long_name", "start_year", "end_year", "dead",
             "integrated", "replaced", "political", "social", "economic", "imputed",
             "version", "accuracy", "notes"),
    "org_periods": ("org", "start_year", "end_year"),
    "states": ("ccode", "abb", "name"),
    "state_periods": ("ccode", "start", "end_day"),
    "system_years": ("ccode", "year"),
    "spells": ("org", "ccode", "status", "start", "end_day", "precision", "source"),
}


def default_db_path() -> Path:
    """``$BLOCMAP_DB``, else ``$XDG_DATA_HOME/blocmap/world.duckdb``, else ``~/.local/share/…``."""
    env = os.environ.get("BLOCMAP_DB")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "blocmap" / "world.duckdb"


def resolve_db(path: str | Path | None, must_exist: bool = True) -> Path:
    """The store's path: ``path`` when given, else the default.

    A ``path`` given (``--db``) that does not exist is an error naming it (unless
    ``must_exist`` is false, for the import that creates it): a misspelt ``--db`` is not
    "no store, so unknown organization"."""
    if path is None:
        return default_db_path()
    db = Path(path).expanduser()
    if must_exist and not os.path.lexists(db):
        raise QueryError.of("err.world.no_db", "db", db=db)
    return db


def open_store_path(path: str | Path | None) -> Path | None:
    """The store a question may use: ``path`` as given (it must exist: a typo is not "no
    store"), else the default store where one has been imported, else None."""
    if path is not None and str(path).strip():
        return resolve_db(path)
    default = default_db_path()
    return default if default.is_file() else None


def write_store(path: str | Path, tables: Mapping[str, "pd.DataFrame"], meta: Mapping[str, str]) -> Path:
    """Build a complete store in a temporary file and rename it over ``path``."""
    import duckdb

    from blocmap.core.files import remove_stale, temp_path

    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target.parent, {target.name}, (f".{target.name}.",))  # what a killed import left
    tmp = temp_path(target)
    tmp.unlink()  # DuckDB refuses to open an empty non-database file
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            rows = dict(meta)
            rows["schema_version"] = SCHEMA_VERSION
            con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(rows.items()))
            for name, columns in TABLES.items():
                frame = tables[name][list(columns)]  # noqa: F841 - read by DuckDB by name
                con.register("frame_view", frame)
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM frame_view")
                con.unregister("frame_view")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    return target


def connect(path: str | Path | None):
    """A read-only connection to an existing store; a clear error if there is none or it is broken."""
    import duckdb

    db = resolve_db(path)
    if not db.exists():
        raise QueryError.of("err.world.no_db", "db", db=db)
    from blocmap.core.loader import kind_of_file

    kind = kind_of_file(os.stat(db).st_mode)
    if kind is not None:
        raise BlocmapError.of("err.store.kind", db=db, kind=kind)
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        if "Could not read enough bytes" in str(exc):
            raise BlocmapError.of("err.store.cut", db=db, size=f"{db.stat().st_size:,}") from None
        raise BlocmapError.of("err.store.not", db=db, why=_first_line(exc)) from None
    try:
        _check_whole(con, db)
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        con.close()
        raise BlocmapError.of("err.store.no_meta", db=db) from None
    except duckdb.Error as exc:
        con.close()
        raise BlocmapError.of("err.store.damaged", db=db, why=_first_line(exc)) from None
    except BlocmapError:
        con.close()
        raise
    if not version or version[0] != SCHEMA_VERSION:
        con.close()
        raise BlocmapError.of("err.store.schema", db=db, version=version and version[0], wanted=SCHEMA_VERSION)
    return StoreConnection(con, db)


class StoreConnection:
    """A read-only connection to a store whose every query ends, if DuckDB fails (a block damaged
    after the header was checked, say), in one line naming the store instead of a traceback."""

    def __init__(self, con: Any, db: Path):
        self._con, self.db = con, db

    def execute(self, sql: str, parameters: Any = None) -> "StoreRows":
        with self.guard():
            return StoreRows(self._con.execute(sql, parameters), self)

    def close(self) -> None:
        self._con.close()

    @contextmanager
    def guard(self) -> Iterator[None]:
        import duckdb

        try:
            yield
        except duckdb.Error as exc:
            raise BlocmapError.of("err.store.damaged", db=self.db, why=_first_line(exc)) from None


class StoreRows:
    """The result of a query, fetched under the connection's guard."""

    def __init__(self, result: Any, con: StoreConnection):
        self._result, self._con = result, con

    def fetchone(self) -> Any:
        with self._con.guard():
            return self._result.fetchone()

    def fetchall(self) -> list:
        with self._con.guard():
            return self._result.fetchall()

    def df(self) -> "pd.DataFrame":
        with self._con.guard():
            return self._result.df()


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__


def _check_whole(con: Any, db: Path) -> None:
    """The file is as long as DuckDB's header says: a copy cut short fails here, not mid-query."""
    block_size, blocks = con.execute("SELECT block_size, total_blocks FROM pragma_database_size()").fetchone()
    expected = HEADER_BYTES + int(block_size) * int(blocks)
    size = db.stat().st_size
    if size < expected:
        raise BlocmapError.of("err.store.cut_of", db=db, size=f"{size:,}", expected=f"{expected:,}")


def read_meta(con: Any) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM meta").fetchall())
