"""Solved Euler topologies, kept by zone structure: in memory, and on disk as plain JSON.

A topology depends only on the zones of the data (``topology.configuration_key``), and over
all days of the atlas there are only a few hundred distinct configurations, so each is
solved once (and those of the bundled data not even once: ``topology_table``).  On disk every configuration is one small JSON file (never pickle) in a folder
that belongs to the user (mode 0700, files 0600; see ``blocmap.core.cache``), under
``blocmap.core.cache.cache_dir()``; ``BLOCMAP_NO_CACHE=1`` keeps everything in memory.  A
cached answer is trusted no more than a fresh one: every layout drawn from it still passes
the zone checker.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from blocmap.core.cache import cache_folder, read_json, write_json
from blocmap.core.messages import Text
from blocmap.features.figures import topology, topology_table
from blocmap.features.figures.topology import empty_zone_bound
from blocmap.features.figures.zones import GridTopology, LayoutImpossible, configuration_key

#: Bump when the file's layout changes: older files are then simply not found.  The key also
#: holds a digest of the solver's code (``solver_digest``), so that a layout solved by an
#: older solver is never served by a newer one.
FORMAT = "euler-topology-3"  # 2: answers of the shipped table; 3: keyed by the solver's code


@lru_cache(maxsize=1)
def solver_digest() -> str:
    """A digest of the code that decides a topology (the solver, its search and its records)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("topology.py", "search.py", "zones.py"):
        path = here / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return digest.hexdigest()[:16]


class TopologyCache:
    """Topologies by configuration key; ``folder`` None keeps them in memory only."""

    def __init__(self, folder: Path | str | None = None):
        self.folder = Path(folder) if folder is not None else None
        self._memory: dict[str, GridTopology] = {}
        self._refused: dict[str, int] = {}
        self._not_found: set[tuple[str, int]] = set()

    def __len__(self) -> int:
        return len(self._memory)

    def keys(self) -> list[str]:
        return sorted(self._memory)

    def _file(self, key: str, kind: str = "topology") -> Path:
        from blocmap.core.version import __version__

        digest = hashlib.sha256(f"{FORMAT}|{__version__}|{solver_digest()}|{kind}|{key}".encode()).hexdigest()[:32]
        return self.folder / f"{digest}.json"  # type: ignore[operator]

    def get(self, key: str) -> GridTopology | None:
        found = self._memory.get(key)
        if found is None and self.folder is not None:
            data = read_json(self._file(key))
            try:
                if data and data.get("format") == FORMAT and data.get("key") == key:
                    found = self._memory[key] = GridTopology.from_json(data["topology"])
            except (ValueError, KeyError, TypeError, AttributeError):
                found = None  # a damaged entry is only a missed shortcut
        return found

    def refused(self, key: str) -> int | None:
        """The most empty zones a drawing of this configuration was proven to need more than."""
        found = self._refused.get(key)
        if found is None and self.folder is not None:
            data = read_json(self._file(key, "refused"))
            try:
                if data and data.get("format") == FORMAT and data.get("key") == key:
                    found = self._refused[key] = int(data["more_than"])
            except (ValueError, KeyError, TypeError, AttributeError):
                found = None
        return found

    def refuse(self, key: str, more_than: int) -> None:
        """Remember that this configuration needs more than ``more_than`` empty zones."""
        self._refused[key] = max(more_than, self._refused.get(key, -1))
        if self.folder is not None:
            write_json(self._file(key, "refused"),
                       {"format": FORMAT, "key": key, "more_than": self._refused[key]})

    def not_found(self, key: str, max_empty: int) -> bool:
        """Whether the solver found no drawing of this configuration with at most ``max_empty``
        empty zones within its budget (deterministic: the same code answers the same again)."""
        if (key, max_empty) in self._not_found:
            return True
        if self.folder is None:
            return False
        data = read_json(self._file(key, f"not-found-{max_empty}"))
        found = bool(data) and data.get("format") == FORMAT and data.get("key") == key \
            and data.get("max_empty") == max_empty
        if found:
            self._not_found.add((key, max_empty))
        return found

    def give_up(self, key: str, max_empty: int) -> None:
        """Remember that no drawing with at most ``max_empty`` empty zones was found in time."""
        self._not_found.add((key, max_empty))
        if self.folder is not None:
            write_json(self._file(key, f"not-found-{max_empty}"),
                       {"format": FORMAT, "key": key, "max_empty": max_empty})

    def put(self, key: str, topo: GridTopology) -> None:
        self._memory[key] = topo
        if self.folder is not None:
            write_json(self._file(key), {"format": FORMAT, "key": key, "topology": topo.to_json()})


def default_folder() -> Path | None:
    """``<blocmap cache>/figures``, or None when the cache is turned off."""
    return cache_folder("figures")


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
    configuration neither seen before nor in the shipped table (``topology_table``).  With ``max_empty``, families that need more empty zones
    are refused (``LayoutImpossible``): at once where the bound known from the data says
    so, else after the solver's proof, which is remembered as well, as is a search that found
    none within the budget (for that ``max_empty``: the solver is deterministic)."""
    if max_empty is not None:
        bound = empty_zone_bound(sets)
        if bound > max_empty:
            raise LayoutImpossible(Text("fig.needs_at_least", {"bound": bound, "max_empty": max_empty}), bound=bound)
    cache = cache if cache is not None else default_cache()
    key = configuration_key(sets)
    found = cache.get(key)
    if found is not None and set(found.order) == set(sets):
        return found
    if max_empty is not None:
        refused = cache.refused(key)
        if refused is not None and refused >= max_empty:
            raise LayoutImpossible.needs_more(refused, max_empty)
        if cache.not_found(key, max_empty):
            raise LayoutImpossible.none_found(max_empty)
    try:
        topo = topology.solve(sets, hint=hint, max_empty=max_empty, lookup=topology_table.lookup)
    except LayoutImpossible as exc:
        if max_empty is not None and exc.bound is not None and exc.bound > max_empty:
            cache.refuse(key, exc.bound - 1)
        elif max_empty is not None and exc.not_found == max_empty:
            cache.give_up(key, max_empty)
        raise
    cache.put(key, topo)
    return topo
