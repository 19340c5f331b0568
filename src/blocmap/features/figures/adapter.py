"""From the atlas to the plain inputs of the figure modules.

The only place figures meet the atlas: it reads ``atlas.org``, ``atlas.members`` and (for
former members) ``atlas.spells_of`` as documented in docs/API.md, and names through
``blocmap.core.names``.  Everything else in ``figures/`` works on sets of ids and strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from blocmap.core import i18n
from blocmap.core.dates import parse_day
from blocmap.core.errors import QueryError
from blocmap.core.model import INSIDE, POST_SOVIET, expand_sets
from blocmap.features.figures import strings

#: Footnote marks, in the classic order; all are in the bundled font (superscript 4-9 are not).
MARKS = ("*", "†", "‡", "§", "¶", "‖")


@dataclass(frozen=True)
class OrgSpec:
    """One organization to draw and the day its memberships are taken from."""

    org: str
    on: dt.date
    pinned: bool = False  # True when given as org@DATE


@dataclass
class Memberships:
    """Who is inside each set, and every other relation (shown outside, with a legend)."""

    specs: list[OrgSpec]
    sets: dict[str, frozenset[str]]
    others: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # state -> [(org, status)]
    sources: frozenset[str] = frozenset()


def parse_orgs(text: str | None, on: dt.date, atlas: Any,
               parameter: str = "--orgs") -> list[OrgSpec]:
    """``"cis,customs_union@2014-01-01"`` → specs; one-line errors naming ``parameter``."""
    items = [part.strip() for part in text.split(",")] if text else list(POST_SOVIET)
    specs, seen = [], set()
    for item in items:
        if not item:
            raise QueryError.of("err.figure.empty_name", parameter, text=text)
        name, at, when = item.partition("@")
        if at and not when:
            raise QueryError.of("err.figure.no_date", parameter, item=item)
        try:
            day = parse_day(when.strip(), parameter=f"{parameter} {item}") if at else on
        except QueryError as exc:
            raise QueryError(exc.text, parameter) from None
        for one in expand_sets([name]):  # a named set stands for its organizations, on that day
            try:
                org = atlas.org(one.strip()).id
            except QueryError as exc:
                raise QueryError.of("err.at", parameter, reason=exc.text) from None
            if org in seen:
                raise QueryError.of("err.figure.twice", parameter, org=org)
            seen.add(org)
            specs.append(OrgSpec(org, day, bool(at)))
    if not specs:
        raise QueryError.of("err.no_org", parameter)
    return specs


def collect(atlas: Any, specs: list[OrgSpec]) -> Memberships:
    """Memberships of every spec on its day, split into inside (member, associate) and others."""
    sets: dict[str, frozenset[str]] = {}
    others: dict[str, list[tuple[str, str]]] = {}
    sources: set[str] = set()
    for spec in specs:
        inside = set()
        related = set()
        for m in atlas.members(spec.org, on=spec.on):
            sources.update(m.sources)
            related.add(m.state)
            if m.status in INSIDE:
                inside.add(m.state)
            else:
                others.setdefault(m.state, []).append((spec.org, m.status))
        for state in _former_members(atlas, spec, related):
            others.setdefault(state, []).append((spec.org, "withdrawn"))
        sets[spec.org] = frozenset(inside)
    return Memberships(specs, sets, {s: sorted(v) for s, v in sorted(others.items())},
                       frozenset(sources))


def _former_members(atlas: Any, spec: OrgSpec, current: set[str]) -> list[str]:
    """States that were inside ``spec.org`` before ``spec.on`` and have no relation now."""
    spells_of = getattr(atlas, "spells_of", None)
    if spells_of is None:
        return []
    former = set()
    for spell in spells_of(org=spec.org):
        if (spell.status in INSIDE and spell.end is not None and spell.end.earliest <= spec.on
                and spell.state not in current):
            former.add(spell.state)
    return sorted(former)


def _on_day(namer: Callable, day: Any) -> Callable[[str, str], str]:
    """``namer(key, lang)`` as on ``day`` where the namer takes a day (the atlas's do), else as it is."""
    import inspect

    try:
        takes_day = len(inspect.signature(namer).parameters) >= 3
    except (TypeError, ValueError):
        takes_day = False
    return (lambda key, lang: namer(key, lang, day)) if takes_day and day is not None else namer


def _namers(lang: str, state_name: Callable | None, org_name: Callable | None):
    if state_name is None or org_name is None:  # the caller names nothing: codes stand for names
        state_name = state_name or (lambda state, lang, on=None: state)
        org_name = org_name or (lambda org, lang, on=None: org)
    return state_name, org_name


def euler_inputs(data: Memberships, lang: str, version: str = "",
                 state_name: Callable[[str, str], str] | None = None,
                 org_name: Callable[[str, str], str] | None = None, dated: bool = True) -> dict[str, Any]:
    """Keyword arguments for ``euler.euler_layout`` (all strings already in ``lang``).

    ``dated=False`` leaves the day out of the title and the source line, for a page that says
    the day itself: every day with the same memberships then has the very same drawing."""
    state_name, org_name = _namers(lang, state_name, org_name)
    inside = set().union(*data.sets.values()) if data.sets else set()
    labels, notes = {}, []
    first_day = min((spec.on for spec in data.specs if not spec.pinned), default=data.specs[0].on if data.specs else None)
    state_name = _on_day(state_name, first_day)  # states named as they were on the day
    marked = [s for s in sorted(data.others) if s in inside]
    for k, state in enumerate(marked):
        mark = MARKS[k % len(MARKS)] * (k // len(MARKS) + 1)
        labels[state] = state_name(state, lang) + mark
        notes.append(f"{mark} {state_name(state, lang)} — " + _relations(data.others[state], lang, org_name))
    outside = tuple(s for s in sorted(data.others) if s not in inside)
    for state in outside:
        labels[state] = i18n.aside(state_name(state, lang), _relations(data.others[state], lang, org_name), lang)
    for state in inside:
        labels.setdefault(state, state_name(state, lang))
    days = sorted({spec.on for spec in data.specs if not spec.pinned}) or [data.specs[0].on]
    title = (strings.text("fig.title", lang, date=strings.day(days[0], lang)) if dated
             else strings.text("fig.title_undated", lang))
    caption = [strings.text("fig.inside_rule", lang)]
    for spec in data.specs:
        if spec.pinned:
            caption.append(strings.text("fig.pinned", lang, org=org_name(spec.org, lang),
                                        date=strings.day(spec.on, lang)))
    caption.append(strings.text("fig.source", lang, version=version, date=strings.day(days[0], lang)) if dated
                   else strings.text("fig.source_undated", lang, version=version))
    day_of = {spec.org: spec.on for spec in data.specs}  # each set is named as it was on its own day
    return {"sets": data.sets, "set_labels": {s: _on_day(org_name, day_of.get(s))(s, lang) for s in data.sets},
            "element_labels": labels, "outside": outside,
            "outside_title": strings.text("fig.outside", lang) if outside else "",
            "title": title, "notes": tuple(notes), "caption": tuple(caption),
            "list_sep": i18n.t("list.sep", lang)}


def empty_zone_note(zones: list, lang: str, org_name: Callable[[str, str], str] | None = None,
                    proven: bool = True) -> str:
    """The caption line that lists the hatched empty zones (and whether they are unavoidable)."""
    _, org_name = _namers(lang, lambda s, lang: s, org_name)
    listed = "; ".join(" ∩ ".join(org_name(o, lang) for o in sorted(zone)) for zone in zones)
    return strings.text("fig.empty" if proven else "fig.empty_unproven", lang, zones=listed)


def _relations(pairs: list[tuple[str, str]], lang: str, org_name: Callable) -> str:
    """Each organization and the state's status in it (``CIS: withdrawn``, with a full-width colon in
    Chinese), joined by the reader's comma."""
    return i18n.joined((i18n.field(org_name(org, lang), strings.text("status." + status, lang), lang)
                        for org, status in pairs), lang)


def change_days(atlas: Any, orgs: list[str]) -> list[dt.date]:
    """Every day on which a membership of one of ``orgs`` begins or ends (first-day rule)."""
    days: set[dt.date] = set()
    for org in orgs:
        for spell in atlas.spells_of(org=org):
            days.add(spell.start.earliest)
            if spell.end is not None:
                days.add(spell.end.earliest)
    return sorted(days)
