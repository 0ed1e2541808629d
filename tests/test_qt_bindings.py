"""Guards against known-broken Qt bindings: a session emits thousands of signals."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Source(QObject):
    changed = Signal(object)
source = Source()
before = sys.getrefcount(True)
for number in range(1000):
    source.changed.emit(number)
print(sys.getrefcount(True) - before)
"""


def test_emitting_signals_leaves_python_objects_alone() -> None:
    # PySide6 6.12.0 dropped a reference to True on every emit and crashed long sessions.
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout.strip())) <= 2
