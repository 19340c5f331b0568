"""A cache of validated atlases, so that a command starts fast — one that holds data, never code.

Loading validates every file (the rules in ``validate.py``); a validated atlas's records are
written as plain JSON (``snapshot.py``) and rebuilt by explicit constructors, so a file planted
in the cache folder can at worst be ignored, never run.

* The key is the blocmap version, the Python version, the folder and every data file the layout names
  (path, size, mtime_ns, ctime_ns): no file is read to compute it, and any edit makes a new key.
* The folder (``BLOCMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/blocmap``, else ``~/.cache/blocmap``)
  is used only when it is a real folder (not a symlink) owned by the current user and writable
  by nobody else; otherwise blocmap warns once and loads without a cache.  Entries are written
  0600 and must still be regular files owned by the user with no group or other access.
* Only the newest ``KEEP`` entries are kept; older ones, old pickles and stale temporary
  files are removed when an entry is written.

``BLOCMAP_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

from blocmap.core.version import __version__
from blocmap.core import snapshot

KEEP = 4
MAX_ENTRY_BYTES = 32 * 1024 * 1024
STALE_TEMP_SECONDS = 3600
_warned: set[str] = set()


def cache_dir() -> Path:
    if os.environ.get("BLOCMAP_CACHE_DIR"):
        return Path(os.environ["BLOCMAP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "blocmap"


def enabled() -> bool:
    return os.environ.get("BLOCMAP_NO_CACHE", "") in ("", "0")


def entry_path(key: str) -> Path:
    return cache_dir() / f"atlas-{key}.json"


#: the files of a data folder the atlas is read from, besides ``orgs/*.yaml``
LAYOUT_FILES = ("sources.yaml", "states.yaml", "refused.yaml", "organs.yaml", "depth.yaml")


def fingerprint(folder: Path) -> str:
    """A key from the files' names, sizes and times (no file is read)."""
    digest = hashlib.sha256(f"{__version__}|{snapshot.FORMAT}|{sys.version_info[:3]}|{folder.resolve()}".encode())
    # only the files the layout names: unrelated files beside them cost nothing
    named = [folder / name for name in LAYOUT_FILES]
    orgs = folder / "orgs"
    named += sorted(orgs.glob("*.yaml")) if orgs.is_dir() else []
    for path in named:
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            continue
        digest.update(f"{path.relative_to(folder)}|{info.st_size}|{info.st_mtime_ns}|{info.st_ctime_ns}\n".encode())
    return digest.hexdigest()[:32]


def _warn(folder: Path, why: str) -> None:
    if str(folder) not in _warned:
        _warned.add(str(folder))
        print(f"blocmap: warning: not using the cache folder {folder}: {why}", file=sys.stderr)


def unsafe_reason(folder: Path) -> str | None:
    """Why ``folder`` must not be used as a cache (None: it is safe)."""
    try:
        info = folder.lstat()
    except OSError as exc:
        return exc.strerror or "cannot read"
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"it belongs to user id {info.st_uid}, not to you"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"others can write to it (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def _safe_folder(create: bool) -> Path | None:
    folder = cache_dir()
    if create and not os.path.lexists(folder):
        try:
            folder.mkdir(parents=True, mode=0o700)
        except OSError:
            return None  # a read-only home is fine: blocmap works, only slower to start
    elif not os.path.lexists(folder):
        return None
    why = unsafe_reason(folder)
    if why is not None:
        _warn(folder, why)
        return None
    return folder


def _read_entry(path: Path) -> Any | None:
    """The JSON of a cache entry if it is a private regular file of ours, else None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    # checked before ``fdopen``, which refuses a folder with IsADirectoryError
    info = os.fstat(fd)
    if (not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077 or info.st_size > MAX_ENTRY_BYTES
            or (hasattr(os, "getuid") and info.st_uid != os.getuid())):
        os.close(fd)
        return None
    with os.fdopen(fd, "rb") as handle:
        return json.loads(handle.read(MAX_ENTRY_BYTES + 1))


# ---------------------------------------------------------------------------- other caches
def cache_folder(name: str) -> Path | None:
    """``<cache>/<name>`` for a feature's own cache (the figures' layouts), under the same rules
    as the atlas's: None when the cache is off or the folder is not a private folder of ours."""
    if not enabled():
        return None
    return cache_dir() / name


def _safe_subfolder(folder: Path, create: bool) -> bool:
    if _safe_folder(create=create) is None:
        return False
    if create and not os.path.lexists(folder):
        try:
            folder.mkdir(mode=0o700)
        except OSError:
            return False
    return os.path.lexists(folder) and unsafe_reason(folder) is None


def read_json(path: Path) -> Any | None:
    """A cache file's JSON if it is a private regular file of ours in a safe folder, else None."""
    if not _safe_subfolder(path.parent, create=False):
        return None
    try:
        return _read_entry(path)
    except (OSError, ValueError):  # unreadable (an I/O error) or not JSON: only a missed shortcut
        return None


def write_json(path: Path, data: Any) -> None:
    """Write a cache file whole, mode 0600; nothing where that is not safe (a cache entry is
    only a shortcut)."""
    from blocmap.core.files import write_atomic

    if not _safe_subfolder(path.parent, create=True):
        return
    try:
        write_atomic(path, json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False), mode=0o600)
    except OSError:
        pass


def load(folder: Path) -> tuple[str, tuple | None]:
    """(key, the cached records or None): ``(sources, states, orgs, events, disputes)``, which
    ``Atlas`` is built from (the atlas imports this module, never the other way round)."""
    if not enabled():
        return "", None
    key = ""
    try:
        key = fingerprint(folder)
        if _safe_folder(create=False) is None:
            return key, None
        data = _read_entry(entry_path(key))
        if data is None:
            return key, None
        return key, snapshot.load(data, key)
    except Exception:  # an unreadable, foreign or stale entry is only a missed shortcut
        return key, None


def store(key: str, atlas: Any) -> None:
    if not key or not enabled():
        return
    folder = _safe_folder(create=True)
    if folder is None:
        return
    from blocmap.core.files import write_atomic

    data = snapshot.dump(atlas.sources, atlas.states, atlas.orgs, atlas.events, atlas.disputes, key)
    try:
        write_atomic(entry_path(key), json.dumps(data, ensure_ascii=False, separators=(",", ":")), mode=0o600)
        evict(folder)
    except OSError:
        pass


def evict(folder: Path, keep: int = KEEP) -> None:
    """Keep the newest ``keep`` entries; remove the rest, old pickles and stale temporary files."""
    now = time.time()
    entries = []
    for path in folder.iterdir():
        try:
            info = path.lstat()
        except OSError:
            continue
        name = path.name
        if name.startswith("atlas-") and name.endswith(".json") and stat.S_ISREG(info.st_mode):
            entries.append((info.st_mtime_ns, path))
        elif name.startswith("atlas-") and name.endswith(".pickle"):
            path.unlink(missing_ok=True)  # an older blocmap's format, never read again
        elif name.startswith(".atlas-") and now - info.st_mtime > STALE_TEMP_SECONDS:
            path.unlink(missing_ok=True)
    for _, path in sorted(entries, reverse=True)[keep:]:
        path.unlink(missing_ok=True)
