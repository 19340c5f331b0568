"""The web atlas's CJK font: the characters blocmap can show, cut from Noto Sans CJK TC.

The full font is 16 MB; every Chinese character a page can hold comes from the data folder's
files, the CLDR names, the translation table or the templates, so a subset of those (about a
thousand characters, some 400 kB as WOFF2) covers every page.  It is cut once per process with
fontTools from the font pip installed with blocmap, and the browser downloads it only for a page
that shows such characters (the stylesheet's ``unicode-range``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from blocmap.features.fonts import CJK_CHARS as CJK  # the ranges of the stylesheet's ``unicode-range``
from blocmap.features.fonts import subset_woff2  # noqa: F401  (the web's font is cut as the report's)


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
