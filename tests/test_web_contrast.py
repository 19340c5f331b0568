"""A contrast audit of the web atlas, from the colours it actually ships: the custom properties
and rules of ``static/atlas.css`` and ``palette.ORG_COLOURS`` (WCAG 2.x relative luminance).

Text keeps 4.5:1 against what it sits on; marks that carry meaning (the map's fills, legend
swatches, timeline bars, organization colours, the diagram's outlines, slider marks, the focus
ring) keep 3:1.  Plain land against the sea is geography, not data, and is not audited.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from blocmap.core.model import POST_SOVIET, STATUSES
from blocmap.web.palette import ORG_COLOURS

CSS = Path(__file__).resolve().parents[1] / "src" / "blocmap" / "web" / "static" / "atlas.css"


@lru_cache(maxsize=1)
def rules() -> list[tuple[list[str], dict[str, str]]]:
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    out = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declarations = dict((k.strip(), v.strip()) for k, _, v in
                            (d.partition(":") for d in body.split(";") if ":" in d))
        out.append(([s.strip() for s in selectors.split(",")], declarations))
    return out


def declared(selector: str, prop: str) -> str:
    """The value of ``prop`` in the last rule naming exactly ``selector``, variables resolved."""
    found = [d[prop] for sels, d in rules() if selector in sels and prop in d]
    assert found, f"{selector} {{ {prop} }} is not in atlas.css"
    return resolve(found[-1])


def resolve(value: str) -> str:
    while (m := re.fullmatch(r"var\((--[\w-]+)(?:,\s*(.+))?\)", value.strip())):
        value = declared(":root", m.group(1)) if any(m.group(1) in d for s, d in rules() if ":root" in s) \
            else m.group(2)
    return value.strip()


def rgba(colour: str) -> tuple[float, float, float, float]:
    colour = colour.strip()
    if colour.startswith("#"):
        h = colour[1:]
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), 1.0
    m = re.fullmatch(r"rgba?\(([^)]+)\)", colour)
    assert m, colour
    parts = [float(p) for p in re.split(r"[,\s/]+", m.group(1).strip()) if p]
    return parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0


def over(top: str, below: str) -> str:
    """``top`` (with its alpha) composited over the opaque ``below``."""
    r, g, b, a = rgba(top)
    R, G, B, _ = rgba(below)
    return "#%02x%02x%02x" % tuple(round(a * x + (1 - a) * y) for x, y in ((r, R), (g, G), (b, B)))


def luminance(colour: str) -> float:
    r, g, b, _ = rgba(colour)
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r / 255, g / 255, b / 255)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def root(name: str) -> str:
    return declared(":root", name)


def test_the_audit_reads_the_real_stylesheet():
    assert root("--member").startswith("#") and declared("header.top", "background").startswith("#")
    assert round(ratio("#000000", "#ffffff"), 1) == 21.0 and ratio("#777777", "#777777") == 1.0
    assert over("rgba(255,255,255,.5)", "#000000") == "#808080"


def text_pairs() -> list[tuple[str, str, str]]:
    """(what, text colour, background) for every kind of text on the pages."""
    bg, panel = root("--bg"), root("--panel")
    thead = declared("table.data thead th", "background")
    today = declared(".on-this-day", "background")
    pairs = []
    for name in ("--ink", "--muted", "--accent"):
        for where, colour in (("page", bg), ("panel", panel), ("table head", thead), ("on this day", today)):
            pairs.append((f"{name} on {where}", root(name), colour))
    pairs += [
        ("header links", declared("header.top a", "color"), declared("header.top", "background")),
        ("current language", declared(".langs a[aria-current]", "color"),
         declared(".langs a[aria-current]", "background")),
        ("skip link", declared(".skip-link", "color"), declared(".skip-link", "background")),
        ("slider's date", declared(".thumb-date", "color"), declared(".thumb-date", "background")),
        ("play pressed", declared('#play[aria-pressed="true"]', "color"),
         declared('#play[aria-pressed="true"]', "background")),
        ("uncertain star", declared("sup.unc", "color"), panel),
        ("timeline names", declared("svg.timeline .label", "fill"), panel),
        ("error message", root("--ink"), declared(".error-message", "background")),
    ]
    # The map's names: ink on a white halo drawn over the fill, for the darkest and lightest fills.
    label, halo = declared("svg.map .labels text", "fill"), declared("svg.map .labels text", "stroke")
    for fill in ("--land", "--other", "--c5", "--member", "--c1", "--observer"):
        pairs.append((f"map label on {fill}", label, over(halo, root(fill))))
    # The diagram names the five sets in their colours, on white.
    pairs += [(f"diagram name {org}", ORG_COLOURS[org], "#ffffff") for org in POST_SOVIET]
    return pairs


def mark_pairs() -> list[tuple[str, str, str]]:
    """(what, mark colour, what it sits on) for every mark that carries meaning."""
    land, sea, panel, bg = root("--land"), root("--sea"), root("--panel"), root("--bg")
    pairs = []
    fills = [f"--{s}" for s in STATUSES] + [f"--c{n}" for n in range(1, 6)]
    for fill in fills:
        for where, colour in (("land", land), ("sea", sea), ("other land", root("--other")), ("panel", panel)):
            pairs.append((f"{fill} on {where}", root(fill), colour))
    for org, colour in ORG_COLOURS.items():
        pairs += [(f"{org} on the panel", colour, panel), (f"{org} framing the sea", colour, sea)]
    pairs += [
        ("zones: not in", declared("table.zones .out", "color"), panel),
        ("slider marks", declared("svg.ticks .tick", "fill"), panel),
        ("slider major marks", declared("svg.ticks .tick.major", "fill"), panel),
        ("focus ring on page", re.search(r"#\w+", declared(":focus-visible", "outline")).group(0), bg),
        ("focus ring on panel", re.search(r"#\w+", declared(":focus-visible", "outline")).group(0), panel),
        ("legend swatch outline", re.search(r"#\w+", declared(".swatch", "border")).group(0), panel),
        ("uncertain hatching over a member", over("rgba(255,255,255,.75)", root("--member")), root("--member")),
    ]
    return pairs


@pytest.mark.parametrize("what,fg,bg", text_pairs(), ids=[p[0] for p in text_pairs()])
def test_text_contrast(what, fg, bg):
    assert ratio(fg, bg) >= 4.5, f"{what}: {fg} on {bg} is {ratio(fg, bg):.2f}:1 (text needs 4.5:1)"


@pytest.mark.parametrize("what,fg,bg", mark_pairs(), ids=[p[0] for p in mark_pairs()])
def test_mark_contrast(what, fg, bg):
    assert ratio(fg, bg) >= 3.0, f"{what}: {fg} on {bg} is {ratio(fg, bg):.2f}:1 (marks need 3:1)"


def test_the_hatching_is_the_one_the_stylesheet_draws():
    assert declared("svg.locator-map .hatch-line", "fill") == "#fff"
    assert declared("svg.locator-map .hatch-line", "fill-opacity") == ".75"


def test_the_diagrams_marks_and_text_keep_their_contrast():
    """The Euler drawing (figures/render.py) on the white page: the empty zones' hatching is a
    mark (3:1), names and notes are text (4.5:1)."""
    from blocmap.features.figures.render import HATCH, INK, MUTED

    assert ratio(HATCH, "#ffffff") >= 3
    assert ratio(INK, "#ffffff") >= 4.5 and ratio(MUTED, "#ffffff") >= 4.5
