"""The report's font: the one ``blocmap.fonts`` provides (Noto Sans CJK TC from its pinned
PyPI package), set up for matplotlib charts and for WeasyPrint's @font-face."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import fonts


def cjk_font_path() -> Path:
    """A font file with Traditional Chinese glyphs; BlocmapError saying what to install if none."""
    return Path(fonts.cjk_font_path())


@lru_cache(maxsize=None)
def use_cjk_font() -> str:
    """Register the CJK font with matplotlib and put it first in the sans-serif list; returns its family."""
    import matplotlib
    from matplotlib import font_manager

    path = cjk_font_path()
    family = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["pdf.fonttype"] = 42  # embed the font itself: text stays text (searchable) in the PDF
    matplotlib.rcParams["svg.fonttype"] = "path"  # glyphs as outlines: right in any viewer
    return family
