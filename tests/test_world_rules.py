"""The three year rules against a day-by-day brute force, on random spell tables (hypothesis)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_world_support import STATES, write_subset

from blocmap.core.dates import PartialDate
from blocmap.core.world import World
from blocmap.core.world.curated import Curated
from blocmap.core.world.spells import COW_CODE, STATUS_RANK, SpellRow



FIRST, LAST = dt.date(1991, 1, 1), dt.date(1996, 12, 31)
FOUNDED, DISSOLVED = dt.date(1991, 6, 1), dt.date(1995, 9, 1)  # dissolved: first day gone
ARMENIA_FROM = dt.date(1991, 12, 26)                               # COW states2016: ARM,371,…,1991,12,26
STATUSES = ["member", "associate", "observer", "suspended", "participant", None]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from blocmap.core.world.cowimport import import_cow

    folder = tmp_path_factory.mktemp("rules")
    subset = write_subset(folder / "sy.csv", ["cis"], range(1991, 1997), {371})
    import_cow(subset, None, STATES, folder / "w.duckdb")
    return folder / "w.duckdb"


spell_tables = st.lists(
    st.tuples(st.integers(0, (LAST - FIRST).days), st.sampled_from(STATUSES)),
    min_size=1, max_size=6)


def build(cuts: list[tuple[int, str | None]]) -> list[tuple[dt.date, dt.date, str]]:
    """Consecutive, non-overlapping spells between random cut days (None: a gap)."""
    points = sorted({FIRST + dt.timedelta(days=d) for d, _ in cuts} | {LAST + dt.timedelta(days=1)})
    statuses = [s for _, s in sorted(cuts, key=lambda c: c[0])]
    spells = []
    for i, (a, b) in enumerate(zip(points, points[1:])):
        status = statuses[i % len(statuses)]
        if status is not None:
            spells.append((a, b, status))
    return spells


def brute(spells: list[tuple[dt.date, dt.date, str]], year: int, rule: str) -> int:
    days = [dt.date(year, 1, 1) + dt.timedelta(days=i) for i in range(366)]
    window = [d for d in days if d.year == year and d >= ARMENIA_FROM and FOUNDED <= d < DISSOLVED]
    if not window:
        return -1
    def status_on(d):  # noqa: E306
        return next(((s, a) for a, b, s in spells if a <= d < b), (None, None))
    if rule == "year-end":
        status, _ = status_on(window[-1])
        return COW_CODE[status] if status else 0
    held: dict = {}
    for d in window:
        status, start = status_on(d)
        held[(status, start)] = held.get((status, start), 0) + 1
    statuses = {k: v for k, v in held.items() if k[0] is not None}
    if not statuses:
        return 0
    if rule == "any-day":
        return COW_CODE[max(statuses, key=lambda k: STATUS_RANK[k[0]])[0]]
    best = max(statuses, key=lambda k: (statuses[k], k[1]))
    return COW_CODE[best[0]] if statuses[best] >= held.get((None, None), 0) else 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=spell_tables, rule=st.sampled_from(["year-end", "any-day", "majority"]))
def test_rules_match_a_day_by_day_count(store: Path, cuts, rule: str) -> None:
    spells = build(cuts)
    rows = [SpellRow("bloc", "ARM", 371, s, PartialDate.from_date(a), PartialDate.from_date(b), ("x",),
                     "curated") for a, b, s in spells]
    curated = Curated.from_rows(rows, {"bloc": (PartialDate.from_date(FOUNDED),
                                                PartialDate.from_date(DISSOLVED))})
    with World(store, curated=curated) as world:
        panel = world.state_years(["bloc"], 1991, 1996, rule=rule)
    got = dict(zip(panel.year, panel.bloc))
    assert got == {y: brute(spells, y, rule) for y in range(1991, 1997)}, spells
