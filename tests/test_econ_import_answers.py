"""Importing and loading a World Bank series with the answers written out: the text of a file (plain,
gzip'd, with a byte-order mark, at its size limit and one byte over), a download read into a series
(every field of it, its one-line summary, its vintage), the two files an import publishes (their exact
text), the imported series read back (with each default), which copy ``load_series`` chooses, and the
checks of a data folder's ``indicators/``; every refusal with its exact one-line message.  The files
are built in ``tmp_path``; fast, since the mutation run of ``features/econ.py`` runs this file once a
mutant."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from pathlib import Path

import pytest

from blocmap.core.errors import BlocmapError, DataError, QueryError
from blocmap.features import econ

HEADER = "Country Name,Country Code,Year,Value\n"
def today() -> str:
    """Today, asked when a test runs (a module constant fails a run that crosses midnight)."""
    return dt.date.today().isoformat()
LICENCE = "CC BY 4.0 (World Bank, World Development Indicators); the datahub package declares ODC-PDDL-1.0"
# GDP in current US$ of the shape WDI gives (Russia 2020 and 2021, Armenia 2021)
LONG = HEADER + "Russia,RUS,2020,1488000000000\nRussia,RUS,2021,1836892075547.43\nArmenia,ARM,2021,13879000000\n"
BULK_PREAMBLE = '"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-07-01",\n\n'
BULK_HEADER = '"Country Name","Country Code","Indicator Name","Indicator Code","2020","2021",\n'
BULK = (BULK_PREAMBLE + BULK_HEADER
        + '"Russian Federation","RUS","Population, total","SP.POP.TOTL","144073139","143449286",\n'
        + '"World","WLD","Population, total","SP.POP.TOTL","7800000000","7900000000",\n')


def refused(call, *args, kind=DataError, **kwargs) -> str:
    with pytest.raises(kind) as caught:
        call(*args, **kwargs)
    assert "\n" not in str(caught.value)
    if kind is DataError:
        assert len(caught.value.problems) == 1
    return str(caught.value)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture()
def home(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("BLOCMAP_HOME", str(folder))
    return folder


# ---------------------------------------------------------------------------------------------- _read_text


def test_the_text_of_a_file(tmp_path):
    assert econ._read_text(write(tmp_path, "a.csv", b"\xef\xbb\xbfabc")) == "abc"  # the BOM dropped
    assert econ._read_text(write(tmp_path, "b.csv", "Россия\n")) == "Россия\n"
    assert econ._read_text(write(tmp_path, "c.gz", gzip.compress(b"\xef\xbb\xbfhello"))) == "hello"
    assert econ._read_text(write(tmp_path, "empty.csv", b"")) == ""


def test_the_size_limit(tmp_path):
    ten = write(tmp_path, "ten.csv", b"0123456789")
    assert econ._read_text(ten, 10) == "0123456789"
    assert refused(econ._read_text, ten, 9) == (
        f"{ten}: more than 0 MB once decompressed; a World Bank series is far smaller (refused)")
    packed = write(tmp_path, "five.gz", gzip.compress(b"hello"))
    assert econ._read_text(packed, 5) == "hello"
    assert refused(econ._read_text, packed, 4) == (
        f"{packed}: more than 0 MB once decompressed; a World Bank series is far smaller (refused)")
    # the limit in whole MB in the message; the raw bytes are compared, not the decompressed ones
    two = write(tmp_path, "two.gz", gzip.compress(b"x" * (2 * 1048576 + 1)))
    assert refused(econ._read_text, two, 2 * 1048576) == (
        f"{two}: more than 2 MB once decompressed; a World Bank series is far smaller (refused)")
    assert len(econ._read_text(two, 3 * 1048576)) == 2 * 1048576 + 1


def test_the_default_limit_is_64_mb(tmp_path):
    assert econ.MAX_DOWNLOAD_BYTES == 64 * 1024 * 1024
    bomb = write(tmp_path, "bomb.csv.gz", gzip.compress(b"\0" * (64 * 1024 * 1024 + 1)))
    assert refused(econ._read_text, bomb) == (
        f"{bomb}: more than 64 MB once decompressed; a World Bank series is far smaller (refused)")


def test_files_that_cannot_be_read(tmp_path):
    bad = write(tmp_path, "bad.gz", b"\x1f\x8bxxxxxxxxxxxx")
    assert refused(econ._read_text, bad) == f"{bad}: not a valid gzip file (Unknown compression method)"
    cut = write(tmp_path, "cut.gz", gzip.compress(b"hello world" * 100)[:30])
    assert refused(econ._read_text, cut) == f"{cut}: not a valid gzip file (cut short)"
    raw = bytearray(gzip.compress(b"hello"))
    raw[-8] ^= 1  # the CRC
    crc = write(tmp_path, "crc.gz", bytes(raw))
    assert refused(econ._read_text, crc).startswith(f"{crc}: not a valid gzip file (CRC check failed 0x")
    assert refused(econ._read_text, tmp_path / "missing") == f"{tmp_path / 'missing'}: cannot read: No such file or directory"
    assert refused(econ._read_text, tmp_path) == f"{tmp_path}: a folder, not a regular file: refused"
    os.mkfifo(tmp_path / "fifo")
    assert refused(econ._read_text, tmp_path / "fifo") == f"{tmp_path / 'fifo'}: a FIFO (named pipe), not a regular file: refused"
    latin = write(tmp_path, "latin.csv", b"abc\xffcd")
    assert refused(econ._read_text, latin) == f"{latin}: not UTF-8 text (byte 3)"
    assert refused(econ._read_text, write(tmp_path, "z.gz", gzip.compress(b"\xff"))) == (
        f"{tmp_path / 'z.gz'}: not UTF-8 text (byte 0)")


# ---------------------------------------------------------------------------------------------- read_download


def test_a_long_download(tmp_path):
    path = write(tmp_path, "gdp.csv", LONG)
    series, summary = econ.read_download(path, "gdp")
    assert series == econ.Series(
        "gdp", "NY.GDP.MKTP.CD", "current US$", f"unknown (imported {today()} from gdp.csv; the file names no date)",
        None, LICENCE, str(path),
        {("RUS", 2020): 1488000000000.0, ("RUS", 2021): 1836892075547.43, ("ARM", 2021): 13879000000.0})
    assert str(summary) == "datahub (long): 3 values, 2020\u20132021"
    assert econ.read_download(path, "gdp", vintage="datahub 2026-01")[0].vintage == "datahub 2026-01"


def test_a_bulk_download(tmp_path):
    path = write(tmp_path, "pop.csv", BULK)
    series, summary = econ.read_download(path)  # the indicator from the file's code
    assert series == econ.Series("population", "SP.POP.TOTL", "persons", "WDI, Last Updated Date 2025-07-01", None,
                                 LICENCE, str(path), {("RUS", 2020): 144073139.0, ("RUS", 2021): 143449286.0})
    assert str(summary) == "World Bank bulk CSV: 2 values, 2020\u20132021 (2 values of World Bank aggregates skipped)"
    assert econ.read_download(path, "population", "mine")[0].vintage == "mine"
    undated = write(tmp_path, "undated.csv", BULK.replace('"Last Updated Date","2025-07-01",\n\n', ""))
    series, summary = econ.read_download(undated)
    assert series.vintage == f"unknown (imported {today()} from undated.csv; the file names no date)"
    assert str(summary) == "World Bank bulk CSV: 2 values, 2020\u20132021 (2 values of World Bank aggregates skipped)"
    one = write(tmp_path, "one.csv", BULK_PREAMBLE + BULK_HEADER
                + '"Russian Federation","RUS","Population, total","SP.POP.TOTL","","143449286",\n')
    assert str(econ.read_download(one)[1]) == "World Bank bulk CSV: 1 values, 2021\u20132021"


def test_downloads_refused(tmp_path):
    long = write(tmp_path, "l.csv", LONG)
    assert refused(econ.read_download, long, kind=QueryError) == (
        "l.csv: which indicator is this? (give --indicator gdp or population)")
    with pytest.raises(QueryError) as caught:
        econ.read_download(long)
    assert caught.value.parameter == "indicator"
    other = write(tmp_path, "b3.csv", BULK_PREAMBLE + BULK_HEADER + '"Russia","RUS","Something","XX.YY","1","2",\n')
    assert refused(econ.read_download, other, kind=QueryError) == (
        "b3.csv: which indicator is this? (give --indicator gdp or population)")
    assert refused(econ.read_download, write(tmp_path, "p.csv", BULK), "gdp") == (
        "p.csv:6: column 'Indicator Code' ('SP.POP.TOTL'): this file holds population (SP.POP.TOTL), not gdp "
        "(NY.GDP.MKTP.CD)")
    # only World Bank aggregates, no rows, only gaps
    assert refused(econ.read_download, write(tmp_path, "agg.csv", HEADER + "World,WLD,2021,9.7e13\n"), "gdp") == (
        "agg.csv: no values of countries")
    assert refused(econ.read_download, write(tmp_path, "e.csv", HEADER), "gdp") == "e.csv: no values"
    assert refused(econ.read_download, write(tmp_path, "gap.csv", HEADER + "Russia,RUS,2021,\n"), "gdp") == (
        "gap.csv: no values")
    # values implausible for the series: GDP read as population, a GDP a thousand times too large
    assert refused(econ.read_download, long, "population") == (
        "l.csv:2: column 'Value' (1.488e+12): the population of a country lies between 1e3 and 2e9; is this the "
        "population series?")
    assert refused(econ.read_download, write(tmp_path, "big.csv", HEADER + "Russia,RUS,2021,1836892075547430\n"),
                   "gdp") == ("big.csv:2: column 'Value' (1.83689e+15): GDP in current US$ of a country lies between "
                              "1e4 and 1e14; is this the gdp series?")
    assert refused(econ.read_download, write(tmp_path, "x.gz", b"\x1f\x8bxx")) == (
        f"{tmp_path / 'x.gz'}: not a valid gzip file (cut short)")


# ---------------------------------------------------------------------------------------------- series_files


def test_the_two_files_of_an_import():
    series = econ.Series("gdp", "NY.GDP.MKTP.CD", "current US$", "v1", "wdi", "CC", "x",
                         {("RUS", 2021): 1.5, ("ARM", 2020): 2.0, ("ARM", 2021): 1e20})
    data, meta = econ.series_files(series, "/from/here.csv")
    assert data == HEADER + ",ARM,2020,2.0\n,ARM,2021,1e+20\n,RUS,2021,1.5\n"  # sorted, every digit kept
    assert meta.endswith("}\n") and meta.startswith('{\n "indicator": "gdp",\n')
    assert json.loads(meta) == {
        "indicator": "gdp", "code": "NY.GDP.MKTP.CD", "unit": "current US$", "vintage": "v1", "source": "wdi",
        "licence": "CC", "origin": None, "imported_from": "/from/here.csv", "imported_on": today(),
        "values": [["ARM", 2020, 2.0], ["ARM", 2021, 1e20], ["RUS", 2021, 1.5]]}
    assert list(json.loads(meta)) == ["indicator", "code", "unit", "vintage", "source", "licence", "origin",
                                      "imported_from", "imported_on", "values"]
    assert '\n  [\n   "ARM",\n   2020,\n   2.0\n  ],' in meta  # indent=1
    named = econ.Series("gdp", "C", "u", "Ð", None, "L", "x", {("RUS", 2021): 0.1 + 0.2})
    data, meta = econ.series_files(named, "ф.csv")
    assert data == HEADER + ",RUS,2021,0.30000000000000004\n"
    assert '"vintage": "Ð"' in meta and '"imported_from": "ф.csv"' in meta  # not escaped


# ---------------------------------------------------------------------------------------------- import_series


def test_an_import(tmp_path, home):
    source = write(tmp_path, "gdp.csv", LONG)
    series, summary, published = econ.import_series(source, "gdp", "datahub 2026-01")
    folder = home / "indicators"
    assert published == folder / "gdp.json"
    assert sorted(p.name for p in folder.iterdir()) == ["gdp.csv", "gdp.json"]
    assert (series.indicator, series.vintage, series.origin) == ("gdp", "datahub 2026-01", str(source))
    assert str(summary) == "datahub (long): 3 values, 2020\u20132021"
    data, meta = econ.series_files(series, str(source))
    assert (folder / "gdp.json").read_text(encoding="utf-8") == meta
    assert (folder / "gdp.csv").read_text(encoding="utf-8") == data
    loaded = econ.load_series("gdp")
    assert (loaded.vintage, loaded.origin, dict(loaded.values)) == (
        "datahub 2026-01", str(folder / "gdp.json"), dict(series.values))


def test_an_import_into_a_folder_given(tmp_path, home):
    target = tmp_path / "elsewhere" / "deep"
    _, _, published = econ.import_series(str(write(tmp_path, "pop.csv", BULK)), folder=target)
    assert published == target / "population.json"
    assert sorted(p.name for p in target.iterdir()) == ["population.csv", "population.json"]
    assert not home.exists()


def test_an_import_removes_the_leftovers_of_both_series(tmp_path, home):
    folder = home / "indicators"
    dead = 2 ** 22 + 12345  # above the usual pid_max: no such process
    leftovers = [f".population.json.{dead}.k1ll3d.tmp", f".gdp.csv.{dead}.k1ll3d.tmp"]
    for name in (*leftovers, f".other.json.{dead}.k1ll3d.tmp"):
        write(folder, name, "half written")
    old = write(folder, ".population.csv.a8x2k1", "0.1's temporary file")
    os.utime(old, (0, 0))
    econ.import_series(write(tmp_path, "gdp.csv", LONG), "gdp")
    assert sorted(p.name for p in folder.iterdir()) == [f".other.json.{dead}.k1ll3d.tmp", "gdp.csv", "gdp.json"]


def test_imports_refused(tmp_path, home):
    with pytest.raises(QueryError) as caught:
        econ.import_series(tmp_path / "nope.csv", "gdp")
    assert (str(caught.value), caught.value.parameter) == (f"{tmp_path / 'nope.csv'}: no such file", "file")
    source = write(tmp_path, "gdp.csv", LONG)
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    assert refused(econ.import_series, source, "gdp", folder=link, kind=BlocmapError) == (
        f"{link}: the imported series' folder or files are symbolic links; blocmap writes only real files there")
    for name in ("gdp.json", "gdp.csv"):
        folder = tmp_path / f"with-{name}"
        folder.mkdir()
        (folder / name).symlink_to(tmp_path / "target")
        assert refused(econ.import_series, source, "gdp", folder=folder, kind=BlocmapError) == (
            f"{folder}: the imported series' folder or files are symbolic links; blocmap writes only real files "
            "there")
        assert not (tmp_path / "target").exists()
    # another series' link is not in the way
    folder = tmp_path / "with-population"
    folder.mkdir()
    (folder / "population.json").symlink_to(tmp_path / "target")
    econ.import_series(source, "gdp", folder=folder)
    assert (folder / "gdp.json").is_file()
    blocked = write(tmp_path, "a-file", "not a folder")
    assert refused(econ.import_series, source, "gdp", folder=blocked, kind=BlocmapError) == (
        f"cannot write the imported series in {blocked}: File exists")
    # nothing is written for a file that is refused
    with pytest.raises(DataError):
        econ.import_series(write(tmp_path, "bad.csv", HEADER + "Russia,RUS,2021,x\n"), "gdp", folder=tmp_path / "n")
    assert not (tmp_path / "n").exists()


# ---------------------------------------------------------------------------------------------- _load_imported


def test_an_imported_series_read_back(tmp_path):
    folder = tmp_path / "imp"
    folder.mkdir()
    assert econ._load_imported("gdp", folder) is None  # nothing imported
    write(folder, "gdp.json", '{"values": [["RUS", 2021, 5]], "code": "C", "unit": "U", "vintage": "V", '
                              '"source": "S", "licence": "L"}')
    assert econ._load_imported("gdp", folder) == econ.Series("gdp", "C", "U", "V", "S", "L", str(folder / "gdp.json"),
                                                             {("RUS", 2021): 5.0})
    assert econ._load_imported("population", folder) is None
    # each default: the indicator's code, no unit, an unknown vintage, no source, the World Bank's licence
    write(folder, "gdp.json", '{"values": []}')
    assert econ._load_imported("gdp", folder) == econ.Series(
        "gdp", "NY.GDP.MKTP.CD", "", "unknown", None, "CC BY 4.0 (World Bank)", str(folder / "gdp.json"), {})
    write(folder, "population.json", gzip.compress(b'{"values": [["KAZ", 2020, 18754440]]}'))
    assert econ._load_imported("population", folder).code == "SP.POP.TOTL"
    assert econ._load_imported("population", folder).values == {("KAZ", 2020): 18754440.0}
    # blocmap 0.1: the values in the CSV beside a JSON of metadata
    write(folder, "gdp.json", '{"vintage": "old"}')
    write(folder, "gdp.csv", HEADER + ",RUS,2021,1836892075547.43\n")
    assert econ._load_imported("gdp", folder) == econ.Series(
        "gdp", "NY.GDP.MKTP.CD", "", "old", None, "CC BY 4.0 (World Bank)", str(folder / "gdp.csv"),
        {("RUS", 2021): 1836892075547.43})
    # the values inside the JSON win over a CSV beside it
    write(folder, "gdp.json", '{"values": [["RUS", 2021, 7]]}')
    assert econ._load_imported("gdp", folder).values == {("RUS", 2021): 7.0}


@pytest.mark.parametrize("json_bytes, why", [
    (b"\xff", "not UTF-8 text (byte 0)"),
    (b"[" * 100000, "nested too deeply"),
    (b"{nope", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    # a parser's message cut at 80 characters
    (b"{" + b"\n" * 10000 + b" " * 1000 + b",}",
     "Expecting property name enclosed in double quotes: line 10001 column 1001 (char "),
    (b"[1]", "not a JSON object"),
    (b'"text"', "not a JSON object"),
])
def test_an_unreadable_vintage(tmp_path, json_bytes, why):
    write(tmp_path, "gdp.json", json_bytes)
    assert refused(econ._load_imported, "gdp", tmp_path) == f"{tmp_path / 'gdp.json'}: unreadable: {why}"


def test_an_imported_series_refused(tmp_path):
    write(tmp_path, "gdp.csv", "x")
    assert refused(econ._load_imported, "gdp", tmp_path) == (
        f"{tmp_path / 'gdp.json'}: missing: the vintage of the imported series")
    write(tmp_path, "gdp.json", "{}")
    assert refused(econ._load_imported, "gdp", tmp_path) == (
        f"{tmp_path / 'gdp.csv'}:1: header must be Country Name, Country Code, Year, Value (got x)")
    (tmp_path / "gdp.csv").unlink()
    assert refused(econ._load_imported, "gdp", tmp_path) == (
        f"{tmp_path / 'gdp.csv'}: missing: the values of the imported series")
    write(tmp_path, "gdp.json", '{"values": {"RUS": 1}}')
    assert refused(econ._load_imported, "gdp", tmp_path) == (
        f"{tmp_path / 'gdp.json'}: 'values' must be a list of [code, year, value]")


# ---------------------------------------------------------------------------------------------- load_series


def test_which_copy_is_loaded(tmp_path, home):
    bundled = econ.load_series("gdp")  # nothing imported: the bundled copy
    assert (bundled.origin, bundled.vintage) == ("bundled", econ._bundled_meta()["gdp"]["vintage"])
    assert bundled.value("RUS", 2020) == econ._load_bundled("gdp").value("RUS", 2020)
    assert econ.load_series().indicator == "gdp"
    assert econ.load_series("population", prefer="bundled").origin == "bundled"
    with pytest.raises(QueryError) as caught:
        econ.load_series("gdp", prefer="imported")
    assert (str(caught.value), caught.value.parameter) == (
        f"no imported gdp series in {home / 'indicators'} (run 'blocmap indicators import FILE')", "indicators")
    econ.import_series(write(tmp_path, "gdp.csv", LONG), "gdp", "mine")
    for prefer in ("auto", "imported"):
        assert econ.load_series("gdp", prefer).vintage == "mine"
    assert econ.load_series("gdp", "bundled").origin == "bundled"
    assert econ.load_series("population").origin == "bundled"  # only gdp was imported
    # a data folder's own imports, not the user's
    data = tmp_path / "data"
    assert econ.load_series("gdp", data_folder=data).origin == "bundled"
    assert refused(econ.load_series, "gdp", "imported", data_folder=data, kind=QueryError) == (
        f"no imported gdp series in {data / 'imported-indicators'} (run 'blocmap indicators import FILE')")
    econ.import_series(write(tmp_path, "gdp2.csv", LONG), "gdp", "the folder's", folder=data / "imported-indicators")
    assert econ.load_series("gdp", data_folder=data).vintage == "the folder's"


def test_a_file_named_is_loaded(tmp_path, home):
    path = write(tmp_path, "gdp.csv", LONG)
    series = econ.load_series("gdp", path=str(path))
    assert (series.origin, series.vintage) == (str(path), f"unknown (imported {today()} from gdp.csv; the file names no date)")
    assert econ.load_series("gdp", "bundled", path).origin == str(path)  # a file named wins
    with pytest.raises(QueryError) as caught:
        econ.load_series("gdp", path=tmp_path / "nofile.csv")
    assert (str(caught.value), caught.value.parameter) == (
        f"indicator file '{tmp_path / 'nofile.csv'}' does not exist", "indicators")
    with pytest.raises(QueryError) as caught:
        econ.load_series("gdpx", path=path)
    assert (str(caught.value), caught.value.parameter) == ("unknown indicator 'gdpx' (use gdp or population)",
                                                           "indicator")
    assert refused(econ.load_series, "population", path=path).startswith("gdp.csv:2: column 'Value' (1.488e+12)")


def test_the_bundled_metadata_and_quotes():
    assert econ._bundled_meta()["population"]["code"] == "SP.POP.TOTL"
    assert econ._load_bundled("population").unit == "persons"
    assert econ._load_bundled("gdp").values[("RUS", 2020)] > 1e12
    assert all({"org", "year", "indicator"} <= set(quote) for quote in econ._quotes())


# ---------------------------------------------------------------------------------------------- check_bundled


ENTRY = "- indicator: gdp\n  code: C\n  file: gdp.csv\n  vintage: v\n  licence: L\n"


def problems(folder: Path, full: bool = False) -> list[str]:
    found = [str(p) for p in econ.check_bundled(folder, full)]
    assert all("\n" not in p for p in found)
    return found


def test_the_bundled_folder_has_no_problem():
    from blocmap.core.loader import BUNDLED

    assert econ.check_bundled(BUNDLED) == [] and econ.check_bundled(BUNDLED, full=True) == []


def test_a_folder_without_indicators(tmp_path):
    assert problems(tmp_path) == []
    write(tmp_path, "indicators", "a file, not a folder")
    assert problems(tmp_path) == []


@pytest.mark.parametrize("text, found", [
    ("a: &x 1\nb: *x\n", ["indicators/vintage.yaml:1: YAML anchors and aliases are not allowed in a data file "
                          "(found '&x'); write the value out"]),
    ("a: [1\n", ["indicators/vintage.yaml:2: YAML syntax: did not find expected ',' or ']'"]),
    ("a: \x07\n", ['indicators/vintage.yaml: YAML syntax: unacceptable character #x0007: control characters are not '
                   'allowed in "<unicode string>", position 3']),
    ("", ["indicators/vintage.yaml: empty file: a data file holds at least one entry"]),
    ("a: 1\n", ["indicators/vintage.yaml: expected a list of entries (indicator, code, file \u2026)"]),
    ("- 1\n- a: 2\n", ["indicators/vintage.yaml: expected a list of entries (indicator, code, file \u2026)"]),
    ("[]\n", []),
])
def test_a_vintage_file_refused_whole(tmp_path, text, found):
    write(tmp_path, "indicators/vintage.yaml", text)
    assert problems(tmp_path) == found


def test_a_vintage_file_missing(tmp_path):
    (tmp_path / "indicators").mkdir()
    assert problems(tmp_path) == ["indicators/vintage.yaml: cannot read: No such file or directory"]


def test_the_entries_of_a_vintage_file(tmp_path):
    write(tmp_path, "indicators/vintage.yaml", ENTRY.replace("  licence: L\n", "  licence: L\n  unitt: x\n  zzzzzz: y\n")
          + "# the second entry\n- indicator: population\n  code: ''\n  file: population.csv\n")
    assert problems(tmp_path) == [
        "indicators/vintage.yaml:6: unknown key 'unitt' in an indicator entry (did you mean 'unit'?)",
        "indicators/vintage.yaml:7: unknown key 'zzzzzz' in an indicator entry",
        "indicators/gdp.csv: missing file (listed in indicators/vintage.yaml)",
        "indicators/vintage.yaml:9: entry without 'code'",
        "indicators/vintage.yaml:9: entry without 'vintage'",
        "indicators/vintage.yaml:9: entry without 'licence'",
        "indicators/population.csv: missing file (listed in indicators/vintage.yaml)"]
    write(tmp_path, "indicators/vintage.yaml", "- indicator: gdp\n")
    assert problems(tmp_path) == [f"indicators/vintage.yaml:1: entry without '{key}'"
                                  for key in ("code", "file", "vintage", "licence")]


def test_files_outside_the_folder(tmp_path):
    write(tmp_path, "indicators/vintage.yaml",
          ENTRY.replace("gdp.csv", "a/gdp.csv") + ENTRY.replace("gdp.csv", ".hidden")
          + ENTRY.replace("gdp.csv", "'a\\b'") + ENTRY.replace("gdp.csv", "x" * 70))
    assert problems(tmp_path) == [
        "indicators/vintage.yaml:1: file 'a/gdp.csv' must be a file name inside indicators/",
        "indicators/vintage.yaml:6: file '.hidden' must be a file name inside indicators/",
        "indicators/vintage.yaml:11: file 'a\\b' must be a file name inside indicators/",
        f"indicators/{'x' * 60}: missing file (listed in indicators/vintage.yaml)"]
    write(tmp_path, "indicators/vintage.yaml", ENTRY.replace("gdp.csv", "a/" + "y" * 70))
    assert problems(tmp_path) == [f"indicators/vintage.yaml:1: file 'a/{'y' * 58}' must be a file name inside indicators/"]


def test_the_files_listed(tmp_path):
    write(tmp_path, "indicators/vintage.yaml", ENTRY + ENTRY.replace("gdp.csv", "population.csv"))
    (tmp_path / "indicators" / "gdp.csv").mkdir()
    os.mkfifo(tmp_path / "indicators" / "population.csv")
    assert problems(tmp_path) == ["indicators/gdp.csv: a folder, not a regular file: refused",
                                  "indicators/population.csv: a FIFO (named pipe), not a regular file: refused"]


def test_a_file_unreadable_in_full_is_named_inside_the_data_folder(tmp_path):
    # the whole file's problem names indicators/gdp.csv, as the header's does, never the machine's path
    write(tmp_path, "indicators/vintage.yaml", ENTRY)
    (tmp_path / "indicators" / "gdp.csv").write_bytes(HEADER.encode() + b"A,RUS,2021,\xff\n")
    assert problems(tmp_path, full=True) == [
        f"indicators/gdp.csv: not UTF-8 text (byte {len(HEADER) + 11})"]


def test_the_header_only_or_every_row(tmp_path):
    write(tmp_path, "indicators/vintage.yaml", ENTRY)
    write(tmp_path, "indicators/gdp.csv", HEADER + "A,RUS,2021,x\n")
    assert problems(tmp_path) == []  # the header is all that is read by default
    assert problems(tmp_path, full=True) == ["indicators/gdp.csv:2: column 'Value' ('x'): not a non-negative number"]
    write(tmp_path, "indicators/gdp.csv", "\ufeffCountry,Code\n" + "A,RUS,2021,1\n")
    assert problems(tmp_path) == problems(tmp_path, True) == [
        "indicators/gdp.csv:1: header must be Country Name, Country Code, Year, Value (got Country, Code)"]
    write(tmp_path, "indicators/gdp.csv", "\ufeff" + HEADER + "A,RUS,2021,1\n")  # a BOM is no part of the header
    assert problems(tmp_path) == problems(tmp_path, True) == []
    # a header longer than 4096 characters is read only that far
    write(tmp_path, "indicators/gdp.csv", HEADER.rstrip("\n") + "," + "n" * 5000 + "\n")
    assert problems(tmp_path) == []


def test_a_gzipd_file_listed(tmp_path):
    write(tmp_path, "indicators/vintage.yaml", ENTRY.replace("gdp.csv", "gdp.csv.gz"))
    path = tmp_path / "indicators" / "gdp.csv.gz"
    path.write_bytes(gzip.compress((HEADER + "A,RUS,2021,x\n").encode()))
    assert problems(tmp_path) == []
    assert problems(tmp_path, True) == ["indicators/gdp.csv.gz:2: column 'Value' ('x'): not a non-negative number"]
    path.write_bytes(gzip.compress(b"Country,Code\n"))
    assert problems(tmp_path) == [
        "indicators/gdp.csv.gz:1: header must be Country Name, Country Code, Year, Value (got Country, Code)"]
    path.write_bytes(b"\x1f\x8bxxxxxxx")
    assert problems(tmp_path) == [
        "indicators/gdp.csv.gz: unreadable: Compressed file ended before the end-of-stream marker was reached"]
    assert problems(tmp_path, True) == ["indicators/gdp.csv.gz: not a valid gzip file (cut short)"]  # never the path
    path.write_bytes(b"plain,not gz\n")
    assert problems(tmp_path) == ["indicators/gdp.csv.gz: unreadable: Not a gzipped file (b'pl')"]
    path.write_bytes(gzip.compress(b"\xff\xfe"))
    assert problems(tmp_path) == [
        "indicators/gdp.csv.gz: unreadable: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"]
    # a plain file is opened as text, not as gzip
    write(tmp_path, "indicators/vintage.yaml", ENTRY)
    write(tmp_path, "indicators/gdp.csv", HEADER)
    assert problems(tmp_path) == []


# ---------------------------------------------------------------------------------------------- edges the first mutation run showed


def test_every_refusal_of_a_download_names_the_file_and_line(tmp_path):
    """The file's name (not its path), the line and the column of each problem, in both layouts."""
    assert refused(econ.read_download, write(tmp_path, "bad.csv", HEADER + "Russia,RUS,2020,abc\n"), "gdp") == (
        "bad.csv:2: column 'Value' ('abc'): not a non-negative number")
    assert refused(econ.read_download, write(tmp_path, "c.csv", HEADER + "Russia,RUS,2020,1488000000000\n"
                                             "Nowhere,XYZ,2021,5e9\n"), "gdp") == (
        "c.csv:3: column 'Country Code' ('XYZ'): not a country code (ISO 3166 alpha-3, or a World Bank economy)")
    # a bulk file: the line and the year's column
    assert refused(econ.read_download, write(tmp_path, "b.csv", BULK_PREAMBLE + BULK_HEADER
                                             + '"Russian Federation","RUS","Population, total","SP.POP.TOTL",'
                                               '"144073139","5",\n')) == (
        "b.csv:6: column '2021' (5): the population of a country lies between 1e3 and 2e9; is this the population "
        "series?")


def test_values_compared_with_the_bundled_series(tmp_path):
    """Russia's GDP in 2020 is 1.493e12 in the bundled series: ten times as much or a tenth is refused (the
    median ratio of the country-years both have, beyond 10); 9.97 times passes."""
    assert econ.read_download(write(tmp_path, "ok.csv", HEADER + "Russia,RUS,2020,14880000000000\n"), "gdp")
    assert refused(econ.read_download, write(tmp_path, "r4.csv", HEADER + "Russia,RUS,2020,16000000000000\n"),
                   "gdp") == ("r4.csv: values are 10.7 times the bundled gdp series (median of 1 country-years both "
                              "have); is this the gdp series, in its unit?")
    assert refused(econ.read_download, write(tmp_path, "r5.csv", HEADER + "Russia,RUS,2020,100000000000\n"
                                             "Russia,RUS,1800,100000000000\n"), "gdp") == (
        "r5.csv: values are 0.067 times the bundled gdp series (median of 1 country-years both have); is this the "
        "gdp series, in its unit?")


def test_by_default_only_the_header_is_checked(tmp_path):
    write(tmp_path, "indicators/vintage.yaml", ENTRY)
    write(tmp_path, "indicators/gdp.csv", HEADER + "A,RUS,2021,x\n")
    assert econ.check_bundled(tmp_path) == []


def test_the_first_4096_characters_of_a_header(tmp_path):
    """The header is read to its 4096th character: a header of exactly 4096 passes, one of 4097 is cut
    inside 'Value' (its cells are stripped, so the spaces before 'Country Name' count)."""
    write(tmp_path, "indicators/vintage.yaml", ENTRY)
    header = HEADER.strip()
    write(tmp_path, "indicators/gdp.csv", " " * (4096 - len(header)) + header + "\nA,RUS,2021,1\n")
    assert problems(tmp_path) == []
    write(tmp_path, "indicators/gdp.csv", " " * (4097 - len(header)) + header + "\nA,RUS,2021,1\n")
    found = problems(tmp_path)
    assert len(found) == 1 and found[0].startswith(
        "indicators/gdp.csv:1: header must be Country Name, Country Code, Year, Value (got ")
    assert problems(tmp_path, full=True) == []


def test_a_long_unknown_key_is_cut(tmp_path):
    write(tmp_path, "indicators/vintage.yaml", ENTRY + "  " + "k" * 50 + ": 1\n")
    assert problems(tmp_path)[0] == f"indicators/vintage.yaml:6: unknown key '{'k' * 40}' in an indicator entry"
