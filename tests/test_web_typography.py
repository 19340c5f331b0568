"""The web pages' punctuation in the reader's language (issue #19, item 8): full-width marks
against Chinese, «» in Russian, counted phrases in the number's form, charts' captions in the
reader's language."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import blocmap

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from blocmap.web.app import create_app  # noqa: E402

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
#: an ASCII bracket, colon, comma or semicolon against a Chinese character (one space allowed)
ASCII_NEXT_TO_HAN = re.compile(rf"[{HAN}] ?[(),:;]|[(),:;] ?[{HAN}]")
TODAY = dt.date.today().isoformat()


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(blocmap.load())) as c:
        yield c


def page(client, path: str, lang: str) -> str:
    """The page at ``path`` (its own query kept: ``params=`` would replace it) in ``lang``."""
    response = client.get(path + ("&" if "?" in path else "?") + "lang=" + lang)
    assert response.status_code in (200, 404), response.text[:300]
    return response.text


def readers_text(html: str, lang: str) -> str:
    """What a reader of ``lang`` reads in the page's own words: no scripts or styles, and not
    what is written as it stands elsewhere — an element marked in another language (a name in
    the "Names" table, a Russian source's title), a source's own words (``<blockquote>``), a
    work's title (``<cite>``) or code (``<code>``).  Each element's text stays apart from the
    next (a table cell is not the next cell's neighbour)."""
    html = re.sub(r"<(script|style|title)\b.*?</\1>", "\n", html, flags=re.S)
    html = re.sub(rf'<(\w+)[^>]*\blang="(?!{re.escape(lang)}")[^"]*"[^>]*>.*?</\1>', "\n", html, flags=re.S)
    html = re.sub(r"<(blockquote|cite|code)\b[^>]*>.*?</\1>", "\n", html, flags=re.S)
    html = re.sub(r"</?(td|th|li|p|h\d|dt|dd|div|section|article|option|label|tr)\b[^>]*>", "\n", html)
    import html as entities

    return entities.unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize("path", ["/?on=1960-01-01", "/?on=1991-12-26", f"/?on={TODAY}", "/org/eaeu",
                                  "/org/cis?on=1995-01-01", "/compare", "/compare?orgs=cis,csto,eaeu&on=2016-01-01",
                                  "/state/KAZ", "/state/GEO?on=2003-06-01", "/orgs", "/source/seed", "/nowhere"])
def test_chinese_pages_have_no_ascii_punctuation_against_chinese(client, path):
    html = page(client, path, "zh-Hant")
    text = re.sub(r"「[^」]*」", "「」", readers_text(html, "zh-Hant"))  # words quoted stand as written
    assert re.search(f"[{HAN}]", text)
    found = [line.strip() for line in text.splitlines() if ASCII_NEXT_TO_HAN.search(line)]
    assert found == []


def test_the_pieces_are_chinese_where_they_were_ascii(client):
    """The places the issue named, as a reader sees them now."""
    org = client.get("/org/eaeu", params={"lang": "zh-Hant"}).text
    assert "資料版本：" in org and "資料版本:" not in org
    assert re.search(r"[\[]爭議：[a-z0-9-]+\]", org)  # [爭議：arm-eaeu-signed], not [爭議: …]
    assert re.search(r"\d{4}-\d{2}-\d{2}，阿斯塔納", org)  # the treaty signed on a day, in a place
    assert "古巴（觀察員）" in org  # members outside the locator map
    compare = client.get("/compare", params={"lang": "zh-Hant", "orgs": "cis,csto,eaeu", "on": "2016-01-01"}).text
    assert re.search(r"（起始 \d{4}-\d{2}-\d{2}）", compare) and "(起始" not in compare
    home = client.get("/", params={"lang": "zh-Hant", "on": "2016-01-01"}).text
    members = re.search(r'<dd><a href="/state/ARM[^"]*"[^>]*>亞美尼亞</a>(.)<a ', home)
    assert members and members.group(1) == "、"  # a list of states: 亞美尼亞、白俄羅斯 …
    assert re.search(r"<title>亞美尼亞 — [^<]*；獨立國協：正式成員；", home)  # the map's tip for a state
    seed = client.get("/source/seed", params={"lang": "zh-Hant"}).text
    assert re.search(r"引用者（\d+）", seed)


@pytest.mark.parametrize("path", ["/", "/org/sco", "/org/csto", "/state/KAZ", "/disputes", "/org/csot"])
def test_russian_pages_quote_with_guillemets(client, path):
    """The program's own words in Russian never quote with "…" or “…” (a source's own words and
    titles are quoted as they stand); where it quotes a name it uses «»."""
    html = page(client, path, "ru")
    text = readers_text(html, "ru")
    assert re.findall(r'.{0,30}["“”„].{0,30}', text) == []
    if path == "/org/csot":
        assert "«csot»" in text


@pytest.mark.parametrize("path, words", [
    ("/state/GEO?on=2016-01-01", r"Участие в (\d+) (организации|организациях) на 2016-01-01\."),
    ("/orgs?on=2016-01-01", r"(\d+) (организация|организации|организаций) с членами на 2016-01-01"),
    ("/org/eaeu", r"Доказательства для (\d+) (изменения|изменений) статуса:"),
])
def test_russian_counts_take_the_numbers_form(client, path, words):
    found = re.search(words, page(client, path, "ru"))
    assert found, words
    n, form = int(found.group(1)), found.group(2)
    one = n % 10 == 1 and n % 100 != 11
    few = 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14
    expected = {"Участие": ("организации", "организациях", "организациях"),
                "(\\d+) (организация": ("организация", "организации", "организаций"),
                "Доказательства": ("изменения", "изменений", "изменений")}
    forms = next(v for k, v in expected.items() if words.startswith(k) or k in words)
    assert form == forms[0 if one else 1 if few else 2], (n, form)


def test_the_home_pages_script_gets_each_counted_form_from_the_catalog(client):
    """The page hands its script each form of "and {n} more changes" and which n takes which
    (the Russian rule: 1, 21 → one; 2, 22 → few; 5, 11, 12, 111 → many)."""
    import json
    import html as entities

    page = client.get("/", params={"lang": "ru"}).text
    live = json.loads(entities.unescape(re.search(r"data-live='([^']*)'", page).group(1)))
    more = live["counts"]["count.live_more"]
    form = {n: more["forms"][int(more["of"][n if n < 200 else 100 + n % 100])] for n in (1, 2, 5, 11, 21, 22, 111, 1001)}
    assert form == {1: "и ещё {n} изменение", 2: "и ещё {n} изменения", 5: "и ещё {n} изменений",
                    11: "и ещё {n} изменений", 21: "и ещё {n} изменение", 22: "и ещё {n} изменения",
                    111: "и ещё {n} изменений", 1001: "и ещё {n} изменение"}
    assert "web.live_more" not in live["labels"]


def test_the_asymmetry_charts_caption_is_in_the_readers_language():
    from blocmap.features.econ import asymmetry_over_time
    from blocmap.features.paper.asymmetry_chart import leader_share_figure

    atlas = blocmap.load()
    results = asymmetry_over_time(atlas, "eaeu", 2015, 2022)
    axes = leader_share_figure(atlas, results, "zh-Hant").axes[0]
    assert axes.get_xlabel().startswith("資料版本：世界銀行世界發展指標，")
    assert "datahub" not in axes.get_xlabel() and "WDI as packaged" not in axes.get_xlabel()
    assert axes.get_title(loc="left") == "第一大經濟體占比 — 歐亞經濟聯盟（俄羅斯）"
    axes = leader_share_figure(atlas, results, "ru").axes[0]
    assert axes.get_xlabel().startswith("версия данных: Всемирный банк")
    assert axes.get_title(loc="left") == "доля лидера — Евразийский экономический союз (Россия)"
