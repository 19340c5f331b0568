"""``blocmap serve`` as a user starts it, and the hooks other features plug into."""

from __future__ import annotations

import blocmap

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")
from starlette.testclient import TestClient  # noqa: E402

from blocmap.web import hooks  # noqa: E402
from blocmap.web.app import create_app  # noqa: E402

SRC = str(Path(__file__).resolve().parents[1] / "src")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, host: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": host} if host else {})
    response = conn.getresponse()
    return response.status, response.read()


@pytest.fixture(scope="module")
def served():
    port = free_port()
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen([sys.executable, "-m", "blocmap", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        try:
            get(port, "/static/favicon.svg")
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "blocmap serve did not start"
            time.sleep(0.1)
    yield port, process
    process.terminate()
    process.wait(timeout=10)


def test_serve_answers_on_loopback(served):
    port, _ = served
    status, body = get(port, "/?on=2008-06-01&lang=zh-Hant")
    assert status == 200 and "集體安全條約組織".encode() in body
    status, body = get(port, "/api/members?org=csto&on=2008-06-01")
    assert status == 200 and b'"UZB"' in body


def test_serve_refuses_foreign_host_names(served):
    """DNS rebinding: a page elsewhere cannot reach the local atlas under its own name."""
    port, _ = served
    assert get(port, "/api/members?org=csto", host="evil.example")[0] == 400
    assert get(port, "/", host=f"localhost:{port}")[0] == 200


def test_host_check_understands_ipv6_literals():
    with TestClient(create_app(blocmap.load(), trusted_hosts=["127.0.0.1", "::1"]), base_url="http://[::1]:8000") as client:
        assert client.get("/api/orgs").status_code == 200
    with TestClient(create_app(blocmap.load(), trusted_hosts=["127.0.0.1", "::1"]), base_url="http://attacker.example") as client:
        response = client.get("/api/orgs")
        assert response.status_code == 400 and "Host" in response.json()["error"]


def test_serve_on_a_busy_port_is_a_one_line_error(served):
    port, _ = served
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, "-m", "blocmap", "serve", "--port", str(port)], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------- hooks
def test_euler_image_is_the_figures_drawing():
    hooks.clear_drawings()
    with TestClient(create_app(blocmap.load())) as client:
        response = client.get("/euler.svg", params={"on": "2016-01-01", "lang": "zh-Hant"})
        assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
        assert b"<svg" in response.content
        assert "script" not in response.headers["content-security-policy"]
        home = client.get("/", params={"on": "2016-01-01"}).text
        assert '<img id="euler" src="/euler.svg?on=2016-01-01&amp;lang=en"' in home
        # No member in any of the five before December 1991: no drawing; the page keeps its table.
        assert client.get("/euler.svg", params={"on": "1991-06-01"}).status_code == 404


def test_the_diagram_is_drawn_in_the_palette_colours_not_recoloured():
    """The web passes palette.ORG_COLOURS to the figures API; the drawing's outlines and names
    carry them, and the same layout drawn without colours uses the figures' own palette."""
    import datetime as dt

    from blocmap.features.figures import api
    from blocmap.features.figures.render import PALETTE
    from blocmap.core.model import POST_SOVIET
    from blocmap.web.palette import ORG_COLOURS

    atlas = blocmap.load()
    on = dt.date(2001, 6, 1)  # CIS and Union State only: the figures would colour them by place
    plain = api.euler_svg(atlas, list(POST_SOVIET), on)
    coloured = api.euler_svg(atlas, list(POST_SOVIET), on, colours={"cis": "#123456", "union_state": "#abcdef"})
    assert "#123456" in coloured and "#abcdef" in coloured and "#123456" not in plain
    assert PALETTE[1].lower() in plain.lower()  # Union State second of two in the figures' palette
    hooks.clear_drawings()
    web = hooks.euler_svg(atlas, POST_SOVIET, on, "en")
    assert ORG_COLOURS["union_state"].lower() in web.lower() and ORG_COLOURS["cis"].lower() in web.lower()
    hooks.clear_drawings()


def test_a_day_like_one_drawn_before_costs_no_drawing(monkeypatch):
    """The page says the day, so the drawing leaves it out: every day with the same memberships
    gets the drawing made for the first of them, and a never-seen day costs a membership query."""
    import datetime as dt

    import blocmap.features.figures.api as api
    from blocmap.core.model import POST_SOVIET

    atlas = blocmap.load()
    hooks.clear_drawings()
    first = hooks.euler_svg(atlas, POST_SOVIET, dt.date(2016, 3, 3), "ru")
    assert "Членство на" not in first and "<!-- Членство -->" in first  # undated title
    drawn = []
    real = api.euler_svg
    monkeypatch.setattr(api, "euler_svg", lambda *a, **k: drawn.append(a) or real(*a, **k))
    assert hooks.euler_svg(atlas, POST_SOVIET, dt.date(2016, 11, 30), "ru") is first
    assert drawn == []
    assert api.drawing_key(atlas, list(POST_SOVIET), dt.date(2016, 3, 3), "ru") != \
        api.drawing_key(atlas, list(POST_SOVIET), dt.date(2014, 3, 3), "ru")  # before the EAEU
    hooks.euler_svg(atlas, POST_SOVIET, dt.date(2014, 3, 3), "ru")
    assert len(drawn) == 1
    hooks.clear_drawings()


def test_a_failing_euler_drawing_is_a_logged_500_and_the_page_still_works(monkeypatch, caplog):
    import blocmap.features.figures.api

    def broken(atlas, on, orgs=None, lang="en", **options):
        raise RuntimeError("a bug in the figures code")

    monkeypatch.setattr(blocmap.features.figures.api, "euler", broken)  # what hooks.euler_svg calls
    hooks.clear_drawings()
    with TestClient(create_app(blocmap.load()), raise_server_exceptions=False) as client:
        image = client.get("/euler.svg", params={"on": "2016-01-02"})
        assert image.status_code == 500 and "internal error" in image.text and "Traceback" not in image.text
        assert client.get("/", params={"on": "2016-01-02"}).status_code == 200  # the diagram is an <img>
    assert "unexpected error on /euler.svg" in caplog.text and "a bug in the figures code" in caplog.text
    hooks.clear_drawings()


def test_organs_depth_and_asymmetry_from_the_paper_feature():
    with TestClient(create_app(blocmap.load())) as client:
        org = client.get("/api/org/eaeu").json()
        assert any(o["id"] == "seec" and o["level"] == "highest" for o in org["organs"])
        assert org["asymmetry"][0]["year"] == 2015 and org["asymmetry"][0]["leader"] == "RUS"
        html = client.get("/org/eaeu", params={"lang": "zh-Hant"}).text
        assert "最高歐亞經濟理事會" in html and 'class="sharechart wide"' in html and 'class="sharechart narrow"' in html
        assert client.get("/api/org/guam").json()["organs"] == []  # none recorded: an empty list
        depth = client.get("/api/compare", params={"orgs": "eaeu,cis,guam"}).json()["depth"]
        assert depth["orgs"] == ["eaeu", "cis"] and depth["missing"] == ["guam"]
        stage = next(r for r in depth["rows"] if r["dimension"] == "stage")
        assert stage["eaeu_value"] == "economic_union"
        page = client.get("/compare", params={"orgs": "eaeu,cis,guam"}).text
        assert "economic union" in page and "No depth data recorded for" in page


def test_a_bug_is_a_logged_500_with_a_plain_page_never_a_missing_feature(monkeypatch, caplog):
    import blocmap.features.organs

    def broken(*args):
        raise RuntimeError("bug in another feature")

    monkeypatch.setattr(blocmap.features.organs, "organs", broken)
    with TestClient(create_app(blocmap.load()), raise_server_exceptions=False) as client:
        page = client.get("/org/cis")
        assert page.status_code == 500 and "<h1" in page.text and "internal error" in page.text
        assert "Traceback" not in page.text and "Not in this version" not in page.text
        api = client.get("/api/org/cis")
        assert api.status_code == 500 and api.json()["error"].startswith("internal error")
    assert "unexpected error on /org/cis" in caplog.text and "bug in another feature" in caplog.text


def test_euler_diagram_from_the_figures_modules():
    """With the figures feature in the checkout, the home page shows its zone-exact diagram."""
    pytest.importorskip("blocmap.features.figures.adapter")
    hooks.clear_drawings()
    with TestClient(create_app(blocmap.load())) as client:
        response = client.get("/euler.svg", params={"on": "2016-01-01", "lang": "zh-Hant"})
        assert response.status_code == 200 and response.content.lstrip().startswith((b"<?xml", b"<svg"))
        assert client.get("/api/day", params={"on": "2016-01-01"}).json()["euler"] is True
        assert client.get("/euler.svg", params={"on": "1991-06-01"}).status_code == 404  # nobody inside yet
    hooks.clear_drawings()


def test_serving_every_interface_needs_the_allowed_names():
    from click.testing import CliRunner

    from blocmap.cli import main

    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "--host 0.0.0.0: listening on every interface needs the names people will use" in result.output
    with TestClient(create_app(blocmap.load(), trusted_hosts=["127.0.0.1", "atlas.example.org"]),
                    base_url="http://atlas.example.org") as client:
        assert client.get("/api/orgs").status_code == 200
    with TestClient(create_app(blocmap.load(), trusted_hosts=["127.0.0.1", "atlas.example.org"]),
                    base_url="http://rebinding.example") as client:
        assert client.get("/api/orgs").status_code == 400


def test_the_diagrams_of_every_change_day_are_prepared_at_start_up(tmp_path, monkeypatch):
    """blocmap serve solves every overlap diagram ahead: afterwards no request solves."""
    monkeypatch.setenv("BLOCMAP_CACHE_DIR", str(tmp_path / "cache"))
    from blocmap.features.figures import api, layout_cache
    from blocmap.web.app import prepare_diagrams

    monkeypatch.setattr(layout_cache, "_DEFAULT", None, raising=False)
    atlas = blocmap.load()
    prepare_diagrams(atlas)
    solved = []
    import blocmap.features.figures.topology as topology

    original = topology.solve
    monkeypatch.setattr(topology, "solve", lambda *a, **k: solved.append(a) or original(*a, **k))
    drawn = 0
    for day in api.change_days(atlas, ["cis", "csto", "eaeu", "customs_union", "union_state"]):
        try:
            drawn += api.euler(atlas, day, "cis,csto,eaeu,customs_union,union_state", "en").layout is not None
        except blocmap.QueryError:  # nobody inside yet: no diagram, and nothing to solve
            pass
    assert drawn > 10 and solved == []


def test_a_served_diagram_is_drawn_in_the_drawing_process(tmp_path, monkeypatch):
    """With the server's preparation on, a diagram asked for is drawn by the drawing process (the
    server's own process never runs the solver or the drawing), and is the same drawing (here
    with no shipped drawings: ``web/drawings.py``)."""
    from blocmap.web import drawings

    monkeypatch.setattr(drawings, "FILE", tmp_path / "none.json.xz")
    hooks.clear_drawings()
    atlas = blocmap.load()
    with TestClient(create_app(atlas, prepare=True)) as client:
        assert id(atlas) in hooks._DRAWER
        image = client.get("/euler.svg", params={"on": "2016-01-02"})
        assert image.status_code == 200 and image.text.lstrip().startswith("<?xml") and "</svg>" in image.text
    hooks.clear_drawings()
    with TestClient(create_app(blocmap.load())) as client:  # drawn here, in this process
        assert client.get("/euler.svg", params={"on": "2016-01-02"}).text == image.text
    hooks.clear_drawings()
