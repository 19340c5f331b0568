"""State-year, dyad-year and org-year panels derived from the generic spell table by one rule.

Every panel goes the same way: the spells of the chosen organizations are cut into
(org, state, year) pieces, one rule (``spells.RULES``) picks the status of each state-year,
and the COW state-year universe (which states were in the system that year) gives the rows.
Codes in COW coding: 0 none, 1 full, 2 associate, 3 observer, -1 the organization does not
exist that year, -9 unknown (COW's missing, or a COW-only organization after COW's last year).

The panels work with or without a store (``World.without_store``): curated organizations run
to the last complete year on the atlas's state universe, or on COW's with a store, beside
COW's organizations.  Years outside a source's coverage are -9 / "unknown", never 0.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from blocmap.core.errors import QueryError
from blocmap.core.world.spells import (
    CODINGS,
    COW_CODE,
    FIRST_YEAR,
    MISSING,
    NOT_IN_EXISTENCE,
    RULE_TEXT,
    RULES,
    STATUS_RANK,
    SpellRow,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

OPEN = dt.date(9999, 12, 31).toordinal()
STATUS_NONE, STATUS_NA, STATUS_UNKNOWN = "none", "n/a", "unknown"


def spells_frame(rows: Iterable[SpellRow]) -> "pd.DataFrame":
    """The generic spell table as a DataFrame (days as proleptic ordinals, end exclusive)."""
    import pandas as pd

    records = [(s.org, s.state, s.ccode, s.status, s.start.earliest.toordinal(),
                s.end.earliest.toordinal() if s.end else OPEN, s.start.precision,
                ";".join(s.sources), s.data, str(s.start), str(s.end) if s.end else "")
               for s in rows]
    return pd.DataFrame.from_records(records, columns=[
        "org", "state", "ccode", "status", "start", "end", "precision", "sources", "data",
        "start_date", "end_date"])


def ordinal_years(ordinals: "Any") -> "Any":
    """Calendar years of proleptic ordinals, vectorized (ordinal 719163 is 1970-01-01)."""
    import numpy as np

    days = np.asarray(ordinals, dtype=np.int64) - 719163
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def year_start_ordinals(years: "Any") -> "Any":
    """``date(y, 1, 1).toordinal()`` for an array of years."""
    import numpy as np

    years = np.asarray(years, dtype=np.int64)
    return (years - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64) + 719163


def lookup(values: "pd.Series", table: dict) -> "Any":
    """``table[v]`` for each value, through the distinct values only (fast on text columns)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values)
    return np.asarray([table[u] for u in uniques], dtype=np.int64)[codes]


def _check(rule: str, coding: str = "cow") -> None:
    if rule not in RULES:
        raise QueryError.of("err.not_one_of", "rule", value=rule, choices=list(RULES))
    if coding not in CODINGS:
        raise QueryError.of("err.not_one_of", "coding", value=coding, choices=list(CODINGS))


def _years(world: Any, ids: Sequence[str], start: int | None, end: int | None,
           source: str = "answer") -> tuple[int, int]:
    """The panel's years: from COW's first year (1816) by default, to COW's last when every
    organization is COW's, else to the last complete year; never past the current year."""
    this_year = dt.date.today().year
    first = start if start is not None else (world.coverage[0] if world.coverage else FIRST_YEAR)
    if end is not None:
        last = end
    elif ids and world.coverage and all(source == "cow" or world.data_of(o) == "cow" for o in ids):
        last = world.coverage[1]
    else:
        last = this_year - 1  # the last complete year
    if last > this_year:
        raise QueryError.of("err.end_future", "end", last=last, this_year=this_year, to="end")
    if last < first:
        raise QueryError.of("err.end_before_start", "end", first=first, last=last, to="end", from_="start")
    return first, last


def _as_date(value: Any) -> dt.date:
    """A day from a store (pandas Timestamp) or from the atlas (``datetime.date``)."""
    import pandas as pd

    return value if type(value) is dt.date else pd.Timestamp(value).date()


def universe(world: Any, first: int, last: int) -> "pd.DataFrame":
    """(ccode, year, day0, day1): the state-years in the system and their first/last day.

    After COW's last year the states of the imported list whose tenure is ongoing (ends on
    the list's last day) are carried forward; without a list, the states of the last year.
    Without a store the universe is the atlas's (``World.system``) to ``last``.
    """
    import pandas as pd

    system = world.system(last) if world.coverage is None else world.system()
    system = system[(system.year >= first) & (system.year <= last)]
    tenures = world.tenures()
    cover_end = world.coverage[1] if world.coverage else last
    if last > cover_end:
        if len(tenures):
            final = tenures.end_day.max()
            ongoing = sorted(set(tenures.loc[tenures.end_day == final, "ccode"]))
        else:
            ongoing = sorted(set(world.system().query("year == @cover_end").ccode))
        years = range(max(first, cover_end + 1), last + 1)
        extra = pd.DataFrame([(c, y) for y in years for c in ongoing], columns=["ccode", "year"])
        system = pd.concat([system, extra], ignore_index=True)
    system = system.astype({"ccode": "int64", "year": "int64"})
    windows = []
    final = tenures.end_day.max() if len(tenures) else None
    for ccode, start, end_day in tenures.itertuples(index=False):
        ongoing_end = dt.date(9999, 12, 31) if end_day == final else _as_date(end_day)
        start = _as_date(start)
        for year in range(max(start.year, first), min(ongoing_end.year, last) + 1):
            a = max(start, dt.date(year, 1, 1))
            b = min(ongoing_end, dt.date(year, 12, 31))
            windows.append((int(ccode), year, a.toordinal(), b.toordinal()))
    frame = system.copy()
    frame["day0"] = year_start_ordinals(frame.year.to_numpy())
    frame["day1"] = year_start_ordinals(frame.year.to_numpy() + 1) - 1
    if windows:
        win = pd.DataFrame(windows, columns=["ccode", "year", "w0", "w1"]).groupby(
            ["ccode", "year"], as_index=False).agg(w0=("w0", "min"), w1=("w1", "max"))
        frame = frame.merge(win, on=["ccode", "year"], how="left")
        frame["day0"] = frame.w0.fillna(frame.day0).astype("int64")
        frame["day1"] = frame.w1.fillna(frame.day1).astype("int64")
        frame = frame.drop(columns=["w0", "w1"])
    return frame.sort_values(["ccode", "year"], ignore_index=True)


def org_windows(world: Any, ids: Sequence[str], first: int, last: int,
                source: str = "answer") -> "pd.DataFrame":
    """(org, year, o0, o1, state): days each organization existed in each year, and whether
    the year is known (``state`` 'exists', 'unknown' past COW's coverage)."""
    import pandas as pd

    periods = world.org_periods(source)
    cover_end = world.coverage[1] if world.coverage else None
    rows = []
    for org in ids:
        cow = source == "cow" or world.data_of(org) == "cow"
        for start, end in periods.get(org, []):
            stop = (end.toordinal() - 1) if end else OPEN
            alive_at_end = cow and cover_end is not None and end is not None and end.year == cover_end + 1
            for year in range(max(start.year, first), min(dt.date.fromordinal(stop).year, last) + 1):
                a = max(start.toordinal(), dt.date(year, 1, 1).toordinal())
                b = min(stop, dt.date(year, 12, 31).toordinal())
                rows.append((org, year, a, b, "exists"))
            if alive_at_end:
                for year in range(max(cover_end + 1, first), last + 1):
                    rows.append((org, year, dt.date(year, 1, 1).toordinal(),
                                 dt.date(year, 12, 31).toordinal(), "unknown"))
    return pd.DataFrame(rows, columns=["org", "year", "o0", "o1", "known"])


def resolve(world: Any, ids: Sequence[str], first: int, last: int, rule: str,
            states: "pd.DataFrame", orgs: "pd.DataFrame", source: str = "answer") -> "pd.DataFrame":
    """(row, col, org, ccode, year, status, data) of every state-year with a status under ``rule``.

    ``row`` is the state-year's position in ``states`` (sorted by ccode, year), ``col`` the
    organization's position in ``ids``.  Done on arrays: the spells are cut into one piece per
    year they touch, each piece gets the days both the state and the organization existed that
    year, and the rule picks one piece per (org, state, year).
    """
    import numpy as np
    import pandas as pd

    columns = ["row", "col", "org", "ccode", "year", "status", "data", "spell"]
    spells = world.spell_table(ids, source=source)
    if spells.empty:
        return pd.DataFrame(columns=columns)
    col_of = {org: j for j, org in enumerate(ids)}
    scol = lookup(spells.org, col_of)
    status_i, status_names = pd.factorize(spells.status)
    data_i, data_names = pd.factorize(spells.data)
    sstart, send = spells.start.to_numpy(np.int64), spells.end.to_numpy(np.int64)
    sccode = spells.ccode.to_numpy(np.int64)
    y0 = np.maximum(ordinal_years(sstart), first)
    y1 = np.minimum(ordinal_years(send - 1), last)
    counts = np.maximum(y1 - y0 + 1, 0)
    idx = np.repeat(np.arange(len(spells)), counts)
    year = y0[idx] + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
    # the state-year row of each piece (states are sorted by ccode, year)
    keys = states.ccode.to_numpy(np.int64) * 10000 + states.year.to_numpy(np.int64)
    query = sccode[idx] * 10000 + year
    row = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    found = keys[row] == query
    # the organization's days that year, from a dense (org, year) table
    span = last - first + 1
    o0 = np.full(len(ids) * span, -1, dtype=np.int64)
    o1 = np.full(len(ids) * span, -1, dtype=np.int64)
    if len(orgs):
        at = lookup(orgs.org, col_of) * span + (orgs.year.to_numpy(np.int64) - first)
        o0[at], o1[at] = orgs.o0.to_numpy(np.int64), orgs.o1.to_numpy(np.int64)
    col = scol[idx]
    oat = col * span + (year - first)
    found &= o0[oat] >= 0
    idx, year, row, col, oat = idx[found], year[found], row[found], col[found], oat[found]
    w0 = np.maximum(states.day0.to_numpy(np.int64)[row], o0[oat])
    w1 = np.minimum(states.day1.to_numpy(np.int64)[row], o1[oat])
    start, end = sstart[idx], send[idx]
    days = np.maximum(np.minimum(end - 1, w1) - np.maximum(start, w0) + 1, 0)
    group = row * len(ids) + col
    size = len(states) * len(ids)
    if rule == "year-end":
        pick = _last_per_group(group, (start,), (start <= w1) & (w1 < end), size)
    elif rule == "any-day":
        rank = np.asarray([STATUS_RANK[s] for s in status_names], dtype=np.int64)[status_i[idx]]
        pick = _last_per_group(group, (rank,), days > 0, size)
    else:
        held_by = days > 0
        pick = _last_per_group(group, (start, days), held_by, size)
        held = np.bincount(group[held_by], weights=days[held_by], minlength=size)
        window = np.maximum(w1 - w0 + 1, 0)
        pick = pick[days[pick] >= window[pick] - held[group[pick]]]
    chosen = idx[pick]
    return pd.DataFrame({
        "row": row[pick], "col": col[pick], "org": np.asarray(ids, dtype=object)[col[pick]],
        "ccode": sccode[chosen], "year": year[pick],
        "status": np.asarray(status_names, dtype=object)[status_i[chosen]],
        "data": np.asarray(data_names, dtype=object)[data_i[chosen]],
        "spell": chosen,  # the row of ``world.spell_table(ids)`` (its sources: dataset.add_sources)
    }, columns=columns)


def _last_per_group(group: "Any", order: tuple, mask: "Any", size: int) -> "Any":
    """Positions (into the unmasked arrays) of the last element of each group under ``mask``,
    sorting within a group by ``order`` (last key most significant, as ``np.lexsort``).

    Groups are ints below ``size``; when none repeats (COW's year spells never overlap) no
    sort is needed.
    """
    import numpy as np

    positions = np.flatnonzero(mask)
    if not len(positions):
        return positions
    if np.bincount(group[positions], minlength=size).max() <= 1:
        return positions
    keys = tuple(k[positions] for k in order) + (group[positions],)
    ranked = positions[np.lexsort(keys)]
    g = group[ranked]
    last = np.append(g[1:] != g[:-1], True)
    return ranked[last]


def _setup(world: Any, orgs: Sequence[str] | None, start: int | None, end: int | None,
           rule: str, source: str = "answer") -> tuple[list[str], int, int, "pd.DataFrame", "pd.DataFrame"]:
    if source == "cow" and world.coverage is None:
        raise QueryError.of("err.world.prefer", "prefer")
    ids = [world.org(o, "orgs") for o in orgs] if orgs else world.default_orgs(source)
    ids = list(dict.fromkeys(ids))
    first, last = _years(world, ids, start, end, source)
    states = universe(world, first, last)
    windows = org_windows(world, ids, first, last, source)
    return ids, first, last, states, windows


def code_matrix(world: Any, ids: Sequence[str], states: "pd.DataFrame", windows: "pd.DataFrame",
                resolved: "pd.DataFrame") -> "Any":
    """int8 matrix (state-years × orgs) of COW codes, in the row order of ``states``."""
    import numpy as np

    years = states.year.to_numpy(np.int64)
    n, k = len(states), len(ids)
    first = int(years.min()) if n else 0
    span = int(years.max()) - first + 1 if n else 0
    # one row per year: -1 (not in existence), 0 (exists) or -9 (past COW's coverage)
    alive = np.full((span, k), NOT_IN_EXISTENCE, dtype=np.int8)
    if len(windows) and n:
        inside = (windows.year >= first) & (windows.year < first + span)
        w = windows[inside]
        value = np.where(w.known.to_numpy(dtype=object) == "exists", 0, MISSING).astype(np.int8)
        alive[w.year.to_numpy(np.int64) - first, lookup(w.org, {o: j for j, o in enumerate(ids)})] = value
    codes = alive[years - first] if n else np.empty((0, k), dtype=np.int8)
    if len(resolved):
        codes[resolved.row.to_numpy(np.int64), resolved.col.to_numpy(np.int64)] = \
            lookup(resolved.status, COW_CODE)
    return codes


def state_years(world: Any, orgs: Sequence[str] | None = None, start: int | None = None,
                end: int | None = None, coding: str = "cow", rule: str = "year-end",
                source: str = "answer") -> "pd.DataFrame":
    """``source``: "answer" (curated over COW), "cow" (COW's coding for every org) or
    "curated" (curated spells only)."""
    import numpy as np
    import pandas as pd

    _check(rule, coding)
    ids, first, last, states, windows = _setup(world, orgs, start, end, rule, source)
    resolved = resolve(world, ids, first, last, rule, states, windows, source)
    codes = code_matrix(world, ids, states, windows, resolved)
    iso3, name = world.state_labels(states.ccode.to_numpy(), states.day1.to_numpy())
    frame = pd.DataFrame({"ccode": states.ccode.to_numpy(), "year": states.year.to_numpy(),
                          "state": pd.Series(iso3, dtype=object), "name": pd.Series(name, dtype=object)})
    if coding == "cow":
        body = pd.DataFrame(codes, columns=ids)
    else:
        labels = np.full(codes.shape, STATUS_NONE, dtype=object)
        labels[codes == NOT_IN_EXISTENCE] = STATUS_NA
        labels[codes == MISSING] = STATUS_UNKNOWN
        if len(resolved):
            labels[resolved.row.to_numpy(np.int64), resolved.col.to_numpy(np.int64)] = \
                resolved.status.to_numpy(dtype=object)
        body = pd.DataFrame(labels, columns=ids)
    frame = pd.concat([frame, body], axis=1)
    frame.attrs.update(_attrs(world, ids, rule, coding, first, last))
    if source == "cow":
        frame.attrs["data"] = {o: "cow" for o in ids}
    return frame


def _attrs(world: Any, ids: Sequence[str], rule: str, coding: str, first: int, last: int) -> dict:
    """``cow_coverage``: COW's (first, last) year, None without a store."""
    return {"data": {o: world.data_of(o) for o in ids}, "rule": rule, "rule_text": RULE_TEXT[rule],
            "coding": coding, "from": first, "to": last,
            "cow_coverage": list(world.coverage) if world.coverage else None}


def tenure_spans(frame: "pd.DataFrame") -> dict[int, list[tuple[int, int]]]:
    """Each state's tenures as (first, last) day ordinals; a tenure to the list's last day is open."""
    tenures: dict[int, list[tuple[int, int]]] = {}
    # a day as a date, whether the frame holds dates (no store) or pandas timestamps (a store)
    final = dt.date.fromisoformat(str(frame.end_day.max())[:10]) if len(frame) else None
    for ccode, a, b in frame.itertuples(index=False):
        a, b = dt.date.fromisoformat(str(a)[:10]), dt.date.fromisoformat(str(b)[:10])
        if b == final:
            b = dt.date(9999, 12, 31)
        tenures.setdefault(int(ccode), []).append((a.toordinal(), b.toordinal()))
    return tenures


def false_dyad_mask(world: Any, year: int, ccodes: "Any", i: "Any", j: "Any") -> "Any":
    """True where states i and j were both in the system that year but never on the same day."""
    import numpy as np

    tenures = world.tenure_spans()
    mask = np.zeros(len(i), dtype=bool)
    if not tenures:
        return mask
    y0, y1 = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    clipped = {}
    partial = []
    for pos, ccode in enumerate(ccodes):
        spans = [(max(a, y0), min(b, y1)) for a, b in tenures.get(int(ccode), []) if a <= y1 and b >= y0]
        clipped[pos] = spans
        if spans != [(y0, y1)] and spans:
            partial.append(pos)
    if not partial:
        return mask
    partial_set = set(partial)
    check = np.flatnonzero(np.isin(i, partial) | np.isin(j, partial))
    for k in check:
        a_spans, b_spans = clipped[int(i[k])], clipped[int(j[k])]
        if int(i[k]) not in partial_set and int(j[k]) not in partial_set:
            continue
        if not any(max(a0, b0) <= min(a1, b1) for a0, a1 in a_spans for b0, b1 in b_spans):
            mask[k] = True
    return mask


def _pair_counts(m: "Any") -> dict[str, "Any"]:
    """Joint counts for every pair of rows of one year's code matrix (states × orgs).

    The products run only over the columns that can contribute: the full–full product over
    organizations with a full member that year, the associate and observer terms over the
    few organizations that have such members, so most of COW's 534 columns drop out of
    early years and the rare statuses cost almost nothing.
    """
    import numpy as np

    def part(code: int) -> "Any":
        mask = m == code
        cols = np.flatnonzero(mask.any(axis=0))
        return mask[:, cols].astype(np.float32), cols

    def cross(a: tuple, b: tuple) -> "Any":
        (x, xc), (y, yc) = a, b
        common, xi, yi = np.intersect1d(xc, yc, return_indices=True)
        if not len(common):
            return np.zeros((len(m), len(m)), dtype=np.float32)
        return x[:, xi] @ y[:, yi].T

    full, assoc, obs, unk = part(1), part(2), part(3), part(MISSING)
    ff = full[0] @ full[0].T
    fs, fo = cross(full, assoc), cross(full, obs)
    ss, so, oo = cross(assoc, assoc), cross(assoc, obs), cross(obs, obs)
    full_associate = fs + fs.T
    full_observer = fo + fo.T
    inside = ff + full_associate + ss
    anyk = inside + full_observer + so + so.T + oo
    u = unk[0].sum(axis=1)
    unknown = u[:, None] + u[None, :] - unk[0] @ unk[0].T
    return {"joint_full": ff, "joint_inside": inside, "joint_any": anyk,
            "full_associate": full_associate, "full_observer": full_observer, "unknown": unknown}


def dyad_years(world: Any, orgs: Sequence[str] | None = None, start: int | None = None,
               end: int | None = None, rule: str = "year-end", drop_false_dyads: bool = True,
               source: str = "answer") -> "pd.DataFrame":
    """Non-directed dyad-years with joint-membership counts, per year as matrix products.

    ``joint_full`` (both full members; COW's dyadic count), ``joint_inside`` (both full or
    associate), ``joint_any`` (both full, associate or observer), ``full_associate`` and
    ``full_observer`` (one each way), ``unknown`` (organizations where either state is -9).
    """
    import numpy as np
    import pandas as pd

    _check(rule)
    ids, first, last, states, windows = _setup(world, orgs, start, end, rule, source)
    resolved = resolve(world, ids, first, last, rule, states, windows, source)
    codes = code_matrix(world, ids, states, windows, resolved)
    years = states.year.to_numpy()
    ccodes_all = states.ccode.to_numpy()
    labels = np.asarray(world.state_labels(ccodes_all, states.day1.to_numpy())[0], dtype=object)
    names = ["joint_full", "joint_inside", "joint_any", "full_associate", "full_observer", "unknown"]
    keys = ("ccode1", "ccode2", "state1", "state2", "year")
    parts: dict[str, list] = {n: [] for n in (*keys, *names)}
    for year in np.unique(years):
        rows = np.flatnonzero(years == year)
        if len(rows) < 2:
            continue
        counts = _pair_counts(codes[rows])
        i, j = np.triu_indices(len(rows), k=1)
        keep = slice(None)
        if drop_false_dyads:
            keep = ~false_dyad_mask(world, int(year), ccodes_all[rows], i, j)
            i, j = i[keep], j[keep]
        parts["ccode1"].append(ccodes_all[rows][i])
        parts["ccode2"].append(ccodes_all[rows][j])
        parts["state1"].append(labels[rows][i])
        parts["state2"].append(labels[rows][j])
        parts["year"].append(np.full(len(i), year, dtype=np.int64))
        for name in names:
            parts[name].append(counts[name][i, j])
    if not parts["year"]:
        result = pd.DataFrame(columns=[*keys, *names])
    else:
        result = pd.DataFrame({k: pd.Series(np.concatenate(v), dtype=object if k.startswith("state") else None)
                               for k, v in parts.items()})
    for col in names:
        result[col] = result[col].astype("int32")
    result.attrs.update(_attrs(world, ids, rule, "cow", first, last))
    if source == "cow":
        result.attrs["data"] = {o: "cow" for o in ids}
    return result


def org_years(world: Any, orgs: Sequence[str] | None = None, start: int | None = None,
              end: int | None = None, rule: str = "year-end", source: str = "answer") -> "pd.DataFrame":
    """Members per organization-year by status, with the data that answered."""
    from blocmap.core.world.spells import STATUS_RANK as statuses

    _check(rule)
    ids, first, last, states, windows = _setup(world, orgs, start, end, rule, source)
    resolved = resolve(world, ids, first, last, rule, states, windows, source)
    counts = resolved.groupby(["org", "year", "status"]).size().unstack("status", fill_value=0)
    columns = [s for s in sorted(statuses, key=lambda s: -statuses[s]) if s != "withdrawn"]
    counts = counts.reindex(columns=columns, fill_value=0)
    base = windows[["org", "year", "known"]].drop_duplicates(["org", "year"])
    frame = base.merge(counts.reset_index(), on=["org", "year"], how="left").fillna(0)
    for col in columns:
        frame[col] = frame[col].astype("int32")
    frame.loc[frame.known == "unknown", columns] = -9
    frame["inside"] = (frame.member + frame.suspended + frame.frozen + frame.associate).where(
        frame.known == "exists", -9)
    frame.insert(2, "data", frame.org.map(world.data_of) if source != "cow" else "cow")
    frame.insert(1, "name", [world.org_name_in(o, y) for o, y in zip(frame.org, frame.year)])
    frame = frame.sort_values(["org", "year"], ignore_index=True)
    frame.attrs.update(_attrs(world, ids, rule, "status", first, last))
    return frame


def picked_spells(world: Any, ids: Sequence[str], start: int, end: int, rule: str,
                  source: str = "answer") -> "pd.DataFrame":
    """The cells of a state-year panel that hold a status, with the spell the rule picked for
    each (``resolve``'s rows; ``spell`` indexes ``world.spell_table(ids, source)``)."""
    ids, first, last, states, windows = _setup(world, ids, start, end, rule, source)
    return resolve(world, ids, first, last, rule, states, windows, source)
