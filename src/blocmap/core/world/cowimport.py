"""Import the Correlates of War IGO v3 tables into the world store.

Inputs (COW IGO v3, https://correlatesofwar.org/data-sets/igos/; codebook v3):

* the state-year file (3.0b): ``ccode, year, state`` and one column per IGO with
  0 none, 1 full, 2 associate, 3 observer, -9 missing, **-1 IGO not in existence**;
* optionally the IGO-year file (3.0a) for names, dates and type flags.  Its state cells use
  empty for "state not a system member" (the codebook's -1); only metadata is taken from it;
* optionally COW's state list (states2016 / statelist2024) for names and day-precision
  tenures (used against false dyads).

COW codes become year-precision spells: ``member`` (1), ``associate`` (2), ``observer`` (3) and
``unknown`` (-9); 0 and -1 are the absence of a spell.  COW's -1 becomes organization
existence years (``org_periods``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

from blocmap.core.errors import DataError, Problem
from blocmap.core.messages import Text
from blocmap.core.world import csvcheck as cc
from blocmap.core.world.store import resolve_db, write_store
from blocmap.core.world.system import STATE_LIST

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: COW ids of organizations that blocmap curates under another id.  Organizations whose COW
#: id equals the curated id (cis, csto, sco, eu, nato, cmea) need no entry.
COW_ALIASES: Mapping[str, str] = {"eaec": "eurasec", "wpact": "warsaw_pact"}

#: COW membership codes in the monadic files and the spell status each becomes.
CODE_STATUS: Mapping[int, str] = {1: "member", 2: "associate", 3: "observer", -9: "unknown"}
STATE_YEAR_CODES = frozenset({-9, -1, 0, 1, 2, 3})
IGO_YEAR_CODES = frozenset({-9, 0, 1, 2, 3})  # empty = not a system member

IGO_META = ("sdate", "deaddate", "dead", "integrated", "replaced", "longorgname", "ionum",
            "igocode", "version", "accuracyofpre1965membershipdates", "sourcesandnotes",
            "imputed", "political", "social", "economic")
STATES_HEADER = ("stateabb", "ccode", "statenme", "styear", "stmonth", "stday", "endyear",
                 "endmonth", "endday", "version")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

SOURCE = "cow_igo_v3"


@dataclass
class ImportReport:
    db: Path
    orgs: int
    states: int
    state_years: int
    spells: int
    coverage: tuple[int, int]
    cell_exceptions: int  # COW -1 cells for one state inside years the organization exists
    files: dict[str, str] = field(default_factory=dict)

    def summary(self, lang: str = "en") -> str:
        from blocmap.core.messages import Count, Text

        return Text("world.imported", {"orgs": Count("count.organizations", self.orgs),
                                       "states": Count("count.states", self.states),
                                       "state_years": Count("count.state_years", self.state_years),
                                       "spells": Count("count.spells", self.spells), "first": self.coverage[0],
                                       "last": self.coverage[1], "db": self.db}).render(lang)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- the state-year file --------------------------------------------------------------------

def read_state_year(path: Path, progress: cc.Progress | None = None) -> "pd.DataFrame":
    """The state-year table with lower-case IGO ids, every cell checked."""
    import numpy as np

    names, sep = cc.read_header(path)
    lowered = [n.lower() for n in names]
    if lowered[:3] != ["ccode", "year", "state"]:
        for i, (got, want) in enumerate(zip(lowered[:3] + [""] * 3, ("ccode", "year", "state"))):
            if got != want:
                raise cc.fail(path, 1, "data.cow_expected", column=cc.column_label(i, names[i] if i < len(names) else ""),
                              want=want, layout=Text("data.cow_layout.state_year"))
    if len(names) < 4:
        raise cc.fail(path, 1, "data.cow_no_igo")
    seen: dict[str, int] = {}
    for i, name in enumerate(lowered[3:], start=3):
        if not _ID.match(name):
            raise cc.fail(path, 1, "data.cow_igo_id", column=cc.column_label(i, names[i]))
        if name in seen:
            raise cc.fail(path, 1, "data.cow_repeats", column=cc.column_label(i, names[i]), first=seen[name] + 1)
        seen[name] = i
    frame = cc.read_frame(path, sep, lowered, progress)
    cc.check_missing(path, frame, lowered, sep)
    for name in ("ccode", "year"):
        frame[name] = cc.integer_column(path, frame, name)
    igo = lowered[3:]
    for name in igo:
        frame[name] = cc.integer_column(path, frame, name)
    values = frame[igo].to_numpy()
    bad = ~np.isin(values, list(STATE_YEAR_CODES))
    if bad.any():
        row, col = (int(x) for x in np.argwhere(bad)[0])
        raise cc.fail(path, row + 2, "data.cow_sy_code", column=cc.column_label(col + 3, igo[col]),
                      value=values[row, col])
    _check_range(path, frame, "ccode", 1, 999, 0)
    _check_range(path, frame, "year", 1816, 2100, 1)
    dup = frame.duplicated(["ccode", "year"]).to_numpy()
    if dup.any():
        row = int(np.argmax(dup))
        raise cc.fail(path, row + 2, "data.cow_twice", ccode=frame.ccode.iloc[row], year=frame.year.iloc[row])
    return frame


def _check_range(path: Path, frame: "pd.DataFrame", name: str, low: int, high: int, index: int) -> None:
    import numpy as np

    out = ((frame[name] < low) | (frame[name] > high)).to_numpy()
    if out.any():
        row = int(np.argmax(out))
        raise cc.fail(path, row + 2, "data.cow_range", column=cc.column_label(index, name),
                      value=frame[name].iloc[row], low=low, high=high)


# -- the IGO-year file ----------------------------------------------------------------------

def read_igo_meta(path: Path, igo_ids: list[str]) -> "pd.DataFrame":
    """One metadata row per IGO from the IGO-year file (its membership cells are checked too)."""
    import numpy as np
    import pandas as pd

    names, sep = cc.read_header(path)
    lowered = [n.lower() for n in names]
    for i, want in enumerate(("ioname", "orgname", "year")):
        if i >= len(lowered) or lowered[i] != want:
            raise cc.fail(path, 1, "data.cow_expected", column=cc.column_label(i, names[i] if i < len(names) else ""),
                          want=want, layout=Text("data.cow_layout.igo_year"))
    missing = [m for m in IGO_META if m not in lowered]
    if missing:
        raise cc.fail(path, 1, "data.csv_missing", columns=missing)
    state_cols = [n for n in lowered[3:] if n not in IGO_META]
    text = {n: "string" for n in ("ioname", "orgname", "longorgname", "sourcesandnotes",
                                  "accuracyofpre1965membershipdates")}
    frame = cc.read_frame(path, sep, lowered, dtype=text)
    cc.check_missing(path, frame, ["ioname", "orgname", "year", "sdate", "ionum"], sep)
    frame["year"] = cc.integer_column(path, frame, "year")
    cells = frame[state_cols].to_numpy(dtype="float64", na_value=np.nan) \
        if all(pd.api.types.is_numeric_dtype(frame[c].dtype) for c in state_cols) else None
    if cells is None:
        for name in state_cols:
            if not pd.api.types.is_numeric_dtype(frame[name].dtype):
                cc.integer_column(path, frame, name)  # raises at the first bad cell
    else:
        bad = ~(np.isnan(cells) | np.isin(cells, list(IGO_YEAR_CODES)))
        if bad.any():
            row, col = (int(x) for x in np.argwhere(bad)[0])
            name = state_cols[col]
            raise cc.fail(path, row + 2, "data.cow_iy_code", column=cc.column_label(lowered.index(name), name),
                          value=f"{cells[row, col]:g}")
    frame = frame[["ioname", "orgname", "year", *IGO_META]].copy()
    frame["cow_id"] = frame["ioname"].str.lower().str.replace(r"[^a-z0-9]", "", regex=True)
    unknown = sorted(set(frame["cow_id"]) - set(igo_ids))
    if unknown:
        row = int(np.argmax(frame["cow_id"].isin(unknown).to_numpy()))
        raise cc.fail(path, row + 2, "data.cow_ioname", igo=frame["ioname"].iloc[row])
    last = frame.sort_values("year").groupby("cow_id", sort=False).last()
    return last


# -- the state list -------------------------------------------------------------------------

def read_states(path: Path) -> "pd.DataFrame":
    """COW state-system tenures with day-precision start and end."""
    names, sep = cc.read_header(path)
    lowered = [n.lower() for n in names]
    if tuple(lowered[: len(STATES_HEADER)]) != STATES_HEADER:
        for i, want in enumerate(STATES_HEADER):
            if i >= len(lowered) or lowered[i] != want:
                raise cc.fail(path, 1, "data.cow_expected", column=cc.column_label(i, names[i] if i < len(names) else ""),
                              want=want, layout=Text("data.cow_layout.states", {"columns": list(STATES_HEADER)}))
    frame = cc.read_frame(path, sep, lowered, dtype={"stateabb": "string", "statenme": "string"})
    cc.check_missing(path, frame, STATES_HEADER[:9], sep)
    for name in ("ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"):
        frame[name] = cc.integer_column(path, frame, name)
    starts, ends = [], []
    for row in frame.itertuples(index=True):
        try:
            starts.append(dt.date(row.styear, row.stmonth, row.stday))
            ends.append(dt.date(row.endyear, row.endmonth, row.endday))
        except ValueError as exc:
            raise cc.fail(path, row.Index + 2, "data.cow_date", why=exc) from None
        if ends[-1] < starts[-1]:
            raise cc.fail(path, row.Index + 2, "data.cow_tenure", end=ends[-1], start=starts[-1])
    frame["start"] = starts
    frame["end_day"] = ends  # the last day in the system (inclusive), as COW writes it
    return frame


# -- from COW codes to spells ----------------------------------------------------------------

def build_spells(frame: "pd.DataFrame", ids: list[str]) -> tuple["pd.DataFrame", "pd.DataFrame", int]:
    """Year-precision spells, organization existence periods, and the count of cell exceptions.

    A cell exception is a cell whose -1 disagrees with the rest of its IGO-year (10 cells in COW
    v3, e.g. Tuvalu's -1 in the WHO 2006–2008, Zanzibar's 0 in IARADIO 1964): a -1 inside an
    existing IGO-year is imported as no membership, a code outside one is kept as a spell.
    """
    import numpy as np
    import pandas as pd

    cow_cols = [c for c in frame.columns[3:]]
    values = frame[cow_cols].to_numpy(dtype=np.int8)
    years = frame["year"].to_numpy()
    ccodes = frame["ccode"].to_numpy()

    # Organization existence: the years where most states have a code other than -1.  COW
    # codes -1 for the whole IGO-year, except in a few rows (Zanzibar 1964, Tuvalu 2006-2008)
    # where one state disagrees with all the others; majority keeps those from moving the dates.
    present = pd.DataFrame(values != -1, columns=ids).groupby(years)
    exists = present.sum() * 2 > present.count()
    periods = []
    for org in ids:
        alive = exists.index[exists[org].to_numpy()].to_numpy()
        for start, end in _runs(alive):
            periods.append((org, start, end))
    org_periods = pd.DataFrame(periods, columns=["org", "start_year", "end_year"])
    exist_mask = exists.loc[years].to_numpy()
    exceptions = int(((values == -1) == exist_mask).sum())

    order = np.lexsort((years, ccodes))
    values, years, ccodes = values[order], years[order], ccodes[order]
    rows, cols = np.nonzero((values > 0) | (values == -9))
    # Sort cells by organization, then state, then year, so runs are contiguous.
    sort = np.lexsort((years[rows], ccodes[rows], cols))
    rows, cols = rows[sort], cols[sort]
    org_i, cc_i, yr_i, code_i = cols, ccodes[rows], years[rows], values[rows, cols]
    new = np.ones(len(rows), dtype=bool)
    new[1:] = ((org_i[1:] != org_i[:-1]) | (cc_i[1:] != cc_i[:-1]) | (code_i[1:] != code_i[:-1])
               | (yr_i[1:] != yr_i[:-1] + 1))
    starts = np.flatnonzero(new)
    stops = np.append(starts[1:], len(rows)) - 1
    status = pd.Series(code_i[starts]).map(CODE_STATUS)
    spells = pd.DataFrame({
        "org": np.asarray(ids, dtype=object)[org_i[starts]],
        "ccode": cc_i[starts].astype("int32"),
        "status": status.to_numpy(dtype=object),
        "start": pd.to_datetime({"year": yr_i[starts], "month": 1, "day": 1}).dt.date,
        "end_day": pd.to_datetime({"year": yr_i[stops] + 1, "month": 1, "day": 1}).dt.date,
        "precision": "year",
        "source": SOURCE,
    })
    return spells, org_periods, exceptions


def _runs(sorted_years) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for year in sorted_years:
        year = int(year)
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def org_table(cow_ids: list[str], ids: list[str], org_periods: "pd.DataFrame",
              meta: "pd.DataFrame | None") -> "pd.DataFrame":
    import pandas as pd

    span = org_periods.groupby("org").agg(first=("start_year", "min"), last=("end_year", "max"))
    rows = []
    for position, (cow_id, org) in enumerate(zip(cow_ids, ids)):
        m = meta.loc[cow_id] if meta is not None and cow_id in meta.index else None

        def get(name: str, cast=None):
            if m is None:
                return None
            value = m[name]
            if pd.isna(value):
                return None
            return cast(value) if cast else value

        first = int(span.loc[org, "first"]) if org in span.index else None
        rows.append({
            "id": org, "cow_id": cow_id, "position": position, "ionum": get("ionum", int),
            "name": get("orgname", str) or cow_id.upper(), "long_name": get("longorgname", str),
            "start_year": get("sdate", int) or first, "end_year": get("deaddate", int),
            "dead": get("dead", int), "integrated": get("integrated", int),
            "replaced": get("replaced", int), "political": get("political", int),
            "social": get("social", int), "economic": get("economic", int),
            "imputed": get("imputed", int),
            "version": None if get("version") is None else f"{float(get('version')):.1f}",
            "accuracy": get("accuracyofpre1965membershipdates", str),
            "notes": get("sourcesandnotes", str),
        })
    frame = pd.DataFrame(rows)
    for col in ("ionum", "start_year", "end_year", "dead", "integrated", "replaced",
                "political", "social", "economic", "imputed"):
        frame[col] = frame[col].astype("Int32")
    return frame


def _refuse_special(path: str | Path | None) -> None:
    """A FIFO or a device (also behind a symlink) would block or never end: refused from its stat."""
    import os

    from blocmap.core.loader import kind_of_file

    if path is None or not os.path.exists(path):
        return  # a missing file is reported where it is read
    kind = kind_of_file(os.stat(path).st_mode)
    if kind is not None:
        raise DataError([Problem.of(str(path), None, "data.not_regular", kind=kind)])


def import_cow(state_year: str | Path, igo_year: str | Path | None = None,
               states: str | Path | None = None, db: str | Path | None = None,
               aliases: Mapping[str, str] | None = None,
               progress: Callable[[str, int, int], None] | None = None) -> ImportReport:
    """Read, check and store the COW files; the store is replaced whole or left as it was.

    ``progress(stage, done, total)`` is called as rows are read (for a progress bar).
    """
    import pandas as pd

    aliases = dict(COW_ALIASES if aliases is None else aliases)
    for given in (state_year, igo_year, states):
        _refuse_special(given)
    sy_path = Path(state_year)
    total = max(cc.count_lines(sy_path) - 1, 1) if sy_path.exists() else 1
    done = [0]

    def step(rows: int) -> None:
        done[0] += rows
        if progress:
            progress("state-year", min(done[0], total), total)

    frame = read_state_year(sy_path, step)
    cow_ids = list(frame.columns[3:])
    ids = [aliases.get(c, c) for c in cow_ids]
    if len(set(ids)) != len(ids):
        clash = sorted({i for i in ids if ids.count(i) > 1})
        raise DataError([Problem.of(str(sy_path), 1, "data.aliases_clash", clash=clash)])
    meta = read_igo_meta(Path(igo_year), cow_ids) if igo_year else None
    if progress:
        progress("igo-year", 1, 1)
    # no list given: the one blocmap ships (COW's v2024), so states keep their names and codes
    state_list = read_states(Path(states) if states else STATE_LIST)

    spells, org_periods, exceptions = build_spells(frame, ids)
    orgs = org_table(cow_ids, ids, org_periods, meta)
    system = frame[["ccode", "year"]].astype("int32").sort_values(["ccode", "year"])
    names = frame.drop_duplicates("ccode", keep="last").set_index("ccode")["state"]
    last = state_list.drop_duplicates("ccode", keep="last").set_index("ccode")
    state_rows = pd.DataFrame({"ccode": last.index.astype("int32"),
                               "abb": last["stateabb"].astype(object).to_numpy(),
                               "name": last["statenme"].astype(object).to_numpy()})
    extra = sorted(set(names.index) - set(last.index))
    if extra and states:
        raise DataError([Problem.of(str(states), None, "data.ccodes_extra", extra=repr(extra))])
    if extra:  # codes the shipped list lacks (a file of one's own): the state-year file's names
        state_rows = pd.concat([state_rows, pd.DataFrame({
            "ccode": pd.Index(extra).astype("int32"), "abb": None, "name": names.loc[extra].to_numpy(dtype=object)})],
            ignore_index=True)
    periods = state_list[["ccode", "start", "end_day"]].copy()
    periods["ccode"] = periods["ccode"].astype("int32")
    files = {"state_year": str(sy_path.resolve()), "state_year_sha256": sha256(sy_path)}
    if igo_year:
        files |= {"igo_year": str(Path(igo_year).resolve()), "igo_year_sha256": sha256(Path(igo_year))}
    if states:
        files |= {"states": str(Path(states).resolve()), "states_sha256": sha256(Path(states))}
    coverage = (int(frame["year"].min()), int(frame["year"].max()))
    meta_rows = dict(files, coverage_start=str(coverage[0]), coverage_end=str(coverage[1]),
                     source=SOURCE, aliases=",".join(f"{k}={v}" for k, v in sorted(aliases.items())),
                     cell_exceptions=str(exceptions))
    if progress:
        progress("writing", 0, 1)
    target = write_store(resolve_db(db, must_exist=False), {
        "orgs": orgs, "org_periods": org_periods, "states": state_rows, "state_periods": periods,
        "system_years": system, "spells": spells}, meta_rows)
    if progress:
        progress("writing", 1, 1)
    return ImportReport(target, len(orgs), len(state_rows), len(system), len(spells), coverage,
                        exceptions, files)
