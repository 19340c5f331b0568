"""Importing a World Bank series: all or nothing, bounded, and only what it says it is.

Each refusal is one line naming the file, line and column (or the file), and leaves the
imported folder exactly as it was, with no temporary file behind."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from blocmap.features import econ
from blocmap.core import files as publish
from blocmap.cli import main
from blocmap.core.errors import BlocmapError, DataError, QueryError

HEADER = "Country Name,Country Code,Year,Value\n"
GOOD = HEADER + "Russia,RUS,2021,1836892075547.43\nKazakhstan,KAZ,2021,197112255360.4\nWorld,WLD,2021,9.7e13\n"
BULK_POP = ('"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-07-01",\n\n'
            '"Country Name","Country Code","Indicator Name","Indicator Code","2020","2021",\n'
            '"Russian Federation","RUS","Population, total","SP.POP.TOTL","144073139","143449286",\n')


@pytest.fixture()
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    monkeypatch.setenv("BLOCMAP_HOME", str(folder))
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of the folder (hidden ones too) and a hash of its bytes."""
    if not folder.exists():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def imported(tmp_path, home):
    """A first, good import: gdp.json (vintage and values) and its readable CSV copy."""
    series, summary, published = econ.import_series(write(tmp_path, "gdp.csv", GOOD), "gdp", "datahub 2026-01")
    assert published == home / "indicators" / "gdp.json"
    assert str(summary) == "datahub (long): 2 values, 2021–2021 (1 values of World Bank aggregates skipped)"
    return home / "indicators", snapshot(home / "indicators")


def test_the_published_json_carries_vintage_and_values(imported):
    folder, files = imported
    assert sorted(files) == ["gdp.csv", "gdp.json"]
    meta = json.loads((folder / "gdp.json").read_text(encoding="utf-8"))
    assert meta["vintage"] == "datahub 2026-01"
    assert meta["values"] == [["KAZ", 2021, 197112255360.4], ["RUS", 2021, 1836892075547.43]]
    series = econ.load_series("gdp")
    assert series.vintage == "datahub 2026-01" and series.value("RUS", 2021) == 1836892075547.43
    assert series.origin == str(folder / "gdp.json")


def test_the_json_alone_is_the_series(imported):
    """A crash after the JSON and before the CSV copy leaves a whole series, vintage included."""
    folder, _ = imported
    (folder / "gdp.csv").unlink()
    series = econ.load_series("gdp")
    assert series.vintage == "datahub 2026-01" and series.value("KAZ", 2021) == 197112255360.4


def test_a_crash_while_publishing_leaves_the_old_series(imported, tmp_path, monkeypatch):
    folder, before = imported
    newer = write(tmp_path, "newer.csv", GOOD.replace("1836892075547.43", "1900000000000"))
    real_replace = os.replace

    def crash(src, dst):
        if str(dst).endswith("gdp.json"):
            raise KeyboardInterrupt  # killed between writing the temporary file and the rename
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        econ.import_series(newer, "gdp", "newer")
    assert snapshot(folder) == before
    assert econ.load_series("gdp").vintage == "datahub 2026-01"


@pytest.mark.parametrize("name, text, indicator, message", [
    ("gdp.csv", HEADER + "Russia,RUS,2021,144.75\n", "gdp",
     "gdp.csv:2: column 'Value' (144.75): GDP in current US$ of a country lies between 1e4 and 1e14; "
     "is this the gdp series?"),
    ("pop.csv", HEADER + "Russia,RUS,2021,143449286\nKazakhstan,KAZ,2021,19000000\n", "gdp",
     "pop.csv: values are 8.71e-05 times the bundled gdp series (median of 2 country-years both have); "
     "is this the gdp series, in its unit?"),
    ("gdp.csv", HEADER + "Russia,RUS,2021,1836892075547\n", "population",
     "gdp.csv:2: column 'Value' (1.83689e+12): the population of a country lies between 1e3 and 2e9; "
     "is this the population series?"),
    ("API_SP.POP.TOTL.csv", BULK_POP, "gdp",
     "API_SP.POP.TOTL.csv:6: column 'Indicator Code' ('SP.POP.TOTL'): this file holds population (SP.POP.TOTL), "
     "not gdp (NY.GDP.MKTP.CD)"),
    ("gdp.csv", HEADER + "Russia,RUS,2021,1836892075547\nAtlantis,ATL,2021,5000000000\n", "gdp",
     "gdp.csv:3: column 'Country Code' ('ATL'): not a country code (ISO 3166 alpha-3, or a World Bank economy)"),
    ("gdp.csv", HEADER + "World,WLD,2021,9.7e13\n", "gdp", "gdp.csv: no values of countries"),
])
def test_an_implausible_series_is_refused_and_nothing_changes(imported, tmp_path, name, text, indicator, message):
    folder, before = imported
    source = write(tmp_path, name, text)
    with pytest.raises(DataError) as info:
        econ.import_series(source, indicator)
    assert str(info.value) == message
    assert snapshot(folder) == before
    result = CliRunner().invoke(main, ["indicators", "import", str(source), "--indicator", indicator])
    assert result.exit_code == 1 and result.output.strip().splitlines() == [f"blocmap: {message}"], result.output
    assert snapshot(folder) == before


def test_a_real_bulk_population_file_imports(tmp_path, home):
    series, summary, _ = econ.import_series(write(tmp_path, "API_SP.POP.TOTL.csv", BULK_POP))
    assert series.indicator == "population" and series.vintage == "WDI, Last Updated Date 2025-07-01"
    assert str(summary) == "World Bank bulk CSV: 2 values, 2020–2021"


def test_a_gzip_bomb_is_refused_after_the_limit(imported, tmp_path):
    folder, before = imported
    bomb = tmp_path / "gdp.csv.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        handle.write(HEADER.encode())
        chunk = b"0" * (1 << 20)
        for _ in range(econ.MAX_DOWNLOAD_BYTES // len(chunk) + 2):
            handle.write(chunk)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(DataError) as info:
        econ.import_series(bomb, "gdp")
    assert str(info.value) == (f"{bomb}: more than 64 MB once decompressed; a World Bank series is far smaller "
                               "(refused)")
    assert snapshot(folder) == before


def test_a_broken_gzip_is_one_line(imported, tmp_path):
    folder, before = imported
    cut = tmp_path / "gdp.csv.gz"
    cut.write_bytes(gzip.compress(GOOD.encode())[:-12])
    with pytest.raises(DataError, match=r"gdp.csv.gz: not a valid gzip file \(cut short\)"):
        econ.import_series(cut, "gdp")
    assert snapshot(folder) == before


def test_a_fifo_is_refused_without_blocking(imported, tmp_path):
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("blocked on a FIFO"))
    signal.alarm(10)
    try:
        with pytest.raises(DataError, match="fifo.csv: a FIFO \\(named pipe\\), not a regular file: refused"):
            econ.import_series(fifo, "gdp")
    finally:
        signal.alarm(0)


def test_a_missing_file_names_the_parameter(home, tmp_path):
    with pytest.raises(QueryError) as info:
        econ.import_series(tmp_path / "nope.csv", "gdp")
    assert str(info.value) == f"{tmp_path / 'nope.csv'}: no such file" and info.value.parameter == "file"


def test_temporary_files_of_a_killed_import_are_removed(imported, tmp_path):
    folder, _ = imported
    dead = 2 ** 22 + 12345  # above the usual pid_max: no such process
    leftovers = [folder / f".gdp.json.{dead}.k1ll3d.tmp", folder / f".gdp.csv.{dead}.k1ll3d.tmp"]
    legacy = folder / ".gdp.csv.a8x2k1"  # blocmap 0.1's CLI, killed an hour ago
    for path in (*leftovers, legacy):
        path.write_text("half written")
    os.utime(legacy, (0, 0))
    running = folder / f".gdp.json.{os.getpid()}.live01.tmp"  # an import still running: kept
    running.write_text("being written")
    econ.import_series(write(tmp_path, "gdp.csv", GOOD), "gdp", "again")
    assert sorted(p.name for p in folder.iterdir()) == sorted(["gdp.csv", "gdp.json", running.name])


def test_an_import_of_blocmap_0_1_still_reads(home):
    """CSV values with a JSON of metadata only (two files, as 0.1 wrote them)."""
    folder = home / "indicators"
    folder.mkdir(parents=True)
    (folder / "gdp.csv").write_text(HEADER + ",RUS,2021,1836892075547.43\n", encoding="utf-8")
    (folder / "gdp.json").write_text(json.dumps({"vintage": "old", "code": "NY.GDP.MKTP.CD"}), encoding="utf-8")
    series = econ.load_series("gdp")
    assert series.vintage == "old" and series.value("RUS", 2021) == 1836892075547.43


def test_a_forged_values_list_is_one_line(home):
    folder = home / "indicators"
    folder.mkdir(parents=True)
    (folder / "gdp.json").write_text(json.dumps({"vintage": "x", "values": [["RUS", 2021, "1e12"]]}),
                                     encoding="utf-8")
    with pytest.raises(DataError) as info:
        econ.load_series("gdp")
    assert str(info.value) == f"{folder / 'gdp.json'}: 'values' holds ['RUS', 2021, '1e12'], not [code, year, value]"


def test_the_full_world_bank_files_import(tmp_path, monkeypatch):
    """The whole World Bank files (the bundled copies, unchanged) import; one as the other does not."""
    import gzip

    monkeypatch.setenv("BLOCMAP_HOME", str(tmp_path / "home"))
    files = {}
    for name in ("gdp", "population"):
        files[name] = tmp_path / f"{name}.csv"
        files[name].write_bytes(gzip.decompress((econ.BUNDLED_DIR / f"{name}.csv.gz").read_bytes()))
        series, summary, _ = econ.import_series(files[name], name, "datahub")
        assert "values of World Bank aggregates skipped" in str(summary) and series.value("RUS", 2020) > 1e8
    with pytest.raises(BlocmapError, match="is this the gdp series"):
        econ.import_series(files["population"], "gdp")


def test_publish_never_leaves_a_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "x.json"
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(OSError):
        publish.write_atomic(target, b"{}")
    assert list(tmp_path.iterdir()) == []
