"""Render rows (lists of dicts) as a terminal table, JSON or CSV: the one way every command prints."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any, Iterable, Mapping, Sequence

from blocmap.core.i18n import t

FORMATS = ("table", "json", "csv")


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any, lang: str | None = None) -> str:
    """A value as a cell: a table's (``lang`` given) says yes and no in the reader's language;
    CSV keeps ``yes``/``no``, a machine format's values."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("msg.yes" if value else "msg.no", lang) if lang else ("yes" if value else "no")
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v, lang) for v in value)
    return str(value)


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None,
          headers: Mapping[str, str] | None = None, lang: str = "en") -> str:
    """A plain, aligned text table that stays readable with Chinese names, in ``lang``."""
    if not rows:
        return t("msg.none", lang)
    columns = list(columns or rows[0].keys())
    headers = headers or {}
    head = [headers.get(c, c) for c in columns]
    body = [[_cell(row.get(c), lang) for c in columns] for row in rows]
    widths = [max(_width(h), *(_width(r[i]) for r in body)) for i, h in enumerate(head)]

    def line(cells: Iterable[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()

    out = [line(head), line("-" * w for w in widths)]
    out.extend(line(r) for r in body)
    return "\n".join(out)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    buffer = io.StringIO()
    if not rows:
        return ""
    columns = list(columns or rows[0].keys())
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _cell(row.get(c)) for c in columns})
    return buffer.getvalue()


def render(rows: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None,
           headers: Mapping[str, str] | None = None, json_data: Any = None, lang: str = "en") -> str:
    """Rows in the chosen format; ``json_data`` replaces the rows in JSON where the shape differs;
    a table is in ``lang`` (JSON and CSV are machine formats, the same in every language)."""
    if fmt == "json":
        return to_json(rows if json_data is None else json_data)
    if fmt == "csv":
        return to_csv(rows, columns)
    return table(rows, columns, headers, lang)
