"""Measure text with the real font, as matplotlib will draw it, without drawing it.

Sizes are in points; figures are laid out in points (1/72 inch) with y growing downwards,
so a measured (width, height) can be used directly as a label box.
"""

from __future__ import annotations

import functools
import math
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
    """The bundled CJK-capable font at ``size`` points (matplotlib is not imported)."""
    from blocmap.features.fonts import cjk_font_file

    return Font(cjk_font_file(), size, weight)


#: Glyphs are hinted to whole pixels at this resolution (4 x 72 dpi) before they are drawn;
#: rounding each advance up to it keeps a measured width at or above the drawn one.
_PIXEL = 1 / 4
#: Room above the ink of "lp" plus the text: matplotlib's line box is up to 0.14 em taller
#: (hinting, and ascenders or descenders such as g, j, f and Cyrillic De, U+0414).
_LEADING = 0.15


class _Metrics:
    """Advance widths and vertical ink extents per character, read from the font file with
    fontTools (the hmtx table and the glyph outlines), never by rendering.

    The characters met so far are kept on disk as a small JSON table in the cache's ``fonts``
    folder (keyed by the font file's path, size and modification time), so a later process
    opens the 16 MB font (a third of a second, most of it its character map) only for a
    character it has not seen.  It is apart from the figures' layouts: emptying those keeps it.
    """

    FORMAT = "glyph-metrics-1"

    def __init__(self, path: str):
        import hashlib
        import os

        from blocmap.core.cache import cache_folder, read_json

        self.path = path
        self._font = None
        self.units = 0
        self.chars: dict[str, tuple[int, int, int]] = {}
        self._dirty = False
        folder = cache_folder("fonts")
        self.table = None
        if folder is not None:
            info = os.stat(path)
            tag = f"{self.FORMAT}|{os.path.abspath(path)}|{info.st_size}|{info.st_mtime_ns}"
            self.table = folder / f"glyphs-{hashlib.sha256(tag.encode()).hexdigest()[:24]}.json"
            data = read_json(self.table)
            try:
                if data and data.get("format") == self.FORMAT:
                    self.units = int(data["units"])
                    self.chars = {c: (int(a), int(lo), int(hi)) for c, (a, lo, hi) in data["chars"].items()}
            except (ValueError, KeyError, TypeError, AttributeError):
                self.units, self.chars = 0, {}
        if not self.units:
            self._open()

    def _open(self) -> None:
        from fontTools.ttLib import TTFont

        if self._font is None:
            lazy = {"lazy": True}
            if self.path.lower().endswith((".ttc", ".otc")):
                lazy["fontNumber"] = 0
            font = TTFont(self.path, **lazy)
            self.units = font["head"].unitsPerEm
            self._font = (font.getBestCmap(), font["hmtx"].metrics, font.getGlyphSet())

    def char(self, c: str) -> tuple[int, int, int]:
        """(advance, lowest ink, highest ink) of ``c`` in font units."""
        found = self.chars.get(c)
        if found is None:
            from fontTools.pens.boundsPen import BoundsPen

            self._open()
            cmap, advances, glyphs = self._font
            name = cmap.get(ord(c), ".notdef")
            pen = BoundsPen(glyphs)
            glyphs[name].draw(pen)
            _, low, _, high = pen.bounds or (0, 0, 0, 0)
            found = self.chars[c] = (int(advances[name][0]), int(low), int(high))
            if not self._dirty and self.table is not None:
                import atexit

                atexit.register(self.save)
            self._dirty = True
        return found

    def save(self) -> None:
        """Write the table of characters met so far (at exit, when new ones were measured)."""
        from blocmap.core.cache import write_json

        if self._dirty and self.table is not None:
            write_json(self.table, {"format": self.FORMAT, "units": self.units,
                                    "chars": {c: list(m) for c, m in sorted(self.chars.items())}})
            self._dirty = False


@functools.lru_cache(maxsize=4)
def _metrics(path: str) -> _Metrics:
    return _Metrics(path)


@functools.lru_cache(maxsize=8192)
def text_size(text: str, font: Font) -> tuple[float, float]:
    """(width, height) in points of a box that holds ``text`` as matplotlib draws it, centred.

    Computed from the font's glyph advances and outlines (fontTools; cached per character),
    so measuring needs neither matplotlib nor a renderer.  The box is never smaller than
    matplotlib's own extent of the text (``rendered_size``; a test holds the two together).
    """
    metrics = _metrics(font.path)
    scale = font.size / metrics.units
    chars = [metrics.char(c) for c in text]
    width = sum(math.ceil(advance * scale / _PIXEL) * _PIXEL for advance, _, _ in chars)
    ink = chars + [metrics.char("l"), metrics.char("p")]
    height = (max(h for _, _, h in ink) - min(low for _, low, _ in ink)) * scale
    return float(width), float(height + _LEADING * font.size)


_SCALE = 4


@functools.lru_cache(maxsize=1)
def _renderer():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from blocmap.features.fonts import cjk_font_path

    cjk_font_path()
    figure = Figure(figsize=(4, 4), dpi=72 * _SCALE)
    canvas = FigureCanvasAgg(figure)
    return figure, canvas.get_renderer()


def rendered_size(text: str, font: Font) -> tuple[float, float]:
    """(width, height) in points of ``text`` as matplotlib lays it out (slow: renders it).

    The reference ``text_size`` is held against; measured at 4x72 dpi and scaled back.
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


def wrap_fully(text: str, font: Font, width: float) -> list[str]:
    """``wrap``, and each line still wider than ``width`` broken again at the next kind of
    break (after '; ', then ', ', then spaces, then the CJK list marks '、' and '，'): a phone's
    lines.  Only a single word wider than ``width`` keeps a line of its own."""
    lines = []
    for line in wrap(text, font, width):
        if text_size(line, font)[0] <= width:
            lines.append(line)
            continue
        for separator in ("; ", ", ", " ", "\u3001", "\uff0c"):
            pieces = line.split(separator)
            if len(pieces) > 1 and pieces[-1] == "":  # a mark at the end is no place to break
                pieces = pieces[:-1]
                pieces[-1] += separator.rstrip()
            if len(pieces) > 1:
                break
        else:
            lines.append(line)
            continue
        current = pieces[0]
        for piece in pieces[1:]:
            candidate = current + separator + piece
            if text_size(candidate, font)[0] <= width:
                current = candidate
            else:
                lines.extend(wrap_fully(current + separator.rstrip(), font, width))
                current = piece
        lines.extend(wrap_fully(current, font, width))
    return lines
