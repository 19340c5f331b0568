"""The web atlas in a real browser: Debian's chromium, headless, driven by Playwright.

Starts ``blocmap serve``'s app with uvicorn on a free loopback port.  Screenshots go to
``build/screenshots/`` (or ``$BLOCMAP_SCREENSHOTS``) for a person to look at.
Playwright never downloads a browser here: it launches /usr/bin/chromium.
"""

from __future__ import annotations

import blocmap

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("BLOCMAP_CHROMIUM", "/usr/bin/chromium")
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)",
                allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
uvicorn = pytest.importorskip("uvicorn")
expect = playwright_api.expect

from blocmap.web.app import create_app  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
SHOTS = Path(os.environ.get("BLOCMAP_SCREENSHOTS", Path(__file__).resolve().parents[1] / "build" / "screenshots"))


@pytest.fixture(scope="module")
def base_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(blocmap.load(), trusted_hosts=["127.0.0.1"]), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=base_url)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    # Offline: any request that leaves the app's own origin fails the test.
    page.on("request", lambda r: problems.append("external request " + r.url)
            if not r.url.startswith(base_url) and not r.url.startswith("data:") else None)
    page.problems = problems
    yield page
    context.close()
    assert not problems, problems  # no script error, no CSP violation, nothing from elsewhere


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def map_class(page, iso3: str) -> str:
    return page.locator(f'#map path[data-iso3="{iso3}"]').get_attribute("class")


def test_home_slider_language_and_organization(page):
    page.goto("/?on=2008-06-01")
    assert page.locator("#on").input_value() == "2008-06-01"
    # every organization counted: Russia in 8 ("7 or more"), Kazakhstan in 6 ("5–6"); see test_web_pages
    assert "c6" in map_class(page, "RUS") and "c5" in map_class(page, "KAZ")
    csto = page.locator('article[data-org="csto"]')
    assert "Uzbekistan" in csto.inner_text()
    shot(page, "home-2008-06-01")

    # Move the slider with the keyboard: the page updates in place, the URL follows.
    page.evaluate("window.__noReload = true")
    page.locator("#slider").focus()
    page.keyboard.press("End")  # today
    expect(page.locator("#day-data")).not_to_have_attribute("data-on", "2008-06-01")
    today = page.locator("#on").input_value()
    assert page.evaluate("window.__noReload") is True  # no full reload
    assert f"on={today}" in page.url
    assert "EAEU" in page.locator("#orgs-today").inner_text()

    # Click a mark on the slider: Georgia leaves the CIS on 2009-08-18.
    page.locator('#ticks rect[data-date="2009-08-18"]').click(force=True)
    expect(page.locator("#day-data")).to_have_attribute("data-on", "2009-08-18")
    assert "Georgia" not in page.locator('article[data-org="cis"]').inner_text()

    # Type a day: the EAEU treaty in force on 2015-01-01.
    page.locator("#on").fill("2015-01-01")
    page.locator("#on").press("Enter")
    expect(page.locator("#day-data")).to_have_attribute("data-on", "2015-01-01")
    assert "on=2015-01-01" in page.url
    eaeu = page.locator('article[data-org="eaeu"]').inner_text()
    assert "Belarus" in eaeu and "Armenia" not in eaeu  # Armenia joins the next day
    page.locator("#next-event").click()
    expect(page.locator("#day-data")).to_have_attribute("data-on", "2015-01-02")
    assert "Armenia" in page.locator('article[data-org="eaeu"]').inner_text()

    # Colour the map by one organization's statuses.
    page.select_option("#focus", "csto")
    expect(page.locator("#day-data")).to_have_attribute("data-focus", "csto")
    assert "st-member" in map_class(page, "ARM") and "st-suspended" in map_class(page, "UZB")
    assert "focus=csto" in page.url and page.locator("#legend-status").is_visible()
    shot(page, "home-2015-01-02-csto")

    # Switch language: the day and the focus are kept.
    page.get_by_role("link", name="繁體中文").click()
    page.wait_for_url(re.compile(r".*lang=zh-Hant.*"))
    assert "on=2015-01-02" in page.url and "focus=csto" in page.url
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    text = page.locator("#orgs-today").inner_text()
    assert "哈薩克" in text and "亞美尼亞" in text and "歐亞經濟聯盟" in text
    shot(page, "home-zh-Hant")

    # Open an organization page from the list: it opens on the day shown, in the language.
    page.locator('article[data-org="eaeu"] h3 a').click()
    page.wait_for_url(re.compile(r".*/org/eaeu\?on=2015-01-02&lang=zh-Hant"))
    assert page.locator("h1").inner_text().startswith("歐亞經濟聯盟")
    assert "2015-01-02 的成員" in page.locator("main h2").first.inner_text()
    assert page.locator("svg.timeline rect.bar").count() >= 5
    assert "2014-05-29" in page.locator("main").inner_text()
    shot(page, "org-eaeu-zh-Hant")


def test_state_compare_and_russian(page):
    page.goto("/state/GEO?lang=ru")
    assert page.locator("h1").inner_text().startswith("Грузия")
    assert "2009-08-18" in page.locator("main").inner_text()
    shot(page, "state-geo-ru")

    page.goto("/compare?orgs=cis,csto,eaeu,customs_union,union_state&on=2016-01-01")
    page.locator('input[name="org"][value="guam"]').check()
    page.locator('.compare-form button[type="submit"]').click()
    page.wait_for_url(re.compile(r".*org=guam.*"))
    assert "GUAM" in page.locator("table.compare thead").inner_text()
    shot(page, "compare")


def test_error_page_in_browser(page):
    response = page.goto("/org/csot")
    assert response.status == 404
    assert "did you mean" in page.locator(".error-message").inner_text()
    page.problems.clear()  # the browser logs the 404 itself


# ---------------------------------------------------------------------------- the time atlas (#13)
def ready(page, url: str) -> None:
    """Open a home page and wait until the script has the spells (it then draws any day)."""
    page.goto(url)
    expect(page.locator("#controls")).to_have_attribute("data-ready", "true")


def slide_to(page, day: str) -> dict:
    """Move the slider as a drag does (an `input` event, no release) and read the page at once,
    in the same task: what the reader sees before any request could have answered."""
    return page.evaluate("""(day) => {
        const first = Date.parse(document.getElementById('controls').dataset.first + 'T00:00:00Z');
        const slider = document.getElementById('slider');
        slider.value = String(Math.round((Date.parse(day + 'T00:00:00Z') - first) / 86400000));
        slider.dispatchEvent(new Event('input', {bubbles: true}));
        const cls = (iso3) => document.querySelector(`#map path[data-iso3="${iso3}"]`).getAttribute('class');
        const card = (org) => { const c = document.querySelector(`article[data-org="${org}"]`); return c ? c.innerText : null; };
        return {on: document.getElementById('on').value, thumb: document.getElementById('thumb-date').textContent,
                RUS: cls('RUS'), UZB: cls('UZB'), GEO: cls('GEO'), ARM: cls('ARM'),
                eaeu: card('eaeu'), cis: card('cis'), csto: card('csto')};
    }""", day)


def test_the_map_and_lists_change_during_a_drag(page):
    ready(page, "/?on=2016-01-01&focus=post-soviet")  # the count of the five post-Soviet organizations
    assert "c5" in map_class(page, "RUS")
    fragments: list[str] = []
    page.on("request", lambda r: fragments.append(r.url) if "/fragment/" in r.url else None)
    # A drag through time: each input event redraws at once, nothing is fetched meanwhile.
    seen = [slide_to(page, day) for day in ("1993-06-01", "2001-06-01", "2008-08-20", "2009-08-18", "2016-01-01")]
    assert [s["on"] for s in seen] == [s["thumb"] for s in seen] == [
        "1993-06-01", "2001-06-01", "2008-08-20", "2009-08-18", "2016-01-01"]
    assert "c1" in seen[0]["RUS"] and seen[0]["eaeu"] is None  # CIS only; no EAEU yet
    assert "c2" in seen[1]["RUS"]  # CIS and Union State
    assert "Georgia" in seen[2]["cis"] and "Georgia" not in seen[3]["cis"]  # Georgia left on 2009-08-18
    assert "c5" in seen[4]["RUS"] and "Armenia" in seen[4]["eaeu"]
    assert "suspended" in seen[4]["csto"] and "Uzbekistan" in seen[4]["csto"]
    assert fragments == []  # all of that without a request

    # A real drag with the mouse: the page follows while the button is still down.
    box = page.locator("#slider").bounding_box()
    y = box["y"] + box["height"] / 2
    thumb_x = box["x"] + 8 + (box["width"] - 16) * float(page.locator("#slider").input_value()) / float(
        page.locator("#slider").get_attribute("max"))
    page.mouse.move(thumb_x, y)
    page.mouse.down()
    import datetime as dt
    first = dt.date.fromisoformat(page.locator("#controls").get_attribute("data-first"))  # 1949: the atlas's first day
    early_1993 = (dt.date(1993, 3, 1) - first).days / float(page.locator("#slider").get_attribute("max"))
    page.mouse.move(box["x"] + 8 + (box["width"] - 16) * early_1993, y, steps=8)  # early 1993
    during = page.locator("#on").input_value()
    assert during < "1994-01-01" and "c1" in map_class(page, "RUS") or "c0" not in map_class(page, "RUS")
    assert page.locator("#thumb-date").inner_text() == during
    assert "on=2016-01-01&focus=post-soviet" in page.url  # not settled while the button is down
    page.mouse.up()
    expect(page.locator("#day-data")).to_have_attribute("data-on", during)
    assert f"on={during}" in page.url
    shot(page, "home-after-drag")


def test_keys_step_by_month_year_and_change(page):
    ready(page, "/?on=2016-01-01")
    slider = page.locator("#slider")
    slider.focus()
    slider.press("ArrowRight")
    assert page.locator("#on").input_value() == "2016-02-01"
    slider.press("Shift+ArrowRight")
    assert page.locator("#on").input_value() == "2017-02-01"
    slider.press("ArrowLeft")
    assert page.locator("#on").input_value() == "2017-01-01"
    assert page.locator("#thumb-date").inner_text() == "2017-01-01"
    assert slider.get_attribute("aria-valuetext") == "2017-01-01"
    # WAI-ARIA slider pattern: Page Up steps forward to the next day on which a status changed
    slider.press("PageUp")
    after = page.locator("#on").input_value()
    assert after > "2017-01-01"
    slider.press("PageDown")  # back: the previous change
    before = page.locator("#on").input_value()
    assert before < "2017-01-01"
    expect(page.locator("#day-data")).to_have_attribute("data-on", before)
    # the change is announced to screen readers
    expect(page.locator("#live")).to_contain_text(before)


def test_play_advances_the_date_and_pauses(page):
    ready(page, "/?on=2008-01-01")
    play = page.locator("#play")
    play.click()
    expect(play).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#on")).not_to_have_value("2008-01-01", timeout=3000)
    page.wait_for_timeout(1200)
    play.click()  # pause
    expect(play).to_have_attribute("aria-pressed", "false")
    stopped = page.locator("#on").input_value()
    assert "2008-03-01" <= stopped <= "2009-06-01", stopped  # a month every ~0.45 s
    expect(page.locator("#day-data")).to_have_attribute("data-on", stopped)
    assert f"on={stopped}" in page.url
    page.wait_for_timeout(600)
    assert page.locator("#on").input_value() == stopped  # paused means paused
    # By year
    page.select_option("#play-step", "year")
    play.click()
    expect(page.locator("#on")).to_have_value(re.compile(r"^2009-"), timeout=3000)
    play.click()
    expect(play).to_have_attribute("aria-pressed", "false")


def test_back_steps_back_through_dates(page):
    ready(page, "/?on=2008-06-01")
    slide_to(page, "2009-08-18")
    page.wait_for_url(re.compile(r".*on=2009-08-18.*"))
    page.locator("#next-event").click()
    page.wait_for_url(lambda u: "on=2009-08-18" not in u)
    third = page.locator("#on").input_value()
    page.go_back()
    page.wait_for_url(re.compile(r".*on=2009-08-18.*"))
    expect(page.locator("#day-data")).to_have_attribute("data-on", "2009-08-18")
    assert page.locator("#on").input_value() == "2009-08-18"
    assert "Georgia" not in page.locator('article[data-org="cis"]').inner_text()
    page.go_back()
    page.wait_for_url(re.compile(r".*on=2008-06-01.*"))
    expect(page.locator("#day-data")).to_have_attribute("data-on", "2008-06-01")
    assert "Georgia" in page.locator('article[data-org="cis"]').inner_text()
    assert page.locator("h1").count() == 1  # still the atlas, not the page before it
    page.go_forward()
    page.wait_for_url(re.compile(r".*on=2009-08-18.*"))
    page.go_forward()
    page.wait_for_url(re.compile(rf".*on={third}.*"))
    expect(page.locator("#day-data")).to_have_attribute("data-on", third)


def test_no_404_and_no_large_request_on_any_slider_position(page):
    responses = []
    page.on("response", lambda r: responses.append(r))
    ready(page, "/?on=2016-01-01")
    heights = []
    # The CIS has its first members (Belarus, Ukraine) on 1991-12-10.
    for day in ("1991-01-01", "1991-06-01", "1991-12-09", "1991-12-10", "1991-12-20", "1991-12-21", "1992-05-15",
                "2002-10-07", "2008-06-01", "2016-01-01"):
        slide_to(page, day)
        expect(page.locator("#day-data")).to_have_attribute("data-on", day)
        if day < "1991-12-10":  # nobody inside the five yet: a sentence, no image request
            expect(page.locator("#no-diagram")).to_be_visible()
            assert page.locator("#euler").count() == 0
        else:
            expect(page.locator("#euler")).to_be_visible()
            page.wait_for_function("document.getElementById('euler').complete")
            assert page.evaluate("document.getElementById('euler').naturalWidth") > 0
        heights.append(page.locator(".euler-box").bounding_box()["height"])
        if day == "1991-06-01":
            shot(page, "home-1991-06-01-no-diagram")
    assert max(heights) - min(heights) < 1, heights  # the diagram's box keeps its size
    bad = [(r.status, r.url) for r in responses if r.status >= 400]
    assert not bad, bad
    sizes = [(int(r.headers["content-length"]), r.url) for r in responses if r.status == 200]
    assert all(size < 1_000_000 for size, _ in sizes), max(sizes)
    assert any("/api/spells" in url for _, url in sizes)


def rgb(hex_colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)))


def test_one_colour_per_organization(page):
    from blocmap.web.palette import ORG_COLOURS

    union_state, cis, csto = (ORG_COLOURS[o] for o in ("union_state", "cis", "csto"))

    def colour(locator) -> str:
        return locator.evaluate("e => getComputedStyle(e).backgroundColor")

    for day in ("2001-06-01", "2016-01-01"):
        page.goto(f"/?on={day}")
        table = colour(page.locator('#overlap table.zones th.org-c-union_state .org-swatch'))
        card = colour(page.locator('article[data-org="union_state"] .org-swatch'))
        assert table == card == rgb(union_state)  # Okabe-Ito orange (darkened to read), on both days
        dot = page.locator('#overlap table.zones .in.org-c-cis').first.evaluate("e => getComputedStyle(e).color")
        assert dot == rgb(cis)
        svg = page.request.get(f"/euler.svg?on={day}").text()
        assert union_state.lower() in svg.lower() and cis.lower() in svg.lower()  # the diagram: the same colours
    assert csto.lower() not in page.request.get("/euler.svg?on=2001-06-01").text().lower()  # no CSTO then
    # the focus colours the members in the organization's colour
    page.goto("/?on=2016-01-01&focus=union_state")
    assert page.locator("#map .sea").evaluate("e => getComputedStyle(e).stroke") == rgb(union_state)
    assert colour(page.locator("#legend-status .org-swatch")) == rgb(union_state)
    assert page.locator("#legend-org").inner_text() == "Union State"
    shot(page, "home-2016-focus-union-state")
    # the timelines of a state page and the compare page: the same colours again
    page.goto("/state/GEO")
    assert page.locator("svg.timeline.wide rect.org-row.org-c-cis").evaluate("e => getComputedStyle(e).fill") == rgb(cis)
    shot(page, "state-geo-timeline-colours")
    page.goto("/compare?orgs=cis,union_state&on=2016-01-01")
    assert colour(page.locator("table.compare th.org-c-union_state .org-swatch")) == rgb(union_state)
    shot(page, "compare-colours")


def test_a_day_after_today_is_refused(page):
    response = page.goto("/?on=2099-01-01")
    assert response.status == 400
    assert "on: 2099-01-01 is after today" in page.locator(".error-message").inner_text()
    api = page.request.get("/api/members?org=cis&on=2099-01-01")
    assert api.status == 400 and api.json()["parameter"] == "on"
    page.problems.clear()  # the browser logs the 400 itself


def test_headings_skip_link_focus_ring_and_live_region(page):
    for url in ("/", "/orgs", "/org/csto", "/states", "/state/GEO", "/compare", "/sources", "/source/seed",
                "/disputes", "/api"):
        page.goto(url)
        assert page.locator("h1").count() == 1, url
    ready(page, "/?on=2016-01-01")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0  # shown when focused
    assert skip.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.locator("#slider").focus()
    page.keyboard.press("ArrowRight")  # keyboard focus: the ring shows
    ring = page.locator("#slider").evaluate("e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]")
    assert ring[0] != "none" and ring[1] != "0px", ring
    expect(page.locator("#live")).to_have_attribute("aria-live", "polite")
    expect(page.locator("#live")).to_contain_text("2016-02-01")
    slide_to(page, "2015-01-01")
    expect(page.locator("#live")).to_contain_text("2015-01-01")
    slide_to(page, "2015-01-02")  # Armenia joins the EAEU
    expect(page.locator("#live")).to_contain_text("EAEU: Armenia now member")
    shot(page, "home-focus-ring")


def test_the_browser_draws_each_day_as_the_server_does(page):
    """The lists and the map drawn from the spells during a drag equal the server's rendering
    of the same day (which replaces them when the date settles)."""
    ready(page, "/?on=2016-01-01")
    read = """() => ({cards: document.getElementById('org-cards').innerText,
                     map: Array.from(document.querySelectorAll('#map path[data-iso3]')).map(p => [p.dataset.iso3, p.getAttribute('class')]),
                     names: Array.from(document.querySelectorAll('#map a[aria-label]')).map(a => a.getAttribute('aria-label')),
                     outside: document.querySelector('p.map-outside').hidden ? '' : document.querySelector('p.map-outside').innerText})"""
    for focus in ("", "csto"):
        if focus:
            page.select_option("#focus", focus)
            expect(page.locator("#day-data")).to_have_attribute("data-focus", focus)
        for day in ("1991-03-01", "1991-12-21", "1993-06-15", "1993-12-15", "1994-01-01", "1999-04-02", "2002-06-01",
                    "2006-08-16", "2008-08-20", "2012-06-28", "2015-01-02", "2020-01-01", "2022-06-01", "2024-02-20"):
            slide_to(page, day)
            drawn = page.evaluate(read)
            expect(page.locator("#day-data")).to_have_attribute("data-on", day)
            served = page.evaluate(read)
            assert drawn["cards"] == served["cards"], (focus, day)
            # the server's colours of the day (pages.map_classes), against the drawn map
            classes = page.evaluate("JSON.parse(document.getElementById('day-data').dataset.map)")
            expected = [[iso3, "land" + (f" {classes[iso3]}" if iso3 in classes else "")] for iso3, _ in drawn["map"]]
            assert drawn["map"] == expected, (focus, day)
    # the links' accessible names drawn in the browser equal the server's (a fresh page of the day)
    for day in ("1991-06-01", "2009-08-18", "2016-01-01"):
        slide_to(page, day)
        drawn = page.evaluate(read)
        served = page.context.new_page()
        served.goto(f"/?on={day}&focus=csto")
        fresh = served.evaluate(read)
        assert drawn["names"] == fresh["names"] and drawn["outside"] == fresh["outside"], day
        served.close()
    assert re.search(r"Canada \([^)]*NATO", drawn["outside"])
    slide_to(page, "1991-10-01")  # no SCO yet: Sri Lanka and Cambodia are not related to anyone
    outside = page.evaluate(read)["outside"]
    assert re.search(r"Canada \([^)]*NATO", outside) and "Sri Lanka" not in outside and "Cambodia" not in outside


def test_without_javascript_the_server_renders_every_day(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto("/?on=2009-08-18")
        assert "c" in map_class(page, "RUS") and "Georgia" not in page.locator('article[data-org="cis"]').inner_text()
        for script_only in ("#play-group", "#thumb-date", "#prev-event", "#next-event", "#slider-keys"):
            assert not page.locator(script_only).is_visible(), script_only
        page.goto("/?on=1991-06-01")
        assert page.locator("#no-diagram").is_visible() and page.locator("#euler").count() == 0
        page.locator("#on").fill("2008-06-01")
        page.locator('.date-form button[type="submit"]').click()  # the <noscript> button
        page.wait_for_url(re.compile(r".*on=2008-06-01.*"))
        assert "c6" in map_class(page, "RUS")
        shot(page, "home-no-javascript")
    finally:
        context.close()


PHONE_PAGES = ["/", "/?lang=ru", "/?lang=zh-Hant&on=1991-06-01", "/orgs", "/org/eaeu", "/org/cis?lang=zh-Hant",
               "/org/warsaw_pact?lang=ru", "/states", "/state/KAZ",
               "/state/GEO?lang=ru", "/compare?orgs=cis,eaeu,csto", "/sources", "/source/seed", "/disputes", "/api"]


def test_no_page_is_wider_than_a_phone(browser, base_url):
    """At 390 px nothing scrolls sideways: wide tables scroll inside their own box."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    page = context.new_page()
    try:
        wide = {}
        for url in PHONE_PAGES:
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide[url] = width
        assert wide == {}
    finally:
        context.close()


def test_chinese_pages_load_the_small_cjk_font_and_english_pages_none(browser, base_url):
    """With no CJK font on the machine, a Chinese page gets its glyphs from the served subset
    (under 1 MB); an English page downloads only the language link's few glyphs."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    fonts = []
    page.on("response", lambda r: fonts.append((r.url.rsplit("/", 1)[-1], len(r.body())))
            if "/fonts/" in r.url and r.status == 200 else None)
    try:
        page.goto("/org/cis?lang=zh-Hant")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert page.evaluate("document.fonts.check(\"16px 'blocmap CJK'\", '獨立國家國協哈薩克')")
        assert any(name.startswith("cjk.woff2") and size < 1_000_000 for name, size in fonts)
        fonts.clear()
        page.goto("/org/cis")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert all(size < 50_000 for _, size in fonts)
    finally:
        context.close()


# ---------------------------------------------------------------------------- maps (#13, the rest)
def test_the_home_map_is_a_group_of_named_links(page):
    ready(page, "/?on=2016-01-01")
    group = page.get_by_role("group", name=re.compile(r"States on the map, with their memberships that day"))
    expect(group).to_have_count(1)
    kaz = group.get_by_role("link", name=re.compile(r"^Kazakhstan — .*CSTO: member"))
    expect(kaz).to_have_count(1)
    assert "EAEU: member" in kaz.get_attribute("aria-label")
    expect(group.get_by_role("link", name="Egypt — no membership that day")).to_have_count(1)
    # names follow the slider: Georgia leaves the CIS on 2009-08-18
    slide_to(page, "2009-08-17")
    assert "CIS: member" in page.locator('#map a[data-name="Georgia"]').get_attribute("aria-label")
    slide_to(page, "2009-08-18")
    assert "CIS" not in page.locator('#map a[data-name="Georgia"]').get_attribute("aria-label")
    # keyboard: the skip link first; past the controls, a link skips the map's links
    page.goto("/?on=2016-01-01&lang=ru")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    skip = page.locator(".skip-map")
    skip.focus()
    assert skip.inner_text() == "Пропустить ссылки карты" and skip.is_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#legend")).to_be_focused()
    page.keyboard.press("Shift+Tab")  # back into the map: the last state's link
    assert page.evaluate("document.activeElement.closest('#map') !== null")


def test_the_soviet_union_is_one_state_until_its_end_while_the_slider_moves(page):
    ready(page, "/?on=2016-01-01")
    outline = page.locator('#map path.former[data-stage="SUN-1991-12-25"]')
    label = page.locator('#map text.former-name[data-stage="SUN-1991-12-25"]')
    russia = page.locator('#map .labels text[data-iso3="RUS"]')
    assert not outline.is_visible() and russia.is_visible()
    slide_to(page, "1991-12-20")  # the CIS exists, the USSR too: Russia inside it, a CIS member
    assert outline.is_visible() and label.is_visible() and not russia.is_visible()
    assert "inner" in map_class(page, "UKR") and "c1" in map_class(page, "RUS")
    expect(page.locator("p.map-borders")).to_be_visible()
    assert "Soviet Union (until 1991-12-25)" in page.locator("p.map-borders").inner_text()
    shot(page, "home-1991-12-20-ussr")
    slide_to(page, "1991-12-27")  # the republics are states of their own
    assert not outline.is_visible() and russia.is_visible() and "inner" not in map_class(page, "UKR")
    assert "Soviet Union" not in page.locator("p.map-borders").inner_text() or not page.locator("p.map-borders").is_visible()
    slide_to(page, "1991-06-01")  # with the Baltic states, before 1991-09-06
    assert page.locator('#map path.former[data-stage="SUN-1991-09-05"]').is_visible()
    assert "inner" in map_class(page, "EST")
    slide_to(page, "1991-10-01")
    assert outline.is_visible() and "inner" not in map_class(page, "EST")
    expect(page.locator("#day-data")).to_have_attribute("data-on", "1991-10-01")
    # the server's rendering of the day agrees
    assert outline.is_visible() and "inner" in map_class(page, "KAZ")
    shot(page, "home-1991-10-01-ussr-without-baltics")


def test_an_organization_page_shows_its_members_on_a_map(browser, base_url):
    for viewport in ({"width": 1440, "height": 900}, {"width": 390, "height": 844}):
        context = browser.new_context(viewport=viewport, base_url=base_url)
        page = context.new_page()
        try:
            for url, lang in (("/org/eaeu", "en"), ("/org/eaeu?lang=zh-Hant", "zh-Hant"), ("/org/csto?lang=ru", "ru")):
                page.goto(url)
                locator = page.locator("figure.locator svg")
                expect(locator).to_be_visible()
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
                fill = page.locator('figure.locator path[data-iso3="KAZ"]').evaluate("e => getComputedStyle(e).fill")
                member = page.locator("figure.locator .swatch.st-member").evaluate("e => getComputedStyle(e).backgroundColor")
                assert fill == member, (url, fill, member)
                other = page.locator('figure.locator path[data-iso3="CHN"]').evaluate("e => getComputedStyle(e).fill")
                assert other != fill
                name = locator.get_attribute("aria-label")
                assert {"en": "Map of the members on", "zh-Hant": "成員分布圖", "ru": "Карта членов на"}[lang] in name
                links = page.locator("figure.locator a")
                assert links.count() >= 5
                assert page.locator("figure.locator svg").bounding_box()["width"] > 250
                shot(page, f"org-locator-{url.strip('/').replace('/', '-').replace('?lang=', '-')}-{viewport['width']}")
        finally:
            context.close()


CONTRAST_SCRIPT = """() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = (c) => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const blend = (top, below, a) => [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a));
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg[3] > 0) { layers.push(bg); if (bg[3] >= 1) break; }
    }
    let colour = [255, 255, 255];
    for (const l of layers.reverse()) colour = blend(l, colour, l[3]);
    return colour;
  }
  function opacity(el) { let o = 1; for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; }
  const bad = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("svg") || ["SCRIPT", "STYLE", "SELECT", "OPTION", "INPUT", "TEXTAREA"].includes(el.tagName)) continue;
    const text = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
    if (!text) continue;
    const rect = el.getBoundingClientRect();
    if (!rect.width || !rect.height || rect.right < 0 || el.closest(".visually-hidden")) continue;
    if (getComputedStyle(el).visibility === "hidden") continue;
    const bg = background(el);
    const fg = parse(getComputedStyle(el).color);
    const seen = blend(fg, bg, fg[3] * opacity(el));
    const r = ratio(seen, bg);
    const needed = /^[●·]$/.test(text) ? 3 : 4.5;  // the zones table's dots are marks, not words
    if (r < needed) bad.push([el.tagName + "." + el.className, text.slice(0, 30), r.toFixed(2)]);
  }
  return bad;
}
"""


def test_text_contrast_as_the_browser_computes_it(page):
    """Every text on the pages, with the colour and background the browser computes (alpha and
    opacity blended down to an opaque background): 4.5:1, and 3:1 for the zones table's dots.
    The stylesheet's own colours are audited in tests/test_web_contrast.py."""
    bad = {}
    for url in ("/?on=2016-01-01", "/?on=1991-06-01&focus=warsaw_pact", "/?on=2016-01-01&lang=zh-Hant", "/org/csto",
                "/org/warsaw_pact?lang=ru", "/state/GEO", "/compare", "/sources", "/disputes", "/orgs", "/api"):
        page.goto(url)
        found = page.evaluate(CONTRAST_SCRIPT)
        if found:
            bad[url] = found
    assert bad == {}


def test_links_follow_the_slider_and_pages_keep_the_day(page):
    """Organization and state links on the home page carry the day the slider shows, during a
    drag already; the organization page opens on that day, names it as then, and its date form
    moves to another day."""
    ready(page, "/?on=2016-01-01&lang=ru")
    slide_to(page, "1997-01-01")
    hrefs = page.evaluate("""() => ({
        card: document.querySelector('article[data-org="union_state"] h3 a').getAttribute('href'),
        state: document.querySelector('#map a[href^="/state/KAZ"]').getAttribute('href'),
        nav: document.querySelector('header nav a[href^="/orgs"]').getAttribute('href')})""")
    assert hrefs == {"card": "/org/union_state?on=1997-01-01&lang=ru", "state": "/state/KAZ?on=1997-01-01&lang=ru",
                     "nav": "/orgs?on=1997-01-01&lang=ru"}
    card = page.locator('article[data-org="union_state"] h3').inner_text()
    assert card.startswith("Сообщество России и Белоруссии") and "(ныне Союзное государство)" in card
    page.locator('article[data-org="union_state"] h3 a').click()
    page.wait_for_url(re.compile(r".*/org/union_state\?on=1997-01-01&lang=ru$"))
    assert page.locator("h1").inner_text().startswith("Сообщество России и Белоруссии")
    assert "Члены на 1997-01-01" in page.locator("main").inner_text()
    page.locator("#day-on").fill("2016-01-01")
    page.locator(".day-bar button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/org/union_state\?on=2016-01-01&lang=ru$"))
    assert page.locator("h1").inner_text().startswith("Союзное государство")
    # a numbered note opens the source's own words
    note = page.locator("table.events details.cite").first
    note.locator("summary").click()
    assert note.locator("blockquote").is_visible() and len(note.locator("blockquote").inner_text()) > 20
    shot(page, "org-union-state-2016-ru-note")


# ---------------------------------------------------------------------------- the whole range, phones, tools (#19)
SMALL_TEXT = r"""() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) {
    const e = n.parentElement;
    if (!n.textContent.trim() || !e || e.closest('[hidden], .visually-hidden, title, script, style, noscript')) continue;
    const cs = getComputedStyle(e);
    if (cs.display === 'none' || cs.visibility === 'hidden' || !e.getClientRects().length) continue;
    let size = parseFloat(cs.fontSize);
    if (e instanceof SVGElement && e.getScreenCTM()) { const m = e.getScreenCTM(); size *= Math.hypot(m.a, m.b); }
    if (size < 11) out.push(`${size.toFixed(1)}px ${e.tagName}.${e.getAttribute('class') || ''} «${n.textContent.trim().slice(0, 20)}»`);
  }
  return out;
}"""


def phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url, has_touch=True,
                                  is_mobile=True, device_scale_factor=2)
    return context, context.new_page()


@pytest.mark.parametrize("path", ["/?on=1960-01-01", "/?on=1991-12-26&lang=zh-Hant", "/?on=2003-06-01&lang=ru", "/",
                                  "/org/cmea?on=1960-01-01&lang=zh-Hant", "/org/eaeu?on=2016-01-01",
                                  "/state/KAZ?on=2003-06-01&lang=ru", "/state/DEU?on=1960-01-01",
                                  "/compare?orgs=eaeu,csto,cis&on=2016-01-01", "/sources?lang=zh-Hant", "/disputes"])
def test_no_text_under_11_px_on_a_phone(browser, base_url, path):
    """At 390 px every text a reader sees (HTML and SVG, the map's labels, the timelines, the
    charts) is at least 11 px as the browser computes it, and no page is wider than the phone."""
    context, page = phone(browser, base_url)
    page.goto(path)
    page.wait_for_load_state("load")
    assert page.evaluate(SMALL_TEXT) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if path.startswith("/org/"):  # the phone's timeline shows every year up to today, not cut at 2005
        axis = page.locator("svg.timeline.narrow text.axis").evaluate_all("ns => ns.map(n => n.textContent)")
        assert axis and int(axis[-1]) >= 2020 and page.locator("svg.timeline.wide").is_hidden()
    SHOTS.mkdir(parents=True, exist_ok=True)  # the first screen (a whole long page at 2x is too big)
    page.screenshot(path=str(SHOTS / ("phone" + re.sub(r"[^\w]+", "-", path).rstrip("-") + ".png")))
    context.close()


@pytest.mark.parametrize("path", ["/?on=2024-12-26&lang=ru", "/?on=2016-01-01&lang=zh-Hant", "/?on=1994-06-01"])
def test_the_euler_diagram_is_laid_out_for_a_phone(browser, base_url, path):
    """At 390 px the overlap shows the narrow drawing (a number in each zone, the states in a key
    under it) across the box's width: its 12 pt text is 11 px or more, and nothing pans; a
    desktop keeps the wide drawing with the names in the zones."""
    context, page = phone(browser, base_url)
    page.goto(path)
    page.wait_for_function("document.getElementById('euler') && document.getElementById('euler').complete")
    img = page.locator("#euler")
    source = img.evaluate("i => i.currentSrc")
    assert "narrow=1" in source
    svg = page.request.get(source).text()
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    shown = img.evaluate("i => i.getBoundingClientRect().width")
    box = page.locator(".euler-box").evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert 12 * shown / width >= 11 and box[0] <= box[1]
    assert page.locator(".euler-hint").count() == 0
    page.locator("#overlap").screenshot(path=str(SHOTS / ("phone-euler" + re.sub(r"[^\w]+", "-", path).rstrip("-") + ".png")))
    context.close()
    desktop = browser.new_page(viewport={"width": 1440, "height": 900}, base_url=base_url)
    desktop.goto(path)
    desktop.wait_for_function("document.getElementById('euler') && document.getElementById('euler').complete")
    assert "narrow" not in desktop.locator("#euler").evaluate("i => i.currentSrc")
    desktop.close()


def test_the_narrow_drawing_is_asked_by_a_yes_or_no_parameter(page):
    assert page.request.get("/euler.svg?on=2016-01-01&narrow=1").text() != page.request.get("/euler.svg?on=2016-01-01").text()
    bad = page.request.get("/euler.svg?on=2016-01-01&narrow=maybe")
    assert bad.status == 400 and "narrow" in bad.text()


def test_the_map_labels_are_readable_on_a_desktop(browser, base_url):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=base_url)
    page = context.new_page()
    page.goto("/?on=2016-01-01")
    sizes = page.evaluate("""() => [...document.querySelectorAll('#map .labels text')].filter(t => t.getClientRects().length
        && getComputedStyle(t).display !== 'none').map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)""")
    assert len(sizes) > 10 and min(sizes) >= 10.5  # 13-unit codes are 10.5 px, names 11+
    assert page.evaluate(SMALL_TEXT.replace("size < 11", "size < 10.5")) == []
    # the colour-by menu shows its whole choice
    page.select_option("#focus", "post-soviet")
    assert page.evaluate("(() => { const s = document.getElementById('focus'); return s.scrollWidth <= s.clientWidth + 1; })()")
    context.close()


def test_the_slider_spans_the_whole_atlas_and_old_days_are_coloured(page):
    ready(page, "/?on=1960-01-01")
    assert page.locator("#controls").get_attribute("data-first") <= "1949-12-31"
    assert page.locator("#on").get_attribute("min") <= "1949-12-31"
    slider = page.locator("#slider")
    first = page.locator("#controls").get_attribute("data-first")
    import datetime as dt
    assert int(slider.input_value()) == (dt.date(1960, 1, 1) - dt.date.fromisoformat(first)).days  # not pinned at 1991
    assert page.locator(".years span").first.inner_text() == "1949"
    # the default colouring counts every organization: France in the CoE, the EEC and NATO (3),
    # the Soviet Union (its republics drawn inside it) in the CMEA and the Warsaw Pact (2)
    assert "c3" in map_class(page, "FRA") and "c2" in map_class(page, "RUS") and "inner" in map_class(page, "RUS")
    assert page.locator("#map path.land[class*=' c']").count() > 20
    assert page.locator('#legend-count').is_visible() and "7 or more" in page.locator("#legend-count").inner_text()
    # Home goes to the atlas's first day, where Comecon's founders are already coloured
    slider.focus()
    page.keyboard.press("Home")
    assert page.locator("#on").input_value() == first
    shot(page, "home-1949")


def test_on_the_day_the_soviet_union_ended_each_republic_has_its_own_colour(page):
    ready(page, "/?on=1991-12-26")
    assert not page.locator('#map path.former[data-stage^="SUN"]').first.is_visible()
    assert page.locator('#map .former-name[data-stage^="SUN"]').evaluate_all(
        "ns => ns.filter(n => n.getClientRects().length && getComputedStyle(n).display !== 'none').length") == 0
    # Russia a CIS member; Armenia only a participant that day (not inside anything): not painted
    assert map_class(page, "RUS") == "land c1" and map_class(page, "ARM") in ("land", "land ")
    assert "Soviet Union" not in page.locator("p.map-borders").inner_text() or not page.locator("p.map-borders").is_visible()
    slide_to(page, "1991-12-25")  # the day before: drawn whole
    assert page.locator('#map path.former[data-stage="SUN-1991-12-25"]').is_visible()
    shot(page, "home-1991-12-25")


def test_the_map_tooltip_lists_the_memberships_of_the_day(page):
    ready(page, "/?on=1960-01-01")
    assert page.locator("#map a[data-name] title").count() == 0  # not the browser's title tooltip
    page.hover('#map path[data-iso3="FRA"]')
    tip = page.locator("#map-tip")
    expect(tip).to_be_visible()
    text = tip.inner_text()
    assert text.startswith("France") and "CoE" in text and "EEC" in text and "NATO" in text and "CMEA" not in text
    page.hover('#map path[data-iso3="UKR"]')  # inside the Soviet Union: its memberships, said so
    text = tip.inner_text()
    assert "Soviet Union" in text and "CMEA" in text and "Warsaw Pact" in text
    shot(page, "home-1960-tooltip")
    # follows the slider: in 2016 Kazakhstan is in the EAEU, and the CES continues in it
    page.goto("/?on=2016-01-01&lang=zh-Hant")
    expect(page.locator("#controls")).to_have_attribute("data-ready", "true")
    page.hover('#map path[data-iso3="KAZ"]')
    text = tip.inner_text()
    assert text.startswith("哈薩克") and "歐亞經濟聯盟" not in text.split("\n")[0]
    assert "延續於" in text  # a membership held only through continues_in says so
    page.mouse.move(5, 5)
    expect(tip).to_be_hidden()


def test_a_tap_shows_the_tooltip_and_a_second_tap_opens_the_page(browser, base_url):
    context, page = phone(browser, base_url)
    page.goto("/?on=2003-06-01&lang=ru")
    expect(page.locator("#controls")).to_have_attribute("data-ready", "true")
    russia = page.locator('#map path[data-iso3="RUS"]')
    russia.scroll_into_view_if_needed()
    russia.tap()
    tip = page.locator("#map-tip")
    expect(tip).to_be_visible()
    assert tip.inner_text().startswith("Россия") and "СНГ" in tip.inner_text()
    assert "/state/" not in page.url
    shot(page, "phone-tap-tooltip")
    russia.tap()
    page.wait_for_url(re.compile(r".*/state/RUS\?on=2003-06-01&lang=ru"))
    context.close()


def check_png(path: Path, svg: str) -> None:
    """A real PNG of the map twice the SVG's size, on white, with the map's colours in it."""
    from PIL import Image

    width, height = (float(v) for v in re.search(r'<svg[^>]*width="([\d.]+)"[^>]*height="([\d.]+)"', svg).groups())
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert abs(image.size[0] - 2 * width) <= 1 and abs(image.size[1] - 2 * height) <= 1
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert max(colours)[1] != (0, 0, 0)  # not an empty (black) canvas
    assert len(colours) > 50  # land, sea, status colours, text


def test_the_view_downloads_as_csv_svg_and_png_and_its_link_reproduces_it(browser, base_url):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=base_url, accept_downloads=True)
    page = context.new_page()
    page.goto("/?on=2016-01-01&focus=csto")
    expect(page.locator("#controls")).to_have_attribute("data-ready", "true")
    with page.expect_download() as got:
        page.locator("a.csv-link").click()
    csv_text = Path(got.value.path()).read_text(encoding="utf-8")
    assert got.value.suggested_filename == "blocmap-2016-01-01-csto.csv"
    assert csv_text.startswith("on,state,name,count,step,focus,focus_status")
    assert re.search(r"\n2016-01-01,UZB,Uzbekistan,\d+,\d,csto,suspended,", csv_text)
    with page.expect_download() as got:
        page.locator("#save-svg").click()
    svg = Path(got.value.path()).read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and 'data-iso3="UZB"' in svg and "2016-01-01" in svg
    assert re.search(r'data-iso3="ARM" d="[^"]*" fill="rgb', svg) or re.search(r'fill="rgb[^"]*"[^>]*data-iso3="ARM"', svg)
    with page.expect_download() as got:
        page.locator("#save-png").click()
    assert got.value.suggested_filename == "blocmap-2016-01-01-csto.png"
    check_png(Path(got.value.path()), svg)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("#copy-link").click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.endswith("/?on=2016-01-01&focus=csto")
    fresh = context.new_page()
    fresh.goto(link)
    assert fresh.locator("#focus").input_value() == "csto" and "st-suspended" in map_class(fresh, "UZB")
    context.close()


def test_only_the_embed_route_may_be_framed(browser, base_url):
    """A slide on another site frames /embed (the map and its slider); the other pages refuse.
    (Chromium would refuse a page of a public site framing a loopback address: that check is off.)"""
    other = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=ARGS + [
        "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessForNavigations"])
    try:
        page = other.new_page(viewport={"width": 1000, "height": 900})
        page.route("http://school.test/slide.html", lambda r: r.fulfill(content_type="text/html", body=(
            f'<iframe id="embed" src="{base_url}/embed?on=1955-06-01&lang=zh-Hant" width="900" height="700"></iframe>'
            f'<iframe id="home" src="{base_url}/?on=1955-06-01" width="300" height="200"></iframe>')))
        page.goto("http://school.test/slide.html")
        embed = page.frame_locator("#embed")
        expect(embed.locator("#controls")).to_have_attribute("data-ready", "true")
        assert embed.locator("#map").count() == 1 and embed.locator("#orgs-today").count() == 0
        assert embed.locator("header.top").count() == 0 and "1955-06-01" in embed.locator("h1").inner_text()
        assert page.frame_locator("#home").locator("#map").count() == 0  # refused
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "embed-1955.png"))
    finally:
        other.close()


def test_the_scripts_counted_words_take_the_numbers_form_in_russian(page):
    """The live region's "and n more changes" in the number's form, by the catalog's rule
    (the page's own script: ``blocmapCount``), and the changes joined in the reader's way."""
    ready(page, "/?on=1991-12-20&lang=ru")
    forms = page.evaluate("[1, 2, 5, 11, 21, 22, 25, 101, 111, 1001].map((n) => blocmapCount('count.live_more', n))")
    assert forms == ["и ещё 1 изменение", "и ещё 2 изменения", "и ещё 5 изменений", "и ещё 11 изменений",
                     "и ещё 21 изменение", "и ещё 22 изменения", "и ещё 25 изменений", "и ещё 101 изменение",
                     "и ещё 111 изменений", "и ещё 1001 изменение"]
    slide_to(page, "1991-12-22")  # the Alma-Ata signatures: more changes than the region lists
    expect(page.locator("#live")).to_contain_text(re.compile(r"и ещё \d+ изменени"))
    assert "изменений:" not in page.locator("#live").text_content()
    ready(page, "/?on=1991-12-20&lang=zh-Hant")
    assert page.evaluate("blocmapCount('count.live_more', 5)") == "另有 5 項變動"
    slide_to(page, "1991-12-22")
    expect(page.locator("#live")).to_contain_text("；")
    live = page.locator("#live").text_content()
    assert "; " not in live and live.endswith("。"), live
