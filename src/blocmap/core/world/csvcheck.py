"""Reading COW's CSV files strictly: every rejection names the file, the line and the column.

pandas reads fast but forgives too much (short rows become missing values, junk becomes text),
so each reader here checks what pandas produced and turns any surprise into a ``Problem``.
Line numbers are physical lines of the file: the header is line 1, the first data row line 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from blocmap.core.errors import DataError, Problem
from blocmap.core.messages import Text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

Progress = Callable[[int], None]


def fail(path: Path, line: int | None, key: str, /, **values: Any) -> DataError:
    """The error of a CSV file at ``line``: a key of the translation table and its values."""
    return DataError([Problem.of(str(path), line, key, **values)])


def column_label(index: int, name: str) -> Text:
    return Text("data.csv_column", {"n": index + 1, "name": name})


def read_header(path: Path) -> tuple[list[str], str]:
    """The header names and the separator (COW's own downloads are sometimes tab-separated)."""
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
    except FileNotFoundError:
        raise fail(path, None, "data.csv_not_found") from None
    except UnicodeDecodeError as exc:
        raise fail(path, 1, "data.not_utf8_short", why=exc.reason) from None
    except OSError as exc:
        raise fail(path, None, "data.cannot_read", why=exc.strerror) from None
    if not first.strip():
        raise fail(path, 1, "data.csv_empty_file")
    sep = "\t" if first.count("\t") > first.count(",") else ","
    names = next(csv.reader([first], delimiter=sep))
    return [n.strip() for n in names], sep


def count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))


def raw_line(path: Path, line: int) -> str:
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        for number, text in enumerate(handle, start=1):
            if number == line:
                return text.rstrip("\r\n")
    return ""


def read_frame(path: Path, sep: str, names: Sequence[str], progress: Progress | None = None,
               chunk_rows: int = 1000, dtype: dict | None = None) -> "pd.DataFrame":
    """The data rows; a row with too many fields or an unreadable byte is a ``DataError``."""
    import re

    import pandas as pd

    chunks = []
    try:
        reader = pd.read_csv(path, sep=sep, header=0, names=list(names), chunksize=chunk_rows,
                             encoding="utf-8-sig", dtype=dtype, keep_default_na=False,
                             na_values=[""], low_memory=False)
        for chunk in reader:
            chunks.append(chunk)
            if progress:
                progress(len(chunk))
    except pd.errors.ParserError as exc:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if found:
            expected, line, saw = (int(g) for g in found.groups())
            raise fail(path, line, "data.csv_row", saw=saw, expected=expected) from None
        raise fail(path, None, "data.csv_unreadable", why=exc) from None
    except UnicodeDecodeError as exc:
        raise fail(path, None, "data.not_utf8_short", why=exc.reason) from None
    if not chunks:
        raise fail(path, 2, "data.csv_no_rows")
    frame = pd.concat(chunks, ignore_index=True)
    return frame


def check_missing(path: Path, frame: "pd.DataFrame", columns: Iterable[str], sep: str) -> None:
    """Missing cells in columns that must be filled; a short last row means a truncated file."""
    import numpy as np

    names = list(frame.columns)
    for name in columns:
        missing = frame[name].isna().to_numpy()
        if not missing.any():
            continue
        row = int(np.argmax(missing))
        line = row + 2
        fields = raw_line(path, line).count(sep) + 1
        if fields < len(names):
            raise fail(path, line, "data.csv_truncated", fields=fields, total=len(names),
                       column=column_label(names.index(name), name))
        raise fail(path, line, "data.csv_empty", column=column_label(names.index(name), name))


def integer_column(path: Path, frame: "pd.DataFrame", name: str) -> "pd.Series":
    """The column as int64; the first non-integer cell is a ``DataError``."""
    import numpy as np
    import pandas as pd

    series = frame[name]
    if pd.api.types.is_integer_dtype(series.dtype):
        return series.astype("int64")
    numbers = pd.to_numeric(series, errors="coerce")
    bad = (numbers.isna() & series.notna()).to_numpy()
    if not bad.any():
        whole = numbers.dropna()
        fraction = (whole != np.floor(whole)).to_numpy()
        if fraction.any():
            row = int(whole.index[int(np.argmax(fraction))])
            bad = np.zeros(len(series), dtype=bool)
            bad[row] = True
    if bad.any():
        row = int(np.argmax(bad))
        raise fail(path, row + 2, "data.csv_int", column=column_label(list(frame.columns).index(name), name),
                   value=series.iloc[row])
    return numbers.astype("int64")
