"""The one font blocmap draws with: Noto Sans CJK TC (Traditional Chinese, Latin, Cyrillic).

The font arrives with the pinned PyPI package ``cvttf-NotoSansCJK-Regular`` (SIL Open Font
License 1.1, as its own name table says), a dependency of blocmap, so ``pip install`` alone
provides it and nothing is downloaded at run time.  Without it, a system Noto Sans CJK
(Debian ``fonts-noto-cjk``) is used.  One font for every language keeps label
measurements and rendering consistent.

    >>> from blocmap.features import fonts
    >>> path = fonts.cjk_font_path()      # str path of the .otf; registered with matplotlib
    >>> fonts.FAMILY                      # the family name to use in matplotlib
    'Noto Sans CJK TC'
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from blocmap.core.errors import BlocmapError

#: The family name matplotlib knows the font by once ``cjk_font_path()`` has run.
FAMILY = "Noto Sans CJK TC"
#: Set this environment variable to use another CJK-capable font file instead.
ENV_VAR = "BLOCMAP_CJK_FONT"
_SYSTEM_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKtc-Regular.otf",
)


def _find() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        if not Path(override).is_file():
            raise BlocmapError.of("err.font.env", var=ENV_VAR, path=override)
        return Path(override)
    try:
        import cvttf_NotoSansCJK_Regular as package  # the pinned font package
    except ImportError:
        package = None
    if package is not None:
        return Path(package.get_TTF_path())
    for candidate in _SYSTEM_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    raise BlocmapError.of("err.font.none", var=ENV_VAR)


@functools.lru_cache(maxsize=1)
def cjk_font_file() -> str:
    """Path of the CJK font, without touching matplotlib (for measuring text cheaply)."""
    return str(_find())


@functools.lru_cache(maxsize=1)
def cjk_font_path() -> str:
    """Path of a font with Traditional Chinese glyphs, registered with matplotlib.

    Registering the file directly (``fontManager.addfont``) means matplotlib's font
    cache never needs rebuilding.  Raises ``BlocmapError`` when no such font exists.
    """
    path = cjk_font_file()
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(path))
    return str(path)


def font_properties(size: float = 10.0, weight: str = "normal"):
    """A ``matplotlib.font_manager.FontProperties`` for the CJK font (by file, so exact)."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=cjk_font_path(), size=size, weight=weight)


@functools.lru_cache(maxsize=1)
def cjk_family() -> str:
    """The CJK font's family name as the file itself gives it (what matplotlib writes into SVG)."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=cjk_font_path()).get_name()


def chart_fonts() -> list[tuple[str, str]]:
    """(family, file) of each font charts draw text with: the CJK font and matplotlib's own
    DejaVu Sans (its default sans-serif).  A document declaring these with ``@font-face`` shows
    charts' SVG text in the very fonts matplotlib measured it with, whatever the system has."""
    import matplotlib

    return [(cjk_family(), cjk_font_path()),
            ("DejaVu Sans", str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"))]


@functools.lru_cache(maxsize=1)
def use_cjk_font() -> str:
    """Make the CJK font matplotlib's default sans-serif (for charts drawn with rcParams, such
    as the timelines); text stays text in PDF and becomes outlines in SVG.  Returns the family."""
    import matplotlib

    family = cjk_family()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["pdf.fonttype"] = 42  # embed the font itself: text stays text (searchable) in the PDF
    matplotlib.rcParams["svg.fonttype"] = "path"  # glyphs as outlines: right in any viewer
    return family


#: The characters a CJK face must cover (the web atlas's ``unicode-range``, the report's subset).
CJK_CHARS = re.compile("[\u2e80-\u2fdf\u3000-\u303f\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                       "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def subset_woff2(font_file: Path | str, text: str) -> bytes:
    """The glyphs of ``text`` (and the digits around them) cut from ``font_file`` as a WOFF2
    font: what the web atlas serves and the HTML report embeds, so that Chinese reads on a
    machine without a CJK font."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = TTFont(str(font_file), fontNumber=0)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + "0123456789")
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
