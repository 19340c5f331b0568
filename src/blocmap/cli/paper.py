"""Commands of the reproduce-the-paper feature: table, figure timeline, asymmetry, indicators, organs,
compare, report.  Each parses, calls one library function and renders."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import click

from blocmap.cli.shared import READER_KEY, Group, data_option, emit, get_atlas, lang_option, language, reader_lang, save
from blocmap.core.errors import QueryError
from blocmap.core.i18n import TABLE, aside, field, joined, t
from blocmap.core.messages import Text
from blocmap.core.output import render, to_json


# ---------------------------------------------------------------------------- helpers
class Progress:
    """Steps of a slow command on stderr — only on a terminal, or when asked with --progress."""

    def __init__(self, enabled: bool | None, total: int, lang: str = "en"):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.total, self.done, self.lang = total, 0, lang

    def __call__(self, message: Any) -> None:
        """One step: a year, or the name of a step (``step.<name>`` in the translation table)."""
        if self.enabled:
            self.done += 1
            said = t(f"step.{message}", self.lang) if f"step.{message}" in TABLE else str(message)
            click.echo(f"\r[{min(self.done, self.total)}/{self.total}] {said}".ljust(60), err=True, nl=False)

    def close(self) -> None:
        if self.enabled:
            click.echo("", err=True)


def _gloss(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    return None if value is None else language(value, "--gloss", ctx.meta.get(READER_KEY, "en"))


def progress_option(func: Callable) -> Callable:
    return click.option("--progress/--no-progress", "progress", default=None,
                        help="Show progress on stderr (default: only on a terminal).")(func)


def output_option(func: Callable) -> Callable:
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Write to this file (whole or not at all) instead of standard output.")(func)


def _format_from(output: Path | None, fmt: str | None, allowed: tuple[str, ...], default: str) -> str:
    if fmt:
        return fmt
    if output is not None and output.suffix.lower().lstrip(".") in allowed:
        return output.suffix.lower().lstrip(".")
    if output is not None and output.suffix.lower() in (".md", ".htm"):
        return {".md": "markdown", ".htm": "html"}[output.suffix.lower()]
    return default


# ---------------------------------------------------------------------------- table
@click.command("table")
@click.argument("org", required=False)
@click.option("--from", "start", default=None, help="First year.")
@click.option("--to", "end", default=None, help="Last year.")
@click.option("--years", default=None, help="Only these years, comma-separated (e.g. 1991,1993,2005).")
@click.option("--kinds", default=None, help="Event kinds to include, comma-separated, or 'all' "
                                            "(default: all but ratified, notified, announced, decided).")
@click.option("--paper", "paper_number", default=None, help="The paper's Table 1 or 2: its organizations and years.")
@click.option("--format", "fmt", type=click.Choice(("table", "markdown", "csv", "json", "html")), default=None,
              help="Output format (default: from the -o suffix, else table).")
@lang_option
@output_option
@data_option
def table_command(org: str | None, start: str | None, end: str | None, years: str | None, kinds: str | None,
                  paper_number: str | None, fmt: str | None, lang: str, output: Path | None,
                  data_dir: Path | None) -> None:
    """Membership milestones of ORG by year, generated from events (ORG: id, 'cst,csto' or 'collective-security')."""
    from blocmap.features.paper import tables
    from blocmap.features.paper.seed import paper_table

    atlas = get_atlas(data_dir)
    heading = None
    if paper_number is not None:
        entry = paper_table(paper_number)
        org = org or ",".join(entry["orgs"])
        years = years or ",".join(str(c["year"]) for c in entry["columns"])
        heading = entry["title"].get(lang) or entry["title"]["en"]
    if not org:
        raise QueryError.of("err.paper.give_org", "org")
    ids = tables.resolve_orgs(atlas, org)
    records = tables.table(atlas, ids, start, end, years, kinds, lang)
    heading = heading or tables.title(atlas, ids, lang)
    fmt = _format_from(output, fmt, ("markdown", "csv", "json", "html"), "table")
    if fmt == "json":
        text = to_json(records)
    elif fmt == "markdown":
        text = tables.to_markdown(records, heading, lang)
    elif fmt == "html":
        text = tables.to_html(records, heading, lang)
    elif fmt == "csv":
        text = render(tables.long_rows(records, lang), "csv")
    else:
        rows = [{"year": r["year"], "org": r["org"], "text": r["text"], "dates": ", ".join(r["dates"]),
                 "sources": ", ".join(r["sources"])} for r in records]
        text = heading + "\n\n" + render(rows, "table", headers={"year": t("col.year", lang), "org": t("col.org", lang),
                                                                 "text": t("col.event", lang), "dates": t("col.date", lang),
                                                                 "sources": t("col.sources", lang)}, lang=lang)
    emit(text, output)


# ---------------------------------------------------------------------------- figure timeline
@click.command("timeline")
@click.argument("org")
@click.option("--from", "start", default=None, help="First year shown.")
@click.option("--to", "end", default=None, help="Last year shown.")
@click.option("--format", "fmt", type=click.Choice(("svg", "png", "pdf")), default=None,
              help="Image format (default: from the -o suffix, else svg).")
@lang_option
@output_option
@data_option
def timeline_command(org: str, start: str | None, end: str | None, fmt: str | None, lang: str,
                     output: Path | None, data_dir: Path | None) -> None:
    """Membership timeline of ORG: one bar per state, coloured by status, with dated events."""
    from blocmap.features.paper.timeline_chart import render as render_figure
    from blocmap.features.paper.timeline_chart import timeline_figure

    fmt = _format_from(output, fmt, ("svg", "png", "pdf"), "svg")
    if output is not None and output.suffix.lower().lstrip(".") not in ("svg", "png", "pdf"):
        raise QueryError.of("err.image_suffix", "output", option="-o", path=output)
    atlas = get_atlas(data_dir)
    data = render_figure(timeline_figure(atlas, org, start, end, lang), fmt)
    if output is None:
        if fmt != "svg" and sys.stdout.isatty():
            raise QueryError.of("err.binary", "output", kind=fmt.upper(), suffix=fmt)
        sys.stdout.buffer.write(data)
    else:
        save(output, data)


# ---------------------------------------------------------------------------- asymmetry
def _asymmetry_table(result: dict[str, Any], lang: str) -> str:
    from blocmap.features import econ

    lines = [t("econ.title", lang).format(org=result["org_name"], year=result["year"]),
             t("econ.counted", lang).format(day=result["on"]), ""]
    rows = [{"state": m["state"], "name": m["name"], "status": t(f"status.{m['status']}", lang),
             "value": "—" if m["value"] is None else f"{m['value'] / 1e6:,.2f}",
             "share": "—" if m["share"] is None else f"{100 * m['share']:.2f}%"} for m in result["members"]]
    lines.append(render(rows, "table", headers={"state": t("col.state", lang), "name": t("col.name", lang),
                                                "status": t("col.status", lang),
                                                "value": t("econ.col.value" if result["indicator"] == "gdp"
                                                           else "econ.col.population", lang),
                                                "share": t("econ.col.share", lang)}, lang=lang))
    lines.append("")
    quote = result.get("quoted")
    fmt_ratio = lambda v: "—" if v is None else f"{v:.3f}"  # noqa: E731
    fmt_pct = lambda v: "—" if v is None else f"{100 * v:.1f}%"  # noqa: E731
    measures = [("econ.leader", result["leader"], quote and "RUS"),
                ("econ.runner_up", result["runner_up"], quote and "KAZ"),
                ("econ.leader_to_runner_up", fmt_ratio(result["leader_to_runner_up"]),
                 quote and f"{quote['leader_to_runner_up']} ({quote['values']['RUS'] / quote['values']['KAZ']:.3f})"),
                ("econ.rest_to_leader", fmt_pct(result["rest_to_leader"]),
                 quote and f"{100 * quote['rest_to_leader']:.0f}% ({100 * quote['others_sum'] / quote['values']['RUS']:.1f}%)"),
                ("econ.leader_share", fmt_pct(result["leader_share"]), None),
                ("econ.hhi", "—" if result["hhi"] is None else f"{result['hhi']:,.0f}", None)]
    table_rows = [{"measure": t(key, lang), "ours": ours, **({"paper": paper or ""} if quote else {})}
                  for key, ours, paper in measures]
    lines.append(render(table_rows, "table", headers={"measure": t("econ.measure", lang), "ours": t("econ.ours", lang),
                                                      "paper": t("econ.paper", lang)}, lang=lang))
    if result["missing"]:
        lines += ["", t("econ.missing", lang).format(states=joined(result["missing"], lang), year=result["year"],
                                                     n=result["counted"], m=len(result["members"]))]
    lines += ["", field(t("econ.vintage", lang), econ.vintage_for_reader(result["vintage"], lang), lang)
              + f" [{result['source'] or result['data']}]"]
    if quote:
        lines.append(t("econ.vintage_note", lang).format(vintage=econ.vintage_for_reader(result["vintage"], lang)))
    return "\n".join(lines)


@click.command("asymmetry")
@click.argument("org")
@click.option("--year", default=None, help="The year (members counted on 31 December unless --on).")
@click.option("--on", "on", default=None, help="The day whose members are counted (in --year).")
@click.option("--from", "start", default=None, help="First year of a series.")
@click.option("--to", "end", default=None, help="Last year of a series.")
@click.option("--indicator", type=click.Choice(("gdp", "population")), default="gdp", show_default=True)
@click.option("--indicators", "prefer", type=click.Choice(("auto", "bundled", "imported")), default="auto",
              show_default=True, help="Which copy of the series: an imported one if present (auto), or the bundled one.")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --from/--to: draw the leader's share to FILE.svg|png|pdf.")
@click.option("--paper-sets", is_flag=True,
              help="Which member set reproduces the paper's GDP sum of 'all members but Russia' (CIS, 2021).")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True)
@lang_option
@output_option
@progress_option
@data_option
def asymmetry_command(org: str, year: str | None, on: str | None, start: str | None, end: str | None,
                      indicator: str, prefer: str, chart: Path | None, paper_sets: bool, fmt: str, lang: str,
                      output: Path | None, progress: bool | None, data_dir: Path | None) -> None:
    """How lopsided ORG is: members' GDP and shares, leader, runner-up, ratios, HHI, data vintage."""
    from blocmap.features import econ

    atlas = get_atlas(data_dir)
    series = econ.load_series(indicator, prefer, data_folder=atlas.folder)
    if paper_sets:
        from blocmap.features.paper.seed import others_check

        if atlas.org(org).id != "cis" or indicator != "gdp":
            raise QueryError.of("err.paper.sets_cis", "paper-sets")
        check = others_check(atlas, series, int(year or 2021), lang=lang)
        if fmt == "json":
            emit(to_json(check), output)
            return
        rows = [{"set": r["set"], "states": " ".join(r["states"]), "sum": f"{r['sum'] / 1e6:,.2f}",
                 "difference": f"{100 * r['relative']:+.2f}%",
                 "with the paper's KAZ": "—" if r["relative_with_paper_kaz"] is None
                 else f"{100 * r['relative_with_paper_kaz']:+.2f}%"} for r in check["named"] + check["closest_subsets"]]
        emit(render(rows, fmt, lang=lang) + (f"\n{t('econ.paper', lang)}: {check['target'] / 1e6:,.2f}; {t('econ.vintage', lang)}: "
                                 f"{check['vintage']}" if fmt == "table" else ""), output)
        return
    if year is not None and (start or end):
        raise QueryError.of("err.cli_year_or_range", "year")
    if year is not None:
        if chart is not None:
            raise QueryError.of("err.chart_needs_range", "chart")
        result = econ.asymmetry(atlas, org, year, on=on, series=series, lang=lang)
        if fmt == "json":
            emit(to_json(result), output)
        elif fmt == "csv":
            emit(render(result["members"], "csv"), output)
        else:
            emit(_asymmetry_table(result, lang), output)
        return
    if not (start and end):
        raise QueryError.of("err.cli_year_needed", "year")
    first, last = econ.parse_year(start, "from"), econ.parse_year(end, "to")
    bar = Progress(progress, max(1, last - first + 1))
    try:
        results = econ.asymmetry_over_time(atlas, org, first, last, series=series, lang=lang, progress=bar)
    finally:
        bar.close()
    rows = [{"year": r["year"], "members": len(r["members"]), "counted": r["counted"],
             "missing": " ".join(r["missing"]), "leader": r["leader"], "runner_up": r["runner_up"],
             "leader_share": r["leader_share"], "leader_to_runner_up": r["leader_to_runner_up"],
             "rest_to_leader": r["rest_to_leader"], "hhi": r["hhi"]} for r in results]
    if chart is not None:
        from blocmap.features.paper.asymmetry_chart import leader_share_figure
        from blocmap.features.paper.timeline_chart import render as render_figure

        kind = chart.suffix.lower().lstrip(".")
        if kind not in ("svg", "png", "pdf"):
            raise QueryError.of("err.image_suffix", "chart", option="--chart", path=chart)
        save(chart, render_figure(leader_share_figure(atlas, results, lang), kind))
    if fmt == "json":
        emit(to_json(results), output)
    elif fmt == "csv":
        emit(render(rows, "csv"), output)
    else:
        pretty = [{**r, **{k: ("—" if r[k] is None else f"{r[k]:.3f}") for k in ("leader_share", "leader_to_runner_up",
                                                                                 "rest_to_leader")},
                   "hhi": "—" if r["hhi"] is None else f"{r['hhi']:,.0f}"} for r in rows]
        note = "\n" + field(t("econ.vintage", lang), econ.vintage_for_reader(series.vintage, lang), lang)
        if any(r["missing"] for r in rows):
            note += "\n" + t("econ.missing_column", lang)
        headers = {k: t(f"econ.col.{k}", lang) for k in pretty[0]} if pretty else None
        emit(render(pretty, "table", headers=headers, lang=lang) + note, output)


# ---------------------------------------------------------------------------- indicators
@click.group("indicators", cls=Group)
def indicators_group() -> None:
    """World Bank series: what is used (bundled or imported), and importing a newer download."""


@indicators_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--indicator", type=click.Choice(("gdp", "population")), default=None,
              help="Which series the file holds (read from the World Bank file when it says).")
@click.option("--vintage", default=None, help="The data's vintage, e.g. 'WDI 2024-12-16' (the bulk CSV says it).")
@data_option
def indicators_import(file: Path, indicator: str | None, vintage: str | None, data_dir: Path | None) -> None:
    """Import a WDI CSV (World Bank bulk or datahub layout) into your data folder; bad rows are named."""
    from blocmap.features import econ

    series, summary, path = econ.import_series(file, indicator, vintage,
                                               folder=econ.imported_dir(get_atlas(data_dir).folder))
    lang = reader_lang()
    click.echo(Text("cli.wrote", {"path": path}).render(lang), err=True)
    click.echo(Text("cli.imported_series", {"indicator": series.indicator, "code": series.code, "summary": summary,
                                            "vintage": econ.vintage_for_reader(series.vintage, lang)}).render(lang))


@indicators_group.command("show")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@lang_option
@data_option
def indicators_show(fmt: str, lang: str, data_dir: Path | None) -> None:
    """Which copy of each series is in use, its vintage and licence (JSON: the full provenance)."""
    from blocmap.features import econ

    folder = get_atlas(data_dir).folder
    rows = []
    for name in econ.INDICATORS:
        series = econ.load_series(name, data_folder=folder)
        years = series.years()
        rows.append({**series.meta(), "years": f"{years.start}–{years.stop - 1}", "values": len(series.values)})
    if fmt == "json":
        emit(render(rows, fmt, lang=lang))
        return
    table = [{"indicator": t(f"ind.{r['indicator']}", lang), "code": r["code"], "source": r["source"],
              "vintage": econ.vintage_for_reader(r["vintage"], lang), "origin": t(f"ind.origin.{r['origin']}", lang)
              if r["origin"] in ("bundled",) else r["origin"], "years": r["years"], "values": r["values"]}
             for r in rows]
    emit(render(table, "table", headers={k: t(f"ind.col.{k}", lang) for k in table[0]}, lang=lang))


# ---------------------------------------------------------------------------- organs and depth
@click.command("organs")
@click.argument("org", required=False)
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True)
@lang_option
@output_option
@data_option
def organs_command(org: str | None, fmt: str, lang: str, output: Path | None, data_dir: Path | None) -> None:
    """The organs of ORG (all when omitted): composition, meetings, decision rule, seat, terms, sources."""
    from blocmap.features.organs import organ_record, organs

    records = [organ_record(o, lang) for o in organs(get_atlas(data_dir), org)]
    if fmt == "json":
        emit(to_json(records), output)
    elif fmt == "csv":
        emit(render([{k: v for k, v in r.items() if k != "names"} for r in records], "csv"), output)
    else:
        blocks = []
        for r in records:
            head = f"{r['org']}/{r['id']}  {r['name']}  [{field(t('organ.level', lang), t('web.level.' + r['level'], lang), lang)}]"
            body = ["  " + field(t("organ." + f, lang), r[f] or t("msg.not_documented", lang), lang)
                    for f in ("composition", "meets", "decision_rule", "seat", "term_of_office", "established")]
            if r["dispute"]:
                body.append("  ⚠ " + field(r["dispute"], f"blocmap disputes --org {r['org']}", lang))
            body.append("  " + field(t("col.sources", lang), joined(r["sources"], lang), lang))
            blocks.append("\n".join([head, *body]))
        emit("\n\n".join(blocks) if blocks else t("msg.none", lang), output)


@click.command("compare")
@click.argument("orgs", nargs=-1)
@click.option("--on", "on", default="today", show_default=True, help="The day (YYYY-MM-DD or 'today').")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv", "markdown")), default="table",
              show_default=True)
@click.option("--details", is_flag=True, help="Show what each value means and since when.")
@lang_option
@output_option
@data_option
def compare_command(orgs: tuple[str, ...], on: str, fmt: str, details: bool, lang: str, output: Path | None,
                    data_dir: Path | None) -> None:
    """Depth of integration side by side on a day (default: cis union_state eaeu csto eu)."""
    from blocmap.core.dates import parse_day
    from blocmap.features.depth import DEFAULT_ORGS, compare

    atlas = get_atlas(data_dir)
    day = parse_day(on, "--on")
    wanted = [o for item in orgs for o in item.split(",") if o] or list(DEFAULT_ORGS)
    rows = compare(atlas, wanted, lang, day)
    ids = atlas.org_ids(wanted, "orgs")
    if fmt == "json":
        emit(to_json(rows), output)
        return
    if fmt == "csv":
        emit(render(rows, "csv"), output)
        return
    def cell(row: dict, org: str) -> str:
        text = row[org]
        if details and row.get(f"{org}_detail"):
            text += f" ({row[f'{org}_detail']})"
        if details and row.get(f"{org}_since"):
            text += f" [{row[f'{org}_since']}]"
        return text
    table_rows = [{"label": r["label"], **{o: cell(r, o) for o in ids}} for r in rows]
    headers = {"label": t("depth.dimension", lang), **{o: atlas.org_name(o, lang, short=True, on=day) for o in ids}}
    if fmt == "markdown":
        head = "| " + " | ".join(headers.values()) + " |\n|" + "---|" * len(headers)
        body = "\n".join("| " + " | ".join(str(r[k]).replace("|", "\\|") for k in headers) + " |" for r in table_rows)
        emit(f"{head}\n{body}", output)
    else:
        if not details:
            # the decision rules are long sentences: their first clause in the terminal table (the
            # table wraps to the terminal; --details gives them whole)
            table_rows[-1] = {k: (v if k == "label" else v.split(";")[0].split("；")[0]) for k, v in table_rows[-1].items()}
        emit(render(table_rows, "table", headers=headers, lang=lang), output)


# ---------------------------------------------------------------------------- report
@click.command("report")
@click.option("--on", "on", default="today", show_default=True, help="The day the report describes.")
@lang_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="FILE.html, FILE.pdf or FILE.png (PNG: the pages, one below the other).")
@click.option("--gloss", default=None, metavar="LANG", callback=_gloss,
              help="Also give headings and names, smaller, in this language (--gloss en: a bilingual report).")
@progress_option
@data_option
def report_command(on: str, lang: str, gloss: str | None, output: Path, progress: bool | None,
                   data_dir: Path | None) -> None:
    """A report of the post-Soviet system on a day, in --lang: members, Tables 1–2, timelines, asymmetry,
    organs, depth, disagreements, sources."""
    from blocmap.features.report.build import render_report, step_count

    kind = output.suffix.lower().lstrip(".")
    if kind not in ("html", "pdf", "png"):
        raise QueryError.of("err.report_suffix", "output", path=output)
    if not output.parent.exists():
        raise QueryError.of("err.no_folder", "-o", option="-o", path=output, folder=output.parent)
    atlas = get_atlas(data_dir)
    bar = Progress(progress, step_count(kind), lang)
    try:
        data = render_report(atlas, on, lang, kind, progress=bar, gloss=gloss)
    finally:
        bar.close()
    save(output, data)


def register(group: click.Group, figure: click.Group) -> None:
    for command in (table_command, asymmetry_command, indicators_group, organs_command, compare_command,
                    report_command):
        group.add_command(command)
    figure.add_command(timeline_command)
