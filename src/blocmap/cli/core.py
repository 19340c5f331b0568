"""Question commands: members, memberships, history, diff, overlap, disputes, sources, cite,
check, overview, orgs, show.

Each command parses its options, asks ``blocmap.answers`` and renders the rows: ``--format
json`` prints the rows as they are (the web API returns the very same), ``table`` and ``csv``
lay them out for a reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from blocmap.cli.shared import data_option, db_option, emit, format_option, get_answers, lang_option
from blocmap.core.i18n import Count, Text, aside, field, joined, named, t, tn
from blocmap.core.model import LANGS, STATUS_EVENTS, STATUSES
from blocmap.core.output import render

HEADERS = ("org", "state", "name", "status", "since", "sources", "date", "event", "note", "before", "after",
           "zone", "states", "count", "topic", "claim", "preferred", "key", "title", "url", "kind", "acronym",
           "founded", "dissolved", "members", "events", "official", "what")


def _headers(lang: str) -> dict:
    return {k: t(f"col.{k}", lang) for k in HEADERS}


def _membership_table(rows: list[dict], lang: str, first: str) -> str:
    """Membership rows for a reader (of an organization: first='state'; of a state: 'org')."""
    table = [{first: r[first], "name": r["name" if first == "state" else "org_name"],
              "status": t(f"status.{r['status']}", lang) + (
                  t("status.via", lang).format(org=r["continues_in"]) if r.get("continues_in") else ""),
              "since": r["since"] + ("" if r["certain"] else " *"),
              "sources": ", ".join(r["sources"])} for r in rows]
    text = render(table, "table", headers=_headers(lang), lang=lang)
    return text + ("\n" + t("msg.uncertain", lang) if any(not r["certain"] for r in rows) else "")


def _emit_memberships(rows: list[dict], first: str, fmt: str, lang: str) -> None:
    emit(_membership_table(rows, lang, first) if fmt == "table" else render(rows, fmt, lang=lang))


def _as_of_options(func):
    for option in reversed((click.option("--on", "on", default="today", show_default=True,
                                         help="The day (YYYY-MM-DD or 'today')."),
                            click.option("--status", "statuses", default=None,
                                         help=f"Only these statuses, comma-separated ({', '.join(STATUSES[:-1])})."),
                            format_option(), lang_option, data_option, db_option)):
        func = option(func)
    return func


@click.command()
@click.argument("org")
@_as_of_options
def members(org: str, on: str, statuses: str | None, fmt: str, lang: str, data_dir: Path | None,
            db: Path | None) -> None:
    """States in ORG on a day, with their status and sources.

    ORG may also be an organization imported from the COW IGO data (`blocmap import cow`),
    answered at year precision from the world store."""
    rows = get_answers(data_dir, db).members(org, on, lang, statuses)
    _emit_memberships(rows, "state", fmt, lang)


@click.command()
@click.argument("state")
@_as_of_options
@click.option("--world", "with_world", is_flag=True,
              help="Also the organizations imported from the COW IGO data (to 2014).")
def memberships(state: str, on: str, statuses: str | None, fmt: str, lang: str, data_dir: Path | None,
                db: Path | None, with_world: bool) -> None:
    """Organizations STATE belonged to on a day, with status and sources."""
    rows = get_answers(data_dir, db).memberships(state, on, lang, statuses, world=with_world)
    _emit_memberships(rows, "org", fmt, lang)


@click.command()
@click.argument("subject")
@click.option("--kind", "kinds", default=None,
              help="Only events of these kinds, comma-separated (applied, candidate, negotiations_opened, joined …).")
@format_option()
@lang_option
@data_option
def history(subject: str, kinds: str | None, fmt: str, lang: str, data_dir: Path | None) -> None:
    """Dated events of an organization or a state (SUBJECT), with sources."""
    answers = get_answers(data_dir)
    org, state = answers.subject(subject)
    rows = answers.history(org, state, lang, kinds)
    if fmt != "table":
        emit(render(rows, fmt, lang=lang))
        return
    dispute = t("col.dispute", lang)
    notes: list[str] = []
    table = []
    for r in rows:
        marks = []
        for c in r["citations"]:
            if c["quote"]:
                notes.append(_quote_note(len(notes) + 1, c, lang))
                marks.append(f"{c['source']} [{len(notes)}]")
            else:
                marks.append(c["source"])
        table.append({"date": r["date"], "org": r["org"], "state": r["state"] or "—",
                      "event": t(f"event.{r['event']}", lang) + (
                          f" → {t('status.' + r['status'], lang)}"
                          if r["status"] and STATUS_EVENTS.get(r["event"]) != r["status"] else ""),
                      "what": r["title"] or "",
                      "sources": ", ".join(marks) + (f" [{field(dispute, r['dispute'], lang)}]" if r["dispute"] else "")})
    out = render(table, fmt, headers=_headers(lang), lang=lang)
    if notes:
        out += "\n\n" + t("history.notes", lang) + "\n" + "\n".join(notes)
    emit(out)


def _quote_note(number: int, citation: dict, lang: str) -> str:
    """A numbered note: the source's own words, where they are, the day read, the translated title."""
    where = joined((x for x in (citation["at"], citation["read"] and f"{t('history.read', lang)} {citation['read']}")
                    if x), lang, semicolons=True)
    title = citation["title_translated"] or citation["title"] or ""
    quoted = Text("text.quote", {"text": citation["quote"]}).render(lang)
    said = field(citation["source"], quoted, lang)
    return f"[{number}] " + (aside(said, where, lang) if where else said) + (f" — {title}" if title else "")


@click.command()
@click.argument("date1")
@click.argument("date2")
@click.option("--orgs", default=None, help="Comma-separated organizations (default: all).")
@format_option()
@lang_option
@data_option
def diff(date1: str, date2: str, orgs: str | None, fmt: str, lang: str, data_dir: Path | None) -> None:
    """Who joined, left or changed status between DATE1 and DATE2."""
    rows = get_answers(data_dir).diff(date1, date2, orgs, lang)
    if fmt == "table":
        table = [{"org": r["org"], "state": r["state"], "name": r["name"],
                  "before": t(f"status.{r['before'] or 'none'}", lang),
                  "after": t(f"status.{r['after'] or 'none'}", lang),
                  "event": joined((f"{e['date']} {t('event.' + e['event'], lang)}" for e in r["events"]), lang,
                                  semicolons=True)}
                 for r in rows]
        emit(render(table, fmt, headers=_headers(lang), lang=lang))
    elif fmt == "csv":
        flat = [{**r, "events": "; ".join(f"{e['date']} {e['event']}" for e in r["events"])} for r in rows]
        emit(render(flat, fmt, lang=lang))
    else:
        emit(render(rows, fmt, lang=lang))


@click.command()
@click.option("--on", "on", default="today", show_default=True, help="The day (YYYY-MM-DD or 'today').")
@click.option("--orgs", default="post-soviet", show_default=True,
              help="Comma-separated organizations; 'post-soviet' stands for cis, csto, eaeu, customs_union, union_state.")
@format_option()
@lang_option
@data_option
@db_option
def overlap(on: str, orgs: str, fmt: str, lang: str, data_dir: Path | None, db: Path | None) -> None:
    """Every non-empty region of the overlap of ORGS on a day (full members and associates)."""
    answers = get_answers(data_dir, db)
    rows = answers.overlap(orgs, on, lang)
    if fmt == "json":
        emit(render(rows, fmt, lang=lang))
        return
    table = [{"zone": " ∩ ".join(answers.org_name(o, lang, short=True) for o in r["orgs"]),
              "count": len(r["states"]),
              "states": joined(r["names"], lang) if fmt == "table" else ", ".join(r["states"])}
             for r in rows]
    emit(render(table, fmt, headers=_headers(lang), lang=lang))


@click.command()
@click.option("--org", default=None, help="Only disputes about this organization.")
@click.option("--state", default=None, help="Only disputes about this state.")
@format_option()
@lang_option
@data_option
def disputes(org: str | None, state: str | None, fmt: str, lang: str, data_dir: Path | None) -> None:
    """Where sources (or the seed paper) disagree: every claim with its sources."""
    data = get_answers(data_dir).disputes(org, state, lang)
    if fmt == "json":
        emit(render(data, fmt, lang=lang))
        return
    rows = [{"id": d["id"], "org": d["org_name"] or "", "state": d["name"] or "", "topic": d["topic"],
             "claim": ("✓ " if c["preferred"] else "  ") + c["value"],
             "sources": ", ".join(c["sources"]) or t("msg.no_source", lang)}
            for d in data for c in d["claims"]]
    emit(render(rows, fmt, headers={**_headers(lang), "id": "id"}, lang=lang)
         + ("\n" + t("msg.preferred_claim", lang) if fmt == "table" else ""))


@click.command()
@click.argument("key", required=False)
@format_option()
@lang_option
@data_option
def sources(key: str | None, fmt: str, lang: str, data_dir: Path | None) -> None:
    """The bibliography, or one source (KEY) and what cites it."""
    answers = get_answers(data_dir)
    if key:
        record = answers.source(key, lang)
        if fmt == "json":
            emit(render([], fmt, json_data=record, lang=lang))
            return
        lines = [field(t("source." + k, lang), _source_value(k, v, lang), lang)
                 for k, v in record.items() if k not in ("cited_by", "disputes") and v not in (None, False)]
        lines.append(tn("msg.cited_by", len(record["cited_by"]), lang))
        for c in record["cited_by"]:
            lines.append(f"  {c['date']} {c['org']} {c['state'] or ''} {c['title'] or t('event.' + c['event'], lang)}")
            lines += [f"    {_quote_note(n, q, lang)[len(str(n)) + 3:]}" for n, q in enumerate(c["citations"], 1)
                      if q["source"] == record["key"] and q["quote"]]
        emit("\n".join(lines))
        return
    rows = answers.sources(lang)
    if fmt == "table":
        rows = [{"key": r["key"], "kind": t(f"source_kind.{r['kind']}", lang) + (" ✓" if r["official"] else ""),
                 "events": r["events"], "title": _shorten(r["title"], 70)} for r in rows]
        emit(render(rows, fmt, headers=_headers(lang), lang=lang))
        return
    emit(render(rows, fmt, lang=lang))


def _source_value(field: str, value: Any, lang: str) -> str:
    """A field of a source record as a reader sees it: its kind and yes/no in ``lang``, the rest as given."""
    if field == "kind":
        return t(f"source_kind.{value}", lang)
    if field == "class":
        return t(f"source_class.{value}", lang)
    if isinstance(value, bool):
        return t("value.yes" if value else "value.no", lang)
    return str(value)


def _shorten(text: str, width: int) -> str:
    """At most ``width`` characters, cut between words with an ellipsis (never mid-word)."""
    import textwrap

    return textwrap.shorten(text, width, placeholder=" …")


#: The title blocmap is cited by, in every language (a bibliographic title stays as published).
TITLE = "blocmap: a temporal atlas of regional integration"
#: The data blocmap builds on, as each is cited (bibliographic entries stay as published).
BUILT_ON = (
    ("cite.cow_states", "Correlates of War Project, State System Membership List v2024"),
    ("cite.cldr", "Unicode CLDR, Babel"),
    ("cite.cow_igo", 'Pevehouse, Nordstrom, McManus & Jamison (2020), "Tracking organizations in the world: '
                     'The Correlates of War IGO Version 3.0 datasets", JPR 57(3): 492-503'),
    ("cite.wdi", "World Bank, World Development Indicators (CC BY 4.0)"),
)


def cite_holds(facts: dict, lang: str) -> str:
    """What the data holds, each count in the form its number takes in ``lang``."""
    return Text("cite.holds", {"orgs": Count("count.organizations", facts["orgs"]),
                               "events": Count("count.dated_events", facts["events"]),
                               "sources": Count("count.sources", facts["sources"])}).render(lang)


def citation(facts: dict, lang: str) -> str:
    """How to cite blocmap, in ``lang``: the entry as published, what it holds and what it builds on."""
    entry = (f"blocmap contributors ({facts['year']}). {TITLE}, version {facts['version']}, "
             f"data version {facts['data_version']}.")
    lines = [t("cite.intro", lang), "", f"  {entry}", "  " + cite_holds(facts, lang),
             "  " + t("cite.data_sha", lang).format(version=facts["data_version"], sha256=facts["data_sha256"][:12]), "",
             t("cite.sources", lang), t("cite.built_on", lang)]
    lines += [f"  - {reference} — {t(key, lang)}" for key, reference in BUILT_ON]
    return "\n".join(lines) + "\n"


@click.command()
@format_option(("text", "json", "bibtex"), default="text")
@lang_option
@data_option
def cite(fmt: str, lang: str, data_dir: Path | None) -> None:
    """How to cite blocmap and the data it is built on."""
    from blocmap.core.version import __version__

    from blocmap.core.world.dataset import data_version

    atlas = get_answers(data_dir).atlas
    data = data_version(atlas.folder)  # the data actually read: its date, digest, and whether it was changed
    facts = {"version": __version__, "orgs": len(atlas.orgs), "events": len(atlas.events),
             "sources": len(atlas.sources), "year": data["date"][:4], "data_version": data["version"],
             "data_date": data["date"], "data_sha256": data["sha256"]}
    if fmt == "json":
        emit(render([], "json", json_data={**facts, "title": TITLE}))
    elif fmt == "bibtex":
        emit("@software{blocmap,\n  title = {" + TITLE + "},\n"
             f"  author = {{{{blocmap contributors}}}},\n  year = {{{facts['year']}}},\n"
             f"  version = {{{facts['version']}}},\n"
             f"  note = {{data version {facts['data_version']}, sha256 {facts['data_sha256'][:12]}}}\n}}")
    else:
        emit(citation(facts, lang))


@click.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@format_option(("text", "json"), default="text")
@click.option("--single-sources", "list_single", is_flag=True,
              help="Also list every event that rests on one source (file:line).")
@lang_option
@data_option
def check(folder: Path | None, fmt: str, list_single: bool, lang: str, data_dir: Path | None) -> None:
    """Validate a data folder (FOLDER, else --data or $BLOCMAP_DATA, else the bundled one), list
    every problem, and show the data's quality per organization: the share of events dated to
    the day, citing an official source, citing two independent sources."""
    from blocmap.core.atlas import Atlas
    from blocmap.core.loader import BUNDLED, load_folder
    from blocmap.features.quality import quality
    from blocmap.features.checks import check_folder as run_checks

    raw = load_folder(folder or data_dir or BUNDLED)
    problems = run_checks(raw)
    total = max(raw.total_problems, len(problems))
    summary = {"folder": str(raw.folder), "ok": not problems, "problems": [p.render(lang) for p in problems],
               "total_problems": total, "organizations": len(raw.orgs), "states": len(raw.states),
               "events": len(raw.events), "sources": len(raw.sources), "disputes": len(raw.disputes)}
    if not problems:
        atlas = Atlas(raw.folder, raw.orgs, raw.states, raw.sources, raw.events, raw.disputes)
        summary["quality"] = quality(atlas)
    if fmt == "json":
        emit(render([], "json", json_data=summary))
    else:
        for problem in problems:
            click.echo(problem.render(lang))
        if not problems:
            click.echo(Text("check.ok", {"folder": raw.folder, "orgs": Count("count.organizations", len(raw.orgs)),
                                         "states": Count("count.states", len(raw.states)),
                                         "events": Count("count.events", len(raw.events)),
                                         "sources": Count("count.sources", len(raw.sources)),
                                         "disputes": Count("count.disputes", len(raw.disputes))}).render(lang))
            rows = [{t("check.col.org", lang): q["org"], t("check.col.events", lang): q["events"],
                     t("check.col.day", lang): f"{100 * q['day_precise']:.0f}%",
                     t("check.col.official", lang): f"{100 * q['official_source']:.0f}%",
                     t("check.col.two", lang): f"{100 * q['two_independent_sources']:.0f}%",
                     t("check.col.single", lang): len(q["single_source_events"]),
                     t("check.col.changes", lang): q["status_changes"],
                     t("check.col.standard", lang): f"{100 * q['meets_standard']:.0f}%",
                     t("check.col.official_status", lang): f"{100 * q['official_status']:.0f}%",
                     t("check.col.quoted", lang): f"{100 * q['quoted']:.0f}%"} for q in summary["quality"]]
            click.echo("\n" + render(rows, "table", lang=lang))
            below = [where for q in summary["quality"] for where in q["below_standard"]]
            changes = sum(q["status_changes"] for q in summary["quality"])
            met = changes - len(below)
            click.echo("\n" + t("check.standard", lang).format(
                met=met, n=changes, share=f"{100 * met / changes:.0f}%" if changes else "100%"))
            for where in below:
                click.echo(t("check.below", lang).format(where=where))
            # a status change below the standard says in its evidence_gap what is out of reach
            if list_single:
                for q in summary["quality"]:
                    for where in q["single_source_events"]:
                        click.echo(t("check.single", lang).format(where=where))
    if problems:
        click.echo(tn("check.problems", total, lang, folder=raw.folder), err=True)
        raise SystemExit(1)


@click.command()
@click.option("--on", "on", default="today", show_default=True, help="The day (YYYY-MM-DD or 'today').")
@format_option(("table", "json"))
@lang_option
@data_option
def overview(on: str, fmt: str, lang: str, data_dir: Path | None) -> None:
    """The post-Soviet system on a day: each organization's members and the overlap."""
    from blocmap.answers import OVERVIEW_ORGS

    answers = get_answers(data_dir)
    data = answers.day(on, lang, OVERVIEW_ORGS)
    if fmt == "json":
        emit(render([], "json", json_data=data))
        return
    out = [f"blocmap — {t('msg.as_of', lang)} {data['on']}", ""]
    for org in data["orgs"]:
        out.append(named(org["name"], org["acronym"], lang))
        for status, rows in org["by_status"].items():
            names = [r["name"] + ("" if r["certain"] else "*") for r in rows]
            out.append("  " + field(aside(t("status." + status, lang), len(names), lang), joined(names, lang), lang))
        if not org["members"]:
            out.append(f"  {t('msg.none', lang)}")
    out += ["", Text("cli.heading", {"heading": t("col.zone", lang)}).render(lang)]
    for zone in data["overlap"]["zones"]:
        label = " ∩ ".join(answers.org_name(o, lang, short=True) for o in zone["orgs"])
        out.append("  " + field(label, joined(zone["names"], lang), lang))
    out += ["", "blocmap members ORG --on DATE · blocmap history ORG · blocmap disputes · blocmap --help"]
    emit("\n".join(out))


@click.command()
@click.option("--on", "on", default="today", show_default=True, help="Count members on this day.")
@format_option()
@lang_option
@data_option
def orgs(on: str, fmt: str, lang: str, data_dir: Path | None) -> None:
    """The organizations in the atlas, with kind, dates and today's members."""
    rows = get_answers(data_dir).orgs(on, lang)
    if fmt == "table":
        rows = [{"org": r["org"], "acronym": r["acronym"],
                 "name": r["name"] + (t("org.today", lang).format(name=r["name_today"])
                                      if r["name_today"] != r["name"] else ""),
                 "kind": t(f"kind.{r['kind']}", lang), "founded": r["founded"], "dissolved": r["dissolved"] or "",
                 "members": str(r["members"]) + (t("status.via", lang).format(org=r["continues_in"])
                                                 if r["continues_in"] else "")} for r in rows]
    emit(render(rows, fmt, headers=_headers(lang), lang=lang))


@click.command()
@click.argument("org")
@format_option(("table", "json"))
@lang_option
@data_option
@db_option
def show(org: str, fmt: str, lang: str, data_dir: Path | None, db: Path | None) -> None:
    """Everything about one organization: names, founding treaty, seat, links, sources, disputes."""
    record = get_answers(data_dir, db).org_record(org, lang)
    if fmt == "json":
        emit(render([], "json", json_data=record))
        return
    label = lambda key: t(f"show.{key}", lang)  # noqa: E731
    line = lambda key, value: field(label(key), value, lang)  # noqa: E731
    lines = [f"{named(record['name'], record['acronym'], lang)} — {record['id']}"]
    for code in LANGS:
        if code in record["names"]:
            cited = ", ".join(record["name_sources"].get(code, [])) or t("msg.no_source", lang)
            acronym = record["acronyms"].get(code, "")
            both = record["names"][code] + (f" / {acronym}" if acronym and acronym != record["names"][code] else "")
            lines.append(f"  {code:7} {both}  [{cited}]")
    for former in record["former_names"]:
        name = former["names"].get(lang) or former["names"]["en"]
        acronym = former["acronyms"].get(lang) or former["acronyms"].get("en")
        shown = f"{name}{f' / {acronym}' if acronym and acronym != name else ''}"
        lines.append("  " + line("former_name", aside(shown, f"{label('until')} {former['until']}", lang))
                     + (f"  [{former['source']}]" if former["source"] else ""))
    if record["kind"]:
        lines.append(line("kind", t("kind." + record["kind"], lang)))
    lines.append(line("founded", record["founded"] or "?")
                 + (t("list.semicolon", lang) + line("dissolved", record["dissolved"]) if record["dissolved"] else ""))
    treaty = record["founding_treaty"]
    if treaty:
        parts = [treaty["name"]] + [f"{label(k)} {treaty[k]}" for k in ("signed", "place", "in_force") if treaty[k]]
        lines.append(line("founding_treaty", joined(parts, lang, semicolons=True))
                     + (f" [{treaty['source']}]" if treaty["source"] else ""))
    if record["seat"]:
        lines.append(line("seat", record["seat"]))
    for key in ("predecessors", "successors"):
        if record[key]:
            lines.append(line(key, joined((o["id"] for o in record[key]), lang)))
    if record["aliases"]:
        lines.append(line("aliases", joined(record["aliases"], lang)))
    lines.append(line("sources", joined(record["sources"], lang)))
    lines.append(line("events", aside(record["events"], f"blocmap history {record['id']}", lang)))
    if record["disputes"]:
        lines.append(line("disputes", aside(joined(record["disputes"], lang),
                                            f"blocmap disputes --org {record['id']}", lang)))
    if record["note"]:
        lines.append(line("note", record["note"]))
        lines += [f"  [{n}] {key}" for n, key in enumerate(record["note_sources"], 1)]
    emit("\n".join(lines))


def register(group: click.Group, figure: click.Group) -> None:
    for command in (members, memberships, history, diff, overlap, disputes, sources, cite, check, overview,
                    orgs, show):
        group.add_command(command)
