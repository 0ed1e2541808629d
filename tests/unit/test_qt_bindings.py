"""The Qt bindings in use keep Python's reference counts straight.

PySide6 6.12.0 dropped a reference to ``True`` on every ``Signal.emit()`` and, on
Python 3.11, one to ``None`` on every call of a method returning nothing
(``QTimer.start``, ``QSoundEffect.play``...). A session makes such calls on every
cue, so after a few thousand of them the interpreter died ("Fatal Python error:
bool_dealloc" / "none_dealloc"). A version with that bug must never come back.
"""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtMultimedia import QSoundEffect

class Source(QObject):
    happened = Signal(object)

app = QCoreApplication([])
timer, source, effect = QTimer(), Source(), QSoundEffect()
true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
for number in range(2000):
    timer.start(1000)
    source.happened.emit(number)
    effect.setVolume(0.5)
    effect.stop()
print(sys.getrefcount(True) - true_before, sys.getrefcount(None) - none_before)
"""


def test_qt_calls_leave_the_counts_of_true_and_none_alone() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PULSE_SERVER": "unix:/nonexistent"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    true_change, none_change = map(int, result.stdout.strip().splitlines()[-1].split())
    assert abs(true_change) < 50 and abs(none_change) < 50
