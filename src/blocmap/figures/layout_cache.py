"""Solved Euler topologies, kept by zone structure: in memory, and on disk as plain JSON.

A topology depends only on the zones of the data (``topology.configuration_key``), and over
all days of the atlas there are only a few hundred distinct configurations, so each is
solved once.  On disk every configuration is one small JSON file (never pickle) in a folder
that belongs to the user (mode 0700, files 0600), under ``blocmap.cache.cache_dir()``;
``BLOCMAP_NO_CACHE=1`` keeps everything in memory.  A cached answer is trusted no more than
a fresh one: every layout drawn from it still passes the zone checker.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .topology import GridTopology, configuration_key, empty_zone_bound, LayoutImpossible

#: Bump when the solver's model changes: older files are then simply not found.
FORMAT = "euler-topology-1"


class TopologyCache:
    """Topologies by configuration key; ``folder`` None keeps them in memory only."""

    def __init__(self, folder: Path | str | None = None):
        self.folder = Path(folder) if folder is not None else None
        self._memory: dict[str, GridTopology] = {}
        self._refused: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._memory)

    def keys(self) -> list[str]:
        return sorted(self._memory)

    def _file(self, key: str, kind: str = "topology") -> Path:
        from .. import __version__

        digest = hashlib.sha256(f"{FORMAT}|{__version__}|{kind}|{key}".encode()).hexdigest()[:32]
        return self.folder / f"{digest}.json"  # type: ignore[operator]

    def get(self, key: str) -> GridTopology | None:
        found = self._memory.get(key)
        if found is None and self.folder is not None and _safe_folder(self.folder, create=False):
            try:
                data = json.loads(self._file(key).read_text(encoding="utf-8"))
                if data.get("format") == FORMAT and data.get("key") == key:
                    found = GridTopology.from_json(data["topology"])
                    self._memory[key] = found
            except (OSError, ValueError, KeyError, TypeError):
                found = None  # missing or unreadable: only a missed shortcut
        return found

    def refused(self, key: str) -> int | None:
        """The most empty zones a drawing of this configuration was proven to need more than."""
        found = self._refused.get(key)
        if found is None and self.folder is not None and _safe_folder(self.folder, create=False):
            try:
                data = json.loads(self._file(key, "refused").read_text(encoding="utf-8"))
                if data.get("format") == FORMAT and data.get("key") == key:
                    found = self._refused[key] = int(data["more_than"])
            except (OSError, ValueError, KeyError, TypeError):
                found = None
        return found

    def refuse(self, key: str, more_than: int) -> None:
        """Remember that this configuration needs more than ``more_than`` empty zones."""
        self._refused[key] = max(more_than, self._refused.get(key, -1))
        self._write(key, "refused", {"format": FORMAT, "key": key, "more_than": self._refused[key]})

    def put(self, key: str, topo: GridTopology) -> None:
        self._memory[key] = topo
        self._write(key, "topology", {"format": FORMAT, "key": key, "topology": topo.to_json()})

    def _write(self, key: str, kind: str, data: dict) -> None:
        if self.folder is None or not _safe_folder(self.folder, create=True):
            return
        text = json.dumps(data, separators=(",", ":"), sort_keys=True)
        try:
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".json")
            try:
                os.fchmod(handle, 0o600)
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                os.replace(temporary, self._file(key, kind))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only or full disk costs a re-solve next time, nothing else


def _safe_folder(folder: Path, create: bool) -> bool:
    """Whether ``folder`` is a real folder of this user that no one else can write to."""
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return False
    import stat

    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def default_folder() -> Path | None:
    """``<blocmap cache>/figures``, or None when the cache is turned off."""
    from .. import cache

    return cache.cache_dir() / "figures" if cache.enabled() else None


_DEFAULT: TopologyCache | None = None


def default_cache() -> TopologyCache:
    """The process-wide cache (in memory, and on disk unless ``BLOCMAP_NO_CACHE=1``)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = TopologyCache(default_folder())
    return _DEFAULT


def solve(sets: dict[str, frozenset[str]], max_empty: int | None = None,
          cache: TopologyCache | None = None, hint: GridTopology | None = None) -> GridTopology:
    """``topology.solve`` through the cache: the solver (and OR-Tools) only runs for a
    configuration not seen before.  With ``max_empty``, families that need more empty zones
    are refused (``LayoutImpossible``): at once where the bound known from the data says
    so, else after the solver's quick proof, which is remembered as well."""
    from . import topology

    if max_empty is not None:
        bound = empty_zone_bound(sets)
        if bound > max_empty:
            raise LayoutImpossible(f"an Euler diagram of these sets needs at least {bound} empty "
                                   f"zones (more than --max-empty {max_empty})", bound=bound)
    cache = cache if cache is not None else default_cache()
    key = configuration_key(sets)
    found = cache.get(key)
    if found is not None and set(found.order) == set(sets):
        return found
    if max_empty is not None:
        refused = cache.refused(key)
        if refused is not None and refused >= max_empty:
            raise LayoutImpossible(f"an Euler diagram of these sets needs more than {refused} empty "
                                   f"zones (more than --max-empty {max_empty})", bound=refused + 1)
    try:
        topo = topology.solve(sets, hint=hint, max_empty=max_empty)
    except LayoutImpossible as exc:
        if max_empty is not None and exc.bound is not None and exc.bound > max_empty:
            cache.refuse(key, exc.bound - 1)
        raise
    cache.put(key, topo)
    return topo
