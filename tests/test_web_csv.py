"""Every table and view of the web offers its CSV (#25 item 6): a page links the CSV twin of its
JSON (``?format=csv``), which answers with the rows a reader saw, and a wrong format is a 400
that names the parameter."""

from __future__ import annotations

import csv
import io
import re

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

import blocmap  # noqa: E402
from blocmap.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(blocmap.load())) as c:
        yield c


def rows_of(response):
    assert response.status_code == 200, response.text[:200]
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


@pytest.mark.parametrize("page", ["/org/eaeu?on=2016-01-01", "/state/KAZ?on=2003-06-01", "/compare?orgs=cis,eaeu",
                                  "/sources", "/disputes", "/orgs?on=1960-01-01", "/states", "/source/mfa-by-csto", "/"])
def test_every_page_links_its_csv(client, page):
    html = client.get(page).text
    links = [link.replace("&amp;", "&") for link in re.findall(r'class="data-csv" href="([^"]+)"', html)]
    assert links, page
    assert rows_of(client.get(links[0])), page


def test_an_organizations_csv_is_its_members_on_the_day(client):
    rows = rows_of(client.get("/api/org/eaeu", params={"on": "2016-01-01", "format": "csv"}))
    assert {r["state"]: r["status"] for r in rows} == {"ARM": "member", "BLR": "member", "KAZ": "member",
                                                       "KGZ": "member", "RUS": "member"}
    assert {r["since"] for r in rows if r["state"] == "KGZ"} == {"2015-08-12"}


def test_the_compare_csv_has_a_column_per_organization(client):
    rows = rows_of(client.get("/api/compare", params={"orgs": "cis,eaeu", "on": "2016-01-01", "format": "csv"}))
    by_state = {r["state"]: r for r in rows}
    assert (by_state["UKR"]["statuses.cis"], by_state["UKR"]["statuses.eaeu"]) == ("member", "")
    assert (by_state["TKM"]["statuses.cis"], by_state["ARM"]["statuses.eaeu"]) == ("associate", "member")


def test_a_list_keeps_its_lists_in_one_cell_and_records_as_json(client):
    rows = rows_of(client.get("/api/history", params={"org": "guam", "format": "csv"}))
    founded = next(r for r in rows if r["event"] == "founded")
    assert founded["date"] == "1997-10-10" and ", " in founded["sources"]
    assert founded["citations"].startswith("[{")  # nested records: JSON in their cell


@pytest.mark.parametrize("url, params", [("/api/members", {"org": "cis", "format": "xml"}),
                                         ("/api/day", {"format": "csv"})])
def test_a_format_the_endpoint_cannot_give_is_a_400_naming_it(client, url, params):
    response = client.get(url, params={**params, "lang": "ru"})
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == "format" and "\n" not in body["error"] and "формат" in body["error"]
