"""Output that knows the answer: tables, CSV and JSON written out in full for small rows, the widths
worked out by hand (a Chinese character takes two cells), and the narrowing and wrapping of a table
that is wider than the terminal, step by step."""

from __future__ import annotations

import datetime as dt

import pytest

from blocmap.core.output import _cell, _fit, _width, _wrap, render, table, terminal_width, to_csv, to_json

ZHONG, WEN = "\u4e2d", "\u6587"  # two wide characters
FULL_STOP = "\u3002"  # the Chinese full stop: wide, and never the first thing on a line
YES_ZH, NO_ZH, NONE_ZH = "\u662f", "\u5426", "\uff08\u7121\uff09"
YES_RU, NO_RU = "\u0434\u0430", "\u043d\u0435\u0442"
ROWS = [{"org": "cis", "n": 9, "ok": True}, {"org": "eaeu", "n": 5, "ok": False}]


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # under pytest stdout is no terminal: no wrapping


@pytest.mark.parametrize("text, cells", [
    ("", 0), ("abc", 3), (ZHONG + WEN, 4), ("a" + ZHONG, 3), ("\uff0c", 2), ("\uff26", 2),  # full-width: 2
    ("\u2026", 1),  # an ambiguous-width ellipsis: 1
])
def test_width(text: str, cells: int) -> None:
    assert _width(text) == cells


@pytest.mark.parametrize("value, lang, expected", [
    (None, None, ""), (None, "ru", ""), (0, None, "0"), ("x", "ru", "x"),
    (True, None, "yes"), (False, None, "no"),  # CSV's words, in every language
    (True, "en", "yes"), (False, "en", "no"), (True, "zh-Hant", YES_ZH), (False, "zh-Hant", NO_ZH),
    (True, "ru", YES_RU), (False, "ru", NO_RU),
    ([1, None, True], None, "1, , yes"), (("a", ["b", False]), "ru", f"a, b, {NO_RU}"), ([], None, ""),
])
def test_cell(value, lang, expected) -> None:
    assert _cell(value, lang) == expected


def test_a_table() -> None:
    # widths: org max(3, 3, 4) = 4, n 1, ok max(2, 3, 2) = 3; two spaces between; no trailing spaces
    assert table(ROWS) == "org   n  ok\n----  -  ---\ncis   9  yes\neaeu  5  no"
    assert table(ROWS, lang="ru") == f"org   n  ok\n----  -  ---\ncis   9  {YES_RU}\neaeu  5  {NO_RU}"
    assert table(ROWS, ["ok", "org"], {"org": "Organization"}) == (
        "ok   Organization\n---  ------------\nyes  cis\nno   eaeu")


def test_a_table_with_wide_characters() -> None:
    rows = [{"name": ZHONG + WEN, "n": 1}, {"name": "ab", "n": 22}]
    assert table(rows) == f"name  n\n----  --\n{ZHONG}{WEN}  1\nab    22"


@pytest.mark.parametrize("lang, expected", [("en", "(none)"), ("zh-Hant", NONE_ZH), ("ru", f"({NO_RU})")])
def test_an_empty_table(lang: str, expected: str) -> None:
    assert table([], lang=lang) == expected


def test_an_empty_table_in_english_by_default() -> None:
    assert table([]) == "(none)"


@pytest.mark.parametrize("widths, limit, expected", [
    ([30, 20, 5], None, [30, 20, 5]),
    ([30, 20, 5], 59, [30, 20, 5]),  # 55 cells and two gaps of two: fits exactly
    ([40, 10], 30, [18, 10]),  # the widest down by what is over (22), in one step
    ([30, 20, 5], 40, [15, 16, 5]),  # down to the next widest, then both in turn
    ([20, 20], 30, [14, 14]),
    ([30, 20, 5], 10, [12, 12, 5]),  # never below MIN_COLUMN, even if it does not fit
    ([5, 3], 4, [5, 3]),  # narrow columns are left alone
    ([30], 20, [20]), ([30], 5, [12]),  # one column: no next widest to stop at
])
def test_fit(widths, limit, expected) -> None:
    assert _fit(widths, limit) == expected


@pytest.mark.parametrize("text, width, lines", [
    ("abc def ghi", 11, ["abc def ghi"]),
    ("abc def ghi", 7, ["abc def", "ghi"]),
    ("abc def ghi", 6, ["abc", "def", "ghi"]),
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # a word wider than a line is cut
    ("ab cdefgh", 4, ["ab", "cdef", "gh"]),
    (ZHONG + WEN + FULL_STOP, 4, [ZHONG + WEN + FULL_STOP]),  # the full stop stays with its phrase
    (ZHONG + WEN + ZHONG, 4, [ZHONG + WEN, ZHONG]),
    ("abc,", 3, ["abc,"]), ("abcd", 3, ["abc", "d"]),
    ("a\tb c", 3, ["a\tb", "c"]),  # broken at spaces only: a tab stays as written
])
def test_wrap(text: str, width: int, lines: list[str]) -> None:
    assert _wrap(text, width) == lines


def test_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    assert terminal_width() is None  # not a terminal
    monkeypatch.setenv("COLUMNS", "80")
    assert terminal_width() == 80
    monkeypatch.setenv("COLUMNS", "1")
    assert terminal_width() == 1
    for given in ("0", "abc", "-5", ""):
        monkeypatch.setenv("COLUMNS", given)
        assert terminal_width() is None, given


def test_the_width_of_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import shutil
    import sys

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *args: os.terminal_size((77, 24)))
    assert terminal_width() == 77
    monkeypatch.setenv("COLUMNS", "90")  # $COLUMNS first
    assert terminal_width() == 90


def test_one_row() -> None:
    assert table([{"org": "cis", "n": 9}]) == "org  n\n---  -\ncis  9"
    assert to_csv([{"org": "cis", "n": 9}]) == "org,n\ncis,9\n"


def test_a_table_wrapped_to_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # widths 1 and 23 (26 with the gap) narrowed to 20: the text column to 17 cells
    monkeypatch.setenv("COLUMNS", "20")
    rows = [{"k": "a", "text": "one two three four five"}, {"k": "b", "text": "six"}]
    assert table(rows) == "k  text\n-  -----------------\na  one two three\n   four five\nb  six"


def test_csv() -> None:
    assert to_csv(ROWS) == "org,n,ok\ncis,9,yes\neaeu,5,no\n"
    assert to_csv([{"a": ["x", "y"], "b": None, "c": "extra"}], ["b", "a"]) == 'b,a\n,"x, y"\n'
    assert to_csv([]) == ""


def test_csv_of_records_inside_records() -> None:
    # a record of plain values: a column each; a list of records or a deeper record: JSON, never repr
    rows = [{"org": "cis", "statuses": {"KAZ": "member", "TKM": "associate"},
             "cite": [{"source": "s1", "quote": ZHONG}], "deep": {"a": {"b": 1}}, "empty": {}},
            {"org": "eaeu", "statuses": {"KAZ": "member"}, "cite": [], "deep": None, "empty": {}},
            "not a record"]
    assert to_csv(rows) == (
        "org,statuses.KAZ,statuses.TKM,cite,deep,empty\n"
        f'cis,member,associate,"[{{""source"": ""s1"", ""quote"": ""{ZHONG}""}}]","{{""a"": {{""b"": 1}}}}",{{}}\n'
        "eaeu,member,,,,{}\n")
    # a chosen column that is a record of plain values spreads to its columns, in the record's order
    assert to_csv(rows, ["statuses", "org"]) == "statuses.KAZ,statuses.TKM,org\nmember,associate,cis\nmember,,eaeu\n"
    assert to_csv(["x", 1]) == ""


def test_history_csv_carries_each_citation_as_json() -> None:
    # the CLI's CSV of a history: the citations column is JSON that reads back to the Python API's records
    import csv
    import io
    import json

    from click.testing import CliRunner

    from blocmap.answers import Answers
    from blocmap.cli import main
    from blocmap.core.atlas import Atlas

    out = CliRunner().invoke(main, ["history", "cis", "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(out)))
    kaz = next(r for r in rows if r["state"] == "KAZ" and r["date"] == "1991-12-23")
    cited = json.loads(kaz["citations"])
    api = next(e for e in Answers(Atlas.bundled()).history("cis") if e["state"] == "KAZ" and e["date"] == "1991-12-23")
    assert cited == json.loads(json.dumps(api["citations"], default=str))
    assert cited and all(c["source"] and c["quote"] for c in cited)


def test_json() -> None:
    assert to_json({"name": ZHONG, "on": dt.date(2015, 1, 2), "n": [1]}) == (
        '{\n  "name": "' + ZHONG + '",\n  "on": "2015-01-02",\n  "n": [\n    1\n  ]\n}')


def test_render_in_each_format() -> None:
    assert render(ROWS, "json") == to_json(ROWS)
    assert render(ROWS, "json", json_data={"rows": 2}) == '{\n  "rows": 2\n}'
    assert render(ROWS, "csv", ["org"]) == "org\ncis\neaeu\n"
    assert render(ROWS, "table", ["org", "ok"], {"ok": "OK"}, lang="zh-Hant") == (
        f"org   OK\n----  --\ncis   {YES_ZH}\neaeu  {NO_ZH}")
    assert render(ROWS, "table") == table(ROWS)
    assert render([], "csv") == "" and render([], "table", lang="ru") == f"({NO_RU})"
