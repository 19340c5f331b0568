"""Panels: the COW round trip, the year rules on real edge dates, the status → code mapping,
dyad counts against a direct computation and against peacesciencer's ``cow_igo_ndy``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from test_world_support import (FULL_STATE_YEAR, NDY, POST_SOVIET, STATES, full_store, needs_full_data, store,
                                state_year_frame, write_subset)

from blocmap.cli import main
from blocmap.core.dates import PartialDate
from blocmap.core.world import World
from blocmap.core.world.curated import Curated
from blocmap.core.world.spells import COW_CODE, SpellRow



RENAME = {"eurasec": "eaec", "warsaw_pact": "wpact"}  # blocmap id -> COW column


@pytest.fixture(scope="module")
def world() -> World:
    return World(store())  # with the bundled curated atlas


@pytest.fixture(scope="module")
def cow_panel(world: World) -> pd.DataFrame:
    return world.state_years(source="cow")


# -- round trip ------------------------------------------------------------------------------

# Cells of the whole COW file that do not come back: 13 where COW's -1 ("IGO not in existence")
# disagrees with the rest of its IGO-year; blocmap keeps one existence per IGO-year.
ROUND_TRIP_EXCEPTIONS = {(511, 1964, org, -1, 0) for org in  # Zanzibar
                         ("agc", "eldo", "esro", "intelsat", "lcbc", "nrc", "udeac")} | {
    (511, 1964, "iaradio", 0, -1),   # Zanzibar's 0 in a year IARADIO is -1 for all others
    (240, 1838, "sch", -1, 0), (730, 1888, "sca", -1, 0),
    (947, 2006, "who", -1, 0), (947, 2007, "who", -1, 0), (947, 2008, "who", -1, 0),
}


def cells_that_differ(original: pd.DataFrame, panel: pd.DataFrame) -> set[tuple]:
    original = original.sort_values(["ccode", "year"], ignore_index=True)
    ours = panel.rename(columns=RENAME)
    ids = list(original.columns[3:])
    assert list(ours.columns) == ["ccode", "year", "state", "name", *ids]
    assert (ours[["ccode", "year"]].to_numpy() == original[["ccode", "year"]].to_numpy()).all()
    a, b = original[ids].to_numpy(), ours[ids].to_numpy()
    rows, cols = np.nonzero(a != b)
    return {(int(original.ccode[r]), int(original.year[r]), ids[c], int(a[r, c]), int(b[r, c]))
            for r, c in zip(rows, cols)}


def test_round_trip_gives_back_every_cell(cow_panel: pd.DataFrame) -> None:
    """Every cell of the extract comes back (it holds none of the exceptions below)."""
    assert cells_that_differ(state_year_frame(), cow_panel) == set()


@needs_full_data
def test_the_whole_file_imports_and_every_cell_comes_back_but_the_listed_exceptions() -> None:
    """534 organizations, 217 states; all 8,307,438 cells come back but the 13 listed exceptions."""
    import duckdb

    from blocmap.core.world.store import SAFE_CONFIG

    con = duckdb.connect(str(full_store()), read_only=True, config=dict(SAFE_CONFIG))
    count = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    assert count("SELECT count(*) FROM orgs") == 534
    assert count("SELECT count(*) FROM system_years") == 15557
    assert count("SELECT count(DISTINCT ccode) FROM system_years") == 217
    # COW's -1 became existence years; AGC has a gap (1990-2001)
    assert con.execute("SELECT start_year, end_year FROM org_periods WHERE org = 'agc' "
                       "ORDER BY 1").fetchall() == [(1964, 1989), (2002, 2014)]
    con.close()
    panel = World(full_store()).state_years(source="cow")
    assert cells_that_differ(state_year_frame(FULL_STATE_YEAR), panel) == ROUND_TRIP_EXCEPTIONS


def test_round_trip_through_the_command_line(tmp_path: Path) -> None:
    orgs = ["asean", "opec", "cis", "eaec", "wpact"]
    subset = write_subset(tmp_path / "sy.csv", orgs, range(1985, 2015))
    db = str(tmp_path / "w.duckdb")
    runner = CliRunner()
    assert runner.invoke(main, ["import", "cow", str(subset), "--db", db]).exit_code == 0
    out = tmp_path / "out.csv"
    result = runner.invoke(main, ["export", "state-year", "--orgs", ",".join(orgs), "--from", "1985",
                                  "--to", "2014", "--prefer", "cow", "--format", "csv", "-o", str(out),
                                  "--db", db])
    assert result.exit_code == 0, result.output
    back = pd.read_csv(out, keep_default_na=False).rename(columns=RENAME)
    assert list(back.columns) == ["ccode", "year", "state", "name", *orgs]
    labels = back.set_index(["ccode", "year"])[["state", "name"]]
    # Natural Earth's code, COW's name from the state list blocmap ships (none given to the import)
    assert labels.loc[(850, 2014)].tolist() == ["IDN", "Indonesia"]
    assert labels.loc[(705, 2014)].tolist() == ["KAZ", "Kazakhstan"]       # the atlas's
    assert labels.loc[(365, 1985)].tolist() == ["SUN", "Soviet Union"]     # COW 365 before 1991-12-27
    assert labels.loc[(365, 1992)].tolist() == ["RUS", "Russia"]
    back = back.drop(columns=["state", "name"])
    original = pd.read_csv(subset).drop(columns="state").sort_values(["ccode", "year"], ignore_index=True)
    pd.testing.assert_frame_equal(back, original, check_dtype=False)


def test_default_export_uses_curated_data_and_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "state-year", "--orgs", "csto,asean", "--from", "2004",
                                       "--to", "2006", "--format", "json", "--db", str(store())])
    assert result.exit_code == 0, result.output
    import json

    payload = json.loads(result.stdout)
    assert payload["meta"]["data"] == {"csto": "curated", "asean": "cow"}
    assert payload["meta"]["rule"] == "year-end"
    uzb = {r["year"]: r["csto"] for r in payload["rows"] if r["ccode"] == 704}
    assert uzb == {2004: 0, 2005: 0, 2006: 1}  # COW has 1 in all three; rejoined 2006-06-23
    assert "curated data for csto" in result.stderr


def test_parquet_export_keeps_the_metadata(tmp_path: Path) -> None:
    import json

    import pyarrow.parquet as pq

    out = tmp_path / "sy.parquet"
    result = CliRunner().invoke(main, ["export", "org-year", "--orgs", "eaeu,asean", "--from", "2014",
                                       "--to", "2016", "--format", "parquet", "-o", str(out),
                                       "--db", str(store())])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    meta = json.loads(table.schema.metadata[b"blocmap"])
    assert meta["data"] == {"eaeu": "curated", "asean": "cow"}
    frame = table.to_pandas().set_index(["org", "year"])
    assert frame.loc[("asean", 2014), "member"] == 10
    assert frame.loc[("asean", 2015), "member"] == -9          # COW ends in 2014: unknown
    assert frame.loc[("eaeu", 2015), "member"] == 5             # ARM, BLR, KAZ, KGZ, RUS
    assert frame.loc[("eaeu", 2015), "data"] == "curated"


# -- rules on real edge dates -------------------------------------------------------------------

def cell(frame: pd.DataFrame, ccode: int, year: int, org: str):
    return frame.loc[(frame.ccode == ccode) & (frame.year == year), org].item()


@pytest.mark.parametrize("rule, kgz_2015, geo_1993, geo_2009, sun_wp_1991", [
    ("year-end", 1, 1, 0, 1),
    ("any-day", 1, 1, 1, 1),
    ("majority", 0, 0, 1, 1),
])
def test_rules(world: World, rule: str, kgz_2015: int, geo_1993: int, geo_2009: int,
               sun_wp_1991: int) -> None:
    panel = world.state_years(["eaeu", "cis", "warsaw_pact", "cmea"], 1989, 2016, rule=rule)
    assert cell(panel, 371, 2015, "eaeu") == 1          # Armenia joined 2015-01-02
    assert cell(panel, 703, 2015, "eaeu") == kgz_2015   # Kyrgyzstan joined 2015-08-12
    assert cell(panel, 703, 2014, "eaeu") == -1         # the EAEU did not exist yet
    assert cell(panel, 372, 1993, "cis") == geo_1993    # Georgia joined 1993-12 (month)
    assert cell(panel, 372, 2009, "cis") == geo_2009    # Georgia left 2009-08-18
    # The Warsaw Pact was dissolved on 1991-07-01: every rule looks only at its lifetime that
    # year (1 January - 30 June), when the USSR (COW 365) was a member.
    assert cell(panel, 365, 1991, "warsaw_pact") == sun_wp_1991
    assert cell(panel, 365, 1992, "warsaw_pact") == -1
    # COW's universe has no GDR row for 1990 (nor GFR, North and South Yemen): states that
    # merged that year; blocmap keeps COW's universe.
    assert panel[(panel.ccode == 265) & (panel.year == 1990)].empty


def test_year_ends_on_the_states_last_day(tmp_path: Path) -> None:
    """The Republic of Vietnam (COW 817) left the system on 1975-04-30."""
    from blocmap.core.world.cowimport import import_cow

    subset = write_subset(tmp_path / "sy.csv", ["asean"], range(1973, 1977), {816, 817, 800})
    db = tmp_path / "w.duckdb"
    import_cow(subset, None, STATES, db)
    day = lambda text: PartialDate(*map(int, text.split("-")))  # noqa: E731
    rows = [SpellRow("bloc", None, 817, "member", day("1970-01-01"), None, ("a",), "curated"),
            SpellRow("bloc", None, 800, "member", day("1970-01-01"), day("1975-03-01"), ("b",), "curated")]
    world = World(db, curated=Curated.from_rows(rows, {"bloc": (day("1970"), None)}))
    expect = {"year-end": (1, 0), "any-day": (1, 1), "majority": (1, 0)}
    for rule, (rvn, thailand) in expect.items():
        panel = world.state_years(["bloc"], 1975, 1975, rule=rule)
        assert cell(panel, 817, 1975, "bloc") == rvn, rule
        assert cell(panel, 800, 1975, "bloc") == thailand, rule


def test_status_coding_and_unknown_after_cow(world: World) -> None:
    status = world.state_years(["csto", "cis", "asean"], 2013, 2016, coding="status")
    assert cell(status, 704, 2013, "csto") == "suspended"
    assert cell(status, 369, 2013, "cis") == "member"       # Ukraine: ratified the 1991 Agreement
    assert cell(status, 850, 2014, "asean") == "member"
    assert cell(status, 850, 2015, "asean") == "unknown"
    cow = world.state_years(["csto", "cis", "asean"], 2013, 2016)
    assert cell(cow, 704, 2013, "csto") == 1     # suspended stays a (full) member
    assert cell(cow, 369, 2013, "cis") == 1      # a member until it ceased participating (2018)
    assert cell(cow, 850, 2015, "asean") == -9   # COW-only organization after 2014


def test_status_to_cow_code_mapping_is_complete() -> None:
    from blocmap.core.model import STATUSES

    assert set(COW_CODE) == set(STATUSES) | {"unknown"}
    assert {s: COW_CODE[s] for s in STATUSES} == {
        "member": 1, "associate": 2, "observer": 3, "participant": 0, "candidate": 0,
        "suspended": 1, "frozen": 1, "ceased": 0, "withdrawn": 0}


def test_fake_spell_table_without_the_atlas(tmp_path: Path) -> None:
    """The panels need only a generic spell table: here a made-up organization."""
    subset = write_subset(tmp_path / "sy.csv", ["cis"], range(2010, 2015), POST_SOVIET)
    from blocmap.core.world.cowimport import import_cow

    db = tmp_path / "w.duckdb"
    import_cow(subset, None, STATES, db)
    day = lambda text: PartialDate(*map(int, text.split("-")))  # noqa: E731
    rows = [SpellRow("bloc", "ARM", 371, "member", day("2011-07-01"), day("2013-03-01"), ("a",), "curated"),
            SpellRow("bloc", "ARM", 371, "observer", day("2013-03-01"), None, ("b",), "curated"),
            SpellRow("bloc", "KAZ", 705, "frozen", day("2012"), None, ("c",), "curated")]
    curated = Curated.from_rows(rows, {"bloc": (day("2011-01-01"), None)})
    world = World(db, curated=curated)
    panel = world.state_years(["bloc"], 2010, 2014)
    arm = panel[panel.ccode == 371].set_index("year")["bloc"].to_dict()
    assert arm == {2010: -1, 2011: 1, 2012: 1, 2013: 3, 2014: 3}
    assert panel[panel.ccode == 705].set_index("year")["bloc"].to_dict() == {
        2010: -1, 2011: 0, 2012: 1, 2013: 1, 2014: 1}
    assert panel.attrs["data"] == {"bloc": "curated"}
    org = world.org_years(["bloc"], 2010, 2014).set_index("year")
    assert org.loc[2013, ["member", "observer", "frozen", "inside"]].tolist() == [0, 1, 1, 1]


# -- dyads ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dyads(world: World) -> pd.DataFrame:
    return world.dyad_years(source="cow", drop_false_dyads=False)


def direct_full_counts(sy: pd.DataFrame) -> pd.DataFrame:
    ids = list(sy.columns[3:])
    expected = []
    for year, group in sy.groupby("year"):
        group = group.sort_values("ccode")
        full = (group[ids].to_numpy() == 1).astype(np.int64)
        counts = full @ full.T
        i, j = np.triu_indices(len(group), k=1)
        c = group.ccode.to_numpy()
        expected.append(pd.DataFrame({"ccode1": c[i], "ccode2": c[j], "year": year,
                                      "direct": counts[i, j]}))
    return pd.concat(expected, ignore_index=True)


def check_full_counts(dyads: pd.DataFrame, direct: pd.DataFrame) -> None:
    assert len(direct) == len(dyads)
    merged = dyads.merge(direct, on=["ccode1", "ccode2", "year"], validate="one_to_one")
    assert len(merged) == len(direct)
    assert (merged.joint_full == merged.direct).all()
    assert not dyads.duplicated(["ccode1", "ccode2", "year"]).any()
    assert (dyads.ccode1 < dyads.ccode2).all()


def test_full_full_counts_equal_a_direct_computation(dyads: pd.DataFrame) -> None:
    direct = direct_full_counts(state_year_frame())
    assert len(direct) == 75_495  # every pair of the extract's states, every year both exist
    check_full_counts(dyads, direct)


@pytest.fixture(scope="module")
def full_dyads() -> pd.DataFrame:
    return World(full_store()).dyad_years(source="cow", drop_false_dyads=False)


@needs_full_data
def test_full_full_counts_over_the_whole_data(full_dyads: pd.DataFrame) -> None:
    direct = direct_full_counts(state_year_frame(FULL_STATE_YEAR))
    assert len(direct) == 917_695
    check_full_counts(full_dyads, direct)


@needs_full_data
def test_against_peacesciencer_ndy(full_dyads: pd.DataFrame) -> None:
    """peacesciencer's ``dyadigos`` (the official dyadic file) counts an IGO when both states
    are full *or associate* members, not full–full as the codebook says: our ``joint_inside``
    equals it in every dyad-year; ``joint_full`` differs exactly where a state is an associate."""
    ndy = pd.read_csv(NDY)
    merged = full_dyads.merge(ndy, on=["ccode1", "ccode2", "year"], how="outer", indicator=True,
                         validate="one_to_one")
    assert (merged._merge == "both").all()
    assert (merged.joint_inside == merged.dyadigos).all()
    differ = merged[merged.joint_full != merged.dyadigos]
    assert len(differ) == 34_937  # 3.8% of 917,695
    assert (differ.dyadigos > differ.joint_full).all()


def test_false_dyads_are_dropped(world: World, dyads: pd.DataFrame) -> None:
    """Suriname (from 1975-11-25) and the Republic of Vietnam (to 1975-04-30) never coexisted."""
    kept = world.dyad_years(source="cow", start=1975, end=1975)
    pairs = set(zip(kept.ccode1, kept.ccode2))
    assert (115, 817) not in pairs
    assert (115, 816) in pairs
    everything = dyads[dyads.year == 1975]
    dropped = set(zip(everything.ccode1, everything.ccode2)) - pairs
    # states that entered in 1975 after 30 April (the extract has Suriname and Papua New Guinea;
    # the whole data adds Cape Verde, São Tomé, Angola, Mozambique and the Comoros)
    assert dropped == {(115, 817), (817, 910)}


def test_status_aware_counts(world: World) -> None:
    dy = world.dyad_years(["cis", "csto", "eurasec", "eaeu"], 2015, 2015)
    rus_kgz = dy[(dy.ccode1 == 365) & (dy.ccode2 == 703)].iloc[0]
    assert rus_kgz[["joint_full", "joint_inside", "joint_any"]].tolist() == [3, 3, 3]
    rus_ukr = dy[(dy.ccode1 == 365) & (dy.ccode2 == 369)].iloc[0]
    assert rus_ukr[["joint_full", "joint_any"]].tolist() == [1, 1]  # Ukraine: the CIS only (member until 2018)
    rus_uzb = dy[(dy.ccode1 == 365) & (dy.ccode2 == 704)].iloc[0]
    assert rus_uzb.joint_full == 2  # CIS, and CSTO (suspended, still full in COW coding)


def test_bad_rule_and_years(world: World) -> None:
    from blocmap.core.errors import QueryError

    with pytest.raises(QueryError, match="rule: 'june' is not one of"):
        world.state_years(["cis"], rule="june")
    with pytest.raises(QueryError, match="end 1990 is before start 2000"):
        world.state_years(["cis"], 2000, 1990)
    with pytest.raises(QueryError, match="unknown organization 'csot' \\(did you mean .*'csto'"):
        world.state_years(["csot"])
