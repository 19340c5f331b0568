"""A cache of validated atlases, so that a command starts fast.

Loading validates every file (the rules in ``validate.py``); that is the slow part of a cold
start.  A validated atlas is pickled under the user's cache folder, keyed by a hash of every
file's bytes in the data folder, the blocmap version and the Python version: any edit to the
data makes a new key, so the cache never answers for data it did not validate.
``BLOCMAP_NO_CACHE=1`` turns it off; ``BLOCMAP_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import __version__


def cache_dir() -> Path:
    if os.environ.get("BLOCMAP_CACHE_DIR"):
        return Path(os.environ["BLOCMAP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "blocmap"


def enabled() -> bool:
    return os.environ.get("BLOCMAP_NO_CACHE", "") in ("", "0")


def fingerprint(folder: Path) -> str:
    digest = hashlib.sha256(f"{__version__}|{sys.version_info[:3]}|{folder.resolve()}".encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def load(folder: Path) -> tuple[str, Any | None]:
    """(key, the cached atlas or None)."""
    if not enabled():
        return "", None
    try:
        key = fingerprint(folder)
        with (cache_dir() / f"atlas-{key}.pickle").open("rb") as handle:
            return key, pickle.load(handle)  # noqa: S301 - our own file, keyed by a hash of the data
    except FileNotFoundError:
        return key, None
    except Exception:  # an unreadable or stale cache entry is only a missed shortcut
        return locals().get("key", ""), None


def store(key: str, atlas: Any) -> None:
    if not key or not enabled():
        return
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".atlas-", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(atlas, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"atlas-{key}.pickle")
    except OSError:
        pass  # a read-only home is fine: blocmap works, only slower to start
