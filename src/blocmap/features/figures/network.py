"""States linked by the number of organizations they both belong to.

``shared`` and ``stats`` are plain computations on sets (used by ``blocmap network`` for
its table); ``draw_network`` draws the graph on a circle, with states of the same zone
next to each other so that blocs show as dense arcs.
"""

from __future__ import annotations

import math
from itertools import combinations

from blocmap.features.figures.measure import Font, default_font, text_size


def shared(sets: dict[str, frozenset[str]]) -> dict[tuple[str, str], int]:
    """{(a, b): number of sets holding both} for every pair that shares at least one (a < b)."""
    counts: dict[tuple[str, str], int] = {}
    for members in sets.values():
        for a, b in combinations(sorted(members), 2):
            counts[a, b] = counts.get((a, b), 0) + 1
    return dict(sorted(counts.items()))


def stats(sets: dict[str, frozenset[str]]) -> tuple[float, dict[str, dict[str, int]]]:
    """(density, {state: {"degree": partners, "strength": summed shared memberships, "orgs": n}}).

    Density is the share of possible pairs among the states in any set that share at least
    one organization (0 when fewer than two states).
    """
    states = sorted(set().union(*sets.values())) if sets else []
    links = shared(sets)
    per = {s: {"degree": 0, "strength": 0, "orgs": sum(s in m for m in sets.values())} for s in states}
    for (a, b), n in links.items():
        for s in (a, b):
            per[s]["degree"] += 1
            per[s]["strength"] += n
    pairs = len(states) * (len(states) - 1) / 2
    return (len(links) / pairs if pairs else 0.0), per


def circle_order(sets: dict[str, frozenset[str]]) -> list[str]:
    """States ordered by their signature, so each zone is a run on the circle."""
    states = set().union(*sets.values()) if sets else set()
    order = sorted(sets, key=lambda s: (-len(sets[s]), s))
    return sorted(states, key=lambda e: ([-(e in sets[s]) for s in order], e))


def draw_network(sets: dict[str, frozenset[str]], labels: dict[str, str], title: str = "",
                 caption: tuple[str, ...] = (), font: Font | None = None):
    """A matplotlib Figure of the shared-membership graph."""
    from matplotlib.font_manager import FontProperties

    from blocmap.features.figures.render import INK, MUTED, PALETTE, axes, new_figure

    font = font or default_font(9.0)
    nodes = circle_order(sets)
    links = shared(sets)
    widest = max([text_size(labels.get(n, n), font)[0] for n in nodes] + [0.0])
    radius = max(110.0, 14.0 * len(nodes) / math.pi)
    margin = 16.0 + widest + 10
    title_h = 30.0 if title else 0.0
    cap_h = [text_size(c, font)[1] + 3 for c in caption]
    size = 2 * (radius + margin)            # labels left and right need their full width
    tall = 2 * (radius + 40.0)              # above and below only their height
    legend_h = 18.0
    width = max([size] + [32 + text_size(c, font)[0] for c in caption])
    height = tall + title_h + legend_h + sum(cap_h) + 10
    cx, cy = width / 2, title_h + tall / 2
    figure = new_figure(width, height)
    ax = axes(figure, width, height)
    fp = FontProperties(fname=font.path, size=font.size)
    if title:
        ax.text(16, 16, title, fontproperties=FontProperties(fname=font.path, size=font.size * 1.3),
                va="top", color=INK)
    pos = {}
    for k, n in enumerate(nodes):
        angle = 2 * math.pi * k / max(1, len(nodes)) - math.pi / 2
        pos[n] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    top = max(links.values()) if links else 1
    for (a, b), n in sorted(links.items(), key=lambda item: item[1]):
        colour = PALETTE[min(n, len(PALETTE)) - 1]
        ax.plot([pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]], color=colour,
                linewidth=0.6 + 3.0 * n / top, alpha=0.35 + 0.5 * n / top, zorder=1)
    _, per = stats(sets)
    for n, (x, y, angle) in pos.items():
        ax.plot([x], [y], marker="o", markersize=4 + 1.5 * per[n]["orgs"], color=INK, zorder=3)
        lx, ly = x + 12 * math.cos(angle), y + 12 * math.sin(angle)
        right = math.cos(angle) >= 0
        ax.text(lx, ly, labels.get(n, n), fontproperties=fp, ha="left" if right else "right",
                va="center", color=INK, zorder=4)
    # Legend: one stroke per number of shared organizations.
    y = tall + title_h
    x = 16.0
    for n in range(1, top + 1):
        colour = PALETTE[min(n, len(PALETTE)) - 1]
        ax.plot([x, x + 22], [y + 6, y + 6], color=colour, linewidth=0.6 + 3.0 * n / top,
                alpha=0.35 + 0.5 * n / top)
        ax.text(x + 26, y + 6, str(n), fontproperties=fp, va="center", color=INK)
        x += 46
    y += legend_h
    for c, h in zip(caption, cap_h):
        ax.text(16, y, c, fontproperties=fp, va="top", color=MUTED)
        y += h
    return figure
