"""``blocmap figure …`` and ``blocmap network`` end to end on the bundled atlas."""

from __future__ import annotations

import json
import warnings

import pytest
from click.testing import CliRunner

from blocmap.cli import main

MAGIC = {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<?xml"}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def euler_json(tmp_path, *args: str) -> dict:
    out = tmp_path / "euler.json"
    result = run("figure", "euler", *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def sets_of(data: dict) -> dict[str, list[str]]:
    return {e["id"]: e["sets"] for e in data["elements"]}


def test_euler_json_2015_armenia_and_kyrgyzstan(tmp_path):
    # the Customs Union as the paper draws it (its founders, as on 2014); from 2015 the data
    # has it as the EAEU's customs union, drawn as one outline with the EAEU (below)
    data = euler_json(tmp_path, "--on", "2015-06-01", "--orgs",
                      "cis,csto,eaeu,customs_union@2014-01-01,union_state")
    placed = sets_of(data)
    assert placed["RUS"] == ["cis", "csto", "customs_union", "eaeu", "union_state"]
    assert placed["ARM"] == ["cis", "csto", "eaeu"]      # EAEU from 2 January 2015
    assert placed["KGZ"] == ["cis", "csto"]              # EAEU only from 12 August 2015
    assert placed["UKR"] == ["cis"]                      # a member from its 1991 ratification until 2018 (founding-treaty rule)
    assert data["empty_zones"] == []
    assert {s["id"] for s in data["sets"]} == {"cis", "csto", "eaeu", "customs_union", "union_state"}
    merged = euler_json(tmp_path, "--on", "2015-06-01")
    assert [sorted(s["orgs"]) for s in merged["sets"] if len(s["orgs"]) > 1] == [["customs_union", "eaeu"]]


def test_the_caption_says_which_view_of_the_customs_union_is_drawn(tmp_path):
    import pypdf

    pdf = tmp_path / "f.pdf"
    assert run("figure", "euler", "--on", "2016-01-01", "-o", str(pdf)).exit_code == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages)
    assert "Customs Union continues in the EAEU from 2015-01-01" in text
    pinned = tmp_path / "g.pdf"
    assert run("figure", "euler", "--on", "2016-01-01", "--orgs",
               "cis,csto,eaeu,customs_union@2014-01-01,union_state", "-o", str(pinned)).exit_code == 0
    assert "continues in" not in " ".join(page.extract_text() for page in pypdf.PdfReader(pinned).pages)


def test_frozen_membership_is_drawn_outside_the_set(tmp_path):
    placed = sets_of(euler_json(tmp_path, "--on", "2024-06-01"))
    assert "csto" not in placed["ARM"] and "eaeu" in placed["ARM"]


def test_a_set_can_be_pinned_to_another_day(tmp_path):
    pinned = sets_of(euler_json(tmp_path, "--on", "2015-09-01", "--orgs",
                                "cis,csto,eaeu,customs_union@2012-01-01,union_state"))
    assert "customs_union" in pinned["KAZ"] and "eaeu" in pinned["KGZ"]


def test_chinese_labels_in_json(tmp_path):
    data = euler_json(tmp_path, "--on", "2015-06-01", "--lang", "zh-Hant")
    labels = {e["id"]: e["label"] for e in data["elements"]}
    assert labels["KAZ"] == "哈薩克"
    assert any(s["label"] == "獨立國協" for s in data["sets"])


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
def test_euler_images_render_every_glyph(tmp_path, fmt, lang):
    out = tmp_path / f"euler.{fmt}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run("figure", "euler", "--on", "2015-06-01", "--lang", lang, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(MAGIC[fmt])
    assert not [w for w in caught if "missing from font" in str(w.message)]


@pytest.mark.parametrize("command", [
    ["figure", "upset", "--on", "2015-06-01", "--lang", "zh-Hant"],
    ["network", "--on", "2015-06-01", "--lang", "zh-Hant"],
    ["figure", "map", "--on", "2024-06-01", "--org", "csto", "--lang", "zh-Hant"],
    ["figure", "map", "--on", "2015-06-01", "--lang", "ru"],
])
def test_other_figures_write_svg(tmp_path, command):
    out = tmp_path / "figure.svg"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run(*command, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(MAGIC["svg"])
    assert not [w for w in caught if "missing from font" in str(w.message)]


@pytest.mark.parametrize("args, parameter", [
    (["--on", "2015-06-01", "--orgs", "cis,csot"], "--orgs"),
    (["--on", "2015-13-01"], "--on"),
    (["--on", "yesterday-ish"], "--on"),
    (["--on", "2015-06-01", "--orgs", "cis,eaeu@2015"], "--orgs"),
    (["--on", "2015-06-01", "--orgs", "cis,eaeu@"], "--orgs"),
    (["--on", "2015-06-01", "--format", "bmp"], "--format"),
])
def test_bad_input_is_one_line_naming_the_parameter(tmp_path, args, parameter):
    out = tmp_path / "out.png"
    result = run("figure", "euler", *args, "-o", str(out))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("blocmap: error: ") and parameter in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("target", ["missing-folder/out.png", ".", "out.bmp"])
def test_bad_output_path_is_refused_before_any_work(tmp_path, monkeypatch, target):
    monkeypatch.chdir(tmp_path)
    result = run("figure", "euler", "--on", "2015-06-01", "-o", target)
    assert result.exit_code == 1
    line = result.output.strip()
    assert "\n" not in line and ("-o" in line or "--format" in line)
    assert list(tmp_path.iterdir()) == []


def test_network_table_per_year():
    result = run("network", "--from", "2014", "--to", "2016", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    by = {(r["year"], r["state"]): r for r in rows}
    # Armenia shares CIS, CSTO and (from 2015) the EAEU and its customs union with Russia.
    assert by[2014, "ARM"]["orgs"] == 2 and by[2015, "ARM"]["orgs"] == 4
    assert {r["year"] for r in rows} == {2014, 2015, 2016}
    assert all(0 <= r["density"] <= 1 for r in rows)
    assert by[2015, "RUS"]["strength"] >= by[2015, "TJK"]["strength"]


def test_network_bad_years():
    result = run("network", "--from", "2016", "--to", "2014")
    assert result.exit_code == 1 and "--to" in result.output


def test_too_many_empty_zones_falls_back_to_upset_and_says_so(tmp_path):
    out = tmp_path / "euler.svg"
    result = run("figure", "euler", "--on", "2016-06-01", "--max-empty", "1", "--orgs",
                 "cis,csto,eaeu,customs_union@2014-01-01,union_state,guam,sco", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "drawing an UpSet plot instead" in result.output
    assert out.read_bytes().startswith(MAGIC["svg"])
    # JSON promises the Euler layout, so it refuses instead of writing something else.
    out_json = tmp_path / "euler.json"
    result = run("figure", "euler", "--on", "2016-06-01", "--max-empty", "1", "--orgs",
                 "cis,csto,eaeu,customs_union@2014-01-01,union_state,guam,sco", "-o", str(out_json))
    assert result.exit_code == 1 and "upset" in result.output and not out_json.exists()


def test_empty_zones_are_listed_in_json_and_on_the_figure(tmp_path):
    data = euler_json(tmp_path, "--on", "2016-06-01", "--orgs",
                      "cis,csto,eaeu,customs_union@2014-01-01,union_state,guam,sco")
    assert data["empty_zones"] == [["cis", "csto"], ["cis", "csto", "customs_union", "eaeu"]]


def test_images_are_reproducible_and_pdf_text_is_searchable(tmp_path):
    import pypdf

    first, second, pdf = tmp_path / "a.svg", tmp_path / "b.svg", tmp_path / "c.pdf"
    for out in (first, second, pdf):
        assert run("figure", "euler", "--on", "2015-06-01", "--lang", "zh-Hant", "-o", str(out)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    text = pypdf.PdfReader(str(pdf)).pages[0].extract_text()
    assert "哈薩克" in text and "獨立國協" in text


def test_written_files_are_readable_by_others(tmp_path):
    out = tmp_path / "euler.json"
    assert run("figure", "euler", "--on", "2015-06-01", "-o", str(out)).exit_code == 0
    assert out.stat().st_mode & 0o044  # not the 0600 of a temporary file


def test_an_organization_without_members_that_day_is_left_out_with_a_note(tmp_path):
    out = tmp_path / "euler.json"
    result = run("figure", "euler", "--on", "2008-06-01", "--orgs", "cis,csto,eaeu", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "eaeu had no members on 2008-06-01" in result.output
    assert {s["id"] for s in json.loads(out.read_text(encoding="utf-8"))["sets"]} == {"cis", "csto"}


@pytest.mark.parametrize("lang, label", [("en", "Georgia (CIS: withdrawn)"), ("zh-Hant", "喬治亞（獨立國協：已退出）"),
                                         ("ru", "Грузия (СНГ: членство прекращено)")])
def test_a_state_outside_is_labelled_with_the_readers_punctuation(tmp_path, lang, label):
    """#19 item 8: full-width brackets and colon in Chinese, not '喬治亞 (獨立國協: 已退出)'."""
    out = tmp_path / "f.svg"
    result = run("figure", "euler", "--on", "2016-01-01", "--orgs", "customs_union,eaeu,cis", "--lang", lang,
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    assert label in out.read_text(encoding="utf-8")
