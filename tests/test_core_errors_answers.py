"""The errors a user sees (``core/errors.py``), word for word in each language: a problem of a data
file at its file and line, cut at 300 characters; a data folder's first problem and the count of the
rest; a question's error naming its parameter; the hints of an unknown name."""

from __future__ import annotations

import pytest

from blocmap.core.errors import (MAX_MESSAGE, BlocmapError, DataError, DateError, Problem, QueryError, cut, suggest,
                                 unknown)
from blocmap.core.messages import Hints, Text

DISPUTE = Text("data.unknown_dispute", {"id": "d9"})


# -- cut ---------------------------------------------------------------------------------------------


def test_cut_at_three_hundred_characters() -> None:
    assert MAX_MESSAGE == 300
    assert cut("x" * 300) == "x" * 300
    assert cut("x" * 301) == "x" * 299 + "…"
    assert len(cut("y" * 10_000)) == 300
    assert cut("abcdef", 6) == "abcdef"
    assert cut("abcdefg", 6) == "abcde…"
    assert cut("", 1) == ""


# -- BlocmapError ------------------------------------------------------------------------------------


def test_an_error_from_a_text_is_said_in_each_language() -> None:
    error = BlocmapError(Text("err.unknown.state", {"given": "XX", "hint": Hints(["ARM"])}))
    assert str(error) == "unknown state 'XX' (did you mean 'ARM'?)"
    assert error.render() == "unknown state 'XX' (did you mean 'ARM'?)"
    assert error.render("zh-Hant") == "未知的國家「XX」（您是否指 'ARM'？）"
    assert error.render("ru") == "неизвестное государство «XX» (может быть, 'ARM'?)"
    assert error.text.key == "err.unknown.state"
    assert error.args == ("unknown state 'XX' (did you mean 'ARM'?)",)


def test_an_error_from_a_plain_message_is_english() -> None:
    error = BlocmapError("the layout engine gave up")
    assert error.text is None
    assert str(error) == error.render() == error.render("ru") == "the layout engine gave up"


def test_an_error_of_a_key() -> None:
    error = BlocmapError.of("err.unknown.status", given="memebr", hint=Hints([]))
    assert type(error) is BlocmapError
    assert str(error) == "unknown status 'memebr'"
    assert error.render("ru") == "неизвестный статус «memebr»"


# -- Problem -----------------------------------------------------------------------------------------


def test_a_problem_at_its_file_and_line() -> None:
    problem = Problem.of("orgs/eaeu.yaml", 12, "data.unknown_dispute", id="d9")
    assert problem == Problem("orgs/eaeu.yaml", 12, DISPUTE)
    assert (problem.file, problem.line) == ("orgs/eaeu.yaml", 12)
    assert problem.message == "unknown dispute 'd9'"
    assert problem.says() == "unknown dispute 'd9'"
    assert problem.says("zh-Hant") == "未知的爭議「d9」"
    assert str(problem) == problem.render() == "orgs/eaeu.yaml:12: unknown dispute 'd9'"
    assert problem.render("zh-Hant") == "orgs/eaeu.yaml:12：未知的爭議「d9」"
    assert problem.render("ru") == "orgs/eaeu.yaml:12: неизвестное расхождение «d9»"


def test_a_problem_without_a_line_or_a_file() -> None:
    assert str(Problem("states.yaml", None, DISPUTE)) == "states.yaml: unknown dispute 'd9'"
    assert str(Problem("states.yaml", 0, DISPUTE)) == "states.yaml: unknown dispute 'd9'"
    assert str(Problem("", 5, DISPUTE)) == "unknown dispute 'd9'"
    more = Problem.of("", None, "data.more_one")
    assert str(more) == "… and 1 more problem" and more.render("ru") == "… и ещё одна проблема"


def test_a_long_problem_is_cut() -> None:
    problem = Problem.of("f.yaml", 3, "data.unknown_dispute", id="z" * 400)
    message = "unknown dispute '" + "z" * 282 + "…"
    assert len(message) == 300
    assert problem.message == message and problem.says("en") == message
    assert str(problem) == "f.yaml:3: " + message
    assert len(problem.says("ru")) == 300 and problem.says("ru").endswith("z…")


def test_a_problem_needs_a_text_of_the_catalogs() -> None:
    with pytest.raises(TypeError) as caught:
        Problem("f.yaml", 1, "unknown dispute 'd9'")  # type: ignore[arg-type]
    assert str(caught.value) == "a Problem is built from a Text of the translation table (key and values)"


# -- DataError ---------------------------------------------------------------------------------------


def problems(n: int) -> list[Problem]:
    return [Problem.of("f.yaml", i, "data.unknown_dispute", id=f"d{i}") for i in range(1, n + 1)]


def test_a_data_error_says_its_first_problem_and_counts_the_rest() -> None:
    assert str(DataError(problems(1))) == "f.yaml:1: unknown dispute 'd1'"
    assert str(DataError(problems(2))) == "f.yaml:1: unknown dispute 'd1' (and 1 more problem)"
    assert str(DataError(problems(3))) == "f.yaml:1: unknown dispute 'd1' (and 2 more problems)"
    error = DataError(iter(problems(6)))
    assert error.problems == problems(6)
    assert error.render("ru") == "f.yaml:1: неизвестное расхождение «d1» (и ещё 5 проблем)"
    assert DataError(problems(3)).render("ru").endswith(" (и ещё 2 проблемы)")
    assert DataError(problems(2)).render("ru").endswith(" (и ещё 1 проблема)")
    assert DataError(problems(2)).render("zh-Hant") == "f.yaml:1：未知的爭議「d1」（另有 1 個問題）"
    assert error.text is None and isinstance(error, BlocmapError)


def test_a_data_error_with_no_problem() -> None:
    error = DataError([])
    assert error.problems == [] and str(error) == "" and error.render("ru") == ""


# -- QueryError --------------------------------------------------------------------------------------


def test_a_query_error_names_its_parameter() -> None:
    error = QueryError.of("err.unknown.organization", "org", given="csot", hint=Hints(["csto"]))
    assert type(error) is QueryError
    assert str(error) == "unknown organization 'csot' (did you mean 'csto'?)"
    assert error.parameter == "org"
    assert error.key == "err.unknown.organization"
    assert error.values == {"parameter": "org", "given": "csot", "hint": ("csto",)}
    error.values["given"] = "changed"  # a copy
    assert error.values["given"] == "csot"
    assert error.render("ru") == "неизвестная организация «csot» (может быть, 'csto'?)"


def test_a_query_error_without_a_parameter() -> None:
    error = QueryError.of("err.unknown.status", given="x", hint=Hints([]))
    assert error.parameter is None
    assert error.values == {"given": "x", "hint": ()}
    error = QueryError(Text("err.unknown.status", {"given": "y", "hint": Hints([])}))
    assert error.parameter is None and str(error) == "unknown status 'y'"
    error = QueryError(Text("err.unknown.status", {"given": "y", "hint": Hints([])}), "status")
    assert error.parameter == "status" and error.values == {"given": "y", "hint": ()}


def test_the_parameter_is_a_value_of_the_message() -> None:
    error = QueryError.of("err.is_folder", "-o", option="-o", path="x")
    assert str(error) == "-o x: is a folder, not a file"
    assert error.values == {"parameter": "-o", "option": "-o", "path": "x"}


def test_a_query_error_needs_a_text_of_the_catalogs() -> None:
    with pytest.raises(TypeError) as caught:
        QueryError("unknown organization 'csot'")  # type: ignore[arg-type]
    assert str(caught.value) == ("a QueryError is built from a Text of the translation table: "
                                 "QueryError.of(key, …)")


# -- DateError ---------------------------------------------------------------------------------------


def test_a_date_error() -> None:
    error = DateError.of("err.date.form", text="summer")
    assert isinstance(error, ValueError) and not isinstance(error, BlocmapError)
    assert error.text == Text("err.date.form", {"text": "summer"})
    assert str(error) == "'summer' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
    assert DateError(Text("err.date.form", {"text": "x"})).text.values == {"text": "x"}


# -- hints -------------------------------------------------------------------------------------------


ORGS = ["cis", "csto", "cst", "sco", "eaeu", "eu", "eurasec", "nato"]


def test_suggest_the_closest_in_any_case() -> None:
    # difflib: 'cst' 2·3/7, 'csto' 2·3/8, 'sco' 2·2/7 = 0.57, 'cis' 2·2/7, all ≥ 0.5: the best three
    assert suggest("csot", ORGS) == ["cst", "csto", "sco"]
    assert suggest("CSOT", ORGS) == ["cst", "csto", "sco"]
    assert suggest("csto", ["CSTO", "NATO"]) == ["CSTO", "NATO"]  # found lower-cased, given as spelt; 2·2/8
    assert suggest("csot", ORGS, limit=1) == ["cst"]
    assert suggest("csot", ORGS, limit=4) == ["cst", "csto", "sco", "cis"]
    assert suggest("nat", ORGS) == ["nato"]
    assert suggest("zzzz", ORGS) == []


def test_suggest_cutoff_one_half() -> None:
    assert suggest("abcd", ["abxy"]) == ["abxy"]          # 2·2/8 = 0.5
    assert suggest("abcde", ["abxyz"]) == []              # 2·2/10 = 0.4
    assert suggest("abcde", ["abxyz"], cutoff=0.4) == ["abxyz"]
    assert suggest("abcd", ["abxy"], cutoff=0.6) == []


def test_suggest_from_an_iterable_with_repeats() -> None:
    assert suggest("csot", iter(["csto", "csto", "cst", "cst"])) == ["cst", "csto"]


def test_unknown_with_hints() -> None:
    error = unknown("organization", "csot", ORGS, "org")
    assert str(error) == "unknown organization 'csot' (did you mean 'cst' or 'csto' or 'sco'?)"
    assert error.parameter == "org" and error.key == "err.unknown.organization"
    assert error.values == {"given": "csot", "hint": ("cst", "csto", "sco")}
    assert str(unknown("state", "ARMM", ["ARM", "AZE"])) == "unknown state 'ARMM' (did you mean 'ARM'?)"
    assert unknown("state", "ARMM", ["ARM"]).parameter is None
    assert str(unknown("status", "zzz", ["member"], "status")) == "unknown status 'zzz'"


def test_unknown_with_the_suggestions_given() -> None:
    error = unknown("organization", "x", ["eaeu", "cis", "csto", "sco"], "org", exact=True)
    assert tuple(error.values["hint"]) == ("eaeu", "cis", "csto")
    assert str(error) == "unknown organization 'x' (did you mean 'eaeu' or 'cis' or 'csto'?)"
    assert str(unknown("organization", "x", iter(["eaeu"]), exact=True)) == \
        "unknown organization 'x' (did you mean 'eaeu'?)"
    assert str(unknown("organization", "x", [], exact=True)) == "unknown organization 'x'"


def test_unknown_with_a_long_name() -> None:
    """A name is quoted back cut at 60 characters; past 100 no hint is looked for."""
    sixty, hundred = "c" * 59 + "s", "csto" * 25
    assert str(unknown("organization", sixty, ORGS)) == f"unknown organization '{sixty}'"
    assert str(unknown("organization", sixty + "t", ORGS)) == f"unknown organization '{'c' * 59}…'"
    assert tuple(unknown("organization", hundred, ["csto" * 25 + "x"]).values["hint"]) == ("csto" * 25 + "x",)
    assert tuple(unknown("organization", hundred + "x", ["csto" * 25 + "x"]).values["hint"]) == ()
    assert unknown("organization", hundred, ORGS).values["given"] == "csto" * 14 + "cst…"
    assert unknown("state", 123, ["123"]).values == {"given": "123", "hint": ("123",)}
