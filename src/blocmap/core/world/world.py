"""``World``: the library object for the whole world — imported COW organizations plus the
curated atlas, with the curated, sourced data answering wherever an organization is in both.

    >>> from blocmap.core.world import World
    >>> world = World()                                   # the default store, curated atlas if present
    >>> [m.state_name for m in world.members("asean", on="2010-01-01")][:2]
    >>> world.state_years(orgs=["cis", "asean"], start=1990, end=2014)   # pandas DataFrame
    >>> World.without_store().state_years(["eaeu"], 2010, 2024)          # no import needed
    >>> World.open(db=None)         # the default store if there is one, else the atlas alone

Without a store (``World.without_store``) there are no COW organizations; the state universe
is the whole state system (the atlas's states list joined with COW's State System Membership
List v2024, shipped in ``data/cow``), and ``coverage`` is None.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from blocmap.core.dates import parse_day
from blocmap.core.errors import QueryError, unknown
from blocmap.core.messages import Text
from blocmap.core.world.curated import Curated, load_curated
from blocmap.core.world.index import KNOWN_STATUSES, WITH_UNKNOWN, IntervalIndex, WorldMembership, spell_rows
from blocmap.core.world.spells import FIRST_YEAR, SpellRow
from blocmap.core.world.store import connect, open_store_path, read_meta, resolve_db

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_AUTO = object()
#: The last day of an ongoing tenure in ``World.tenures()``.
ONGOING = dt.date(9999, 12, 31)
#: COW abbreviations that are another country's ISO alpha-3 code: refused rather than guessed.
ISO_CLASHES = {"AUS": ("Austria", "Australia"), "SWZ": ("Switzerland", "Eswatini"),
               "SLV": ("Slovenia", "El Salvador"), "MAC": ("Macedonia", "Macao")}


class World:
    """Imported COW data (a DuckDB store) joined with the curated atlas through ``Curated``.

    ``World(db)`` opens a store (an error if there is none); ``World.without_store(curated)``
    answers from the curated atlas alone; ``World.open(db)`` picks between them.
    """

    #: (first, last) year of the imported COW data; None without a store ("no COW data").
    coverage: tuple[int, int] | None

    def __init__(self, db: str | Path | None = None, curated: Curated | None | Any = _AUTO) -> None:
        self.db: Path | None = resolve_db(db)
        self._con: Any = connect(self.db)
        self.meta = read_meta(self._con)
        self.coverage = (int(self.meta["coverage_start"]), int(self.meta["coverage_end"]))
        self.curated: Curated | None = load_curated() if curated is _AUTO else curated
        rows = self._con.execute(
            "SELECT id, cow_id, name, start_year, end_year FROM orgs ORDER BY position").fetchall()
        self.cow_orgs = {r[0]: {"cow_id": r[1], "name": r[2], "start": r[3], "end": r[4]} for r in rows}
        self._states = {int(c): (abb, name) for c, abb, name in
                        self._con.execute("SELECT ccode, abb, name FROM states").fetchall()}
        self._setup_lookups()

    @classmethod
    def without_store(cls, curated: Curated | None = None) -> "World":
        """The world of the curated atlas alone, with no COW import: its organizations, the
        states of its states list that have a COW code (``curated``: by default the bundled
        atlas's) and every other state of COW's shipped state list (``system.py``).
        ``coverage`` is None; there are no COW organizations."""
        world = cls.__new__(cls)
        world.db, world._con, world.meta, world.coverage = None, None, {}, None
        world.curated = curated if curated is not None else load_curated()
        world.cow_orgs = {}
        world._states = {}
        for code in sorted({c for codes in world.curated.cow_codes.values() for c, _, _ in codes}):
            # a code held in turn (365: the Soviet Union, then Russia) is named by its latest holder
            iso3 = max(world.curated.isos_of(code), key=lambda h: h[2] or ONGOING)[0]
            world._states[code] = (world.curated.abbs.get(code, iso3),
                                   world.curated.state_names.get(iso3, iso3))
        # the rest of the state system from the shipped COW list: Japan, Brazil ... (system.py)
        from blocmap.core.world.system import cow_tenures

        for tenure in cow_tenures():
            world._states.setdefault(tenure.ccode, (tenure.abb, tenure.name))
        world._setup_lookups()
        return world

    @classmethod
    def open(cls, db: str | Path | None = None, curated: Curated | None | Any = _AUTO) -> "World":
        """The store ``db`` (which must exist); without ``db``, the default store
        (``default_db_path()``) when one has been imported, else the curated atlas alone
        (``without_store``) — the rule of ``store.open_store_path``."""
        path = open_store_path(db)
        if path is None:
            return cls.without_store(None if curated is _AUTO else curated)
        return cls(path, curated)

    def _setup_lookups(self) -> None:
        self._tenure_spans: dict[int, list[tuple[int, int]]] | None = None
        self._org_index: dict[tuple[str, bool], IntervalIndex] = {}
        self._state_index: dict[tuple[Any, bool], IntervalIndex] = {}
        curated_ids = self.curated.org_ids if self.curated else frozenset()
        aliases = {row["cow_id"]: org for org, row in self.cow_orgs.items()}
        aliases.update(self.curated.aliases if self.curated else {})
        self._aliases = {k.lower(): v for k, v in aliases.items()}
        self._curated_ids = curated_ids

    @property
    def has_store(self) -> bool:
        return self._con is not None

    def close(self) -> None:
        if self._con is not None:
            self._con.close()

    def __enter__(self) -> "World":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- names ------------------------------------------------------------------------------

    @property
    def org_ids(self) -> list[str]:
        """COW's organizations in COW's column order, then those only blocmap curates."""
        return list(self.cow_orgs) + sorted(set(self._curated_ids) - set(self.cow_orgs))

    def default_orgs(self, source: str = "answer") -> list[str]:
        """The organizations a panel covers when none are named: COW's only for ``source="cow"``."""
        if source == "cow":
            return list(self.cow_orgs)
        if source == "curated":
            return sorted(self._curated_ids)
        return self.org_ids

    def org(self, name: str, parameter: str = "org") -> str:
        """The blocmap id of an organization: our id, COW's id (``eaec``) or COW's ``ioname``."""
        key = str(name).strip().lower()
        if key in self.cow_orgs or key in self._curated_ids:
            return key
        if key in self._aliases:
            return self._aliases[key]
        error = unknown("organization", str(name), self.org_ids, parameter)
        if not self.has_store:
            raise QueryError.of("err.world.needs_store", parameter, reason=error.text) from None
        raise error

    def data_of(self, org: str) -> str:
        """Which data answers for ``org``: ``curated`` where blocmap curates it, else ``cow``."""
        return "curated" if org in self._curated_ids else "cow"

    def abbreviation(self, ccode: int) -> str:
        """COW's abbreviation of a state code (the key of a state blocmap has no ISO code for)."""
        abb, _ = self._states.get(ccode, (None, None))
        return abb or str(ccode)

    def org_name_in(self, org: str, year: int) -> str:
        """The English name an organization bore at the end of ``year`` (the EEC in 1960)."""
        if org in self._curated_ids and self.curated is not None:
            found = self.curated.org_name_on(org, dt.date(int(year), 12, 31))
            if found:
                return found
        return self.org_name(org)

    def org_name(self, org: str) -> str:
        """The English name of an organization: the atlas's where blocmap curates it, else COW's."""
        if org in self._curated_ids and self.curated is not None and org in self.curated.names:
            return self.curated.names[org]
        return self.cow_orgs.get(org, {}).get("name") or org

    def state_name(self, ccode: int) -> str:
        abb, name = self._states.get(ccode, (None, None))
        return name or abb or str(ccode)

    def _spell_state_name(self, spell: SpellRow) -> str:
        """The name an answer shows: the atlas's for a curated spell (the Soviet Union, not
        Russia, for 365 before 1992), else the code's."""
        if spell.data == "curated" and self.curated and spell.state in self.curated.state_names:
            return self.curated.state_names[spell.state]
        return self.state_name(spell.ccode)

    def state_labels(self, ccodes: Sequence[int], days: Sequence[int]) -> tuple[list, list]:
        """The ISO alpha-3 code (or None) and English name of each (COW code, day ordinal):
        the atlas's code and name of the state that held the code that day, else Natural
        Earth's code (``iso.py``) and COW's name."""
        from blocmap.core.world.iso import iso3_from_name

        isos: list = []
        names: list = []
        fixed: dict[int, tuple[str | None, str]] = {}
        shared: dict[int, list] = {}
        for ccode in dict.fromkeys(int(c) for c in ccodes):
            holders = self.curated.isos_of(ccode) if self.curated else []
            if len({h[0] for h in holders}) > 1 or any(h[1] or h[2] for h in holders):
                shared[ccode] = holders  # held by more than one state, or by one for a time
            elif holders:
                fixed[ccode] = (holders[0][0], self._atlas_name(holders[0][0], ccode))
            else:
                abb, name = self._states.get(ccode, (None, None))
                fixed[ccode] = (iso3_from_name(abb, name), name or abb or str(ccode))
        for ccode, day in zip(ccodes, days):
            label = fixed.get(int(ccode))
            from_cow = False
            if label is None:
                on = dt.date.fromordinal(int(day))
                holders = shared[int(ccode)]
                iso3 = next((h[0] for h in holders if (h[1] is None or h[1] <= on)
                             and (h[2] is None or on <= h[2])), None)
                # a day no state of the atlas held the code (Germany, 255, before 1945): COW's name
                label = self._cow_label(int(ccode), on) if iso3 is None else None
                from_cow = label is not None
                if label is None:
                    iso3 = iso3 or holders[-1][0]
                    label = (iso3, self._atlas_name(iso3, int(ccode)))
            isos.append(label[0])
            former = self.curated.state_name_on(label[0], dt.date.fromordinal(int(day))) \
                if self.curated and label[0] in self.curated.former_state_names and not from_cow else None
            names.append(former or label[1])  # the name of that day: West Germany in 1960
        return isos, names

    def _cow_label(self, ccode: int, on: dt.date) -> tuple[str | None, str] | None:
        """(ISO code, name) of the state that held ``ccode`` on ``on`` in the shipped COW list."""
        from blocmap.core.world.iso import iso3_from_name
        from blocmap.core.world.system import cow_tenures

        for tenure in cow_tenures():
            if tenure.ccode == ccode and tenure.start <= on and (tenure.end is None or on <= tenure.end):
                return iso3_from_name(tenure.abb, tenure.name), tenure.name
        return None

    def _atlas_name(self, iso3: str, ccode: int) -> str:
        found = self.curated.state_names.get(iso3) if self.curated else None
        return found or self.state_name(ccode)

    def state(self, name: str | int, parameter: str = "state") -> int:
        """A COW code from a code, an ISO alpha-3 the atlas knows, a COW abbreviation or name."""
        if isinstance(name, int) or str(name).strip().isdigit():
            code = int(name)
            if code in self._states:
                return code
            where = Text("err.world.store_here" if self.has_store else "err.world.states_list")
            raise QueryError.of("err.world.ccode", parameter, code=code, where=where)
        text = str(name).strip()
        if self.curated and text.upper() in self.curated.cow_codes:
            code = self.curated.ccode_of(text.upper(), self._last_day())
            if code is not None:
                return code
        if text.upper() in ISO_CLASHES:
            raise QueryError.of("err.world.iso_clash", parameter, text=text, cow=ISO_CLASHES[text.upper()][0],
                                iso=ISO_CLASHES[text.upper()][1])
        lowered = text.lower()
        for code, (abb, label) in self._states.items():
            if (abb and abb.lower() == lowered) or (label and label.lower() == lowered):
                return code
        # every ISO alpha-3 code the answers label states with (Natural Earth's, iso.py): IDN
        if len(text) == 3 and text.isalpha():
            by_iso = [code for code in self._states if self.iso3(code) == text.upper()]
            if by_iso:
                return by_iso[-1]  # where two COW codes share one ISO code, the later one
        valid = [label for _, label in self._states.values() if label]
        raise unknown("state", text, valid, parameter)

    # -- spells -----------------------------------------------------------------------------

    def _last_day(self) -> dt.date:
        """The last day the data speak of: COW's last, or today without a store."""
        return dt.date(self.coverage[1], 12, 31) if self.coverage else dt.date.today()

    def iso3(self, ccode: int) -> str | None:
        """blocmap's code for the state: the curated list's, else Natural Earth's (``iso.py``)."""
        found = self.curated.iso3_of(ccode) if self.curated else None
        if found is None:
            from blocmap.core.world.iso import iso3_from_name

            found = iso3_from_name(*self._states.get(ccode, (None, None)))
        return found

    def spells_of(self, org: str | None = None, ccode: int | None = None) -> list[SpellRow]:
        """The spells that answer for ``org`` and/or ``ccode`` (curated over COW)."""
        org = self.org(org) if org is not None else None
        out: list[SpellRow] = []
        if self.curated and (org is None or org in self._curated_ids):
            out.extend(s for s in self.curated.spells
                       if (org is None or s.org == org) and (ccode is None or s.ccode == ccode))
        if org is None or org not in self._curated_ids:
            out.extend(self.cow_spells(org, ccode, exclude=self._curated_ids))
        return out

    def cow_spells(self, org: str | None = None, ccode: int | None = None,
                   exclude: Iterable[str] = ()) -> list[SpellRow]:
        """COW's own coding, also for organizations blocmap curates (for comparison)."""
        if self.coverage is None:
            return []
        sql = ("SELECT org, ccode, status, year(start), year(end_day), source FROM spells "
               "WHERE (? IS NULL OR org = ?) AND (? IS NULL OR ccode = ?)")
        rows = self._con.execute(sql, [org, org, ccode, ccode]).fetchall()
        skip = set(exclude)
        return spell_rows((r for r in rows if r[0] not in skip), self.iso3, self.coverage[1] + 1)

    # -- as-of questions ----------------------------------------------------------------------

    def _day(self, on: object, org: str | None) -> dt.date:
        """The day asked about; outside COW's years an imported organization cannot answer."""
        day = parse_day(on, "on")
        if self.coverage is None:
            return day  # no COW data: only curated organizations, which answer on any day
        from_cow = org is None or self.data_of(org) == "cow"
        if from_cow and day.year < self.coverage[0]:
            raise QueryError.of("err.world.starts", "on", year=self.coverage[0])
        if org is not None and from_cow and day.year > self.coverage[1]:
            raise QueryError.of("err.world.ends", "on", year=self.coverage[1], org=org, day=day)
        return day

    def members(self, org: str, on: object, include_unknown: bool = False) -> list[WorldMembership]:
        """Every state with a relation to ``org`` on day ``on`` (COW: year precision)."""
        org_id = self.org(org)
        day = self._day(on, org_id)
        key = (org_id, include_unknown)
        index = self._org_index.get(key)
        if index is None:
            index = self._org_index[key] = IntervalIndex(
                self.spells_of(org_id), self._spell_state_name,
                WITH_UNKNOWN if include_unknown else KNOWN_STATUSES)
        return list(index.at(day.toordinal()))

    def memberships(self, state: str | int, on: object,
                    include_unknown: bool = False) -> list[WorldMembership]:
        """Every organization ``state`` had a relation to on day ``on``.

        A state named by an ISO code the atlas knows gets the atlas's spells of that state
        (``RUS`` is not the Soviet Union, though both are COW's 365) and COW's coding of the
        code it held that day.  After COW's last year only curated organizations can answer.
        """
        ccode = self.state(state)
        iso3 = self._atlas_iso(state)
        day = self._day(on, None)
        key = (iso3 or ccode, include_unknown)
        index = self._state_index.get(key)
        if index is None:
            spells = self.spells_of(None, ccode) if iso3 is None else self._spells_of_iso(iso3)
            index = self._state_index[key] = IntervalIndex(
                spells, self._spell_state_name, WITH_UNKNOWN if include_unknown else KNOWN_STATUSES)
        answers = index.at(day.toordinal())
        if iso3 is not None:
            held = self.curated.code_on(iso3, day)  # type: ignore[union-attr]
            answers = tuple(a for a in answers if a.data == "curated" or a.ccode == held)
        if self.coverage is not None and day.year > self.coverage[1]:
            return [a for a in answers if a.data == "curated"]
        return list(answers)

    def _atlas_iso(self, state: str | int) -> str | None:
        text = str(state).strip().upper()
        known = self.curated is not None and text in self.curated.cow_codes
        return text if known and not text.isdigit() else None

    def _spells_of_iso(self, iso3: str) -> list[SpellRow]:
        assert self.curated is not None
        out = [s for s in self.curated.spells if s.state == iso3]
        for code in dict.fromkeys(c for c, _, _ in self.curated.cow_codes[iso3]):
            out.extend(self.cow_spells(None, code, exclude=self._curated_ids))
        return out

    def warm(self, orgs: Sequence[str] | None = None, states: Sequence[int] | None = None) -> None:
        """Build the indexes ahead of time (benchmarks, long-running servers)."""
        last_day = self._last_day()
        for org in orgs if orgs is not None else self.org_ids:
            self.members(org, on=last_day)
        for ccode in states if states is not None else list(self._states):
            self.memberships(ccode, on=last_day)

    # -- tables -------------------------------------------------------------------------------

    def spell_table(self, orgs: Sequence[str] | None = None, source: str = "answer") -> "pd.DataFrame":
        """The generic spell table: curated rows for curated orgs, COW rows for the rest.

        ``source="cow"`` gives COW's coding for every org, ``"curated"`` only curated rows.
        Days are proleptic ordinals (``date.toordinal()``), ``end`` exclusive.
        """
        import pandas as pd

        from blocmap.core.world.panels import spells_frame

        ids = [self.org(o, "orgs") for o in orgs] if orgs else list(self.org_ids)
        curated = [s for s in (self.curated.spells if self.curated else ())
                   if s.org in set(ids)] if source in ("answer", "curated") else []
        if source == "curated":
            return spells_frame(curated)
        cow_ids = ids if source == "cow" else [o for o in ids if o not in self._curated_ids]
        cow = self._cow_frame(cow_ids)
        if not curated:
            return cow
        return pd.concat([spells_frame(curated), cow], ignore_index=True)

    def _cow_frame(self, ids: Sequence[str]) -> "pd.DataFrame":
        if self._con is None:
            from blocmap.core.world.panels import spells_frame

            return spells_frame(())
        # Ordinals computed in SQL: 0001-01-01 is ordinal 1 in Python's proleptic calendar.
        sql = """
            SELECT org, NULL::VARCHAR AS state, ccode, status,
                   date_diff('day', DATE '0001-01-01', start) + 1 AS start,
                   date_diff('day', DATE '0001-01-01', end_day) + 1 AS "end",
                   precision, source AS sources, 'cow' AS data,
                   CAST(year(start) AS VARCHAR) AS start_date,
                   CAST(year(end_day) AS VARCHAR) AS end_date
            FROM spells WHERE org IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY org, ccode, start"""
        frame = self._con.execute(sql, [list(ids)]).df()
        if len(frame):
            codes = {c: self.iso3(int(c)) for c in frame.ccode.unique()}
            frame["state"] = frame.ccode.map(codes)
        return frame

    def org_periods(self, source: str = "answer") -> dict[str, list[tuple[dt.date, dt.date | None]]]:
        """When each organization existed: [first day, first day no longer) per period.

        ``source="cow"`` gives COW's years for every organization, curated ones included.
        """
        out: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
        rows = self._con.execute("SELECT org, start_year, end_year FROM org_periods "
                                 "ORDER BY org, start_year").fetchall() if self._con else []
        for org, start, end in rows:
            if org in self._curated_ids and source != "cow":
                continue
            out.setdefault(org, []).append((dt.date(start, 1, 1), dt.date(end + 1, 1, 1)))
        for org in (self._curated_ids if source != "cow" else ()):
            founded, dissolved = self.curated.periods[org]  # type: ignore[union-attr]
            out[org] = [(founded.earliest if founded else dt.date(FIRST_YEAR, 1, 1),
                         dissolved.earliest if dissolved else None)]
        return out

    def system(self, end: int | None = None) -> "pd.DataFrame":
        """(ccode, year): the state-years in the system — COW's universe from the store, or
        without one every year any day of which a state of the atlas's list existed under a
        COW code (to ``end``, by default the last complete year)."""
        import pandas as pd

        if self._con is not None:
            return self._con.execute("SELECT ccode, year FROM system_years").df()
        last = end if end is not None else dt.date.today().year - 1
        rows = {(ccode, year) for ccode, a, b in self._tenure_rows()
                for year in range(a.year, min(b.year, last) + 1)}
        return pd.DataFrame(sorted(rows), columns=["ccode", "year"]).astype("int64")

    def tenure_spans(self) -> dict[int, list[tuple[int, int]]]:
        """Each state's tenures as (first, last) day ordinals (for dropping false dyads), once."""
        if self._tenure_spans is None:
            from blocmap.core.world.panels import tenure_spans

            self._tenure_spans = tenure_spans(self.tenures())
        return self._tenure_spans

    def tenures(self) -> "pd.DataFrame":
        """(ccode, start, end_day): days in the system, ``end_day`` the last (inclusive); an
        ongoing tenure ends on the latest ``end_day`` (the state list's last day; ``ONGOING``
        without a store)."""
        import pandas as pd

        if self._con is not None:
            return self._con.execute("SELECT ccode, start, end_day FROM state_periods").df()
        return pd.DataFrame(self._tenure_rows(), columns=["ccode", "start", "end_day"])

    def _tenure_rows(self) -> list[tuple[int, dt.date, dt.date]]:
        """Without a store: the atlas's tenures joined with the shipped COW state list's
        (``system.py``), so that the universe is the whole state system."""
        from blocmap.core.world.system import cow_tenures, merge_tenures

        first = dt.date(FIRST_YEAR, 1, 1)
        rows = self.curated.tenures(first) if self.curated else []
        atlas = [(code, a, b or ONGOING) for code, _, a, b in rows]
        cow = [(t.ccode, t.start, t.end or ONGOING) for t in cow_tenures()]
        return merge_tenures(atlas + cow)

    def state_years(self, orgs: Sequence[str] | None = None, start: int | None = None,
                    end: int | None = None, coding: str = "cow", rule: str = "year-end",
                    source: str = "answer") -> "pd.DataFrame":
        """One row per state-year (``ccode``, ``year``, ``state`` ISO alpha-3 or None,
        ``name``), one column per organization; with or without a store.

        ``df.attrs["data"]`` says which data answered for each column (curated or cow);
        ``df.attrs["cow_coverage"]`` COW's years, None without a store.  Years outside a
        source's coverage are -9 (``unknown``), never 0.
        """
        from blocmap.core.world.panels import state_years

        return state_years(self, orgs, start, end, coding, rule, source)

    def dyad_years(self, orgs: Sequence[str] | None = None, start: int | None = None,
                   end: int | None = None, rule: str = "year-end", drop_false_dyads: bool = True,
                   source: str = "answer") -> "pd.DataFrame":
        """Non-directed dyad-years (``ccode1 < ccode2``, ``state1``, ``state2``, ``year``)
        with joint-membership counts.

        Pairs in the system the same year but never on the same day are dropped
        (``drop_false_dyads``; needs the state list imported with ``--states``).
        """
        from blocmap.core.world.panels import dyad_years

        return dyad_years(self, orgs, start, end, rule, drop_false_dyads, source)

    def org_years(self, orgs: Sequence[str] | None = None, start: int | None = None,
                  end: int | None = None, rule: str = "year-end", source: str = "answer") -> "pd.DataFrame":
        """One row per organization-year (``org``, ``name``, ``year``): members by status,
        and which data answered."""
        from blocmap.core.world.panels import org_years

        return org_years(self, orgs, start, end, rule, source)

