"""A server fast from its first second (issue 20, item 7): the shipped diagrams, what the
server does before its port answers, and the work it leaves to low-priority processes."""

from __future__ import annotations

import datetime as dt
import json
import lzma

import pytest

import blocmap
from blocmap.core.model import POST_SOVIET
from blocmap.features.figures import api as figures
from blocmap.web import drawings, hooks

pytest.importorskip("uvicorn")
from starlette.testclient import TestClient  # noqa: E402

from blocmap.web.app import create_app  # noqa: E402

REMAKE = "run: PYTHONPATH=src python -m blocmap.web.drawings"


@pytest.fixture(scope="module")
def atlas():
    return blocmap.load()


@pytest.fixture(scope="module")
def shipped():
    return drawings.read()


@pytest.fixture(autouse=True)
def no_kept_drawings():
    hooks.clear_drawings()
    yield
    hooks.clear_drawings()


def test_the_shipped_drawings_are_current(atlas, shipped):
    """Made by this drawing code from this data: every diagram the home page can show is in the
    file (a change to the figures code or the data needs the file made again)."""
    assert shipped["drawings"], f"{drawings.FILE} is missing or was drawn by other drawing code; {REMAKE}"
    assert shipped["code"] == drawings.code_hash()
    missing = set(drawings.change_day_keys(atlas)) - set(shipped["drawings"])
    assert not missing, f"{len(missing)} change days' diagrams are not in {drawings.FILE}; {REMAKE}"
    assert drawings.covers(shipped, atlas)
    # 32 change days of the five up to today, in three languages, share some 90 drawings
    assert 60 < len(shipped["drawings"]) < 200


@pytest.mark.parametrize(("day", "lang"), [(dt.date(1991, 12, 21), "en"), (dt.date(2003, 6, 1), "ru"),
                                           (dt.date(2015, 1, 2), "zh-Hant"), (dt.date.today(), "en")])
def test_a_shipped_drawing_is_the_one_drawn_now(atlas, shipped, day, lang):
    key = figures.drawing_key(atlas, list(POST_SOVIET), day, lang)
    fresh = hooks.draw(atlas, list(POST_SOVIET), day, lang)
    assert shipped["drawings"][key] == fresh and fresh.lstrip().startswith("<?xml")


def test_any_day_has_a_shipped_drawing(atlas, shipped):
    """Days drawn at random (in each language) find their drawing in the file: the days on which
    a drawing can change are known (memberships, names, successions; ``drawings.drawing_days``)."""
    import random

    from blocmap.core.errors import BlocmapError
    from blocmap.core.model import LANGS

    rng = random.Random(20)
    first = dt.date(1991, 12, 8)
    span = (dt.date.today() - first).days
    asked = 0
    for k in range(120):
        day, lang = first + dt.timedelta(days=rng.randrange(span + 1)), LANGS[k % 3]
        try:
            key = figures.drawing_key(atlas, list(POST_SOVIET), day, lang)
        except BlocmapError:  # nobody inside yet
            continue
        asked += 1
        assert key in shipped["drawings"], f"{day} ({lang}) has no shipped drawing"
    assert asked > 100
    # the Union of Belarus and Russia became the Union State on 2000-01-26: another label
    assert "Union of Belarus and Russia" in shipped["drawings"][figures.drawing_key(atlas, list(POST_SOVIET),
                                                                                    dt.date(1999, 8, 27), "en")]


def test_a_day_between_change_days_has_its_change_days_drawing(atlas, shipped):
    """Armenia joined the EAEU on 2015-01-02 and Kyrgyzstan on 2015-08-12: every day between
    shows the drawing of 2015-01-02."""
    key = figures.drawing_key(atlas, list(POST_SOVIET), dt.date(2015, 5, 9), "en")
    assert key == figures.drawing_key(atlas, list(POST_SOVIET), dt.date(2015, 1, 2), "en")
    assert key != figures.drawing_key(atlas, list(POST_SOVIET), dt.date(2015, 8, 12), "en")
    assert key in shipped["drawings"]


def write_document(path, **fields):
    document = {"format": drawings.FORMAT, "code": drawings.code_hash(), "data": "", "built": "2000-01-01",
                "drawings": {}, **fields}
    path.write_bytes(lzma.compress(json.dumps(document).encode()))
    return path


def test_a_stale_or_broken_file_is_ignored_never_served(tmp_path, caplog):
    """Drawn by other drawing code (its hash differs), not ours, not xz, not text: no drawing
    comes from it, and the server draws as asked."""
    caplog.set_level("INFO", logger="blocmap.web")
    stale = write_document(tmp_path / "stale.json.xz", code="0" * 64, drawings={"k": "<svg>old</svg>"})
    assert drawings.load(stale) == {}
    assert "other drawing code" in caplog.text
    assert drawings.load(write_document(tmp_path / "other.json.xz", format="something-else",
                                        drawings={"k": "<svg/>"})) == {}
    assert drawings.load(write_document(tmp_path / "numbers.json.xz", drawings={"k": 3})) == {}
    (tmp_path / "plain.json.xz").write_text('{"format": "blocmap-euler-drawings-1"}')
    assert drawings.load(tmp_path / "plain.json.xz") == {}
    assert drawings.load(tmp_path / "absent.json.xz") == {}
    good = write_document(tmp_path / "good.json.xz", drawings={"k": "<svg>now</svg>", "n": None})
    assert drawings.load(good) == {"k": "<svg>now</svg>", "n": None}


def test_without_the_drawing_code_the_shipped_file_is_not_used(tmp_path, monkeypatch, caplog):
    """Where the font (or matplotlib) is missing, the code cannot be identified: the server
    still starts, with no shipped drawing."""
    from blocmap.core.errors import BlocmapError
    from blocmap.features import fonts

    good = write_document(tmp_path / "good.json.xz", drawings={"k": "<svg>now</svg>"})

    def no_font():
        raise BlocmapError("no CJK font")

    monkeypatch.setattr(fonts, "cjk_font_file", no_font)
    assert drawings.load(good) == {}
    assert "cannot be identified (no CJK font)" in caplog.text


def test_a_file_from_other_data_does_not_cover_it(atlas, shipped, tmp_path):
    """Another data folder (one organization file changed) has other change days: the shipped
    drawings still serve the days they fit, the others are drawn in the background."""
    assert not drawings.covers({**shipped, "data": "0" * 64}, atlas)
    assert not drawings.covers({**shipped, "built": "1991-12-20"}, atlas)  # change days since
    assert drawings.covers({**shipped, "built": "1991-12-20"}, atlas, today=dt.date(1991, 12, 20))


def test_the_server_serves_the_shipped_drawing(atlas, tmp_path, monkeypatch):
    """With the file current, the diagram comes from it: no drawing at start, none on request."""
    key = figures.drawing_key(atlas, list(POST_SOVIET), dt.date(2016, 1, 2), "en")
    monkeypatch.setattr(drawings, "FILE", write_document(tmp_path / "d.json.xz", data=drawings.data_hash(atlas.folder),
                                                         built=dt.date.today().isoformat(),
                                                         drawings={key: "<svg>from the file</svg>"}))
    monkeypatch.setattr(drawings, "covers", lambda document, atlas: True)
    started = []
    monkeypatch.setattr("blocmap.web.app.prepare_diagrams", lambda *a: started.append(a))
    with TestClient(create_app(atlas, prepare=True)) as client:
        image = client.get("/euler.svg", params={"on": "2016-01-02"})
        assert image.status_code == 200 and image.text == "<svg>from the file</svg>"
        assert client.get("/euler.svg", params={"on": "2016-03-03"}).text == "<svg>from the file</svg>"
    assert started == []  # nothing pre-drawn: the file has every change day


def test_the_server_answers_before_any_drawing_is_made(atlas, tmp_path, monkeypatch):
    """No shipped file: the change days' diagrams are drawn by a process of their own, and the
    API and the pages answer meanwhile, with no drawing made yet."""
    monkeypatch.setattr(drawings, "FILE", tmp_path / "absent.json.xz")
    with TestClient(create_app(atlas, prepare=True)) as client:
        assert not [k for k in hooks._DRAWN if k[0] == id(atlas)]
        members = client.get("/api/members", params={"org": "csto", "on": "2008-06-01"})
        assert members.status_code == 200 and "UZB" in {m["state"] for m in members.json()}
        page = client.get("/", params={"on": "2008-06-01", "lang": "ru"})
        assert page.status_code == 200 and "ОДКБ" in page.text
        assert not [k for k in hooks._DRAWN if k[0] == id(atlas)]
        image = client.get("/euler.svg", params={"on": "2008-06-01", "lang": "ru"})  # drawn on request
        assert image.status_code == 200
        key = figures.drawing_key(atlas, list(POST_SOVIET), dt.date(2008, 6, 1), "ru")
        assert image.text == hooks.draw(atlas, list(POST_SOVIET), dt.date(2008, 6, 1), "ru") == \
            hooks._DRAWN[(id(atlas), key)]


def test_the_server_is_warm_before_its_port_answers(atlas, monkeypatch):
    """Before the first request (``warm_up``, which blocmap serve and its page process run
    before they answer): every template compiled and today's home page rendered in every
    language, and templates are not looked up on disk again for each page."""
    from blocmap.web import pages
    from blocmap.web.app import warm_up

    app = create_app(atlas)
    warm_up(app.state.site)
    with TestClient(app) as client:
        environment = pages.templates()
        assert environment.auto_reload is False
        assert {"home.html", "org.html", "state.html"} <= {name for (_, name) in environment.cache.keys()}
        today = dt.date.today().isoformat()
        assert client.app.state.site.home_html.cache_info().currsize >= 3
        rendered = client.app.state.site.home_html.cache_info().hits
        assert client.get("/", params={"on": today, "lang": "ru"}).status_code == 200
        assert client.app.state.site.home_html.cache_info().hits == rendered + 1  # made before the request


def wait_for_pages(app, seconds: float = 90) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not app.state.pages.ready:
        assert time.monotonic() < deadline, "the page process did not start"
        time.sleep(0.1)


def test_pages_are_rendered_by_the_page_process_as_here(atlas, monkeypatch, caplog):
    """blocmap serve renders its pages in a process of its own: the same bytes, status and
    headers as rendered here, errors included; while this process could not render one at all.
    If that process dies, the page is rendered here, said in the log."""
    here = TestClient(create_app(atlas))
    with TestClient(create_app(atlas, prepare=True)) as client, here:
        wait_for_pages(client.app)

        def not_here(*args):
            raise AssertionError("rendered in the server's process")

        monkeypatch.setattr(client.app.state.site, "home_html", not_here)
        for url in ("/?on=2008-06-01&lang=ru", "/org/csto?on=2012-12-20&lang=zh-Hant", "/?on=2099-01-01",
                    "/state/narnia", "/fragment/day?on=1991-12-21"):
            there, local = client.get(url), here.get(url)
            assert (there.status_code, there.content) == (local.status_code, local.content), url
            assert dict(there.headers) == dict(local.headers), url
        assert client.get("/?on=2099-01-01").status_code == 400
        assert client.head("/?on=2008-06-01").status_code == 200
        assert client.get("/api/members", params={"org": "csto", "on": "2008-06-01"}).status_code == 200  # here
        for process in list(client.app.state.pages.pool._processes.values()):
            process.kill()
        monkeypatch.undo()
        page = client.get("/", params={"on": "2003-03-03"})
        assert page.status_code == 200 and page.content == here.get("/", params={"on": "2003-03-03"}).content
        assert client.app.state.pages.ready is False
    assert "the page process failed on /" in caplog.text


def test_the_font_comes_from_its_process_or_is_cut_here(atlas, monkeypatch):
    """The server's font route waits for the font process's cut (never cutting it while that
    runs); where that process failed, the font is cut here, as without a server."""
    from concurrent.futures import Future

    app = create_app(atlas)
    cut, broken = Future(), Future()
    cut.set_result(b"wOF2 from the font process")
    broken.set_exception(RuntimeError("the font process died"))
    monkeypatch.setattr(app.state.site, "cjk_font", lambda: b"wOF2 cut here")
    with TestClient(app) as client:
        app.state.font = cut
        response = client.get("/fonts/cjk.woff2")
        assert response.content == b"wOF2 from the font process" and response.headers["content-type"] == "font/woff2"
        app.state.font = broken
        assert client.get("/fonts/cjk.woff2").content == b"wOF2 cut here"
        assert app.state.font is None  # and from then on here
        assert client.get("/fonts/cjk.woff2").content == b"wOF2 cut here"


def test_no_helper_process_outlives_the_server(atlas, tmp_path, monkeypatch):
    """The page process, the drawing processes and the font process end with the server, even
    in the middle of their work (no shipped file here: the change days are being drawn)."""
    monkeypatch.setattr(drawings, "FILE", tmp_path / "absent.json.xz")
    with TestClient(create_app(atlas, prepare=True)) as client:
        client.get("/euler.svg", params={"on": "2016-01-02"})  # the drawing process starts
        state = client.app.state
        processes = [*state.pages.pool._processes.values(), *state.font_cutter._processes.values(),
                     *hooks._DRAWER[id(atlas)]._processes.values(), *state.drawing_processes]
        assert len(processes) == 4 and all(p.is_alive() for p in processes)
    for process in processes:
        process.join(timeout=10)
    assert not [p for p in processes if p.is_alive()]
    assert id(atlas) not in hooks._DRAWER
