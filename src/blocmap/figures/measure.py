"""Measure text with the real font, as matplotlib will draw it.

Sizes are in points; figures are laid out in points (1/72 inch) with y growing downwards,
so a measured (width, height) can be used directly as a label box.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Font:
    """What a label is drawn with: the font file and its size in points."""

    path: str
    size: float = 10.0
    weight: str = "normal"

    def properties(self):
        from matplotlib.font_manager import FontProperties

        return FontProperties(fname=self.path, size=self.size, weight=self.weight)


def default_font(size: float = 10.0, weight: str = "normal") -> Font:
    """The bundled CJK-capable font at ``size`` points."""
    from ..fonts import cjk_font_path

    return Font(cjk_font_path(), size, weight)


_SCALE = 4


@functools.lru_cache(maxsize=1)
def _renderer():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # Measured at 4x72 dpi and scaled back: at 72 dpi glyph hinting rounds widths, and
    # figures are rendered at higher resolutions.
    figure = Figure(figsize=(4, 4), dpi=72 * _SCALE)
    canvas = FigureCanvasAgg(figure)
    return figure, canvas.get_renderer()


@functools.lru_cache(maxsize=4096)
def text_size(text: str, font: Font) -> tuple[float, float]:
    """(width, height) in points of ``text`` drawn centred, as matplotlib lays it out.

    Measured through a real ``Text`` artist so the line height (ascent + descent) is the one
    the renderer uses, which differs from font-size multiples for CJK fonts.
    """
    figure, renderer = _renderer()
    artist = figure.text(0.5, 0.5, text, fontproperties=font.properties(),
                         ha="center", va="center")
    try:
        box = artist.get_window_extent(renderer)
    finally:
        artist.remove()
    return float(box.width) / _SCALE, float(box.height) / _SCALE


def wrap(text: str, font: Font, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points where it can be.

    Breaks after '; ', then ', ', then spaces, so lists of states stay readable; a
    single piece wider than ``width`` gets a line of its own.
    """
    if text_size(text, font)[0] <= width:
        return [text]
    for separator in ("; ", ", ", " "):
        pieces = text.split(separator)
        if len(pieces) > 1:
            break
    else:
        return [text]
    lines, current = [], pieces[0]
    for piece in pieces[1:]:
        candidate = current + separator + piece
        if text_size(candidate, font)[0] <= width:
            current = candidate
        else:
            lines.append(current + separator.rstrip())
            current = piece
    lines.append(current)
    return lines
