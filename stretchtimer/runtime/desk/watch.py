"""Read the desk (idle, calls, full screen, DND) every few seconds, off the GUI thread.

The reading itself (the probes in ``stretchtimer/system/presence/``) is handed in
as a function of the wall-clock instant, so this module stays on QtCore and does
not know which probes exist. Each reading runs on Qt's thread pool: a probe may
wait up to its own short timeout (a D-Bus call, ``pactl``), and the window must
never stall for it. One reading at a time; a slow one makes the next wait.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from stretchtimer.core.reminders.presence import DeskState
from stretchtimer.core.session.clock import Clock

log = logging.getLogger(__name__)

POLL_SECONDS = 15.0  # idle time and calls change over minutes; a return is seen within this

Reader = Callable[[float], DeskState]


class _Relay(QObject):
    """Lives on the GUI thread; carries a reading back to it."""

    read = Signal(object)


class _Reading(QRunnable):
    def __init__(self, reader: Reader, now: float, relay: _Relay) -> None:
        super().__init__()
        self.reader, self.now, self.relay = reader, now, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            state: DeskState | None = self.reader(self.now)
        except Exception:  # an optional part: a broken probe must not take the app down
            log.exception("reading the desk failed")
            state = None
        try:
            self.relay.read.emit(state)
        except RuntimeError:  # the watch was deleted meanwhile (the app quit): nobody to tell
            log.debug("a desk reading arrived after the watch was gone")


class DeskWatch(QObject):
    """Polls ``reader`` and says when the desk changed.

    Signals:
        changed(object): a :class:`DeskState` different from the last one.
    """

    changed = Signal(object)

    def __init__(
        self,
        reader: Reader,
        clock: Clock,
        *,
        seconds: float = POLL_SECONDS,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.reader = reader
        self.clock = clock
        self.pool = pool or QThreadPool.globalInstance()
        self.state = DeskState()
        self._busy = False
        self._asked_again = False  # read_now while a reading ran: read once more after it
        self._relay = _Relay(self)
        self._relay.read.connect(self._arrived)
        self._timer = QTimer(self)
        self._timer.setInterval(round(seconds * 1000))
        self._timer.timeout.connect(self.read_now)

    def start(self) -> None:
        self._timer.start()
        self.read_now()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def read_now(self) -> None:
        """Read the desk; asked while a reading runs, once more when it is back (that
        reading may have started before what the caller knows changed)."""
        if self._busy:
            self._asked_again = True
            return
        self._busy = True
        self.pool.start(_Reading(self.reader, self.clock.now().wall, self._relay))

    def _arrived(self, state: DeskState | None) -> None:
        self._busy = False
        if self._asked_again:
            self._asked_again = False
            self.read_now()
        if state is None or state == self.state:
            return
        self.state = state
        self.changed.emit(state)
