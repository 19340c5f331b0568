"""Writing files whole or not at all: the one file writer of blocmap.

A reader of a file blocmap writes (a figure, a report, an export, an imported series, the
world store) sees the old file or the complete new one, never half of one: the content goes
to a temporary file in the same folder, which is renamed over the target.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import QueryError


def write_atomic(path: str | Path, content: str | bytes, option: str = "path") -> Path:
    """Write ``content`` to ``path`` (text as UTF-8); ``option`` names the parameter in errors."""
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise QueryError(f"{option} {target}: is a folder, not a file", parameter=option)
    if not parent.is_dir():
        raise QueryError(f"{option} {target}: folder '{parent}' does not exist", parameter=option)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
