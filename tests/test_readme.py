"""The README tells the truth: its examples run, every command is documented, CI runs its test command."""

from __future__ import annotations

import re
import shlex
import subprocess

from click.testing import CliRunner

from blocmap.cli import main

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def code_blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def test_readme_examples_run():
    commands = [line.split("#")[0].strip() for block in code_blocks("sh") for line in block.splitlines()
                if line.startswith("blocmap ")]
    assert len(commands) >= 10
    for command in commands:
        result = CliRunner().invoke(main, shlex.split(command)[1:])
        assert result.exit_code == 0, f"{command}: {result.output}"


def test_readme_file_examples_write_their_files(tmp_path, monkeypatch):
    """The `bash` blocks write files: run them in a scratch folder and check each file appears."""
    monkeypatch.chdir(tmp_path)
    commands = [line.split("  #")[0].strip() for block in code_blocks("bash") for line in block.splitlines()
                if line.startswith("blocmap ")]
    assert len(commands) >= 8
    for command in commands:
        args = shlex.split(command)[1:]
        if args[:2] == ["indicators", "import"]:
            continue  # needs a World Bank download; tested in test_econ_asymmetry.py
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, f"{command}: {result.output}"
        written = args[args.index("-o") + 1] if "-o" in args else args[args.index("--chart") + 1]
        assert (tmp_path / written).stat().st_size > 1000, command


def test_readme_error_example_is_what_blocmap_says():
    block = next(b for b in code_blocks("text") if "$ blocmap members csot" in b)
    expected = block.splitlines()[1]
    result = CliRunner().invoke(main, ["members", "csot"])
    assert result.output.strip() == expected


def test_every_command_is_documented():
    for name, command in main.commands.items():
        assert f"blocmap {name}" in README, f"'blocmap {name}' is not in the README"


def test_ci_runs_the_readme_test_command():
    readme_cmd = re.search(r"one command sets up and runs the tests:\n\n```sh\n(.*?)\n```", README, flags=re.S)
    assert readme_cmd
    extracted = subprocess.run(
        ["bash", "-c", "sed -n '/one command sets up and runs the tests/,/^```$/p' README.md "
                       "| sed -n '/^```sh$/,/^```$/p' | sed '1d;$d'"],
        cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    assert extracted == readme_cmd.group(1).strip()
    assert "README.md" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
