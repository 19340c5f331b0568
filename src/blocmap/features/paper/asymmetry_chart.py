"""The leader's share of an organization's GDP over time (from ``econ.asymmetry_over_time`` results)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Sequence

from blocmap.core.errors import QueryError
from blocmap.core.i18n import aside, field, joined, t

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from blocmap.core.atlas import Atlas


def leader_share_figure(atlas: "Atlas", results: Sequence[dict[str, Any]], lang: str = "en") -> "Figure":
    """A line of the leader's share per year; years with missing members are drawn hollow."""
    import re

    import matplotlib

    from blocmap.features.econ import vintage_for_reader

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    if lang == "zh-Hant":
        from blocmap.features.fonts import use_cjk_font

        use_cjk_font()
    points = [r for r in results if r["leader_share"] is not None]
    if not points:
        raise QueryError.of("err.figure.no_year", "from")
    fig = Figure(figsize=(8, 3.6), layout="constrained")
    ax = fig.add_subplot()
    years = [r["year"] for r in points]
    shares = [100 * r["leader_share"] for r in points]
    ax.plot(years, shares, color="#0072B2", linewidth=1.6)
    complete = [(y, s) for (y, s), r in zip(zip(years, shares), points) if r["complete"]]
    partial = [(y, s) for (y, s), r in zip(zip(years, shares), points) if not r["complete"]]
    if complete:
        ax.plot(*zip(*complete), "o", color="#0072B2", markersize=3.5)
    if partial:
        ax.plot(*zip(*partial), "o", markerfacecolor="white", markeredgecolor="#D55E00", markersize=4.5,
                label=re.split("[:：]", t("econ.missing", lang))[0])
        ax.legend(fontsize=7, frameon=False)
    leaders = sorted({r["leader"] for r in points})
    # named in the figure's language, by its name of the last year drawn
    org = atlas.org_name(points[-1]["org"], lang, on=dt.date.fromisoformat(points[-1]["on"]))
    leaders_named = joined((atlas.state_name(s, lang) for s in leaders), lang)
    ax.set_title(f"{t('econ.leader_share', lang)} — {aside(org, leaders_named, lang)}", fontsize=10, loc="left")
    ax.set_ylabel("%")
    ax.set_ylim(0, 100)
    ax.grid(color="#e5e5e5", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    # the vintage as the x label: constrained layout keeps it clear of the tick labels
    # (the vintage as a reader wants it, in the reader's language: not the raw provenance string)
    vintage = vintage_for_reader(points[0]["vintage"], lang) or ""
    ax.set_xlabel(field(t("econ.vintage", lang), vintage, lang), fontsize=6, color="#555555")
    return fig
