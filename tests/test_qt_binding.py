"""The Qt bindings in use keep Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call of a
method returning nothing (``QTimer.start``, ``Signal.emit``, ``QSoundEffect.play``
...): after a few thousand calls, a long session died with "Fatal Python error:
none_dealloc". A session makes such calls on every cue, so a version with that
bug must never be installed again.
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
before = sys.getrefcount(None)
for _ in range(2000):
    timer.start(1000)
    source.happened.emit(1)
    effect.setVolume(0.5)
    effect.stop()
print(sys.getrefcount(None) - before)
"""


def test_qt_calls_do_not_leak_references_to_none() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PULSE_SERVER": "unix:/nonexistent"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert abs(int(result.stdout.strip().splitlines()[-1])) < 50
