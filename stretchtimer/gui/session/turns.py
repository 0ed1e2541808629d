"""Work split across turns of the event loop, so that the window answers in between.

``QTimer.singleShot(0, ...)`` is no turn in Qt 6: it posts a call that the event loop
runs in the same pass as the work before it, ahead of the timers (the window's own, a
pacer's) and input that fell due meanwhile, so two halves of a job still hold the GUI
thread as one. A timer of one millisecond is ordered after whatever fell due before it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

TURN_MS = 1  # after what is due already: see the module's docstring


def next_turn(context: QObject, function: Callable[[], object]) -> None:
    """Run ``function`` on a later turn of the event loop, once the timers and events that
    are due now have had theirs; not at all if ``context`` is deleted first."""
    QTimer.singleShot(TURN_MS, context, function)
