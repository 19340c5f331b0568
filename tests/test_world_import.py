"""Importing COW files: what lands in the store, idempotence, and bad files rejected with file,
row and column, a non-zero exit, no traceback, and the store left as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_world_support import IGO_YEAR, POST_SOVIET, STATES, store, write_subset

from blocmap.cli import main




def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_import_contents() -> None:
    import duckdb

    from blocmap.core.world.store import SAFE_CONFIG

    con = duckdb.connect(str(store()), read_only=True, config=dict(SAFE_CONFIG))
    count = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    assert count("SELECT count(*) FROM orgs") == 32  # the extract (tests/fixtures/cow)
    assert count("SELECT count(*) FROM system_years") == 4759
    assert count("SELECT count(DISTINCT ccode) FROM system_years") == 60
    # COW's lower-case ids, except curated organizations keep blocmap's id
    assert con.execute("SELECT id, name, start_year FROM orgs WHERE cow_id = 'eaec'").fetchone() == (
        "eurasec", "Eurasian Economic Community", 2000)
    assert con.execute("SELECT id FROM orgs WHERE cow_id = 'wpact'").fetchone() == ("warsaw_pact",)
    assert con.execute("SELECT economic, political FROM orgs WHERE id = 'asean'").fetchone() == (1, 0)
    # Uzbekistan in COW's CSTO: full 2002-2011 as one year-precision spell
    assert con.execute("SELECT status, start, end_day, precision FROM spells "
                       "WHERE org = 'csto' AND ccode = 704").fetchall() == [
        ("member", __import__("datetime").date(2002, 1, 1), __import__("datetime").date(2012, 1, 1), "year")]
    # COW's -1 became existence years: the OAU runs to 2002, when the AU begins
    assert con.execute("SELECT start_year, end_year FROM org_periods WHERE org = 'oau'").fetchall() == [
        (1963, 2002)]
    assert con.execute("SELECT start_year, end_year FROM org_periods WHERE org = 'au'").fetchall() == [
        (2002, 2014)]
    # the COW state list: names, abbreviations, day-precision tenures
    assert con.execute("SELECT abb, name FROM states WHERE ccode = 705").fetchone() == ("KZK", "Kazakhstan")
    assert con.execute("SELECT count(*) FROM state_periods").fetchone()[0] == 243


def test_import_is_idempotent(tmp_path: Path) -> None:
    subset = write_subset(tmp_path / "sy.csv", ["cis", "csto", "eaec", "asean"], range(1990, 2015))
    db = tmp_path / "w.duckdb"
    first = run("import", "cow", str(subset), "--states", str(STATES), "--db", str(db))
    assert first.exit_code == 0, first.output
    import duckdb

    from blocmap.core.world.store import SAFE_CONFIG

    def tables() -> dict:
        con = duckdb.connect(str(db), read_only=True, config=dict(SAFE_CONFIG))
        try:
            return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                    for t in ("meta", "orgs", "org_periods", "states", "state_periods",
                              "system_years", "spells")}
        finally:
            con.close()

    before = tables()
    again = run("import", "cow", str(subset), "--states", str(STATES), "--db", str(db))
    assert again.exit_code == 0
    assert tables() == before
    assert not list(tmp_path.glob(".w.duckdb.*"))  # no temporary file left behind


def test_db_location_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from blocmap.core.world.store import default_db_path

    monkeypatch.delenv("BLOCMAP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "blocmap" / "world.duckdb"
    monkeypatch.setenv("BLOCMAP_DB", str(tmp_path / "elsewhere.duckdb"))
    assert default_db_path() == tmp_path / "elsewhere.duckdb"
    subset = write_subset(tmp_path / "sy.csv", ["cis"], range(2013, 2015), POST_SOVIET)
    assert run("import", "cow", str(subset)).exit_code == 0
    assert (tmp_path / "elsewhere.duckdb").exists()


def test_progress_bar_only_when_asked(tmp_path: Path) -> None:
    subset = write_subset(tmp_path / "sy.csv", ["cis"], range(2000, 2015))
    db = str(tmp_path / "w.duckdb")
    quiet = CliRunner().invoke(main, ["import", "cow", subset.as_posix(), "--db", db])
    assert quiet.exit_code == 0 and "%" not in quiet.stderr  # not a terminal: no bar
    loud = CliRunner().invoke(main, ["import", "cow", subset.as_posix(), "--db", db, "--progress"])
    assert loud.exit_code == 0 and "state-year" in loud.stderr and "100%" in loud.stderr


# -- bad files ------------------------------------------------------------------------------

@pytest.fixture()
def good_store(tmp_path: Path) -> tuple[Path, Path, str]:
    subset = write_subset(tmp_path / "good.csv", ["cis", "csto"], range(2010, 2015), POST_SOVIET)
    db = tmp_path / "w.duckdb"
    assert run("import", "cow", str(subset), "--db", str(db)).exit_code == 0
    return subset, db, digest(db)


def rejected(args: list[str], db: Path, before: str) -> str:
    result = CliRunner().invoke(main, args + ["--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert digest(db) == before, "the store changed"
    return result.stderr.strip()


def test_wrong_header(tmp_path: Path, good_store) -> None:
    subset, db, before = good_store
    bad = tmp_path / "bad.csv"
    bad.write_text(subset.read_text().replace("ccode,year,state", "ccode,yr,state", 1))
    message = rejected(["import", "cow", str(bad)], db, before)
    assert message == f"blocmap: {bad}:1: column 2 'yr': expected 'year' " \
                      "(a COW state-year file starts ccode, year, state)"


def test_code_outside_allowed_values(tmp_path: Path, good_store) -> None:
    subset, db, before = good_store
    lines = subset.read_text().splitlines()
    assert lines[2] == "359,2011,moldova,1,0"
    lines[2] = "359,2011,moldova,1,7"
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    message = rejected(["import", "cow", str(bad)], db, before)
    assert message == (f"blocmap: {bad}:3: column 5 'csto': 7 is not a COW state-year code "
                       "(allowed: -9, -1, 0, 1, 2, 3)")


def test_truncated_file(tmp_path: Path, good_store) -> None:
    subset, db, before = good_store
    text = subset.read_text()
    bad = tmp_path / "bad.csv"
    bad.write_text(text[: text.rindex(",")])  # cut inside the last row
    lines = bad.read_text().splitlines()
    message = rejected(["import", "cow", str(bad)], db, before)
    assert message == (f"blocmap: {bad}:{len(lines)}: row ends after 4 of 5 fields at "
                       "column 5 'csto': the file looks truncated")


def test_truncated_mid_number(tmp_path: Path, good_store) -> None:
    subset, db, before = good_store
    lines = subset.read_text().splitlines()
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines[:-1]) + "\n" + "705,2014,kazakhstan,1,-")
    message = rejected(["import", "cow", str(bad)], db, before)
    assert message == f"blocmap: {bad}:{len(lines)}: column 5 'csto': '-' is not a whole number"


def test_row_with_too_many_fields(tmp_path: Path, good_store) -> None:
    subset, db, before = good_store
    lines = subset.read_text().splitlines()
    lines[3] += ",1"
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    message = rejected(["import", "cow", str(bad)], db, before)
    assert message == f"blocmap: {bad}:4: row has 6 fields, the header has 5"


def test_duplicate_state_year(tmp_path: Path, good_store) -> None:
    subset, db, before = good_store
    lines = subset.read_text().splitlines()
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines + [lines[1]]) + "\n")
    message = rejected(["import", "cow", str(bad)], db, before)
    assert message.endswith(f":{len(lines) + 1}: ccode 359 year 2010 appears twice")


def test_missing_file_and_bad_igo_year(tmp_path: Path, good_store) -> None:
    subset, db, before = good_store
    message = rejected(["import", "cow", str(tmp_path / "nope.csv")], db, before)
    assert message == f"blocmap: {tmp_path / 'nope.csv'}: file not found"
    igo = tmp_path / "igo.csv"
    with open(IGO_YEAR) as src:
        head = [next(src) for _ in range(4)]
    cells = head[2].split(",")
    cells[3] = "5"  # afghanistan in ACPEU 1985
    head[2] = ",".join(cells)
    igo.write_text("".join(head))
    full = write_subset(tmp_path / "sy.csv", ["acpeu"], range(2010, 2011))
    message = rejected(["import", "cow", str(full), "--igo-year", str(igo)], db, before)
    assert message == (f"blocmap: {igo}:3: column 4 'afghanistan': 5 is not a COW IGO-year code "
                       "(allowed: -9, 0, 1, 2, 3 or empty)")


def test_bad_state_list(tmp_path: Path, good_store) -> None:
    subset, db, before = good_store
    lines = STATES.read_text().splitlines()
    lines[2] = lines[2].replace("1920,1,10", "1920,2,30")  # Canada: 30 February
    bad = tmp_path / "states.csv"
    bad.write_text("\n".join(lines))
    message = rejected(["import", "cow", str(subset), "--states", str(bad)], db, before)
    assert message == f"blocmap: {bad}:3: not a date: day is out of range for month"


def test_official_upper_case_headers_are_accepted(tmp_path: Path) -> None:
    """COW's own CSV download spells IGO columns AAAID … Wassen."""
    subset = write_subset(tmp_path / "sy.csv", ["cis", "wassen"], range(2013, 2015), POST_SOVIET)
    text = subset.read_text().replace("cis,wassen", "CIS,Wassen", 1)
    subset.write_text(text)
    result = run("import", "cow", str(subset), "--db", str(tmp_path / "w.duckdb"))
    assert result.exit_code == 0, result.stderr


def test_tab_separated_files_are_accepted(tmp_path: Path) -> None:
    """Public scripts read COW's own IGO downloads as tab-separated."""
    subset = write_subset(tmp_path / "sy.csv", ["cis", "csto"], range(2013, 2015), POST_SOVIET)
    tsv = tmp_path / "sy.tsv"
    tsv.write_text(subset.read_text().replace(",", "\t"))
    db = tmp_path / "w.duckdb"
    assert run("import", "cow", str(tsv), "--db", str(db)).exit_code == 0
    from blocmap.core.world import World

    with World(db, curated=None) as world:
        assert world.state_years(["cis"], 2014, 2014).set_index("ccode").loc[369, "cis"] == 2


def test_without_a_state_list_the_shipped_one_names_the_states(tmp_path: Path) -> None:
    """No --states: COW's list that blocmap ships (v2024) gives names and codes, not the state-year
    file's run-together lower-case names ('cameroon', 'capeverde'); a code that list lacks keeps
    the file's name."""
    subset = write_subset(tmp_path / "sy.csv", ["udeac", "opec"], range(1985, 1990))
    lines = subset.read_text().splitlines()
    assert any(line.startswith("471,1988,cameroon,") for line in lines)
    lines.append("999,1988,atlantis,1,0")  # a code no COW list has
    subset.write_text("\n".join(lines) + "\n")
    db = tmp_path / "w.duckdb"
    assert run("import", "cow", str(subset), "--db", str(db)).exit_code == 0
    import csv
    import io

    out = run("members", "udeac", "--on", "1988-06-01", "--db", str(db), "--format", "csv").output
    rows = sorted((r["state"], r["name"], r["status"]) for r in csv.DictReader(io.StringIO(out)))
    assert rows == [("999", "atlantis", "member"), ("CMR", "Cameroon", "member"), ("GAB", "Gabon", "member")]
    given = tmp_path / "given.duckdb"  # a list given by hand must hold every code of the file
    refused = run("import", "cow", str(subset), "--states", str(STATES), "--db", str(given))
    assert refused.exit_code != 0 and "999" in refused.output and not given.exists()
