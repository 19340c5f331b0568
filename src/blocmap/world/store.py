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
over it, so a failed import leaves the previous store as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from ..errors import BlocmapError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SCHEMA_VERSION = "1"

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


def resolve_db(path: str | Path | None) -> Path:
    return Path(path).expanduser() if path is not None else default_db_path()


def open_store_path(path: str | Path | None) -> Path | None:
    """The store a question may use: ``path`` as given (it must exist: a typo is not "no
    store"), else the default store where one has been imported, else None."""
    if path is not None and str(path).strip():
        given = Path(path).expanduser()
        if not given.is_file():
            raise BlocmapError(f"--db {given}: no COW store at this path; run 'blocmap import cow "
                               "STATE_YEAR_CSV --db PATH' first")
        return given
    default = default_db_path()
    return default if default.is_file() else None


def write_store(path: str | Path, tables: Mapping[str, "pd.DataFrame"], meta: Mapping[str, str]) -> Path:
    """Build a complete store in a temporary file and rename it over ``path``."""
    import duckdb

    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
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
    """A read-only connection to an existing store; a clear error if there is none."""
    import duckdb

    db = resolve_db(path)
    if not db.exists():
        raise BlocmapError(f"no COW store at {db}; run `blocmap import cow STATE_YEAR_CSV` first")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise BlocmapError(f"{db}: not a blocmap world store ({exc})") from None
    try:
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.Error:
        con.close()
        raise BlocmapError(f"{db}: not a blocmap world store (no meta table)") from None
    if not version or version[0] != SCHEMA_VERSION:
        con.close()
        raise BlocmapError(f"{db}: store schema {version and version[0]} is not {SCHEMA_VERSION}; "
                           "import the COW files again")
    return con


def read_meta(con: Any) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM meta").fetchall())
