"""Prepare a terminal session off the event loop, so that its sounds come first.

The speech renders on a thread of its own while the Qt event loop runs here: the
audio process loads the chimes meanwhile and the start chime rings as soon as they
are loaded (:class:`~stretchtimer.runtime.session_start.StartSounds`), as in the app,
instead of after the first words are ready.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Signal

from stretchtimer.runtime.session_start import StartSounds
from stretchtimer.terminal.keys import InterruptWatcher

T = TypeVar("T")


class _Done(QObject):
    """Signals:
    done(): the work on the thread is over (emitted from that thread)."""

    done = Signal()


def prepare_meanwhile(start: StartSounds, work: Callable[[], T]) -> T:
    """``work()``'s result (or its error, raised here), run on a thread once ``start``
    asks for the session to be prepared, while the event loop runs here. Ctrl-C stops
    the wait with ``KeyboardInterrupt``, as it stopped the preparation before; the
    thread is then left to end with the program (its result unused, its errors kept)."""
    loop = QEventLoop()
    relay = _Done()
    relay.done.connect(loop.quit)  # queued: emitted from the thread
    outcome: list[tuple[bool, object]] = []
    interrupted: list[bool] = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as error:  # handed to the waiting thread, never printed there
            outcome.append((False, error))
        relay.done.emit()

    def begin() -> None:
        threading.Thread(target=run, name="prepare-session", daemon=True).start()

    def interrupt() -> None:
        interrupted.append(True)
        loop.quit()

    watcher = InterruptWatcher(interrupt)
    try:
        start.prepare(begin)
        while not outcome and not interrupted:
            loop.exec()
    finally:
        watcher.close()
    if not outcome:
        raise KeyboardInterrupt
    ok, value = outcome[0]
    if not ok:
        assert isinstance(value, BaseException)
        raise value
    return value  # type: ignore[return-value]
