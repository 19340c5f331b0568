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
    widths = _fit(widths, terminal_width())

    def line(cells: Iterable[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()

    def lines(cells: list[str]) -> list[str]:
        wrapped = [_wrap(c, w) for c, w in zip(cells, widths)]
        return [line(part[k] if k < len(part) else "" for part in wrapped)
                for k in range(max(len(part) for part in wrapped))]

    out = [*lines(head), line("-" * w for w in widths)]
    for r in body:
        out.extend(lines(r))
    return "\n".join(out)


#: punctuation that a line may not begin with (Chinese line-breaking rules)
NO_LINE_START = frozenset("，。、；：！？）」』》〉…,.;:!?)")
#: the narrowest a column is wrapped to
MIN_COLUMN = 12


def terminal_width() -> int | None:
    """The width tables are wrapped to: ``$COLUMNS``, else the terminal's; None (no wrapping)
    where the output is no terminal (a pipe, a file, a test)."""
    import os
    import shutil
    import sys

    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _fit(widths: list[int], limit: int | None) -> list[int]:
    """Column widths narrowed, widest first, until the table fits ``limit`` cells."""
    widths = list(widths)
    if limit is None:
        return widths
    while sum(widths) + 2 * (len(widths) - 1) > limit:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= MIN_COLUMN:
            break
        over = sum(widths) + 2 * (len(widths) - 1) - limit
        second = max((w for k, w in enumerate(widths) if k != widest), default=0)
        # down to the next widest (then both shrink in turn), at least one cell a step
        widths[widest] = max(MIN_COLUMN, min(widths[widest] - 1, max(widths[widest] - over, second)))
    return widths


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells: between words, and inside a word (a Chinese
    phrase, a long key) only where it is wider than a line."""
    if _width(text) <= width:
        return [text]
    out: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if _width(candidate) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        current = ""
        for ch in word:
            # a closing mark never starts a line (it stays one cell past the width instead)
            if current and _width(current + ch) > width and ch not in NO_LINE_START:
                out.append(current)
                current = ""
            current += ch
    if current:
        out.append(current)
    return out


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def _plain(value: Any) -> bool:
    return not isinstance(value, (dict, list, tuple))


def _spread(row: Mapping[str, Any]) -> dict[str, Any]:
    """A record's CSV columns: a value that is a record of plain values is a column each
    (``statuses.cis``); everything else keeps its own column."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict) and value and all(map(_plain, value.values())):
            out.update({f"{key}.{sub}": inner for sub, inner in value.items()})
        else:
            out[key] = value
    return out


def _csv_cell(value: Any) -> str:
    """A CSV cell: a list of plain values joined by ', ', anything deeper as JSON (never Python's repr)."""
    if isinstance(value, (list, tuple)) and all(map(_plain, value)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return _cell(value)


def to_csv(rows: Sequence[Any], columns: Sequence[str] | None = None) -> str:
    """Records as CSV, the one CSV of the CLI and the web: ``columns`` in their order (one that is a
    record of plain values spread to a column each), else every column any record has, in order of
    appearance. Items that are not records are left out; no records, no text."""
    records = [_spread(row) for row in rows if isinstance(row, Mapping)]
    if not records:
        return ""
    present = list(dict.fromkeys(key for record in records for key in record))
    if columns is not None:
        present = [name for column in columns
                   for name in ([k for k in present if k.startswith(f"{column}.")] or [column])]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(present)
    writer.writerows([_csv_cell(record.get(name)) for name in present] for record in records)
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
