"""The JSON API on the bundled data: same objects as the CLI, real edge dates, every failure path."""

from __future__ import annotations

import blocmap

import json

import pytest

pytest.importorskip("starlette")
from click.testing import CliRunner  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from blocmap.cli import main  # noqa: E402
from blocmap.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(blocmap.load()), raise_server_exceptions=True) as c:
        yield c


def cli_json(*args: str):
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def states(rows, status=None):
    return [r["state"] for r in rows if status is None or r["status"] == status]


# ---------------------------------------------------------------------------- same as the CLI
@pytest.mark.parametrize("org,on,lang", [("csto", "2008-06-01", "en"), ("cis", "2009-08-18", "zh-Hant"),
                                         ("eaeu", "2015-01-02", "ru"), ("ОДКБ", "2012-12-19", "en")])
def test_members_is_the_cli_json(client, org, on, lang):
    response = client.get("/api/members", params={"org": org, "on": on, "lang": lang})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == cli_json("members", org, "--on", on, "--lang", lang)


def test_memberships_and_history_are_the_cli_json(client):
    got = client.get("/api/memberships", params={"state": "UZB", "on": "2008-06-01"}).json()
    assert got == cli_json("memberships", "UZB", "--on", "2008-06-01")
    assert client.get("/api/history", params={"state": "GEO"}).json() == cli_json("history", "GEO")
    assert client.get("/api/history", params={"org": "eaeu"}).json() == cli_json("history", "eaeu")


def test_overlap_is_the_cli_json(client):
    got = client.get("/api/overlap", params={"on": "2016-01-01"}).json()
    assert got == cli_json("overlap", "--on", "2016-01-01")
    assert client.get("/api/overlap", params={"on": "2016-01-01", "orgs": "post-soviet"}).json() == got


# ---------------------------------------------------------------------------- real edge dates
def test_georgia_leaves_the_cis_on_2009_08_18(client):
    before = client.get("/api/members", params={"org": "cis", "on": "2009-08-17"}).json()
    after = client.get("/api/members", params={"org": "cis", "on": "2009-08-18"}).json()
    assert "GEO" in states(before, "member") and "GEO" not in states(after)


def test_uzbekistan_in_the_csto_2006_and_2012(client):
    def status(on):
        rows = client.get("/api/memberships", params={"state": "UZB", "on": on}).json()
        return {r["org"]: r["status"] for r in rows}.get("csto")

    assert status("2006-06-22") is None
    assert status("2006-06-23") == "member"
    assert status("2012-12-19") == "suspended"


def test_eaeu_accessions_armenia_and_kyrgyzstan(client):
    def eaeu(on):
        return states(client.get("/api/members", params={"org": "eaeu", "on": on}).json(), "member")

    assert "ARM" not in eaeu("2015-01-01") and "ARM" in eaeu("2015-01-02")
    assert "KGZ" not in eaeu("2015-08-11") and "KGZ" in eaeu("2015-08-12")


def test_diff_2014_to_2016(client):
    rows = client.get("/api/diff", params={"date1": "2014-01-01", "date2": "2016-01-01", "orgs": "eaeu"}).json()
    assert {r["state"] for r in rows} == {"ARM", "BLR", "KAZ", "KGZ", "RUS"}
    assert all(r["before"] is None and r["after"] == "member" for r in rows)


def test_page_twins(client):
    day = client.get("/api/day", params={"on": "2008-06-01", "focus": "csto"}).json()
    assert day["on"] == "2008-06-01" and day["focus"] == "csto"
    # the count is of every organization (Russia: BSEC, CIS, CoE, CSTO, EurAsEC, OSCE, SCO, Union State)
    assert day["map"]["UZB"]["status"] == "member" and day["map"]["RUS"]["count"] == 8
    five = client.get("/api/day", params={"on": "2008-06-01", "focus": "post-soviet"}).json()
    assert five["focus"] == "post-soviet" and five["map"]["RUS"]["count"] == 3 and five["map"]["RUS"]["step"] == 3
    org = client.get("/api/org/eaeu", params={"lang": "zh-Hant"}).json()
    assert org["name"] == "歐亞經濟聯盟" and org["founding_treaty"]["signed"] == "2014-05-29"
    assert {s["state"] for s in org["spells"]} >= {"ARM", "BLR", "KAZ", "KGZ", "RUS"}
    state = client.get("/api/state/geo").json()
    assert state["iso3"] == "GEO" and any(e["org"] == "cis" and e["event"] == "withdrew" for e in state["events"])
    compare = client.get("/api/compare", params={"orgs": "cis,eaeu", "on": "2016-01-01"}).json()
    assert [o["id"] for o in compare["orgs"]] == ["cis", "eaeu"]
    assert client.get("/api/sources").json()[0]["events"] >= 0
    assert client.get("/api/source/tass-678014").json()["cited_by"]
    assert client.get("/api/source/seed").json()["disputes"]
    assert any(d["id"] == "geo-cis-joined" for d in client.get("/api/disputes").json())


# ---------------------------------------------------------------------------- failures
@pytest.mark.parametrize("url,status,parameter,words", [
    ("/api/members?org=csot&on=2008-06-01", 400, "org", "did you mean"),
    ("/api/members?on=2008-06-01", 400, "org", "missing"),
    ("/api/members?org=csto&on=2008-13-01", 400, "on", "month 13"),
    ("/api/members?org=csto&on=2008", 400, "on", "a year"),
    ("/api/members?org=csto&on=0000-01-01", 400, "on", "year 0"),
    ("/api/members?org=csto&lang=fr", 400, "lang", "unknown language"),
    ("/api/memberships?state=Narnia", 400, "state", "unknown state"),
    ("/api/history", 400, "org", "at least one"),
    ("/api/overlap?orgs=cis,,xyz", 400, "orgs", "unknown organization"),
    ("/api/diff?date1=2014-01-01", 400, "date2", "missing"),
    ("/api/asymmetry?org=eaeu&year=twenty", 400, "year", "not a year"),
    ("/api/compare?orgs=cis", 400, "orgs", "at least two"),
    ("/api/day?focus=nope", 400, "focus", "unknown organization"),
    ("/api/org/nope", 404, "org", "unknown organization"),
    ("/api/state/XXX", 404, "state", "unknown state"),
    ("/api/source/nope", 404, "key", "unknown source"),
])
def test_bad_parameters_name_the_parameter(client, url, status, parameter, words):
    response = client.get(url)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["parameter"] == parameter and words in body["error"] and body["status"] == status


def test_unknown_paths_and_methods(client):
    assert client.get("/api/nothing").status_code == 404
    assert client.get("/api/nothing").json()["status"] == 404
    assert client.get("/no/such/page").status_code == 404
    response = client.post("/api/members?org=csto")
    assert response.status_code == 405 and "read-only" in response.json()["error"]


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/static/geo/../../app.py", "/static//etc/passwd"])
def test_no_path_traversal(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"create_app" not in response.content and b"root:" not in response.content


def test_security_headers(client):
    for url in ("/", "/api/members?org=csto", "/static/atlas.css", "/api/nothing"):
        headers = client.get(url).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "http" not in csp and "unsafe" not in csp


def test_asymmetry_is_the_cli_json(client):
    got = client.get("/api/asymmetry", params={"org": "cis", "year": "2021"}).json()
    assert got == cli_json("asymmetry", "cis", "--year", "2021")
    assert got["leader"] == "RUS" and got["runner_up"] == "KAZ" and got["on"] == "2021-12-31"
    series = client.get("/api/asymmetry", params={"org": "eaeu", "from": "2015", "to": "2017", "lang": "ru"}).json()
    assert series == cli_json("asymmetry", "eaeu", "--from", "2015", "--to", "2017", "--lang", "ru")
    assert [r["year"] for r in series] == [2015, 2016, 2017]


@pytest.mark.parametrize("params,parameter", [
    ({"org": "eaeu", "year": "2021", "from": "2015"}, "year"),
    ({"org": "eaeu", "from": "2015"}, "to"),
    ({"org": "eaeu", "year": "2021", "indicator": "gnp"}, "indicator"),
    ({"org": "eaeu", "year": "2021", "on": "2020-06-01"}, "on"),
    ({"org": "eaeu", "year": "1990"}, "org"),
])
def test_asymmetry_bad_parameters(client, params, parameter):
    response = client.get("/api/asymmetry", params=params)
    assert response.status_code == 400 and response.json()["parameter"] == parameter


def test_openapi_lists_every_api_route(client):
    from blocmap.web import api

    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {path for path, *_ in api.ENDPOINTS}
    for required in ("/api/members", "/api/memberships", "/api/history", "/api/overlap", "/api/asymmetry"):
        assert required in doc["paths"]


# ---------------------------------------------------------------------------- the time atlas (#13)
def test_spells_are_the_answers_rows(client):
    from blocmap.answers import Answers

    answers = Answers(blocmap.load())
    assert client.get("/api/spells", params={"orgs": "cis"}).json() == answers.spells(org="cis")
    both = client.get("/api/spells", params={"orgs": "csto,ОДКБ,eaeu", "lang": "ru"}).json()
    assert both == answers.spells(org="csto", lang="ru") + answers.spells(org="eaeu", lang="ru")
    every = client.get("/api/spells")
    assert every.status_code == 200 and len(every.json()) == len(blocmap.load().spells)
    assert len(every.content) < 200_000  # fetched once by the home page
    bad = client.get("/api/spells", params={"orgs": "csot"})
    assert bad.status_code == 400 and bad.json()["parameter"] == "orgs"


@pytest.mark.parametrize("url,parameter", [
    ("/api/members?org=cis&on=2099-01-01", "on"), ("/api/memberships?state=KAZ&on=2099-01-01", "on"),
    ("/api/overlap?on=2099-01-01", "on"), ("/api/day?on=2099-01-01", "on"), ("/api/orgs?on=2099-01-01", "on"),
    ("/api/compare?orgs=cis,csto&on=2099-01-01", "on"), ("/api/diff?date1=2008-01-01&date2=2099-01-01", "date2"),
])
def test_a_day_after_today_is_a_400_naming_the_parameter(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert "is after today" in response.json()["error"]


def test_pages_refuse_a_day_after_today_and_accept_today(client):
    import datetime as dt

    for url in ("/?on=2099-01-01", "/fragment/day?on=2099-01-01", "/compare?on=2099-01-01", "/euler.svg?on=2099-01-01"):
        response = client.get(url)
        assert response.status_code == 400, url
    assert "on: 2099-01-01 is after today" in client.get("/?on=2099-01-01").text
    today = dt.date.today().isoformat()
    assert client.get("/", params={"on": today}).status_code == 200
    assert client.get("/api/members", params={"org": "cis", "on": today}).status_code == 200
    assert client.get("/api/members", params={"org": "cis", "on": "today"}).status_code == 200


def test_no_diagram_request_before_anyone_is_inside(client):
    early = client.get("/", params={"on": "1991-06-01"}).text
    assert 'id="euler"' not in early and "/euler.svg" not in early and 'id="no-diagram"' in early
    assert client.get("/api/day", params={"on": "1991-06-01"}).json()["euler"] is False
    later = client.get("/", params={"on": "1991-12-10"}).text
    assert '<img id="euler" src="/euler.svg?on=1991-12-10' in later
    assert client.get("/euler.svg", params={"on": "1991-12-10"}).status_code == 200


def test_one_palette_for_the_page_and_the_diagram(client):
    from blocmap.web.palette import ORG_COLOURS

    css = client.get("/palette.css").text
    for org in blocmap.load().orgs:
        assert f".org-c-{org} {{ --org: {ORG_COLOURS[org]}; }}" in css
    assert len({ORG_COLOURS[o] for o in ("cis", "csto", "eaeu", "customs_union", "union_state")}) == 5
    # The Union State is orange whether or not the CSTO and the EAEU are drawn beside it.
    for day in ("2001-06-01", "2016-01-01"):
        svg = client.get("/euler.svg", params={"on": day}).text.lower()
        assert ORG_COLOURS["union_state"].lower() in svg and ORG_COLOURS["cis"].lower() in svg
    assert ORG_COLOURS["csto"].lower() not in client.get("/euler.svg", params={"on": "2001-06-01"}).text.lower()
