"""Notice when the GUI thread stops answering, and log where it is.

A timer on the GUI thread beats every quarter second; a small thread of its own
looks at the last beat. When none came for :data:`LIMIT` seconds, it logs the GUI
thread's Python stack once (and once more when the thread answers again), so a
hang or a stall that a person reports comes with the line it happened on.

A stopped process (SIGSTOP) or a sleeping machine stops both threads (and the
monotonic clock), so neither looks like a hang.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

LIMIT = 2.0  # seconds without a beat: stuck
BEAT = 0.25


class GuiWatchdog(QObject):
    """Watches the thread it is made on (the GUI thread). Call :meth:`start` and :meth:`stop`."""

    def __init__(
        self, limit: float = LIMIT, beat: float = BEAT, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.limit = limit
        self.beat = beat
        self.reports = 0  # how many times the thread was found stuck
        self._watched = threading.get_ident()
        self._last = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(round(beat * 1000))
        self._timer.timeout.connect(self._beat)
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._last = time.monotonic()
        self._timer.start()
        self._thread = threading.Thread(target=self._watch, name="gui-watchdog", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=self.beat * 4)
            self._thread = None

    def _beat(self) -> None:
        self._last = time.monotonic()

    def _watch(self) -> None:
        stuck_since: float | None = None
        while not self._stopped.wait(self.beat):
            last = self._last
            silent = time.monotonic() - last
            if silent > self.limit and stuck_since != last:
                stuck_since = last
                self.reports += 1
                log.warning(
                    "the window has not answered for %.1f s; the GUI thread is at:\n%s",
                    silent,
                    self._stack(),
                )
            elif stuck_since is not None and last != stuck_since:
                log.info("the window answers again")
                stuck_since = None

    def _stack(self) -> str:
        frame = sys._current_frames().get(self._watched)
        if frame is None:
            return "  (no Python code: inside Qt or the system)"
        return "".join(traceback.format_stack(frame)).rstrip()
