"""The data of every page, as plain JSON-ready dicts: the answers a page shows, put together.

``Views`` is made from the ``Answers`` the app was created with; each method is the one call a
page makes and returns what the HTML template renders and what the page's JSON twin
(``/api/...``) returns, so the two never disagree.  The records themselves come from
``blocmap.answers`` (the CLI's too) and the feature libraries (through ``hooks``); nothing here
builds a membership, an event or an organization record of its own.  No web framework is
imported here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from blocmap.answers import require
from blocmap.answers.rows import continued_in
from blocmap.features.econ import vintage_for_reader
from blocmap.core.dates import parse_day, parse_partial, parse_year
from blocmap.core.errors import QueryError
from blocmap.core.messages import Either
from blocmap.core.i18n import t
from blocmap.core.model import INSIDE, POST_SOVIET, STATUSES
from blocmap.web import hooks
from blocmap.web.geo import GERMANY_UNITED, HISTORICAL_TERRITORIES, drawn_on, stages_of
from blocmap.web.palette import colours_of

if TYPE_CHECKING:
    from blocmap.answers import Answers

#: The map's colouring that counts memberships in the five organizations of the seed paper's
#: Figure 1 (``core.model.ORG_SETS``); the default counts every organization of the atlas.
POST_SOVIET_FOCUS = "post-soviet"
#: Map classes c1 … c6 of the default colouring: the fewest organizations each stands for
#: (c6: seven or more), so that each step of the legend is a colour of its own.
COUNT_STEPS = (1, 2, 3, 4, 5, 7)


def count_class(count: int, focus: str | None) -> int:
    """The class (1–6) of a state in ``count`` organizations: one step each for the five, the
    steps of ``COUNT_STEPS`` for every organization of the atlas."""
    if count <= 0:
        return 0
    if focus == POST_SOVIET_FOCUS:
        return min(count, 5)
    return max(n for n, least in enumerate(COUNT_STEPS, start=1) if count >= least)


def first_day(atlas: Any) -> dt.date:
    """The first day the atlas covers: its earliest event (Comecon and NATO, 1949)."""
    return min(e.date.earliest for e in atlas.key_dates)
def past_day(on: str | dt.date | None, parameter: str = "on") -> dt.date:
    """``parse_day``, refusing a day after today (the atlas records only what has happened)."""
    day = parse_day(on or "today", parameter)
    today = dt.date.today()
    if day > today:
        raise QueryError.of("err.future", parameter, day=day.isoformat(), today=today.isoformat())
    return day


class Views:
    """The pages of one web atlas, over the answers it serves."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.atlas = answers.atlas
        self._quality: dict[str, dict[str, Any]] | None = None
        self.first_day = first_day(self.atlas)

    def key_events(self, lang: str, orgs: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Days on which someone's status changed (the marks on the slider), one entry per day."""
        atlas = self.atlas
        wanted = set(orgs) if orgs is not None else None
        days: dict[str, list[str]] = {}
        major: set[str] = set()
        for e in atlas.key_dates:
            if wanted is not None and e.org not in wanted:
                continue
            day = e.date.earliest
            key = day.isoformat()
            who = atlas.state_name(e.state, lang) if e.state else atlas.org_name(e.org, lang, short=True)
            what = t(f"event.{e.kind}", lang)
            days.setdefault(key, []).append(f"{atlas.org_name(e.org, lang, short=True)}: {who} {what}"
                                            if e.state else f"{who} {what}")
            if e.state is None:
                major.add(key)
        return [{"date": k, "label": "; ".join(dict.fromkeys(v)), "major": k in major}
                for k, v in sorted(days.items())]

    def day(self, on: str | dt.date | None, lang: str, focus: str | None = None) -> dict[str, Any]:
        """Home page: the day summary (``Answers.day``) and the map's colours: by default each
        state's count of the organizations it is inside that day (one that continues in another,
        ``continues_in``, is not one more); ``focus="post-soviet"`` counts the five of
        ``POST_SOVIET`` only; an organization's id colours by status in it."""
        day = past_day(on, "on")
        if focus == POST_SOVIET_FOCUS:
            focus_id: str | None = POST_SOVIET_FOCUS
        else:
            focus_id = self.atlas.org(focus, "focus").id if focus else None
        counted = set(POST_SOVIET) if focus_id == POST_SOVIET_FOCUS else {
            o for o in self.atlas.orgs if continued_in(self.atlas, o, day) is None}
        by_status = focus_id not in (None, POST_SOVIET_FOCUS)
        summary = self.answers.day(day, lang)
        # Each organization as it was named that day (today's name beside where it differs).
        summary["orgs"] = [{**o, **self.named(o["id"], lang, day), "continues": self.continues(o["id"], lang, day)}
                           for o in summary["orgs"]]
        summary["events"] = self.name_orgs(summary["events"], lang)
        summary["overlap"] = {**summary["overlap"], "orgs": [{**o, **self.named(o["id"], lang, day)}
                                                             for o in summary["overlap"]["orgs"]]}
        inside_count: Counter[str] = Counter()
        statuses: dict[str, str] = {}
        uncertain: set[str] = set()  # what the map colours is known only to the month or year
        for org in summary["orgs"]:
            for m in org["members"]:
                if org["id"] in counted and m["status"] in INSIDE:
                    inside_count[m["state"]] += 1
                    if not by_status and not m["certain"]:
                        uncertain.add(m["state"])
                if org["id"] == focus_id:
                    statuses[m["state"]] = m["status"]
                    if not m["certain"]:
                        uncertain.add(m["state"])
        map_data = {iso3: {"count": inside_count.get(iso3, 0), "step": count_class(inside_count.get(iso3, 0), focus_id),
                           "status": statuses.get(iso3),
                           "uncertain": iso3 in uncertain}
                    for iso3 in sorted(set(inside_count) | set(statuses))}
        # A state that no longer exists is drawn as the union of its present-day territories
        # (``geo.Stage``); those without a status of their own that day take its status.
        drawn = drawn_on(day)
        for former, (_, territories) in drawn.items():
            for iso3 in territories:
                if former in map_data and iso3 not in map_data:
                    map_data[iso3] = {**map_data[former], "via": former}
        # No diagram where none of the five has anyone inside (before the CIS, December 1991).
        euler = any(z["orgs"] for z in summary["overlap"]["zones"])
        return {**summary, "lang": lang, "focus": focus_id, "map": map_data, "euler": euler,
                "drawn_whole": [{"state": f, "name": self.atlas.state_name(f, lang), "until": last.isoformat(),
                                 "territories": list(territories)} for f, (last, territories) in drawn.items()],
                "germany_today": day < GERMANY_UNITED}

    def live(self, lang: str, labels: dict[str, str]) -> dict[str, Any]:
        """What the home page's script needs besides the spells (``/api/spells``) to redraw
        the map and the lists for any day in the browser: the organizations (names, dates,
        colours), the stages of the former states' borders (``geo.stages_of``), and the labels."""
        orgs = [{**self.answers.org_ref(o.id, lang),
                 "former": [{"until": str(f.until.latest), "name": f.names.get(lang) or f.names["en"],
                             "acronym": f.acronyms.get(lang) or f.acronyms.get("en") or f.names["en"]}
                            for f in o.former_names],
                 "continues_in": {"org": o.continues_in.org, "since": o.continues_in.date.earliest.isoformat()}
                 if o.continues_in else None,
                 "founded": str(o.founded) if o.founded else None,
                 "dissolved": str(o.dissolved) if o.dissolved else None} for o in self.atlas.orgs.values()]
        stages = [{"state": former, "name": self.atlas.state_name(former, lang),
                   "first": first.isoformat() if first else None, "last": last.isoformat(), "territories": list(inside)}
                  for former in HISTORICAL_TERRITORIES for first, last, inside in stages_of(former)]
        # states' names by day: today's, and the former ones with their last day (West Germany)
        state_names = {iso3: {"today": self.atlas.state_name(iso3, lang),
                              "former": [{"until": str(f.until.latest), "name": f.names.get(lang) or f.names["en"]}
                                         for f in st.former_names]}
                       for iso3, st in self.atlas.states.items() if st.former_names}
        return {"orgs": orgs, "colours": colours_of(self.atlas.orgs), "post_soviet": list(POST_SOVIET),
                "inside": sorted(INSIDE), "statuses": list(STATUSES), "stages": stages, "state_names": state_names,
                "germany_united": GERMANY_UNITED.isoformat(), "count_steps": list(COUNT_STEPS),
                "labels": labels}

    def spells(self, orgs: str | None, lang: str) -> list[dict[str, Any]]:
        """Every spell of the organizations (default: every curated one), as ``Answers.spells``
        returns them: the home page draws any day from these."""
        return [row for org in self.answers.org_ids(orgs, "orgs") for row in self.answers.spells(org=org, lang=lang)]

    def org(self, org: str, lang: str, on: str | dt.date | None = None) -> dict[str, Any]:
        """Organization page on a day (default today): the record, its names of that day (and
        today's), its former names, members that day, spells, events with their evidence, organs,
        asymmetry and the quality of its evidence."""
        day = past_day(on, "on")
        record = self.answers.org_record(org, lang)
        org_id = record["id"]
        named = self.named(org_id, lang, day)
        if record["data"] == "cow":
            return {**record, **named, "lang": lang, "on": day.isoformat(), "today": dt.date.today().isoformat(),
                    "members_on": [], "spells": [], "timeline": [], "events": [], "disputes": [], "sources": [],
                    "organs": [], "asymmetry": [], "former": [], "quality": None, "around": {}, "members_by_year": [],
                    "continues": None, "located": self.located(record, [], lang, day)}
        spells = self.answers.spells(org=org_id, lang=lang)
        events = self.answers.history(org=org_id, lang=lang)
        disputes = self.answers.disputes(org=org_id, lang=lang)
        keys = set(record["sources"]) | {k for e in events for k in e["sources"]}
        keys |= {k for d in disputes for c in d["claims"] for k in c["sources"]}
        keys |= {f["source"] for f in record["former_names"] if f["source"]}
        if record["founding_treaty"] and record["founding_treaty"]["source"]:
            keys.add(record["founding_treaty"]["source"])
        members = self.answers.members(org_id, day, lang, before_first="empty")
        keys |= {k for m in members for k in m["sources"]}
        continuing = self.continues(org_id, lang, day)
        if continuing and continuing["source"]:
            keys.add(continuing["source"])
        return {
            **record, **named, "lang": lang, "on": day.isoformat(), "today": dt.date.today().isoformat(),
            "members_on": members, "continues": continuing,
            "former": self.former_names(record, lang),
            "located": self.located(record, members, lang, day),
            "around": around(day, change_days(spells)),
            "spells": spells,
            "timeline": timeline_rows(spells, "state", {s["state"]: self.atlas.state_name(s["state"], lang, day)
                                                        for s in spells}),
            "events": events, "disputes": disputes, "sources": self.answers.cited(keys, lang),
            "members_by_year": self.members_by_year(org_id, day),
            "quality": self.quality().get(org_id),
            "organs": hooks.organs(self.atlas, org_id, lang),
            "asymmetry": (series := hooks.asymmetry_series(self.atlas, org_id, lang)),
            "asymmetry_vintage": vintage_for_reader(series[-1]["vintage"], lang) if series else None,
        }

    def members_by_year(self, org_id: str, day: dt.date) -> list[dict[str, Any]]:
        """The organization's members by status at each year's end up to the page's day
        (``Answers.org_years``, the org-year panel: one answer through every door)."""
        from blocmap.web.charts import STACKED

        frame = self.answers.org_years(org_id, end=day.year)
        return [{"year": int(r["year"]), **{st: int(r[st]) for st in STACKED}}
                for r in frame.to_dict("records") if r.get("known") == "exists"]

    def named(self, org_id: str, lang: str, day: dt.date) -> dict[str, str]:
        """An organization's name and acronym on ``day`` (``name``, ``acronym``) and today's."""
        return {"name": self.answers.org_name(org_id, lang, on=day),
                "acronym": self.answers.org_name(org_id, lang, short=True, on=day),
                "name_today": self.answers.org_name(org_id, lang),
                "acronym_today": self.answers.org_name(org_id, lang, short=True)}

    def continues(self, org_id: str, lang: str, day: dt.date) -> dict[str, str] | None:
        """The organization ``org_id`` continues in on ``day`` (its members are that one's), or None."""
        if continued_in(self.atlas, org_id, day) is None:
            return None
        succession = self.atlas.orgs[org_id].continues_in
        return {"org": succession.org, "since": str(succession.date), "source": succession.source,
                "acronym": self.answers.org_name(succession.org, lang, short=True, on=day),
                "name": self.answers.org_name(succession.org, lang, on=day)}

    def former_names(self, record: dict[str, Any], lang: str) -> list[dict[str, Any]]:
        """The organization's former names in ``lang`` with the days each was in use (from the
        founding, or the day after the previous name ended), oldest first."""
        out = []
        start = record["founded"]
        for f in record["former_names"]:
            source = self.answers.cited([f["source"]], lang)[0] if f["source"] else {}
            out.append({**f, "from": start, "name": f["names"].get(lang) or f["names"].get("en"),
                        "acronym": f["acronyms"].get(lang) or f["acronyms"].get("en"),
                        "citation": {"source": f["source"], "quote": f["quote"], "at": None, "read": None,
                                     "class": source.get("class"), "title": source.get("title"),
                                     "title_translated": source.get("title_translated"), "url": source.get("url")}})
            start = (parse_partial(f["until"]).latest + dt.timedelta(days=1)).isoformat()
        return out

    def quality(self) -> dict[str, dict[str, Any]]:
        """The evidence quality of each organization (``features.quality.quality``), computed once."""
        if self._quality is None:
            from blocmap.features.quality import quality

            self._quality = {row["org"]: row for row in quality(self.atlas)}
        return self._quality

    def located(self, record: dict[str, Any], members: list[dict[str, Any]], lang: str,
                day: dt.date | None = None) -> dict[str, Any]:
        """The day the organization page's map shows and its members then: the page's day, or,
        for an organization with no one that day after its end, its last day (the day before it
        was dissolved; for an imported one, the last year of COW's data)."""
        today = dt.date.today()
        day = day or today
        if members:
            return {"on": day.isoformat(), "members": members}
        last = None
        if record["data"] == "cow":
            covered = self.answers.world.coverage[1] if self.answers.world.coverage else today.year
            ended = int(record["dissolved"][:4]) - 1 if record["dissolved"] else covered
            last = dt.date(min(covered, ended), 12, 31)
        elif record["dissolved"]:
            last = parse_partial(record["dissolved"]).earliest - dt.timedelta(days=1)  # "2006": 2005-12-31
        if last is None or last >= day:
            return {"on": day.isoformat(), "members": []}
        return {"on": last.isoformat(), "members": self.answers.members(record["id"], last, lang, before_first="empty")}

    def state(self, state: str, lang: str, on: str | dt.date | None = None) -> dict[str, Any]:
        """State page on a day (default today): its name that day (and today's), the
        organizations it belonged to that day, and every organization over time, with sources."""
        day = past_day(on, "on")
        record = self.answers.state_record(state, lang)
        iso3 = record["iso3"]
        keys = {k for e in record["events"] for k in e["sources"]}
        keys |= {k for d in record["disputes"] for c in d["claims"] for k in c["sources"]}
        exists = self.atlas.states[iso3].exists_on(day)
        rows = self.answers.memberships(iso3, day, lang) if exists else []
        keys |= {k for r in rows for k in r["sources"]}
        live = [r for r in rows if r["status"] in INSIDE and not r["continues_in"]]
        return {**record, "lang": lang, "on": day.isoformat(), "name": self.atlas.state_name(iso3, lang, day),
                "name_today": record["name"], "exists_on": exists, "memberships_on": rows,
                "live_orgs": len(live), "continuing": sum(1 for r in rows if r["continues_in"]),
                "around": around(day, change_days(record["spells"])),
                "timeline": timeline_rows(record["spells"], "org",
                                          {s["org"]: self.answers.org_name(s["org"], lang, short=True, on=day)
                                           for s in record["spells"]}),
                "events": self.name_orgs(record["events"], lang),
                "sources": self.answers.cited(keys, lang), "org_names": self.org_names(lang, day)}

    def name_orgs(self, events: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
        """Events with their organization's short name on the event's day (``org_name``)."""
        return [{**e, "org_name": self.answers.org_name(e["org"], lang, short=True,
                                                        on=parse_partial(e["date"]).earliest)} for e in events]

    def org_names(self, lang: str, on: dt.date | None = None) -> dict[str, str]:
        """Short names of the curated organizations on ``on`` (today's where None), and of any
        imported one asked for."""
        return _Names({o: self.atlas.org_name(o, lang, short=True, on=on) for o in self.atlas.orgs},
                      lambda org: self.answers.org_name(org, lang, short=True, on=on))

    def compare(self, orgs: str | None, on: str | None, lang: str) -> dict[str, Any]:
        """Compare page: organizations side by side — members on a day, facts, depth of integration."""
        ids = self.answers.org_ids(orgs, default=POST_SOVIET)
        if len(ids) < 2:
            raise QueryError.of("err.compare_two", "orgs")
        day = past_day(on, "on")
        table: dict[str, dict[str, str]] = {}
        names: dict[str, str] = {}
        columns = []
        for org_id in ids:
            members = self.answers.members(org_id, day, lang, before_first="empty")
            for m in members:
                table.setdefault(m["state"], {})[org_id] = m["status"]
                names[m["state"]] = m["name"]
            record = {**self.answers.org_record(org_id, lang), **self.named(org_id, lang, day),
                      "continues": self.continues(org_id, lang, day)}
            exists = self.atlas.orgs[org_id].exists_on(day) if org_id in self.atlas.orgs else bool(members)
            columns.append({**record, "exists": exists,
                            "counts": dict(Counter(m["status"] for m in members)),
                            "inside": sum(1 for m in members if m["status"] in INSIDE)})
        spells = [row for org_id in ids if org_id in self.atlas.orgs  # imported ones have COW's years only
                  for row in self.answers.spells(org=org_id, lang=lang)]
        states = sorted(table, key=lambda s: (-sum(table[s].get(o) in INSIDE for o in ids), names[s]))
        return {
            "on": day.isoformat(), "lang": lang, "orgs": columns, "around": around(day, change_days(spells)),
            "states": [{"state": s, "name": names[s], "statuses": {o: table[s].get(o) for o in ids}}
                       for s in states],
            "zones": self.answers.overlap(ids, day, lang),
            "depth": hooks.depth(self.atlas, ids, lang, day),
        }

    def orgs(self, lang: str, on: str | dt.date | None = None) -> dict[str, Any]:
        """Every organization on a day: its name that day (and today's), members and associates
        that day, and whether it continues inside another (then not one more live organization)."""
        day = past_day(on, "on")
        rows = self.answers.orgs(day, lang)
        return {"lang": lang, "on": day.isoformat(), "orgs": rows,
                "live": sum(1 for r in rows if r["members"] and not r["continues_in"])}

    def states(self, lang: str) -> dict[str, Any]:
        return {"lang": lang, "states": self.answers.states(lang)}

    def sources(self, q: str | None = None, kind: str | None = None, official: bool = False,
                lang: str = "en") -> dict[str, Any]:
        """The bibliography, narrowed by words (in key, title, publisher or address), kind and
        whether the source is official; the kinds present, for the filter."""
        every = self.answers.sources(lang)
        words = [w.casefold() for w in (q or "").split()]
        if kind and kind not in {r["kind"] for r in every}:
            raise QueryError.of("err.source_kind", "kind", kind=kind)

        def matches(r: dict[str, Any]) -> bool:
            text = " ".join(str(r.get(k) or "") for k in ("key", "title", "publisher", "url")).casefold()
            return (all(w in text for w in words) and (not kind or r["kind"] == kind)
                    and (not official or r["official"]))

        return {"sources": [r for r in every if matches(r)], "total": len(every),
                "kinds": sorted({r["kind"] for r in every}), "q": q or "", "kind": kind or "",
                "official": official}

    def source(self, key: str, lang: str, on: str | dt.date | None = None) -> dict[str, Any]:
        """One source and what cites it; each citing event names its organization as on its day."""
        day = past_day(on, "on")
        record = self.answers.source(key, lang)
        return {**record, "lang": lang, "on": day.isoformat(), "cited_by": self.name_orgs(record["cited_by"], lang),
                "disputes": [self.dispute_on(d, lang, day) for d in record["disputes"]],
                "org_names": self.org_names(lang, day)}

    def dispute_on(self, d: dict[str, Any], lang: str, day: dt.date) -> dict[str, Any]:
        """A dispute row with its organization and state named as on ``day``."""
        return {**d, "org_name": self.answers.org_name(d["org"], lang, short=True, on=day) if d["org"] else None,
                "name": self.atlas.state_name(d["state"], lang, day) if d["state"] else None}

    def disputes(self, lang: str, org: str | None = None, state: str | None = None,
                 on: str | dt.date | None = None) -> dict[str, Any]:
        """Where sources disagree, names as on a day (default today)."""
        day = past_day(on, "on")
        rows = [self.dispute_on(d, lang, day) for d in self.answers.disputes(org, state, lang)]
        keys = {k for d in rows for c in d["claims"] for k in c["sources"]}
        every = self.atlas.disputes
        orgs = sorted({d.org for d in every if d.org}, key=lambda o: self.atlas.org_name(o, lang, short=True))
        states = sorted({d.state for d in every if d.state}, key=lambda s: self.atlas.state_name(s, lang))
        return {"lang": lang, "on": day.isoformat(), "disputes": rows, "sources": self.answers.cited(keys, lang),
                "filter": {"org": self.atlas.org(org, "org").id if org else "",
                           "state": self.atlas.state(state, "state").iso3 if state else "",
                           "orgs": [{"id": o, **self.named(o, lang, day)} for o in orgs],
                           "states": [{"iso3": s, "name": self.atlas.state_name(s, lang, day)} for s in states]}}

    def asymmetry(self, org: str | None, year: str | None, on: str | None = None, first: str | None = None,
                  last: str | None = None, indicator: str | None = None, lang: str = "en") -> Any:
        """Same object as ``blocmap asymmetry ORG --year YEAR [--on DAY] --format json``, or with
        ``from`` and ``to`` the list of ``--from … --to …``."""
        org_id = self.atlas.org(require(org, "org")).id
        wanted = indicator or "gdp"
        if wanted not in ("gdp", "population"):
            raise QueryError.of("err.indicator.named", "indicator", given=indicator,
                                  choices=Either(("gdp", "population")))
        if year is not None and (first or last):
            raise QueryError.of("err.year_or_range", "year")
        if year is None and (first or last):
            start, end = parse_year(require(first, "from"), "from"), parse_year(require(last, "to"), "to")
            if end - start > 200:
                raise QueryError.of("err.years_at_once", "to")
            return hooks.asymmetry_years(self.atlas, org_id, start, end, wanted, lang)
        return hooks.asymmetry(self.atlas, org_id, parse_year(require(year, "year")), on or None, wanted, lang)


class _Names(dict):
    """A name table that asks ``fallback`` for a key it does not hold (an imported organization)."""

    def __init__(self, names: dict[str, str], fallback: Any) -> None:
        super().__init__(names)
        self.fallback = fallback

    def __missing__(self, key: str) -> str:
        return self.fallback(key)


def change_days(spells: list[dict[str, Any]]) -> list[dt.date]:
    """The days on which one of ``spells`` began or ended (their first days), up to today."""
    today = dt.date.today()
    days = {parse_partial(s[k]).earliest for s in spells for k in ("start", "end") if s.get(k)}
    return sorted(d for d in days if d <= today)


def around(day: dt.date, days: list[dt.date]) -> dict[str, str | None]:
    """The change days just before and just after ``day`` (the pages' previous/next links)."""
    before = [d for d in days if d < day]
    after = [d for d in days if d > day]
    return {"prev": before[-1].isoformat() if before else None, "next": after[0].isoformat() if after else None}


def timeline_rows(spells: list[dict[str, Any]], by: str,
                  labels: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Spells grouped into rows (one per state, or per organization) for a timeline chart; each
    row named by ``labels`` (the names of the page's day) where given."""
    rows: dict[str, dict[str, Any]] = {}
    for s in spells:
        key = s[by]
        label = (labels or {}).get(key) or (s["name"] if by == "state" else s["org_name"])
        href = f"/state/{key}" if by == "state" else f"/org/{key}"
        rows.setdefault(key, {"key": key, "label": label, "href": href, "spells": []})["spells"].append(s)
    return sorted(rows.values(), key=lambda r: min(s["start"] for s in r["spells"]))
