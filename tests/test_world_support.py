"""Shared helpers for the world tests: the bundled COW extract, one cached import of it, and
small subsets of the real files.  (A few tests of the helpers themselves live here too.)

The extract (tests/fixtures/cow) is real COW data cut to 32 organizations and 60 states, so
the world tests run on every clone; the few that compare with the whole data set use the full
files from ``shared/data`` beside the repository and say why they skip without them.
"""

from __future__ import annotations

import csv
import functools
import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The extract every clone has (tests/fixtures/cow/README.md says how it was cut) ...
EXTRACT = REPO / "tests" / "fixtures" / "cow"
STATE_YEAR = EXTRACT / "state_year_format3.csv"
IGO_YEAR = EXTRACT / "igo_year_format3.csv"
STATES = EXTRACT / "states2016.csv"
# ... and the full files, for the tests that compare with the whole of COW (534 organizations,
# 217 states, the dyadic file): a folder with COW's cow_igo_v3/ and cow_states/ folders, named by
# $BLOCMAP_COW_DATA (by default the project's shared data folder beside the repository).
DATA = Path(os.environ.get("BLOCMAP_COW_DATA") or REPO.parent / "shared" / "data")
COW = DATA / "cow_igo_v3"
FULL_STATE_YEAR = COW / "state_year_format3.csv"
FULL_IGO_YEAR = COW / "igo_year_format3.csv"
NDY = COW / "cow_igo_ndy.csv.gz"
FULL_STATES = DATA / "cow_states" / "states2016.csv"

needs_full_data = pytest.mark.skipif(
    not FULL_STATE_YEAR.exists(),
    reason="compares with the whole COW IGO data set, which is not bundled "
           "(set BLOCMAP_COW_DATA to a folder with COW's cow_igo_v3/ and cow_states/ to run it)")


def _imported(state_year: Path, igo_year: Path, states: Path) -> Path:
    import atexit
    import shutil

    from blocmap.core.world.cowimport import import_cow

    folder = Path(tempfile.mkdtemp(prefix="blocmap-world-"))
    atexit.register(shutil.rmtree, folder, True)
    db = folder / "world.duckdb"
    import_cow(state_year, igo_year, states, db)
    return db


@functools.lru_cache(maxsize=None)
def store() -> Path:
    """The bundled extract imported once per test run (removed when the run ends)."""
    return _imported(STATE_YEAR, IGO_YEAR, STATES)


@functools.lru_cache(maxsize=None)
def full_store() -> Path:
    """The full COW files imported once per test run (only with ``needs_full_data``)."""
    return _imported(FULL_STATE_YEAR, FULL_IGO_YEAR, FULL_STATES)


@functools.lru_cache(maxsize=None)
def state_year_frame(path: Path = STATE_YEAR):
    import pandas as pd

    return pd.read_csv(path)


def write_subset(path: Path, orgs: list[str], years: range | None = None,
                 ccodes: set[int] | None = None) -> Path:
    """The real state-year file cut to some IGO columns, years and states (same text)."""
    with open(STATE_YEAR, newline="") as src, open(path, "w", newline="") as out:
        reader = csv.reader(src)
        header = next(reader)
        keep = [0, 1, 2] + [header.index(o) for o in orgs]
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([header[i] for i in keep])
        for row in reader:
            if years is not None and int(row[1]) not in years:
                continue
            if ccodes is not None and int(row[0]) not in ccodes:
                continue
            writer.writerow([row[i] for i in keep])
    return path


POST_SOVIET = {365, 366, 367, 368, 369, 370, 371, 372, 373, 359, 701, 702, 703, 704, 705}


def test_subset_keeps_the_real_cells(tmp_path: Path) -> None:
    path = write_subset(tmp_path / "sy.csv", ["cis", "csto"], range(2010, 2015), POST_SOVIET)
    lines = path.read_text().splitlines()
    assert lines[0] == "ccode,year,state,cis,csto"
    assert "369,2014,ukraine,2,0" in lines  # Ukraine: COW's CIS "associate"
    assert len(lines) == 1 + 5 * len(POST_SOVIET)
