"""SIGTERM (a logout, ``kill``, a service manager) and Ctrl-C end the app in order.

Python runs a signal handler only between bytecodes, and not at all while Qt's
event loop waits in C; so the handler only notes the signal and the wakeup fd
(a socket pair watched by a :class:`QSocketNotifier`) makes Qt hand control back
at once. The watcher then emits :attr:`TerminationWatcher.requested` on the Qt
thread, where the app stops its session (recorded as ``stopped``) and quits.

The watcher owns its sockets: :meth:`close` turns the notifier off and deletes it
before closing them, so no notifier is ever left on a closed descriptor.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class TerminationWatcher(QObject):
    """Turns SIGTERM and SIGINT into a signal on the Qt thread.

    Signals:
        requested(int): the signal's number; connect the app's orderly quit.
    """

    requested = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._received: list[int] = []
        self._notifier: QSocketNotifier | None = QSocketNotifier(
            self._reader.fileno(), QSocketNotifier.Type.Read, self
        )
        self._notifier.activated.connect(self._drain)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, self._note) for number in SIGNALS}
        self._closed = False

    def _note(self, number: int, frame: FrameType | None) -> None:
        self._received.append(number)

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self._reader.recv(64)
        received, self._received = self._received, []
        for number in received[:1]:  # one orderly quit is enough
            log.info("signal %s: stopping the session and quitting", signal.Signals(number).name)
            self.requested.emit(number)

    def close(self) -> None:
        """Give the signals back to their old handlers and close the sockets."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(ValueError):  # not the main thread any more
            signal.set_wakeup_fd(self._previous_fd)
            for number, handler in self._previous.items():
                signal.signal(number, handler)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        self._reader.close()
        self._writer.close()
