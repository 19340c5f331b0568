"""The report renders to HTML, PDF and PNG with real Chinese glyphs; timelines in SVG, PNG and PDF."""

from __future__ import annotations

import base64
import io
import re
import sys
import warnings

import pytest
from click.testing import CliRunner

from blocmap.cli import main
from blocmap.features.report.build import pdf_to_png, render_report, report_context

@pytest.fixture(autouse=True)
def _no_user_data(tmp_path_factory, monkeypatch):
    """Results come from the bundled series, whatever the developer has imported."""
    monkeypatch.setenv("BLOCMAP_HOME", str(tmp_path_factory.mktemp("home")))



def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def pdf_zh(atlas) -> bytes:
    return render_report(atlas, "2024-06-01", "zh-Hant", "pdf")


def test_pdf_embeds_a_cjk_font_and_the_text_is_chinese(pdf_zh):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_zh))
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            embedded = descriptor and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add((str(font.get("/BaseFont")), bool(embedded)))
    assert any("CJK" in name and embedded for name, embedded in fonts), fonts
    text = "".join(page.extract_text() for page in reader.pages[:3])
    text = "".join(text.split()).replace("表1", "表 1")  # cells wrap lines; compare without whitespace
    for phrase in ("後蘇聯地區的區域整合體系", "獨立國協", "哈薩克", "表 1：獨立國家國協的成員國", "烏茲別克加入集體安全條約組織"):
        assert phrase in text, phrase
    assert "\ufffd" not in text and "□" not in text
    full = "".join(page.extract_text() for page in reader.pages)
    assert "9.352" in full and "eaeu-court-term" in full
    # the charts' words are text in the embedded font too (the figure captions lack the years)
    assert "集體安全條約、集體安全條約組織的整合歷程（1992–2024）" in full
    assert "哈薩克 · 集體安全條約組織" in full


def test_png_pages_from_the_pdf(pdf_zh):
    from PIL import Image
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(pdf_zh))
    png = pdf_to_png(pdf_zh, scale=0.4)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    first = pdfium.PdfDocument(pdf_zh)[0]
    page_height = round(first.get_size()[1] * 0.4)
    assert image.height >= pages * page_height  # every page is in the strip, one below the other


def test_title_glyphs_are_drawn_on_the_first_page(pdf_zh):
    """Where the text layer says the Chinese title stands, the raster has ink in each glyph's box."""
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(pdf_zh)[0]
    text = page.get_textpage()
    title = "後蘇聯地區的區域整合體系"
    found = text.search(title).get_next()
    assert found, "the title is not in the first page's text layer"
    scale = 2.0
    raster = page.render(scale=scale).to_pil().convert("L")
    height = page.get_size()[1]
    start, count = found
    assert count == len(title)
    shapes = {}
    for i in range(start, start + count):
        left, bottom, right, top = text.get_charbox(i)
        box = raster.crop((int(left * scale), int((height - top) * scale),
                           int(right * scale) + 1, int((height - bottom) * scale) + 1))
        dark = sum(box.histogram()[:128])
        area = box.width * box.height
        # a drawn CJK glyph inks a real part of its box; an empty box or a missing-glyph
        # rectangle outline would not (and a blank page inks nothing)
        assert area > 0 and 0.08 < dark / area < 0.8, (title[i - start], dark, area)
        shapes[title[i - start]] = box.resize((12, 12)).point(lambda v: 255 * (v > 128)).tobytes()
    # missing glyphs all draw the same box; real glyphs differ from each other
    assert len(set(shapes.values())) == len(set(title))


def test_context_is_plain_data(atlas):
    context = report_context(atlas, "2016-01-01", "en")
    cis = next(o for o in context["members"] if o["id"] == "cis")
    assert any(m["iso3"] == "TKM" for g in cis["groups"] for m in g["members"])
    assert context["asymmetry"]["paper"]["leader"] == "RUS"
    assert any("Azerbaijan" in n for n in context["notes"])  # the paper's Table 1 differences are listed
    keys = {s.key for s in context["sources"]}
    assert {"seed", "wdi-gdp", "mfa-by-csto"} <= keys


def test_cli_html_report(tmp_path):
    target = tmp_path / "report.html"
    result = run("report", "--on", "2016-01-01", "--lang", "en", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "[1/" not in result.output  # no progress when stderr is not a terminal
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Table 1: Member states" in page
    assert 'lang="en"' in page and "獨立國家國協" not in page  # one language unless --gloss asks for two
    # a browser may lack the font: the charts' text is drawn as outlines, and no font is linked
    charts = [base64.b64decode(src).decode("utf-8")
              for src in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)]
    assert len(charts) >= 5 and not any("<text" in svg for svg in charts)
    # no font is linked; only the glyphs of Chinese the page shows (a source's title) are embedded
    assert not re.search(r'@font-face[^}]*url\("(?!data:font/woff2;base64,)', page)


def test_cli_report_progress_names_every_step(tmp_path):
    result = run("report", "--on", "2016-01-01", "--lang", "en", "-o", str(tmp_path / "r.html"), "--progress")
    assert result.exit_code == 0, result.output
    steps = re.findall(r"\[(\d+)/(\d+)\] ([a-zA-Z ]+?) *(?:\r|\n|$)", result.output)
    assert [name for _, _, name in steps] == ["members", "tables", "timelines", "asymmetry", "organs",
                                               "disagreements", "figures", "HTML page"]
    assert {total for _, total, _ in steps} == {"8"}


def test_progress_by_default_only_on_a_terminal(monkeypatch):
    from blocmap.cli.paper import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Terminal())
    bar = Progress(None, 2)
    bar("typesetting")
    assert "[1/2] typesetting" in sys.stderr.getvalue()
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # a pipe or a file
    bar = Progress(None, 2)
    bar("typesetting")
    assert sys.stderr.getvalue() == ""


@pytest.mark.parametrize("args, expected", [
    (["report", "-o", "/tmp/x.docx"], "use a .html, .pdf or .png file"),
    (["report", "--on", "2016-13-01", "-o", "/tmp/x.html"], "on"),
    (["report", "-o", "/nonexistent/folder/r.pdf"], "does not exist"),
])
def test_report_bad_input(args, expected):
    result = run(*args)
    assert result.exit_code == 1 and expected in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("fmt, magic", [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_timeline_formats(tmp_path, fmt, magic):
    target = tmp_path / f"t.{fmt}"
    result = run("figure", "timeline", "cst,csto", "--lang", "zh-Hant", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(magic)


def test_timeline_has_every_chinese_glyph(atlas):
    from blocmap.features.paper.timeline_chart import render, timeline_figure

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns 'Glyph … missing from font' for boxes
        png = render(timeline_figure(atlas, "cis", lang="zh-Hant"), "png")
    assert png.startswith(b"\x89PNG")


def test_timeline_rows_start_with_the_founders_in_a_fixed_order(atlas):
    """The three Belovezha signatories (8 December 1991), then the Alma-Ata ones (21 December),
    Georgia (1993) last; states that joined the same day keep the data's order in every run."""
    import datetime as dt

    from blocmap.features.paper.timeline_chart import render, timeline_figure

    rows = ["BLR", "RUS", "UKR", "ARM", "AZE", "KAZ", "KGZ", "MDA", "TJK", "TKM", "UZB", "GEO"]
    names = [atlas.state_name(iso3, "en") for iso3 in rows]
    svg = render(timeline_figure(atlas, "cis", lang="en", on=dt.date(2024, 6, 1)), "svg", svg_text="text").decode()
    labels = [text for text in re.findall(r"<text[^>]*>([^<]+)</text>", svg) if text in names]
    assert labels == names


def test_timeline_bad_input(tmp_path):
    assert "unknown organization 'csot'" in run("figure", "timeline", "csot").output
    result = run("figure", "timeline", "cis", "-o", str(tmp_path / "t.gif"))
    assert result.exit_code == 1 and ".svg, .png or .pdf" in result.output


def test_the_chinese_report_has_chinese_punctuation(tmp_path):
    """Issue 19, item 8, in the report too: full-width brackets and colons between Chinese words,
    the reader's list comma, a translated title beside one in another language."""
    import html as html_module

    target = tmp_path / "report.html"
    assert run("report", "--on", "2016-01-01", "--lang", "zh-Hant", "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    body = re.sub(r"<(style|svg)\b.*?</\1>", "", page, flags=re.S)
    text = html_module.unescape(re.sub(r"<[^>]+>", "", body))
    cjk = "[\u4e00-\u9fff]"
    before_bibliography = text.split("\u53c3\u8003\u8cc7\u6599")[-2]  # the last heading "references"
    assert "\u7368\u7acb\u570b\u5bb6\u570b\u5354\uff08\u7368\u7acb\u570b\u5354\uff09" in text  # the CIS's name (short name)
    assert re.search("\u6b63\u5f0f\u6210\u54e1\uff08\\d+\uff09\uff1a", text)  # "full members (n):"
    assert not re.search(f"{cjk} ?\\(|{cjk}: |\\) ?{cjk}", before_bibliography), \
        re.search(f".{{20}}({cjk} ?\\(|{cjk}: |\\) ?{cjk}).{{20}}", before_bibliography)
    # the bibliography: title, its translation beside, publisher after the list comma
    assert "kremlin-2019-seec-eec-board \u2014 \u0417\u0430\u0441\u0435\u0434\u0430\u043d\u0438\u0435" in text
    assert re.search("\\(20 \u0434\u0435\u043a\u0430\u0431\u0440\u044f 2019 \u0433\u043e\u0434\u0430\\)\uff08[^\uff09]*\u6703\u8b70", text)


def test_the_report_cites_by_numbered_references_to_its_bibliography(tmp_path):
    """Issue 21, item 2: sources cited as numbers that link to their bibliography entry (the
    key in the link's title), not as raw keys; every number has its entry."""
    target = tmp_path / "report.html"
    assert run("report", "--on", "2003-06-01", "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    entries = dict(re.findall(r'<li id="ref-(\d+)"><b>([\w.-]+)</b>', page))
    links = re.findall(r'<a href="#ref-(\d+)" title="([\w.-]+)">(\d+)</a>', page)
    assert len(entries) > 50 and len(links) > 50
    assert all(entries[number] == key and shown == number for number, key, shown in links)
    assert sorted(map(int, entries)) == list(range(1, len(entries) + 1))
    # the paper tables' cells and the organs' sources: no bracket of raw keys is left
    assert not re.search(r"\[(?:[a-z0-9]+-[\w.-]+)(?:, [a-z0-9]+-[\w.-]+)*\]", re.sub(r"<[^>]+>", "", page.split('id="sources"')[0]))
