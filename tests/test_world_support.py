"""Shared helpers for the world tests: where the real COW files are, one cached full import,
and small subsets of the real files.  (A few tests of the helpers themselves live here too.)

The real files are read from ``shared/data`` beside the repository, as in CI; tests skip with
a clear reason only when that folder is missing.
"""

from __future__ import annotations

import csv
import functools
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
COW = DATA / "cow_igo_v3"
STATE_YEAR = COW / "state_year_format3.csv"
IGO_YEAR = COW / "igo_year_format3.csv"
NDY = COW / "cow_igo_ndy.csv.gz"
STATES = DATA / "cow_states" / "states2016.csv"

needs_data = pytest.mark.skipif(not STATE_YEAR.exists(),
                                reason=f"COW IGO files not found in {COW} (shared/data beside the repo)")


@functools.lru_cache(maxsize=None)
def full_store() -> Path:
    """The three real files imported once per test run (removed when the run ends)."""
    import atexit
    import shutil

    from blocmap.world.cowimport import import_cow

    folder = Path(tempfile.mkdtemp(prefix="blocmap-world-"))
    atexit.register(shutil.rmtree, folder, True)
    db = folder / "world.duckdb"
    import_cow(STATE_YEAR, IGO_YEAR, STATES, db)
    return db


@functools.lru_cache(maxsize=None)
def state_year_frame():
    import pandas as pd

    return pd.read_csv(STATE_YEAR)


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


@needs_data
def test_subset_keeps_the_real_cells(tmp_path: Path) -> None:
    path = write_subset(tmp_path / "sy.csv", ["cis", "csto"], range(2010, 2015), POST_SOVIET)
    lines = path.read_text().splitlines()
    assert lines[0] == "ccode,year,state,cis,csto"
    assert "369,2014,ukraine,2,0" in lines  # Ukraine: COW's CIS "associate"
    assert len(lines) == 1 + 5 * len(POST_SOVIET)
