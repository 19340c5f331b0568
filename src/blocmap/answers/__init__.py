"""The answers layer: the only code that turns a question into records.

Every front end asks here and gets the same plain rows (dicts of JSON types): ``blocmap
members csto --format json``, ``GET /api/members?org=csto`` and ``blocmap.members("csto")``
(as a DataFrame) are the same list, built by the same call.

    >>> from blocmap.answers import Answers
    >>> answers = Answers(blocmap.load())                 # the curated atlas only
    >>> answers = Answers(blocmap.load(), store="world.duckdb")   # and an imported COW store
    >>> answers.members("csto", on="2008-06-01")

Spells come from two sources, one record type: the curated atlas (sourced events, day
precision) and, when a store is given, the imported COW IGO data (year precision, to 2014).
Where an organization is in both, the curated data answers.  The merge happens in one place,
``blocmap.core.world.World``; a question about a curated organization never needs the store.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from blocmap.core.dates import parse_day
from blocmap.core.errors import QueryError, unknown
from blocmap.core.atlas import split_list
from blocmap.core.model import INSIDE, LANGS, POST_SOVIET, STATUSES, expand_sets
from blocmap.answers.rows import continued_in, event_row, membership_row, source_row, spell_row

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from blocmap.core.atlas import Atlas
    from blocmap.core.model import Dispute, Organization

#: The organizations of the day summary (``blocmap overview``, the web atlas's home page).
OVERVIEW_ORGS = ("cis", "csto", "union_state", "eurasec", "customs_union", "eaeu", "guam", "sco")


def require(value: str | None, parameter: str) -> str:
    if value is None or not str(value).strip():
        raise QueryError.of("err.missing", parameter)
    return str(value)


class Answers:
    """Questions asked of the curated atlas and, when given, an imported COW store."""

    def __init__(self, atlas: Atlas, store: str | Path | None = None) -> None:
        self.atlas = atlas
        self.store = Path(store) if store is not None else None
        self._cow_names: dict[str, str] = {}  # states of imported organizations: key -> COW's name

    @classmethod
    def open(cls, atlas: Atlas, store: str | Path | None = None) -> "Answers":
        """``store`` as given (it must exist), or the default store where one was imported."""
        from blocmap.core.world.store import open_store_path

        return cls(atlas, open_store_path(store))

    # ------------------------------------------------------------------ the COW side
    @cached_property
    def world(self) -> Any | None:
        """The atlas and the store merged (``blocmap.core.world.World``), or None without a store."""
        if self.store is None:
            return None
        from blocmap.core.world.curated import Curated
        from blocmap.core.world.world import World

        return World(self.store, curated=Curated.from_atlas(self.atlas))

    def curated_id(self, org: str, parameter: str = "org") -> str | None:
        """The curated id of ``org``, or None where only the store knows it."""
        try:
            return self.atlas.org(org, parameter).id
        except QueryError:
            if self.world is None:
                raise
            self.world.org(org, parameter)  # unknown to both: suggestions from both lists
            return None

    def org_ids(self, given: Iterable[str] | str | None, parameter: str = "orgs",
                default: Iterable[str] | None = None) -> list[str]:
        """Organizations named in a list or a comma-separated text (ids, acronyms, names, COW
        ids, or a named set such as ``post-soviet``); ``default`` (else every curated one) when
        none is named."""
        items = split_list(given)
        if not items:
            if given is not None and str(given).strip():
                raise QueryError.of("err.no_org", parameter)
            return list(default) if default is not None else list(self.atlas.orgs)
        try:
            return self.atlas.org_ids(items, parameter)  # curated names and named sets
        except QueryError:
            if self.world is None:
                raise
        return list(dict.fromkeys(self.curated_id(item, parameter) or self.world.org(item, parameter)
                                  for item in expand_sets(items)))

    def _world_row(self, m: Any, lang: str, day: dt.date) -> dict[str, Any]:
        """A membership answered from the store on ``day``, with the keys of ``rows.membership_row``:
        a curated row names the state and the organization as on that day, as the atlas's own rows
        do; a row of COW's keeps today's names (the atlas's names of a day are for the days its
        spells cover, not COW's centuries)."""
        world = self.world
        curated = m.data == "curated"
        on = day if curated else None
        name = self.state_namer(lang, on)(m.state) if m.state else m.state_name
        name = m.state_name if name == m.state else name
        org_name = (self.atlas.org_name(m.org, lang, short=True, on=on) if curated
                    else world.cow_orgs.get(m.org, {}).get("name") or m.org)
        key = m.state or world.abbreviation(m.ccode)
        self._cow_names.setdefault(key, name)
        return {
            "org": m.org, "org_name": org_name,
            "org_name_today": self.atlas.org_name(m.org, lang, short=True) if curated else org_name,
            "state": key, "name": name,
            "status": m.status, "since": str(m.since), "since_precision": m.since.precision,
            "until": str(m.until) if m.until else None, "certain": m.certain,
            "event": "cow" if m.data == "cow" else "", "sources": list(dict.fromkeys(m.sources)),
            "ccode": m.ccode, "data": m.data,
            "continues_in": continued_in(self.atlas, m.org, on) if curated else None,
        }

    # ------------------------------------------------------------------ memberships
    def members(self, org: str, on: dt.date | str | None = None, lang: str = "en",
                statuses: Iterable[str] | str | None = None, before_first: str = "refuse") -> list[dict[str, Any]]:
        """Every state related to ``org`` on a day, with status, dates and sources.  A day before
        the organization's first event is refused (``before_first="refuse"``: a question about it is
        said to have no answer) or answered with no one (``"empty"``: a page that lists every
        organization on a day)."""
        org = require(org, "org")
        curated = self.curated_id(org)
        if curated is not None:
            rows = [membership_row(self.atlas, m, lang) for m in self.atlas.members(curated, on=on or "today")]
            if not rows and before_first == "refuse":
                self._refuse_before_first(curated, parse_day(on or "today", "on"))
        else:
            day = parse_day(on or "today", "on")
            rows = [self._world_row(m, lang, day) for m in self.world.members(org, on=day)]
            rows.sort(key=lambda r: (STATUSES.index(r["status"]) if r["status"] in STATUSES else 99, r["state"]))
        return _keep(rows, statuses)

    def _refuse_before_first(self, org: str, day: dt.date) -> None:
        """A day before an organization's first event is said, not answered with an empty list."""
        events = self.atlas.history(org=org)
        first = min((e.date.earliest for e in events), default=None)
        if first is not None and day < first:
            raise QueryError.of("err.org.before_first", "on", org=org, day=day.isoformat(),
                                first=str(min(events, key=lambda e: e.date.earliest).date))

    def memberships(self, state: str, on: dt.date | str | None = None, lang: str = "en",
                    statuses: Iterable[str] | str | None = None, world: bool = False) -> list[dict[str, Any]]:
        """Every organization ``state`` is related to on a day; with ``world``, the imported
        organizations too (up to COW's last year)."""
        state = require(state, "state")
        if world:
            if self.world is None:
                raise QueryError.of("err.world.no_store", "db")
            day = parse_day(on or "today", "on")
            rows = [self._world_row(m, lang, day) for m in self.world.memberships(state, on=day)]
        else:
            rows = [membership_row(self.atlas, m, lang)
                    for m in self.atlas.memberships(state, on=on or "today")]
        return _keep(rows, statuses)

    def history(self, org: str | None = None, state: str | None = None,
                lang: str = "en", kinds: Iterable[str] | str | None = None) -> list[dict[str, Any]]:
        """Dated events of an organization, a state, or both, oldest first; ``kinds`` keeps only
        events of those kinds (``applied,negotiations_opened``)."""
        from blocmap.core.model import EVENT_KINDS

        if not (org and org.strip()) and not (state and state.strip()):
            raise QueryError.of("err.one_of_org_state", "org")
        chosen = set(split_list(kinds))
        for kind in sorted(chosen):
            if kind not in EVENT_KINDS:
                raise unknown("event", kind, EVENT_KINDS, "kind")
        return [event_row(self.atlas, e, lang)
                for e in self.atlas.history(org=org or None, state=state or None)
                if not chosen or e.kind in chosen]

    def subject(self, given: str) -> tuple[str | None, str | None]:
        """(org, state): what one word names, an organization first (``blocmap history X``)."""
        try:
            return self.atlas.org(given, "subject").id, None
        except QueryError:
            pass
        try:
            return None, self.atlas.state(given, "subject").iso3
        except QueryError:
            raise unknown("subject", given, [*self.atlas.orgs, *self.atlas.states], "subject") from None

    def diff(self, first: dt.date | str | None, second: dt.date | str | None,
             orgs: Iterable[str] | str | None = None, lang: str = "en") -> list[dict[str, Any]]:
        """Who joined, left or changed status between two days."""
        ids = self.org_ids(orgs, "orgs") if split_list(orgs) else None
        if parse_day(require(first, "date1"), "date1") > parse_day(require(second, "date2"), "date2"):
            raise QueryError.of("err.diff_order", "date2", first=str(first), second=str(second))
        changes = self.atlas.diff(require(first, "date1"), require(second, "date2"), ids)
        second_day = parse_day(require(second, "date2"), "date2")
        return [{"org": c.org, "state": c.state, "name": self.atlas.state_name(c.state, lang, second_day),
                 "before": c.before, "after": c.after,
                 "events": [{"date": str(e.date), "event": e.kind, "status": e.status,
                             "sources": list(e.sources)} for e in c.events]} for c in changes]

    def sets(self, orgs: Iterable[str] | str | None, on: dt.date | str | None = None,
             statuses: frozenset[str] = INSIDE) -> dict[str, frozenset[str]]:
        """The states inside each organization on a day (curated or imported)."""
        ids = self.org_ids(orgs, default=POST_SOVIET)
        day = parse_day(on or "today", "on")
        out: dict[str, frozenset[str]] = {}
        for org in ids:
            if org in self.atlas.orgs:
                out[org] = self.atlas.sets([org], day, statuses)[org]
            else:
                out[org] = frozenset(r["state"] for r in self.members(org, day, before_first="empty")
                                     if r["status"] in statuses)
        return out

    def overlap(self, orgs: Iterable[str] | str | None = None, on: dt.date | str | None = None,
                lang: str = "en") -> list[dict[str, Any]]:
        """Every non-empty region of the overlap of ``orgs`` (default: the post-Soviet five)."""
        from blocmap.core.timeline import zones

        names = self.state_namer(lang, parse_day(on or "today", "on"))
        return [{"orgs": list(z.orgs), "states": list(z.states), "names": [names(s) for s in z.states]}
                for z in zones(self.sets(orgs, on))]

    def state_namer(self, lang: str, on: dt.date | None = None):
        from blocmap.core.names import country_name

        def name(key: str) -> str:
            """The atlas's name (as on ``on``); outside its states, CLDR's in another language than
            English (English keeps COW's own name, which the panels and the audit show too)."""
            if key in self.atlas.states:
                return self.atlas.state_name(key, lang, on)
            return (lang != "en" and country_name(key, lang)) or self._cow_names.get(key, key)
        return name

    # ------------------------------------------------------------------ records
    def org_ref(self, org_id: str, lang: str) -> dict[str, str]:
        return {"id": org_id, "name": self.org_name(org_id, lang), "acronym": self.org_name(org_id, lang, short=True)}

    def org_name(self, org_id: str, lang: str = "en", short: bool = False, on: dt.date | None = None) -> str:
        """The name of the day ``on`` (today's where None); COW's organizations have one name."""
        if org_id in self.atlas.orgs or self.world is None:
            return self.atlas.org_name(org_id, lang, short, on)
        cow = self.world.cow_orgs.get(org_id, {})
        return (cow.get("cow_id") or org_id).upper() if short else (cow.get("name") or org_id)

    def org_record(self, org: str, lang: str = "en") -> dict[str, Any]:
        """Everything the data says about one organization (``blocmap show``, ``/api/org``)."""
        org = require(org, "org")
        curated = self.curated_id(org)
        if curated is None:
            return self._cow_org_record(self.world.org(org), lang)
        o = self.atlas.orgs[curated]
        treaty = o.founding_treaty
        return {
            **self.org_ref(o.id, lang), "kind": o.kind, "data": "curated",
            "names": dict(o.names), "acronyms": dict(o.acronyms),
            "former_names": [{"until": str(f.until), "names": dict(f.names), "acronyms": dict(f.acronyms),
                              "source": f.source, "quote": f.quote} for f in o.former_names],
            "name_sources": {k: list(v) for k, v in o.name_sources.items()},
            "founded": str(o.founded) if o.founded else None,
            "dissolved": str(o.dissolved) if o.dissolved else None,
            "founding_treaty": None if treaty is None else {
                "name": treaty.text("name", lang), "signed": str(treaty.signed) if treaty.signed else None,
                "place": treaty.text("place", lang), "in_force": str(treaty.in_force) if treaty.in_force else None,
                "source": treaty.source},
            "seat": o.text("seat", lang), **_noted(o.text("note", lang)),
            "predecessors": [self.org_ref(p, lang) for p in o.predecessors if p in self.atlas.orgs],
            "successors": [self.org_ref(s, lang) for s in o.successors if s in self.atlas.orgs],
            "aliases": list(o.aliases), "sources": list(o.sources),
            "events": len(self.atlas.history(org=o.id)),
            "disputes": [d.id for d in self.atlas.disputes_of(org=o.id)],
        }

    def _cow_org_record(self, org_id: str, lang: str) -> dict[str, Any]:
        cow = self.world.cow_orgs[org_id]
        return {**self.org_ref(org_id, lang), "kind": None, "data": "cow", "names": {"en": cow["name"]},
                "acronyms": {"en": (cow["cow_id"] or org_id).upper()}, "former_names": [], "name_sources": {},
                "founded": str(cow["start"]) if cow["start"] else None,
                "dissolved": str(cow["end"] + 1) if cow["end"] and cow["end"] < self.world.coverage[1] else None,
                "founding_treaty": None, "seat": None, "note": None, "note_sources": [], "predecessors": [],
                "successors": [],
                "aliases": [cow["cow_id"]] if cow["cow_id"] != org_id else [], "sources": ["cow-igo"],
                "events": 0, "disputes": []}

    def orgs(self, on: dt.date | str | None = None, lang: str = "en") -> list[dict[str, Any]]:
        """Every curated organization with its kind, dates and members (members and
        associates) on a day."""
        day = parse_day(on or "today", "on")
        rows = []
        for o in self.atlas.orgs.values():
            found = self.atlas.members(o.id, on=day)
            rows.append({"org": o.id, "continues_in": continued_in(self.atlas, o.id, day),
                         "acronym": self.org_name(o.id, lang, short=True, on=day),
                         "name": self.org_name(o.id, lang, on=day), "name_today": self.org_name(o.id, lang),
                         "kind": o.kind,
                         "founded": str(o.founded) if o.founded else None,
                         "dissolved": str(o.dissolved) if o.dissolved else None,
                         "members": sum(m.status in INSIDE for m in found)})
        return rows

    def state_record(self, state: str, lang: str = "en") -> dict[str, Any]:
        """One state: names, COW codes, existence, memberships today, spells and events."""
        s = self.atlas.state(require(state, "state"))
        today = dt.date.today()
        return {
            "iso3": s.iso3, "iso2": s.iso2, "name": self.atlas.state_name(s.iso3, lang),
            "names": {lg: self.atlas.state_name(s.iso3, lg) for lg in LANGS},
            "cow": [{"code": c.code, "abb": c.abb, "start": str(c.start) if c.start else None,
                     "end": str(c.end) if c.end else None} for c in s.cow],
            "exists": [{"start": str(p.start) if p.start else None, "end": str(p.end) if p.end else None}
                       for p in s.exists],
            "note": s.text("note", lang), "today": today.isoformat(),
            "memberships_today": self.memberships(s.iso3, today, lang) if s.exists_on(today) else [],
            "spells": self.spells(state=s.iso3, lang=lang),
            "events": self.history(state=s.iso3, lang=lang),
            "disputes": self.disputes(state=s.iso3, lang=lang),
        }

    def states(self, lang: str = "en") -> list[dict[str, Any]]:
        spells = Counter(s.state for s in self.atlas.spells)
        today = dt.date.today()
        rows = [{"iso3": s.iso3, "name": self.atlas.state_name(s.iso3, lang), "spells": spells.get(s.iso3, 0),
                 "exists_today": s.exists_on(today)} for s in self.atlas.states.values()]
        return sorted(rows, key=lambda r: r["name"])

    def spells(self, org: str | None = None, state: str | None = None,
               lang: str = "en") -> list[dict[str, Any]]:
        """Stretches of time with one status (``end`` is the first day no longer in it)."""
        return [spell_row(self.atlas, s, lang) for s in self.atlas.spells_of(org=org, state=state)]

    # ------------------------------------------------------------------ disputes and sources
    def dispute_row(self, d: Dispute, lang: str) -> dict[str, Any]:
        return {"id": d.id, "org": d.org, "state": d.state,
                "org_name": self.org_name(d.org, lang, short=True) if d.org else None,
                "name": self.atlas.state_name(d.state, lang) if d.state else None,
                "topic": d.text("topic", lang),
                "preferred": next((c.text("value", lang) for c in d.claims if c.value == d.preferred), d.preferred),
                "note": d.text("note", lang),
                "claims": [{"value": c.text("value", lang), "sources": list(c.sources), "note": c.text("note", lang),
                            "preferred": c.value == d.preferred} for c in d.claims]}

    def disputes(self, org: str | None = None, state: str | None = None,
                 lang: str = "en") -> list[dict[str, Any]]:
        """Where sources disagree: every claim with its sources."""
        return [self.dispute_row(d, lang) for d in self.atlas.disputes_of(org or None, state or None)]

    def sources(self, lang: str = "en") -> list[dict[str, Any]]:
        """The bibliography, with how many events cite each source."""
        counts: Counter[str] = Counter(k for e in self.atlas.events for k in e.sources)
        return [{**source_row(s, lang), "events": counts.get(s.key, 0)} for s in self.atlas.sources.values()]

    def source(self, key: str, lang: str = "en") -> dict[str, Any]:
        """One source and what cites it (events and dispute claims)."""
        if key not in self.atlas.sources:
            raise unknown("source", key, self.atlas.sources, "key")
        cited = [event_row(self.atlas, e, lang) for e in self.atlas.events if key in e.sources]
        disputes = [self.dispute_row(d, lang) for d in self.atlas.disputes
                    if any(key in c.sources for c in d.claims)]
        return {**source_row(self.atlas.sources[key], lang), "cited_by": cited, "disputes": disputes}

    def cited(self, keys: Iterable[str], lang: str = "en") -> list[dict[str, Any]]:
        """The sources behind a set of keys, in bibliography order (unknown keys kept by name)."""
        wanted = set(keys)
        known = [source_row(s, lang) for k, s in self.atlas.sources.items() if k in wanted]
        missing = [{"key": k, "title": k, "url": None} for k in sorted(wanted - set(self.atlas.sources))]
        return known + missing

    # ------------------------------------------------------------------ the day summary
    def day(self, on: dt.date | str | None = None, lang: str = "en",
            orgs: Iterable[str] | None = None) -> dict[str, Any]:
        """The system on a day: each organization's members grouped by status, the overlap of
        the post-Soviet five, and what happened that day (``blocmap overview``, the home page)."""
        day = parse_day(on or "today", "on")
        wanted = list(orgs) if orgs is not None else list(self.atlas.orgs)
        out = []
        for org_id in wanted:
            org = self.atlas.orgs[org_id]
            rows = self.members(org_id, day, lang, before_first="empty")
            if not rows and not org.exists_on(day):
                continue
            groups: dict[str, list[dict[str, Any]]] = {}
            for r in rows:
                groups.setdefault(r["status"], []).append(r)
            out.append({**self.org_ref(org_id, lang), "kind": org.kind, "exists": org.exists_on(day),
                        "members": rows, "by_status": groups,
                        "counts": {s: len(v) for s, v in groups.items()}})
        happened = [event_row(self.atlas, e, lang) for e in self.atlas.key_dates if e.date.earliest == day]
        return {"on": day.isoformat(), "orgs": out, "events": happened,
                "overlap": {"orgs": [self.org_ref(o, lang) for o in POST_SOVIET],
                            "zones": self.overlap(POST_SOVIET, day, lang)}}

    # ------------------------------------------------------------------ figures
    def figure_source(self, orgs: Iterable[str] | str | None = None) -> Any:
        """What the figures read (``org``, ``members``, ``spells_of``, ``state_name``,
        ``org_name``): the atlas itself, or, where ``orgs`` names an imported organization,
        a view that answers for it from the store through ``members``."""
        names = [item.partition("@")[0] for item in split_list(orgs)]
        if self.world is None or all(self._curated_or_none(n) for n in names):
            return self.atlas
        return _FigureView(self)

    def _curated_or_none(self, name: str) -> bool:
        try:
            self.atlas.org(name)
            return True
        except QueryError:
            return False

    # ------------------------------------------------------------------ panels
    def _panel_world(self) -> Any:
        if self.world is not None:
            return self.world
        from blocmap.core.world.curated import Curated
        from blocmap.core.world.world import World

        return World.without_store(Curated.from_atlas(self.atlas))

    def state_years(self, orgs: Iterable[str] | str | None = None, start: int | str | None = None,
                    end: int | str | None = None, coding: str = "cow", rule: str = "year-end",
                    source: str = "answer") -> "pd.DataFrame":
        """One row per state-year, one column per organization (COW codes or statuses)."""
        start, end = _years(start, end)
        return self._panel_world().state_years(_orgs(orgs), start, end, coding, rule, source)

    def dyad_years(self, orgs: Iterable[str] | str | None = None, start: int | str | None = None,
                   end: int | str | None = None, rule: str = "year-end",
                   source: str = "answer") -> "pd.DataFrame":
        """Non-directed dyad-years with joint-membership counts."""
        start, end = _years(start, end)
        return self._panel_world().dyad_years(_orgs(orgs), start, end, rule, source=source)

    def org_years(self, orgs: Iterable[str] | str | None = None, start: int | str | None = None,
                  end: int | str | None = None, rule: str = "year-end",
                  source: str = "answer") -> "pd.DataFrame":
        """One row per organization-year: members by status, and which data answered."""
        start, end = _years(start, end)
        return self._panel_world().org_years(_orgs(orgs), start, end, rule, source)


class _FigureView:
    """The atlas's figure calls, answered for imported organizations too (states keyed as in
    ``Answers.members``: ISO alpha-3, else COW's abbreviation)."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.atlas = answers.atlas

    def org(self, name: str, parameter: str = "org") -> Any:
        from types import SimpleNamespace

        curated = self.answers.curated_id(name, parameter)
        return self.atlas.orgs[curated] if curated else SimpleNamespace(id=self.answers.world.org(name, parameter))

    def members(self, org: str, on: Any) -> list[Any]:
        if org in self.atlas.orgs:
            return self.atlas.members(org, on=on)
        from types import SimpleNamespace

        return [SimpleNamespace(state=r["state"], status=r["status"], sources=tuple(r["sources"]))
                for r in self.answers.members(org, on, before_first="empty")]

    def spells_of(self, org: str | None = None, state: str | None = None) -> list[Any]:
        """Curated spells (former members are drawn outside); none for COW's year spells."""
        return self.atlas.spells_of(org=org, state=state) if org in self.atlas.orgs else []

    def state_name(self, state: str, lang: str = "en", on: dt.date | None = None) -> str:
        return self.answers.state_namer(lang, on)(state)

    def org_name(self, org: str, lang: str = "en", short: bool = False, on: dt.date | None = None) -> str:
        return self.answers.org_name(org, lang, short, on)


def _orgs(given: Iterable[str] | str | None) -> list[str] | None:
    items = split_list(given)
    return items or None


def _years(start: int | str | None, end: int | str | None) -> tuple[int | None, int | None]:
    from blocmap.core.dates import parse_year

    return (parse_year(str(start), "start") if start is not None else None,
            parse_year(str(end), "end") if end is not None else None)


def _keep(rows: list[dict[str, Any]], statuses: Iterable[str] | str | None) -> list[dict[str, Any]]:
    """Only the rows with one of ``statuses`` (comma-separated or a list); all when None."""
    chosen = {_status_id(s) for s in split_list(statuses)}
    if not chosen:
        return rows
    return [r for r in rows if r["status"] in chosen]


def _status_id(given: str) -> str:
    """A status id from its id or its name in any language (``observer``, ``Observer`` or its name in Chinese or Russian)."""
    from blocmap.core.i18n import TABLE

    if given in STATUSES:
        return given
    folded = given.strip().casefold()
    for status in STATUSES:
        if folded in {name.casefold() for name in TABLE.get(f"status.{status}", ())}:
            return status
    raise unknown("status", given, STATUSES, "status")


__all__ = ["Answers", "OVERVIEW_ORGS", "require", "split_list"]


def _noted(text: str | None) -> dict[str, Any]:
    """A note whose ``[@key]`` citations are numbered, and the keys by number (``note_sources``)."""
    from blocmap.core.citemarks import numbered

    note, keys = numbered(text)
    return {"note": note or None, "note_sources": keys}
