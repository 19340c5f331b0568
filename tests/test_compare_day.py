"""Depth of integration on a day (#19 item 13): `compare --on` answers for the day asked, with
the organizations' names of that day, the same rows in every door, and the decision rule said to
be undocumented where our sources don't give it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

import blocmap  # noqa: E402
from blocmap.cli import main  # noqa: E402
from blocmap.features.depth import compare  # noqa: E402
from blocmap.web.app import create_app  # noqa: E402


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def by_dimension(rows):
    return {r["dimension"]: r for r in rows}


@pytest.mark.parametrize("day, expected", [
    ("1998-12-31", "not_yet"),  # the euro from 1999-01-01 (depth.yaml: since 1999-01-01)
    ("1999-01-01", "yes"),
    ("2016-01-01", "yes"),
])
def test_a_value_holds_from_its_first_day(atlas, day, expected):
    rows = by_dimension(compare(atlas, ["eu", "cis"], "en", dt.date.fromisoformat(day)))
    assert rows["common_currency"]["eu_value"] == expected
    assert rows["common_currency"]["cis_value"] == "no"


@pytest.mark.parametrize("day, expected", [
    ("2014-12-31", "no_org"),  # the EAEU Treaty entered into force on 2015-01-01
    ("2015-01-01", "economic_union"),
])
def test_an_organization_that_did_not_exist_has_no_value(atlas, day, expected):
    rows = by_dimension(compare(atlas, ["eaeu", "eu"], "en", dt.date.fromisoformat(day)))
    assert rows["stage"]["eaeu_value"] == expected
    assert rows["decision_rules"]["eaeu_value"] == ("no_org" if expected == "no_org" else "text")


def test_a_dissolved_organization_has_no_value_after_its_end(atlas):
    """EurAsEC ended on 2015-01-01 (absorbed by the EAEU)."""
    before = by_dimension(compare(atlas, ["eurasec", "eaeu"], "en", dt.date(2014, 12, 31)))
    after = by_dimension(compare(atlas, ["eurasec", "eaeu"], "en", dt.date(2015, 1, 1)))
    assert before["stage"]["eurasec_value"] == "customs_union"
    assert after["stage"]["eurasec_value"] == "no_org"


@pytest.mark.parametrize("lang, words", [
    ("en", "not documented in our sources"),
    ("zh-Hant", "本資料來源未記載"),
    ("ru", "в наших источниках не описано"),
])
def test_an_undocumented_decision_rule_says_so(atlas, lang, words):
    """EurAsEC's Interstate Council has no decision rule in organs.yaml: not 'unknown'."""
    rule = by_dimension(compare(atlas, ["eurasec", "eu"], lang, dt.date(2010, 1, 1)))["decision_rules"]
    assert rule["eurasec"] == words and rule["eurasec_value"] == "unknown"
    assert "15" in rule["eu"] and "4" in rule["eu"]  # TEU Art. 15(4), with its sources
    assert rule["eu_sources"] == ["eurlex-teu-art15", "europa-glossary-european-council", "eurlex-summary-lisbon"]


@pytest.mark.parametrize("org, first", [
    ("eu", "2009-12-01"),           # TEU Art. 15(4) is the Treaty of Lisbon's, in force 2009-12-01
    ("csto", "2003-09-18"),         # the CSTO Charter's consensus, in force 2003-09-18
    ("union_state", "2000-01-26"),  # the Supreme State Council under the Union State Treaty
])
def test_a_decision_rule_holds_from_the_day_its_act_came_in_force(atlas, org, first):
    day = dt.date.fromisoformat(first)
    before = by_dimension(compare(atlas, [org], "en", day - dt.timedelta(days=1)))["decision_rules"]
    on = by_dimension(compare(atlas, [org], "en", day))["decision_rules"]
    undated = by_dimension(compare(atlas, [org], "en"))["decision_rules"]
    assert (before[f"{org}_value"], before[org]) == (
        "unknown", f"not documented for this day (the rule recorded holds from {first})")
    assert on[f"{org}_value"] == undated[f"{org}_value"] == "text" and on[org] == undated[org]
    assert before[f"{org}_since"] == on[f"{org}_since"] == first
    assert before[f"{org}_sources"] == on[f"{org}_sources"] and on[f"{org}_sources"]


def test_the_cis_rule_has_no_first_day_and_holds_on_every_day(atlas):
    rule = by_dimension(compare(atlas, ["cis"], "en", dt.date(1992, 1, 1)))["decision_rules"]
    assert rule["cis_value"] == "text" and rule["cis_since"] is None and "consensus" in rule["cis"]


def test_every_door_gives_the_rule_of_the_day(atlas):
    cli = json.loads(run("compare", "eu", "csto", "--on", "2003-01-01", "--format", "json").output)
    client = TestClient(create_app(atlas))
    web = client.get("/api/compare", params={"orgs": "eu,csto", "on": "2003-01-01"}).json()["depth"]["rows"]
    python = compare(atlas, ["eu", "csto"], "en", dt.date(2003, 1, 1))
    for rows in (cli, web, python):
        rule = by_dimension(rows)["decision_rules"]
        assert (rule["eu_value"], rule["csto_value"], rule["eu_since"]) == ("unknown", "unknown", "2009-12-01")


@pytest.mark.parametrize("lang, words", [
    ("zh-Hant", "\u7576\u65e5\u672a\u8a18\u8f09\uff08\u6240\u8a18\u898f\u5247\u81ea 2009-12-01 \u8d77\u9069\u7528\uff09"),
    ("ru", "\u043d\u0430 \u044d\u0442\u043e\u0442 \u0434\u0435\u043d\u044c \u043d\u0435 \u043e\u043f\u0438\u0441\u0430\u043d\u043e "
           "(\u0437\u0430\u043f\u0438\u0441\u0430\u043d\u043d\u043e\u0435 \u043f\u0440\u0430\u0432\u0438\u043b\u043e "
           "\u0434\u0435\u0439\u0441\u0442\u0432\u0443\u0435\u0442 \u0441 2009-12-01)"),
])
def test_a_later_rule_is_said_in_the_readers_language(atlas, lang, words):
    rule = by_dimension(compare(atlas, ["eu", "cis"], lang, dt.date(2003, 1, 1)))["decision_rules"]
    assert rule["eu"] == words


def test_the_compare_page_says_when_the_rule_recorded_begins(atlas):
    page = TestClient(create_app(atlas)).get("/compare", params={"orgs": "eu,cis", "on": "2003-01-01"}).text
    assert "not documented for this day (the rule recorded holds from 2009-12-01)" in page
    assert "(since 2009-12-01)" not in page  # said once, in the cell's words


@pytest.mark.parametrize("bad, reason", [("2009-13-01", "month 13"), ("soon", "")])
def test_a_bad_rule_since_is_one_line_naming_file_and_line(data_copy, bad, reason):
    from blocmap.core.loader import load_folder
    from blocmap.features.checks import check_folder

    path = data_copy / "organs.yaml"
    text = path.read_text(encoding="utf-8")
    old = 'rule_since: "2009-12-01"'
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, f'rule_since: "{bad}"'), encoding="utf-8")
    found = [str(p) for p in check_folder(load_folder(data_copy)) if str(p).startswith(f"organs.yaml:{line}:")]
    assert len(found) == 1 and "rule_since" in found[0] and "\n" not in found[0], found


def test_the_terminal_table_names_organizations_as_on_the_day():
    result = run("compare", "eu", "cis", "--on", "1980-01-01")
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0]
    assert "EC" in header.split() and "EU" not in header.split()
    assert "did not exist" in result.output  # the CIS in 1980
    zh = run("compare", "eu", "cis", "--on", "1980-01-01", "--lang", "zh-Hant")
    assert "當日不存在" in zh.output and "尚未" in zh.output


@pytest.mark.parametrize("on, words", [
    ("2099-01-01", "--on: 2099-01-01 is after today"),
    ("2016", "--on: '2016' is a year"),
    ("someday", "--on:"),
])
def test_a_bad_day_is_one_line_naming_the_option(on, words):
    result = run("compare", "eu", "cis", "--on", on)
    assert result.exit_code != 0
    assert words in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_every_door_gives_the_same_rows(atlas):
    cli = json.loads(run("compare", "cis", "eaeu", "--on", "2014-06-01", "--format", "json").output)
    python = blocmap.compare(["cis", "eaeu"], on="2014-06-01").to_dict("records")
    with TestClient(create_app(atlas)) as client:
        web = client.get("/api/compare", params={"orgs": "cis,eaeu", "on": "2014-06-01"}).json()["depth"]["rows"]
    assert cli == web
    assert [r["dimension"] for r in python] == [r["dimension"] for r in cli]
    assert [r["eaeu_value"] for r in python] == [r["eaeu_value"] for r in cli] == ["no_org"] * len(cli)
    with pytest.raises(blocmap.QueryError, match="^on: 2099-01-01 is after today"):
        blocmap.compare("eu,cis", on="2099-01-01")
