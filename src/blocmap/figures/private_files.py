"""Small plain-JSON files in a folder that belongs to the user: the figures' on-disk caches.

Never pickle: a cache file is data that is read back and checked, not code.  The folder is
created 0700 and used only when it is a real folder of this user that no one else can
write to; files are written whole (temporary file, then rename) with mode 0600.  Any
failure costs the cache entry, nothing else.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any


def cache_folder(name: str) -> Path | None:
    """``<blocmap cache>/<name>``, or None when the cache is turned off (``BLOCMAP_NO_CACHE``)."""
    from .. import cache

    return cache.cache_dir() / name if cache.enabled() else None


def safe_folder(folder: Path, create: bool) -> bool:
    """Whether ``folder`` is a real folder of this user that no one else can write to."""
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def read_json(path: Path) -> Any | None:
    """The JSON in ``path``, or None when it is missing, unreadable or not in a safe folder."""
    if not safe_folder(path.parent, create=False):
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` to ``path`` whole, mode 0600; silently nothing where that is not safe."""
    if not safe_folder(path.parent, create=True):
        return
    text = json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            os.fchmod(handle, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass
