"""Tables fit the terminal: cells wrap between words (inside a Chinese phrase where needed, never
starting a line with a closing mark), no cell is cut, and output to a pipe is never wrapped."""

from __future__ import annotations

from click.testing import CliRunner

from blocmap.cli import main
from blocmap.core.output import _fit, _width, _wrap, table


def test_a_wide_table_wraps_to_columns_and_keeps_every_word(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    rows = [{"a": "short", "b": "a long sentence that will not fit in sixty columns at all, surely not"}]
    out = table(rows)
    assert all(_width(line) <= 60 for line in out.splitlines())
    joined = " ".join(line[7:].strip() for line in out.splitlines()[2:])
    assert joined == rows[0]["b"]


def test_chinese_wraps_inside_a_phrase_but_not_before_a_comma():
    lines = _wrap("歐盟於布魯塞爾舉行首次部長級入盟會議，與冰島展開入盟談判", 36)
    assert "".join(lines) == "歐盟於布魯塞爾舉行首次部長級入盟會議，與冰島展開入盟談判"
    assert not any(line.startswith("，") for line in lines)


def test_fit_narrows_the_widest_column_first():
    assert _fit([10, 80, 30], 80) == [10, 38, 28] or sum(_fit([10, 80, 30], 80)) + 4 <= 80
    assert _fit([10, 20], None) == [10, 20]
    assert _fit([5, 5], 3) == [5, 5]  # columns already narrow are not cut further


def test_compare_fits_a_90_column_terminal_in_every_language():
    for lang in ("en", "zh-Hant", "ru"):
        result = CliRunner().invoke(main, ["compare", "cis", "union_state", "eaeu", "csto", "eu", "--lang", lang],
                                    env={"COLUMNS": "90"})
        assert result.exit_code == 0, result.output
        assert max(_width(line) for line in result.output.splitlines()) <= 92, lang  # a closing mark may overhang


def test_history_filters_on_the_kind_a_reader_chooses():
    result = CliRunner().invoke(main, ["history", "eu", "--kind", "negotiations_opened", "--format", "json"])
    import json

    rows = json.loads(result.output)
    assert {r["event"] for r in rows} == {"negotiations_opened"}
    assert {("UKR", "2024-06-25"), ("TUR", "2005-10-03")} <= {(r["state"], r["date"]) for r in rows}
    bad = CliRunner().invoke(main, ["history", "eu", "--kind", "negotiation"])
    assert bad.exit_code == 1 and "unknown event kind 'negotiation'" in bad.output
