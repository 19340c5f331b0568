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

A store is a file someone may hand the reader, so nothing in it is trusted: it must begin as a
DuckDB file does (an SQLite file would make DuckDB fetch an extension), it is opened read-only
with external access, extension installing and loading off, and its schema must be exactly the
one blocmap writes: base tables only (a view could read any file on the machine), the expected
columns and types, and every meta key known and well-formed.
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


#: The type family of every column: what DuckDB may store for what blocmap wrote.
INTEGER_TYPES = frozenset({"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                           "UINTEGER", "UBIGINT"})
_TEXT, _DAY = frozenset({"VARCHAR"}), frozenset({"DATE"})
TYPES: Mapping[str, Mapping[str, frozenset[str]]] = {
    "meta": {"key": _TEXT, "value": _TEXT},
    "orgs": {**{c: INTEGER_TYPES for c in TABLES["orgs"]},
             **{c: _TEXT for c in ("id", "cow_id", "name", "long_name", "version", "accuracy", "notes")}},
    "org_periods": {"org": _TEXT, "start_year": INTEGER_TYPES, "end_year": INTEGER_TYPES},
    "states": {"ccode": INTEGER_TYPES, "abb": _TEXT, "name": _TEXT},
    "state_periods": {"ccode": INTEGER_TYPES, "start": _DAY, "end_day": _DAY},
    "system_years": {"ccode": INTEGER_TYPES, "year": INTEGER_TYPES},
    "spells": {"org": _TEXT, "ccode": INTEGER_TYPES, "status": _TEXT, "start": _DAY, "end_day": _DAY,
               "precision": _TEXT, "source": _TEXT},
}
#: Meta keys a store must have, and the ones it may have (the files imported and their digests).
META_REQUIRED = ("schema_version", "coverage_start", "coverage_end", "source")
META_OPTIONAL = ("aliases", "cell_exceptions", "igo_year", "igo_year_sha256", "state_year", "state_year_sha256",
                 "states", "states_sha256")
#: DuckDB settings of every connection to a store: nothing in the file reaches outside it.
SAFE_CONFIG: Mapping[str, Any] = {"enable_external_access": False, "autoinstall_known_extensions": False,
                                  "autoload_known_extensions": False, "lock_configuration": True}
#: Bytes 8-11 of every DuckDB file.
DUCKDB_MAGIC = b"DUCK"


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

    target = Path(path).expanduser()
    try:
        return _write_store(target, tables, meta)
    except OSError as exc:  # a full disk, a read-only folder: the old store is kept, said in one line
        raise BlocmapError.of("err.store.cannot_write", db=target, why=exc.strerror or str(exc)[:80]) from None
    except Exception as exc:
        if isinstance(exc, duckdb.Error):  # DuckDB's own I/O errors (disk full inside a checkpoint)
            raise BlocmapError.of("err.store.cannot_write", db=target, why=_first_line(exc)) from None
        raise


def _write_store(target: Path, tables: Mapping[str, "pd.DataFrame"], meta: Mapping[str, str]) -> Path:
    import duckdb

    from blocmap.core.files import remove_stale, temp_path

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
                con.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {_write_type(name, c)}' for c in columns)})")
                con.execute(f"INSERT INTO {name} SELECT {', '.join(f'CAST({c} AS {_write_type(name, c)})' for c in columns)} "
                            "FROM frame_view")
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


def _write_type(table: str, column: str) -> str:
    """The type blocmap writes a column as: the widest of its family."""
    family = TYPES[table][column]
    return "BIGINT" if family is INTEGER_TYPES else next(iter(family))


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
    _check_magic(db)
    try:
        con = duckdb.connect(str(db), read_only=True, config=dict(SAFE_CONFIG))
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
    try:
        why = _schema_problem(con)
    except duckdb.Error as exc:
        why = _first_line(exc)
    if why is not None:
        con.close()
        raise BlocmapError.of("err.store.tampered", db=db, why=why)
    return StoreConnection(con, db)


def _check_magic(db: Path) -> None:
    """The file begins as a DuckDB file does; anything else is refused before DuckDB sees it."""
    from blocmap.core.messages import Text

    with open(db, "rb") as handle:
        head = handle.read(16)
    if len(head) < 12:
        raise BlocmapError.of("err.store.cut", db=db, size=f"{len(head):,}")
    if head[8:12] != DUCKDB_MAGIC:
        what = Text("store.what.sqlite" if head.startswith(b"SQLite format 3") else "store.what.other")
        raise BlocmapError.of("err.store.not_duckdb", db=db, what=what)


def _schema_problem(con: Any) -> Any:
    """What makes the store differ from what blocmap writes (a ``Text``), or None."""
    from blocmap.core.errors import cut
    from blocmap.core.messages import Text

    objects = con.execute("SELECT table_name, table_type FROM information_schema.tables "
                          "ORDER BY table_name").fetchall()
    kinds = dict(objects)
    for name, kind in objects:
        if kind != "BASE TABLE":
            return Text("store.why.view", {"name": cut(name, 60)})
        if name not in TYPES:
            return Text("store.why.extra", {"name": cut(name, 60)})
    for (name,) in con.execute("SELECT function_name FROM duckdb_functions() WHERE NOT internal").fetchall():
        return Text("store.why.extra", {"name": cut(name, 60)})
    for table, columns in TYPES.items():
        if table not in kinds:
            return Text("store.why.missing_table", {"name": table})
        found = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                            "ORDER BY ordinal_position", [table]).fetchall()
        if [c for c, _ in found] != list(columns):
            return Text("store.why.columns", {"name": table, "found": cut(", ".join(c for c, _ in found), 120),
                                              "wanted": ", ".join(columns)})
        for column, kind in found:
            if kind not in columns[column]:
                return Text("store.why.type", {"name": f"{table}.{column}", "found": cut(kind, 40),
                                               "wanted": "/".join(sorted(columns[column]))[:60]})
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    for key in META_REQUIRED:
        if key not in meta:
            return Text("store.why.meta_missing", {"name": key})
    for key in meta:
        if key not in META_REQUIRED and key not in META_OPTIONAL:
            return Text("store.why.meta_unknown", {"name": cut(str(key), 60)})
    for key in ("coverage_start", "coverage_end"):
        value = meta[key]
        if not (isinstance(value, str) and value.isascii() and value.isdigit() and len(value) == 4):
            return Text("store.why.meta_value", {"name": key, "value": cut(str(value), 40),
                                                 "wanted": Text("store.wanted.year")})
    if int(meta["coverage_start"]) > int(meta["coverage_end"]):
        return Text("store.why.meta_value", {"name": "coverage_start", "value": meta["coverage_start"],
                                             "wanted": Text("store.wanted.range")})
    return None


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
