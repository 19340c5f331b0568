"""Every command shown in docs/figures.md runs and writes what it says (docs that test themselves)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from blocmap.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "figures.md"


def _blocks(text: str, language: str = "") -> list[str]:
    """Fenced blocks of ``language`` ('' = plain), read line by line so fences pair up."""
    blocks, current = [], None
    for line in text.splitlines():
        if line.startswith("```"):
            if current is None:
                current = [] if line[3:].strip() == language else False
            else:
                if current is not False:
                    blocks.append("\n".join(current))
                current = None
        elif isinstance(current, list):
            current.append(line)
    return blocks


TEXT = DOC.read_text(encoding="utf-8")
COMMANDS = [line.strip() for block in _blocks(TEXT) for line in block.splitlines()
            if line.strip().startswith("blocmap ")]


def test_the_doc_shows_every_figure_command():
    shown = {" ".join(c.split()[1:3]) for c in COMMANDS}
    assert {"figure euler", "figure upset", "figure map"} <= shown
    assert any(c.startswith("blocmap network ") for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command_runs(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    if "-o" in args:
        assert (tmp_path / args[args.index("-o") + 1]).stat().st_size > 0


def test_python_example_runs():
    (code,) = _blocks(TEXT, "python")
    scope: dict = {}
    exec(code, scope)  # noqa: S102 - the documented example itself
    assert scope["layout"].to_json()["elements"]
