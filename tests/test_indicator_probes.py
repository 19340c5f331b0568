"""Indicator imports cannot be turned against the reader (issue 20, item 4): duplicate values
refused naming the lines, a huge CSV field and a deeply nested or non-UTF-8 JSON each one line,
and a symlinked folder never written through."""

from __future__ import annotations

from click.testing import CliRunner

from blocmap.cli import main

HEADER = "Country Name,Country Code,Year,Value\n"


def run(home, *args: str):
    result = CliRunner().invoke(main, list(args), env={"BLOCMAP_HOME": str(home)})
    return result.exit_code, (result.stdout + result.stderr).strip()


def test_a_value_given_twice_is_refused_naming_both_lines(tmp_path):
    src = tmp_path / "dup.csv"
    src.write_text(HEADER + "Russia,RUS,2020,1483497784867\nBelarus,BLR,2020,60000000000\n"
                   "Russia,RUS,2020,14834977848670\n")
    code, out = run(tmp_path / "home", "indicators", "import", str(src), "--indicator", "gdp", "--vintage", "t")
    assert code == 1 and out == "blocmap: dup.csv:4: RUS 2020 is given twice (first on line 2); a file gives each value once"
    assert not (tmp_path / "home" / "indicators" / "gdp.json").exists()


def test_a_huge_field_is_one_line(tmp_path):
    src = tmp_path / "big.csv"
    src.write_text(HEADER + "Russia,RUS,2020," + "9" * 200_000 + "\n")
    code, out = run(tmp_path / "home", "indicators", "import", str(src), "--indicator", "gdp", "--vintage", "t")
    assert code == 1 and len(out.splitlines()) == 1 and "big.csv:2: not a CSV file blocmap can read" in out
    assert "Traceback" not in out


def test_a_deeply_nested_or_latin1_series_file_is_one_line(tmp_path):
    folder = tmp_path / "home" / "indicators"
    folder.mkdir(parents=True)
    (folder / "gdp.json").write_text("[" * 200_000 + "]" * 200_000)
    code, out = run(tmp_path / "home", "asymmetry", "cis", "--year", "2021")
    assert code == 1 and out.endswith("gdp.json: unreadable: nested too deeply") and "Traceback" not in out
    (folder / "gdp.json").write_bytes('{"vintage": "été"}'.encode("latin-1"))
    code, out = run(tmp_path / "home", "asymmetry", "cis", "--year", "2021")
    assert code == 1 and "unreadable: not UTF-8 text (byte 13)" in out


def test_a_symlinked_folder_is_never_written_through(tmp_path):
    real = tmp_path / "elsewhere"
    real.mkdir()
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "indicators").symlink_to(real)
    src = tmp_path / "ok.csv"
    src.write_text(HEADER + "Russia,RUS,2020,1483497784867\n")
    code, out = run(tmp_path / "home", "indicators", "import", str(src), "--indicator", "gdp", "--vintage", "t")
    assert code == 1 and "are symbolic links; blocmap writes only real files there" in out
    assert list(real.iterdir()) == []
