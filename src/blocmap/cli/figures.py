"""``blocmap figure euler|upset|map`` and ``blocmap network``: parse, call, write.

Everything is checked before any drawing starts (output folder, format, dates, org names),
and files are written whole or not at all (``cli.save``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from blocmap.cli.shared import (data_option, db_option, emit, format_option, get_answers, lang_option, note, reader_lang,
                          save)
from blocmap.core.errors import QueryError
from blocmap.core.i18n import t
from blocmap.core.messages import Text

IMAGE_FORMATS = ("svg", "png", "pdf")


def _target(output: Path, fmt: str | None, allowed: tuple[str, ...]) -> str:
    """The output format (given, or from the file's suffix); fails before any work is done."""
    if output.is_dir():
        raise QueryError.of("err.is_folder", "-o", option="-o", path=output)
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix not in allowed:
            raise QueryError.of("err.format_unknown_from_name", "--format", name=output.name, choices="|".join(allowed))
        fmt = suffix
    fmt = fmt.lower()
    if fmt not in allowed:
        raise QueryError.of("err.format_not_allowed", "--format", value=fmt, choices=list(allowed))
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise QueryError.of("err.no_folder", "-o", option="-o", path=output, folder=parent)
    return fmt


def _image(figure: Any, fmt: str) -> bytes:
    from blocmap.features.figures.render import save

    return save(figure, fmt)


def _atlas(data_dir: Path | None, orgs: str | None, db: Path | None):
    """What the figures read: the atlas, or the atlas and the store where ``orgs`` names an
    imported organization."""
    return get_answers(data_dir, db).figure_source(orgs)


def _selection(data_dir: Path | None, on: str, orgs: str | None, parameter: str = "--orgs",
               db: Path | None = None):
    """The atlas, the day, the org specs and their memberships (empty sets dropped, said so)."""
    from blocmap.core.dates import parse_day
    from blocmap.features.figures.api import selection

    day = parse_day(on, parameter="--on")
    atlas = _atlas(data_dir, orgs, db)
    data, notes = selection(atlas, day, orgs, parameter, reader_lang())
    for text in notes:
        note(text)
    return atlas, day, data


def _namers(atlas: Any) -> dict[str, Any]:
    from blocmap.features.figures.api import namers

    return namers(atlas)


def _version() -> str:
    from blocmap.core.version import __version__

    return __version__


def _common(func):
    func = click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
                        help="File to write.")(func)
    func = click.option("--orgs", default=None,
                        help="Comma-separated organizations; ORG@YYYY-MM-DD takes one from "
                             "another day. Default: cis,csto,eaeu,customs_union,union_state.")(func)
    func = click.option("--on", "on", default="today", show_default=True,
                        help="Day of the memberships (YYYY-MM-DD).")(func)
    return db_option(data_option(lang_option(func)))


@click.command("euler")
@_common
@click.option("--format", "fmt", default=None, help="svg, png, pdf or json (default: from the file suffix).")
@click.option("--max-empty", type=click.IntRange(0, 20), default=3, show_default=True,
              help="Most hatched empty zones to accept before drawing an UpSet plot instead.")
@click.option("--narrow", is_flag=True,
              help="Lay it out for a narrow page (a phone, a portrait slide): a number in each zone, "
                   "the states in a key under the diagram.")
def euler_cmd(on: str, orgs: str | None, lang: str, data_dir: Path | None, db: Path | None, output: Path,
              fmt: str | None, max_empty: int, narrow: bool = False) -> None:
    """A zone-exact Euler diagram: each state's name inside the region of its organizations.

    Members and associate members are inside a set; observers, participants, frozen,
    suspended, ceased and former members are listed beside it with their status.
    """
    fmt = _target(output, fmt, IMAGE_FORMATS + ("json",))
    from blocmap.core.dates import parse_day
    from blocmap.features.figures.api import euler, upset_drawing

    result = euler(_atlas(data_dir, orgs, db), parse_day(on, parameter="--on"), orgs, lang, max_empty, narrow=narrow)
    for text in result.notes:
        note(text)
    if result.layout is None:
        if fmt == "json":
            raise QueryError.of("err.figure.fallback", "--orgs", reason=result.fallback)
        note(Text("cli.upset_instead", {"reason": result.fallback}))
        save(output, _image(upset_drawing(result.inputs, lang, reason=result.fallback or ""), fmt))
        return
    if fmt == "json":
        from blocmap.core.output import to_json

        save(output, to_json(result.layout.to_json()) + "\n")
    else:
        from blocmap.features.figures.render import draw_euler

        save(output, _image(draw_euler(result.layout), fmt))


@click.command("upset")
@_common
@click.option("--format", "fmt", default=None, help="svg, png or pdf (default: from the file suffix).")
def upset_cmd(on: str, orgs: str | None, lang: str, data_dir: Path | None, db: Path | None, output: Path,
              fmt: str | None) -> None:
    """An UpSet plot: one column per combination of organizations, with the states in it."""
    fmt = _target(output, fmt, IMAGE_FORMATS)
    atlas, _, data = _selection(data_dir, on, orgs, db=db)
    from blocmap.features.figures.adapter import euler_inputs
    from blocmap.features.figures.api import upset_drawing

    inputs = euler_inputs(data, lang, _version(), **_namers(atlas))
    save(output, _image(upset_drawing(inputs, lang), fmt))


@click.command("map")
@_common
@click.option("--org", "org", default=None, help="One organization: states coloured by status.")
@click.option("--format", "fmt", default=None, help="svg, png or pdf (default: from the file suffix).")
def map_cmd(on: str, orgs: str | None, org: str | None, lang: str, data_dir: Path | None, db: Path | None,
            output: Path, fmt: str | None) -> None:
    """A map of Eurasia: states coloured by status in --org, or by how many of --orgs they are in."""
    fmt = _target(output, fmt, IMAGE_FORMATS)
    if org and orgs:
        raise QueryError.of("err.org_or_orgs", "--org")
    atlas, day, data = _selection(data_dir, on, org or orgs, "--org" if org else "--orgs", db)
    from blocmap.features.figures import mapplot, strings

    names = _namers(atlas)
    status: dict[str, str] = {}
    if org:
        spec = data.specs[0]
        for state in data.sets[spec.org]:
            status[state] = next(m.status for m in atlas.members(spec.org, on=spec.on) if m.state == state)
        for state, pairs in data.others.items():
            status[state] = pairs[0][1]
        keys = [s for s in ("member", "associate", "observer", "participant", "candidate", "suspended",
                            "frozen", "ceased", "withdrawn") if s in status.values()]
        legend = {k: strings.text("status." + k, lang) for k in keys}
        colours = None
        legend_title = strings.text("map.legend", lang, org=names["org_name"](spec.org, lang))
    else:
        counts: dict[str, int] = {}
        for members in data.sets.values():
            for state in members:
                counts[state] = counts.get(state, 0) + 1
        status = {s: str(n) for s, n in counts.items()}
        top = max(counts.values())
        colours = {str(n): mapplot.COUNT_COLOURS[min(n, len(mapplot.COUNT_COLOURS)) - 1]
                   for n in range(1, top + 1)}
        legend = {str(n): str(n) for n in range(1, top + 1)}
        legend_title = strings.text("map.count", lang) + ": " + ", ".join(
            names["org_name"](s.org, lang) for s in data.specs)
    labels = {s: names["state_name"](s, lang) for s in status}
    title = strings.text("fig.title", lang, date=strings.day(day, lang))
    caption = (strings.text("fig.source", lang, version=_version(), date=strings.day(day, lang)),
               strings.text("map.credit", lang))
    figure_ = mapplot.draw_map(status, labels, legend, title=title, legend_title=legend_title,
                               caption=caption, colours=colours)
    save(output, _image(figure_, fmt))


@click.command("network")
@click.option("--on", "on", default=None, help="One day: each state's partners that day (YYYY-MM-DD).")
@click.option("--from", "start", default=None, help="First year of a series (memberships on 31 December).")
@click.option("--to", "end", default=None, help="Last year of a series.")
@click.option("--orgs", default=None, help="Comma-separated organizations (default: the post-Soviet five); "
                                           "ORG@YYYY-MM-DD takes one from another day.")
@click.option("--format", "fmt", default=None,
              help="table, json or csv; svg, png or pdf draw the network of --on (default: from -o's suffix, "
                   "else table).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write to a file.")
@lang_option
@data_option
@db_option
def network_cmd(on: str | None, start: str | None, end: str | None, orgs: str | None, fmt: str | None,
                output: Path | None, lang: str, data_dir: Path | None, db: Path | None) -> None:
    """States linked by the organizations (of --orgs) they both belong to: a drawing or a table.

    With --on, the network of one day: `-o network.svg` (or .png, .pdf) draws it, otherwise each
    state's degree (partners), strength (shared memberships summed) and organizations are listed.
    With --from and --to, the same per year, with the network's density.
    """
    from blocmap.core.dates import parse_day, parse_year
    from blocmap.features.figures.adapter import collect, parse_orgs
    from blocmap.features.figures.network import stats
    from blocmap.core.output import render

    if (on is None) == (start is None and end is None):
        raise QueryError.of("err.on_or_range", "--on")
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        fmt = suffix if suffix in IMAGE_FORMATS + ("json", "csv") else "table"
    if fmt in IMAGE_FORMATS:
        if on is None or output is None:
            raise QueryError.of("err.format_drawing", "--format", value=fmt)
        _network_figure(on, orgs, lang, data_dir, db, output, _target(output, fmt, IMAGE_FORMATS))
        return
    if fmt not in ("table", "json", "csv"):
        raise QueryError.of("err.format_not_allowed", "--format", value=fmt,
                            choices=["table", "json", "csv", "svg", "png", "pdf"])
    if on is not None:
        days = [parse_day(on, "--on")]
    else:
        first, last = parse_year(start or "", "--from"), parse_year(end or "", "--to")
        if last < first:
            raise QueryError.of("err.to_before_from.named", "--to", first=first, last=last)
        days = [dt.date(year, 12, 31) for year in range(first, last + 1)]
    atlas = _atlas(data_dir, orgs, db)
    specs = parse_orgs(orgs, days[0], atlas)
    rows = []
    for day in days:
        data = collect(atlas, [type(s)(s.org, s.on if s.pinned else day, s.pinned) for s in specs])
        density, per = stats(data.sets)
        for state, values in sorted(per.items(), key=lambda kv: (-kv[1]["degree"], kv[0])):
            rows.append({"date" if on else "year": day.isoformat() if on else day.year, "state": state,
                         "name": atlas.state_name(state, lang), "degree": values["degree"],
                         "strength": values["strength"], "orgs": values["orgs"], "density": round(density, 4)})
    if fmt == "table":
        headers = {k: t(f"network.col.{k}", lang) for k in (rows[0] if rows else {})}
        emit(render(rows, fmt, headers=headers, lang=lang), output)
        return
    emit(render(rows, fmt, lang=lang), output)


def _network_figure(on: str, orgs: str | None, lang: str, data_dir: Path | None, db: Path | None,
                    output: Path, fmt: str) -> None:
    atlas, day, data = _selection(data_dir, on, orgs, db=db)
    from blocmap.features.figures import strings
    from blocmap.features.figures.network import draw_network

    names = _namers(atlas)
    labels = {s: names["state_name"](s, lang) for s in set().union(*data.sets.values())}
    orgs_line = ", ".join(names["org_name"](s.org, lang) for s in data.specs)
    caption = (orgs_line, strings.text("network.edge", lang),
               strings.text("fig.source", lang, version=_version(), date=strings.day(day, lang)))
    figure_ = draw_network(data.sets, labels, title=strings.text("network.title", lang,
                                                                 date=strings.day(day, lang)),
                           caption=caption)
    save(output, _image(figure_, fmt))


def register(group: click.Group, figure: click.Group) -> None:
    """Add ``figure euler|upset|map`` and ``network``."""
    for command in (euler_cmd, upset_cmd, map_cmd):
        figure.add_command(command)
    group.add_command(network_cmd)
