"""Shared fixtures: the bundled atlas and a copy of the data folder to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import blocmap
from blocmap.core.loader import BUNDLED

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests use their own atlas cache, never the user's."""
    import os

    os.environ["BLOCMAP_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    # ... and no world store but the ones they import themselves
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-data"))
    os.environ.pop("BLOCMAP_DB", None)
    # ... and English help and usage errors whatever the machine's locale (tests ask for others)
    for name in ("BLOCMAP_LANG", "LC_ALL", "LC_MESSAGES"):
        os.environ.pop(name, None)
    os.environ["LANG"] = "C.UTF-8"


@pytest.fixture(scope="session")
def atlas():
    return blocmap.load()


@pytest.fixture(scope="session")
def nostore(atlas):
    """The world of the bundled data with no COW store (the state system from the shipped list)."""
    from blocmap.core.world import World
    from blocmap.core.world.curated import Curated

    return World.without_store(Curated.from_atlas(atlas))


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled data folder, for tests that break it."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target
