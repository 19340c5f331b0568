"""Library calls for the figures: what ``blocmap figure euler`` does, for every front end.

``euler(atlas, orgs, on, lang)`` selects the memberships, solves the topology, and returns
either a checked Euler layout or, where one outline per organization would need more empty
zones than allowed, the inputs for an UpSet plot with the reason.  The CLI, the web atlas and
the report call it; none of them repeats the steps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from blocmap.core.errors import QueryError
from blocmap.core.messages import Text
from blocmap.features.figures.adapter import change_days  # noqa: F401 - part of this API


@dataclass
class EulerResult:
    """A checked Euler layout, or (``layout`` None) UpSet inputs and the reason for falling back."""

    inputs: dict[str, Any]
    layout: Any = None
    fallback: str | None = None
    notes: list[str] = field(default_factory=list)  # said to the user (left-out sets, empty zones)


def namers(atlas: Any) -> dict[str, Any]:
    return {"state_name": atlas.state_name,
            "org_name": lambda org, lang, on=None: atlas.org_name(org, lang, short=True, on=on)}


def selection(atlas: Any, on: dt.date, orgs: str | None, parameter: str = "--orgs",
              lang: str = "en") -> tuple[Any, list[str]]:
    """The memberships of the organizations (``org@DAY`` allowed); sets empty that day are dropped."""
    from blocmap.features.figures.adapter import collect, parse_orgs

    data = collect(atlas, parse_orgs(orgs, on, atlas, parameter=parameter))
    empty = [s for s in data.specs if not data.sets[s.org]]
    if len(empty) == len(data.specs):
        raise QueryError.of("err.figure.no_member", parameter)
    notes = [Text("fig.left_out", {"org": spec.org, "day": spec.on}).render(lang) for spec in empty]
    if empty:
        data = collect(atlas, [s for s in data.specs if data.sets[s.org]])
    return data, notes


def succession_notes(atlas: Any, specs: list, lang: str, org_name: Any) -> list[str]:
    """Which view of a succession a figure draws: an organization drawn on a day after it
    continued inside another is drawn with that one's members (the Customs Union from 2015)."""
    from blocmap.core.i18n import t

    notes = []
    for spec in specs:
        org = getattr(atlas, "orgs", {}).get(spec.org)
        succession = getattr(org, "continues_in", None)
        if succession is not None and spec.on >= succession.date.earliest:
            notes.append(t("fig.continued", lang).format(org=org_name(spec.org, lang), id=spec.org,
                                                         successor=org_name(succession.org, lang),
                                                         date=str(succession.date)))
    return notes


def drawing_inputs(atlas: Any, on: dt.date, orgs: str | None = None, lang: str = "en",
                   parameter: str = "--orgs", dated: bool = True) -> tuple[dict[str, Any], list[str], Any]:
    """What an Euler diagram of ``orgs`` on ``on`` shows — sets, labels, notes, title — as
    ``(inputs, notes for the user, the memberships)``; cheap (no solving, no drawing).  With
    ``dated=False`` equal inputs mean equal drawings, whatever the day (``drawing_key``)."""
    from blocmap.core.version import __version__
    from blocmap.features.figures.adapter import euler_inputs

    data, notes = selection(atlas, on, orgs, parameter, lang)
    names = namers(atlas)
    inputs = euler_inputs(data, lang, __version__, dated=dated, **names)
    view = succession_notes(atlas, data.specs, lang, names["org_name"])
    if view:
        inputs["notes"] = inputs["notes"] + tuple(view)
    return inputs, notes, data


def drawing_key(atlas: Any, orgs: list[str], on: dt.date, lang: str = "en", narrow: bool = False) -> str:
    """A key equal for two days exactly when their undated Euler drawings of ``orgs`` are the
    same (the same sets, labels, notes and captions); a ``narrow`` drawing (for a phone) has
    a key of its own."""
    import hashlib
    import json

    inputs, _, _ = drawing_inputs(atlas, on, ",".join(orgs), lang, dated=False)
    plain = {k: sorted(v.items()) if isinstance(v, dict) else v for k, v in inputs.items()}
    plain["sets"] = sorted((org, sorted(members)) for org, members in inputs["sets"].items())
    key = hashlib.sha256(json.dumps(plain, sort_keys=True, default=list, ensure_ascii=False)
                         .encode("utf-8")).hexdigest()
    return key + "-narrow" if narrow else key


def euler(atlas: Any, on: dt.date, orgs: str | None = None, lang: str = "en", max_empty: int = 3,
          parameter: str = "--orgs", cache: Any = None, dated: bool = True, narrow: bool = False) -> EulerResult:
    """The Euler diagram of ``orgs`` on ``on``: a layout verified by the zone checker, or a fallback.
    ``narrow``: laid out for a phone's width (``euler.euler_layout``).

    Sets with the same members that day are one curve carrying both names.  A family that
    needs more than ``max_empty`` empty zones is refused before any solving; solved
    topologies come from ``cache`` (default: ``layout_cache.default_cache()``).
    """
    from blocmap.features.figures import layout_cache, topology
    from blocmap.features.figures.adapter import empty_zone_note
    from blocmap.features.figures.euler import euler_layout

    inputs, notes, data = drawing_inputs(atlas, on, orgs, lang, parameter, dated)
    names = namers(atlas)
    try:
        topo = layout_cache.solve(data.sets, max_empty=max_empty, cache=cache)
        if len(topo.extra) > max_empty:
            raise too_many(topo, max_empty)
    except topology.LayoutImpossible as exc:
        return EulerResult(inputs, fallback=exc.render(lang), notes=notes)
    if topo.extra:
        note = empty_zone_note(list(topo.extra), lang, names["org_name"], topo.proven)
        inputs["notes"] = inputs["notes"] + (note,)
        notes.append(note)
    return EulerResult(inputs, layout=euler_layout(**inputs, topology=topo, narrow=narrow), notes=notes)


def too_many(topo: Any, max_empty: int) -> Any:
    """The refusal of a drawing with more than ``max_empty`` empty zones: that many are needed
    where the solver proved its count, else none with at most ``max_empty`` was found."""
    from blocmap.features.figures.zones import LayoutImpossible

    if topo.proven:
        return LayoutImpossible(Text("fig.needs_n", {"n": len(topo.extra), "max_empty": max_empty}),
                                bound=len(topo.extra))
    return LayoutImpossible(Text("fig.not_found_within", {"more_than": max_empty, "max_empty": max_empty}))


@dataclass
class Precomputed:
    """What ``precompute`` solved: every change day's configuration and its outcome."""

    days: dict[dt.date, str]                 # change day -> configuration key
    topologies: dict[str, Any]               # configuration key -> GridTopology
    refused: dict[str, str]                  # configuration key -> why no Euler diagram

    def __len__(self) -> int:
        return len(self.topologies) + len(self.refused)


def precompute(atlas: Any, orgs: str | list[str] | None = None, lang: str = "en", max_empty: int = 3,
               cache: Any = None, seed: bool = False) -> Precomputed:
    """Solve, ahead of any request, the Euler topology of ``orgs`` on every change day.

    Fills ``cache`` (default: the process-wide ``layout_cache.default_cache()``, which is
    also on disk) so that every later ``euler(atlas, day, orgs, lang)`` finds its topology
    without solving; each configuration is solved once.  ``lang`` warms the label
    measurements too.  Configurations that need more than ``max_empty`` empty zones are
    listed under ``refused`` (they draw as UpSet).

    ``seed=True`` starts each solve from the previous change day's answer.  It may pick
    another drawing among equally good ones than a fresh solve would, so it is off by
    default: the same data then gives the same drawing with or without the cache.
    """
    from blocmap.features.figures import layout_cache
    from blocmap.features.figures.adapter import OrgSpec, collect, parse_orgs
    from blocmap.features.figures.measure import default_font, text_size
    from blocmap.features.figures.topology import LayoutImpossible, configuration_key

    cache = cache if cache is not None else layout_cache.default_cache()
    text = ",".join(orgs) if isinstance(orgs, list) else orgs
    first_day = dt.date(1991, 12, 8)
    specs = parse_orgs(text, first_day, atlas)
    result = Precomputed({}, {}, {})
    previous = None
    font = default_font(10.0)
    for day in change_days(atlas, [spec.org for spec in specs]):
        day_specs = [OrgSpec(spec.org, spec.on if spec.pinned else day, spec.pinned) for spec in specs]
        data = collect(atlas, day_specs)
        sets = {org: members for org, members in data.sets.items() if members}
        if not sets:
            continue
        key = configuration_key(sets)
        result.days[day] = key
        if key in result.topologies or key in result.refused:
            continue
        try:
            solved = layout_cache.solve(sets, max_empty=max_empty, cache=cache,
                                        hint=previous if seed else None)
            previous = solved
            if len(solved.extra) > max_empty:
                result.refused[key] = too_many(solved, max_empty).render(lang)
            else:
                result.topologies[key] = solved
        except LayoutImpossible as exc:
            result.refused[key] = exc.render(lang)
        for state in set().union(*sets.values()):
            text_size(atlas.state_name(state, lang), font)
    return result


def euler_svg(atlas: Any, orgs: list[str], on: dt.date, lang: str = "en",
              colours: dict[str, str] | None = None, dated: bool = True, narrow: bool = False) -> str | None:
    """The Euler diagram as SVG text, or None where it cannot be drawn with one outline per set.

    ``colours`` (organization id → colour) draws each organization in its own colour (the web
    atlas's palette); the layout, and so its cache, does not depend on it.
    """
    from blocmap.features.figures.render import draw_euler, save

    result = euler(atlas, on, ",".join(orgs), lang, dated=dated, narrow=narrow)
    if result.layout is None:
        return None
    svg = save(draw_euler(result.layout, colours), "svg")
    return svg.decode("utf-8") if isinstance(svg, bytes) else svg


def upset_drawing(inputs: dict[str, Any], lang: str, reason: str = "") -> Any:
    """An UpSet plot of the Euler inputs (the scalable view, and the Euler fallback), with the
    notes, the states outside every set and the caption under it."""
    from blocmap.features.figures import strings
    from blocmap.features.figures.upset import draw_upset

    caption = list(inputs["notes"])
    if inputs["outside"]:
        caption.append(inputs["outside_title"] + " " +
                       "; ".join(inputs["element_labels"][s] for s in inputs["outside"]))
    caption += list(inputs["caption"])
    if reason:
        caption.insert(0, reason)
    return draw_upset(inputs["sets"], inputs["set_labels"], inputs["element_labels"],
                      title=inputs["title"], size_label=strings.text("upset.size", lang),
                      set_size_label=strings.text("upset.set_size", lang), caption=tuple(caption))


def report_figures(atlas: Any, on: dt.date, lang: str = "en") -> list[tuple[str, str]]:
    """The figures the report shows: the Euler diagram of the post-Soviet system on ``on``
    (an UpSet plot where one outline per organization cannot draw it), as (caption, SVG)."""
    from blocmap.core.i18n import t
    from blocmap.features.figures.render import draw_euler, save

    try:
        result = euler(atlas, on, None, lang)  # None: the post-Soviet system
    except QueryError:  # no member in any of them that day (before December 1991)
        return []
    if result.layout is not None:
        drawing = draw_euler(result.layout)
    else:
        drawing = upset_drawing(result.inputs, lang, reason=result.fallback or "")
    svg = save(drawing, "svg")
    return [(t("report.figure_euler", lang).format(day=on.isoformat()),
             svg.decode("utf-8") if isinstance(svg, bytes) else svg)]
