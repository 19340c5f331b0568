"""A panel as a dataset (issue #25, #19 item 7): the whole state system without an import, the
Frictionless data package beside a CSV, Stata files read back with their labels, the codebook
in three languages and as PDF, sources and certainty per cell, the data version, `cite`."""

from __future__ import annotations

import csv
import io
import json
import shlex
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import REPO

import blocmap
from blocmap.cli import main
from blocmap.core.world import World
from blocmap.core.world.dataset import BUNDLED_DATA, data_digest, data_version, recorded_version


@pytest.fixture(scope="module")
def system(nostore: World) -> pd.DataFrame:
    return nostore.state_years(["cis", "eaeu"], 1816, 2025)


def cell(frame: pd.DataFrame, ccode: int, year: int, column: str):
    return frame.loc[(frame.ccode == ccode) & (frame.year == year), column].item()


def run(args: list[str], tmp_path: Path):
    env = {"BLOCMAP_DB": None, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    return CliRunner().invoke(main, args, env=env)


# -- the state system without an import (#19 item 7) -----------------------------------------------

def test_every_state_of_the_system_each_year(system: pd.DataFrame) -> None:
    counts = system.groupby("year").size()
    # COW's list v2024: 177 states in 1991, 192 in 2003, 195 from 2011; in 1950 its 75 and four
    # the atlas counts from earlier, each with a note in states.yaml (Monaco, Liechtenstein, San
    # Marino, East Germany)
    assert (counts[1950], counts[1991], counts[2003], counts[2024], counts[2025]) == (79, 179, 192, 195, 195)
    assert not system.duplicated(["ccode", "year"]).any()
    assert cell(system, 740, 2000, "cis") == 0 and cell(system, 740, 2000, "name") == "Japan"
    assert cell(system, 140, 2020, "state") == "BRA" and cell(system, 140, 2020, "eaeu") == 0
    assert cell(system, 740, 1990, "cis") == -1           # the CIS did not exist
    assert cell(system, 705, 2000, "cis") == 1            # Kazakhstan, a member
    # states that leave and enter: the Yemens merge on 1990-05-22, South Sudan enters 2011-07-09
    assert {(678, 1990), (680, 1990), (679, 1990)} <= set(zip(system.ccode, system.year))
    assert (678, 1991) not in set(zip(system.ccode, system.year))
    assert system[system.ccode == 626].year.min() == 2011
    # Germany before 1945 is COW's 255 named as COW names it, not "West Germany"
    assert cell(system, 255, 1900, "name") == "Germany"
    assert cell(system, 260, 1980, "name") == "West Germany"


def test_an_export_without_an_import_covers_japan(tmp_path: Path) -> None:
    out = tmp_path / "sy.csv"
    result = run(["export", "state-year", "--orgs", "cis", "--from", "2000", "--to", "2000", "-o", str(out)], tmp_path)
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, keep_default_na=False)
    assert len(frame) == 191
    assert frame.set_index("state").loc[["JPN", "BRA", "RUS", "GEO", "EST"], "cis"].tolist() == [0, 0, 1, 1, 0]


# -- the data package beside a CSV ------------------------------------------------------------------

def test_a_csv_comes_with_its_data_package(tmp_path: Path) -> None:
    out = tmp_path / "sy.csv"
    result = run(["export", "state-year", "--orgs", "cis,eaeu", "--from", "2014", "--to", "2016", "-o", str(out)],
                 tmp_path)
    assert result.exit_code == 0, result.output
    package = json.loads((tmp_path / "sy.datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package" and package["version"] == recorded_version()["date"]
    resource = package["resources"][0]
    assert (resource["path"], resource["format"], resource["mediatype"]) == ("sy.csv", "csv", "text/csv")
    schema = resource["schema"]
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # the CSV validates against its own schema: the same columns, types, codes and key
    assert [f["name"] for f in schema["fields"]] == list(rows[0])
    for field in schema["fields"]:
        for row in rows:
            value = row[field["name"]]
            if value in schema["missingValues"]:
                continue
            if field["type"] == "integer":
                value = int(value)
            if "enum" in field.get("constraints", {}):
                assert value in field["constraints"]["enum"], (field["name"], value)
    keys = [tuple(row[k] for k in schema["primaryKey"]) for row in rows]
    assert schema["primaryKey"] == ["ccode", "year"] and len(keys) == len(set(keys))
    titles = {f["name"]: f.get("title") for f in schema["fields"]}
    assert titles["cis"] == "Commonwealth of Independent States" and titles["eaeu"] == "Eurasian Economic Union"
    meta = package["blocmap"]
    assert meta["rule"] == "year-end" and meta["coding"] == "cow" and meta["codes"]["-1"].startswith("the organization")
    assert meta["data_version"]["sha256"] == data_digest(BUNDLED_DATA)
    eaeu = next(o for o in meta["organizations"] if o["id"] == "eaeu")
    assert eaeu["founded"] == "2015-01-01" and any(s["key"] == "eec-treaty-reference" for s in eaeu["sources"])
    assert any("State System Membership List, v2024" in s["title"] for s in package["sources"])
    # the recorded command makes the same file again
    again = tmp_path / "again.csv"
    args = shlex.split(meta["command"])[1:] + ["-o", str(again)]
    assert run(args, tmp_path).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_parquet_and_json_carry_the_same_metadata(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    common = ["export", "state-year", "--orgs", "eaeu", "--from", "2015", "--to", "2015"]
    assert run([*common, "--format", "parquet", "-o", str(tmp_path / "sy.parquet")], tmp_path).exit_code == 0
    meta = json.loads(pq.read_schema(tmp_path / "sy.parquet").metadata[b"blocmap"])
    result = run([*common, "--format", "json"], tmp_path)
    from_json = json.loads(result.stdout)["meta"]
    assert meta["organizations"] == from_json["organizations"] and meta["data_version"] == from_json["data_version"]
    assert meta["rule_text"].startswith("the status on the last day of the year")
    assert meta["command"].endswith("--format parquet") and from_json["command"].endswith("--format json")


# -- Stata -------------------------------------------------------------------------------------------

def test_a_stata_file_reads_back_with_its_labels(tmp_path: Path) -> None:
    out = tmp_path / "sy.dta"
    result = run(["export", "state-year", "--orgs", "cis,eaeu", "--from", "2000", "--to", "2015", "--format", "dta",
                  "-o", str(out)], tmp_path)
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:len(b"<stata_dta><header><release>118")] == b"<stata_dta><header><release>118"
    with pd.io.stata.StataReader(out) as reader:
        variables = reader.variable_labels()
        values = reader.value_labels()
    assert variables["cis"] == "Commonwealth of Independent States" and variables["ccode"] == "COW state code"
    assert values["cis"] == {1: "full member", 2: "associate member", 3: "observer", 0: "not a member",
                             -1: "the organization does not exist this year", -9: "missing (unknown)"}
    labelled = pd.read_stata(out)
    codes = pd.read_stata(out, convert_categoricals=False)
    japan = (codes.ccode == 740) & (codes.year == 2000)
    assert codes.loc[japan, "cis"].item() == 0 and labelled.loc[japan, "cis"].item() == "not a member"
    armenia = (codes.ccode == 371) & (codes.year == 2015)
    assert labelled.loc[armenia, ["cis", "eaeu"]].values.tolist() == [["full member", "full member"]]
    assert labelled.loc[(codes.ccode == 371) & (codes.year == 2014), "eaeu"].item() == \
        "the organization does not exist this year"
    assert (tmp_path / "sy.datapackage.json").exists()


def test_binary_formats_need_a_file(tmp_path: Path) -> None:
    result = run(["export", "state-year", "--orgs", "cis", "--format", "dta"], tmp_path)
    assert result.exit_code == 1 and "--format dta writes a binary file: give -o FILE" in result.stderr
    assert "Traceback" not in result.output
    result = run(["export", "dyad-year", "--orgs", "cis", "--with-sources", "-o", str(tmp_path / "d.csv")], tmp_path)
    assert result.exit_code == 1 and "--with-sources is for state-year panels" in result.stderr
    assert not (tmp_path / "d.csv").exists()
    result = run(["export", "state-year", "--orgs", "cis", "--format", "dta", "-o", str(tmp_path / "sy.csv")], tmp_path)
    assert result.exit_code == 1 and "--format dta writes a binary dta file, not a .csv file; name it .dta" in result.stderr
    assert not (tmp_path / "sy.csv").exists()
    result = run(["export", "org-year", "--orgs", "cis", "--state", "KAZ"], tmp_path)
    assert result.exit_code == 1 and "--state is for state-year panels" in result.stderr
    result = run(["export", "state-year", "--orgs", "cis", "--state", "Narnia"], tmp_path)
    assert result.exit_code == 1 and "unknown state 'Narnia'" in result.stderr
    result = run(["export", "state-year", "--orgs", "cis", "--codebook", "md"], tmp_path)
    assert result.exit_code == 1 and "--codebook writes a file beside the export" in result.stderr
    result = run(["codebook", "--orgs", "cis", "--format", "pdf", "--lang", "ru"], tmp_path)
    assert result.exit_code == 1 and "--format pdf записывает двоичный файл" in result.stderr


# -- the codebook -------------------------------------------------------------------------------------

def test_the_codebook_in_three_languages(tmp_path: Path) -> None:
    args = ["codebook", "--orgs", "cis,eaeu", "--from", "1991", "--to", "2024"]
    en = run(args, tmp_path).stdout
    assert en.startswith("# Codebook: blocmap state-year panel, 1991–2024")
    assert f"Data version {recorded_version()['date']}" in en
    assert "| eaeu | integer | COW code in Eurasian Economic Union |" in en
    assert "| -9 | missing (unknown) |" in en and "| participant | participant | 0 |" in en
    assert "the status on the last day of the year" in en and "State System Membership List, v2024" in en
    assert "- eec-treaty-reference: " in en
    zh = run([*args, "--lang", "zh-Hant"], tmp_path).stdout
    for term in ("編碼手冊", "正式成員", "準成員", "觀察員", "該組織當年不存在", "由有日期的期間轉為年度",
                 "於獨立國家國協的 COW 代碼", "歐亞經濟聯盟", "至今"):
        assert term in zh, term
    ru = run([*args, "--lang", "ru"], tmp_path).stdout
    assert "Кодовая книга" in ru and "Содружество Независимых Государств" in ru and "полный член" in ru
    # an org-year panel's columns mean what they mean there: name is the organization's
    org_year = run(["codebook", "org-year", "--orgs", "eaeu", "--lang", "zh-Hant"], tmp_path).stdout
    assert "| name | string | 該組織當年的英文名稱 |" in org_year and "| unknown | integer | 狀態為「未知」的成員數 |" in org_year


def test_a_codebook_beside_an_export_and_as_pdf(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    out = tmp_path / "sy.csv"
    result = run(["export", "state-year", "--orgs", "csto", "--from", "2005", "--to", "2013", "-o", str(out),
                  "--codebook", "html", "--lang", "zh-Hant"], tmp_path)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "sy.codebook.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hant-TW">' in page and "<h1>編碼手冊：blocmap state-year 面板資料，2005–2013</h1>" in page
    pdf = tmp_path / "cb.pdf"
    result = run(["codebook", "--orgs", "csto", "--format", "pdf", "-o", str(pdf), "--lang", "zh-Hant"], tmp_path)
    assert result.exit_code == 0, result.output
    document = pdfium.PdfDocument(pdf)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "編碼手冊" in text and "集體安全條約組織" in text and "正式成員" in text


# -- sources and certainty per cell ----------------------------------------------------------------

def test_with_sources_names_the_sources_and_the_uncertain_years(tmp_path: Path) -> None:
    out = tmp_path / "sy.csv"
    result = run(["export", "state-year", "--orgs", "cis", "--from", "1992", "--to", "2023", "--with-sources",
                  "-o", str(out)], tmp_path)
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, keep_default_na=False)
    assert list(frame.columns) == ["ccode", "year", "state", "name", "cis", "cis_sources", "cis_certain"]
    geo = frame[frame.state == "GEO"].set_index("year")
    # Georgia joined "1993-12" (a month): its 1993 is a member, but not certain; left 2009-08-18
    assert geo.loc[1993, ["cis", "cis_certain"]].tolist() == [1, False]
    assert geo.loc[1994, ["cis", "cis_certain"]].tolist() == [1, True]
    assert geo.loc[2009, ["cis", "cis_certain"]].tolist() == [0, True]
    mda = frame[frame.state == "MDA"].set_index("year")
    # Moldova ceased to take part in "2022" (a year)
    assert mda.loc[2021, ["cis", "cis_certain"]].tolist() == [1, True]
    assert mda.loc[2022, ["cis", "cis_certain"]].tolist() == [0, False]
    assert geo.loc[2000, "cis_sources"] and set(geo.loc[2000, "cis_sources"].split(";")) <= set(blocmap.load().sources)
    assert frame[frame.state == "JPN"].cis_sources.eq("").all()
    package = json.loads((tmp_path / "sy.datapackage.json").read_text(encoding="utf-8"))
    types = {f["name"]: f["type"] for f in package["resources"][0]["schema"]["fields"]}
    assert (types["cis_sources"], types["cis_certain"]) == ("string", "boolean")


# -- versions and citation ----------------------------------------------------------------------------

def test_the_recorded_data_version_is_that_of_the_data() -> None:
    """Fails when the data changed and scripts/data_changelog.py was not run."""
    record = recorded_version()
    assert record["sha256"] == data_digest(BUNDLED_DATA), "run: python scripts/data_changelog.py"
    assert record["events"] == len(blocmap.load().events)
    version = data_version()
    assert version["version"] == record["date"] and not version["modified"]
    changelog = (BUNDLED_DATA / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {record['date']} ({record['commit']})" in changelog


def test_a_changed_data_folder_says_so(data_copy: Path, tmp_path: Path) -> None:
    events = data_copy / "orgs" / "eaeu.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "\n# a change\n", encoding="utf-8")
    version = data_version(data_copy)
    assert version["modified"] and version["version"] == recorded_version()["date"] + "+modified"
    result = run(["cite", "--data", str(data_copy)], tmp_path)
    assert f"data version {recorded_version()['date']}+modified" in result.stdout


def test_cite_names_the_data_version(tmp_path: Path) -> None:
    date = recorded_version()["date"]
    text = run(["cite"], tmp_path).stdout
    assert f"blocmap contributors ({date[:4]})" in text and f"data version {date}." in text
    bib = run(["cite", "--format", "bibtex"], tmp_path).stdout
    assert f"year = {{{date[:4]}}}" in bib and f"note = {{data version {date}, sha256 " in bib
    facts = json.loads(run(["cite", "--format", "json"], tmp_path).stdout)
    assert facts["data_version"] == date and facts["data_sha256"] == data_digest(BUNDLED_DATA)
    zh = run(["cite", "--lang", "zh-Hant"], tmp_path).stdout
    assert f"資料版本 {date}：sha256 {data_digest(BUNDLED_DATA)[:12]}" in zh
    # the events are counted once, the data's digest given beside its version
    assert text.count("dated events") == 1 and f"sha256 {data_digest(BUNDLED_DATA)[:12]}" in text


def test_citation_cff_names_this_version() -> None:
    import yaml

    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["version"] == blocmap.__version__
    assert cff["title"] == "blocmap: a temporal atlas of regional integration"
    assert {r["title"] for r in cff["references"]} >= {"State System Membership List, v2024"}


# -- the web: pages link their data ----------------------------------------------------------------------

def test_pages_link_their_csv_and_it_is_the_exported_one(tmp_path: Path) -> None:
    import re

    from starlette.testclient import TestClient

    from blocmap.web.app import create_app

    client = TestClient(create_app(blocmap.load()))
    page = client.get("/org/csto", params={"lang": "zh-Hant"}).text
    link = re.search(r'<p class="data-links"><a href="([^"]+)" download>資料：國家年面板（CSV）</a>', page)
    assert link and link.group(1).replace("&amp;", "&").endswith("orgs=csto&from=2002")
    served = client.get(link.group(1).replace("&amp;", "&"))
    assert served.status_code == 200 and served.headers["content-type"].startswith("text/csv")
    out = tmp_path / "csto.csv"
    assert run(["export", "state-year", "--orgs", "csto", "--from", "2002", "-o", str(out)], tmp_path).exit_code == 0
    assert served.text == out.read_text(encoding="utf-8")      # one answer through both doors
    served = client.get("/data/state-year.csv", params={"orgs": "cis,eaeu", "from": "1991", "state": "ARM"})
    one = tmp_path / "arm.csv"
    result = run(["export", "state-year", "--orgs", "cis,eaeu", "--from", "1991", "--state", "ARM", "-o", str(one)],
                 tmp_path)
    assert result.exit_code == 0, result.output
    assert served.text == one.read_text(encoding="utf-8") and served.text.count("\n371,") == len(served.text.splitlines()) - 1
    assert "--state ARM" in json.loads((tmp_path / "arm.datapackage.json").read_text(encoding="utf-8"))["blocmap"]["command"]
    state = client.get("/state/GEO").text
    href = re.search(r'<p class="data-links"><a href="([^"]+)" download>', state).group(1).replace("&amp;", "&")
    rows = list(csv.DictReader(io.StringIO(client.get(href).text)))
    assert {r["state"] for r in rows} == {"GEO"} and rows[0]["year"] == "1991"
    georgia = {int(r["year"]): int(r["cis"]) for r in rows}
    assert (georgia[1993], georgia[2008], georgia[2009]) == (1, 1, 0)  # joined 1993-12, left 2009-08-18
    bad = client.get("/data/state-year.csv", params={"state": "Narnia"})
    assert bad.status_code == 400 and "unknown state" in bad.text


def test_stata_file_read_by_readstat_as_r_reads_it(tmp_path: Path) -> None:
    """ReadStat is what R's haven reads .dta files with (pyreadstat is in the test extras)."""
    try:
        import pyreadstat
    except ImportError:
        pytest.skip("pyreadstat is not installed (pip install -e .[test]); pandas' reader is tested above")
    out = tmp_path / "sy.dta"
    result = run(["export", "state-year", "--orgs", "cis,eaeu", "--from", "2000", "--to", "2015", "--format", "dta",
                  "-o", str(out), "--with-sources"], tmp_path)
    assert result.exit_code == 0, result.output
    frame, meta = pyreadstat.read_dta(str(out))
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert labels["eaeu"] == "Eurasian Economic Union" and labels["cis_certain"] == "Commonwealth of Independent States: certain"
    assert meta.variable_value_labels["cis"][1] == "full member" and meta.variable_value_labels["eaeu"][-1].startswith(
        "the organization does not exist")
    japan = frame[(frame.ccode == 740) & (frame.year == 2000)].iloc[0]
    assert (japan.state, japan.cis, japan.eaeu) == ("JPN", 0, -1)
