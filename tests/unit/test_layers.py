"""The layers of DESIGN.md and docs/architecture.md: imports run one way, and never in a circle.

Every import counts: at the top of a module, inside a function (kept lazy for a quick
start), or under ``TYPE_CHECKING``. The imports are read with ``ast``, so no module runs.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import stretchtimer

PACKAGE = Path(stretchtimer.__path__[0])

# Each layer may import the layers listed after it, and nothing else of the package
# (besides the package's own ``__init__``: its name, id and version).
MAY_IMPORT: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "storage": frozenset({"core"}),
    "speech": frozenset({"core", "storage"}),
    "runtime": frozenset({"core", "storage", "speech"}),
    "system": frozenset({"core", "storage", "speech", "runtime"}),
    "gui": frozenset({"core", "storage", "speech", "runtime", "system"}),
    "terminal": frozenset({"core", "storage", "speech", "runtime", "system"}),
    "commands": frozenset({"core", "storage", "speech", "runtime", "system", "gui", "terminal"}),
    "cli": frozenset(
        {"core", "storage", "speech", "runtime", "system", "gui", "terminal", "commands"}
    ),
    "__main__": frozenset({"cli"}),
}

CHECK = """
import sys
import pkgutil, importlib
import stretchtimer.core, stretchtimer.storage, stretchtimer.speech
for package in (stretchtimer.core, stretchtimer.storage, stretchtimer.speech):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
print(",".join(loaded))
"""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, wherever the import stands."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def package_imports(path: Path) -> set[str]:
    """The package's own modules that ``path`` imports. ``from a import b`` imports ``a.b``
    when b is a module, and ``a`` itself only for a name defined in ``a``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names}
            found.update(name for name in submodules if name in MODULES)
            if not submodules <= MODULES.keys():
                found.add(node.module)
    return {name for name in found if name in MODULES}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_core_storage_and_speech_import_without_loading_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_only_the_gui_imports_qt_widgets() -> None:
    offenders = [
        name
        for name, path in MODULES.items()
        if layer(name) != "gui" and "PySide6.QtWidgets" in imported_modules(path)
    ]
    assert offenders == []


def test_every_module_belongs_to_a_layer() -> None:
    loose = [name for name in MODULES if name != "stretchtimer" and layer(name) not in MAY_IMPORT]
    assert loose == []


def test_imports_run_down_the_layers() -> None:
    wrong = [
        f"{name} imports {target}"
        for name, path in sorted(MODULES.items())
        for target in sorted(package_imports(path))
        if layer(target) not in ("", layer(name))
        and layer(target) not in MAY_IMPORT.get(layer(name), frozenset())
    ]
    assert wrong == []


def test_gui_and_terminal_never_import_each_other() -> None:
    crossing = [
        f"{name} imports {target}"
        for name, path in sorted(MODULES.items())
        for target in sorted(package_imports(path))
        if {layer(name), layer(target)} == {"gui", "terminal"}
    ]
    assert crossing == []


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports in ``graph``, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_no_module_imports_itself_through_others() -> None:
    # A package's __init__ is imported with each of its modules; only its own imports count.
    graph = {name: package_imports(path) - {name} for name, path in MODULES.items()}
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
