"""Tell a benchmark when the window first appeared (only when asked to, by environment)."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QObject

READY_FILE = "STRETCHTIMER_READY_FILE"


class ReadyProbe(QObject):
    """Writes the monotonic time of the window's first paint to ``$STRETCHTIMER_READY_FILE``."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            with open(self.path, "w", encoding="utf-8") as handle:  # noqa: PTH123
                handle.write(f"{time.monotonic()}\n")
        return False


def install_ready_probe(window: QObject) -> ReadyProbe | None:
    path = os.environ.get(READY_FILE)
    if not path:
        return None
    probe = ReadyProbe(path)
    window.installEventFilter(probe)
    return probe
