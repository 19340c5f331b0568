"""Core commands: members, memberships, history, diff, overlap, disputes, sources, cite, check, overview."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import data_option, emit, format_option, get_atlas, lang_option, normal_lang
from .cli_world import db_option
from .i18n import t
from .model import POST_SOVIET, STATUS_EVENTS, STATUSES
from .output import render
from .rows import event_row, membership_row  # noqa: F401 - shared with the web API

ORG_SETS = {"post-soviet": list(POST_SOVIET)}


def _table_rows(rows: list[dict], lang: str, first: str) -> list[dict]:
    out = []
    for row in rows:
        since = row["since"] + ("" if row["certain"] else " *")
        out.append({first: row[first], "name": row["name" if first == "state" else "org_name"],
                    "status": t(f"status.{row['status']}", lang), "since": since,
                    "sources": ", ".join(row["sources"])})
    return out


def _headers(lang: str) -> dict:
    return {k: t(f"col.{k}", lang) for k in ("org", "state", "name", "status", "since", "sources", "date",
                                             "event", "note", "before", "after", "zone", "states", "count",
                                             "topic", "claim", "preferred", "key", "title", "url", "kind", "acronym",
                                             "founded", "dissolved", "members")}


def _uncertain_note(rows: list[dict], fmt: str, lang: str) -> str:
    return "\n" + t("msg.uncertain", lang) if fmt == "table" and any(not r["certain"] for r in rows) else ""


def status_option(func):
    return click.option("--status", "statuses", default=None,
                        help=f"Only these statuses, comma-separated ({', '.join(STATUSES[:-1])}).")(func)


def wanted_statuses(text: str | None) -> set[str] | None:
    from .errors import unknown

    if not text:
        return None
    chosen = {s.strip() for s in text.split(",") if s.strip()}
    for status in chosen:
        if status not in STATUSES:
            raise unknown("status", status, STATUSES, "status")
    return chosen


def _emit_memberships(rows: list[dict], first: str, statuses: str | None, fmt: str, lang: str) -> None:
    """Print membership rows (of an organization: first='state'; of a state: first='org')."""
    keep = wanted_statuses(statuses)
    rows = [r for r in rows if keep is None or r["status"] in keep]
    if fmt == "table":
        emit(render(_table_rows(rows, lang, first), fmt, headers=_headers(lang)) + _uncertain_note(rows, fmt, lang))
    else:
        emit(render(rows, fmt))


def _as_of_options(func):
    for option in reversed((click.option("--on", "on", default="today", show_default=True,
                                         help="The day (YYYY-MM-DD or 'today')."),
                            status_option, format_option(), lang_option, data_option)):
        func = option(func)
    return func


@click.command()
@click.argument("org")
@_as_of_options
@db_option
def members(org: str, on: str, statuses: str | None, fmt: str, lang: str, data_dir: Path | None,
            db: Path | None) -> None:
    """States in ORG on a day, with their status and sources.

    ORG may also be an organization imported from the COW IGO data (`blocmap import cow`),
    answered at year precision from the world store."""
    from .errors import QueryError

    lang = normal_lang(lang)
    atlas = get_atlas(data_dir)
    try:
        rows = [membership_row(atlas, m, lang) for m in atlas.members(org, on=on)]
    except QueryError as exc:
        if exc.parameter != "org":
            raise
        from .world import fallback

        rows = fallback.members_rows(org, on, atlas, db, lang, original=exc)
    _emit_memberships(rows, "state", statuses, fmt, lang)


@click.command()
@click.argument("state")
@_as_of_options
@db_option
@click.option("--world", "with_world", is_flag=True,
              help="Also the organizations imported from the COW IGO data (to 2014).")
def memberships(state: str, on: str, statuses: str | None, fmt: str, lang: str, data_dir: Path | None,
                db: Path | None, with_world: bool) -> None:
    """Organizations STATE belonged to on a day, with status and sources."""
    lang = normal_lang(lang)
    atlas = get_atlas(data_dir)
    if with_world:
        from .world import fallback

        rows = fallback.memberships_rows(state, on, atlas, db, lang)
    else:
        rows = [membership_row(atlas, m, lang) for m in atlas.memberships(state, on=on)]
    _emit_memberships(rows, "org", statuses, fmt, lang)


@click.command()
@click.argument("subject")
@format_option()
@lang_option
@data_option
def history(subject: str, fmt: str, lang: str, data_dir: Path | None) -> None:
    """Dated events of an organization or a state (SUBJECT), with sources."""
    from .errors import QueryError

    lang = normal_lang(lang)
    atlas = get_atlas(data_dir)
    org = state = None
    try:
        org = atlas.org(subject, "subject").id
    except QueryError:
        try:
            state = atlas.state(subject, "subject").iso3
        except QueryError:
            from .errors import suggest

            hints = suggest(subject, [*atlas.orgs, *atlas.states])
            hint = " (did you mean " + " or ".join(f"'{h}'" for h in hints) + "?)" if hints else ""
            raise QueryError(f"unknown organization or state '{subject}'{hint}", "subject") from None
    rows = [event_row(atlas, e, lang) for e in atlas.history(org=org, state=state)]
    if fmt == "table":
        table = [{"date": r["date"], "org": r["org"], "state": r["state"] or "—",
                  "event": t(f"event.{r['event']}", lang) + (
                      f" → {t('status.' + r['status'], lang)}"
                      if r["status"] and STATUS_EVENTS.get(r["event"]) != r["status"] else ""),
                  "sources": ", ".join(r["sources"]) + (f" [dispute: {r['dispute']}]" if r["dispute"] else "")}
                 for r in rows]
        emit(render(table, fmt, headers=_headers(lang)))
    else:
        emit(render(rows, fmt))


@click.command()
@click.argument("date1")
@click.argument("date2")
@click.option("--orgs", default=None, help="Comma-separated organizations (default: all).")
@format_option()
@lang_option
@data_option
def diff(date1: str, date2: str, orgs: str | None, fmt: str, lang: str, data_dir: Path | None) -> None:
    """Who joined, left or changed status between DATE1 and DATE2."""
    lang = normal_lang(lang)
    atlas = get_atlas(data_dir)
    rows = [{"org": c.org, "state": c.state, "name": atlas.state_name(c.state, lang),
             "before": c.before, "after": c.after,
             "events": [{"date": str(e.date), "event": e.kind, "status": e.status, "sources": list(e.sources)}
                        for e in c.events]}
            for c in atlas.diff(date1, date2, orgs)]
    if fmt == "table":
        table = [{"org": r["org"], "state": r["state"], "name": r["name"],
                  "before": t(f"status.{r['before'] or 'none'}", lang),
                  "after": t(f"status.{r['after'] or 'none'}", lang),
                  "event": "; ".join(f"{e['date']} {t('event.' + e['event'], lang)}" for e in r["events"])}
                 for r in rows]
        emit(render(table, fmt, headers=_headers(lang)))
    elif fmt == "csv":
        flat = [{**r, "events": "; ".join(f"{e['date']} {e['event']}" for e in r["events"])} for r in rows]
        emit(render(flat, fmt))
    else:
        emit(render(rows, fmt))


@click.command()
@click.option("--on", "on", default="today", show_default=True, help="The day (YYYY-MM-DD or 'today').")
@click.option("--orgs", default="post-soviet", show_default=True,
              help="Comma-separated organizations, or 'post-soviet' (cis, csto, eaeu, customs_union, union_state).")
@format_option()
@lang_option
@data_option
def overlap(on: str, orgs: str, fmt: str, lang: str, data_dir: Path | None) -> None:
    """Every non-empty region of the overlap of ORGS on a day (full members and associates)."""
    lang = normal_lang(lang)
    atlas = get_atlas(data_dir)
    wanted = ORG_SETS.get(orgs, orgs)
    rows = [{"orgs": list(z.orgs), "states": list(z.states),
             "names": [atlas.state_name(s, lang) for s in z.states]} for z in atlas.overlap(wanted, on=on)]
    if fmt == "json":
        emit(render(rows, fmt))
        return
    table = [{"zone": " ∩ ".join(atlas.org_name(o, lang, short=True) for o in r["orgs"]),
              "count": len(r["states"]), "states": ", ".join(r["names"] if fmt == "table" else r["states"])}
             for r in rows]
    emit(render(table, fmt, headers=_headers(lang)))


@click.command()
@click.option("--org", default=None, help="Only disputes about this organization.")
@click.option("--state", default=None, help="Only disputes about this state.")
@format_option()
@lang_option
@data_option
def disputes(org: str | None, state: str | None, fmt: str, lang: str, data_dir: Path | None) -> None:
    """Where sources (or the seed paper) disagree: every claim with its sources."""
    lang = normal_lang(lang)
    atlas = get_atlas(data_dir)
    items = atlas.disputes_of(org, state)
    data = [{"id": d.id, "org": d.org, "state": d.state, "topic": d.topic, "preferred": d.preferred,
             "note": d.note, "claims": [{"value": c.value, "sources": list(c.sources), "note": c.note}
                                        for c in d.claims]} for d in items]
    if fmt == "json":
        emit(render(data, fmt))
        return
    rows = [{"id": d["id"], "org": atlas.org_name(d["org"], lang, short=True) if d["org"] else "",
             "state": atlas.state_name(d["state"], lang) if d["state"] else "", "topic": d["topic"],
             "claim": ("✓ " if c["value"] == d["preferred"] else "  ") + c["value"],
             "sources": ", ".join(c["sources"]) or "(no stored source)"}
            for d in data for c in d["claims"]]
    emit(render(rows, fmt, headers=_headers(lang)) + ("\n✓ = the claim blocmap's events use" if fmt == "table" else ""))


@click.command()
@click.argument("key", required=False)
@format_option()
@data_option
def sources(key: str | None, fmt: str, data_dir: Path | None) -> None:
    """The bibliography, or one source (KEY) and what cites it."""
    atlas = get_atlas(data_dir)
    if key:
        source = atlas.source(key)
        cited = [e for e in atlas.events if key in e.sources]
        data = {**source.__dict__, "cited_by": [{"org": e.org, "state": e.state, "date": str(e.date),
                                                 "event": e.kind} for e in cited]}
        if fmt == "json":
            emit(render([], fmt, json_data=data))
        else:
            lines = [f"{k}: {v}" for k, v in source.__dict__.items() if v not in (None, False)]
            lines.append(f"cited by {len(cited)} events")
            lines += [f"  {c['date']} {c['org']} {c['state'] or ''} {c['event']}" for c in data["cited_by"]]
            emit("\n".join(lines))
        return
    counts: dict[str, int] = {}
    for e in atlas.events:
        for k in e.sources:
            counts[k] = counts.get(k, 0) + 1
    rows = [{"key": s.key, "title": s.title, "url": s.url, "publisher": s.publisher, "kind": s.kind,
             "official": s.official, "events": counts.get(s.key, 0)} for s in atlas.sources.values()]
    if fmt == "table":
        rows = [{"key": r["key"], "kind": r["kind"] + (" (official)" if r["official"] else ""),
                 "events": r["events"], "title": r["title"][:70]} for r in rows]
    emit(render(rows, fmt))


CITATION = """\
To cite blocmap and its data:

  blocmap contributors ({year}). blocmap: a temporal atlas of regional integration,
  version {version}. Curated membership data for {orgs} organizations,
  {events} dated events from {sources} sources.

Every answer lists its own sources (`blocmap sources KEY`); cite them for the facts you use.
Data blocmap builds on:
  - Correlates of War Project, State System Membership List v2024 (states' existence, COW codes).
  - Unicode CLDR through Babel (names of states).
  - Pevehouse, Nordstrom, McManus & Jamison (2020), "Tracking organizations in the world:
    The Correlates of War IGO Version 3.0 datasets", JPR 57(3): 492-503 (when you import COW IGO data).
  - World Bank, World Development Indicators (GDP, population; CC BY 4.0).
"""


@click.command()
@format_option(("text", "json", "bibtex"), default="text")
@data_option
def cite(fmt: str, data_dir: Path | None) -> None:
    """How to cite blocmap and the data it is built on."""
    from . import __version__

    atlas = get_atlas(data_dir)
    facts = {"version": __version__, "orgs": len(atlas.orgs), "events": len(atlas.events),
             "sources": len(atlas.sources), "year": "2026"}
    if fmt == "json":
        emit(render([], "json", json_data={**facts, "title": "blocmap: a temporal atlas of regional integration"}))
    elif fmt == "bibtex":
        emit("@software{blocmap,\n  title = {blocmap: a temporal atlas of regional integration},\n"
             f"  author = {{{{blocmap contributors}}}},\n  year = {{{facts['year']}}},\n"
             f"  version = {{{facts['version']}}}\n}}")
    else:
        emit(CITATION.format(**facts))


@click.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
def check(folder: Path | None) -> None:
    """Validate a data folder (the bundled one by default) and list every problem."""
    from .loader import BUNDLED, load_folder
    from .validate import check as run_checks

    raw = load_folder(folder or BUNDLED)
    problems = run_checks(raw)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s) in {raw.folder}", err=True)
        raise SystemExit(1)
    click.echo(f"ok: {raw.folder} — {len(raw.orgs)} organizations, {len(raw.states)} states, "
               f"{len(raw.events)} events, {len(raw.sources)} sources, {len(raw.disputes)} disputes")


OVERVIEW_ORGS = ["cis", "csto", "union_state", "eurasec", "customs_union", "eaeu", "guam", "sco"]


def overview_data(atlas, day, lang: str) -> dict:
    """The post-Soviet system on a day as data: each organization's states by status, the overlap."""
    orgs = []
    for org_id in OVERVIEW_ORGS:
        found = atlas.members(org_id, on=day)
        if not atlas.orgs[org_id].exists_on(day) and not found:
            continue
        groups: dict[str, list[dict]] = {}
        for m in found:
            groups.setdefault(m.status, []).append(
                {"state": m.state, "name": atlas.state_name(m.state, lang), "certain": m.certain})
        orgs.append({"org": org_id, "name": atlas.org_name(org_id, lang),
                     "acronym": atlas.org_name(org_id, lang, short=True), "members": groups})
    zones = [{"orgs": list(z.orgs), "states": list(z.states)}
             for z in atlas.overlap(ORG_SETS["post-soviet"], on=day)]
    return {"on": day.isoformat(), "orgs": orgs, "zones": zones}


@click.command()
@click.option("--on", "on", default="today", show_default=True, help="The day (YYYY-MM-DD or 'today').")
@format_option(("table", "json"))
@lang_option
@data_option
def overview(on: str, fmt: str, lang: str, data_dir: Path | None) -> None:
    """The post-Soviet system on a day: each organization's members and the overlap."""
    from .dates import parse_day

    lang = normal_lang(lang)
    atlas = get_atlas(data_dir)
    data = overview_data(atlas, parse_day(on, "on"), lang)
    if fmt == "json":
        emit(render([], "json", json_data=data))
        return
    out = [f"blocmap — {t('msg.as_of', lang)} {data['on']}", ""]
    for org in data["orgs"]:
        out.append(f"{org['name']} ({org['acronym']})")
        for status, states in org["members"].items():
            names = [s["name"] + ("" if s["certain"] else "*") for s in states]
            out.append(f"  {t('status.' + status, lang)} ({len(names)}): {', '.join(names)}")
        if not org["members"]:
            out.append(f"  {t('msg.none', lang)}")
    out += ["", t("col.zone", lang) + ":"]
    for zone in data["zones"]:
        label = " ∩ ".join(atlas.org_name(o, lang, short=True) for o in zone["orgs"])
        out.append(f"  {label}: {', '.join(atlas.state_name(s, lang) for s in zone['states'])}")
    out += ["", "blocmap members ORG --on DATE · blocmap history ORG · blocmap disputes · blocmap --help"]
    emit("\n".join(out))


def org_record(atlas, org_id: str, lang: str) -> dict:
    """Everything the data says about one organization (shared by `show` and the web API)."""
    org = atlas.orgs[org_id]
    treaty = org.founding_treaty
    return {
        "id": org.id, "name": atlas.org_name(org.id, lang), "acronym": atlas.org_name(org.id, lang, short=True),
        "names": dict(org.names), "acronyms": dict(org.acronyms),
        "name_sources": {k: list(v) for k, v in org.name_sources.items()},
        "kind": org.kind, "founded": str(org.founded) if org.founded else None,
        "dissolved": str(org.dissolved) if org.dissolved else None,
        "founding_treaty": None if treaty is None else {
            "name": treaty.name, "signed": str(treaty.signed) if treaty.signed else None, "place": treaty.place,
            "in_force": str(treaty.in_force) if treaty.in_force else None, "source": treaty.source},
        "seat": org.seat, "predecessors": list(org.predecessors), "successors": list(org.successors),
        "aliases": list(org.aliases), "sources": list(org.sources), "note": org.note,
        "events": len(atlas.history(org=org.id)), "disputes": [d.id for d in atlas.disputes_of(org=org.id)],
    }


@click.command()
@click.option("--on", "on", default="today", show_default=True, help="Count members on this day.")
@format_option()
@lang_option
@data_option
def orgs(on: str, fmt: str, lang: str, data_dir: Path | None) -> None:
    """The organizations in the atlas, with kind, dates and today's members."""
    lang = normal_lang(lang)
    atlas = get_atlas(data_dir)
    rows = []
    for org in atlas.orgs.values():
        found = atlas.members(org.id, on=on)
        rows.append({"org": org.id, "acronym": atlas.org_name(org.id, lang, short=True),
                     "name": atlas.org_name(org.id, lang), "kind": org.kind,
                     "founded": str(org.founded) if org.founded else None,
                     "dissolved": str(org.dissolved) if org.dissolved else None,
                     "members": sum(m.status in ("member", "associate") for m in found)})
    if fmt == "table":
        rows = [{**r, "kind": t(f"kind.{r['kind']}", lang), "dissolved": r["dissolved"] or ""} for r in rows]
    emit(render(rows, fmt, headers=_headers(lang)))


@click.command()
@click.argument("org")
@format_option(("table", "json"))
@lang_option
@data_option
def show(org: str, fmt: str, lang: str, data_dir: Path | None) -> None:
    """Everything about one organization: names, founding treaty, seat, links, sources, disputes."""
    lang = normal_lang(lang)
    atlas = get_atlas(data_dir)
    record = org_record(atlas, atlas.org(org).id, lang)
    if fmt == "json":
        emit(render([], "json", json_data=record))
        return
    lines = [f"{record['name']} ({record['acronym']}) — {record['id']}"]
    for code in ("en", "zh-Hant", "ru"):
        if code in record["names"]:
            sources = ", ".join(record["name_sources"].get(code, [])) or "no stored source"
            lines.append(f"  {code:7} {record['names'][code]} / {record['acronyms'].get(code, '')}  [{sources}]")
    lines.append(f"kind: {t('kind.' + record['kind'], lang)}")
    lines.append(f"founded: {record['founded'] or '?'}" + (f"; dissolved: {record['dissolved']}" if record["dissolved"] else ""))
    treaty = record["founding_treaty"]
    if treaty:
        parts = [treaty["name"]] + [f"{k.replace('_', ' ')} {treaty[k]}" for k in ("signed", "place", "in_force")
                                    if treaty[k]]
        lines.append("founding treaty: " + "; ".join(parts) + (f" [{treaty['source']}]" if treaty["source"] else ""))
    if record["seat"]:
        lines.append(f"seat: {record['seat']}")
    for key in ("predecessors", "successors", "aliases"):
        if record[key]:
            lines.append(f"{key}: {', '.join(record[key])}")
    lines.append(f"sources: {', '.join(record['sources'])}")
    lines.append(f"events: {record['events']} (blocmap history {record['id']})")
    if record["disputes"]:
        lines.append(f"disputes: {', '.join(record['disputes'])} (blocmap disputes --org {record['id']})")
    if record["note"]:
        lines.append(f"note: {record['note']}")
    emit("\n".join(lines))


def register(group: click.Group) -> None:
    for command in (members, memberships, history, diff, overlap, disputes, sources, cite, check, overview,
                    orgs, show):
        group.add_command(command)
