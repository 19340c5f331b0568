"""Keeping the translation catalogs (``src/blocmap/locale``; the work is ``blocmap.core.catalogs``):

    python -m blocmap.cli.catalogs check          # every message in every language, same placeholders, glossary
    python -m blocmap.cli.catalogs compile        # .po → .mo (and the English catalog from the template)
    python -m blocmap.cli.catalogs update         # the template's messages into every language's .po, compiled
    python -m blocmap.cli.catalogs extract        # the CLI's help texts (click's own English) into the template
    python -m blocmap.cli.catalogs import-rows [FILE …]   # rows written as Python tuples (or help.json) → catalogs

``docs/translating.md`` says when to run which.  It lives with the front ends because ``extract``
reads the help texts from the click commands.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path

from blocmap.core import catalogs


def help_texts() -> list[str]:
    """Every help text of a command or an option of ``blocmap``, as click has it."""
    from blocmap.cli import main

    def walk(command):
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from walk(sub)

    texts: dict[str, None] = {}
    for command in walk(main):
        for text in (command.help, command.short_help):
            if text:
                texts[inspect.cleandoc(text).partition("\f")[0]] = None
        for param in command.params:
            if getattr(param, "help", None):
                texts[param.help] = None
    return list(texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m blocmap.cli.catalogs",
                                     description="Keep blocmap's translation catalogs (docs/translating.md).")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="report every missing, fuzzy or wrong translation; exit 1 if any")
    sub.add_parser("compile", help="write the .mo files")
    sub.add_parser("update", help="merge the template into every language's catalog, then compile")
    sub.add_parser("extract", help="the CLI's help texts into the template")
    rows = sub.add_parser("import-rows", help="rows written as Python tuples (or an old help.json) into the catalogs")
    rows.add_argument("files", nargs="*", type=Path, default=[catalogs.MESSAGES_PY])
    rows.add_argument("--keep", action="store_true", help="leave the rows in the Python file")
    rows.add_argument("--branch", help="the rows a merged git branch added (since it left this one)")
    args = parser.parse_args(argv)
    if args.command == "check":
        found = catalogs.problems()
        for line in found:
            print(line)
        print(f"{len(found)} problems" if found else "ok: every message in every language")
        return 1 if found else 0
    if args.command == "compile":
        for path in catalogs.compile_all():
            print(f"wrote {path}")
        return 0
    if args.command == "update":
        catalogs.update()
        return 0
    if args.command == "extract":
        catalogs.extract(help_texts())
        return 0
    if args.branch:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            files = catalogs.rows_of_branch(args.branch, Path(folder))
            return 1 if catalogs.import_rows(files, remove=False) else 0
    return 1 if catalogs.import_rows(args.files, remove=not args.keep) else 0


if __name__ == "__main__":
    sys.exit(main())
