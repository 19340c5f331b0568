"""Asymmetry on the bundled World Bank data, HHI by hand, missing values, WDI import and its errors."""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from blocmap.features import econ
from blocmap.cli import main
from blocmap.features.econ import Series

@pytest.fixture(autouse=True)
def _no_user_data(tmp_path_factory, monkeypatch):
    """Results come from the bundled series, whatever the developer has imported."""
    monkeypatch.setenv("BLOCMAP_HOME", str(tmp_path_factory.mktemp("home")))



def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_cis_2021_reproduces_the_paper(atlas):
    result = econ.asymmetry(atlas, "cis", 2021)
    assert result["leader"] == "RUS" and result["runner_up"] == "KAZ"
    assert result["leader_to_runner_up"] == pytest.approx(9.352, abs=0.005)
    assert result["rest_to_leader"] == pytest.approx(0.264, abs=0.005)
    assert result["complete"] and result["counted"] == 10
    assert {m["state"] for m in result["members"]} == {"ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK",
                                                       "TKM", "UZB"}
    assert result["on"] == "2021-12-31"
    assert "2024-10-21" in result["vintage"] and result["source"] == "wdi-gdp"
    quote = result["quoted"]
    assert quote["values"]["RUS"] == 1775799920000 and quote["leader_to_runner_up"] == 9.3
    assert quote["others_sum"] / quote["values"]["RUS"] == pytest.approx(0.266, abs=0.001)


def test_bundled_copy_is_the_public_file():
    """The bundled series are the World Bank files unchanged (their recorded sha256)."""
    import hashlib

    recorded = {"gdp": "f0a8408195646dbb1a9d7fc4424e2d302ee5380d0ec8834793f12ca25cbd7e2c",
                "population": "7d2dd6a17f5ed7916de1f89a9c116791e64d207f2e2f6ce47c57e1ab46f0088a"}
    for name, digest in recorded.items():
        text = gzip.decompress((econ.BUNDLED_DIR / f"{name}.csv.gz").read_bytes())
        assert hashlib.sha256(text).hexdigest() == digest, name
    series = econ.load_series("gdp", "bundled")
    assert series.value("RUS", 2021) / 1e6 == pytest.approx(1843392.29, abs=0.01)
    assert series.value("KAZ", 2021) / 1e6 == pytest.approx(197112.26, abs=0.01)


def test_hhi_by_hand():
    assert econ.hhi([60, 30, 10]) == pytest.approx(4600)
    assert econ.hhi([1, 1, 1, 1]) == pytest.approx(2500)


def test_asymmetry_on_a_small_fixture(atlas):
    series = Series("gdp", "NY.GDP.MKTP.CD", "current US$", "fixture", None, "test", "fixture",
                    {("RUS", 2020): 80.0, ("BLR", 2020): 20.0})
    result = econ.asymmetry(atlas, "union_state", 2020, series=series)
    assert (result["leader"], result["runner_up"]) == ("RUS", "BLR")
    assert result["leader_to_runner_up"] == pytest.approx(4.0)
    assert result["rest_to_leader"] == pytest.approx(0.25)
    assert result["hhi"] == pytest.approx(80 ** 2 + 20 ** 2)
    assert result["vintage"] == "fixture"


def test_missing_value_is_reported_not_dropped(atlas):
    result = econ.asymmetry(atlas, "cis", 1991)  # Belarus has no WDI GDP for 1991
    assert result["missing"] == ["BLR"] and result["complete"] is False
    assert len(result["members"]) == result["counted"] + 1
    text = run("asymmetry", "cis", "--year", "1991").output
    assert "WARNING: no value for BLR in 1991" in text


def test_json_is_the_library_object(atlas):
    printed = json.loads(run("asymmetry", "cis", "--year", "2021", "--format", "json").output)
    assert printed == json.loads(json.dumps(econ.asymmetry(atlas, "cis", 2021)))


def test_over_time_and_chart(atlas, tmp_path):
    results = econ.asymmetry_over_time(atlas, "eaeu", 2014, 2023)
    assert [r["year"] for r in results] == list(range(2015, 2024))  # the EAEU exists from 2015
    assert all(r["leader"] == "RUS" for r in results)
    chart = tmp_path / "share.png"
    result = run("asymmetry", "eaeu", "--from", "2015", "--to", "2023", "--chart", str(chart))
    assert result.exit_code == 0 and chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


BULK = ('"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-07-01",\n\n'
        '"Country Name","Country Code","Indicator Name","Indicator Code","2020","2021","2022",\n'
        '"Russian Federation","RUS","GDP (current US$)","NY.GDP.MKTP.CD","1500000000000","1800000000000",'
        '"2200000000000",\n'
        '"Kazakhstan","KAZ","GDP (current US$)","NY.GDP.MKTP.CD","170000000000","190000000000","",\n')


def test_import_bulk_csv_into_the_user_folder(tmp_path, atlas):
    source = tmp_path / "API_NY.GDP.MKTP.CD.csv"
    source.write_text(BULK, encoding="utf-8")
    home = tmp_path / "home"
    result = run("indicators", "import", str(source), env={"BLOCMAP_HOME": str(home)})
    assert result.exit_code == 0, result.output
    meta = json.loads((home / "indicators" / "gdp.json").read_text(encoding="utf-8"))
    assert meta["vintage"] == "WDI, Last Updated Date 2025-07-01"
    shown = run("asymmetry", "union_state", "--year", "2021", "--format", "json", env={"BLOCMAP_HOME": str(home)})
    data = json.loads(shown.output)
    assert data["vintage"] == "WDI, Last Updated Date 2025-07-01" and data["missing"] == ["BLR"]
    bundled = run("asymmetry", "union_state", "--year", "2021", "--indicators", "bundled", "--format", "json",
                  env={"BLOCMAP_HOME": str(home)})
    assert json.loads(bundled.output)["data"] == "bundled"


def test_import_datahub_layout(tmp_path):
    source = tmp_path / "gdp.csv"
    source.write_text("Country Name,Country Code,Year,Value\nRussia,RUS,2021,1800000000000\n", encoding="utf-8")
    home = tmp_path / "home"
    result = run("indicators", "import", str(source), "--indicator", "gdp", "--vintage", "datahub 2026-01",
                 env={"BLOCMAP_HOME": str(home)})
    assert result.exit_code == 0
    assert (home / "indicators" / "gdp.csv").exists()


@pytest.mark.parametrize("text, expected", [
    ("Country Name,Country Code,Year,Value\nRussia,RUS,2021,abc\n", "gdp.csv:2: column 'Value' ('abc')"),
    ("Country Name,Country Code,Year,Value\nRussia,RUS,20x1,5\n", "gdp.csv:2: column 'Year' ('20x1')"),
    ("Country Name,Country Code,Year,Value\nRussia,RUS,2021,5\nKaz,KAZAKH,2021,5\n",
     "gdp.csv:3: column 'Country Code' ('KAZAKH')"),
    ("Country,Code,Year,Value\n", "gdp.csv:1: header must be"),
    (BULK.replace('"170000000000"', '"1x0"').replace("\n\n", "\n\n", 1), "gdp.csv:7: column '2020' ('1x0')"),
])
def test_malformed_csv_names_row_and_column(tmp_path, text, expected):
    source = tmp_path / "gdp.csv"
    source.write_text(text, encoding="utf-8")
    home = tmp_path / "home"
    result = run("indicators", "import", str(source), "--indicator", "gdp", env={"BLOCMAP_HOME": str(home)})
    assert result.exit_code == 1 and expected in result.output, result.output
    assert "Traceback" not in result.output
    assert not (home / "indicators" / "gdp.csv").exists()


@pytest.mark.parametrize("args, expected", [
    (["asymmetry", "csot", "--year", "2021"], "unknown organization 'csot'"),
    (["asymmetry", "cis", "--year", "20x1"], "year: '20x1' is not a year"),
    (["asymmetry", "cis"], "give --year"),
    (["asymmetry", "eaeu", "--year", "2010"], "no members"),
    (["asymmetry", "cis", "--year", "2021", "--on", "2020-01-01"], "not in 2021"),
    (["indicators", "import", "/nonexistent/gdp.csv"], "no such file"),
])
def test_bad_input_is_one_line(args, expected):
    result = run(*args)
    assert result.exit_code == 1 and expected in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_imported_file_is_an_error(tmp_path):
    (tmp_path / "indicators").mkdir()
    (tmp_path / "indicators" / "gdp.csv").write_text("Country Name,Country Code,Year,Value\n", encoding="utf-8")
    result = run("asymmetry", "cis", "--year", "2021", env={"BLOCMAP_HOME": str(tmp_path)})
    assert result.exit_code == 1 and "gdp.json" in result.output


def test_unwritable_output(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run("asymmetry", "cis", "--year", "2021", "-o", str(locked / "a.txt"))
        import os
        if os.geteuid() == 0:  # root writes anyway; the folder test below still holds
            assert result.exit_code == 0
        else:
            assert result.exit_code == 1 and "cannot write" in result.output
    finally:
        locked.chmod(0o700)
    result = run("asymmetry", "cis", "--year", "2021", "-o", str(tmp_path / "none" / "a.txt"))
    assert result.exit_code == 1 and "does not exist" in result.output
    assert not (tmp_path / "none").exists()


def test_paper_member_set_check(atlas):
    from blocmap.features.paper.seed import others_check

    check = others_check(atlas, econ.load_series("gdp", "bundled"))
    inside = check["named"][0]
    assert inside["states"] == ["ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "TJK", "TKM", "UZB"]
    assert inside["relative"] == pytest.approx(0.0296, abs=0.0005)
    assert inside["relative_with_paper_kaz"] == pytest.approx(0.0163, abs=0.0005)
    with_ukraine = check["named"][1]
    assert with_ukraine["relative"] > 0.4  # Ukraine is not among the paper's 'other members'
    assert "+2.96%" in run("asymmetry", "cis", "--year", "2021", "--paper-sets").output
    assert run("asymmetry", "eaeu", "--year", "2021", "--paper-sets").exit_code == 1
