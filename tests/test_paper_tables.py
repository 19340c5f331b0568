"""Tables 1 and 2 generated from events match the paper column by column, or the difference is noted."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from blocmap.features import paper
from blocmap.cli import main
from blocmap.features.paper.seed import compare


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("number", [1, 2])
def test_every_column_matches_or_the_difference_is_noted(atlas, number):
    for column in compare(atlas, number):
        assert column["our_items"], f"table {number}: no events in {column['year']}"
        if not column["match"]:
            text = " ".join(column["notes"])
            for state in column["only_paper"] + column["only_ours"]:
                assert atlas.state_name(state) in text


def test_table1_state_sets_per_column(atlas):
    sets = {c["year"]: set(c["our_states"]) for c in compare(atlas, 1)}
    assert sets[1991] == {"ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"}
    assert sets[2005] == {"TKM"} and sets[2009] == {"GEO"} and sets[2018] == {"UKR"}
    # the paper's 1993 column has Georgia only; the sources also have Azerbaijan joining (1993-09-24)
    assert sets[1993] == {"GEO", "AZE"}
    notes = " ".join(next(c for c in compare(atlas, 1) if c["year"] == 1993)["notes"])
    assert "Azerbaijan" in notes


def test_table1_1991_keeps_the_two_signings_apart(atlas):
    items = [r for r in paper.table(atlas, "cis", years=[1991]) if r["event"] == "signed"]
    assert [r["states"] for r in items] == [["BLR", "RUS", "UKR"],
                                            ["ARM", "AZE", "KAZ", "KGZ", "MDA", "TJK", "TKM", "UZB"]]
    assert items[1]["dates"] == ["1991-12-21"]


def test_table2_state_sets_match_the_paper(atlas):
    columns = compare(atlas, 2)
    assert all(c["match"] for c in columns)
    by_year = {c["year"]: c for c in columns}
    assert set(by_year[1993]["our_states"]) == {"AZE", "GEO", "BLR"}
    withdrew_1999 = next(r for r in by_year[1999]["our_items"] if r["event"] == "withdrew")
    assert withdrew_1999["states"] == ["AZE", "GEO", "UZB"]
    # where the kind differs the note says so: the paper's 'withdrew' in 2012 is a suspension
    assert any("suspended" in n and "2012-12-19" in n for n in by_year[2012]["notes"])
    assert any("uzb-csto-2012" in n for n in by_year[2012]["notes"])


def test_paper_wording_in_chinese(atlas):
    texts = [r["text"] for r in paper.table(atlas, "cis", years=[2005, 2009], lang="zh-Hant")]
    # the glossary's term for the status (the paper writes 聯繫國), without an English gloss
    assert texts == ["土庫曼由獨立國協正式成員改為準成員", "喬治亞退出獨立國協"]
    joined = [r["text"] for r in paper.table(atlas, "csto", years=[2006], lang="zh-Hant") if r["event"] == "joined"]
    assert joined == ["烏茲別克加入集體安全條約組織"]


def test_any_organization_and_range(atlas):
    records = paper.table(atlas, "eaeu", 2014, 2015)
    joined = {s for r in records if r["event"] == "joined" for s in r["states"]}
    assert {"ARM", "KGZ"} <= joined
    assert all(2014 <= r["year"] <= 2015 for r in records)
    assert paper.table(atlas, "collective-security", 1992, 1992)[0]["org"] == "cst"


def test_cli_formats():
    md = run("table", "--paper", "1", "--format", "markdown")
    assert md.exit_code == 0 and md.output.startswith("**Table 1") and "| 1991 | 1993 | 2005 | 2009 | 2018 |" in md.output
    data = json.loads(run("table", "cst,csto", "--from", "1992", "--to", "2012", "--format", "json").output)
    assert {r["year"] for r in data} >= {1992, 1993, 1999, 2002, 2006, 2012}
    rows = list(csv.DictReader(io.StringIO(run("table", "cis", "--years", "2009", "--format", "csv").output)))
    assert rows[0]["states"] == "GEO" and rows[0]["event"] == "withdrew"
    page = run("table", "--paper", "2", "--format", "html", "--lang", "zh-Hant").output
    assert page.startswith("<!DOCTYPE html>") and "表 2：集體安全條約組織的整合歷程" in page


@pytest.mark.parametrize("args, expected", [
    (["table", "csot"], "unknown organization 'csot'"),
    (["table", "cis", "--from", "19x1"], "from: '19x1' is not a year"),
    (["table", "cis", "--from", "2000", "--to", "1990"], "is after"),
    (["table", "--paper", "7"], "no table"),
    (["table", "cis", "--kinds", "joinedd"], "unknown event kind"),
])
def test_bad_input_is_one_line(args, expected):
    result = run(*args)
    assert result.exit_code == 1
    assert expected in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_output_file_is_whole_or_absent(tmp_path):
    target = tmp_path / "t1.md"
    assert run("table", "--paper", "1", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("**Table 1")
    missing = tmp_path / "no" / "t.md"
    result = run("table", "--paper", "1", "-o", str(missing))
    assert result.exit_code == 1 and "does not exist" in result.output and not missing.exists()


def test_the_charter_row_says_what_happened():
    """The organization's own event reads as its sentence (who did what, under which act); the
    paper's words for the same year stay beside it in the paper's column."""
    import blocmap
    from blocmap.features.paper.tables import table

    rows = table(blocmap.load(), "cis", 1993, 1993, lang="zh-Hant")
    charter = next(r for r in rows if r["dates"] == ["1993-01-22"])
    assert charter["text"] == "獨立國協國家元首理事會於明斯克通過《獨立國家國協憲章》；烏克蘭未簽署。"
    assert charter["states"] == []
    english = table(blocmap.load(), "cis", 1993, 1993, lang="en")
    assert next(r for r in english if r["dates"] == ["1993-01-22"])["text"] == (
        "The CIS Council of Heads of State adopted the CIS Charter at Minsk; Ukraine did not sign it")


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "ru"])
def test_no_item_reads_with_empty_brackets(atlas, lang):
    """An item whose row has '({note})' but no note reads without '()': Uzbekistan's 2006 CSTO
    protocol is said by its event's own sentence, the 1999 CST protocol's six signers plainly."""
    from blocmap.features.paper.tables import table

    rows = table(atlas, ["cis", "cst", "csto", "eurasec", "eaeu", "union_state", "customs_union"], lang=lang)
    assert [r["text"] for r in rows if "()" in r["text"] or "（）" in r["text"]] == []
    if lang == "en":
        texts = {(r["year"], r["org"], tuple(r["states"])): r["text"] for r in rows}
        assert texts[(2006, "csto", ("UZB",))].endswith("the Protocol on restoring Uzbekistan's membership in the CSTO")
        assert texts[(1999, "cst", ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"))] == (
            "Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan signed a further instrument of the CST")
