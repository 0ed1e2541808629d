"""Single-key input and Ctrl-C for the terminal player, on the Qt event loop."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

from PySide6.QtCore import QObject, QSocketNotifier

from stretchtimer.core.i18n import _

try:
    import termios
except ImportError:  # Windows: no single-key input; the session still plays
    termios = None  # type: ignore[assignment]

KEY_ACTIONS = {
    " ": "toggle_pause",
    "p": "toggle_pause",
    "n": "skip",
    "\x1b[C": "skip",  # right arrow
    "b": "back",
    "\x1b[D": "back",  # left arrow
    "e": "toggle_easier",  # on, and off again, as the app's Easier button
    "q": "stop",
}


def keys_help() -> str:
    """The keys line shown under the routine's title."""
    return _("keys: space pause/resume · n or → skip · b or ← back · e easier on/off · q stop")


@contextlib.contextmanager
def cbreak(stream: TextIO) -> Iterator[bool]:
    """Read keys one at a time without echo while inside; restores the terminal after.

    Yields whether key input is available (stdin is a terminal).
    """
    if termios is None or not stream.isatty():
        yield False
        return
    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    changed = termios.tcgetattr(fd)
    changed[3] &= ~(termios.ICANON | termios.ECHO)  # lflags; ISIG stays on for Ctrl-C
    changed[6][termios.VMIN] = 1
    changed[6][termios.VTIME] = 0
    termios.tcsetattr(fd, termios.TCSANOW, changed)
    try:
        yield True
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def parse_keys(data: str) -> list[str]:
    """Actions for the keys in ``data``, in order; unknown keys are ignored."""
    actions = []
    index = 0
    while index < len(data):
        if data.startswith("\x1b[", index) and index + 2 < len(data):
            chunk = data[index : index + 3]
            index += 3
        else:
            chunk = data[index].lower()
            index += 1
        action = KEY_ACTIONS.get(chunk)
        if action:
            actions.append(action)
    return actions


class KeyReader(QObject):
    """Calls ``on_action(name)`` for each key pressed on ``stream``."""

    def __init__(self, stream: TextIO, on_action: Callable[[str], None]) -> None:
        super().__init__()
        self._fd = stream.fileno()
        self._on_action = on_action
        self._notifier = QSocketNotifier(self._fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)

    def _read(self) -> None:
        try:
            data = os.read(self._fd, 64).decode("utf-8", errors="ignore")
        except OSError:
            data = ""
        if not data:  # end of input: stop listening, keep playing
            self._notifier.setEnabled(False)
            return
        for action in parse_keys(data):
            self._on_action(action)


class InterruptWatcher(QObject):
    """Turns Ctrl-C (SIGINT) and SIGTERM into a callback while the Qt event loop runs.

    Python runs signal handlers only between bytecodes; the wakeup socket makes
    Qt hand control back to Python as soon as a signal arrives.
    """

    def __init__(self, on_interrupt: Callable[[], None]) -> None:
        super().__init__()
        self._on_interrupt = on_interrupt
        self._pending = False
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {
            number: signal.signal(number, self._handle)
            for number in (signal.SIGINT, signal.SIGTERM)
        }

    def _handle(self, number: int, frame: object) -> None:
        # Only noted here: a signal handler runs between any two bytecodes, perhaps in
        # the middle of writing a log line, so the work waits for the event loop.
        self._pending = True

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self._reader.recv(64)
        if self._pending:
            self._pending = False
            self._on_interrupt()

    def close(self) -> None:
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


def stdout_is_unicode() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower()
    return encoding.replace("-", "") in ("utf8", "utf16", "utf32")
