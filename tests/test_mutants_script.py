"""benchmarks/mutants.py without running mutmut: which tests a module gets, and the scratch copy it
prepares (the source, the tests, what tests read beside them, and the [tool.mutmut] section)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def script():
    spec = importlib.util.spec_from_file_location("mutants", REPO / "benchmarks" / "mutants.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tests_of_a_module() -> None:
    mutants = script()
    assert mutants.tests_for("src/blocmap/core/world/panels.py") == mutants.MODULES["src/blocmap/core/world/panels.py"]
    assert mutants.tests_for("src/blocmap/answers/rows.py") == mutants.MODULES["src/blocmap/answers/*"]
    assert mutants.tests_for("src/blocmap/core/names.py") == mutants.MODULES["src/blocmap/core/*"]
    assert mutants.tests_for("src/blocmap/web/app.py") is None


def test_the_scratch_copy(tmp_path: Path) -> None:
    mutants = script()
    mutants.prepare(tmp_path, "src/blocmap/answers/rows.py", ["tests/test_answers_rows_answers.py"])
    assert (tmp_path / "src" / "blocmap" / "answers" / "rows.py").is_file()
    assert (tmp_path / "tests" / "test_answers_rows_answers.py").is_file()
    assert (tmp_path / "docs" / "world.md").is_file() and (tmp_path / "README.md").is_file()
    assert (tmp_path / "mutants" / "src").is_dir()
    section = (tmp_path / "pyproject.toml").read_text(encoding="utf-8").split("[tool.mutmut]")[1]
    assert 'only_mutate = ["src/blocmap/answers/rows.py"]' in section
    assert 'pytest_add_cli_args_test_selection = ["tests/test_answers_rows_answers.py"]' in section
    assert 'also_copy = ["docs", "README.md", "CITATION.cff"]' in section
