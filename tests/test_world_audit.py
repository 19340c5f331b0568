"""The audit of COW's coding against blocmap's dated, sourced events."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner
from test_world_support import full_store, needs_full_data, store

from blocmap.cli import main
from blocmap.core.world import World
from blocmap.features.audit import audit_cow




@pytest.fixture(scope="module")
def result():
    return audit_cow(World(store()))


def rows_of(result, org: str, state: str) -> dict[int, tuple[int, int]]:
    frame = result.rows[(result.rows.org == org) & (result.rows.state == state)]
    return {int(r.year): (int(r.cow), int(r.ours)) for r in frame.itertuples()}


def test_known_cases(result) -> None:
    # Uzbekistan in the CSTO 2002-2005: COW full, but it had left the treaty in 1999
    uzb = rows_of(result, "csto", "UZB")
    assert {y: uzb[y] for y in range(2002, 2006)} == {y: (1, 0) for y in range(2002, 2006)}
    # Georgia in the CIS 2008: COW none, but its withdrawal took effect on 2009-08-18
    assert rows_of(result, "cis", "GEO")[2008] == (0, 1)
    # Ukraine: COW codes a CIS "associate" (2); blocmap a member from its 1991-12-10 ratification of
    # the Agreement on the Establishment (founding-treaty rule; the Charter reading is dispute ukr-cis-status)
    ukr = rows_of(result, "cis", "UKR")
    assert all(ukr[y] == (2, 1) for y in range(1993, 2015))
    line = result.rows[(result.rows.org == "csto") & (result.rows.state == "UZB")].iloc[0]
    assert "member 2006-06-23" in line.our_events and line.sources


def test_summary_and_rate(result) -> None:
    assert result.orgs == ("cis", "csto", "eurasec")
    assert result.compared > 2700 and 0.97 < result.rate < 1  # the extract's 60 states
    assert result.summary().startswith(f"COW agrees with blocmap's dated events in {result.agree} "
                                       f"of {result.compared} state-years")
    assert len(result.rows) == result.compared - result.agree


@needs_full_data
def test_rate_over_the_whole_cow_data() -> None:
    full = audit_cow(World(full_store()))
    assert full.compared > 9000 and 0.98 < full.rate < 1
    assert len(full.rows) == full.compared - full.agree


def test_audit_command_csv() -> None:
    out = CliRunner().invoke(main, ["audit", "cow", "--orgs", "csto", "--format", "csv",
                                    "--db", str(store())])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {r["org"] for r in rows} == {"csto"}
    assert {"year", "cow", "ours", "our_events", "sources"} <= set(rows[0])
    assert "COW agrees with blocmap's dated events" in out.stderr


def test_audit_refuses_an_organization_not_in_both() -> None:
    out = CliRunner().invoke(main, ["audit", "cow", "--orgs", "asean", "--db", str(store())])
    assert out.exit_code == 1
    assert "'asean' is not both in COW and curated" in out.stderr
