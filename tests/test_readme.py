"""What only the README promises: CI runs its test command, its Python section shows the question
functions, and every command is in it.  Every block of the README (and of docs/*.md) runs and
has its output checked in test_docs.py."""

from __future__ import annotations

import json
import re
import subprocess

from click.testing import CliRunner

from blocmap.cli import main

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_every_command_is_documented():
    for name, command in main.commands.items():
        assert f"blocmap {name}" in README, f"'blocmap {name}' is not in the README"


def test_the_python_section_shows_the_question_functions():
    python = section("Python")
    for call in ('blocmap.members("csto", on="2008-06-01")', ".state.tolist()", "blocmap.memberships(",
                 "blocmap.history(", "blocmap.overlap(", 'blocmap.state_years(orgs="eaeu,csto", start=2014, end=2016)',
                 "blocmap.load()", 'db="world.duckdb"'):
        assert call in python, call


def test_the_columns_shown_are_the_json_fields_of_the_command():
    """One answer through every door: the README's DataFrame columns are the CLI's JSON keys."""
    shown = re.search(r">>> list\(csto.columns\)\n(\[.*\])\n", section("Python")).group(1)
    result = CliRunner().invoke(main, ["members", "csto", "--on", "2008-06-01", "--format", "json"])
    assert eval(shown) == list(json.loads(result.stdout)[0])  # noqa: S307 - a list literal from our README
    assert all(f'"{field}"' in section("Asking questions") for field in eval(shown))  # noqa: S307


def test_the_quick_start_serves_the_atlas():
    quick = section("Quick start")
    assert "```sh\npython3 -m venv .venv && .venv/bin/pip install -q \".[web]\" && .venv/bin/blocmap serve\n```" in quick


def test_ci_runs_the_readme_test_command():
    readme_cmd = re.search(r"one command sets up and runs the tests:\n\n```sh\n(.*?)\n```", README, flags=re.S)
    assert readme_cmd
    extracted = subprocess.run(
        ["bash", "-c", "sed -n '/one command sets up and runs the tests/,/^```$/p' README.md "
                       "| sed -n '/^```sh$/,/^```$/p' | sed '1d;$d'"],
        cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    assert extracted == readme_cmd.group(1).strip()
    assert "README.md" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
