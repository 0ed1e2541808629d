"""The layers of DESIGN.md: the rules, the files and the speech never need Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import stretchtimer

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


def test_core_storage_and_speech_import_without_loading_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def test_only_the_gui_imports_qt_widgets() -> None:
    package = Path(stretchtimer.__path__[0])
    offenders = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if not path.relative_to(package).as_posix().startswith("gui/")
        and "PySide6.QtWidgets" in imported_modules(path)
    ]
    assert offenders == []
