"""Every word a reader sees in the files blocmap writes: the report (HTML, as the PDF and PNG are
typeset from it) and the figures' captions and credits, in zh-Hant and ru, carry no English word
outside the allowlist of ``test_languages``; with ``--gloss`` the second language is marked."""

from __future__ import annotations

import html as entities
import re

import pytest
from click.testing import CliRunner

from blocmap.cli import main
from blocmap.features.paper.seed import paper_table
from test_languages import ALLOW, english_words

#: The paper's own words, quoted as printed (it writes "聯繫國（associate member）").
PAPER_WORDS = {w.casefold() for n in (1, 2) for column in paper_table(n)["columns"]
               for item in column["items"] for w in re.findall(r"[A-Za-z]+", item["text"])}


def report_text(page: str) -> str:
    """What a reader of the report reads: no styles, no charts (data URLs: their labels are names
    drawn as outlines), no tags, no element marked as the gloss language."""
    page = re.sub(r"<(style|title)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'data:[^"\')]+', " ", page)
    page = re.sub(r'<(\w+)[^>]*\blang="(?:en|zh-Hant-TW|ru)"[^>]*>.*?</\1>', " ", page[page.index("<body"):],
                  flags=re.S)
    # a source's own words quoted in a note («…», 「…」) stay in their language
    return re.sub(r"«[^»]*»|「[^」]*」", " ", entities.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
def test_the_report_is_in_the_readers_language(tmp_path, lang):
    target = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "--on", "2024-06-01", "--lang", lang, "-o", str(target)])
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert english_words(report_text(page), ALLOW | PAPER_WORDS) == []
    assert 'class="other"' not in page  # one language unless a gloss is asked for


def test_a_gloss_gives_the_second_language_marked_as_such(tmp_path):
    target = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "--on", "2016-01-01", "--lang", "ru", "--gloss", "en",
                                       "-o", str(target)])
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert '<span class="other" lang="en">Organizations and their members</span>' in page
    assert '<span class="small" lang="en">Kazakhstan</span>' in page
    assert english_words(report_text(page), ALLOW | PAPER_WORDS) == []  # English only where marked


def test_progress_steps_in_the_readers_language(tmp_path):
    result = CliRunner().invoke(main, ["report", "--on", "2016-01-01", "--lang", "zh-Hant", "--progress",
                                       "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    steps = re.findall(r"\[\d+/8\] (\S+)", result.output)
    assert steps == ["成員", "表格", "時間軸", "經濟不對稱", "機構", "分歧", "圖", "HTML"]


FIGURES = [["figure", "euler", "--on", "2016-01-01"], ["figure", "upset", "--on", "2016-01-01"],
           ["figure", "map", "--org", "csto", "--on", "2016-01-01"], ["figure", "timeline", "csto"]]


@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
@pytest.mark.parametrize("args", FIGURES, ids=[a[1] for a in FIGURES])
def test_figure_captions_and_credits_are_in_the_readers_language(tmp_path, args, lang):
    target = tmp_path / "f.svg"
    result = CliRunner().invoke(main, [*args, "--lang", lang, "-o", str(target)])
    assert result.exit_code == 0, result.output
    svg = target.read_text(encoding="utf-8")
    # the SVG keeps every text it draws as outlines, and each text as a comment before them
    texts = re.findall(r"<!--(.*?)-->", svg, flags=re.S) + re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    words = english_words(entities.unescape(" ".join(texts)), ALLOW | {"members", "atlas", "world", "clause",
                                                                          "visionscarto"})
    assert words == []


@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
def test_cite_is_in_the_readers_language_around_the_entries(lang):
    from blocmap.cli.core import BUILT_ON, TITLE

    result = CliRunner().invoke(main, ["cite", "--lang", lang])
    assert result.exit_code == 0, result.output
    assert TITLE in result.output  # the entry as published
    # the bibliographic entries stay as published; every other word is the reader's
    published = {w.casefold() for text in (TITLE, "blocmap contributors version", *(r for _, r in BUILT_ON))
                 for w in re.findall(r"[A-Za-z']+", text)}
    assert english_words(result.output, ALLOW | published) == []


@pytest.fixture(scope="module")
def cow_store(tmp_path_factory):
    from conftest import REPO

    cow = REPO / "tests" / "fixtures" / "cow"
    db = tmp_path_factory.mktemp("world") / "w.duckdb"
    result = CliRunner().invoke(main, ["import", "cow", str(cow / "state_year_format3.csv"), "--igo-year",
                                       str(cow / "igo_year_format3.csv"), "--states", str(cow / "states2016.csv"),
                                       "--db", str(db), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert "импортировано в" in result.output and "32 организации" in result.output
    return db


#: COW's own names of imported organizations (it gives them in English only) and of its codes.
COW_WORDS = {"association", "southeast", "asian", "nations", "cow", "ccode", "year", "end"}


@pytest.mark.parametrize("lang", ["zh-Hant", "ru"])
@pytest.mark.parametrize("args", [["members", "asean", "--on", "2010-01-01"], ["audit", "cow"],
                                  ["audit", "cow", "--years"],
                                  ["export", "org-year", "--orgs", "asean,cis", "--from", "2000", "--to", "2001"]],
                         ids=["members", "audit", "audit-years", "export"])
def test_world_commands_in_the_readers_language(cow_store, tmp_path, args, lang):
    """Imported organizations' states by their CLDR names, the audit's table and summary and the
    export's summary line in the reader's language (the export's CSV is a machine format)."""
    if args[0] == "export":
        args = [*args, "-o", str(tmp_path / "panel.csv")]
    result = CliRunner().invoke(main, [*args, "--db", str(cow_store), "--lang", lang])
    assert result.exit_code == 0, result.output
    text = "\n".join(line for line in result.output.splitlines() if not line.startswith(("wrote ", "寫入", "запис")))
    assert english_words(text, ALLOW | COW_WORDS) == []
    if args[0] == "members":
        assert ("印尼" if lang == "zh-Hant" else "Индонезия") in result.output
