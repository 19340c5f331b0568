"""The HTML report opens anywhere: its Chinese is drawn from glyphs it carries (a WOFF2 subset
embedded as a data URL), not from a font the reader's machine may lack, and it fits a phone.

The browser test runs Debian's chromium with a fontconfig that knows only DejaVu (no CJK font
at all), as on a machine without one, and reads what the browser computed.
"""

from __future__ import annotations

import base64
import io
import os
import re
from pathlib import Path

import pytest

import blocmap
from blocmap.features.fonts import CJK_CHARS
from blocmap.features.report.build import render_report

EMBEDDED = re.compile(r'src: url\("data:font/woff2;base64,([A-Za-z0-9+/=]+)"\) format\("woff2"\)')


@pytest.fixture(scope="module")
def atlas():
    return blocmap.load()


@pytest.fixture(scope="module")
def zh_report(atlas, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "r.html"
    path.write_bytes(render_report(atlas, "1991-12-26", "zh-Hant", "html"))
    return path


def test_the_chinese_report_carries_every_glyph_it_shows(zh_report):
    from fontTools.ttLib import TTFont

    html = zh_report.read_text(encoding="utf-8")
    found = EMBEDDED.findall(html)
    assert len(found) == 1, "one embedded CJK face"
    font = TTFont(io.BytesIO(base64.b64decode(found[0])))
    covered = set(map(chr, font.getBestCmap()))
    shown = set(CJK_CHARS.findall(html[html.index("</style>"):]))
    assert {"獨", "立", "國", "協", "，", "（"} <= shown  # 獨立國協, full-width punctuation
    assert shown <= covered, sorted(shown - covered)[:20]
    assert len(covered) < 3000  # a subset, not the 65,000-glyph font
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_a_report_without_chinese_embeds_no_font(atlas):
    html = render_report(atlas, "1960-01-01", "en", "html").decode("utf-8")
    body = html[html.index("</style>"):]
    assert bool(EMBEDDED.search(html)) == bool(CJK_CHARS.search(body))


CHROMIUM = os.environ.get("BLOCMAP_CHROMIUM", "/usr/bin/chromium")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing")
def test_the_chinese_report_reads_on_a_phone_without_a_cjk_font(zh_report, tmp_path):
    playwright_api = pytest.importorskip("playwright.sync_api")
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                      '<dir>/usr/share/fonts/truetype/dejavu</dir>'
                      f'<cachedir>{tmp_path / "cache"}</cachedir></fontconfig>', encoding="utf-8")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"],
                                    env={**os.environ, "FONTCONFIG_FILE": str(config)})
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto(zh_report.as_uri())
        page.wait_for_function("document.fonts.status === 'loaded'")
        # the embedded face is what draws the Chinese (no system font could)
        assert page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').length") == 1
        assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK TC\"', '獨立國協')")
        # fits the phone: nothing wider than the screen but a table in its own scrolling box
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        small = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e =>
            [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && e.getClientRects().length
            && parseFloat(getComputedStyle(e).fontSize) < 11).map(e => e.tagName + ' ' + e.textContent.slice(0, 20))""")
        assert small == []
        page.screenshot(path=str(tmp_path / "report-zh-390.png"))
        browser.close()
