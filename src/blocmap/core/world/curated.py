"""The thin adapter between the curated atlas and the world features.

Everything the world layer needs from the atlas goes through ``Curated``: the ids it curates,
their spells as generic ``SpellRow``s, when each organization existed, the ISO key of a COW
code and the aliases COW uses.  Tests build a ``Curated`` from a handful of rows instead of an
atlas, so the world layer can be tested on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping

from blocmap.core.dates import PartialDate
from blocmap.core.world.spells import SpellRow


@dataclass
class Curated:
    """Curated spells and organizations, keyed by blocmap org id."""

    spells: tuple[SpellRow, ...]
    #: org id -> (founded, dissolved) as PartialDates (None: unknown / still exists)
    periods: Mapping[str, tuple[PartialDate | None, PartialDate | None]]
    #: COW id -> curated org id, for organizations COW names differently (eaec -> eurasec)
    aliases: Mapping[str, str] = field(default_factory=dict)
    #: ISO alpha-3 -> COW codes (code, first day, last day) as the atlas records them
    cow_codes: Mapping[str, tuple[tuple[int, dt.date | None, dt.date | None], ...]] = field(
        default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)  # org id -> English name
    #: event sources by spell (org, state, start) for the audit, and notes
    notes: Mapping[tuple[str, str, str], str] = field(default_factory=dict)
    #: ISO alpha-3 -> English name (the atlas's display name)
    state_names: Mapping[str, str] = field(default_factory=dict)
    #: ISO alpha-3 -> periods the state existed, (first day, last day) with None for open;
    #: a state not listed here existed throughout
    exists: Mapping[str, tuple[tuple[dt.date | None, dt.date | None], ...]] = field(
        default_factory=dict)
    #: COW code -> COW abbreviation (365: RUS, for the Soviet Union and Russia alike)
    abbs: Mapping[int, str] = field(default_factory=dict)
    #: ISO alpha-3 / org id -> its former English names, (last day, name), oldest first
    former_state_names: Mapping[str, tuple[tuple[dt.date, str], ...]] = field(default_factory=dict)
    former_org_names: Mapping[str, tuple[tuple[dt.date, str], ...]] = field(default_factory=dict)

    def state_name_on(self, iso3: str, day: dt.date) -> str | None:
        """The English name of ``iso3`` on ``day`` (a former one where it then applied)."""
        return next((name for last, name in self.former_state_names.get(iso3, ()) if day <= last),
                    self.state_names.get(iso3))

    def org_name_on(self, org: str, day: dt.date) -> str | None:
        return next((name for last, name in self.former_org_names.get(org, ()) if day <= last), self.names.get(org))

    @property
    def org_ids(self) -> frozenset[str]:
        return frozenset(self.periods)

    def spells_of(self, org: str) -> list[SpellRow]:
        return [s for s in self.spells if s.org == org]

    def iso3_of(self, ccode: int, day: dt.date | None = None) -> str | None:
        for iso3, codes in self.cow_codes.items():
            for code, start, end in codes:
                if code == ccode and (day is None or ((start is None or start <= day)
                                                      and (end is None or day <= end))):
                    return iso3
        return None

    def isos_of(self, ccode: int) -> list[tuple[str, dt.date | None, dt.date | None]]:
        """Every state of the atlas that had COW code ``ccode``, with the code's first and last
        day (None: open): 365 is the Soviet Union to 1991-12-26, Russia from 1991-12-27."""
        return [(iso3, start, end) for iso3, codes in self.cow_codes.items()
                for code, start, end in codes if code == ccode]

    def code_on(self, iso3: str, day: dt.date) -> int | None:
        """The COW code of ``iso3`` on ``day``, or None outside every recorded code period."""
        for code, start, end in self.cow_codes.get(iso3.upper(), ()):
            if (start is None or start <= day) and (end is None or day <= end):
                return code
        return None

    def tenures(self, first: dt.date) -> list[tuple[int, str, dt.date, dt.date | None]]:
        """(ccode, iso3, first day, last day or None if ongoing) of every stretch in which a
        state of the atlas existed under a COW code: its existence periods cut by its COW
        code periods, from ``first`` on (COW's first day, 1816-01-01)."""
        out = []
        for iso3, codes in self.cow_codes.items():
            for code, c0, c1 in codes:
                for e0, e1 in self.exists.get(iso3, ((None, None),)):
                    lo = max(d for d in (first, c0, e0) if d is not None)
                    ends = [d for d in (c1, e1) if d is not None]
                    hi = min(ends) if ends else None
                    if hi is None or lo <= hi:
                        out.append((code, iso3, lo, hi))
        return sorted(out)

    def ccode_of(self, iso3: str, day: dt.date) -> int | None:
        codes = self.cow_codes.get(iso3.upper(), ())
        for code, start, end in codes:
            if (start is None or start <= day) and (end is None or day <= end):
                return code
        # Before or after every recorded code: the nearest one (a spell start may precede
        # the day the atlas begins a COW code, e.g. a founding date of 1991-12-08 vs 12-26).
        return codes[0][0] if codes else None

    @classmethod
    def from_atlas(cls, atlas: Any) -> "Curated":
        """Read what the world layer needs from a loaded ``blocmap.core.atlas.Atlas``."""
        cow_codes = {
            iso3: tuple((c.code, c.start.earliest if c.start else None,
                         c.end.latest if c.end else None) for c in state.cow)
            for iso3, state in atlas.states.items()
        }
        periods = {org_id: (org.founded, org.dissolved) for org_id, org in atlas.orgs.items()}
        aliases = {a.lower(): org_id for org_id, org in atlas.orgs.items() for a in org.aliases}
        names = {org_id: org.names.get("en", org_id) for org_id, org in atlas.orgs.items()}
        rows: list[SpellRow] = []
        for spell in atlas.spells:
            rows.extend(split_by_code(spell, cow_codes.get(spell.state, ())))
        state_names = {iso3: atlas.state_name(iso3, "en") for iso3 in atlas.states}
        exists = {iso3: tuple((p.start.earliest if p.start else None, p.end.latest if p.end else None)
                              for p in state.exists)
                  for iso3, state in atlas.states.items() if state.exists}
        abbs: dict[int, str] = {}
        for state in atlas.states.values():
            for c in state.cow:
                if c.code not in abbs or c.end is None:  # the current holder names a shared code
                    abbs[c.code] = c.abb
        former_states = {iso3: tuple((f.until.latest, f.names.get("en", iso3)) for f in state.former_names)
                         for iso3, state in atlas.states.items() if state.former_names}
        former_orgs = {org_id: tuple((f.until.latest, f.names.get("en", org_id)) for f in org.former_names)
                       for org_id, org in atlas.orgs.items() if org.former_names}
        return cls(tuple(rows), periods, aliases, cow_codes, names, state_names=state_names,
                   exists=exists, abbs=abbs, former_state_names=former_states, former_org_names=former_orgs)

    @classmethod
    def from_rows(cls, rows: Iterable[SpellRow],
                  periods: Mapping[str, tuple[PartialDate | None, PartialDate | None]],
                  aliases: Mapping[str, str] | None = None) -> "Curated":
        rows = tuple(rows)
        codes: dict[str, set[int]] = {}
        for row in rows:
            if row.state:
                codes.setdefault(row.state, set()).add(row.ccode)
        cow_codes = {iso3: tuple((c, None, None) for c in sorted(cs)) for iso3, cs in codes.items()}
        return cls(rows, dict(periods), dict(aliases or {}), cow_codes)


def split_by_code(spell: Any, codes: tuple) -> list[SpellRow]:
    """A curated spell cut where the state's COW code changes (West Germany 260 → Germany 255
    on 1990-10-03), so that each piece lands on the state-years of the right code."""
    if not codes:
        return []  # a state with no COW code has no place in a COW-keyed panel
    sources = tuple(spell.start_event.sources)
    if len(codes) == 1:
        return [SpellRow(spell.org, spell.state, codes[0][0], spell.status, spell.start,
                         spell.end, sources, "curated")]
    start_day = spell.start.earliest
    end_day = spell.end.earliest if spell.end else None  # first day no longer
    pieces = []
    for code, first, last in codes:
        lo = max(start_day, first) if first else start_day
        hi = min(end_day, last + dt.timedelta(days=1)) if (end_day and last) else (end_day or (
            last + dt.timedelta(days=1) if last else None))
        if hi is not None and hi <= lo:
            continue
        start = spell.start if lo == start_day else PartialDate.from_date(lo)
        end = spell.end if hi == end_day else (PartialDate.from_date(hi) if hi else None)
        pieces.append(SpellRow(spell.org, spell.state, code, spell.status, start, end, sources,
                               "curated"))
    if len(pieces) > 1 or (pieces and (pieces[0].start, pieces[0].end) != (spell.start, spell.end)):
        whole = (spell.start, spell.end)
        pieces = [replace(p, whole=whole) for p in pieces]
    return pieces


def _code_on(codes: tuple, day: dt.date) -> int | None:
    for code, start, end in codes:
        if (start is None or start <= day) and (end is None or day <= end):
            return code
    return codes[0][0] if codes else None


def load_curated(data_dir: Any = None) -> Curated:
    """The curated side from the bundled atlas (or the data folder ``data_dir``)."""
    from blocmap.core.atlas import Atlas

    return Curated.from_atlas(Atlas.load(data_dir))
