"""Every page answers for a day (``?on=``), in the names of that day, with its evidence beside.

Expected answers are written by hand from the sources (the Treaty of Rome's six, the Merger
Treaty and Maastricht for the EU's names, the CSTO's suspension of Uzbekistan in 2012, the
Union of Belarus and Russia in 1997), on old days (1960, 1980, 1991, 1997, 2003) and recent ones.
"""

from __future__ import annotations

import html as entities
import re

import pytest

import blocmap

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from blocmap.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def atlas():
    return blocmap.load()


@pytest.fixture(scope="module")
def client(atlas):
    with TestClient(create_app(atlas)) as c:
        yield c


def page(client, url: str, **params: str) -> str:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text[:400]
    return response.text


def text(html: str) -> str:
    """What a reader reads: no tags, entities resolved, spaces collapsed."""
    html = re.sub(r"<(script|style|title)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(entities.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def h1(html: str) -> str:
    return text(re.search(r"<h1\b.*?</h1>", html, re.S).group(0))


def internal_links(html: str) -> list[str]:
    """Every link to another page of the atlas (not static files, anchors or the JSON API)."""
    hrefs = [entities.unescape(h) for h in re.findall(r'<a\b[^>]*\bhref="([^"]+)"', html)]
    return [h for h in hrefs if h.startswith("/") and not h.startswith(("/api", "/static", "/openapi", "/euler.svg"))]


# ---------------------------------------------------------------------------- names of the day
@pytest.mark.parametrize("lang, then, beside", [
    ("en", "European Communities", "(today's EU)"),
    ("zh-Hant", "歐洲共同體", "（今日的歐盟）"),
    ("ru", "Европейские сообщества", "(ныне Европейский союз)"),  # "ЕС" both then and now: the full name
])
def test_the_eu_in_1980_is_the_european_communities(client, lang, then, beside):
    html = page(client, "/org/eu", on="1980-01-01", lang=lang)
    assert h1(html).startswith(then) and beside in h1(html)
    heading = {"en": "Members on 1980-01-01", "zh-Hant": "1980-01-01 的成員", "ru": "Члены на 1980-01-01"}[lang]
    assert heading in text(html)
    members = re.search(r'<div class="members-list">(.*?)</table>', html, re.S).group(1)
    # The six of the Treaty of Rome (1958) and the three of 1973; Greece only from 1981.
    assert len(re.findall(r'href="/state/', members)) == 9
    for iso3 in ("BEL", "DEU", "FRA", "ITA", "LUX", "NLD", "DNK", "GBR", "IRL"):
        assert f'href="/state/{iso3}?on=1980-01-01' in members
    assert "/state/GRC" not in members


def test_the_eu_in_1960_is_the_eec_of_six_and_today_the_eu(client):
    html = page(client, "/org/eu", on="1960-01-01")
    assert h1(html).startswith("European Economic Community") and "(today's EU)" in h1(html)
    members = re.search(r'<div class="members-list">(.*?)</table>', html, re.S).group(1)
    assert sorted(re.findall(r'href="/state/(\w+)\?', members)) == ["BEL", "DEU", "FRA", "ITA", "LUX", "NLD"]
    today = page(client, "/org/eu")
    assert h1(today).startswith("European Union") and "today's" not in h1(today)
    assert "Members on " in text(today)


def test_the_organization_page_lists_its_former_names_with_their_days(client):
    html = page(client, "/org/eu", on="1980-01-01")
    table = text(re.search(r'<table class="data former-names">.*?</table>', html, re.S).group(0))
    assert "1958-01-01 – 1967-06-30 European Economic Community (EEC)" in table
    assert "1967-07-01 – 1993-10-31 European Communities (EC)" in table
    # each name with the source's own words
    assert "known as the ‘Merger Treaty’" in table and "founded on the European Communities" in table
    ru = page(client, "/org/eu", on="1980-01-01", lang="ru")
    assert "Прежние названия" in text(ru) and "Европейское экономическое сообщество (ЕЭС)" in text(ru)


def test_russia_in_1997_is_in_the_community_of_russia_and_belarus(client):
    html = page(client, "/state/RUS", on="1997-01-01")
    assert "Organizations on 1997-01-01" in text(html)
    assert re.search(r'href="/org/union_state\?on=1997-01-01">.*?Community of Russia and Belarus</a> '
                     r'<span class="today-name">\(today&#39;s Union State\)</span>', html)
    zh = page(client, "/state/RUS", on="1997-01-01", lang="zh-Hant")
    assert "1997-01-01 所屬的組織" in text(zh) and "（今日的俄白聯盟）" in text(zh)


def test_uzbekistan_in_2003_was_in_guuam(client):
    html = page(client, "/state/UZB", on="2003-01-01")
    row = re.search(r'<tr[^>]*><td><a class="org-key org-c-guam"[^>]*>.*?</tr>', html, re.S).group(0)
    assert "GUUAM" in row and "(today's GUAM)" in text(row) and "ceased" in text(row)


# ---------------------------------------------------------------------------- the day kept
@pytest.mark.parametrize("lang", ["en", "zh-Hant", "ru"])
@pytest.mark.parametrize("url", ["/org/eu", "/org/cis", "/state/UZB", "/state/KAZ", "/compare", "/orgs",
                                 "/disputes", "/source/eurostat-glossary-treaties-rome", "/states", "/sources"])
def test_every_link_keeps_the_day_and_the_language(client, url, lang):
    html = page(client, url, on="1991-12-25", **({} if lang == "en" else {"lang": lang}))
    # the language switch keeps the day (each link in its language) …
    switch = re.findall(r'<a class="lang-link" data-lang="([^"]+)"[^>]*href="([^"]+)"', html)
    assert [(code, "on=1991-12-25" in href) for code, href in switch] == [("en", True), ("zh-Hant", True), ("ru", True)]
    # … and, besides it, the links that lead to other days on purpose: the change days around,
    # the former names' days
    html = re.sub(r'<div class="langs".*?</div>|<span class="day-steps">.*?</span>\s*</form>'
                  r'|<table class="data former-names">.*?</table>', "", html, flags=re.S)
    links = internal_links(html)
    assert len(links) > 8
    for link in links:
        assert "on=1991-12-25" in link, (url, link)
        assert (f"lang={lang}" in link) == (lang != "en"), (url, link)


@pytest.mark.parametrize("url", ["/org/eu", "/state/UZB", "/orgs", "/disputes", "/source/seed"])
def test_every_dated_page_has_the_date_form(client, url):
    html = page(client, url, on="2003-01-01", lang="ru")
    form = re.search(r'<form class="date-form day-bar" method="get" action="([^"]+)">(.*?)</form>', html, re.S)
    assert form and form.group(1) == url
    assert '<input type="date" id="day-on" name="on" value="2003-01-01"' in form.group(2)
    assert '<input type="hidden" name="lang" value="ru">' in form.group(2)


def test_previous_and_next_change_days(client):
    """Uzbekistan's changes around 1 January 2014: the CIS free trade area (signed 2013-05-31; in
    force for it in '2014', which takes effect on the day itself under the first-day rule) and
    2015-01-01 (EurAsEC, in which its membership was suspended, ends)."""
    html = page(client, "/state/UZB", on="2014-01-01")
    assert re.search(r'<a class="day-step" rel="prev" href="/state/UZB\?on=2013-05-31">', html)
    assert re.search(r'<a class="day-step" rel="next" href="/state/UZB\?on=2015-01-01">', html)
    eu = page(client, "/org/eu", on="1980-01-01")  # Greece joins on 1981-01-01
    assert 'rel="prev" href="/org/eu?on=1973-01-01"' in eu and 'rel="next" href="/org/eu?on=1981-01-01"' in eu


def test_without_a_day_the_links_stay_on_today(client):
    html = page(client, "/org/eu")
    assert not [link for link in internal_links(html) if "on=" in link and "day-step" not in link
                and not link.startswith("/org/eu?on=")]


def test_the_home_pages_links_carry_its_day(client):
    html = page(client, "/", on="2016-01-01", lang="zh-Hant")
    assert 'href="/org/eaeu?on=2016-01-01&amp;lang=zh-Hant"' in html
    assert 'href="/state/KAZ?on=2016-01-01&amp;lang=zh-Hant"' in html
    cu = re.search(r'<article class="org-card org-c-customs_union[^"]*" data-org="customs_union">.*?</article>', html,
                   re.S).group(0)
    assert "（延續於歐亞經濟聯盟之中）" in text(cu)
    old = page(client, "/", on="1980-01-01")
    card = re.search(r'<article class="org-card org-c-eu[^"]*" data-org="eu">.*?</article>', old, re.S).group(0)
    assert "European Communities" in card and "(today's EU)" in text(card)


@pytest.mark.parametrize("lang, words", [("en", "not a date"), ("zh-Hant", "不是日期"), ("ru", "не дата")])
@pytest.mark.parametrize("url", ["/org/eu", "/state/UZB", "/orgs", "/disputes", "/source/seed", "/states"])
def test_a_bad_day_is_a_clear_error_in_the_readers_language(client, url, lang, words):
    response = client.get(url, params={"on": "1980-13-01", "lang": lang})
    assert response.status_code == 400
    message = text(re.search(r'<p class="error-message">.*?</p>', response.text, re.S).group(0))
    assert "on" in message and words in message, message
    assert "Traceback" not in response.text
    future = client.get(url, params={"on": "2099-01-01", "lang": lang})
    assert future.status_code == 400 and "2099-01-01" in future.text
    # the error page's own links do not carry the bad day
    assert not [link for link in internal_links(response.text) if "on=" in link]


# ---------------------------------------------------------------------------- statuses of the day
@pytest.mark.parametrize("lang, suspended", [("en", "suspended"), ("zh-Hant", "暫停"), ("ru", "приостановлено")])
def test_uzbekistan_in_2014_is_suspended_in_the_csto(client, lang, suspended):
    html = page(client, "/state/UZB", on="2014-01-01", lang=lang)
    row = re.search(r'<tr[^>]*><td><a class="org-key org-c-csto"[^>]*>.*?</tr>', html, re.S).group(0)
    assert 'class="status st-suspended"' in row and suspended in text(row) and "2012-12-19" in row
    # in 2008 it was a member again (it rejoined on 2006-06-23)
    again = page(client, "/state/UZB", on="2008-06-01", lang=lang)
    row = re.search(r'<tr[^>]*><td><a class="org-key org-c-csto"[^>]*>.*?</tr>', again, re.S).group(0)
    assert 'class="status st-member"' in row and "2006-06-23" in row


def test_an_organization_that_continues_in_another_is_not_counted_again(client):
    """Belarus on 2016-01-01: inside the CIS, its free trade area, the CSTO, the EAEU, the OSCE
    and the Union State (six); the CES and the Customs Union continue inside the EAEU, the
    Collective Security Treaty inside the CSTO; the SCO (observer) and the EaP and PfP
    (participant) are not memberships."""
    html = page(client, "/state/BLR", on="2016-01-01")
    assert "Inside 6 organizations on 2016-01-01." in text(html)
    for org, successor in (("customs_union", "EAEU"), ("ces", "EAEU"), ("cst", "CSTO")):
        row = re.search(rf'<tr class="continuing"><td><a class="org-key org-c-{org}"[^>]*>.*?</tr>', html, re.S)
        assert row and f"(continues in {successor})" in text(row.group(0)), org
    org = page(client, "/org/customs_union", on="2016-01-01")
    assert "continues inside the EAEU" in text(org)
    orgs = page(client, "/orgs", on="2016-01-01")
    row = re.search(r'<tr class="continuing"><td><a href="/org/customs_union\?on=2016-01-01">.*?</tr>', orgs, re.S)
    assert row and "(continues in EAEU)" in text(row.group(0))
    zh = page(client, "/state/BLR", on="2016-01-01", lang="zh-Hant")
    assert "2016-01-01 參加 6 個組織。" in text(zh) and "（延續於歐亞經濟聯盟之中）" in text(zh)


# ---------------------------------------------------------------------------- evidence
def test_a_numbered_note_opens_the_sources_own_words(client):
    html = page(client, "/org/cis", on="1991-12-25")
    numbers = dict((k, n) for n, k in enumerate(re.findall(r'<li id="src-([^"]+)">', html), start=1))
    n = numbers["ligazakon-cis-agreement-1991"]
    note = re.search(rf'<details class="cite"><summary title="ligazakon-cis-agreement-1991">\[{n}\]</summary>'
                     r'(.*?)</details>', html, re.S)
    assert note, "the founding event's note"
    body = note.group(1)
    # marked in its source's language (Ukrainian: sources.yaml lang uk), not guessed from its script
    assert '<blockquote lang="uk">Ми, Республіка Білорусь, Російська Федерація (РРФСР), Україна' in body
    assert "Preamble, first paragraph" in body and re.search(r"read \d{4}-\d{2}-\d{2}", body)
    assert "official or primary record" in body
    assert "Agreement on the Establishment of the Commonwealth of Independent States" in body  # translated title
    # the event says what happened
    assert "Belarus, Russia and Ukraine founded the CIS" in html
    ru = page(client, "/org/cis", on="1991-12-25", lang="ru")
    assert "прочитано" in ru and "официальный или первичный документ" in ru


def test_uzbekistans_suspension_is_quoted_on_its_page(client):
    html = page(client, "/state/UZB", on="2014-01-01", lang="zh-Hant")
    events = re.search(r'<table class="data events">.*?</table>', html, re.S).group(0)
    row = next(r for r in re.findall(r"<tr>.*?</tr>", events, re.S) if "2012-12-19" in r and "org-c-csto" not in r
               and "/org/csto?" in r)
    assert '<details class="cite">' in row and "<blockquote" in row


def test_the_organization_page_shows_the_quality_of_its_evidence(client, atlas):
    from blocmap.features.quality import quality

    row = next(r for r in quality(atlas) if r["org"] == "csto")
    html = page(client, "/org/csto", on="2003-01-01")
    said = text(re.search(r'<p class="evidence-quality">.*?</ul>', html, re.S).group(0))
    assert f"Evidence for its {row['status_changes']} status changes:" in said
    assert f"{100 * row['meets_standard']:.0f}% meet the evidence standard" in said
    assert f"{100 * row['official_status']:.0f}% cite an official or primary record" in said
    assert f"{100 * row['quoted']:.0f}% quote the source's own words" in said


def test_the_sources_page_shows_class_and_translated_title(client):
    html = page(client, "/sources")
    row = re.search(r'<tr id="src-ligazakon-cis-agreement-1991">.*?</tr>', html, re.S).group(0)
    assert "Угода про створення Співдружності Незалежних Держав" in row
    assert "Agreement on the Establishment of the Commonwealth of Independent States" in row
    assert "official or primary record" in text(row)
    assert "scholarly" in text(html) and "news" in text(html)
    zh = page(client, "/sources", lang="zh-Hant")
    assert "官方或原始紀錄" in zh and "來源類別" in zh


# ---------------------------------------------------------------------------- the other pages
def test_compare_and_disputes_and_cited_by_name_the_day(client):
    compare = page(client, "/compare", orgs="eu,nato", on="1980-01-01")
    assert "European Communities" in compare and "(today's EU)" in text(compare)
    assert 'href="/org/eu?on=1980-01-01"' in compare
    disputes = page(client, "/disputes", on="1980-01-01", org="eu")
    assert "names as on 1980-01-01" in text(disputes)
    assert re.search(r'<a href="/org/eu\?on=1980-01-01">EC</a>', disputes)
    cited = page(client, "/source/eurostat-glossary-treaties-rome", on="1980-01-01")
    assert "as on the event's own day" in text(cited) and 'value="1980-01-01"' in cited
    assert re.search(r'<a href="/org/eu\?on=1980-01-01">EEC</a>', cited)  # the event's own day, 1958
    seed = page(client, "/source/seed", on="1997-01-01")  # its disputes: names as on the page's day
    assert "names as on 1997-01-01" in text(seed)


def test_the_json_twins_answer_for_the_day(client):
    eu = client.get("/api/org/eu", params={"on": "1980-01-01"}).json()
    assert eu["on"] == "1980-01-01" and eu["name"] == "European Communities" and eu["name_today"] == "European Union"
    assert len(eu["members_on"]) == 9 and [f["acronym"] for f in eu["former"]] == ["EEC", "EC"]
    uzb = client.get("/api/state/UZB", params={"on": "2014-01-01"}).json()
    assert {r["org"]: r["status"] for r in uzb["memberships_on"]}["csto"] == "suspended"
    assert client.get("/api/org/eu", params={"on": "2099-01-01"}).json()["parameter"] == "on"


@pytest.mark.parametrize("day", ["1960-01-01", "1991-12-25", "2003-01-01", "2016-01-01"])
def test_every_organization_and_post_soviet_state_answers_for_old_and_recent_days(client, atlas, day):
    for org in atlas.orgs:
        html = page(client, f"/org/{org}", on=day, lang="zh-Hant")
        assert f"{day} 的成員" in html and f'<input type="date" id="day-on" name="on" value="{day}"' in html
    for iso3 in ("ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB", "SUN", "DDR"):
        html = page(client, f"/state/{iso3}", on=day, lang="ru")
        assert f"Организации на {day}" in html


def test_the_home_page_renders_every_change_day(client):
    """Every day the slider marks (someone's status changed; organizations founded and ended)
    renders, in the names of that day."""
    days = [e["date"] for e in client.app.state.views.key_events("en")]
    assert len(days) > 100
    for day in days:
        response = client.get("/fragment/day", params={"on": day})
        assert response.status_code == 200, (day, response.text[-300:])


def test_the_browser_language_until_the_reader_chooses(client):
    zh = client.get("/org/eu", headers={"Accept-Language": "zh-TW,zh;q=0.9,en;q=0.8"})
    assert zh.status_code == 200 and '<html lang="zh-Hant' in zh.text and "歐洲聯盟" in zh.text
    ru = client.get("/org/eu", headers={"Accept-Language": "de-DE,ru;q=0.9"})
    assert '<html lang="ru"' in ru.text
    chosen = client.get("/org/eu", params={"lang": "en"}, headers={"Accept-Language": "ru"})
    assert '<html lang="en"' in chosen.text  # the reader's choice wins
    assert zh.headers["vary"] == "Accept-Language"


def test_an_unknown_language_falls_back_to_english_with_a_note(client):
    page = client.get("/org/eu", params={"lang": "xx", "on": "1980-01-01"})
    assert page.status_code == 200 and '<html lang="en"' in page.text
    assert "There is no language &#39;xx&#39; here; this page is in English" in page.text
    assert "lang=xx" not in page.text  # no link carries it on


def test_timeline_rows_are_named_as_on_the_pages_day(client):
    """Georgia's page on 2009: the OSCE's row says OSCE (the CSCE was renamed in 1995), West
    Germany's row on the EU page of 1980 says West Germany."""
    def chart(html: str) -> str:
        start = html.index('<div class="chart">')
        return html[start:html.index("</svg>", start)]

    georgia = chart(page(client, "/state/GEO", on="2009-08-18"))
    assert ">OSCE<" in georgia and ">CSCE<" not in georgia
    assert ">West Germany<" in chart(page(client, "/org/eu", on="1980-01-01"))
