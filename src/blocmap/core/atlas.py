"""The atlas: validated data plus the questions asked of it.  Front ends call only this."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import Iterable, Mapping

from blocmap.core import cache
from blocmap.core.dates import parse_day
from blocmap.core.errors import DataError, QueryError, unknown
from blocmap.core.loader import BUNDLED, load_folder
from blocmap.core.model import (
    INSIDE,
    LANGS,
    STATUSES,
    Dispute,
    Event,
    Membership,
    Organization,
    Source,
    Spell,
    State,
    expand_sets,
)
from blocmap.core.names import org_display, state_display
from blocmap.core.timeline import Change, SpellIndex, Zone, as_membership, build_spells, diff, sets_on, zones
from blocmap.core.validate import check

_BUNDLED_ATLAS: "Atlas | None" = None


class Atlas:
    """Organizations, states, sources, events, disputes and the spells derived from them."""

    def __init__(self, folder: Path, orgs: dict[str, Organization], states: dict[str, State],
                 sources: dict[str, Source], events: list[Event], disputes: list[Dispute]):
        self.folder = folder
        self.orgs = orgs
        self.states = states
        self.sources = sources
        self.events = sorted(events, key=lambda e: (e.date.earliest, e.org, e.state or "", e.line))
        self.disputes = disputes
        self.spells: list[Spell] = build_spells(self.events, orgs, states)
        self._index = SpellIndex(self.spells)
        self._org_keys = self._org_lookup()

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, folder: Path | str | None = None) -> "Atlas":
        """Load and validate a data folder; DataError lists every problem with file and line."""
        if folder is None:
            return cls.bundled()
        return cls._validated(Path(folder))

    @classmethod
    def _validated(cls, folder: Path) -> "Atlas":
        key, cached = cache.load(folder) if folder.is_dir() else ("", None)
        if cached is not None:
            sources, states, orgs, events, disputes = cached
            try:
                return cls(folder, orgs, states, sources, events, disputes)
            except Exception:  # a foreign or stale entry is only a missed shortcut: load afresh
                pass
        raw = load_folder(folder)
        problems = check(raw)
        if problems:
            raise DataError(problems)
        atlas = cls(raw.folder, raw.orgs, raw.states, raw.sources, raw.events, raw.disputes)
        cache.store(key, atlas)
        return atlas

    @classmethod
    def bundled(cls) -> "Atlas":
        """The bundled atlas, loaded once per process."""
        global _BUNDLED_ATLAS
        if _BUNDLED_ATLAS is None:
            _BUNDLED_ATLAS = cls._validated(BUNDLED)
        return _BUNDLED_ATLAS

    # ------------------------------------------------------------------ names
    def _org_lookup(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for org in self.orgs.values():
            for key in (org.id, *org.aliases, *org.acronyms.values(), *org.names.values()):
                keys.setdefault(key.casefold(), org.id)
        return keys

    @cached_property
    def _state_keys(self) -> dict[str, str]:
        """Every way to name a state; built on first need (CLDR names are slow to load)."""
        keys: dict[str, str] = {}
        for state in self.states.values():
            candidates = [state.iso3, *(c.abb for c in state.cow), *(str(c.code) for c in state.cow)]
            if state.iso2:
                candidates.append(state.iso2)
            candidates += [state_display(state, lang) for lang in LANGS]
            for key in candidates:
                keys.setdefault(key.casefold(), state.iso3)
        return keys

    def org(self, given: str, parameter: str = "org") -> Organization:
        """An organization by id, alias, acronym or name, in any case or language."""
        found = self._org_keys.get(str(given).strip().casefold())
        if found is None:
            raise unknown_with_names("organization", given, self.orgs, self._org_keys, parameter)
        return self.orgs[found]

    def state(self, given: str, parameter: str = "state") -> State:
        """A state by ISO alpha-3 or alpha-2 code, COW code or abbreviation, or name."""
        text = str(given).strip()
        if text.upper() in self.states:
            return self.states[text.upper()]
        found = self._state_keys.get(text.casefold())
        if found is None:
            raise unknown_with_names("state", given, self.states, self._state_keys, parameter)
        return self.states[found]

    def org_ids(self, given: Iterable[str] | str | None, parameter: str = "orgs") -> list[str]:
        """Resolve a list (or comma-separated text) of organizations, or a named set
        (``model.ORG_SETS``); all of them when None.  The one parser of organization lists."""
        if given is None:
            return list(self.orgs)
        ids = [self.org(item, parameter).id for item in expand_sets(split_list(given))]
        if not ids:
            raise QueryError.of("err.no_org", parameter)
        return list(dict.fromkeys(ids))

    def state_name(self, iso3: str, lang: str = "en", on: dt.date | None = None) -> str:
        """The state's name in ``lang`` as it was on ``on`` (today's where None)."""
        state = self.states.get(iso3)
        return state_display(state, lang, on) if state is not None else iso3

    def org_name(self, org_id: str, lang: str = "en", short: bool = False, on: dt.date | None = None) -> str:
        """The organization's name in ``lang`` as it was on ``on`` (today's where None)."""
        org = self.orgs.get(org_id)
        return org_display(org, lang, short, on) if org is not None else org_id

    # ------------------------------------------------------------------ questions
    def members(self, org: str, on: dt.date | str = "today") -> list[Membership]:
        """Every state related to ``org`` on a day, with its status (withdrawn states are not listed)."""
        org_id = self.org(org).id
        day = parse_day(on, "on")
        found = [as_membership(s, day, self._ccode(s.state, day))
                 for s in self._index.of_org_on(org_id, day) if s.status != "withdrawn"]
        return sorted(found, key=_status_then_state)

    def memberships(self, state: str, on: dt.date | str = "today") -> list[Membership]:
        """Every organization a state is related to on a day, with its status."""
        iso3 = self.state(state).iso3
        day = parse_day(on, "on")
        found = [as_membership(s, day, self._ccode(iso3, day))
                 for s in self._index.of_state_on(iso3, day) if s.status != "withdrawn"]
        return sorted(found, key=lambda m: (list(self.orgs).index(m.org), m.org))

    def _ccode(self, iso3: str, day: dt.date) -> int | None:
        code = self.states[iso3].cow_on(day) if iso3 in self.states else None
        return code.code if code is not None else None

    def history(self, org: str | None = None, state: str | None = None) -> list[Event]:
        """Dated events of an organization, a state, or both, oldest first."""
        org_id = self.org(org).id if org else None
        iso3 = self.state(state).iso3 if state else None
        return [e for e in self.events
                if (org_id is None or e.org == org_id) and (iso3 is None or e.state == iso3)]

    def diff(self, first: dt.date | str, second: dt.date | str,
             orgs: Iterable[str] | str | None = None) -> list[Change]:
        """Who joined, left or changed status between two days."""
        day1, day2 = parse_day(first, "date1"), parse_day(second, "date2")
        return diff(self._index, self.events, self.org_ids(orgs), day1, day2)

    def sets(self, orgs: Iterable[str] | str, on: dt.date | str = "today",
             statuses: frozenset[str] = INSIDE,
             pinned: dict[str, dt.date | str] | None = None) -> dict[str, frozenset[str]]:
        """The states inside each organization on a day (``pinned`` gives some their own day)."""
        ids = self.org_ids(orgs)
        day = parse_day(on, "on")
        days = {org: day for org in ids}
        for org, when in (pinned or {}).items():
            days[self.org(org).id] = parse_day(when, f"{org}@date")
        return sets_on(self._index, ids, days, statuses)

    def overlap(self, orgs: Iterable[str] | str, on: dt.date | str = "today",
                statuses: frozenset[str] = INSIDE) -> list[Zone]:
        """Every non-empty region of the organizations' overlap and the states in it."""
        return zones(self.sets(orgs, on, statuses))

    def spells_of(self, org: str | None = None, state: str | None = None) -> list[Spell]:
        org_id = self.org(org).id if org else None
        iso3 = self.state(state).iso3 if state else None
        return [s for s in self.spells
                if (org_id is None or s.org == org_id) and (iso3 is None or s.state == iso3)]

    def disputes_of(self, org: str | None = None, state: str | None = None) -> list[Dispute]:
        org_id = self.org(org).id if org else None
        iso3 = self.state(state).iso3 if state else None
        return [d for d in self.disputes
                if (org_id is None or d.org == org_id) and (iso3 is None or d.state == iso3)]

    def source(self, key: str) -> Source:
        if key not in self.sources:
            raise unknown("source", key, self.sources, "source")
        return self.sources[key]

    @cached_property
    def key_dates(self) -> list[Event]:
        """Events that changed someone's status (for timelines and sliders)."""
        return [e for e in self.events if e.status is not None or e.kind in ("founded", "dissolved")]


_STATUS_ORDER = {s: i for i, s in enumerate(STATUSES)}


def unknown_with_names(kind: str, given: str, ids: Iterable[str], keys: Mapping[str, str],
                       parameter: str) -> QueryError:
    """An unknown name: the closest ids as before, else the ids whose name or acronym in any
    language contains it or is contained in it (a mainland Chinese form of Kazakhstan's name → KAZ)
    or has the same letters (a misspelt Russian acronym of the EAEU → eaeu)."""
    from blocmap.core.errors import suggest

    text = str(given).strip()
    if len(text) > 100 or suggest(text, ids):
        return unknown(kind, text, ids, parameter)
    folded = text.casefold()
    hits = [k for k in keys if len(k) >= 3 and len(folded) >= 3 and (k in folded or folded in k)]
    if not hits and len(folded) <= 6:
        hits = [k for k in keys if sorted(k) == sorted(folded)]
    hinted = list(dict.fromkeys(keys[k] for k in sorted(hits, key=lambda k: abs(len(k) - len(folded)))))
    if not hinted:
        return unknown(kind, text, ids, parameter)
    return unknown(kind, text, hinted, parameter, exact=True)


def split_list(given: Iterable[str] | str | None) -> list[str]:
    """A comma-separated text, or a list of such texts, as a list of stripped items."""
    if given is None:
        return []
    parts = [given] if isinstance(given, str) else list(given)
    return [item.strip() for part in parts for item in str(part).split(",") if item.strip()]


def _status_then_state(m: Membership) -> tuple[int, str]:
    return (_STATUS_ORDER.get(m.status, 99), m.state)
