"""HTML pages on the bundled data: what a reader sees, in three languages, and offline."""

from __future__ import annotations

import blocmap

import datetime as dt
import re
import subprocess
import sys

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from blocmap.web.app import create_app  # noqa: E402

PAGES = ["/", "/?on=2008-06-01", "/orgs", "/org/csto", "/org/eaeu", "/states", "/state/GEO", "/state/UZB",
         "/compare", "/compare?orgs=cis,csto,eaeu&on=2016-01-01", "/sources", "/source/seed", "/disputes", "/api"]


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(blocmap.load())) as c:
        yield c


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["en", "zh-Hant", "ru"])
def test_every_page_renders_in_every_language(client, page, lang):
    response = client.get(page, params={"lang": lang} if lang != "en" else None)
    assert response.status_code == 200, response.text[:500]
    html = response.text
    assert f'<html lang="{lang}">' in html
    # the language switch is on every page and keeps the page
    for code in ("en", "zh-Hant", "ru"):
        assert f'data-lang="{code}"' in html


def test_nothing_is_loaded_from_elsewhere(client):
    """Offline: every script, style, image and font URL on every page is the app's own."""
    for page in PAGES:
        html = client.get(page).text
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for url in re.findall(rf"<{tag}\b[^>]*\b{attr}=\"([^\"]+)\"", html):
                assert url.startswith("/"), (page, url)
        assert "<script>" not in html and "onclick" not in html  # no inline scripts (CSP)
    css = client.get("/static/atlas.css").text
    external = [u for u in re.findall(r"url\(\"?([^\")]+)", css) if not u.startswith("#")]  # "#hatch": in the page
    assert external == ["/fonts/cjk.woff2", "/static/fonts/noto-cjk-tc-lang.otf"]
    js = client.get("/static/atlas.js").text
    assert "http://" not in js and "https://" not in js


def test_home_on_a_day(client):
    html = client.get("/", params={"on": "2008-06-01"}).text
    assert 'value="2008-06-01"' in html
    # the map: one path per country, coloured by its count of organizations (member or associate;
    # one continuing in another is not one more): Russia 8 (BSEC, CIS, CoE, CSTO, EurAsEC, OSCE,
    # SCO, Union State; the CST, the Customs Union of 1995 and the Shanghai Five continue in
    # others) is the step "7 or more", Kazakhstan 6 (CIS, CSTO, ECO, EurAsEC, OSCE, SCO) "5–6",
    # Poland 4 (CoE, EU, NATO, OSCE)
    assert re.search(r'class="land c6" data-iso3="RUS"', html)
    assert re.search(r'class="land c5" data-iso3="KAZ"', html)
    assert re.search(r'class="land c4" data-iso3="POL"', html)
    assert '<span class="swatch c5"></span>5–6</li><li><span class="swatch c6"></span>7 or more</li>' in html
    # the count of the five post-Soviet organizations, as a choice
    five = client.get("/", params={"on": "2008-06-01", "focus": "post-soviet"}).text
    assert re.search(r'class="land c3" data-iso3="RUS"', five)
    assert re.search(r'class="land c2" data-iso3="KAZ"', five)
    assert re.search(r'class="land " data-iso3="POL"', five)
    assert '<option value="post-soviet" selected>' in five and '<div id="legend-five">' in five
    # the slider carries the key events, with the organizations' own milestones marked
    assert html.count('class="tick') > 50 and 'data-date="2015-01-01"' in html
    # lists and overlap
    assert "Collective Security Treaty Organization" in html and "Uzbekistan" in html
    assert 'id="overlap"' in html and 'id="orgs-today"' in html


def test_home_in_chinese_uses_taiwan_names(client):
    html = client.get("/", params={"on": "2016-01-01", "lang": "zh-Hant"}).text
    for name in ("哈薩克", "亞塞拜然", "喬治亞", "歐亞經濟聯盟", "集體安全條約組織"):
        assert name in html
    assert "挪威" in html  # Norway in NATO (its code 'NO' used to be read as 'false')


def test_focus_colours_by_status(client):
    html = client.get("/", params={"on": "2013-01-01", "focus": "csto"}).text
    assert re.search(r'class="land st-suspended" data-iso3="UZB"', html)
    assert re.search(r'class="land st-member" data-iso3="ARM"', html)


def test_fragment_is_the_changing_part(client):
    html = client.get("/fragment/day", params={"on": "1995-01-01", "lang": "ru"}).text
    assert html.startswith('<div id="day-data"') and 'data-on="1995-01-01"' in html
    assert "<html" not in html and 'id="orgs-today"' in html and 'id="overlap"' in html
    assert "Содружество Независимых Государств" in html


def test_organization_page(client):
    html = client.get("/org/eaeu").text
    assert "Treaty on the Eurasian Economic Union" in html and "2014-05-29" in html and "Astana" in html
    assert "歐亞經濟聯盟" in html and "Евразийский экономический союз" in html  # names in all languages
    assert '<svg class="timeline wide"' in html and "st-member" in html
    assert "/source/eec-treaty-reference" in html
    assert 'id="kgz-eaeu-accession"' in html  # a disagreement between sources is shown
    assert "Organs" in html and "Economic asymmetry over time" in html


def test_state_page(client):
    html = client.get("/state/GEO").text
    assert "Georgia" in html and "2009-08-18" in html and "civil-ge-119287" in html
    assert 'href="/org/cis"' in html and '<svg class="timeline wide"' in html


def test_compare_page_form_and_links(client):
    html = client.get("/compare", params=[("org", "cis"), ("org", "eaeu"), ("on", "2016-01-01")]).text
    assert "Commonwealth of Independent States" in html and "Eurasian Economic Union" in html
    assert 'value="cis" checked' in html and 'value="eaeu" checked' in html


def test_links_keep_the_language(client):
    html = client.get("/org/csto", params={"lang": "zh-Hant"}).text
    assert 'href="/state/ARM?lang=zh-Hant"' in html and 'href="/orgs?lang=zh-Hant"' in html


@pytest.mark.parametrize("url,status,words", [
    ("/org/xyz", 404, "unknown organization"), ("/state/Narnia", 404, "unknown state"),
    ("/?on=2008-02-30", 400, "day 30 does not exist"),  # an unknown ?lang= is English with a note (test_web_day)
    ("/compare?orgs=cis", 400, "at least two"), ("/source/nope", 404, "unknown source"),
    ("/nowhere", 404, "not found"),
])
def test_error_pages_are_pages(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert words in response.text and "Traceback" not in response.text


def test_the_cjk_webfont_is_a_small_subset_that_covers_every_character(client):
    """The font the pages load holds every CJK character blocmap can show, in under 1 MB."""
    import io

    from fontTools.ttLib import TTFont

    import blocmap
    from blocmap.web.pages import cjk_font_file
    from blocmap.web.webfont import characters

    response = client.get("/fonts/cjk.woff2")
    if cjk_font_file() is None:
        assert response.status_code == 404
        return
    assert response.status_code == 200 and response.headers["content-type"] == "font/woff2"
    assert response.content[:4] == b"wOF2" and len(response.content) < 1_000_000
    covered = set(chr(c) for c in TTFont(io.BytesIO(response.content)).getBestCmap())
    wanted = set(characters(blocmap.load().folder))
    assert len(wanted) > 500 and wanted <= covered
    for text in ("哈薩克", "獨立國協", "歐亞經濟聯盟", "集體安全條約組織"):
        assert set(text) <= covered


def test_serve_is_registered_without_importing_the_web_stack():
    code = ("import sys, blocmap.cli as c; assert 'serve' in c.main.commands; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette','uvicorn','jinja2')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_serve_help():
    from click.testing import CliRunner

    from blocmap.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--host" in result.output and "127.0.0.1" in result.output


def test_docs_describe_every_route():
    """docs/web.md names every route of the app (docs that test themselves)."""
    from pathlib import Path

    from blocmap.web.app import routes

    text = (Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text(encoding="utf-8")
    for route in routes():
        path = route.path.replace("{path:path}", "")
        assert f"`{path}" in text or f"`GET {path}" in text or f"| `{path}" in text, path


def test_home_says_what_happened_that_day(client):
    html = client.get("/", params={"on": "2015-08-12"}).text
    block = html[html.index('class="on-this-day"'):]
    block = block[:block.index("</div>")]
    assert "Kyrgyzstan" in block and "EAEU" in block
    assert 'class="on-this-day"' not in client.get("/", params={"on": "2015-08-13"}).text


def test_the_soviet_union_is_drawn_whole_until_its_end(client):
    """Until 1991-12-26 the map draws the USSR as one state (the union of its republics, their
    borders dashed) with its status; from 1991-12-27 the republics are states of their own."""
    from blocmap.answers import Answers
    from blocmap.web.views import Views

    views = Views(Answers(blocmap.load()))
    day = views.day("1991-06-01", "en", "warsaw_pact")
    assert day["map"]["SUN"]["status"] == "member"
    # the Soviet Union in three that day (CMEA, CSCE, Warsaw Pact): Kazakhstan inside it takes them
    assert day["map"]["KAZ"] == {"count": 3, "step": 3, "status": "member", "uncertain": False, "via": "SUN"}
    # the data dates Lithuania from 1990-03-11 and Russia from 1990-06-12, but the USSR kept its
    # borders until it recognised the Baltic states on 1991-09-06
    assert day["map"]["LTU"]["via"] == day["map"]["RUS"]["via"] == "SUN"
    assert [f["state"] for f in day["drawn_whole"]] == ["SUN", "CSK", "YUG"]
    html = client.get("/", params={"on": "1991-06-01", "focus": "warsaw_pact"}).text
    assert 'class="land st-member inner" data-iso3="UKR"' in html
    assert 'class="former on" data-stage="SUN-1991-09-05"' in html and 'class="former" data-stage="SUN-1991-12-25"' in html
    assert re.search(r'class="name former-name on" data-stage="SUN-1991-09-05"[^>]*>Soviet Union<', html)
    assert re.search(r'<p class="note map-borders">Drawn as one state, as on that day: <span class="stage" '
                     r'data-stage="SUN-1991-09-05">Soviet Union \(until 1991-09-05\)</span>', html)
    assert "Soviet Union (" not in html[html.index("map-outside"):html.index("map-borders")]  # drawn, not outside
    autumn = views.day("1991-10-01", "en", None)
    sun = next(f for f in autumn["drawn_whole"] if f["state"] == "SUN")
    assert "EST" not in sun["territories"] and "RUS" in sun["territories"]
    last = client.get("/", params={"on": "1991-12-25"}).text
    assert 'class="former on" data-stage="SUN-1991-12-25"' in last and 'inner" data-iso3="RUS"' in last
    # 1991-12-26, the day it ceased to exist: not drawn; each republic has its own status
    # (Russia a member of the CIS, Armenia only a participant that day: not inside anything)
    ended = client.get("/", params={"on": "1991-12-26"}).text
    assert 'class="former on"' not in ended.split('data-stage="SUN', 1)[0][-40:]
    assert 'class="former on" data-stage="SUN' not in ended
    assert 'class="land c1" data-iso3="RUS"' in ended and 'class="land " data-iso3="ARM"' in ended
    assert "Soviet Union (" not in ended[ended.index("map-outside"):ended.index("map-borders")]
    assert [f["state"] for f in views.day("1991-12-26", "en")["drawn_whole"]] == ["CSK", "YUG"]
    after = client.get("/", params={"on": "1991-12-27"}).text
    assert 'class="former on" data-stage="SUN' not in after  # no Soviet outline any more
    assert 'class="land c2" data-iso3="RUS"' in after  # Russia in the CIS and the CSCE, a state of its own
    assert all(v.get("via") != "SUN" for v in views.day("1992-06-01", "en", "cis")["map"].values())
    assert [f["state"] for f in views.day("1993-06-01", "en")["drawn_whole"]] == ["YUG"]  # the FRY
    assert views.day("2016-01-01", "en")["drawn_whole"] == []


def test_the_drawn_borders_follow_the_states_data():
    """geo.DRAWN_UNTIL's last days are the former states' ends in states.yaml, and each stage's
    shape is the union of its territories (no territory of another state inside)."""
    import shapely

    from blocmap.web.geo import CEASED_ON_END, DRAWN_UNTIL, eurasia

    atlas = blocmap.load()
    for former, (last, left) in DRAWN_UNTIL.items():
        end = atlas.states[former].exists[-1].end.latest
        # the Soviet Union ceased to exist on its end day (1991-12-26): drawn until the day before
        assert end - dt.timedelta(days=1 if former in CEASED_ON_END else 0) == last, former
        for territory, day in left.items():
            state = atlas.states.get(territory)
            if state is not None and territory in ("SVN", "HRV", "MKD"):
                assert state.exists[-1].start.earliest == day + dt.timedelta(days=1), territory
    geo = eurasia()

    def shape(path: str):
        rings = [[tuple(map(float, p.split(","))) for p in ring.split("L")] for ring in path[1:-1].split("ZM")]
        return shapely.make_valid(shapely.MultiPolygon([shapely.Polygon(r) for r in rings if len(r) > 2]))

    countries = {c.iso3: shape(c.path) for c in geo.countries}
    ussr = next(s for s in geo.stages if s.id == "SUN-1991-09-05")
    union = shape(ussr.path)
    assert abs(union.area - sum(countries[t].area for t in ussr.territories)) < 0.01 * union.area
    # neighbours: at most slivers along the border from the outline's 0.3-unit simplification
    assert union.intersection(countries["POL"]).area < 5 and union.intersection(countries["CHN"]).area < 5
    assert len(ussr.path) < 10_000  # simplified: the home page stays small


def test_map_names_fit_their_states(client):
    html = client.get("/", params={"lang": "zh-Hant"}).text
    labels = html[html.index('<g class="labels"'):]
    labels = labels[:labels.index("</g>")]
    assert ">俄羅斯</text>" in labels and ">哈薩克</text>" in labels
    assert ">亞美尼亞</text>" not in labels  # too small to hold its name: its short name, and hover shows it
    assert ">亞美</text>" in labels and ">ARM</text>" not in labels and "<title>亞美尼亞 — " in html


def test_sources_search_and_filters(client):
    every = client.get("/sources").text
    found = client.get("/sources", params={"q": "kremlin csto"}).text
    assert found.count('id="src-') < every.count('id="src-') and 'id="src-kremlin-csto-charter"' in found
    official = client.get("/sources", params={"official": "1"}).text
    assert official.count('id="src-') < every.count('id="src-') and "badge" in official
    assert client.get("/sources", params={"kind": "nonsense"}).status_code == 400
    assert 'type="search"' in client.get("/sources", params={"lang": "zh-Hant"}).text


def test_disputes_filter_controls(client):
    page = client.get("/disputes", params={"org": "cis"}).text
    assert '<option value="cis" selected>' in page and 'name="state"' in page
    assert client.get("/disputes", params={"state": "GEO"}).text.count('<option value="GEO" selected>') == 1


def test_every_post_soviet_state_is_labelled_on_the_map(client):
    page = client.get("/", params={"on": "2016-01-01"}).text
    labels = re.findall(r'<text class="(?:name|code)"[^>]*>([^<]+)</text>', page)
    for iso3, name in [("ARM", "Armenia"), ("AZE", "Azerbaijan"), ("BLR", "Belarus"), ("GEO", "Georgia"),
                       ("MDA", "Moldova"), ("UKR", "Ukraine"), ("KGZ", "Kyrgyzstan"), ("TJK", "Tajikistan"),
                       ("TKM", "Turkmenistan"), ("UZB", "Uzbekistan"), ("KAZ", "Kazakhstan"), ("RUS", "Russia")]:
        assert iso3 in labels or name in labels, iso3


def test_the_map_says_what_it_cannot_show(client):
    page = client.get("/", params={"on": "2016-01-01"}).text
    assert "outside this map:" in page  # (other organizations besides NATO: the CoE, the OSCE …)
    assert re.search(r"United States \([^)]*NATO", page) and re.search(r"Canada \([^)]*NATO", page)
    assert re.search(r'data-iso3="KAZ"[^>]*><title>Kazakhstan — [^<]*CSTO: member', page)
    assert '<p class="note map-borders" hidden>' in page  # there for the slider, hidden today
    early = client.get("/", params={"on": "1991-06-01"}).text
    assert re.search(r'as on that day: <span class="stage" data-stage="SUN-1991-09-05">Soviet Union \(until 1991-09-05\)'
                     r'</span><span class="stage" data-stage="SUN-1991-12-25" hidden>', early)
    assert re.search(r'<p class="note map-germany" hidden>', early)
    assert re.search(r'<p class="note map-germany">Germany is drawn in today', client.get("/", params={"on": "1990-06-01"}).text)


def test_sources_on_an_organization_page_are_numbered_notes(client):
    page = client.get("/org/eaeu").text
    refs = re.findall(r'<a class="src note-ref" href="#src-([^"]+)" title="[^"]+">\[(\d+)\]</a>', page)
    assert refs
    listed = re.findall(r'<li id="src-([^"]+)">', page)
    for key, number in refs:
        assert listed[int(number) - 1] == key


def test_texts_in_another_language_carry_lang(client):
    """On a Chinese page, a source's English title says it is English (screen readers, fonts)."""
    page = client.get("/sources", params={"lang": "zh-Hant"}).text
    assert '<cite lang="en">Member states of the Commonwealth of Independent States</cite>' in page
    org = client.get("/org/cis", params={"lang": "ru"}).text
    assert '<td lang="zh-Hant">獨立國家國協' in org and '<td lang="en">Commonwealth of Independent States' in org


def test_an_organization_page_maps_its_members(client):
    """The organization page's map: the members of the day coloured by status (a link each,
    named with the state and its status), the view cut to them, the members outside the frame
    named, in the page's language."""
    page = client.get("/org/eaeu").text
    figure = page[page.index('<figure class="locator">'):page.index("</figure>")]
    assert 'role="group" aria-label="Map of the members on ' in figure
    for iso3, name in (("RUS", "Russia"), ("KAZ", "Kazakhstan"), ("ARM", "Armenia")):
        assert re.search(rf'aria-label="{name} — member"><path class="land st-member" data-iso3="{iso3}"', figure)
    assert re.search(r'aria-label="Iran — observer"><path class="land st-observer" data-iso3="IRN"', figure)
    assert 'data-iso3="FRA"' not in figure and 'data-iso3="ESP"' not in figure  # cut to the members' extent
    assert 'class="land" data-iso3="CHN"' in figure  # a neighbour in view, not a member, not a link
    assert "outside this map: Cuba (observer)" in figure
    view = [float(v) for v in re.search(r'viewBox="([^"]+)"', figure).group(1).split()]
    assert view[2] < 960 and view[0] > 0
    # a dissolved organization: its last day, the Soviet Union drawn whole
    pact = client.get("/org/warsaw_pact", params={"lang": "ru"}).text
    figure = pact[pact.index('<figure class="locator">'):pact.index("</figure>")]
    assert "Карта членов на 1991-06-30" in figure
    assert 'class="land st-member inner" data-iso3="RUS"' in figure and 'class="former on"' in figure
    assert re.search(r'aria-label="Польша — член"', figure)
    # a membership known only to the month or year is hatched over its status colour
    site = client.app.state.site
    loc = site.locator({"on": "1994-06-01", "members": [
        {"state": "UZB", "name": "Uzbekistan", "status": "member", "certain": False},
        {"state": "KAZ", "name": "Kazakhstan", "status": "observer", "certain": True}]}, "en")
    uzb = next(c for c in loc["countries"] if c["iso3"] == "UZB")
    assert uzb["uncertain"] and uzb["cls"] == "st-member" and uzb["tip"] == "Uzbekistan — member *"
    assert loc["uncertain"] and loc["statuses"] == ["member", "observer"] and loc["on_map"] == 2


def test_a_colour_known_only_to_the_month_is_hatched(client):
    """Georgia joined the CIS in December 1993 (the month only): inside that month the map
    hatches its colour, and the legend says what hatching means."""
    five = {"focus": "post-soviet"}
    page = client.get("/", params={"on": "1993-12-15", **five}).text
    assert 'class="land c1 unc" data-iso3="GEO"' in page and 'class="land c1" data-iso3="ARM"' in page
    assert '<pattern id="unc-c1"' in page and '<span class="swatch unc"></span>* date known only' in page
    assert 'class="land c1" data-iso3="GEO"' in client.get("/", params={"on": "1994-01-01", **five}).text
    # counting every organization, Georgia's count is uncertain too (the CIS and the CSCE/OSCE)
    assert re.search(r'class="land c\d unc" data-iso3="GEO"', client.get("/", params={"on": "1993-12-15"}).text)
    focused = client.get("/", params={"on": "1993-12-15", "focus": "cis"}).text
    assert 'class="land st-member unc" data-iso3="GEO"' in focused and '<pattern id="unc-st-member"' in focused


def test_an_organization_page_charts_its_members_over_time(client):
    """Members by status at each year's end, as the org-year panel counts them: Comecon had the
    six founders and Albania (joined February 1949) at the end of 1949, East Germany too in 1950;
    the chart stops at the page's day and is drawn once more for a phone."""
    from blocmap.answers import Answers
    from blocmap.web.views import Views

    views = Views(Answers(blocmap.load()))
    rows = {r["year"]: r for r in views.org("cmea", "en", "1960-01-01")["members_by_year"]}
    assert rows[1949]["member"] == 7 and rows[1950]["member"] == 8
    assert max(rows) == 1960  # nothing after the page's day
    html = client.get("/org/cmea", params={"on": "1960-01-01", "lang": "zh-Hant"}).text
    assert '<svg class="memberchart wide"' in html and '<svg class="memberchart narrow"' in html
    assert "<title>1950：正式成員 8</title>" in html and "成員數的變化" in html
    assert '<svg class="timeline narrow"' in html
    ru = client.get("/org/osce", params={"on": "1995-06-01", "lang": "ru"}).text
    assert "Участники по годам" in ru and re.search(r"<title>1994: [^<]*участник|<title>1994: член \d+", ru)


def test_the_view_as_csv_and_the_embed_route(client):
    """/day.csv is the home map's data of a day (stable field names, names in the reader's
    language); memberships held only through continues_in say so; only /embed may be framed."""
    import csv
    import io

    response = client.get("/day.csv", params={"on": "2016-01-01", "lang": "ru"})
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="blocmap-2016-01-01.csv"' in response.headers["content-disposition"]
    rows = {r["state"]: r for r in csv.DictReader(io.StringIO(response.text))}
    kaz = rows["KAZ"]
    assert kaz["name"] == "Казахстан" and kaz["on"] == "2016-01-01"
    assert "eaeu:member" in kaz["memberships"] and "ces>eaeu" in kaz["continues_in"]
    # CIS, CIS FTA, CSTO, EAEU, ECO, OSCE, OTS, SCO ("7 or more"); the CES, the CST, the Customs Union
    # and the Shanghai Five continue in others, PfP is a participation
    assert int(kaz["count"]) == 8 and kaz["step"] == "6"
    old = {r["state"]: r for r in csv.DictReader(io.StringIO(client.get("/day.csv", params={"on": "1960-01-01"}).text))}
    assert old["SUN"]["memberships"] == "cmea:member; warsaw_pact:member" and old["UKR"]["drawn_inside"] == "SUN"
    focused = client.get("/day.csv", params={"on": "2016-01-01", "focus": "csto"}).text
    assert re.search(r"\n2016-01-01,UZB,Uzbekistan,\d+,\d,csto,suspended,", focused)
    assert client.get("/day.csv", params={"on": "2999-01-01"}).status_code == 400
    embed = client.get("/embed", params={"on": "1955-06-01", "lang": "zh-Hant"})
    assert embed.status_code == 200 and "x-frame-options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["content-security-policy"]
    assert 'id="map"' in embed.text and 'id="orgs-today"' not in embed.text and '<base target="_blank">' in embed.text
    home = client.get("/", params={"on": "1955-06-01"})
    assert home.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in home.headers["content-security-policy"]
    assert 'href="/day.csv?on=1955-06-01"' in home.text and "/embed?on=1955-06-01" in home.text


@pytest.mark.parametrize("path, lang, translated", [
    ("/compare?orgs=csto,cis&on=2010-01-01", "zh-Hant", "\u300a\u96c6\u9ad4\u5b89\u5168\u689d\u7d04\u7d44\u7e54\u61b2\u7ae0\u300b"),
    ("/org/csto", "ru", "\u0423\u0441\u0442\u0430\u0432 \u041e\u0440\u0433\u0430\u043d\u0438\u0437\u0430\u0446\u0438\u0438 "
                        "\u0414\u043e\u0433\u043e\u0432\u043e\u0440\u0430 \u043e \u043a\u043e\u043b\u043b\u0435\u043a"
                        "\u0442\u0438\u0432\u043d\u043e\u0439 \u0431\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u0438"),
])
def test_a_pages_source_list_gives_each_title_with_its_translation(client, path, lang, translated):
    """The bibliography under a page: the title as published, and beside it the reader's translation."""
    page = client.get(path, params={"lang": lang}).text
    entry = page[page.index('<li id="src-kremlin-csto-charter">'):]
    entry = entry[: entry.index("</li>")]
    assert "Charter of the Collective Security Treaty Organization</cite>" in entry
    assert f'<span class="translated" lang="{lang}">{translated}</span>' in entry


def test_the_page_process_warms_what_a_first_organization_page_loads(monkeypatch):
    from blocmap.core.errors import QueryError
    from blocmap.features import organs
    from blocmap.web.app import warm_pages

    app = create_app(blocmap.load())
    organs._read.cache_clear()
    warm_pages(app.state.site)
    assert organs._read.cache_info().currsize == 1 and "pandas" in sys.modules
    assert app.state.site.views.org("cis", "en")["organs"]  # then answered from what is loaded
    assert organs._read.cache_info().hits >= 1

    def missing(*args, **kwargs):
        raise QueryError("unknown organization 'cis'", "org")

    monkeypatch.setattr(app.state.site.views, "org", missing)
    assert warm_pages(app.state.site) is None  # a data folder without the CIS: nothing raised
