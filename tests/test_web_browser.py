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
    assert "c3" in map_class(page, "RUS") and "c2" in map_class(page, "KAZ")
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

    # Open an organization page from the list.
    page.locator('article[data-org="eaeu"] h3 a').click()
    page.wait_for_url(re.compile(r".*/org/eaeu\?lang=zh-Hant"))
    assert page.locator("h1").inner_text().startswith("歐亞經濟聯盟")
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
