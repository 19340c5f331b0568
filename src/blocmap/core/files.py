"""Writing files whole or not at all, and sweeping what a killed writer left behind: the one
file writer of blocmap (figures, reports, exports, imported series, the world store).

A writer builds its result in a temporary file beside the target, named
``.<target>.<pid>.<random>.tmp``, and publishes it with one ``os.replace``.  The next writer
removes temporary files whose process is gone (and, for names without a process id, from older
versions, those untouched for an hour), so a killed import leaves nothing behind for long.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from blocmap.core.errors import QueryError

_TEMP = re.compile(r"^\.(?P<target>.+)\.(?P<pid>\d+)\.[^.]+\.tmp(\.wal)?$")
#: Temporary names of older versions (no process id): removed once this old.
STALE_SECONDS = 3600


def temp_path(target: Path) -> Path:
    """A fresh, unused temporary path beside ``target`` (the file is not left open)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(folder: Path, target_names: set[str], legacy_prefixes: tuple[str, ...] = ()) -> list[Path]:
    """Remove temporary files of ``target_names`` in ``folder`` left by dead processes; return them."""
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    now = time.time()
    for path in entries:
        match = _TEMP.match(path.name)
        stale = False
        if match and match["target"] in target_names:
            stale = not _alive(int(match["pid"]))
        elif legacy_prefixes and path.name.startswith(legacy_prefixes):
            try:
                stale = now - path.lstat().st_mtime > STALE_SECONDS
            except OSError:
                continue
        if stale:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def write_atomic(target: str | Path, content: str | bytes, option: str | None = None,
                 mode: int = 0o666) -> Path:
    """Write ``content`` (text as UTF-8) to ``target`` whole or not at all: a temporary file
    beside it, fsync, one rename.  ``option`` (e.g. ``-o``) names the parameter in errors about
    the path; the file gets ``mode`` less the umask, as a plain ``open()`` would give it."""
    target = Path(target)
    if option is not None:
        parent = target.parent  # Path("out.csv").parent is Path(".")
        if target.is_dir():
            raise QueryError.of("err.is_folder", option, option=option, path=target)
        if not parent.is_dir():
            raise QueryError.of("err.no_folder", option, option=option, path=target, folder=parent)
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = temp_path(target)
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, mode & ~umask)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
