"""Small server-drawn SVG charts for the pages: the membership timeline.

Drawn as plain SVG with classes (``st-member`` …) that the stylesheet colours, so the map,
the lists and the timeline share one palette and the page needs no charting library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import Any

from blocmap.core.dates import parse_partial
from blocmap.core.i18n import t

LABEL_W = 170.0
ROW_H = 20.0
BAR_H = 13.0
AXIS_H = 22.0
WIDTH = 900.0


def _day(text: str | None, default: dt.date) -> dt.date:
    return parse_partial(text).earliest if text else default


#: The phone's layout: drawn for a column of about 340 px, so that a unit is a pixel and no
#: text is under 11 px (``timeline_svg(..., narrow=True)``; the stylesheet shows one of the two).
NARROW_WIDTH = 340.0
NARROW_LABEL_W = 96.0


def _fit_label(text: str, room: float, size: float = 11.0) -> str:
    """``text`` cut with an ellipsis to about ``room`` units at ``size`` (CJK a full em)."""
    import unicodedata

    used, out = 0.0, []
    for ch in text:
        used += size if unicodedata.east_asian_width(ch) in "WF" else size * 0.58
        if used > room:
            return "".join(out).rstrip() + "…"
        out.append(ch)
    return text


def timeline_svg(rows: Sequence[dict[str, Any]], lang: str, today: dt.date | None = None,
                 marks: Sequence[str] = (), day: str | None = None, narrow: bool = False) -> str:
    """One row per state (or organization), one bar per spell, coloured by status.

    ``rows`` are ``views.timeline_rows`` items; ``marks`` are ISO days drawn as thin rules;
    ``day`` (ISO), the page's day where it is not today, is drawn as a dashed rule.
    ``narrow``: laid out for a phone's width (labels cut with an ellipsis, the whole name in
    the row's tooltip; a year mark every ten years where the span is long).
    """
    today = today or dt.date.today()
    if not rows:
        return ""
    width = NARROW_WIDTH if narrow else WIDTH
    label_w = NARROW_LABEL_W if narrow else LABEL_W
    starts = [_day(s["start"], today) for r in rows for s in r["spells"]]
    first = dt.date(min(starts).year, 1, 1)
    last = dt.date(today.year + 1, 1, 1)
    span = (last - first).days or 1
    plot_w = width - label_w - 10

    def x(day: dt.date) -> float:
        return label_w + plot_w * (day - first).days / span

    height = AXIS_H + ROW_H * len(rows) + 4
    out = [f'<svg class="timeline {"narrow" if narrow else "wide"}" viewBox="0 0 {width:g} {height:g}" width="100%" '
           f'role="img" xmlns="http://www.w3.org/2000/svg" aria-label="{escape(t("web.timeline", lang))}">']
    years = last.year - first.year
    if narrow:
        step = 20 if years > 60 else 10 if years > 25 else 5 if years > 10 else 2
    else:
        step = 5 if years > 20 else (2 if years > 8 else 1)
    for year in range(first.year + (-first.year) % step, last.year + 1, step):
        px = x(dt.date(year, 1, 1))
        out.append(f'<line class="grid" x1="{px:.1f}" x2="{px:.1f}" y1="{AXIS_H - 4:g}" y2="{height:g}"/>'
                   f'<text class="axis" x="{px:.1f}" y="{AXIS_H - 8:g}">{year}</text>')
    for mark in marks:
        px = x(_day(mark, today))
        out.append(f'<line class="mark" x1="{px:.1f}" x2="{px:.1f}" y1="{AXIS_H - 4:g}" y2="{height:g}"/>')
    for i, row in enumerate(rows):
        top = AXIS_H + ROW_H * i
        if row["href"].startswith("/org/"):  # a row per organization: its colour (palette.py)
            out.append(f'<rect class="org-row org-c-{escape(row["key"])}" x="{label_w - 6:g}" '
                       f'y="{top + (ROW_H - BAR_H) / 2:.1f}" width="4" height="{BAR_H:g}"/>')
        shown = _fit_label(row["label"], label_w - 12, 12.0) if narrow else row["label"]
        title = f'<title>{escape(row["label"])}</title>' if shown != row["label"] else ""
        out.append(f'<a href="{escape(row["href"])}"><text class="label" x="{label_w - 10:g}" '
                   f'y="{top + ROW_H / 2 + 4:.1f}">{title}{escape(shown)}</text></a>')
        for s in row["spells"]:
            x0, x1 = x(_day(s["start"], today)), x(_day(s["end"], today))
            if s["status"] == "withdrawn":
                continue  # a withdrawal ends the previous bar; it is no state of its own
            open_end = s["end"] is None
            tip = (f'{row["label"]} — {t("status." + s["status"], lang)}: {s["start"]} – '
                   f'{s["end"] or "…"}' + (f' ({", ".join(s["sources"])})' if s["sources"] else ""))
            cls = f'bar st-{s["status"]}' + (" open" if open_end else "") + (
                " partial" if s["start_precision"] != "day" else "")
            out.append(f'<rect class="{cls}" x="{x0:.1f}" y="{top + (ROW_H - BAR_H) / 2:.1f}" '
                       f'width="{max(x1 - x0, 1.5):.1f}" height="{BAR_H:g}" rx="2">'
                       f'<title>{escape(tip)}</title></rect>')
    px = x(today)
    out.append(f'<line class="today" x1="{px:.1f}" x2="{px:.1f}" y1="{AXIS_H - 4:g}" y2="{height:g}"/>')
    if day and day != today.isoformat():
        px = x(_day(day, today))
        out.append(f'<line class="page-day" x1="{px:.1f}" x2="{px:.1f}" y1="{AXIS_H - 4:g}" y2="{height:g}">'
                   f'<title>{escape(day)}</title></line>')
    out.append("</svg>")
    return "".join(out)


def share_svg(points: Sequence[tuple[int, float]], label: str, width: float = 640.0, height: float = 170.0,
              narrow: bool = False) -> str:
    """A line of shares (0–1) by year, e.g. the leader's share of an organization's GDP
    (``narrow``: laid out for a phone, a unit a pixel)."""
    if not points:
        return ""
    if narrow:
        width, height = NARROW_WIDTH, 190.0
    left, right, top, bottom = 38.0, 10.0, 18.0, 22.0
    years = [y for y, _ in points]
    y0, y1 = min(years), max(max(years), min(years) + 1)
    lo = 0.0 if min(v for _, v in points) < 0.5 else 0.5

    def x(year: float) -> float:
        return left + (width - left - right) * (year - y0) / (y1 - y0)

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - (value - lo) / (1 - lo))

    out = [f'<svg class="sharechart {"narrow" if narrow else "wide"}" viewBox="0 0 {width:g} {height:g}" width="100%" role="img" '
           f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(label)}">',
           f'<text class="title" x="4" y="11">{escape(label)}</text>']
    for tick in [v / 100 for v in range(int(lo * 100), 101, 25 if lo == 0 else 10)]:
        out.append(f'<line class="grid" x1="{left:g}" x2="{width - right:g}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
                   f'<text class="axis tick" x="{left - 4:g}" y="{y(tick) + 3:.1f}">{tick:.0%}</text>')
    step = (10 if y1 - y0 > 30 else 5 if y1 - y0 > 6 else 1) if narrow else (5 if y1 - y0 > 12 else 1)
    for year in range(y0 + (-y0) % step, y1 + 1, step):
        out.append(f'<text class="axis" x="{x(year):.1f}" y="{height - 6:g}">{year}</text>')
    path = "M" + "L".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in points)
    out.append(f'<path class="line" d="{path}"/>')
    for yr, v in points:
        out.append(f'<circle class="dot" cx="{x(yr):.1f}" cy="{y(v):.1f}" r="2.5"><title>{yr}: {v:.1%}</title></circle>')
    out.append("</svg>")
    return "".join(out)


#: The statuses the members-over-time chart stacks, bottom up (``org_years``' columns).
STACKED = ("member", "associate", "suspended", "frozen", "participant", "observer", "candidate")


def members_svg(rows: Sequence[dict[str, Any]], lang: str, narrow: bool = False) -> str:
    """An organization's members over time: one bar a year, stacked by status (the rows of
    ``Answers.org_years``, counted at each year's end).  ``narrow``: laid out for a phone."""
    rows = [r for r in rows if any(r.get(s) for s in STACKED)]
    if not rows:
        return ""
    width, height = (NARROW_WIDTH, 200.0) if narrow else (WIDTH, 170.0)
    left, right, top, bottom = 30.0, 8.0, 10.0, 22.0
    y0, y1 = rows[0]["year"], rows[-1]["year"]
    total = max(sum(r.get(s) or 0 for s in STACKED) for r in rows)
    tick = next(n for n in (1, 2, 5, 10, 20, 25, 50, 100) if total / n <= 5)
    top_value = -(-total // tick) * tick
    slot = (width - left - right) / (y1 - y0 + 1)

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - value / top_value)

    label = t("web.members_chart", lang)
    out = [f'<svg class="memberchart {"narrow" if narrow else "wide"}" viewBox="0 0 {width:g} {height:g}" '
           f'width="100%" role="img" xmlns="http://www.w3.org/2000/svg" aria-label="{escape(label)}">']
    for value in range(0, top_value + 1, tick):
        out.append(f'<line class="grid" x1="{left:g}" x2="{width - right:g}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
                   f'<text class="axis tick" x="{left - 4:g}" y="{y(value) + 4:.1f}">{value}</text>')
    years = y1 - y0
    step = (20 if years > 60 else 10 if years > 25 else 5 if years > 10 else 2) if narrow else \
        (10 if years > 50 else 5 if years > 20 else 2 if years > 8 else 1)
    for year in range(y0 + (-y0) % step, y1 + 1, step):
        out.append(f'<text class="axis" x="{left + slot * (year - y0 + 0.5):.1f}" y="{height - 6:g}">{year}</text>')
    for r in rows:
        x = left + slot * (r["year"] - y0)
        below = 0
        parts = []
        for status in STACKED:
            n = r.get(status) or 0
            if not n:
                continue
            parts.append(f'{t("status." + status, lang)} {n}')
            out.append(f'<rect class="bar st-{status}" x="{x + slot * 0.1:.1f}" y="{y(below + n):.1f}" '
                       f'width="{max(slot * 0.8, 1):.1f}" height="{y(below) - y(below + n):.1f}"/>')
            below += n
        sep = "、" if lang == "zh-Hant" else ", "
        colon = "：" if lang == "zh-Hant" else ": "
        out.append(f'<rect class="hit" x="{x:.1f}" y="{top:g}" width="{slot:.1f}" height="{height - top - bottom:g}">'
                   f'<title>{r["year"]}{colon}{escape(sep.join(parts))}</title></rect>')
    out.append("</svg>")
    return "".join(out)
