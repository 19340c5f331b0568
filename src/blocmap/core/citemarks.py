"""Citations inside prose: a note cites a source as ``[@key]``; readers see a numbered note.

``numbered("… pending (see [@mail-ru-2025]) …")`` gives ``("… pending (see [1]) …", ["mail-ru-2025"])``:
the text with each key replaced by its number (one number per key, in order of first use) and the
keys in that order, so that every door lists "[1] <the source>" under the text.
"""

from __future__ import annotations

import re

MARK = re.compile(r"\[@([A-Za-z0-9][A-Za-z0-9._-]*)\]")


def keys_in(text: str | None) -> list[str]:
    """The source keys a text cites, in order of first use."""
    return list(dict.fromkeys(MARK.findall(text or "")))


def numbered(text: str | None, start: int = 1) -> tuple[str, list[str]]:
    """The text with ``[@key]`` replaced by ``[n]``, and the keys by number."""
    keys = keys_in(text)
    if not keys:
        return text or "", []
    return MARK.sub(lambda m: f"[{keys.index(m.group(1)) + start}]", text or ""), keys
