"""The shipped overlap diagrams: every change day's drawing of the bundled data, made ahead.

The home page shows the Euler diagram of the post-Soviet five for its day, and every day shares
the drawing of the change day before it (``hooks.euler_svg`` keys drawings by what they show,
``figures.api.drawing_key``).  Drawing one takes the solver and matplotlib a fifth of a second
or more, so a server that drew them at start competed with its first visitors (issue 20, item
7).  This file holds them all, drawn when the data or the drawing code changes, regenerated
by one command::

    PYTHONPATH=src python -m blocmap.web.drawings

It is data only: xz-compressed JSON ``{"format", "code", "drawings": {drawing key: SVG or
null}}``, about 100 kB for some 90 drawings of 50 kB (they share glyphs and outlines, which xz's
window sees across drawings; gzip's does not).
A drawing is found by its drawing key, a hash of everything the drawing shows (sets, labels,
notes, captions), so a day whose memberships changed simply has no entry and is drawn as
before.  ``code`` is a hash of what turns those inputs into a picture (``code_hash``: the
figures code, the topology table, the palette, the translations of the figures' words, the
versions of matplotlib and of the font); a file made by other code is ignored as a whole, never
served wrong (``load``), and ``tests/test_web_serve.py`` fails until it is made again.
"""

from __future__ import annotations

import datetime as dt
import lzma
import hashlib
import inspect
import json
import logging
from pathlib import Path
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from blocmap.core.atlas import Atlas

log = logging.getLogger("blocmap.web")

FORMAT = "blocmap-euler-drawings-1"
FILE = Path(__file__).resolve().parents[1] / "data" / "euler-drawings.json.xz"
PACKAGE = Path(__file__).resolve().parents[1]


def code_hash() -> str:
    """A hash of everything besides the drawing key that decides what a drawing looks like."""
    from importlib.metadata import version

    from blocmap.features import fonts
    from blocmap.web import hooks

    digest = hashlib.sha256()
    sources = sorted((PACKAGE / "features" / "figures").glob("*.py")) + [
        PACKAGE / "data" / "euler-topologies.json", PACKAGE / "web" / "palette.py", PACKAGE / "features" / "fonts.py"]
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(inspect.getsource(hooks.draw).encode())
    digest.update(_figure_words().encode())
    font = Path(fonts.cjk_font_file())
    digest.update(f"matplotlib {version('matplotlib')}; font {font.name} {font.stat().st_size}".encode())
    return digest.hexdigest()


def _figure_words() -> str:
    """The translations the figures use (notes such as the empty-zone note are not in the
    drawing key): their rows of the translation table, or every catalog where there is none."""
    try:
        from blocmap.core.i18n import TABLE
    except ImportError:  # the translations moved to catalogs: any change there counts
        return "".join(p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.po")))
    return json.dumps(sorted((k, list(v)) for k, v in TABLE.items() if k.startswith(("fig.", "upset."))),
                      ensure_ascii=False)


def data_hash(folder: Path) -> str:
    """A hash of the contents of the data files an atlas of ``folder`` is read from (and of the
    CLDR names): equal data, equal change days and drawing keys."""
    from blocmap.core.cache import LAYOUT_FILES
    from blocmap.core.names import TABLE as NAMES

    folder = Path(folder)
    digest = hashlib.sha256()
    for path in [*(folder / name for name in LAYOUT_FILES), *sorted((folder / "orgs").glob("*.yaml")), NAMES]:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            digest.update(path.name.encode() + b"\0missing\0")
    return digest.hexdigest()


def covers(document: dict[str, Any], atlas: Atlas, today: dt.date | None = None) -> bool:
    """Whether ``document`` (as read by ``read``) holds every drawing the home page of ``atlas``
    can show up to ``today``: drawn by this code from the same data, and no change day since."""
    if not document.get("drawings") or document.get("data") != data_hash(atlas.folder):
        return False
    built = str(document.get("built", ""))
    today = today or dt.date.today()
    return not any(built < d.isoformat() <= today.isoformat() for d in drawing_days(atlas, today)[1:])


def drawing_days(atlas: Atlas, today: dt.date | None = None) -> list[dt.date]:
    """Today and every day up to today on which the home page's diagram may change: a
    membership of the five begins or ends, one of them or a state takes another name (the
    Union of Belarus and Russia becomes the Union State), or one continues in another."""
    from blocmap.core.model import POST_SOVIET
    from blocmap.features.figures import api

    today = today or dt.date.today()
    days = set(api.change_days(atlas, list(POST_SOVIET)))
    named = [atlas.orgs[o] for o in POST_SOVIET if o in atlas.orgs] + list(atlas.states.values())
    for thing in named:
        days |= {f.until.latest + dt.timedelta(days=1) for f in getattr(thing, "former_names", ())}
        succession = getattr(thing, "continues_in", None)
        if succession is not None:
            days.add(succession.date.earliest)
    return [today] + sorted(d for d in days if d <= today)


def change_day_keys(atlas: Atlas, today: dt.date | None = None) -> dict[str, tuple[dt.date, str, bool]]:
    """Every distinct drawing of the post-Soviet five the home page can show: the drawing key of
    every day of ``drawing_days``, in every language, wide (a desktop's) and narrow (a phone's),
    with the first (day, language, narrow) that has it.  A day with nobody inside has no
    drawing and no key."""
    from blocmap.core.errors import BlocmapError
    from blocmap.core.model import LANGS, POST_SOVIET
    from blocmap.features.figures import api

    days = drawing_days(atlas, today)
    keys: dict[str, tuple[dt.date, str, bool]] = {}
    for lang in LANGS:
        for day in days:
            try:
                key = api.drawing_key(atlas, list(POST_SOVIET), day, lang)
            except BlocmapError:  # nobody inside that day: the page keeps its zones table
                continue
            keys.setdefault(key, (day, lang, False))
            keys.setdefault(api.drawing_key(atlas, list(POST_SOVIET), day, lang, narrow=True), (day, lang, True))
    return keys


def load(path: Path | None = None, code: str | None = None) -> dict[str, str | None]:
    """The shipped drawings by drawing key; empty (and logged) where the file is missing, not
    ours, or made by other drawing code (``code``, default ``code_hash()``); ``path``: default
    the shipped file, ``FILE``."""
    return read(path, code)["drawings"]


def read(path: Path | None = None, code: str | None = None) -> dict[str, Any]:
    """The shipped document (``load``); its drawings empty where it cannot be used."""
    none: dict[str, Any] = {"drawings": {}}
    path = path or FILE
    try:
        document = json.loads(lzma.decompress(path.read_bytes()))
    except FileNotFoundError:
        return none
    except (OSError, ValueError, EOFError, lzma.LZMAError) as exc:
        log.warning("%s: not a drawings file (%s); the diagrams are drawn as asked", path, exc)
        return none
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        log.warning("%s: not a %s file; the diagrams are drawn as asked", path, FORMAT)
        return none
    try:
        code = code or code_hash()
    except Exception as exc:  # no CJK font or no matplotlib: nothing can be drawn here anyway
        log.warning("the drawing code cannot be identified (%s); the diagrams are drawn as asked", exc)
        return none
    if document.get("code") != code:
        log.info("%s was drawn by other drawing code (run python -m blocmap.web.drawings); "
                 "the diagrams are drawn as asked", path)
        return none
    drawings = document.get("drawings")
    if not isinstance(drawings, dict) or not all(isinstance(k, str) and (v is None or isinstance(v, str))
                                                 for k, v in drawings.items()):
        log.warning("%s: its drawings are not text; the diagrams are drawn as asked", path)
        return none
    return document


def drawn(atlas: Atlas, today: dt.date | None = None,
          skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, str | None]]:
    """Every change day's drawing (``change_day_keys``) not in ``skip``, English first and by day, each as
    (drawing key, SVG), None where the day cannot be drawn: the one loop of ``build`` and of the
    server's drawing process."""
    from blocmap.core.errors import BlocmapError
    from blocmap.core.model import POST_SOVIET
    from blocmap.web.hooks import draw

    for key, (day, lang, narrow) in change_day_keys(atlas, today).items():
        if key in skip:
            continue
        try:
            yield key, draw(atlas, list(POST_SOVIET), day, lang, narrow)
        except BlocmapError:
            yield key, None


def build(atlas: Atlas, today: dt.date | None = None) -> dict[str, Any]:
    """The drawings document of ``atlas``: every change day's drawing (``drawn``)."""
    return {"format": FORMAT, "code": code_hash(), "data": data_hash(atlas.folder),
            "built": (today or dt.date.today()).isoformat(), "drawings": dict(drawn(atlas, today))}


def write(document: dict[str, Any], path: Path | None = None) -> None:
    """Write the document whole (the same drawings give the same bytes)."""
    from blocmap.core.files import write_atomic

    path = path or FILE
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    write_atomic(path, lzma.compress(text.encode("utf-8"), preset=9 | lzma.PRESET_EXTREME))


def main() -> None:
    import blocmap

    document = build(blocmap.load())
    write(document)
    print(f"{FILE}: {len(document['drawings'])} drawings, code {document['code'][:12]}")


if __name__ == "__main__":
    main()
