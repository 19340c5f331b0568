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


def timeline_svg(rows: Sequence[dict[str, Any]], lang: str, today: dt.date | None = None,
                 marks: Sequence[str] = (), day: str | None = None) -> str:
    """One row per state (or organization), one bar per spell, coloured by status.

    ``rows`` are ``views.timeline_rows`` items; ``marks`` are ISO days drawn as thin rules;
    ``day`` (ISO), the page's day where it is not today, is drawn as a dashed rule.
    """
    today = today or dt.date.today()
    if not rows:
        return ""
    starts = [_day(s["start"], today) for r in rows for s in r["spells"]]
    first = dt.date(min(starts).year, 1, 1)
    last = dt.date(today.year + 1, 1, 1)
    span = (last - first).days or 1
    plot_w = WIDTH - LABEL_W - 10

    def x(day: dt.date) -> float:
        return LABEL_W + plot_w * (day - first).days / span

    height = AXIS_H + ROW_H * len(rows) + 4
    out = [f'<svg class="timeline" viewBox="0 0 {WIDTH:g} {height:g}" width="100%" role="img" '
           f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(t("web.timeline", lang))}">']
    step = 5 if (last.year - first.year) > 20 else (2 if last.year - first.year > 8 else 1)
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
            out.append(f'<rect class="org-row org-c-{escape(row["key"])}" x="{LABEL_W - 6:g}" '
                       f'y="{top + (ROW_H - BAR_H) / 2:.1f}" width="4" height="{BAR_H:g}"/>')
        out.append(f'<a href="{escape(row["href"])}"><text class="label" x="{LABEL_W - 10:g}" '
                   f'y="{top + ROW_H / 2 + 4:.1f}">{escape(row["label"])}</text></a>')
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


def share_svg(points: Sequence[tuple[int, float]], label: str, width: float = 640.0, height: float = 170.0) -> str:
    """A line of shares (0–1) by year, e.g. the leader's share of an organization's GDP."""
    if not points:
        return ""
    left, right, top, bottom = 38.0, 10.0, 18.0, 22.0
    years = [y for y, _ in points]
    y0, y1 = min(years), max(max(years), min(years) + 1)
    lo = 0.0 if min(v for _, v in points) < 0.5 else 0.5

    def x(year: float) -> float:
        return left + (width - left - right) * (year - y0) / (y1 - y0)

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - (value - lo) / (1 - lo))

    out = [f'<svg class="sharechart" viewBox="0 0 {width:g} {height:g}" width="100%" role="img" '
           f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(label)}">',
           f'<text class="title" x="4" y="11">{escape(label)}</text>']
    for tick in [v / 100 for v in range(int(lo * 100), 101, 25 if lo == 0 else 10)]:
        out.append(f'<line class="grid" x1="{left:g}" x2="{width - right:g}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
                   f'<text class="axis tick" x="{left - 4:g}" y="{y(tick) + 3:.1f}">{tick:.0%}</text>')
    step = 5 if y1 - y0 > 12 else 1
    for year in range(y0 + (-y0) % step, y1 + 1, step):
        out.append(f'<text class="axis" x="{x(year):.1f}" y="{height - 6:g}">{year}</text>')
    path = "M" + "L".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in points)
    out.append(f'<path class="line" d="{path}"/>')
    for yr, v in points:
        out.append(f'<circle class="dot" cx="{x(yr):.1f}" cy="{y(v):.1f}" r="2.5"><title>{yr}: {v:.1%}</title></circle>')
    out.append("</svg>")
    return "".join(out)
