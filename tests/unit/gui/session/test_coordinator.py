"""The coordinator loads a session's modules in two parts: the plain-Python part in the
background helper, the part that names PySide's classes on the GUI thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[4]

# A fresh process in the state a person's app is in when they first press Start: the
# window's start-up modules loaded, nothing of a session yet.
SPLIT = r"""
import importlib, json, re, sys, threading
sys.path.insert(0, sys.argv[1])
from stretchtimer.system.pyside_tweaks import skip_feature_scan
skip_feature_scan()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from stretchtimer.gui.app import make_services
from stretchtimer.gui.crash.reporter import CrashReporter
from stretchtimer.gui.main_window import MainWindow
from stretchtimer.gui.theme import ThemeManager
from stretchtimer.storage.paths import app_paths
paths = app_paths()
services = make_services(paths, CrashReporter(paths))
ThemeManager(app, "light")
window = MainWindow(services)
window.show()
window.finish_startup()
if sys.argv[3] == "first":  # a first start: the cards' pictures painted and kept
    from PySide6.QtCore import QTimer
    QTimer.singleShot(1500, app.quit)
    app.exec()
    services.tasks.wait()
    print(json.dumps(sorted(sys.modules)))
    raise SystemExit(0)
app.processEvents()
import stretchtimer.gui.app_icon, stretchtimer.gui.desk.companion  # once the page is up
import stretchtimer.runtime.termination, stretchtimer.runtime.watchdog
services.tasks.wait()
from stretchtimer.gui.session import coordinator
pause_media = sys.argv[2] == "on"

def classes_made():
    return {
        name: set(vars(module))
        for name, module in list(sys.modules.items())
        if name.startswith("PySide6")
    }

before = classes_made()
before_modules = set(sys.modules)
helper = threading.Thread(
    target=coordinator.load_plain_session_modules, kwargs={"pause_media": pause_media}
)
helper.start()
helper.join()
after = classes_made()
helper_modules = set(sys.modules) - before_modules
made_on_helper = sorted(
    f"{module}.{name}" for module in after for name in after[module] - before.get(module, set())
)
plain_loaded = set(sys.modules)
for name in coordinator.qt_session_modules(pause_media):
    importlib.import_module(name)

def source(name):
    path = getattr(sys.modules[name], "__file__", None) or ""
    return open(path, encoding="utf-8").read() if path.endswith(".py") else ""

qt_side_of = {}

def qt_side(name):
    # Names PySide, or imports (at its top) a module of ours that is on the Qt side.
    if name not in qt_side_of:
        qt_side_of[name] = name.startswith("PySide6")  # while its imports are looked at
        text = source(name)
        imported = re.findall(r"^(?:from|import) (stretchtimer[\w.]*)", text, re.M)
        qt_side_of[name] = name.startswith("PySide6") or bool(
            re.search(r"^(?:from|import) PySide6", text, re.M)
        ) or any(qt_side(other) for other in imported if other in sys.modules)
    return qt_side_of[name]

brought = sorted(set(sys.modules) - plain_loaded)
print(json.dumps({
    "made_on_helper": made_on_helper,
    "plain_on_gui_thread": [name for name in brought if not qt_side(name)],
    "qt_on_gui_thread": [name for name in brought if qt_side(name)],
    "qt_on_helper": sorted(name for name in helper_modules if qt_side(name)),
}))
"""


def split(pause_media: bool, home: Path, start: str = "later") -> Any:
    shown = subprocess.run(
        [sys.executable, "-c", SPLIT, str(ROOT), "on" if pause_media else "off", start],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", STRETCHTIMER_HOME=str(home)),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(shown.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("pause_media", [False, True])
def test_the_helper_makes_no_pyside_class_and_leaves_no_plain_module_to_the_gui_thread(
    pause_media: bool, tmp_path: Path
) -> None:
    # A class's wrapper made on the helper while the GUI thread makes another can crash
    # the app at its first Start; a plain module left to the GUI thread holds the window
    # for as long as it takes to import.
    home = tmp_path / "home"
    first = split(pause_media, home, "first")
    assert "stretchtimer.core.poses.library" in first  # the pictures were painted
    # A later start shows the kept pictures: the pose library is not loaded, and the
    # session's figure needs it.
    loaded = split(pause_media, home)
    assert loaded["made_on_helper"] == []
    assert loaded["qt_on_helper"] == []
    assert loaded["plain_on_gui_thread"] == []
    # The GUI thread's part is the session's widgets and timers (QtDBus only when wanted).
    assert "stretchtimer.gui.session.page" in loaded["qt_on_gui_thread"]
    assert ("PySide6.QtDBus" in loaded["qt_on_gui_thread"]) is pause_media
