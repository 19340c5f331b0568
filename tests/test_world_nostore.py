"""Panels and answers with no COW import (``World.without_store``), curated organizations past
COW's last year beside COW's, the state's ISO code and name in every panel, and the export
commands without a store — on the bundled atlas and the bundled COW extract."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from test_world_support import store

import blocmap
from blocmap.cli import main
from blocmap.core.errors import QueryError
from blocmap.core.world import World
from blocmap.core.world.curated import Curated

LAST_COMPLETE = dt.date.today().year - 1


@pytest.fixture(scope="module")
def withstore(atlas) -> World:
    return World(store(), curated=Curated.from_atlas(atlas))


def no_store(folder: Path) -> dict:
    """An environment with no COW store anywhere: no $BLOCMAP_DB, an empty $XDG_DATA_HOME."""
    return {"BLOCMAP_DB": None, "XDG_DATA_HOME": str(folder / "xdg")}


def cell(frame: pd.DataFrame, ccode: int, year: int, column: str):
    return frame.loc[(frame.ccode == ccode) & (frame.year == year), column].item()


# -- panels without a store ------------------------------------------------------------------

def test_eaeu_and_csto_without_a_store(nostore: World) -> None:
    assert nostore.coverage is None and not nostore.has_store and nostore.cow_orgs == {}
    panel = nostore.state_years(["eaeu", "csto"], 2010, 2024)
    assert list(panel.columns) == ["ccode", "year", "state", "name", "eaeu", "csto"]
    assert panel.attrs["data"] == {"eaeu": "curated", "csto": "curated"}
    assert panel.attrs["cow_coverage"] is None
    assert (panel.attrs["from"], panel.attrs["to"]) == (2010, 2024)
    assert cell(panel, 371, 2015, "eaeu") == 1          # Armenia joined 2015-01-02
    assert cell(panel, 703, 2015, "eaeu") == 1          # Kyrgyzstan 2015-08-12: year-end
    assert cell(panel, 372, 2015, "eaeu") == 0          # Georgia: never
    assert set(panel.loc[panel.year < 2015, "eaeu"]) == {-1}   # the EAEU did not exist yet
    assert cell(panel, 704, 2012, "csto") == 1          # suspended from 2012-12-19: codes 1
    status = nostore.state_years(["eaeu", "csto"], 2012, 2016, coding="status")
    assert cell(status, 704, 2012, "csto") == "suspended"
    assert cell(status, 371, 2014, "eaeu") == "n/a"
    assert cell(status, 369, 2015, "eaeu") == "none"
    majority = nostore.state_years(["eaeu"], 2015, 2015, rule="majority")
    assert cell(majority, 703, 2015, "eaeu") == 0       # fewer than half the days
    # no cell is -9 or "unknown": the curated data cover every year asked
    assert not (panel[["eaeu", "csto"]] == -9).any().any()


def test_the_universe_comes_from_the_atlas_states(nostore: World, atlas) -> None:
    panel = nostore.state_years(["warsaw_pact", "nato"], 1985, 1995)
    rows = set(zip(panel.ccode, panel.year))
    assert not panel.duplicated(["ccode", "year"]).any()
    # Germany: 260 (West Germany) to 1990-10-02, 255 from 1990-10-03, the GDR (265) to 1990-10-02
    assert {(260, 1990), (255, 1990), (265, 1990)} <= rows
    assert (260, 1991) not in rows and (265, 1991) not in rows and (255, 1989) not in rows
    # 365 is the Soviet Union to 1991-12-26 and Russia from 1991-12-27: one row a year, named by
    # whoever held the code on the year's last day
    assert panel[(panel.ccode == 365)][["year", "state", "name"]].values.tolist()[5:8] == [
        [1990, "SUN", "Soviet Union"], [1991, "RUS", "Russia"], [1992, "RUS", "Russia"]]
    assert (371, 1990) not in rows and (371, 1991) in rows   # Armenia from 1991-09-23
    assert cell(panel, 365, 1990, "warsaw_pact") == 1 and cell(panel, 365, 1992, "warsaw_pact") == -1
    # every state of the atlas with a COW code that existed in 1995, once, and the rest of the
    # COW state system (the shipped list v2024): 187 states in 1995, Japan and Brazil among them
    existing = {s.iso3 for s in atlas.states.values()
                if s.cow and s.exists_on(dt.date(1995, 6, 30))}
    assert existing <= set(panel.loc[panel.year == 1995, "state"])
    assert (panel.year == 1995).sum() == 187
    assert cell(panel, 740, 1995, "nato") == 0 and cell(panel, 140, 1995, "warsaw_pact") == -1
    assert cell(panel, 740, 1995, "name") == "Japan" and cell(panel, 140, 1995, "state") == "BRA"


def test_default_years_without_a_store(nostore: World) -> None:
    panel = nostore.state_years(["eaeu"])
    assert (panel.attrs["from"], panel.attrs["to"]) == (1816, LAST_COMPLETE)
    assert panel.year.max() == LAST_COMPLETE and panel.year.min() == 1816
    assert nostore.default_orgs() == sorted(nostore.curated.org_ids)
    with pytest.raises(QueryError, match=f"end {LAST_COMPLETE + 2} is after the current year"):
        nostore.state_years(["eaeu"], 2020, LAST_COMPLETE + 2)
    with pytest.raises(QueryError, match="COW's coding needs an imported COW store"):
        nostore.state_years(["cis"], source="cow")
    with pytest.raises(QueryError, match="unknown organization 'asean'.*need an imported store"):
        nostore.state_years(["asean"])


def test_dyad_and_org_years_without_a_store(nostore: World) -> None:
    dy = nostore.dyad_years(["eaeu", "csto", "cis"], 2015, 2015)
    assert list(dy.columns) == ["ccode1", "ccode2", "state1", "state2", "year", "joint_full",
                                "joint_inside", "joint_any", "full_associate", "full_observer",
                                "unknown"]
    rus_kgz = dy[(dy.ccode1 == 365) & (dy.ccode2 == 703)].iloc[0]
    assert (rus_kgz.state1, rus_kgz.state2) == ("RUS", "KGZ")
    assert rus_kgz[["joint_full", "joint_inside", "joint_any"]].tolist() == [3, 3, 3]
    assert (dy.ccode1 < dy.ccode2).all() and not dy.duplicated(["ccode1", "ccode2"]).any()
    org = nostore.org_years(["eaeu"], 2014, 2016)
    assert list(org.columns) == ["org", "name", "year", "data", "known", "member", "suspended",
                                 "frozen", "associate", "observer", "participant", "candidate",
                                 "ceased", "unknown", "inside"]
    assert org.set_index("year").loc[2015, ["name", "member", "data"]].tolist() == [
        "Eurasian Economic Union", 5, "curated"]
    assert 2014 not in set(org.year)  # not in existence


# -- with a store: curated organizations past 2014 ---------------------------------------------

def test_curated_orgs_run_past_cow_beside_cow_orgs(withstore: World) -> None:
    panel = withstore.state_years(["eaeu", "csto", "asean"], 2013, 2020)
    assert list(panel.columns) == ["ccode", "year", "state", "name", "eaeu", "csto", "asean"]
    later = panel[panel.year > 2014]
    assert set(later.year) == set(range(2015, 2021))
    assert cell(panel, 371, 2016, "eaeu") == 1 and cell(panel, 704, 2020, "csto") == 1
    assert set(later.eaeu) == {0, 1, 3} and set(later.csto) == {0, 1}   # answered, not -9
    assert set(later.loc[later.eaeu == 3, "state"]) == {"MDA", "UZB", "CUB"}  # observers
    assert set(later.asean) == {-9}                                   # COW-only: missing
    assert cell(panel, 850, 2014, "asean") == 1
    status = withstore.state_years(["eaeu", "asean"], 2014, 2016, coding="status")
    assert set(status.loc[status.year > 2014, "asean"]) == {"unknown"}
    assert cell(status, 371, 2015, "eaeu") == "member"


def test_default_end_with_a_store(withstore: World) -> None:
    mixed = withstore.state_years(["eaeu", "asean"], 2010)
    assert mixed.attrs["to"] == LAST_COMPLETE and mixed.year.max() == LAST_COMPLETE
    assert cell(mixed, 371, LAST_COMPLETE, "eaeu") == 1
    assert cell(mixed, 850, LAST_COMPLETE, "asean") == -9
    assert mixed.attrs["cow_coverage"] == [1816, 2014]
    assert withstore.state_years(["asean"], 2010).attrs["to"] == 2014        # COW's alone
    assert withstore.state_years(["csto"], 2010, source="cow").attrs["to"] == 2014
    org = withstore.org_years(["eaeu", "asean"], 2014).set_index(["org", "year"])
    assert org.loc[("asean", LAST_COMPLETE), "member"] == -9
    assert org.loc[("eaeu", LAST_COMPLETE), "member"] >= 5
    assert org.loc[("asean", 2014), "name"] == "Association of Southeast Asian Nations"
    assert org.loc[("eaeu", 2015), "name"] == "Eurasian Economic Union"


def test_iso_codes_and_names_with_a_store(withstore: World) -> None:
    panel = withstore.state_years(["asean", "cis"], 1960, 2014)
    labels = panel.set_index(["ccode", "year"])[["state", "name"]]
    assert labels.loc[(850, 2000)].tolist() == ["IDN", "Indonesia"]        # Natural Earth, COW's name
    assert labels.loc[(705, 2000)].tolist() == ["KAZ", "Kazakhstan"]       # the atlas's
    assert labels.loc[(365, 1980)].tolist() == ["SUN", "Soviet Union"]
    assert labels.loc[(365, 2000)].tolist() == ["RUS", "Russia"]
    assert labels.loc[(260, 1980)].tolist() == ["DEU", "West Germany"]   # the name of that year
    assert labels.loc[(817, 1970)].tolist() == [None, "Republic of Vietnam"]   # no code of its own
    dy = withstore.dyad_years(["asean"], 1970, 1970)
    by_code = dict(zip(panel.loc[panel.year == 1970, "ccode"], panel.loc[panel.year == 1970, "state"]))
    assert [by_code[c] for c in dy.ccode1] == dy.state1.tolist()
    assert [by_code[c] for c in dy.ccode2] == dy.state2.tolist()


# -- answers: the same as the atlas's -------------------------------------------------------------

def _key(m) -> tuple:
    return (m.org, m.state, m.status, str(m.since), str(m.until) if m.until else None, m.certain,
            tuple(m.sources))


def _days(atlas, events) -> list[dt.date]:
    days = {dt.date(y, m, 1) for y in range(1949, dt.date.today().year + 1) for m in (1, 7)}
    for e in events:
        for d in (e.date.earliest, e.date.latest):
            days.update({d - dt.timedelta(days=1), d, d + dt.timedelta(days=1)})
    return sorted(days)


@pytest.mark.parametrize("which", ["nostore", "withstore"])
def test_members_and_memberships_equal_the_atlas(atlas, which: str, request) -> None:
    world: World = request.getfixturevalue(which)
    # the world is keyed by COW codes: a state COW does not list (the Holy See) has no place in it
    coded = {iso3 for iso3, s in atlas.states.items() if s.cow}
    for org in atlas.orgs:
        for day in _days(atlas, atlas.history(org=org)):
            expected = sorted(_key(m) for m in atlas.members(org, on=day) if m.state in coded)
            assert sorted(_key(m) for m in world.members(org, on=day)) == expected, (org, day)
    curated = set(atlas.orgs)
    for iso3 in sorted(coded):
        for day in _days(atlas, atlas.history(state=iso3))[::3]:
            expected = sorted(_key(m) for m in atlas.memberships(iso3, on=day))
            got = sorted(_key(m) for m in world.memberships(iso3, on=day) if m.org in curated)
            assert got == expected, (iso3, day)


# -- the export commands -------------------------------------------------------------------------

def test_export_without_any_import(tmp_path: Path) -> None:
    out = tmp_path / "sy.csv"
    env = no_store(tmp_path)
    result = CliRunner().invoke(main, ["export", "state-year", "--orgs", "eaeu,csto", "--from", "2010",
                                       "--to", "2024", "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, keep_default_na=False)
    assert list(frame.columns) == ["ccode", "year", "state", "name", "eaeu", "csto"]
    arm = frame[frame.state == "ARM"].set_index("year")
    assert arm.eaeu.to_dict() == {y: (-1 if y < 2015 else 1) for y in range(2010, 2025)}
    assert arm.name.unique().tolist() == ["Armenia"] and arm.ccode.unique().tolist() == [371]
    assert frame[(frame.year == 2015) & (frame.eaeu == 1)].state.tolist() == [
        "RUS", "BLR", "ARM", "KGZ", "KAZ"]                    # by COW code
    others = frame[(frame.year >= 2015) & ~frame.state.isin(["RUS", "BLR", "ARM", "KGZ", "KAZ"])]
    observers = others[others.eaeu == 3].groupby("state").year.min().to_dict()
    assert observers == {"MDA": 2018, "UZB": 2020, "CUB": 2020, "IRN": 2024}
    assert set(others.eaeu) == {0, 3}
    assert "curated data for csto, eaeu" in result.stderr and "(no COW store)" in result.stderr
    org = CliRunner().invoke(main, ["export", "org-year", "--orgs", "eaeu", "--from", "2015", "--to", "2016",
                                    "--format", "json"], env=env)
    assert org.exit_code == 0, org.output
    payload = json.loads(org.stdout)
    assert payload["meta"]["cow_coverage"] is None
    assert [(r["org"], r["name"], r["year"], r["member"]) for r in payload["rows"]] == [
        ("eaeu", "Eurasian Economic Union", 2015, 5), ("eaeu", "Eurasian Economic Union", 2016, 5)]


def test_export_names_a_missing_store(tmp_path: Path) -> None:
    missing = tmp_path / "nope.duckdb"
    result = CliRunner().invoke(main, ["export", "state-year", "--orgs", "eaeu,asean", "--db", str(missing)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"blocmap: error: no world store at {missing} (--db): run 'blocmap import cow "
        f"STATE_YEAR_CSV --db {missing}' first"]
    assert "unknown organization" not in result.output


def test_export_with_a_store_adds_cow_orgs(tmp_path: Path) -> None:
    for args, env in ((["--db", str(store())], {}), ([], {"BLOCMAP_DB": str(store())})):
        result = CliRunner().invoke(main, ["export", "state-year", "--orgs", "eaeu,asean", "--from", "2014",
                                           "--to", "2016", *args], env=env)
        assert result.exit_code == 0, result.output
        frame = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
        assert list(frame.columns) == ["ccode", "year", "state", "name", "eaeu", "asean"]
        idn = frame[frame.ccode == 850].set_index("year")
        assert idn.asean.to_dict() == {2014: 1, 2015: -9, 2016: -9}
        assert idn.eaeu.to_dict() == {2014: -1, 2015: 0, 2016: 0}
        assert f"COW store {store()}" in result.stderr


def test_what_needs_a_store_says_so(nostore: World) -> None:
    from blocmap.features.audit import audit_cow

    with pytest.raises(QueryError, match="needs an imported COW store; run `blocmap import cow"):
        audit_cow(nostore)
    with pytest.raises(QueryError, match="999 is not a COW state code in the atlas's states list"):
        nostore.memberships(999, on="2010-01-01")
    # Indonesia is a state of the system (the shipped COW list) with no curated membership in 2010
    assert nostore.memberships(850, on="2010-01-01") == []
    assert nostore.state("Kazakhstan") == nostore.state("KZK") == nostore.state("KAZ") == 705
    assert nostore.state_name(365) == "Russia"


def test_open_uses_the_default_store_only_when_it_exists(nostore: World, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from blocmap.core.errors import BlocmapError

    monkeypatch.delenv("BLOCMAP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # no default store there
    alone = World.open(None, nostore.curated)
    assert not alone.has_store and alone.coverage is None and alone.db is None
    monkeypatch.setenv("BLOCMAP_DB", str(store()))
    with World.open(None, nostore.curated) as joined:
        assert joined.has_store and joined.coverage == (1816, 2014) and "asean" in joined.cow_orgs
    with pytest.raises(BlocmapError, match="no world store at .*none.duckdb \\(--db\\): run 'blocmap import cow"):
        World.open(tmp_path / "none.duckdb", nostore.curated)
    with pytest.raises(BlocmapError, match="no world store at .*none.duckdb \\(--db\\): run 'blocmap import cow"):
        World(tmp_path / "none.duckdb", nostore.curated)


def test_the_documented_export_without_an_import_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/world.md's first example, run as written, with no store anywhere."""
    import shlex

    doc = (Path(__file__).resolve().parents[1] / "docs" / "world.md").read_text(encoding="utf-8")
    line = next(x for x in doc.splitlines() if x.endswith("# no import needed"))
    args = shlex.split(line.partition("#")[0])
    assert args[:3] == ["blocmap", "export", "state-year"]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args[1:], env=no_store(tmp_path))
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(tmp_path / "sy.csv", keep_default_na=False)
    assert list(frame.columns) == ["ccode", "year", "state", "name", "eaeu", "csto"]
    assert cell(frame, 703, 2015, "eaeu") == 1 and cell(frame, 703, 2014, "eaeu") == -1
    # the columns docs/world.md lists are the columns the panels have
    assert "`ccode`, `year`, `state`, `name`, one column per organization" in doc
    assert "`ccode1`, `ccode2`, `state1`, `state2`" in doc
    assert "`org`, `name` (the atlas's English name" in doc


def test_export_reads_the_data_folder_it_is_given(data_copy: Path, tmp_path: Path) -> None:
    """The curated side comes from the atlas the command serves (``--data``), not a global."""
    eaeu = data_copy / "orgs" / "eaeu.yaml"
    text = eaeu.read_text(encoding="utf-8")
    assert text.count('date: "2024-12-26"') == 1  # Iran's observer status
    eaeu.write_text(text.replace('date: "2024-12-26"', 'date: "2025-02-01"'), encoding="utf-8")
    env = no_store(tmp_path)
    runs = {}
    for name, extra in (("bundled", []), ("copy", ["--data", str(data_copy)])):
        result = CliRunner().invoke(main, ["export", "state-year", "--orgs", "eaeu", "--from", "2024",
                                           "--to", "2025", *extra], env=env)
        assert result.exit_code == 0, result.output
        frame = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
        runs[name] = frame[frame.state == "IRN"].set_index("year").eaeu.to_dict()
    assert runs == {"bundled": {2024: 3, 2025: 3}, "copy": {2024: 0, 2025: 3}}


def test_a_made_up_spell_table_without_a_store() -> None:
    """Without a store the panels still need only a generic spell table (``Curated.from_rows``)."""
    from blocmap.core.dates import PartialDate
    from blocmap.core.world.spells import SpellRow

    day = lambda text: PartialDate(*map(int, text.split("-")))  # noqa: E731
    rows = [SpellRow("bloc", "ARM", 371, "member", day("2011-07-01"), day("2013-03-01"), ("a",), "curated"),
            SpellRow("bloc", "KAZ", 705, "frozen", day("2012"), None, ("c",), "curated")]
    world = World.without_store(Curated.from_rows(rows, {"bloc": (day("2011-01-01"), None)}))
    panel = world.state_years(["bloc"], 2010, 2014)
    assert list(panel.columns) == ["ccode", "year", "state", "name", "bloc"]
    assert panel[panel.ccode == 371].set_index("year")["bloc"].to_dict() == {
        2010: -1, 2011: 1, 2012: 1, 2013: 0, 2014: 0}
    assert panel[panel.ccode == 705].set_index("year")["bloc"].to_dict() == {
        2010: -1, 2011: 0, 2012: 1, 2013: 1, 2014: 1}
    assert [(m.state, m.status) for m in world.members("bloc", on="2012-06-01")] == [
        ("ARM", "member"), ("KAZ", "frozen")]


def test_every_iso_code_the_answers_use_is_accepted(withstore: World) -> None:
    """`memberships IDN --world`: a state the answers label with an ISO code is found by it."""
    from blocmap.core.world.world import ISO_CLASHES

    # an ISO code that is another state's COW abbreviation (AUS: Austria in COW) asks for the name
    # an ISO code that is COW's abbreviation of another state keeps COW's meaning (KOR: Korea before 1910)
    other = {abb for code, (abb, _) in withstore._states.items() if abb and withstore.iso3(code) != abb}
    codes = {withstore.iso3(c) for c in withstore._states} - {None} - set(ISO_CLASHES) - other
    assert {"IDN", "THA", "VNM"} <= codes and len(codes) > 100
    for iso in sorted(codes):
        assert withstore.iso3(withstore.state(iso)) == iso, iso
    names = {m.org for m in withstore.memberships("IDN", on="2010-01-01")}
    assert "asean" in names
