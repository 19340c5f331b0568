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
                                  "/state/KAZ", "/state/GEO?on=2003-06-01", "/orgs", "/source/kremlin-csto-charter", "/nowhere"])
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
    kaz = client.get("/state/KAZ", params={"lang": "zh-Hant"}).text  # no space before a full-width bracket
    assert re.search(r'</a><span class="continues note">（延續於', kaz) and " <span class=\"continues note\">（" not in kaz
    assert re.search(r'</a> <span class="continues note">\(continues in', client.get("/state/KAZ").text)
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


def map_labels(html: str) -> list[tuple[str, str, float, float, str]]:
    """(class, iso3, x, y, text) of the home map's labels."""
    return [(m[1], m[2], float(m[3]), float(m[4]), m[5]) for m in re.finditer(
        r'<text class="(name|code)[^"]*" data-iso3="(\w+)" x="([\d.]+)" y="([\d.]+)">([^<]+)</text>', html)]


@pytest.mark.parametrize("lang, expected", [
    ("zh-Hant", {"UKR": "烏", "MDA": "摩", "BLR": "白俄", "ARM": "亞美", "AZE": "亞塞", "GEO": "喬", "EST": "愛沙",
                 "LVA": "拉", "LTU": "立", "RUS": "俄羅斯", "KAZ": "哈薩克"}),
    ("ru", {"UKR": "Укр.", "MDA": "Молд.", "ARM": "Арм.", "GEO": "Груз.", "LTU": "Литва", "RUS": "Россия"}),
    ("en", {"UKR": "UKR", "MDA": "MDA", "ARM": "ARM", "RUS": "Russia"}),
])
def test_small_states_are_labelled_in_the_readers_language(client, lang, expected):
    """Where a state's name does not fit, Chinese and Russian readers get its short name
    (the catalogs' ``map.short.<ISO3>``), not a Latin ISO code; English keeps the code."""
    labels = {iso3: text for _, iso3, _, _, text in map_labels(page(client, "/?on=2016-01-01", lang))}
    assert {iso3: labels.get(iso3) for iso3 in expected} == expected
    if lang != "en":
        assert not [text for text in labels.values() if re.fullmatch(r"[A-Z]{3}", text)]


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "ru"])
def test_no_map_label_is_drawn_over_another(client, lang):
    """Moldova's label is not drawn over Ukraine's (nor any over any other): each label's box,
    as wide as its letters at their size, is clear of every other's; Estonia stays north of
    Latvia, Latvia of Lithuania."""
    from blocmap.web.pages import CODE_SIZE, LABEL_SIZE, _text_width

    boxes = {}
    for kind, iso3, x, y, text in map_labels(page(client, "/?on=2016-01-01", lang)):
        size = LABEL_SIZE if kind == "name" else CODE_SIZE
        width = _text_width(text, size, bold=kind == "code")
        middle = y - size / 3
        boxes[iso3] = (x - width / 2, middle - 0.45 * size, x + width / 2, middle + 0.45 * size)
    clash = [(a, b) for a in boxes for b in boxes if a < b and boxes[a][0] < boxes[b][2] and boxes[b][0] < boxes[a][2]
             and boxes[a][1] < boxes[b][3] and boxes[b][1] < boxes[a][3]]
    assert clash == []
    assert {"MDA", "UKR", "EST", "LVA", "LTU"} <= set(boxes)
    assert boxes["EST"][1] < boxes["LVA"][1] < boxes["LTU"][1]


def test_the_timeline_charts_title_brackets_its_years_in_the_readers_way():
    from blocmap.features.paper.timeline_chart import timeline_figure

    atlas = blocmap.load()
    title = timeline_figure(atlas, "eaeu", 2015, 2020, lang="zh-Hant").axes[0].get_title(loc="left")
    assert title == "歐亞經濟聯盟的整合歷程（2015–2020）"
    assert timeline_figure(atlas, "eaeu", 2015, 2020, lang="en").axes[0].get_title(loc="left") == \
        "Membership history of EAEU (2015–2020)"
