"""As-of questions on the world: ``World.members`` / ``World.memberships`` answered from the
interval index, checked against a brute-force filter of the same spells."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from test_world_support import store

from blocmap.core.errors import BlocmapError, QueryError
from blocmap.core.world import World




@pytest.fixture(scope="module")
def world() -> World:
    return World(store())


@pytest.fixture(scope="module")
def cow_only() -> World:
    return World(store(), curated=None)


def test_members_of_a_cow_organization(world: World) -> None:
    found = world.members("asean", on="2010-01-01")
    full = sorted(m.state_name for m in found if m.status == "member")
    assert full == ["Brunei", "Cambodia", "Indonesia", "Laos", "Malaysia", "Myanmar",
                    "Philippines", "Singapore", "Thailand", "Vietnam"]
    assert {m.data for m in found} == {"cow"}
    observers = {m.state_name: str(m.since) for m in found if m.status == "observer"}
    assert observers == {"East Timor": "2002", "Papua New Guinea": "1976"}
    # a year-precision start is uncertain inside its year, certain after it
    laos = next(m for m in found if m.ccode == 812)
    assert (str(laos.since), laos.certain, laos.until) == ("1997", True, None)
    assert next(m for m in world.members("asean", on="1997-06-01") if m.ccode == 812).certain is False


def test_curated_data_answers_where_blocmap_curates(world: World, cow_only: World) -> None:
    ours = {m.state: m.status for m in world.members("eaec", on="2010-01-01")}  # COW's id
    assert ours["UZB"] == "suspended" and all(m == "eurasec" for m in
                                               {x.org for x in world.members("eaec", on="2010-01-01")})
    assert {m.data for m in world.members("csto", on="2004-01-01")} == {"curated"}
    assert 704 not in {m.ccode for m in world.members("csto", on="2004-01-01")}
    # without the atlas COW's coding answers: Uzbekistan full in the CSTO in 2004
    assert 704 in {m.ccode for m in cow_only.members("csto", on="2004-01-01")}
    assert cow_only.org("eaec") == "eurasec"


def test_memberships_mix_both_sources(world: World) -> None:
    found = {m.org: m for m in world.memberships("KAZ", on="2010-06-01")}
    assert found["csto"].data == "curated" and found["csto"].sources
    assert found["sco"].data == "curated"
    assert found["who"].data == "cow" and found["who"].status == "member"
    assert world.state("Kazakhstan") == world.state("kzk") == world.state(705) == world.state("KAZ") == 705
    # after COW's last year only curated organizations answer
    later = world.memberships("KAZ", on="2020-06-01")
    assert {m.data for m in later} == {"curated"} and "eaeu" in {m.org for m in later}


def test_questions_outside_the_data(world: World) -> None:
    with pytest.raises(QueryError, match="COW IGO data end in 2014; 'asean' is not curated"):
        world.members("asean", on="2016-01-01")
    assert world.members("eaeu", on="2016-01-01")  # curated: fine
    with pytest.raises(QueryError, match="unknown organization 'aseen' \\(did you mean 'asean'"):
        world.members("aseen", on="2010-01-01")
    with pytest.raises(QueryError, match="on: '2010' is a year"):
        world.members("asean", on="2010")
    with pytest.raises(BlocmapError, match="no world store at .*missing.duckdb \\(--db\\): run 'blocmap import cow "):
        World(store().parent / "missing.duckdb")


def test_index_equals_brute_force(cow_only: World) -> None:
    """Random (organization, day) and (state, day) questions against a plain filter."""
    spells = cow_only.spell_table()
    rng = random.Random(5)
    orgs = rng.sample(cow_only.org_ids, min(40, len(cow_only.org_ids)))
    for org in orgs:
        rows = spells[(spells.org == org) & spells.status.ne("unknown")]
        for _ in range(5):
            day = dt.date(rng.randint(1900, 2014), rng.randint(1, 12), rng.randint(1, 28))
            n = day.toordinal()
            expected = sorted(zip(rows[(rows.start <= n) & (rows.end > n)].ccode,
                                  rows[(rows.start <= n) & (rows.end > n)].status))
            got = sorted((m.ccode, m.status) for m in cow_only.members(org, on=day))
            assert got == expected, (org, day)
    for ccode in rng.sample(sorted(set(spells.ccode)), 10):
        rows = spells[(spells.ccode == ccode) & spells.status.ne("unknown")]
        day = dt.date(rng.randint(1950, 2014), 6, 30)
        n = day.toordinal()
        hit = rows[(rows.start <= n) & (rows.end > n)]
        assert sorted(zip(hit.org, hit.status)) == sorted(
            (m.org, m.status) for m in cow_only.memberships(ccode, on=day))


def test_unknown_is_kept_apart_from_none(cow_only: World) -> None:
    """COW's -9 (missing) is not a membership; it is there only when asked for."""
    day = "1950-06-01"
    plain = cow_only.members("who", on=day)
    with_unknown = cow_only.members("who", on=day, include_unknown=True)
    assert all(m.status != "unknown" for m in plain)
    assert len(with_unknown) >= len(plain)


def test_answers_for_imported_organizations() -> None:
    """What ``blocmap members`` asks for an id the atlas does not curate: the store answers."""
    import blocmap
    from blocmap.answers import Answers

    atlas = blocmap.load()
    with pytest.raises(QueryError, match="unknown organization 'asean'"):
        Answers(atlas).members("asean", on="2010-01-01")  # no store: not an organization blocmap knows
    answers = Answers(atlas, store())
    rows = answers.members("asean", on="2010-01-01")
    assert len(rows) == 12 and {r["data"] for r in rows} == {"cow"}
    thai = next(r for r in rows if r["ccode"] == 800)
    assert (thai["name"], thai["status"], thai["since"], thai["org_name"]) == (
        "Thailand", "member", "1967", "Association of Southeast Asian Nations")
    with pytest.raises(QueryError, match="unknown organization 'aseen' \\(did you mean 'asean'"):
        answers.members("aseen", on="2010-01-01")
    # a store named but missing is that, not "no store, so unknown organization" (issue #15)
    missing = store().parent / "none.duckdb"
    with pytest.raises(QueryError) as caught:
        Answers.open(atlas, missing)
    assert caught.value.parameter == "db" and str(caught.value) == (
        f"no world store at {missing} (--db): run 'blocmap import cow STATE_YEAR_CSV --db {missing}' first")
    kaz = answers.memberships("KAZ", "2010-06-01", world=True)
    by_org = {r["org"]: r for r in kaz}
    assert by_org["csto"]["data"] == "curated" and by_org["csto"]["name"] == "Kazakhstan"
    assert by_org["who"]["data"] == "cow"


def test_cow_abbreviations_that_are_other_iso_codes_are_refused(cow_only: World) -> None:
    with pytest.raises(QueryError, match="'AUS' is COW's abbreviation for Austria but the ISO code "
                                         "of Australia"):
        cow_only.memberships("AUS", on="2010-01-01")
    assert cow_only.state("Austria") == 305 and cow_only.state("AUL") == 900


def test_core_members_command_falls_back_to_imported_organizations() -> None:
    """`blocmap members` answers for a COW-only organization from the store, and still for curated ones."""
    import json

    from click.testing import CliRunner

    from blocmap.cli import main

    db = str(store())
    run = lambda *args: CliRunner().invoke(main, list(args))  # noqa: E731
    asean = run("members", "asean", "--on", "2010-01-01", "--db", db, "--format", "json")
    assert asean.exit_code == 0, asean.output
    rows = json.loads(asean.output)
    assert {r["data"] for r in rows} == {"cow"}
    # states outside blocmap's curated list get their ISO code through Natural Earth's names
    assert ("IDN", 850) in {(r["state"], r["ccode"]) for r in rows if r["status"] == "member"}
    typo = run("members", "aseen", "--on", "2010-01-01", "--db", db)
    assert typo.exit_code == 1 and "did you mean" in typo.output and "asean" in typo.output
    curated = json.loads(run("members", "csto", "--on", "2008-06-01", "--db", db, "--format", "json").output)
    assert [r["state"] for r in curated][-1] == "UZB"
    world = json.loads(run("memberships", "KAZ", "--on", "2010-01-01", "--db", db, "--world",
                           "--format", "json").output)
    assert {"cis", "csto", "who", "osce"} <= {r["org"] for r in world} and len(world) > 10
    nostore = run("members", "asean", "--on", "2010-01-01", "--db", "/nonexistent/world.duckdb")
    assert nostore.exit_code == 1 and nostore.output == (
        "blocmap: error: no world store at /nonexistent/world.duckdb (--db): "
        "run 'blocmap import cow STATE_YEAR_CSV --db /nonexistent/world.duckdb' first\n")
