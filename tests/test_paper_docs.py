"""docs/paper.md tells the truth: its shell examples run, and every command of the feature is in it."""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

from blocmap.cli import main

from conftest import REPO

DOC = (REPO / "docs" / "paper.md").read_text(encoding="utf-8")

@pytest.fixture(autouse=True)
def _no_user_data(tmp_path_factory, monkeypatch):
    """Results come from the bundled series, whatever the developer has imported."""
    monkeypatch.setenv("BLOCMAP_HOME", str(tmp_path_factory.mktemp("home")))



def test_doc_examples_run():
    blocks = re.findall(r"```sh\n(.*?)```", DOC, flags=re.S)
    commands = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()
                if line.startswith("blocmap ")]
    assert len(commands) >= 12
    for command in commands:
        result = CliRunner().invoke(main, shlex.split(command)[1:])
        assert result.exit_code == 0, f"{command}: {result.output}"


def test_every_command_of_the_feature_is_documented():
    for name in ("table", "figure timeline", "asymmetry", "indicators import", "indicators show", "organs",
                 "compare", "report"):
        assert f"blocmap {name}" in DOC, name
