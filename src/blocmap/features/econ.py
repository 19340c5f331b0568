"""Indicators (World Bank GDP and population) and the economic asymmetry of an organization.

The bundled series live in ``data/indicators/`` (the datahub copies of WDI, gzip'd, with their
vintage in ``vintage.yaml``).  ``blocmap indicators import FILE`` reads a newer download — the
World Bank bulk CSV (four lines of preamble, one column per year) or the datahub layout (long:
Country Name, Country Code, Year, Value) — and stores it in the user's data folder, where it then
takes precedence.  Every result names the vintage it was computed from.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import math
import os
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import yaml

from blocmap.core.dates import parse_day, parse_year
from blocmap.core.errors import BlocmapError, DataError, Problem, QueryError, cut
from blocmap.core.messages import Either, Text
from blocmap.core.model import INSIDE

if TYPE_CHECKING:
    from blocmap.core.atlas import Atlas

BUNDLED_DIR = Path(__file__).parents[1] / "data" / "indicators"
INDICATORS = {"gdp": "NY.GDP.MKTP.CD", "population": "SP.POP.TOTL"}
CODES = {code: name for name, code in INDICATORS.items()}
LONG_HEADER = ["Country Name", "Country Code", "Year", "Value"]
#: The keys of an entry of ``indicators/vintage.yaml``.
VINTAGE_KEYS = ("indicator", "code", "file", "layout", "licence", "source", "title", "unit", "vintage")


@dataclass(frozen=True)
class Series:
    """One indicator: values by (ISO alpha-3, year), with where they come from."""

    indicator: str
    code: str
    unit: str
    vintage: str
    source: str | None
    licence: str
    origin: str  # 'bundled' or the path of the imported copy
    values: Mapping[tuple[str, int], float] = field(repr=False)

    def value(self, iso3: str, year: int) -> float | None:
        return self.values.get((iso3, year))

    def years(self) -> range:
        found = [y for _, y in self.values]
        return range(min(found), max(found) + 1) if found else range(0)

    def meta(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "code": self.code, "unit": self.unit, "vintage": self.vintage,
                "source": self.source, "licence": self.licence, "origin": self.origin}


# ---------------------------------------------------------------------------- reading CSV files
def _number(text: str, where: Problem) -> float:
    try:
        value = float(text)
    except ValueError:
        raise DataError([where]) from None
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise DataError([where])
    return value


def _problem(file: str, line: int, column: str, value: str, reason: str, **values: Any) -> Problem:
    """A problem with one cell: its column, its value and ``reason`` (a key of the translation table)."""
    return Problem.of(file, line, "data.column", column=column, value=repr(value), reason=Text(reason, values))


def _check_code(file: str, line: int, code: str) -> None:
    if len(code) != 3 or not code.isalnum() or code.upper() != code:
        raise DataError([_problem(file, line, "Country Code", code, "data.not_code")])


def _check_year(file: str, line: int, column: str, text: str) -> int:
    if not (len(text) == 4 and text.isdigit()) or not 1800 <= int(text) <= 2200:
        raise DataError([_problem(file, line, column, text, "data.not_year")])
    return int(text)


def parse_long(text: str, file: str, lines: dict[tuple[str, int], int] | None = None) -> dict[tuple[str, int], float]:
    """The datahub layout: ``Country Name, Country Code, Year, Value``, one row per country-year.

    ``lines``, when given, receives the line of each value (for the plausibility checks)."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None or [h.strip() for h in header[:4]] != LONG_HEADER:
        raise DataError([Problem.of(file, 1, "data.long_header", wanted=list(LONG_HEADER), got=list(header or []))])
    values: dict[tuple[str, int], float] = {}
    first_line: dict[tuple[str, int], int] = {}
    for number, row in enumerate(_rows(rows, file), start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != 4:
            raise DataError([Problem.of(file, number, "data.columns", wanted=4, found=len(row))])
        _name, code, year_text, value_text = (cell.strip() for cell in row)
        _check_code(file, number, code)
        year = _check_year(file, number, "Year", year_text)
        if value_text == "":
            continue  # WDI has gaps; a missing value stays missing
        if (code, year) in first_line:  # never "the last one wins": a tenfold Russia would pass
            raise DataError([Problem.of(file, number, "data.duplicate_value", code=code, year=year,
                                        first=first_line[(code, year)])])
        first_line[(code, year)] = number
        values[(code, year)] = _number(value_text, _problem(file, number, "Value", value_text, "data.not_number"))
        if lines is not None:
            lines[(code, year)] = number
    return values


def parse_bulk(text: str, file: str, indicator_code: str | None,
               where: dict[tuple[str, int], tuple[int, str]] | None = None
               ) -> tuple[dict[tuple[str, int], float], str, str | None]:
    """The World Bank bulk CSV: a preamble (Data Source, Last Updated Date), then one column per year.

    Returns the values, the indicator code and the 'Last Updated Date' (the vintage).  ``where``,
    when given, receives the line and column of each value.  A file whose 'Indicator Code' is
    not ``indicator_code`` is refused, naming what it holds."""
    lines = list(_rows(csv.reader(io.StringIO(text)), file))
    updated = None
    header_at = None
    for index, row in enumerate(lines[:10]):
        if row and row[0].strip() == "Last Updated Date" and len(row) > 1:
            updated = row[1].strip()
        if row and row[0].strip() == "Country Name":
            header_at = index
            break
    if header_at is None:
        raise DataError([Problem.of(file, None, "data.no_header")])
    header = [h.strip() for h in lines[header_at]]
    if header[:4] != ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]:
        raise DataError([Problem.of(file, header_at + 1, "data.bulk_header")])
    year_columns = []
    for position, name in enumerate(header[4:], start=4):
        if name == "":
            continue  # the World Bank files end every line with a comma
        year_columns.append((position, _check_year(file, header_at + 1, name, name)))
    codes_seen: set[str] = set()
    country_line: dict[str, int] = {}  # each country's row, once
    other: tuple[str, int] | None = None  # the first row of another indicator
    values: dict[tuple[str, int], float] = {}
    for index in range(header_at + 1, len(lines)):
        row, number = lines[index], index + 1
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header) - (1 if header[-1] == "" else 0):
            raise DataError([Problem.of(file, number, "data.columns", wanted=len(header), found=len(row))])
        code, series = row[1].strip(), row[3].strip()
        if indicator_code and series != indicator_code:
            other = other or (series, number)
            continue
        codes_seen.add(series)
        if len(codes_seen) > 1:
            raise DataError([Problem.of(file, number, "data.several", codes=sorted(codes_seen))])
        _check_code(file, number, code)
        if code in country_line:
            raise DataError([Problem.of(file, number, "data.duplicate_country", code=code, first=country_line[code])])
        country_line[code] = number
        for position, year in year_columns:
            cell = row[position].strip() if position < len(row) else ""
            if cell:
                values[(code, year)] = _number(cell, _problem(file, number, header[position], cell, "data.not_number"))
                if where is not None:
                    where[(code, year)] = (number, header[position])
    if not codes_seen and other is not None:
        held = f"{CODES[other[0]]} ({other[0]})" if other[0] in CODES else other[0]
        asked = f"{CODES.get(indicator_code or '', indicator_code)} ({indicator_code})"
        raise DataError([_problem(file, other[1], "Indicator Code", other[0], "data.holds_other",
                                  held=held, asked=asked)])
    if not codes_seen:
        raise DataError([Problem.of(file, None, "data.no_rows", code=indicator_code or Text("data.any"))])
    return values, codes_seen.pop(), updated


#: The longest field a CSV cell may hold (a country name, a number: far less)
MAX_FIELD = 10_000


def _rows(reader: Any, file: str) -> Any:
    """The rows of a CSV reader, a broken file (a 200,000-character field, a stray NUL) being one
    problem naming its line instead of a ``_csv.Error`` traceback."""
    csv.field_size_limit(MAX_FIELD)
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataError([Problem.of(file, reader.line_num, "data.csv", why=str(exc)[:80])]) from None


#: The most a download may hold once decompressed; a WDI series is well under 10 MB.
MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024


def _read_text(path: Path, limit: int = MAX_DOWNLOAD_BYTES, name: str | None = None) -> str:
    """The text of a (possibly gzip'd) regular file, never more than ``limit`` bytes once decompressed;
    a problem names the file as ``name`` (default: its path)."""
    from blocmap.core.loader import kind_of_file

    name = str(path) if name is None else name

    try:
        kind = kind_of_file(os.stat(path).st_mode)
        if kind is not None:
            raise DataError([Problem.of(name, None, "data.not_regular", kind=kind)])
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
            if raw[:2] == b"\x1f\x8b":
                handle.seek(0)
                with gzip.GzipFile(fileobj=handle) as unpacked:
                    raw = unpacked.read(limit + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        why = "cut short" if isinstance(exc, EOFError) else str(exc)
        raise DataError([Problem.of(name, None, "data.gzip", why=why)]) from None
    except OSError as exc:
        raise DataError([Problem.of(name, None, "data.cannot_read", why=exc.strerror)]) from None
    if len(raw) > limit:
        raise DataError([Problem.of(name, None, "data.decompressed", mb=limit // 1048576)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError([Problem.of(name, None, "data.not_utf8_byte", at=exc.start)]) from None


# ---------------------------------------------------------------------------- where series live
def data_home() -> Path:
    """The user's blocmap data folder: $BLOCMAP_HOME, else $XDG_DATA_HOME/blocmap, else ~/.local/share/blocmap."""
    if os.environ.get("BLOCMAP_HOME"):
        return Path(os.environ["BLOCMAP_HOME"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "blocmap"


def imported_dir(data_folder: Path | None = None) -> Path:
    """Where imported series live: for the bundled data, the user's blocmap folder; for a data
    folder named with ``--data`` (or ``$BLOCMAP_DATA``), its own ``imported-indicators/``."""
    from blocmap.core.loader import BUNDLED

    if data_folder is None or Path(data_folder).resolve() == BUNDLED.resolve():
        return data_home() / "indicators"
    return Path(data_folder) / "imported-indicators"


@lru_cache(maxsize=None)
def _bundled_meta() -> dict[str, dict[str, Any]]:
    entries = yaml.safe_load((BUNDLED_DIR / "vintage.yaml").read_text(encoding="utf-8"))
    return {entry["indicator"]: entry for entry in entries}


def check_indicator(indicator: str) -> str:
    if indicator not in INDICATORS:
        raise QueryError.of("err.indicator", "indicator", given=indicator, choices=Either(INDICATORS))
    return indicator


@lru_cache(maxsize=8)
def _load_bundled(indicator: str) -> Series:
    meta = _bundled_meta()[indicator]
    path = BUNDLED_DIR / meta["file"]
    values = parse_long(_read_text(path), f"indicators/{meta['file']}")
    return Series(indicator, meta["code"], meta["unit"], meta["vintage"], meta.get("source"), meta["licence"],
                  "bundled", values)


def _load_imported(indicator: str, folder: Path) -> Series | None:
    data, meta_path = folder / f"{indicator}.csv", folder / f"{indicator}.json"
    if not data.exists() and not meta_path.exists():
        return None
    if not meta_path.exists():
        raise DataError([Problem.of(str(meta_path), None, "data.no_vintage")])
    try:
        meta = json.loads(_read_text(meta_path))
    except DataError as exc:
        raise DataError([Problem.of(str(meta_path), None, "data.unreadable", why=exc.problems[0].text)]) from None
    except RecursionError:
        raise DataError([Problem.of(str(meta_path), None, "data.unreadable", why=Text("data.json_too_deep"))]) from None
    except ValueError as exc:
        raise DataError([Problem.of(str(meta_path), None, "data.unreadable", why=str(exc)[:80])]) from None
    if not isinstance(meta, dict):
        raise DataError([Problem.of(str(meta_path), None, "data.unreadable", why=Text("data.not_json_object"))])
    if "values" in meta:  # the series itself, published in one piece
        values = _values_of(meta["values"], str(meta_path))
        origin = str(meta_path)
    elif data.exists():  # an import of blocmap 0.1: the values in the CSV beside it
        values = parse_long(_read_text(data), str(data))
        origin = str(data)
    else:
        raise DataError([Problem.of(str(data), None, "data.no_values_file")])
    return Series(indicator, meta.get("code", INDICATORS[indicator]), meta.get("unit", ""),
                  meta.get("vintage", "unknown"), meta.get("source"), meta.get("licence", "CC BY 4.0 (World Bank)"),
                  origin, values)


def _values_of(rows: Any, file: str) -> dict[tuple[str, int], float]:
    values: dict[tuple[str, int], float] = {}
    if not isinstance(rows, list):
        raise DataError([Problem.of(file, None, "data.values_list")])
    for row in rows:
        if (not isinstance(row, list) or len(row) != 3 or not isinstance(row[0], str)
                or not isinstance(row[1], int) or isinstance(row[2], bool) or not isinstance(row[2], (int, float))
                or not math.isfinite(row[2]) or row[2] < 0):
            raise DataError([Problem.of(file, None, "data.values_row", row=str(row)[:60])])
        values[(row[0], row[1])] = float(row[2])
    return values


def load_series(indicator: str = "gdp", prefer: str = "auto", path: Path | str | None = None,
                data_folder: Path | None = None) -> Series:
    """The series for ``indicator``: ``path`` if given, else the copy imported for the data
    folder ``data_folder`` ('auto', 'imported'; see ``imported_dir``), else the bundled one."""
    check_indicator(indicator)
    if path is not None:
        file = Path(path)
        if not file.exists():
            raise QueryError.of("err.econ.no_file", "indicators", file=file)
        return read_download(file, indicator, vintage=None)[0]
    if prefer in ("auto", "imported"):
        found = _load_imported(indicator, imported_dir(data_folder))
        if found is not None:
            return found
        if prefer == "imported":
            raise QueryError.of("err.econ.not_imported", "indicators", indicator=indicator,
                                 folder=imported_dir(data_folder))
    return _load_bundled(indicator)


def read_download(path: Path, indicator: str | None = None, vintage: str | None = None) -> tuple[Series, Text]:
    """Read and validate a WDI download (either layout); returns the series and a one-line description
    (a ``Text``, said in any language).

    Beyond the format: the file's 'Indicator Code' must be the series asked for, every code a
    country (aggregates such as WLD are skipped) and every value plausible for that series
    (``plausible.py``); a problem names the file, line and column."""
    from blocmap.features import plausible

    text = _read_text(path)
    first = next(csv.reader(io.StringIO(text)), [])
    code = INDICATORS.get(indicator) if indicator else None
    where: dict[tuple[str, int], tuple[int, str]] = {}
    if first and first[0].strip() == "Data Source":
        values, code, updated = parse_bulk(text, path.name, code, where)
        layout = "econ.layout.bulk"
        vintage = vintage or (f"WDI, Last Updated Date {updated}" if updated else None)
    else:
        lines: dict[tuple[str, int], int] = {}
        values = parse_long(text, path.name, lines)
        where = {key: (line, "Value") for key, line in lines.items()}
        layout = "econ.layout.datahub"
    name = indicator or CODES.get(code or "")
    if name is None:
        raise QueryError.of("err.econ.which", "indicator", file=path.name, choices=Either(INDICATORS))
    if code and CODES.get(code) and CODES[code] != name:
        raise QueryError.of("err.econ.holds", "indicator", file=path.name, code=code, wanted=INDICATORS[name], name=name)
    aggregates = plausible.countries_only(values, where, path.name)
    if not values:
        raise DataError([Problem.of(path.name, None, "data.no_country_values" if aggregates else "data.no_values")])
    plausible.check_values(values, where, name, path.name, _load_bundled(name).values)
    vintage = vintage or f"unknown (imported {dt.date.today().isoformat()} from {path.name}; the file names no date)"
    meta = _bundled_meta()[name]
    series = Series(name, INDICATORS[name], meta["unit"], vintage, None, meta["licence"], str(path), values)
    read = {"layout": Text(layout), "values": len(values), "first": min(y for _, y in values),
            "last": max(y for _, y in values)}
    return series, (Text("econ.read_skipped", {**read, "aggregates": aggregates}) if aggregates
                    else Text("econ.read", read))


def series_files(series: Series, imported_from: str) -> tuple[str, str]:
    """A readable long CSV, and the JSON that blocmap reads: the metadata with the values inside.

    The JSON is the whole series (vintage and values together), so publishing it with one
    rename is the import; the CSV is a copy for people and other programs."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LONG_HEADER)
    for (code, year), value in sorted(series.values.items()):
        writer.writerow(["", code, year, repr(value)])
    meta = {**series.meta(), "origin": None, "imported_from": imported_from,
            "imported_on": dt.date.today().isoformat(),
            "values": [[code, year, value] for (code, year), value in sorted(series.values.items())]}
    return out.getvalue(), json.dumps(meta, ensure_ascii=False, indent=1) + "\n"


def import_series(file: Path | str, indicator: str | None = None, vintage: str | None = None,
                  folder: Path | None = None) -> tuple[Series, Text, Path]:
    """Import a WDI download into ``folder`` (the user's indicators folder): all or nothing.

    The file is read and checked whole first; then ``<indicator>.json`` (vintage and values
    together) is published with one rename, and the readable ``<indicator>.csv`` copy after it.
    Temporary files a killed import left behind are removed first.  Returns the series, a
    one-line summary and the path of the published JSON."""
    from blocmap.core.files import remove_stale, write_atomic

    source = Path(file)
    if not source.exists():
        raise QueryError.of("err.econ.no_such_file", "file", file=source)
    series, summary = read_download(source, indicator, vintage)
    data, meta = series_files(series, str(source))
    target = Path(folder) if folder is not None else imported_dir()
    if target.is_symlink() or any(p.is_symlink() for p in (target / f"{series.indicator}.json",
                                                           target / f"{series.indicator}.csv")):
        raise BlocmapError.of("err.econ.symlink", folder=target)
    try:
        target.mkdir(parents=True, exist_ok=True)
        names = {f"{name}.{ext}" for name in INDICATORS for ext in ("json", "csv")}
        remove_stale(target, names, tuple(f".{n}." for n in names))
        published = write_atomic(target / f"{series.indicator}.json", meta.encode("utf-8"))
        write_atomic(target / f"{series.indicator}.csv", data.encode("utf-8"))
    except OSError as exc:
        raise BlocmapError.of("err.econ.cannot_write", folder=target, why=exc.strerror or exc) from None
    return series, summary, published


# ---------------------------------------------------------------------------- asymmetry
def hhi(values: Iterable[float]) -> float:
    """Herfindahl–Hirschman index on the 0–10,000 scale (shares in percent, squared and summed)."""
    numbers = [v for v in values if v is not None]
    total = sum(numbers)
    if total <= 0:
        raise QueryError.of("err.econ.hhi")
    return sum((100 * v / total) ** 2 for v in numbers)


def counted_day(year: int, on: dt.date | str | None = None) -> dt.date:
    """The day whose membership is counted: ``on`` if given (it must fall in ``year``), else 31 December."""
    if on is None:
        return dt.date(year, 12, 31)
    day = parse_day(on, "on")
    if day.year != year:
        raise QueryError.of("err.on_not_in_year", "on", day=day.isoformat(), year=year)
    return day


def asymmetry(atlas: "Atlas", org: str, year: int | str, on: dt.date | str | None = None,
              indicator: str = "gdp", series: Series | None = None,
              statuses: frozenset[str] = INSIDE, lang: str = "en") -> dict[str, Any]:
    """How lopsided ``org`` is in ``year``: each member's value and share, leader, runner-up, ratios, HHI.

    Members are the states inside the organization (full members and associates) on ``on``
    (31 December of ``year`` by default).  A member without a value is listed in ``missing`` and
    the result says ``complete: false``; the figures then cover only the members with values."""
    org_id = atlas.org(org).id
    year = parse_year(year, "year")
    day = counted_day(year, on)
    series = series or load_series(indicator, data_folder=atlas.folder)
    members = [m for m in atlas.members(org_id, on=day) if m.status in statuses]
    if not members:
        raise QueryError.of("err.econ.no_members", "org", org=org_id, statuses=sorted(statuses), day=day.isoformat())
    rows = []
    for m in members:
        value = series.value(m.state, year)
        rows.append({"state": m.state, "name": atlas.state_name(m.state, lang), "status": m.status,
                     "certain": m.certain, "value": value})
    present = [r for r in rows if r["value"] is not None]
    missing = [r["state"] for r in rows if r["value"] is None]
    total = sum(r["value"] for r in present)
    for r in rows:
        r["share"] = (r["value"] / total) if r["value"] is not None and total > 0 else None
    rows.sort(key=lambda r: (r["value"] is None, -(r["value"] or 0), r["state"]))
    leader = present and max(present, key=lambda r: r["value"])
    others = sorted((r for r in present if r is not leader), key=lambda r: -r["value"])
    runner = others[0] if others else None
    result: dict[str, Any] = {
        "org": org_id, "org_name": atlas.org_name(org_id, lang, on=day), "year": year, "on": day.isoformat(),
        "indicator": series.indicator, "indicator_code": series.code, "unit": series.unit,
        "statuses_counted": sorted(statuses),
        "members": rows, "counted": len(present), "missing": missing, "complete": not missing,
        "total": total if present else None,
        "leader": leader["state"] if leader else None,
        "leader_share": leader["share"] if leader else None,
        "runner_up": runner["state"] if runner else None,
        "leader_to_runner_up": (leader["value"] / runner["value"]) if leader and runner and runner["value"] else None,
        "rest": sum(r["value"] for r in others) if leader else None,
        "rest_to_leader": (sum(r["value"] for r in others) / leader["value"]) if leader and leader["value"] else None,
        "hhi": hhi(r["value"] for r in present) if total > 0 else None,
        "vintage": series.vintage, "source": series.source, "licence": series.licence, "data": series.origin,
    }
    quote = quoted(org_id, year, series.indicator)
    if quote is not None:
        result["quoted"] = quote
    return result


def asymmetry_over_time(atlas: "Atlas", org: str, start: int | str, end: int | str,
                        indicator: str = "gdp", series: Series | None = None,
                        lang: str = "en", progress=None) -> list[dict[str, Any]]:
    """``asymmetry`` for each year from ``start`` to ``end``; years without members are skipped."""
    first, last = parse_year(start, "from"), parse_year(end, "to")
    if first > last:
        raise QueryError.of("err.from_after_to", "from", first=first, last=last)
    series = series or load_series(indicator, data_folder=atlas.folder)
    out = []
    for year in range(first, last + 1):
        if progress:
            progress(year)
        day = dt.date(year, 12, 31)
        if not [m for m in atlas.members(org, on=day) if m.status in INSIDE]:
            continue
        out.append(asymmetry(atlas, org, year, series=series, lang=lang))
    return out


@lru_cache(maxsize=None)
def _quotes() -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load((BUNDLED_DIR / "quoted.yaml").read_text(encoding="utf-8")) or ())


def quoted(org: str, year: int, indicator: str = "gdp") -> dict[str, Any] | None:
    """Figures a publication (the seed paper) quotes for this organization and year, if any."""
    for quote in _quotes():
        if quote["org"] == org and quote["year"] == year and quote["indicator"] == indicator:
            return {k: v for k, v in quote.items() if k not in ("org", "year", "indicator")}
    return None


def check_bundled(folder: Path, full: bool = False) -> list[Problem]:
    """Problems in a data folder's ``indicators/`` (for ``blocmap check``).

    By default only the metadata and each file's header are read, because this runs on every load of
    an atlas; ``full`` parses every row (the tests do, and so does every use of a series)."""
    base = folder / "indicators"
    if not base.is_dir():
        return []
    problems: list[Problem] = []
    from blocmap.core.loader import Refused, parse_yaml, read_bounded_text

    try:  # the loader's bounded, alias-free reading, as for every data file
        entries = parse_yaml(read_bounded_text(base / "vintage.yaml")) or []
    except Refused as exc:
        return [Problem("indicators/vintage.yaml", exc.line, exc.text)]
    except yaml.MarkedYAMLError as exc:  # one line at the line that is wrong, as the loader says it
        mark = exc.problem_mark
        return [Problem.of("indicators/vintage.yaml", mark.line + 1 if mark else None, "data.yaml",
                           why=cut(str(exc.problem or exc)))]
    except yaml.YAMLError as exc:
        return [Problem.of("indicators/vintage.yaml", None, "data.yaml", why=cut(" ".join(str(exc).split())))]
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return [Problem.of("indicators/vintage.yaml", None, "data.vintage_list")]
    from blocmap.core.loader import kind_of_file
    from blocmap.core.schema import did_you_mean

    for entry in entries:
        line = getattr(entry, "line", None)
        for key in entry:
            if key not in VINTAGE_KEYS:
                problems.append(Problem.of("indicators/vintage.yaml", getattr(entry, "key_lines", {}).get(key, line),
                                           "data.unknown_key", key=str(key)[:40], where=Text("schema.vintage"),
                                           hint=did_you_mean(str(key), VINTAGE_KEYS)))
        for key in ("indicator", "code", "file", "vintage", "licence"):
            if not entry.get(key):
                problems.append(Problem.of("indicators/vintage.yaml", line, "data.entry_without", key=key))
        if entry.get("file"):
            file = str(entry["file"])
            name = f"indicators/{file[:60]}"
            if "/" in file or "\\" in file or file.startswith("."):
                problems.append(Problem.of("indicators/vintage.yaml", line, "data.file_inside", file=file[:60]))
                continue
            path = base / file
            if not path.exists():
                problems.append(Problem.of(name, None, "data.listed_missing"))
                continue
            kind = kind_of_file(os.stat(path).st_mode)
            if kind is not None:
                problems.append(Problem.of(name, None, "data.not_regular", kind=kind))
                continue
            try:
                if full:
                    parse_long(_read_text(path, name=name), name)
                else:
                    opener = gzip.open if file.endswith(".gz") else open
                    with opener(path, "rt", encoding="utf-8-sig") as handle:
                        parse_long(handle.readline(4096), name)
            except (DataError, OSError, EOFError, UnicodeDecodeError, zlib.error) as exc:
                problems.extend(exc.problems if isinstance(exc, DataError)
                                else [Problem.of(name, None, "data.unreadable", why=str(exc)[:200])])
    return problems


def vintage_for_reader(vintage: str | None, lang: str = "en") -> str | None:
    """A data vintage as a reader wants it, in ``lang``: the series, the day its data last
    changed and its years, without commit hashes ("World Bank WDI, data of 2024-10-21, 1960–2023")."""
    import re

    from blocmap.core.i18n import t

    if not vintage:
        return vintage
    changed = re.search(r"last changed (\d{4}-\d{2}-\d{2})", vintage) or re.search(r"(\d{4}-\d{2}-\d{2})", vintage)
    years = re.search(r"years (\d{4})\s*[-–]\s*(\d{4})", vintage)
    if not changed:
        return re.sub(r"\s*\(?\b(?:snapshot at )?commit [0-9a-f]{6,}\)?", "", vintage).strip(" ;")
    text = t("econ.vintage_text", lang).format(date=changed.group(1))
    return text + (t("list.sep", lang) + f"{years.group(1)}–{years.group(2)}" if years else "")
