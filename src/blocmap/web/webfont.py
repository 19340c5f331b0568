"""The web atlas's CJK font: the characters blocmap can show, cut from Noto Sans CJK TC.

The full font is 16 MB; every Chinese character a page can hold comes from the data folder's
files, the CLDR names, the translation table or the templates, so a subset of those (about a
thousand characters, some 400 kB as WOFF2) covers every page.  It is cut once per process with
fontTools from the font pip installed with blocmap, and the browser downloads it only for a page
that shows such characters (the stylesheet's ``unicode-range``).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Iterable

#: The ranges the stylesheet's ``unicode-range`` gives the CJK face.
CJK = re.compile("[\u2e80-\u2fdf\u3000-\u303f\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                 "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def characters(data_folder: Path) -> str:
    """Every CJK character a page can show: the data folder's texts, the CLDR names, the
    translation table and the templates."""
    from blocmap.core.i18n import TABLE
    from blocmap.core.names import TABLE as NAMES

    found: set[str] = set()
    sources: Iterable[Path] = [*sorted(Path(data_folder).rglob("*.yaml")), NAMES,
                               *sorted((Path(__file__).parent / "templates").glob("*.html"))]
    for path in sources:
        found |= set(CJK.findall(path.read_text(encoding="utf-8")))
    for row in TABLE.values():
        found |= set(CJK.findall(" ".join(row)))
    return "".join(sorted(found))


def subset_woff2(font_file: Path, text: str) -> bytes:
    """The glyphs of ``text`` (and the digits and Latin letters around them) as a WOFF2 font."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = TTFont(str(font_file))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + "0123456789")
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
