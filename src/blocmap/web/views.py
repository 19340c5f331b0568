"""The data of every page and API answer, as plain JSON-ready dicts.

Each function is the one call a page or an endpoint makes: it asks the atlas (and, where
installed, the figures and paper features through ``hooks``) and returns what the HTML
template renders and what the JSON twin of the page returns, so the two never disagree.
No web framework is imported here; these functions are testable on their own.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..dates import parse_day, parse_year
from ..errors import QueryError, unknown
from ..model import INSIDE, LANGS, POST_SOVIET
from ..rows import event_row, membership_row, source_row, spell_row
from . import hooks

if TYPE_CHECKING:
    from ..atlas import Atlas
    from ..model import Organization

#: The organizations of the seed paper's Figure 1; the map counts memberships in these.
#: The slider starts here: the year the Soviet Union ended.
FIRST_DAY = dt.date(1991, 1, 1)
#: Today's map has no polygon for a state that no longer exists; its status is drawn on the
#: present-day territories that were not yet states themselves on that day (the Soviet Union
#: in Comecon in June 1991).  East Germany is left out: its land is only part of Germany.
HISTORICAL_TERRITORIES = {
    "SUN": ("ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK", "TKM",
            "UKR", "UZB"),
    "CSK": ("CZE", "SVK"),
    "YUG": ("BIH", "HRV", "MKD", "MNE", "SRB", "SVN", "XKX"),
}


# ---------------------------------------------------------------------------- parameters
def parse_lang(text: str | None, parameter: str = "lang") -> str:
    """``en``, ``zh-Hant`` or ``ru`` in any case (``zh-hant``, ``zh_Hant``); default English."""
    if text is None:
        return "en"
    wanted = text.strip().replace("_", "-").casefold()
    for lang in LANGS:
        if lang.casefold() == wanted:
            return lang
    raise QueryError(f"{parameter}: unknown language '{text}' (use one of: {', '.join(LANGS)})",
                     parameter=parameter)


def require(value: str | None, parameter: str) -> str:
    if value is None or not value.strip():
        raise QueryError(f"{parameter}: missing parameter", parameter=parameter)
    return value


def parse_orgs(atlas: Atlas, text: str | None, parameter: str = "orgs",
               default: Iterable[str] = POST_SOVIET) -> list[str]:
    """Comma-separated organizations (any id, acronym or name); the default set when absent."""
    if text is None or not text.strip():
        return list(default)
    return atlas.org_ids(text, parameter)


# ---------------------------------------------------------------------------- pieces
def org_ref(atlas: Atlas, org_id: str, lang: str) -> dict[str, str]:
    return {"id": org_id, "name": atlas.org_name(org_id, lang),
            "acronym": atlas.org_name(org_id, lang, short=True)}


def _org_facts(atlas: Atlas, org: Organization, lang: str) -> dict[str, Any]:
    treaty = org.founding_treaty
    return {
        **org_ref(atlas, org.id, lang), "kind": org.kind,
        "names": dict(org.names), "acronyms": dict(org.acronyms),
        "founded": str(org.founded) if org.founded else None,
        "dissolved": str(org.dissolved) if org.dissolved else None,
        "founding_treaty": None if treaty is None else {
            "name": treaty.name, "signed": str(treaty.signed) if treaty.signed else None,
            "place": treaty.place, "in_force": str(treaty.in_force) if treaty.in_force else None,
            "source": treaty.source},
        "seat": org.seat, "note": org.note,
        "predecessors": [org_ref(atlas, o, lang) for o in org.predecessors if o in atlas.orgs],
        "successors": [org_ref(atlas, o, lang) for o in org.successors if o in atlas.orgs],
    }


def dispute_row(atlas: Atlas, d: Any, lang: str) -> dict[str, Any]:
    return {"id": d.id, "org": d.org, "state": d.state,
            "org_name": atlas.org_name(d.org, lang, short=True) if d.org else None,
            "name": atlas.state_name(d.state, lang) if d.state else None,
            "topic": d.topic, "preferred": d.preferred, "note": d.note,
            "claims": [{"value": c.value, "sources": list(c.sources), "note": c.note,
                        "preferred": c.value == d.preferred} for c in d.claims]}


def _cited(atlas: Atlas, keys: Iterable[str]) -> list[dict[str, Any]]:
    """The sources behind a set of keys, in bibliography order (unknown keys kept by name)."""
    wanted = set(keys)
    known = [source_row(s) for k, s in atlas.sources.items() if k in wanted]
    missing = [{"key": k, "title": k, "url": None} for k in sorted(wanted - set(atlas.sources))]
    return known + missing


def key_events(atlas: Atlas, lang: str, orgs: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Days on which someone's status changed (the marks on the slider), one entry per day."""
    wanted = set(orgs) if orgs is not None else None
    days: dict[str, list[str]] = {}
    major: set[str] = set()
    for e in atlas.key_dates:
        if wanted is not None and e.org not in wanted:
            continue
        day = e.date.earliest
        if day < FIRST_DAY:
            continue
        key = day.isoformat()
        who = atlas.state_name(e.state, lang) if e.state else atlas.org_name(e.org, lang, short=True)
        what = hooks.t(f"event.{e.kind}", lang)
        days.setdefault(key, []).append(f"{atlas.org_name(e.org, lang, short=True)}: {who} {what}"
                                        if e.state else f"{who} {what}")
        if e.state is None:
            major.add(key)
    return [{"date": k, "label": "; ".join(dict.fromkeys(v)), "major": k in major}
            for k, v in sorted(days.items())]


# ---------------------------------------------------------------------------- pages
def day_view(atlas: Atlas, on: str | dt.date | None, lang: str,
             focus: str | None = None) -> dict[str, Any]:
    """Home page: every organization on a day, the overlap of the post-Soviet five, the map."""
    day = parse_day(on or "today", "on")
    focus_id = atlas.org(focus, "focus").id if focus else None
    orgs, inside_count, statuses = [], Counter(), {}
    for org in atlas.orgs.values():
        members = atlas.members(org.id, on=day)
        if not members and not org.exists_on(day):
            continue
        rows = [membership_row(atlas, m, lang) for m in members]
        orgs.append({**org_ref(atlas, org.id, lang), "kind": org.kind, "exists": org.exists_on(day),
                     "members": rows, "counts": dict(Counter(r["status"] for r in rows))})
        for m in members:
            if org.id in POST_SOVIET and m.status in INSIDE:
                inside_count[m.state] += 1
            if org.id == focus_id:
                statuses[m.state] = m.status
    zones = atlas.overlap(POST_SOVIET, on=day)
    # What happened on this very day (the marks on the slider), so a jump explains itself.
    happened = [event_row(atlas, e, lang) for e in atlas.key_dates if e.date.earliest == day]
    map_data = {iso3: {"count": inside_count.get(iso3, 0), "status": statuses.get(iso3)}
                for iso3 in sorted(set(inside_count) | set(statuses))}
    for former, territories in HISTORICAL_TERRITORIES.items():
        if former in map_data:
            for iso3 in territories:
                state = atlas.states.get(iso3)
                if iso3 not in map_data and not (state is not None and state.exists_on(day)):
                    map_data[iso3] = {**map_data[former], "via": former}
    return {
        "on": day.isoformat(), "lang": lang, "focus": focus_id,
        "orgs": orgs, "events": happened,
        "overlap": {"orgs": [org_ref(atlas, o, lang) for o in POST_SOVIET],
                    "zones": [{"orgs": list(z.orgs), "states": list(z.states),
                               "names": [atlas.state_name(s, lang) for s in z.states]} for z in zones]},
        "map": map_data,
        "euler": True,
    }


def timeline_rows(atlas: Atlas, spells: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    """Spells grouped into rows (one per state, or per organization) for a timeline chart."""
    rows: dict[str, dict[str, Any]] = {}
    for s in spells:
        key = s[by]
        label = s["name"] if by == "state" else s["org_name"]
        href = f"/state/{key}" if by == "state" else f"/org/{key}"
        rows.setdefault(key, {"key": key, "label": label, "href": href, "spells": []})["spells"].append(s)
    return sorted(rows.values(), key=lambda r: min(s["start"] for s in r["spells"]))


def org_view(atlas: Atlas, org: str, lang: str) -> dict[str, Any]:
    """Organization page: names, treaty, organs, members over time, asymmetry, sources, disputes."""
    o = atlas.org(org)
    spells = [spell_row(atlas, s, lang) for s in atlas.spells_of(org=o.id)]
    events = [event_row(atlas, e, lang) for e in atlas.history(org=o.id)]
    disputes = [dispute_row(atlas, d, lang) for d in atlas.disputes_of(org=o.id)]
    keys = set(o.sources) | {k for e in events for k in e["sources"]}
    keys |= {k for d in disputes for c in d["claims"] for k in c["sources"]}
    if o.founding_treaty and o.founding_treaty.source:
        keys.add(o.founding_treaty.source)
    today = dt.date.today()
    return {
        **_org_facts(atlas, o, lang), "lang": lang,
        "members_today": [membership_row(atlas, m, lang) for m in atlas.members(o.id, on=today)],
        "today": today.isoformat(),
        "spells": spells, "timeline": timeline_rows(atlas, spells, "state"),
        "events": events, "disputes": disputes, "sources": _cited(atlas, keys),
        "organs": hooks.organs(atlas, o.id, lang),
        "asymmetry": hooks.asymmetry_series(atlas, o.id, lang),
    }


def state_view(atlas: Atlas, state: str, lang: str) -> dict[str, Any]:
    """State page: every organization it belonged to over time, with dates and sources."""
    s = atlas.state(state)
    spells = [spell_row(atlas, sp, lang) for sp in atlas.spells_of(state=s.iso3)]
    events = [event_row(atlas, e, lang) for e in atlas.history(state=s.iso3)]
    disputes = [dispute_row(atlas, d, lang) for d in atlas.disputes_of(state=s.iso3)]
    keys = {k for e in events for k in e["sources"]} | {k for d in disputes for c in d["claims"] for k in c["sources"]}
    today = dt.date.today()
    return {
        "iso3": s.iso3, "iso2": s.iso2, "name": atlas.state_name(s.iso3, lang), "lang": lang,
        "names": {lg: atlas.state_name(s.iso3, lg) for lg in LANGS},
        "cow": [{"code": c.code, "abb": c.abb, "start": str(c.start) if c.start else None,
                 "end": str(c.end) if c.end else None} for c in s.cow],
        "exists": [{"start": str(p.start) if p.start else None, "end": str(p.end) if p.end else None}
                   for p in s.exists],
        "note": s.note, "today": today.isoformat(),
        "memberships_today": [membership_row(atlas, m, lang) for m in atlas.memberships(s.iso3, on=today)]
        if s.exists_on(today) else [],
        "spells": spells, "timeline": timeline_rows(atlas, spells, "org"),
        "events": events, "disputes": disputes, "sources": _cited(atlas, keys),
        "org_names": _org_names(atlas, lang),
    }


def _org_names(atlas: Atlas, lang: str) -> dict[str, str]:
    return {o: atlas.org_name(o, lang, short=True) for o in atlas.orgs}


def compare_view(atlas: Atlas, orgs: str | None, on: str | None, lang: str) -> dict[str, Any]:
    """Compare page: organizations side by side — members on a day, facts, depth of integration."""
    ids = parse_orgs(atlas, orgs)
    if len(ids) < 2:
        raise QueryError("orgs: give at least two organizations, comma-separated (e.g. cis,eaeu)",
                         parameter="orgs")
    day = parse_day(on or "today", "on")
    table: dict[str, dict[str, str]] = {}
    columns = []
    for org_id in ids:
        members = atlas.members(org_id, on=day)
        for m in members:
            table.setdefault(m.state, {})[org_id] = m.status
        o = atlas.orgs[org_id]
        columns.append({**_org_facts(atlas, o, lang), "exists": o.exists_on(day),
                        "counts": dict(Counter(m.status for m in members)),
                        "inside": sum(1 for m in members if m.status in INSIDE)})
    states = sorted(table, key=lambda s: (-sum(table[s].get(o) in INSIDE for o in ids), atlas.state_name(s, lang)))
    return {
        "on": day.isoformat(), "lang": lang, "orgs": columns,
        "states": [{"state": s, "name": atlas.state_name(s, lang),
                    "statuses": {o: table[s].get(o) for o in ids}} for s in states],
        "zones": [{"orgs": list(z.orgs), "states": list(z.states),
                   "names": [atlas.state_name(s, lang) for s in z.states]} for z in atlas.overlap(ids, on=day)],
        "depth": hooks.depth(atlas, ids, lang),
    }


def orgs_view(atlas: Atlas, lang: str) -> dict[str, Any]:
    today = dt.date.today()
    return {"lang": lang, "orgs": [{**org_ref(atlas, o.id, lang), "kind": o.kind,
                                    "founded": str(o.founded) if o.founded else None,
                                    "dissolved": str(o.dissolved) if o.dissolved else None,
                                    "members_today": sum(1 for m in atlas.members(o.id, on=today)
                                                         if m.status in INSIDE)}
                                   for o in atlas.orgs.values()]}


def states_view(atlas: Atlas, lang: str) -> dict[str, Any]:
    spells = Counter(s.state for s in atlas.spells)
    rows = [{"iso3": s.iso3, "name": atlas.state_name(s.iso3, lang), "spells": spells.get(s.iso3, 0),
             "exists_today": s.exists_on(dt.date.today())} for s in atlas.states.values()]
    return {"lang": lang, "states": sorted(rows, key=lambda r: r["name"])}


def sources_view(atlas: Atlas) -> dict[str, Any]:
    counts: Counter[str] = Counter(k for e in atlas.events for k in e.sources)
    return {"sources": [{**source_row(s), "events": counts.get(s.key, 0)} for s in atlas.sources.values()]}


def source_view(atlas: Atlas, key: str, lang: str) -> dict[str, Any]:
    if key not in atlas.sources:  # named after the path parameter, so the answer is a 404
        raise unknown("source", key, atlas.sources, "key")
    source = atlas.sources[key]
    cited = [event_row(atlas, e, lang) for e in atlas.events if key in e.sources]
    disputes = [dispute_row(atlas, d, lang) for d in atlas.disputes
                if any(key in c.sources for c in d.claims)]
    return {**source_row(source), "lang": lang, "cited_by": cited, "disputes": disputes,
            "org_names": _org_names(atlas, lang)}


def disputes_view(atlas: Atlas, lang: str, org: str | None = None,
                  state: str | None = None) -> dict[str, Any]:
    items = atlas.disputes_of(org or None, state or None)
    rows = [dispute_row(atlas, d, lang) for d in items]
    keys = {k for d in rows for c in d["claims"] for k in c["sources"]}
    return {"lang": lang, "disputes": rows, "sources": _cited(atlas, keys)}


# ---------------------------------------------------------------------------- API answers
def members_rows(atlas: Atlas, org: str | None, on: str | None, lang: str) -> list[dict[str, Any]]:
    """Same objects as ``blocmap members ORG --on DATE --format json``."""
    return [membership_row(atlas, m, lang) for m in atlas.members(require(org, "org"), on=on or "today")]


def memberships_rows(atlas: Atlas, state: str | None, on: str | None, lang: str) -> list[dict[str, Any]]:
    """Same objects as ``blocmap memberships STATE --on DATE --format json``."""
    return [membership_row(atlas, m, lang) for m in atlas.memberships(require(state, "state"), on=on or "today")]


def history_rows(atlas: Atlas, org: str | None, state: str | None, lang: str) -> list[dict[str, Any]]:
    """Same objects as ``blocmap history SUBJECT --format json``; org, state or both."""
    if not (org and org.strip()) and not (state and state.strip()):
        raise QueryError("org or state: give at least one of them", parameter="org")
    return [event_row(atlas, e, lang) for e in atlas.history(org=org or None, state=state or None)]


def overlap_rows(atlas: Atlas, orgs: str | None, on: str | None, lang: str) -> list[dict[str, Any]]:
    """Same objects as ``blocmap overlap --orgs … --format json`` (default: the post-Soviet five)."""
    ids = parse_orgs(atlas, None if orgs in (None, "", "post-soviet") else orgs)
    return [{"orgs": list(z.orgs), "states": list(z.states),
             "names": [atlas.state_name(s, lang) for s in z.states]}
            for z in atlas.overlap(ids, on=on or "today")]


def diff_rows(atlas: Atlas, first: str | None, second: str | None, orgs: str | None,
              lang: str) -> list[dict[str, Any]]:
    """Same objects as ``blocmap diff DATE1 DATE2 --format json``."""
    changes = atlas.diff(require(first, "from"), require(second, "to"),
                         None if not orgs else atlas.org_ids(orgs))
    return [{"org": c.org, "state": c.state, "name": atlas.state_name(c.state, lang),
             "before": c.before, "after": c.after,
             "events": [{"date": str(e.date), "event": e.kind, "status": e.status, "sources": list(e.sources)}
                        for e in c.events]} for c in changes]


def asymmetry_answer(atlas: Atlas, org: str | None, year: str | None, on: str | None = None,
                     first: str | None = None, last: str | None = None, indicator: str | None = None,
                     lang: str = "en") -> Any:
    """Same object as ``blocmap asymmetry ORG --year YEAR [--on DAY] --format json``, or with
    ``from`` and ``to`` the list of ``--from … --to …`` (economics feature)."""
    org_id = atlas.org(require(org, "org")).id
    wanted = indicator or "gdp"
    if wanted not in ("gdp", "population"):
        raise QueryError(f"indicator: unknown indicator '{indicator}' (use gdp or population)", parameter="indicator")
    if year is not None and (first or last):
        raise QueryError("year: give year, or from and to, not both", parameter="year")
    if year is None and (first or last):
        start, end = parse_year(require(first, "from"), "from"), parse_year(require(last, "to"), "to")
        if end - start > 200:
            raise QueryError("to: at most 200 years at once", parameter="to")
        return hooks.asymmetry_years(atlas, org_id, start, end, wanted, lang)
    return hooks.asymmetry(atlas, org_id, parse_year(require(year, "year")), on or None, wanted, lang)
