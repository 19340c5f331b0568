"""The ``blocmap`` command: a thin layer that parses, asks ``blocmap.answers`` and renders.

The commands live in ``cli.core`` (questions), ``cli.paper`` (the paper's tables, asymmetry,
organs, report), ``cli.figures`` (figures), ``cli.world`` (COW import, panels, audit) and
``cli.web`` (serve); each is added to ``main`` below.  What they share (the reader's language,
the options, writing output) is in ``cli.shared``, which they import instead of this package,
so that imports run one way: this package → command modules → ``shared``.
"""

from __future__ import annotations

import click

from blocmap.cli import (
    core as cli_core,
    figures as cli_figures,
    paper as cli_paper,
    web as cli_web,
    world as cli_world,
)
from blocmap.cli.shared import READER_KEY, Context, Group, reader_language

__all__ = ["main", "Context", "Group", "reader_language"]


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--version`` as click's ``version_option`` prints it, in the reader's language."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    message = "%(prog)s, version %(version)s"
    lang = ctx.meta.get(READER_KEY, "en")
    if lang != "en":
        from blocmap.cli.help import ClickWords

        message = ClickWords(lang).gettext(message)
    click.echo(message % {"prog": ctx.find_root().info_name, "version": version("blocmap")}, color=ctx.color)
    ctx.exit()


@click.group("blocmap", cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
def main() -> None:
    """blocmap: who belonged to which international organization on any day, with sources."""


@main.group()
def figure() -> None:
    """Pictures of memberships: Euler diagram, UpSet plot, map, timeline (SVG, PNG, PDF)."""


for _module in (cli_core, cli_paper, cli_figures, cli_world, cli_web):
    _module.register(main, figure)
