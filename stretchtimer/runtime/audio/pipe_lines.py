"""Lines from a pipe, read without ever blocking Qt's event loop.

Where the system can watch a pipe (Linux, macOS) a ``QSocketNotifier`` wakes the loop
when there is something to read. Windows cannot watch a pipe that way, so a reader
thread blocks on it instead and hands each chunk to the loop as a queued signal.

Both ways own their descriptor: the notifier is disabled and deleted before the pipe
is closed (a notifier left on a closed descriptor is what makes GLib's loop spin), and
the reader thread, which may be inside a blocking read, closes the pipe itself when
the other end has gone, never the owner under it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from typing import IO

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier, Signal

WATCHABLE = sys.platform != "win32"  # whether a notifier can watch a pipe here
CHUNK = 65536


class PipeLines(QObject):
    """Reads ``pipe`` and emits whole lines.

    Signals:
        lines(list): the complete lines read (bytes, without their line ends).
        ended(): the other end closed (or the pipe broke); nothing more will come.
    """

    lines = Signal(list)
    ended = Signal()
    _chunk = Signal(bytes)  # from the reader thread, queued onto the owner's loop

    def __init__(
        self, pipe: IO[bytes], *, thread: bool = not WATCHABLE, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._pipe = pipe
        self._pending = bytearray()
        self._closed = False
        self._ended = False
        self._lock = threading.Lock()
        self._notifier: QSocketNotifier | None = None
        self._chunk.connect(self._take)
        if thread:
            reader = threading.Thread(target=self._read_all, name="pipe-lines", daemon=True)
            reader.start()
        else:
            os.set_blocking(pipe.fileno(), False)
            # No parent: deleted by ``close`` alone, never a second time with its owner.
            self._notifier = QSocketNotifier(pipe.fileno(), QSocketNotifier.Type.Read)
            self._notifier.activated.connect(self._readable)

    def close(self) -> None:
        """Stop reading; no signal comes after this. The pipe is closed now (notifier),
        or by the reader thread once the other end has gone (thread)."""
        notifier, self._notifier = self._notifier, None
        with self._lock:
            self._closed = True
        if notifier is not None:
            notifier.setEnabled(False)
            notifier.activated.disconnect()
            if shiboken6.isValid(notifier):
                shiboken6.delete(notifier)  # out of the event loop before its fd closes
            with contextlib.suppress(OSError):
                self._pipe.close()

    # -- a notifier (Linux, macOS) ------------------------------------------------------

    def _readable(self) -> None:
        try:
            chunk = os.read(self._pipe.fileno(), CHUNK)
        except BlockingIOError:
            return
        except (OSError, ValueError):
            chunk = b""
        if not chunk and self._notifier is not None:
            self._notifier.setEnabled(False)  # no more turns of the loop on this pipe
        self._take(chunk)

    # -- a reader thread (Windows) ------------------------------------------------------

    def _read_all(self) -> None:
        while True:
            try:
                chunk = os.read(self._pipe.fileno(), CHUNK)
            except (OSError, ValueError):
                chunk = b""
            with self._lock:
                if self._closed:
                    break
                try:
                    self._chunk.emit(chunk)  # queued: the owner's loop takes it
                except RuntimeError:  # the owner was deleted without closing
                    break
            if not chunk:
                break
        with contextlib.suppress(OSError):
            self._pipe.close()

    # -- either -------------------------------------------------------------------------

    def _take(self, chunk: bytes) -> None:
        if self._closed or self._ended:
            return
        if not chunk:
            self._ended = True
            self.ended.emit()
            return
        self._pending.extend(chunk)
        *complete, rest = self._pending.split(b"\n")
        self._pending[:] = rest
        if complete:
            self.lines.emit([bytes(line) for line in complete])
