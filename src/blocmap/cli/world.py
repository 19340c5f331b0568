"""World-scale commands: ``import cow``, ``export state-year|dyad-year|org-year``, ``audit cow``.

Thin: each command parses, calls ``blocmap.core.world`` and renders.  pandas and DuckDB are
imported inside the commands so that ``blocmap --help`` and the core commands stay fast.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Callable

import click

from blocmap.cli.shared import Group, data_option, db_option, emit, get_answers, lang_option, note, save
from blocmap.core.errors import QueryError
from blocmap.core.messages import Count, Text

EXPORT_FORMATS = ("csv", "parquet", "json", "dta")
CODEBOOK_FORMATS = ("md", "html", "pdf")
TABLES = ("state-year", "dyad-year", "org-year")
#: Names a binary export is not written under (a Stata file called .csv would mislead).
TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".md", ".html")


def _orgs(values: tuple[str, ...]) -> list[str] | None:
    from blocmap.core.atlas import split_list

    return split_list(values) or None


class _Bar:
    """A progress bar on stderr, drawn only for a terminal or when asked (never in pipes).

    Drawn by hand because click's bar hides itself whenever stderr is not a terminal, and
    ``--progress`` must work in a log file too.
    """

    WIDTH = 30

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.stage: str | None = None
        self.shown = -1

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self.stage:
            self.close()
            self.stage, self.shown = stage, -1
        percent = int(100 * done / total) if total else 100
        if percent == self.shown:
            return
        self.shown = percent
        filled = self.WIDTH * percent // 100
        sys.stderr.write(f"\r{stage:<10} [{'#' * filled}{'-' * (self.WIDTH - filled)}] {percent:3d}%")
        sys.stderr.flush()

    def close(self) -> None:
        if self.stage is not None:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.stage = None


@click.command("cow")
@click.argument("state_year", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--igo-year", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="COW IGO-year file (names, dates and type flags of the organizations).")
@click.option("--states", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="COW state list (states2016.csv or statelist2024.csv): names and exact dates; default: the one blocmap ships (COW's v2024).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: only on a terminal).")
@lang_option
@db_option
def import_cow_command(state_year: Path, igo_year: Path | None, states: Path | None,
                       progress: bool | None, lang: str, db: Path | None) -> None:
    """Import the COW IGO v3 state-year file (and optional IGO-year and state list) into the
    world store.  Replaces the store whole; a bad file leaves it as it was."""
    from blocmap.core.world.cowimport import import_cow

    bar = _Bar(sys.stderr.isatty() if progress is None else progress)
    try:
        report = import_cow(state_year, igo_year, states, db, progress=bar)
    finally:
        bar.close()
    click.echo(report.summary(lang), err=True)
    if report.cell_exceptions:
        note(Text("world.cell_exceptions", {"cells": report.cell_exceptions}))


def _export(table: str, orgs: tuple[str, ...], start: str | None, end: str | None, coding: str,
            rule: str, prefer: str, fmt: str, output: Path | None, data_dir: Path | None,
            db: Path | None, lang: str = "en", with_sources: bool = False,
            codebook: str | None = None, state: str | None = None) -> None:
    if fmt in ("parquet", "dta") and output is None:
        raise QueryError.of("err.parquet_needs_o" if fmt == "parquet" else "err.binary_needs_o", "output", fmt=fmt)
    if fmt in ("parquet", "dta") and output.suffix.lower() in TEXT_SUFFIXES:  # type: ignore[union-attr]
        raise QueryError.of("err.binary_suffix", "-o", path=output, fmt=fmt, suffix=output.suffix)  # type: ignore[union-attr]
    if codebook and output is None:
        raise QueryError.of("err.codebook_needs_o", "--codebook")
    if with_sources and table != "state-year":
        raise QueryError.of("err.with_sources_table", "--with-sources")
    if state and table != "state-year":
        raise QueryError.of("err.state_table", "--state")
    answers = get_answers(data_dir, db)
    frame, meta = _described(answers, table, orgs, start, end, coding, rule, prefer, with_sources, fmt, state)
    _write_panel(frame, meta, table, fmt, output, lang, rule, answers.store)
    if codebook:
        path = _beside(output, f".codebook.{codebook}")  # type: ignore[arg-type]
        save(path, _codebook_bytes(meta, list(frame.columns), lang, codebook, _names(answers, meta, lang)))


def _names(answers, meta: dict, lang: str) -> dict[str, str]:
    """The organizations' names in the reader's language (curated ones; COW's stay as COW gives them)."""
    return {o["id"]: answers.atlas.org_name(o["id"], lang) for o in meta["organizations"]
            if o["data"] == "curated" and o["id"] in answers.atlas.orgs}


def _described(answers, table: str, orgs: tuple[str, ...], start: str | None, end: str | None, coding: str,
               rule: str, prefer: str, with_sources: bool = False, fmt: str = "csv", state: str | None = None):
    """The panel and its metadata (``dataset.describe``), the export's command in it."""
    from blocmap.core.world.dataset import add_sources, describe, only_state

    source = "cow" if prefer == "cow" else "answer"
    try:
        frame = _panel(answers, table, orgs, start, end, coding, rule, source)
    except QueryError as exc:  # the Python arguments' names, said as the command's flags
        flags = {"start": "--from", "end": "--to"}
        if exc.text is not None and exc.parameter in flags:
            values = {k: flags.get(v, v) if k in ("to", "from_") else v for k, v in exc.text.values.items()}
            values.pop("parameter", None)
            raise QueryError.of(exc.text.key, flags[exc.parameter], **values) from None
        raise
    world = answers._panel_world()
    if with_sources:
        frame = add_sources(world, frame, source)
    if state:
        frame = only_state(frame, state, "--state")
    ids = ",".join(frame.attrs["data"])
    command = (f"blocmap export {table} --orgs {ids} --from {frame.attrs['from']} --to {frame.attrs['to']}"
               + (f" --coding {coding}" if table == "state-year" else "")
               + f" --rule {rule} --prefer {prefer} --format {fmt}" + (" --with-sources" if with_sources else "")
               + (f" --state {shlex.quote(state)}" if state else ""))
    meta = describe(frame, table, world, answers.atlas, command)
    return frame, meta


def _beside(output: Path, suffix: str) -> Path:
    """``sy.csv`` → ``sy<suffix>`` in the same folder."""
    return output.with_name(output.stem + suffix) if output.suffix else output.with_name(output.name + suffix)


def _codebook_bytes(meta: dict, columns: list[str], lang: str, fmt: str,
                    names: dict[str, str] | None = None) -> bytes:
    from blocmap.core.world.codebook import codebook

    if fmt == "md":
        return codebook(meta, columns, lang, "md", names).encode("utf-8")
    if fmt == "html":
        return codebook(meta, columns, lang, "html", names).encode("utf-8")
    from blocmap.features.fonts import chart_fonts
    from blocmap.features.report.build import html_to_pdf

    fonts = [(family, Path(path).as_uri()) for family, path in chart_fonts()]  # embedded, as in the report
    return html_to_pdf(codebook(meta, columns, lang, "html", names, fonts))


def _panel(answers, table: str, orgs: tuple[str, ...], start: str | None, end: str | None, coding: str,
           rule: str, source: str):
    if table == "state-year":
        return answers.state_years(_orgs(orgs), start, end, coding=coding, rule=rule, source=source)
    elif table == "dyad-year":
        if coding != "cow":
            raise QueryError.of("err.world.dyad_coding", "coding")
        return answers.dyad_years(_orgs(orgs), start, end, rule=rule, source=source)
    return answers.org_years(_orgs(orgs), start, end, rule=rule, source=source)


def _write_panel(frame, meta: dict, table: str, fmt: str, output: Path | None, lang: str, rule: str,
                 store_path: Path | None) -> None:
    import io
    import json

    from blocmap.core.world.dataset import datapackage, to_dta

    if fmt == "parquet":
        if output is None:
            raise QueryError.of("err.parquet_needs_o", "output")
        import pyarrow as pa
        import pyarrow.parquet as pq

        arrow = pa.Table.from_pandas(frame, preserve_index=False)
        arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}),
                                               b"blocmap": json.dumps(meta).encode()})
        sink = io.BytesIO()
        pq.write_table(arrow, sink)
        save(output, sink.getvalue())
    elif fmt == "json":
        rows = json.loads(frame.to_json(orient="records"))
        emit(json.dumps({"meta": meta, "rows": rows}, ensure_ascii=False), output)
    elif fmt == "dta":
        if output is None:
            raise QueryError.of("err.binary_needs_o", "output", fmt=fmt)
        save(output, to_dta(frame, meta))
    else:
        emit(frame.to_csv(index=False), output)
    if fmt in ("csv", "dta") and output is not None and Path(output).is_file():  # not "-", a pipe or a device
        # a CSV or a Stata file never leaves alone: its Frictionless data package beside it
        package = datapackage(frame, meta, Path(output).name, fmt)
        save(_beside(Path(output), ".datapackage.json"),
             (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    data = meta.get("data", {})
    curated = sorted(o for o, d in data.items() if d == "curated")
    from blocmap.core.i18n import t

    store = t("world.store", lang).format(db=store_path) if store_path else t("world.no_store", lang)
    click.echo(Text("world.exported", {
        "table": table, "rows": Count("count.rows", len(frame)), "first": meta["from"], "last": meta["to"], "rule": rule,
        "curated": t("list.sep", lang).join(curated) or t("status.none", lang),
        "cow": Count("count.organizations", len(data) - len(curated)), "store": store}).render(lang), err=True)


def _export_command(table: str) -> click.Command:
    @click.command(table)
    @click.option("--orgs", multiple=True, help="Organizations (ids, COW ids or names), comma-separated. Default: all.")
    @click.option("--from", "start", default=None, help="First year (default: 1816, COW's first).")
    @click.option("--to", "end", default=None,
                  help="Last year, up to the current year (default: the last complete year; 2014, "
                       "COW's last, when every organization is COW's).")
    @click.option("--coding", type=click.Choice(("cow", "status")), default="cow", show_default=True,
                  help="cow: 0/1/2/3 with -1 and -9; status: blocmap's status names.")
    @click.option("--rule", type=click.Choice(("year-end", "any-day", "majority")), default="year-end",
                  show_default=True, help="How dated spells become years (see docs/world.md).")
    @click.option("--prefer", type=click.Choice(("curated", "cow")), default="curated", show_default=True,
                  help="For organizations in both: blocmap's curated, sourced data, or COW's coding.")
    @click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True)
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="Write to FILE (whole or not at all) instead of standard output.")
    @click.option("--with-sources", is_flag=True, default=False,
                  help="State-year: add <org>_sources (the source keys of each year's status) and "
                       "<org>_certain (false where a date known only to a month or year could change it).")
    @click.option("--state", default=None,
                  help="State-year: only this state's rows (ISO code, COW code or name), as its page's CSV.")
    @click.option("--codebook", type=click.Choice(CODEBOOK_FORMATS), default=None,
                  help="Also write the codebook beside FILE (FILE's stem + .codebook.md|html|pdf).")
    @lang_option
    @data_option
    @db_option
    def command(orgs: tuple[str, ...], start: str | None, end: str | None, coding: str, rule: str,
                prefer: str, fmt: str, output: Path | None, with_sources: bool, state: str | None,
                codebook: str | None, lang: str, data_dir: Path | None, db: Path | None) -> None:
        _export(table, orgs, start, end, coding, rule, prefer, fmt, output, data_dir, db, lang,
                with_sources, codebook, state)

    command.help = {
        "state-year": "One row per state-year (ccode, year, state, name), one column per organization.",
        "dyad-year": "Non-directed dyad-years with joint-membership counts (full–full as COW's dyadic file).",
        "org-year": "Members per organization-year by status, and which data answered.",
    }[table]
    return command


@click.command("cow")
@click.option("--orgs", multiple=True, help="Organizations in both COW and the atlas (default: cis,csto,eurasec).")
@click.option("--rule", type=click.Choice(("year-end", "any-day", "majority")), default="year-end",
              show_default=True)
@click.option("--years/--spans", "by_year", default=False,
              help="One row per differing state-year (default in CSV/JSON) or runs of years (table).")
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "json")), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@lang_option
@data_option
@db_option
def audit_cow_command(orgs: tuple[str, ...], rule: str, by_year: bool, fmt: str, output: Path | None,
                      lang: str, data_dir: Path | None, db: Path | None) -> None:
    """Every state-year where COW's code differs from blocmap's dated events, with sources."""
    import json

    from blocmap.core.i18n import t
    from blocmap.core.output import render
    from blocmap.features.audit import audit_cow, for_reader, spans

    answers = get_answers(data_dir, db)
    world = answers.world
    if world is None:
        from blocmap.core.world.store import default_db_path

        raise QueryError.of("err.world.audit_no_db", "db", db=default_db_path())
    result = audit_cow(world, _orgs(orgs), rule)
    if fmt == "table" and not by_year:
        frame = spans(result.rows)
        columns = ["org", "state", "name", "years", "cow_text", "ours_text", "our_status", "our_events", "sources"]
    else:
        frame = result.rows
        columns = list(frame.columns)
    rows = frame[columns].to_dict("records") if len(frame) else []
    if fmt == "json":
        emit(json.dumps({"summary": result.summary(), "compared": result.compared,
                         "agree": result.agree, "rate": result.rate, "rows": rows},
                        ensure_ascii=False, indent=2, default=str), output)
    elif fmt == "csv":
        emit(render(rows, "csv", columns) if rows else ",".join(columns) + "\n", output)
    else:
        from blocmap.core.i18n import TABLE

        headers = {c: t(f"audit.col.{c}", lang) for c in columns if f"audit.col.{c}" in TABLE}
        shown = for_reader(frame.to_dict("records"), lang, answers.state_namer(lang)) if len(frame) else []
        emit(render(shown, "table", columns, headers=headers, lang=lang), output)
    click.echo(result.summary(lang), err=True)


@click.command("codebook")
@click.argument("table", type=click.Choice(TABLES), default="state-year", required=False)
@click.option("--orgs", multiple=True, help="Organizations (ids, COW ids or names), comma-separated. Default: all.")
@click.option("--from", "start", default=None, help="First year (default: 1816, COW's first).")
@click.option("--to", "end", default=None, help="Last year (default as in export).")
@click.option("--coding", type=click.Choice(("cow", "status")), default="cow", show_default=True)
@click.option("--rule", type=click.Choice(("year-end", "any-day", "majority")), default="year-end",
              show_default=True)
@click.option("--prefer", type=click.Choice(("curated", "cow")), default="curated", show_default=True)
@click.option("--with-sources", is_flag=True, default=False, help="Describe the columns --with-sources adds.")
@click.option("--format", "fmt", type=click.Choice(CODEBOOK_FORMATS), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE (a PDF needs one) instead of standard output.")
@lang_option
@data_option
@db_option
def codebook_command(table: str, orgs: tuple[str, ...], start: str | None, end: str | None, coding: str,
                     rule: str, prefer: str, with_sources: bool, fmt: str, output: Path | None, lang: str,
                     data_dir: Path | None, db: Path | None) -> None:
    """The codebook of a panel, from the data: each variable, the coding, the rule from dated
    spells to years, each organization's coverage and sources, the data version and date."""
    if fmt == "pdf" and output is None:
        raise QueryError.of("err.binary_needs_o", "output", fmt=fmt)
    if with_sources and table != "state-year":
        raise QueryError.of("err.with_sources_table", "--with-sources")
    answers = get_answers(data_dir, db)
    frame, meta = _described(answers, table, orgs, start, end, coding, rule, prefer, with_sources)
    meta["command"] = meta["command"].rsplit(" --format", 1)[0] + (" --with-sources" if with_sources else "")
    content = _codebook_bytes(meta, list(frame.columns), lang, fmt, _names(answers, meta, lang))
    if fmt == "pdf":
        save(output, content)  # type: ignore[arg-type]
    else:
        emit(content.decode("utf-8"), output)


def register(group: click.Group, figure: click.Group) -> None:
    import_group = Group("import", help="Import outside data into blocmap's world store.")
    import_group.add_command(import_cow_command)
    export = Group("export", help="Export panels (state-year, dyad-year, org-year).")
    for table in ("state-year", "dyad-year", "org-year"):
        export.add_command(_export_command(table))
    audit = Group("audit", help="Compare outside data with blocmap's sourced events.")
    audit.add_command(audit_cow_command)
    for command in (import_group, export, audit, codebook_command):
        group.add_command(command)
