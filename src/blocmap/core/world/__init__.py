"""World scale: the COW IGO data imported into a local store, joined with the curated atlas.

Layers, lowest first: ``csvcheck``/``cowimport`` (read and check COW's files) → ``store``
(the DuckDB file) → ``spells`` (the generic spell table) and ``curated`` (the adapter to the
atlas) → ``index`` (as-of answers) → ``world.World`` (the library object) → ``panels`` and
``audit`` (derived tables).  Heavy libraries (pandas, duckdb) are imported inside functions.
"""

from __future__ import annotations

from typing import Any

__all__ = ["World", "import_cow", "default_db_path"]


def __getattr__(name: str) -> Any:
    if name == "World":
        from blocmap.core.world.world import World

        return World
    if name == "import_cow":
        from blocmap.core.world.cowimport import import_cow

        return import_cow
    if name == "default_db_path":
        from blocmap.core.world.store import default_db_path

        return default_db_path
    raise AttributeError(name)
