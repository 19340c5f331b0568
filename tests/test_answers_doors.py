"""One answer through every door: the CLI, the web API and the Python API ask the same
function (``blocmap.answers``) and get equal records, for curated and imported organizations."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient
from test_world_support import store

import blocmap
from blocmap.cli import main
from blocmap.web.app import create_app

# (name, CLI arguments, web path and query, Python call) — each with {db} where a store is used
QUESTIONS = [
    ("members curated", ["members", "csto", "--on", "2008-06-01"],
     ("/api/members", {"org": "csto", "on": "2008-06-01"}),
     lambda db: blocmap.members("csto", on="2008-06-01", db=db)),
    ("members curated in Chinese, some statuses", ["members", "sco", "--on", "2016-01-01", "--lang", "zh-TW",
                                                   "--status", "observer,participant"],
     ("/api/members", {"org": "sco", "on": "2016-01-01", "lang": "zh-Hant", "status": "observer,participant"}),
     lambda db: blocmap.members("sco", on="2016-01-01", lang="zh-Hant", status="observer,participant", db=db)),
    ("members imported", ["members", "asean", "--on", "2010-01-01"],
     ("/api/members", {"org": "asean", "on": "2010-01-01"}),
     lambda db: blocmap.members("asean", on="2010-01-01", db=db)),
    ("memberships curated", ["memberships", "KAZ", "--on", "2016-01-01", "--lang", "ru"],
     ("/api/memberships", {"state": "KAZ", "on": "2016-01-01", "lang": "ru"}),
     lambda db: blocmap.memberships("KAZ", on="2016-01-01", lang="ru", db=db)),
    ("memberships with imported", ["memberships", "KAZ", "--on", "2010-06-01", "--world"],
     ("/api/memberships", {"state": "KAZ", "on": "2010-06-01", "world": "true"}),
     lambda db: blocmap.memberships("KAZ", on="2010-06-01", world=True, db=db)),
    ("history", ["history", "GEO"], ("/api/history", {"state": "GEO"}),
     lambda db: blocmap.history(state="GEO")),
    ("diff", ["diff", "2014-01-01", "2016-01-01", "--orgs", "eaeu"],
     ("/api/diff", {"date1": "2014-01-01", "date2": "2016-01-01", "orgs": "eaeu"}),
     lambda db: blocmap.diff("2014-01-01", "2016-01-01", orgs="eaeu")),
    ("overlap curated", ["overlap", "--on", "2016-01-01"], ("/api/overlap", {"on": "2016-01-01"}),
     lambda db: blocmap.overlap(on="2016-01-01", db=db)),
    ("overlap with imported", ["overlap", "--on", "2010-06-01", "--orgs", "asean,sco,cis"],
     ("/api/overlap", {"on": "2010-06-01", "orgs": "asean,sco,cis"}),
     lambda db: blocmap.overlap("asean,sco,cis", on="2010-06-01", db=db)),
    ("disputes", ["disputes", "--org", "cis"], ("/api/disputes", {"org": "cis"}),
     lambda db: blocmap.disputes(org="cis")),
]


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(blocmap.load(), store())) as c:
        yield c


def as_json(value):
    return json.loads(json.dumps(value))


@pytest.mark.parametrize("name, cli, web, python", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_every_door_gives_the_same_records(client, name, cli, web, python):
    db = str(store())
    result = CliRunner().invoke(main, [*cli, "--format", "json", *(["--db", db] if "--db" in _options(cli) else [])])
    assert result.exit_code == 0, result.output
    from_cli = json.loads(result.output)
    response = client.get(web[0], params=web[1])
    assert response.status_code == 200, response.text
    from_web = response.json()
    frame = python(db)
    from_python = json.loads(frame.to_json(orient="records", force_ascii=False))
    assert from_cli, name  # a real answer, not an empty list on every side
    assert from_cli == from_web
    assert _numbers(from_python) == _numbers(from_cli)
    assert list(frame.columns) == list(from_cli[0])  # the DataFrame's columns are the JSON fields


def _options(cli: list[str]) -> set[str]:
    """The command's options, from its click definition (so '--db' is given where it exists)."""
    command = main.commands[cli[0]]
    return {opt for param in command.params for opt in getattr(param, "opts", [])}


def _numbers(rows):
    """Whole floats as ints: a DataFrame column of codes with a gap (NaN) is float."""
    def fix(v):
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, list):
            return [fix(x) for x in v]
        if isinstance(v, dict):
            return {k: fix(x) for k, x in v.items()}
        return v
    return [fix(r) for r in rows]


def test_the_store_is_used_through_every_door(client):
    """Without the store the imported organization is unknown at every door, with one message."""
    cli = CliRunner().invoke(main, ["members", "asean", "--on", "2010-01-01"], env={"BLOCMAP_DB": "/nonexistent"})
    assert cli.exit_code == 1
    with TestClient(create_app(blocmap.load())) as plain:
        web = plain.get("/api/members", params={"org": "asean", "on": "2010-01-01"})
    assert web.status_code == 400 and web.json()["parameter"] == "org"
    with pytest.raises(blocmap.QueryError) as caught:
        blocmap.members("asean", on="2010-01-01")
    assert str(caught.value) == web.json()["error"]
    assert client.get("/api/members", params={"org": "asean", "on": "2010-01-01"}).json()


def test_a_state_year_panel_needs_no_import():
    """Curated organizations as a panel, from the bundled data alone (the same call as
    ``blocmap export state-year``)."""
    frame = blocmap.state_years("eaeu", start=2014, end=2016, db=None)
    assert {"ccode", "year", "eaeu"} <= set(frame.columns)
    armenia = frame[(frame.ccode == 371)].set_index("year")["eaeu"].to_dict()
    assert armenia == {2014: -1, 2015: 1, 2016: 1}


@pytest.mark.parametrize("url", ["/org/asean", "/api/org/asean", "/compare?orgs=asean,sco&on=2010-01-01",
                                 "/api/compare?orgs=asean,cis&on=2010-01-01", "/?on=2010-01-01"])
def test_pages_answer_for_imported_organizations(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    if "asean" in url:
        assert "Association of Southeast Asian Nations" in response.text or "ASEAN" in response.text


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "ru"])
def test_sources_are_one_record_at_every_door(client, lang):
    """The bibliography and one source (with its note in the reader's language): CLI = web API = Python."""
    answers = blocmap.ask(db=None)
    for cli, web, python in (
        (["sources"], ("/api/sources", {}), answers.sources(lang)),
        (["sources", "seed"], ("/api/source/seed", {}), answers.source("seed", lang)),
    ):
        result = CliRunner().invoke(main, [*cli, "--lang", lang, "--format", "json"])
        assert result.exit_code == 0, result.output
        response = client.get(web[0], params={**web[1], "lang": lang})
        assert response.status_code == 200, response.text
        assert json.loads(result.output) == response.json() == as_json(python)
    assert answers.source("seed", lang)["note"] == blocmap.load().sources["seed"].text("note", lang)


def test_an_imported_organization_page_has_its_map(client):
    page = client.get("/org/asean").text
    figure = page[page.index('<figure class="locator">'):page.index("</figure>")]
    # COW's last year: the members on the map's edge (Laos, Vietnam), the others named under it
    assert 'aria-label="Map of the members on 2014-12-31"' in figure
    assert re.search(r'aria-label="Laos — member"><path class="land st-member" data-iso3="LAO"', figure)
    assert "outside this map: " in figure and "Indonesia (member)" in figure
    assert "swatch st-observer" not in figure  # its observers are all outside the frame
