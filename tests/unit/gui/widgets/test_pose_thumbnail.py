"""The cards' pose pictures: their modules are imported by the app's background helper,
not on the GUI thread, and the pictures are painted once they are there."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys, threading
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication
from stretchtimer.gui.tasks import TaskRunner
from stretchtimer.gui.widgets import pose_thumbnail

app = QApplication([])
imported_on = {}

WATCHED = {
    "stretchtimer.core.poses.scene": "figures",
    "stretchtimer.gui.widgets.pose_painter": "painter",
}


def audit(event, arguments):
    if event == "import" and arguments[0] in WATCHED:
        on_gui = threading.current_thread() is threading.main_thread()
        imported_on.setdefault(WATCHED[arguments[0]], on_gui)

sys.addaudithook(audit)
owner = QObject()
MODE = sys.argv[1]
if MODE != "alone":
    pose_thumbnail.load_with(TaskRunner(on_bug=lambda error, trace: print(trace)), owner)
if MODE == "gone":
    owner.deleteLater()  # the window closed before its pictures were asked for
    app.processEvents()
called_on = []
pose_thumbnail.when_loaded(
    lambda: called_on.append(threading.current_thread() is threading.main_thread())
)
QTimer.singleShot(10_000, app.quit)
QTimer.singleShot(0, lambda: None)
timer = QTimer()
seen_loaded = []  # library_loaded() each tick before the views were called back


def tick():
    if called_on:
        app.quit()
    else:
        seen_loaded.append(pose_thumbnail.library_loaded())


timer.timeout.connect(tick)
timer.start(10)
app.exec()
picture = pose_thumbnail.thumbnail("pigeon", size=64)
painted = picture is not None and not picture.isNull()
print(imported_on.get("figures"), imported_on.get("painter"), called_on, painted, any(seen_loaded))
"""


def run_probe(mode: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], check=False, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_pictures_modules_load_off_the_gui_thread_and_then_the_views_repaint() -> None:
    # The figures' modules (plain Python) imported on another thread; the painter, which
    # names Qt's classes, on the GUI thread (PySide making its classes on two threads at
    # once can crash it); the view's repaint on the GUI thread, once.
    assert run_probe("helper") == "False True [True] True False"  # never "loaded" half-way


def test_without_a_helper_or_once_its_window_is_gone_they_load_on_the_gui_thread() -> None:
    assert run_probe("alone") == "True True [True] True False"
    assert run_probe("gone") == "True True [True] True False"  # no helper deleted with its window
