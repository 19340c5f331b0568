"""The layout shows the layers, and the flow goes one way: core → answers → features → front
ends (cli, web).  A module never imports one of a higher layer, and never another module's
private names; and inside a layer too imports run one way: no two modules of src/blocmap import
each other, directly or round a longer circle, at any depth (an import inside a function is
still an import)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "blocmap"
#: Layer of each top-level folder (the package's own __init__ is the Python front door).
LAYERS = {"core": 0, "answers": 1, "features": 2, "cli": 3, "web": 3}
FRONT_DOOR = 3


def module_name(path: Path, root: Path = PACKAGE.parent) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
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


def imports(path: Path, root: Path = PACKAGE.parent) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names) of every import in a module, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = module_name(path, root)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
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


# ---------------------------------------------------------------------------- no circles
#: Circles allowed, each as the set of its modules: none (the figures circle was untied, #23
#: item 4); nothing may be added.
KNOWN_CIRCLES: list[frozenset[str]] = []


def import_graph(paths: list[Path], root: Path = PACKAGE.parent) -> dict[str, set[str]]:
    """Module → the modules of src/blocmap it imports, at any depth of its code (functions,
    ``if TYPE_CHECKING``).  ``from package import name`` is an edge to the submodule when
    ``name`` is one, else to the package; the parents a submodule import runs implicitly are not
    edges (every module would then import the top-level package)."""
    known = {module_name(path, root) for path in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        own = module_name(path, root)
        edges = set()
        for _, target, names in imports(path, root):
            submodules = {f"{target}.{name}" for name in names} & known
            edges |= submodules
            if target in known and (not names or len(submodules) < len(names)):
                edges.add(target)
        graph[own] = edges - {own}
    return graph


def circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, without
    recursion), each a set of modules that import one another round a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def describe(circle: frozenset[str], graph: dict[str, set[str]]) -> str:
    edges = sorted(f"{a} → {b}" for a in circle for b in graph[a] if b in circle)
    return f"{len(circle)} modules import one another: " + "; ".join(edges)


def test_no_module_imports_round_a_circle():
    graph = import_graph(MODULES)
    found = circles(graph)
    unknown = [describe(circle, graph) for circle in found if circle not in KNOWN_CIRCLES]
    assert unknown == []
    # An allowance that no longer matches a circle must go (the circle was untied or changed).
    assert [sorted(c) for c in KNOWN_CIRCLES if c not in found] == []


def test_the_circle_finder_finds_circles_at_any_depth(tmp_path):
    """The checker itself, on a made-up package: a two-module knot through a function-level
    import, a three-module circle, the top-level package imported for a constant, and a chain
    with no circle (which must not be flagged)."""
    package = tmp_path / "blocmap"
    files = {
        "__init__.py": "def load():\n    from blocmap.core.atlas import Atlas\n",
        "core/__init__.py": "",
        "core/atlas.py": "def cached():\n    from blocmap.core import cache\n",
        "core/cache.py": "from blocmap import __version__\nfrom blocmap.core.dates import parse\n",
        "core/dates.py": "import datetime\n",
        "core/world/__init__.py": "",
        "core/world/panels.py": "from .world import FIRST_YEAR\n",
        "core/world/world.py": "def frame():\n    from blocmap.core.world.panels import spells\n",
        "core/one.py": "from blocmap.core import two\n",
        "core/two.py": "from blocmap.core.three import x\n",
        "core/three.py": "import blocmap.core.one\n",
        "core/chain.py": "from blocmap.core import dates\nfrom blocmap.core.world import world\n",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    paths = sorted(package.rglob("*.py"))
    graph = import_graph(paths, root=tmp_path)
    assert graph["blocmap.core.chain"] == {"blocmap.core.dates", "blocmap.core.world.world"}
    assert sorted(sorted(circle) for circle in circles(graph)) == [
        ["blocmap", "blocmap.core.atlas", "blocmap.core.cache"],
        ["blocmap.core.one", "blocmap.core.three", "blocmap.core.two"],
        ["blocmap.core.world.panels", "blocmap.core.world.world"],
    ]


def test_a_wrong_import_would_be_caught(tmp_path):
    """The checker itself: a core module importing the CLI is flagged."""
    fake = PACKAGE / "core" / "model.py"
    tree_imports = imports(fake)
    assert all(layer_of(t) in (None, 0) for _, t, _ in tree_imports)
    assert layer_of("blocmap.cli") > layer_of("blocmap.core.model")
    assert layer_of("blocmap.features.econ") > layer_of("blocmap.answers")
