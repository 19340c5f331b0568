"""Where the CJK font is: one function, until the shared ``blocmap.fonts`` (branch ``figures``) lands.

The font is the one the project's set-up installs (Debian ``fonts-noto-cjk``; ``BLOCMAP_CJK_FONT``
may name another file).  Nothing is downloaded at run time.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..errors import BlocmapError

#: Families tried in order (Taiwan forms first) and files where Debian puts them.
FAMILIES = ("Noto Sans CJK TC", "Noto Sans TC", "Noto Serif CJK TC", "AR PL UMing TW", "WenQuanYi Micro Hei")
FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
         "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
         "/usr/share/fonts/truetype/arphic/uming.ttc",
         "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
HINT = "install a CJK font (Debian: apt-get install fonts-noto-cjk) or set BLOCMAP_CJK_FONT to a font file"


@lru_cache(maxsize=None)
def cjk_font_path() -> Path:
    """A font file with Traditional Chinese glyphs; BlocmapError (with what to install) if there is none."""
    given = os.environ.get("BLOCMAP_CJK_FONT")
    if given:
        if Path(given).is_file():
            return Path(given)
        raise BlocmapError(f"BLOCMAP_CJK_FONT={given}: no such file")
    for file in FILES:
        if Path(file).is_file():
            return Path(file)
    from matplotlib import font_manager

    for entry in font_manager.fontManager.ttflist:
        if entry.name in FAMILIES:
            return Path(entry.fname)
    raise BlocmapError(f"no font with Chinese glyphs found: {HINT}")


@lru_cache(maxsize=None)
def use_cjk_font() -> str:
    """Register the CJK font with matplotlib and put it first in the sans-serif list; returns its family."""
    import matplotlib
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["pdf.fonttype"] = 42  # embed the font itself: text stays text (searchable) in the PDF
    matplotlib.rcParams["svg.fonttype"] = "path"  # glyphs as outlines: right in any viewer
    return family
