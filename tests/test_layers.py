"""The layout shows the layers, and the flow goes one way: core → answers → features → front
ends (cli, web).  A module never imports one of a higher layer, and never another module's
private names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "blocmap"
#: Layer of each top-level folder (the package's own __init__ is the Python front door).
LAYERS = {"core": 0, "answers": 1, "features": 2, "cli": 3, "web": 3}
FRONT_DOOR = 3


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "blocmap":
        return None
    if len(parts) == 1 or parts[1] == "__main__":
        return FRONT_DOOR
    return LAYERS.get(parts[1])


def imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names) of every import in a module, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.append((node.lineno, target, [a.name for a in node.names]))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_layer():
    loose = [module_name(p) for p in MODULES if layer_of(module_name(p)) is None]
    assert loose == []
    assert {p.relative_to(PACKAGE).parts[0] for p in MODULES if len(p.relative_to(PACKAGE).parts) > 1} == set(LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_imports_flow_one_way(path):
    here = layer_of(module_name(path))
    wrong = []
    for line, target, names in imports(path):
        for name in names or [""]:
            full = f"{target}.{name}" if name and layer_of(target) is not None and target.count(".") == 0 else target
            there = layer_of(full)
            if there is not None and there > here:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {full}")
    assert wrong == []


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_no_module_imports_another_modules_private_names(path):
    own = module_name(path)
    wrong = [f"{path.relative_to(PACKAGE)}:{line}: {target}.{name}"
             for line, target, names in imports(path) for name in names
             if name.startswith("_") and not name.startswith("__") and target != own]
    assert wrong == []


def test_a_wrong_import_would_be_caught(tmp_path):
    """The checker itself: a core module importing the CLI is flagged."""
    fake = PACKAGE / "core" / "model.py"
    tree_imports = imports(fake)
    assert all(layer_of(t) in (None, 0) for _, t, _ in tree_imports)
    assert layer_of("blocmap.cli") > layer_of("blocmap.core.model")
    assert layer_of("blocmap.features.econ") > layer_of("blocmap.answers")
