"""A window's first paint: the app fills its window in after it, and a benchmark is told
when it happened (only when asked to, by environment)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

READY_FILE = "STRETCHTIMER_READY_FILE"


class FirstPaint(QObject):
    """Calls ``callback`` once, as ``window`` paints for the first time, or after
    ``at_the_latest_ms`` if it has not by then (a window that is never exposed)."""

    def __init__(
        self,
        window: QWidget,
        callback: Callable[[], None],
        *,
        at_the_latest_ms: int | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.callback: Callable[[], None] | None = callback
        window.installEventFilter(self)
        if at_the_latest_ms is not None:
            QTimer.singleShot(at_the_latest_ms, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self._call()
        return False

    def _call(self) -> None:
        callback, self.callback = self.callback, None
        if callback is not None:
            self.window.removeEventFilter(self)
            callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None], wait_ms: int) -> None:
    """Run ``callback`` once ``widget``'s first paint is on screen (at most ``wait_ms``
    later); on the next turn if its window is hidden. (A widget just added to a shown
    window is not visible yet: its layout shows it on a later turn.)"""
    # With ``widget`` as the timer's context: nothing is called once it is gone.
    if not widget.window().isVisible():
        QTimer.singleShot(0, widget, callback)
        return
    FirstPaint(widget, lambda: QTimer.singleShot(0, widget, callback), at_the_latest_ms=wait_ms)


def _probe_file() -> str | None:
    return os.environ.get(READY_FILE) or None


def _note_time(path: str, mode: str) -> None:
    with open(path, mode, encoding="utf-8") as handle:  # noqa: PTH123
        handle.write(f"{time.monotonic()}\n")


def install_ready_probe(window: QWidget) -> None:
    """For the start-up benchmark, when ``$STRETCHTIMER_READY_FILE`` names a file: write
    the monotonic time of ``window``'s first paint to it."""
    path = _probe_file()
    if path:
        FirstPaint(window, lambda: _note_time(path, "w"))


def probe_filled(page: QWidget) -> None:
    """Then add, as a second line, the time of ``page``'s first paint: the window filled
    in and usable."""
    path = _probe_file()
    if path:
        FirstPaint(page, lambda: _note_time(path, "a"))
