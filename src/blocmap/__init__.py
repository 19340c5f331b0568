"""blocmap: a temporal atlas of regional integration.

    >>> import blocmap
    >>> atlas = blocmap.load()
    >>> [m.state for m in atlas.members("csto", on="2008-06-01")]
    ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK', 'UZB']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import BlocmapError, DataError, QueryError

if TYPE_CHECKING:
    from pathlib import Path

    from .atlas import Atlas

__version__ = "0.1.0"
__all__ = ["load", "Atlas", "BlocmapError", "DataError", "QueryError", "__version__"]


def load(path: "str | Path | None" = None) -> "Atlas":
    """The atlas of a data folder (the bundled one by default), validated."""
    from .atlas import Atlas

    return Atlas.load(path)


def __getattr__(name: str):
    if name == "Atlas":
        from .atlas import Atlas

        return Atlas
    raise AttributeError(name)
