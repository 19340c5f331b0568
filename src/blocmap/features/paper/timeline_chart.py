"""Membership timelines: one bar per state and organization, coloured by status, with dated event markers.

``timeline_figure(atlas, "cst,csto")`` returns a matplotlib Figure; ``render(fig, "svg"|"png"|"pdf")``
its bytes.  Chinese names need the CJK font (``blocmap.features.fonts``), registered before drawing.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any, Sequence

from blocmap.core.dates import parse_year
from blocmap.core.errors import QueryError
from blocmap.core.i18n import aside, t
from blocmap.features.paper.tables import resolve_orgs

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from blocmap.core.atlas import Atlas

#: Colours by status (colour-blind-safe Okabe–Ito hues); withdrawn ends a bar and has none.
COLOURS = {"member": "#0072B2", "associate": "#56B4E9", "observer": "#999999", "participant": "#F0E442",
           "candidate": "#CC79A7", "suspended": "#E69F00", "frozen": "#D55E00", "ceased": "#B23A48"}
FORMATS = ("svg", "png", "pdf")


def _rows(atlas: "Atlas", ids: Sequence[str], last: dt.date) -> list[dict[str, Any]]:
    rows = []
    for org in ids:
        spells = [s for s in atlas.spells_of(org=org) if s.status != "withdrawn"]
        # ties (the founders, on one day) keep the spells' order: a set's order would change between runs
        first_day: dict[str, dt.date] = {}
        for s in spells:
            first_day[s.state] = min(first_day.get(s.state, s.start.earliest), s.start.earliest)
        # a state whose first relation comes after the chart's last day is not drawn: a chart of a
        # day shows nothing from after it
        states = sorted((s for s in first_day if first_day[s] <= last), key=first_day.__getitem__)
        for state in states:
            own = [s for s in spells if s.state == state]
            events = [e for e in atlas.history(org=org, state=state) if e.status is not None]
            rows.append({"org": org, "state": state,
                         "spells": [(s.status, s.start.earliest, min(s.end.earliest, last) if s.end else last,
                                     s.start.latest) for s in own if s.start.earliest <= last],
                         "events": [e for e in events if e.date.earliest <= last]})
    return rows


def timeline_figure(atlas: "Atlas", orgs: str | Sequence[str], start: int | str | None = None,
                    end: int | str | None = None, lang: str = "en", on: dt.date | None = None) -> "Figure":
    """The timeline chart of ``orgs`` (comma-separated, a list, or a group such as 'collective-security')."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    if lang == "zh-Hant":
        from blocmap.features.fonts import use_cjk_font

        use_cjk_font()
    ids = resolve_orgs(atlas, orgs)
    last = on or dt.date.today()
    rows = _rows(atlas, ids, last)
    if not rows:
        raise QueryError.of("err.figure.no_history", "org", orgs=list(ids))
    first_year = parse_year(start, "from") if start else min(sp[1] for r in rows for sp in r["spells"]).year
    last_year = parse_year(end, "to") if end else last.year
    if first_year > last_year:
        raise QueryError.of("err.from_after_to", "from", first=first_year, last=last_year)
    x0, x1 = dt.date(first_year, 1, 1), min(dt.date(last_year, 12, 31), last)
    height = 1.0 + 0.32 * len(rows) + 0.35 * len(ids)
    fig = Figure(figsize=(10, max(2.6, height)), layout="constrained")
    ax = fig.add_subplot()
    labels, y = [], 0
    used: set[str] = set()
    partial = False
    for index, row in enumerate(rows):
        if index and row["org"] != rows[index - 1]["org"]:
            y += 0.6  # a gap between organizations
            ax.axhline(-(y - 0.3), color="#bbbbbb", linewidth=0.6)
        for status, begin, finish, known_by in row["spells"]:
            if finish < x0 or begin > x1:
                continue
            begin, finish = max(begin, x0), min(finish, x1)
            ax.barh(-y, (finish - begin).days or 1, left=begin, height=0.62, color=COLOURS.get(status, "#666666"),
                    edgecolor="white", linewidth=0.3)
            if known_by > begin:  # a partial start date: hatch only the period it may fall in
                partial = True
                ax.barh(-y, (min(known_by, finish) - begin).days + 1, left=begin, height=0.62, color="none",
                        hatch="////", edgecolor="white", linewidth=0)
            used.add(status)
        placed: list[tuple[dt.date, int]] = []  # labels already on this row: (day, vertical offset)
        crowd = (x1 - x0).days * 0.075
        for event in row["events"]:
            day = event.date.earliest
            if x0 <= day <= x1:
                filled = event.date.precision == "day"
                ax.plot(day, -y, marker="D", markersize=4.2, color="black" if filled else "white",
                        markeredgecolor="black", markeredgewidth=0.7, zorder=3)
                # close dates alternate above and below the bar; a third close one goes unlabelled
                near = {off for d, off in placed if abs((day - d).days) < crowd}
                offset = next((o for o in (5, -11) if o not in near), None)
                if offset is not None:
                    placed.append((day, offset))
                    ax.annotate(str(event.date), (day, -y), xytext=(3, offset), textcoords="offset points",
                                fontsize=5.6, color="#333333")
        labels.append((-y, f"{atlas.state_name(row['state'], lang, last)} · {atlas.org_name(row['org'], lang, short=True, on=last)}"
                       if len(ids) > 1 else atlas.state_name(row["state"], lang)))
        y += 1
    ax.set_yticks([p for p, _ in labels], [name for _, name in labels], fontsize=8)
    ax.set_xlim(x0, x1)
    ax.set_ylim(-(y - 0.4), 0.8)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    names = t("paper.sep", lang).join(atlas.org_name(o, lang, short=True) for o in ids)
    ax.set_title(aside(t("paper.title", lang).format(orgs=names), f"{first_year}–{x1.year}", lang), fontsize=11, loc="left")
    handles = [Patch(facecolor=COLOURS[s], label=t(f"status.{s}", lang)) for s in COLOURS if s in used]
    if partial:
        handles.append(Patch(facecolor="white", edgecolor="#444444", hatch="//", label=t("paper.partial_date", lang)))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=min(5, len(handles)),
              fontsize=7, frameon=False)
    return fig


def render(fig: "Figure", fmt: str, svg_text: str = "path") -> bytes:
    """The figure as SVG, PNG (200 dpi) or PDF bytes.

    SVG text is drawn as outlines, right in any viewer.  ``svg_text="text"`` keeps it as text
    naming the font, for a document that embeds that font itself (the report's PDF): WeasyPrint
    draws it in a fraction of the time the outlines take, and the labels become searchable.
    """
    import matplotlib

    if fmt not in FORMATS:
        raise QueryError.of("err.format_unsupported", "format", value=fmt, choices=list(FORMATS))
    if svg_text not in ("path", "text"):
        raise ValueError(svg_text)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none" if svg_text == "text" else "path"}):
        fig.savefig(buffer, format=fmt, dpi=200 if fmt == "png" else None, metadata=_metadata(fmt))
    return buffer.getvalue()


def _metadata(fmt: str) -> dict[str, Any] | None:
    # reproducible files: no creation dates
    return {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "png": {}}.get(fmt)
