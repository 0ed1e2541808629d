"""The one way to do background work: run a function off the GUI thread and get
its result (or its error) back on the GUI thread.

Every caller gets the same error handling: a known problem goes to the caller's
``on_error``; anything else is a bug and goes to the app's crash handler. Tests
swap :class:`TaskRunner` for :class:`ImmediateTaskRunner`, which runs tasks at once.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
BugHandler = Callable[[BaseException, str], None]


class Tasks(Protocol):
    """The background helper, as callers use it: :class:`TaskRunner` or a test's stand-in."""

    def run(
        self,
        function: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None: ...

    def wait(self, milliseconds: int = 30_000) -> bool: ...

    @property
    def busy(self) -> bool: ...


class _Relay(QObject):
    """Lives on the GUI thread; carries a finished task's outcome back to it."""

    finished = Signal(object, object, object, object)  # (task id, result, error, traceback)


class _Job(QRunnable):
    def __init__(self, number: int, function: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.number = number
        self.function = function
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.function()
        except BaseException as error:
            self.relay.finished.emit(self.number, None, error, traceback.format_exc())
        else:
            self.relay.finished.emit(self.number, result, None, None)


class TaskRunner(QObject):
    """Runs callables on a thread pool; callbacks run on the GUI thread.

    ``known`` lists the exception types that are problems a person can act on;
    they go to ``on_error``. Any other exception is a bug: it goes to ``on_bug``
    (the crash dialog) even when the caller gave an ``on_error``.
    """

    def __init__(
        self,
        *,
        on_bug: BugHandler,
        known: tuple[type[BaseException], ...] = (OSError,),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_bug = on_bug
        self._known = known
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._callbacks: dict[int, tuple[Done | None, Failed | None]] = {}
        self._next = 0

    def run(
        self,
        function: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
    ) -> None:
        self._next += 1
        self._callbacks[self._next] = (on_done, on_error)
        self._pool.start(_Job(self._next, function, self._relay))

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Wait for running tasks (at exit, and in tests)."""
        return self._pool.waitForDone(milliseconds)

    @property
    def busy(self) -> bool:
        """Whether a task runs or waits, or its outcome has not reached the GUI thread yet."""
        return bool(self._callbacks)

    @Slot(object, object, object, object)
    def _finished(
        self, number: int, result: Any, error: BaseException | None, trace: str | None
    ) -> None:
        on_done, on_error = self._callbacks.pop(number, (None, None))
        if error is None:
            if on_done is not None:
                on_done(result)
            return
        if isinstance(error, self._known) and on_error is not None:
            log.info("background task failed: %s", error)
            on_error(error)
            return
        log.error("background task failed with a bug:\n%s", trace)
        self._on_bug(error, trace or "")


class ImmediateTaskRunner:
    """Runs tasks at once on the calling thread: the same contract, for tests."""

    def __init__(
        self,
        *,
        on_bug: BugHandler | None = None,
        known: tuple[type[BaseException], ...] = (OSError,),
    ) -> None:
        self._on_bug = on_bug
        self._known = known

    def run(
        self,
        function: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
    ) -> None:
        try:
            result = function()
        except BaseException as error:
            if isinstance(error, self._known) and on_error is not None:
                on_error(error)
                return
            if self._on_bug is None:
                raise
            self._on_bug(error, traceback.format_exc())
            return
        if on_done is not None:
            on_done(result)

    def wait(self, milliseconds: int = 30_000) -> bool:
        return True

    @property
    def busy(self) -> bool:
        return False  # each task ran to its end when it was given
