"""The command line: shapes of JSON/CSV output, languages, and clean one-line errors."""

from __future__ import annotations

import csv
import io
import json

import blocmap

import pytest
from click.testing import CliRunner

from blocmap.cli import main


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def test_members_json_shape():
    result = run("members", "CSTO", "--on", "2008-06-01", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [r["state"] for r in rows] == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert {"state", "status", "org", "since", "since_precision", "certain", "sources", "name"} <= set(rows[0])
    assert rows[-1] == {**rows[-1], "state": "UZB", "status": "member", "since": "2006-06-23",
                        "sources": ["asiaplus-2006-uzb-csto", "lenta-2006-uzb-csto-minsk", "panarmenian-18523"]}


def test_members_table_in_chinese_marks_uncertain_rows():
    result = run("members", "cis", "--on", "2022-06-01", "--lang", "zh-Hant")
    assert result.exit_code == 0
    assert "摩爾多瓦" in result.output and "停止參與" in result.output
    assert "2022 *" in result.output
    assert "日期僅知月份或年份" in result.output


def test_members_csv():
    result = run("members", "eaeu", "--on", "2021-01-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {(r["state"], r["status"]) for r in rows} >= {("ARM", "member"), ("CUB", "observer")}


def test_memberships_json_shape():
    rows = json.loads(run("memberships", "UZB", "--on", "2014-01-01", "--format", "json").output)
    assert {(r["org"], r["status"]) for r in rows} == {("cis", "member"), ("cst", "suspended"), ("csto", "suspended"),
                                                      ("eurasec", "suspended"), ("sco", "member"), ("cis_fta", "member"),
                                                      ("customs_union_1995", "suspended"), ("eco", "member"),
                                                      ("osce", "member"), ("pfp", "participant"),
                                                      ("shanghai_five", "member")}
    # the organizations that continue in another say so (not one more live organization)
    assert {r["org"]: r["continues_in"] for r in rows if r["continues_in"]} == {
        "cst": "csto", "customs_union_1995": "eurasec", "shanghai_five": "sco"}


def test_memberships_in_russian():
    result = run("memberships", "Kazakhstan", "--on", "2016-01-01", "--lang", "ru")
    assert "ОДКБ" in result.output and "ЕАЭС" in result.output and "член" in result.output


def test_history_of_an_org_and_of_a_state():
    org = json.loads(run("history", "eaeu", "--format", "json").output)
    assert any(e["state"] == "KGZ" and e["date"] == "2015-08-12" and e["dispute"] == "kgz-eaeu-accession"
               for e in org)
    state = run("history", "GEO")
    assert "2009-08-18" in state.output and "civil-ge-119287" in state.output


def test_history_unknown_subject():
    result = run("history", "csot")
    assert result.exit_code == 1
    assert result.output.strip().startswith("blocmap: error: unknown organization or state 'csot'")


def test_diff_table_and_json():
    data = json.loads(run("diff", "2014-01-01", "2016-01-01", "--orgs", "eaeu", "--format", "json").output)
    assert {(d["state"], d["after"]) for d in data} == {("ARM", "member"), ("BLR", "member"), ("KAZ", "member"),
                                                       ("KGZ", "member"), ("RUS", "member")}
    table = run("diff", "2014-01-01", "2016-01-01", "--orgs", "eaeu").output
    assert "2015-08-12" in table


def test_overlap_default_is_the_post_soviet_system():
    data = json.loads(run("overlap", "--on", "2016-01-01", "--format", "json").output)
    assert data[0] == {"orgs": ["cis", "csto", "eaeu", "customs_union", "union_state"], "states": ["BLR", "RUS"],
                       "names": ["Belarus", "Russia"]}
    table = run("overlap", "--on", "2016-01-01", "--lang", "zh-Hant").output
    assert "獨立國協 ∩ 集體安全條約組織" in table and "塔吉克" in table


def test_disputes_show_every_claim_with_sources():
    data = json.loads(run("disputes", "--format", "json").output)
    kgz = next(d for d in data if d["id"] == "kgz-eaeu-accession")
    assert kgz["preferred"] == "2015-08-12"
    assert {c["value"] for c in kgz["claims"]} == {"2015-08-12", "2015-08-06", "2015-08-15"}
    court = next(d for d in data if d["id"] == "eaeu-court-term")
    assert {c["value"] for c in court["claims"]} == {"9 years", "10 years"}
    assert "✓ 2015-08-12" in run("disputes", "--state", "KGZ").output


def test_sources_list_and_one_source():
    listing = run("sources").output
    assert "eec-treaty-reference" in listing
    one = run("sources", "wp-cis-member-states").output
    assert "https://en.wikipedia.org/wiki/Member_states_of_the_Commonwealth_of_Independent_States" in one
    assert "read at: https://en.wikipedia-on-ipfs.org/wiki/Member_states_of_the_Commonwealth_of_Independent_States" in one
    bad = run("sources", "wp-cis-membr")
    assert bad.exit_code == 1 and "did you mean 'wp-cis-member-states'" in bad.output


def test_cite():
    assert "blocmap" in run("cite").output
    assert json.loads(run("cite", "--format", "json").output)["orgs"] == 25
    assert run("cite", "--format", "bibtex").output.startswith("@software{blocmap,")


def test_overview_as_json():
    data = json.loads(run("overview", "--on", "2016-01-01", "--format", "json").output)
    eaeu = next(o for o in data["orgs"] if o["id"] == "eaeu")
    assert [s["state"] for s in eaeu["by_status"]["member"]] == ["ARM", "BLR", "KAZ", "KGZ", "RUS"]
    assert data["overlap"]["zones"][0] == {"orgs": ["cis", "csto", "eaeu", "customs_union", "union_state"],
                                           "states": ["BLR", "RUS"], "names": ["Belarus", "Russia"]}


def test_overview_is_the_main_job():
    result = run("overview", "--on", "2016-01-01")
    assert result.exit_code == 0
    assert "Eurasian Economic Union (EAEU)" in result.output
    # the customs union named as on the day: the EAEU's from 2015
    assert "CIS ∩ CSTO ∩ EAEU ∩ EAEU Customs Union ∩ Union State: Belarus, Russia" in result.output


@pytest.mark.parametrize("args,message", [
    (["members", "csot", "--on", "2008-06-01"], "blocmap: error: unknown organization 'csot' (did you mean"),
    (["memberships", "Narnia", "--on", "2008-06-01"], "blocmap: error: unknown state 'Narnia'"),
    (["members", "cis", "--on", "2010-13-45"], "blocmap: error: on: '2010-13-45' is not a date: month 13 does not exist"),
    (["members", "cis", "--on", "2008"], "blocmap: error: on: '2008' is a year; a question needs a day (YYYY-MM-DD)"),
    (["diff", "2014-01-01", "2016-02-30"], "blocmap: error: date2: '2016-02-30' is not a date"),
    (["overlap", "--orgs", "cis,nope"], "blocmap: error: unknown organization 'nope'"),
])
def test_bad_input_is_one_line(args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert result.output.strip().startswith(message)
    assert len(result.output.strip().splitlines()) == 1


def test_bad_option_value_is_a_usage_error():
    result = run("members", "cis", "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


def test_orgs_and_show():
    rows = json.loads(run("orgs", "--on", "2016-01-01", "--format", "json").output)
    by_id = {r["org"]: r for r in rows}
    assert by_id["eaeu"]["members"] == 5 and by_id["eurasec"]["dissolved"] == "2015-01-01"
    assert by_id["eu"]["members"] == 28
    record = json.loads(run("show", "ОДКБ", "--format", "json").output)
    assert record["id"] == "csto" and record["founding_treaty"]["place"] == "Chișinău"
    assert [o["id"] for o in record["predecessors"]] == ["cst"] and "uzb-csto-2012" in record["disputes"]
    assert "集體安全條約組織" in run("show", "csto", "--lang", "zh-Hant").output


def test_status_filter():
    rows = json.loads(run("members", "sco", "--on", "2016-01-01", "--status", "observer", "--format", "json").output)
    assert sorted(r["state"] for r in rows) == ["AFG", "BLR", "IND", "IRN", "MNG", "PAK"]
    bad = run("members", "sco", "--status", "obs")
    assert bad.exit_code == 1 and "unknown status 'obs' (did you mean 'observer'?)" in bad.output


def test_check_shows_the_data_quality_per_organization():
    data = json.loads(run("check", "--format", "json").output)
    assert data["ok"] and data["total_problems"] == 0
    quality = {q["org"]: q for q in data["quality"]}
    assert set(quality) == set(blocmap.load().orgs)
    sco = quality["sco"]
    assert sco["events"] > 30 and 0 < sco["day_precise"] <= 1 and 0 <= sco["official_source"] <= 1
    assert all(":" in where for where in sco["single_source_events"])
    text = run("check").output
    assert text.startswith("ok: ") and "two sources" in text and "sco " in text
