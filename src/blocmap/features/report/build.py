"""Build the report: gather everything as plain data, fill the Jinja2 template, print to PDF or PNG.

``report_context`` is the data (usable by the web app too); ``render_report`` gives the file's bytes.
The Euler diagram comes from ``blocmap.features.figures.api.report_figures`` (caption, SVG).
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from blocmap.core.dates import parse_day
from blocmap.core.i18n import punctuation, t

if TYPE_CHECKING:
    from blocmap.core.atlas import Atlas

TEMPLATES = Path(__file__).with_name("templates")
#: Organizations of the post-Soviet system, in the order the report shows them.
SYSTEM = ("cis", "cst", "csto", "union_state", "eurasec", "customs_union", "ces", "eaeu", "guam")
OVERLAP = ("cis", "csto", "eaeu", "customs_union", "union_state")
ORGAN_ORGS = ("eaeu", "cis", "csto", "union_state")
DEPTH_ORGS = ("cis", "union_state", "eaeu", "csto", "eu")
ASYMMETRY_ORGS = ("cis", "eaeu", "csto")
#: What ``progress`` is told, in order, while the report's data is gathered ...
#: the first whole year of the CIS, where the leader-share chart starts
CIS_FIRST_YEAR = 1992
CONTEXT_STEPS = ("members", "tables", "timelines", "asymmetry", "organs", "disagreements", "figures")
#: ... and then while it is written, by output kind.  Each is a key of ``step.*`` in the
#: translation table, so a front end can show it in the reader's language.
OUTPUT_STEPS = {"html": ("html",), "pdf": ("typesetting", "pdf"), "png": ("typesetting", "pdf", "png")}


def step_count(kind: str) -> int:
    """How many messages ``render_report(..., kind, progress)`` sends to ``progress``."""
    return len(CONTEXT_STEPS) + len(OUTPUT_STEPS[kind])


def _both(key: str, lang: str, gloss: str | None, **values: Any) -> dict[str, str]:
    """A heading in the report's language and, smaller, in the gloss language when one is asked for
    (``--gloss en``: a bilingual report); ``other`` is empty without one."""
    return {"main": t(key, lang).format(**values), "other": t(key, gloss).format(**values) if gloss else ""}


class Cited:
    """Collects the source keys a report cites, for its bibliography."""

    def __init__(self) -> None:
        self.keys: dict[str, None] = {}

    def __call__(self, keys) -> list[str]:
        for key in keys:
            self.keys.setdefault(key, None)
        return list(keys)


def _members(atlas: "Atlas", day: dt.date, lang: str, gloss: str | None, cite: Cited) -> list[dict[str, Any]]:
    def other(name: str, glossed: str) -> str:
        return glossed if gloss and glossed != name else ""

    out = []
    for org_id in SYSTEM:
        org = atlas.orgs.get(org_id)
        if org is None:
            continue
        found = atlas.members(org_id, on=day)
        if not found and not org.exists_on(day):
            continue
        groups: dict[str, list[dict[str, Any]]] = {}
        for m in found:
            groups.setdefault(m.status, []).append({
                "iso3": m.state, "name": atlas.state_name(m.state, lang, day),
                "other": other(atlas.state_name(m.state, lang, day), atlas.state_name(m.state, gloss or lang, day)),
                "since": str(m.since), "certain": m.certain, "sources": cite(m.sources)})
        out.append({"id": org_id, "name": atlas.org_name(org_id, lang, on=day),
                    "other": other(atlas.org_name(org_id, lang, on=day), atlas.org_name(org_id, gloss or lang, on=day)),
                    "short": atlas.org_name(org_id, lang, short=True, on=day), "exists": org.exists_on(day),
                    "groups": [{"status": t(f"status.{s}", lang), "members": ms} for s, ms in groups.items()]})
    return out


def _overlap(atlas: "Atlas", day: dt.date, lang: str) -> list[dict[str, Any]]:
    return [{"orgs": " ∩ ".join(atlas.org_name(o, lang, short=True, on=day) for o in z.orgs),
             "states": t("paper.sep", lang).join(atlas.state_name(s, lang, day) for s in z.states)}
            for z in atlas.overlap(list(OVERLAP), on=day)]


def _tables(atlas: "Atlas", lang: str, cite: Cited) -> tuple[list[dict[str, Any]], list[str]]:
    from blocmap.features.paper.seed import compare, paper_table
    from blocmap.features.paper.tables import to_html

    tables, notes = [], []
    for number in (1, 2):
        entry = paper_table(number)
        columns = compare(atlas, number, lang)
        records = [r for c in columns for r in c["our_items"]]
        for r in records:
            cite(r["sources"])
        heading = entry["title"].get(lang) or entry["title"]["en"]
        paper_rows = [{"year": c["year"], "items": [i["text"] for i in c["paper_items"]],
                       "match": c["match"]} for c in columns]
        tables.append({"heading": heading, "html": to_html(records, heading, lang, fragment=True),
                       "paper": paper_rows, "cites": entry["cites"], "line": entry["line"]})
        notes += [f"{heading.split('：')[0].split(':')[0]} — {n}" for c in columns for n in c["notes"]]
    cite(["seed"])
    return tables, notes


def _svg_data(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _timelines(atlas: "Atlas", day: dt.date, lang: str, svg_text: str) -> list[dict[str, str]]:
    from blocmap.features.paper.timeline_chart import render, timeline_figure

    out = []
    for orgs in ("cis", "cst,csto", "eaeu", "union_state"):
        if not any(s.start.earliest <= day for o in orgs.split(",") for s in atlas.spells_of(org=o)):
            continue  # the organization has no member yet on the report's day: no chart to draw
        fig = timeline_figure(atlas, orgs, lang=lang, on=day)
        names = t("paper.sep", lang).join(atlas.org_name(o, lang, short=True) for o in orgs.split(","))
        out.append({"caption": t("paper.title", lang).format(orgs=names),
                    "src": _svg_data(render(fig, "svg", svg_text=svg_text))})
    return out


def _asymmetry(atlas: "Atlas", day: dt.date, lang: str, cite: Cited, svg_text: str) -> dict[str, Any]:
    from blocmap.features import econ
    from blocmap.features.paper.seed import others_check

    series = econ.load_series("gdp", data_folder=atlas.folder)
    last_year = max(y for _, y in series.values)
    year = min(day.year - 1 if day < dt.date(day.year, 12, 31) else day.year, last_year)
    results = []
    for org in ASYMMETRY_ORGS:
        try:
            results.append(econ.asymmetry(atlas, org, year, series=series, lang=lang))
        except Exception as exc:  # noqa: BLE001 - an organization without members that year is left out
            from blocmap.core.errors import QueryError

            if not isinstance(exc, QueryError):
                raise
    paper = econ.asymmetry(atlas, "cis", 2021, series=series, lang=lang)
    from blocmap.features.paper.asymmetry_chart import leader_share_figure
    from blocmap.features.paper.timeline_chart import render

    share_chart = None  # the CIS's leader share over time, from its first year to the report's
    if year >= CIS_FIRST_YEAR:
        over_time = econ.asymmetry_over_time(atlas, "cis", CIS_FIRST_YEAR, year, series=series, lang=lang)
        share_chart = _svg_data(render(leader_share_figure(atlas, over_time, lang), "svg", svg_text=svg_text))
    check = others_check(atlas, series, 2021, lang=lang)
    cite([series.source] if series.source else [])
    cite(["seed", "worldbank-2022"])
    return {"year": year, "results": results, "paper": paper, "check": check, "vintage": series.vintage,
            "share_chart": share_chart,
            "licence": series.licence, "vintage_text": econ.vintage_for_reader(series.vintage, lang),
            "vintage_note": t("econ.vintage_note", lang).format(vintage=econ.vintage_for_reader(series.vintage, lang))}


def _organs(atlas: "Atlas", lang: str, cite: Cited) -> list[dict[str, Any]]:
    from blocmap.features.organs import organ_record, organs

    out = []
    for org in ORGAN_ORGS:
        records = [organ_record(o, lang) for o in organs(atlas, org)]
        for r in records:
            cite(r["sources"])
        out.append({"org": atlas.org_name(org, lang), "organs": records})
    return out


def _depth(atlas: "Atlas", lang: str, cite: Cited) -> dict[str, Any]:
    from blocmap.features.depth import compare

    rows = compare(atlas, list(DEPTH_ORGS), lang)
    for row in rows:
        for org in DEPTH_ORGS:
            cite(row[f"{org}_sources"])
    return {"orgs": [{"id": o, "name": atlas.org_name(o, lang, short=True)} for o in DEPTH_ORGS], "rows": rows}


def _disputes(atlas: "Atlas", lang: str, cite: Cited) -> list[dict[str, Any]]:
    out = []
    for d in atlas.disputes:
        if d.org not in SYSTEM:
            continue
        preferred = next((c for c in d.claims if c.value == d.preferred), None)
        out.append({"id": d.id, "org": atlas.org_name(d.org, lang, short=True) if d.org else "",
                    "topic": d.text("topic", lang), "note": d.text("note", lang),
                    "preferred": preferred.text("value", lang) if preferred is not None else d.preferred,
                    "claims": [{"value": c.text("value", lang), "sources": cite(c.sources),
                                "note": c.text("note", lang)} for c in d.claims]})
    return out


def _extra_figures(atlas: "Atlas", day: dt.date, lang: str) -> list[dict[str, str]]:
    from blocmap.features.figures.api import report_figures

    return [{"caption": caption, "src": _svg_data(svg.encode("utf-8"))}
            for caption, svg in report_figures(atlas, day, lang)]


def report_context(atlas: "Atlas", on: dt.date | str = "today", lang: str = "en",
                   progress: Callable[[str], None] | None = None, for_print: bool = False,
                   gloss: str | None = None) -> dict[str, Any]:
    """Everything the report shows, as plain data, in ``lang``; with ``gloss`` (another language)
    headings and names are also given, smaller, in that language.

    Charts are SVG data URLs.  Their text is outlines, right in any browser; ``for_print`` keeps it
    as text in the font the PDF embeds, which WeasyPrint draws several times faster.
    """
    from blocmap.core.version import __version__

    step = progress or (lambda message: None)
    day = parse_day(on, "on")
    cite = Cited()
    step("members")
    gloss = gloss if gloss != lang else None
    members = _members(atlas, day, lang, gloss, cite)
    overlap = _overlap(atlas, day, lang)
    step("tables")
    tables, notes = _tables(atlas, lang, cite)
    step("timelines")
    svg_text = "text" if for_print else "path"
    timelines = _timelines(atlas, day, lang, svg_text)
    step("asymmetry")
    asymmetry = _asymmetry(atlas, day, lang, cite, svg_text)
    step("organs")
    organs = _organs(atlas, lang, cite)
    depth = _depth(atlas, lang, cite)
    step("disagreements")
    disputes = _disputes(atlas, lang, cite)
    step("figures")
    figures = _extra_figures(atlas, day, lang)
    sources = [atlas.sources[k] for k in cite.keys if k in atlas.sources]
    return {
        "lang": lang, "html_lang": _html_lang(lang), "gloss": gloss, "gloss_lang": _html_lang(gloss) if gloss else "",
        "day": day.isoformat(),
        "t": lambda key, **values: t(key, lang).format(**values) if values else t(key, lang),
        "both": lambda key, **values: _both(key, lang, gloss, **values),
        "members": members, "overlap": overlap, "tables": tables, "notes": notes, "timelines": timelines,
        "asymmetry": asymmetry, "organs": organs, "depth": depth, "disputes": disputes, "figures": figures,
        "sources": sources, "version": __version__, "today": dt.date.today().isoformat(),
        **punctuation(lang),  # field, aside, tail, joined, colon: the reader's punctuation
        "refs": _refs({s.key: n for n, s in enumerate(sources, 1)}, lang),
    }


def _refs(numbers: dict[str, int], lang: str) -> Any:
    """``refs(keys)``: the sources as numbered references to the bibliography ("[3, 12]", each
    number a link to its entry, ``#ref-3``), in the reader's punctuation; also ``refs.text(html)``,
    which turns each "[key, key]" of a cell (the paper tables) into such numbers."""
    import re

    from markupsafe import Markup, escape

    sep = t("list.sep", lang)

    def refs(keys: Any) -> Markup:
        known = [k for k in keys if k in numbers]
        if not known:
            return Markup(escape(sep.join(keys)))
        links = (f'<a href="#ref-{numbers[k]}" title="{escape(k)}">{numbers[k]}</a>' for k in known)
        return Markup("[" + escape(sep).join(Markup(link) for link in links) + "]")

    def text(html: str) -> Markup:
        def one(match: re.Match) -> str:
            keys = match.group(1).split(", ")
            return str(refs(keys)) if all(k in numbers for k in keys) else match.group(0)
        return Markup(re.sub(r"\[([\w.-]+(?:, [\w.-]+)*)\]", one, html))

    refs.text = text  # type: ignore[attr-defined]
    return refs


def _html_lang(lang: str) -> str:
    return "zh-Hant-TW" if lang == "zh-Hant" else lang


def render_html(context: dict[str, Any], for_print: bool = False) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from blocmap.features.fonts import FAMILY, chart_fonts

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(("html", "j2")),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["millions"] = lambda v: "—" if v is None else f"{v / 1e6:,.2f}"
    env.filters["pct"] = lambda v, digits=1: "—" if v is None else f"{100 * v:.{digits}f}%"
    env.filters["num"] = lambda v, digits=3: "—" if v is None else f"{v:,.{digits}f}"
    # print embeds the fonts (the CJK one, for every language, and the charts' Latin one); the HTML
    # file embeds the CJK glyphs it shows (a WOFF2 subset), so that it reads on a machine without
    # a CJK font
    fonts = [(family, Path(path).as_uri()) for family, path in chart_fonts()] if for_print else []
    template = env.get_template("report.html.j2")
    html = template.render(**context, for_print=for_print, fonts=fonts, embedded_font=None,
                           cjk_family=fonts[0][0] if fonts else FAMILY)
    if for_print:
        return html
    embedded = embedded_cjk_font(html)
    if embedded is None:
        return html
    return template.render(**context, for_print=for_print, fonts=fonts, embedded_font=embedded, cjk_family=FAMILY)


def embedded_cjk_font(html: str) -> str | None:
    """A data URL of the CJK glyphs ``html`` shows (WOFF2), or None where it shows none."""
    import base64

    from blocmap.features.fonts import CJK_CHARS, cjk_font_file, subset_woff2

    text = "".join(sorted(set(CJK_CHARS.findall(html))))
    if not text:
        return None
    woff2 = subset_woff2(cjk_font_file(), text)
    return "data:font/woff2;base64," + base64.b64encode(woff2).decode("ascii")


def render_report(atlas: "Atlas", on: dt.date | str, lang: str, kind: str,
                  progress: Callable[[str], None] | None = None, gloss: str | None = None) -> bytes:
    """The report as HTML, PDF or PNG bytes; ``progress`` hears each step (a ``step.*`` key of the
    translation table) as it starts."""
    step = progress or (lambda message: None)
    context = report_context(atlas, on, lang, step, for_print=kind != "html", gloss=gloss)
    if kind == "html":
        step("html")
        return render_html(context).encode("utf-8")
    step("typesetting")
    pdf = html_to_pdf(render_html(context, for_print=True), step)
    if kind == "pdf":
        return pdf
    step("png")
    return pdf_to_png(pdf)


def html_to_pdf(html_text: str, progress: Callable[[str], None] | None = None) -> bytes:
    """Typeset with WeasyPrint (needs Debian's pango); the CJK font is embedded as a subset.
    ``progress`` hears "pdf" (writing the PDF) once the pages are laid out."""
    try:
        import weasyprint
    except OSError as exc:  # pango missing: WeasyPrint raises OSError on import
        from blocmap.core.errors import BlocmapError

        raise BlocmapError.of("err.pango", why=exc) from None
    document = weasyprint.HTML(string=html_text, base_url=str(TEMPLATES)).render()
    if progress:
        progress("pdf")
    return document.write_pdf()


def pdf_to_png(pdf: bytes, scale: float = 1.4) -> bytes:
    """The PDF's pages one below the other as one PNG (rendered by PDFium)."""
    import io

    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(pdf)
    pages = [document[i].render(scale=scale).to_pil().convert("RGB") for i in range(len(document))]
    width = max(p.width for p in pages)
    gap = 12
    sheet = Image.new("RGB", (width, sum(p.height for p in pages) + gap * (len(pages) - 1)), "#d0d0d0")
    y = 0
    for page in pages:
        sheet.paste(page, (0, y))
        y += page.height + gap
    out = io.BytesIO()
    sheet.save(out, format="PNG")  # optimize=True took 2.6 s more for a file 1.5% smaller
    return out.getvalue()
