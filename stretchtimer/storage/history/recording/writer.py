"""Write the history from a background thread, keeping what fails and trying again.

The session must never wait for the disk: an ``fsync``, a full disk or another
program's lock (which SQLite waits out for seconds) would make cues late. So
the player only hands operations to :class:`HistoryWriter`, which applies them
on its own thread. What cannot be written stays in memory, in order, and is
tried again with each new operation and after a growing delay. The first
failure is reported once through ``on_problem`` (called on the writer's thread).

While writes wait, they are also kept in a journal beside the history (when the
disk allows), so that a program that ends before the history can take them loses
nothing: the next opening of the history adds them (see :mod:`.journal`). A
history that does not exist yet (the disk was full when it was to be made) is
created as soon as it can be.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from stretchtimer.storage.history import problems
from stretchtimer.storage.history.connection import connect, immediate
from stretchtimer.storage.history.journal import (
    journal_path,
    remove_journal,
    write_journal,
)
from stretchtimer.storage.history.opening import ensure_created
from stretchtimer.storage.history.operations import Operation
from stretchtimer.storage.history.problems import HistoryProblem, ProblemKind

log = logging.getLogger(__name__)

RETRY_DELAYS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
CLOSE_TIMEOUT = 5.0  # at the end, how long to keep trying while another program holds a lock

ProblemHandler = Callable[[HistoryProblem], None]
Connector = Callable[[], sqlite3.Connection]


class _Stop:
    def __init__(self, deadline: float) -> None:
        self.deadline = deadline


class _WhenSaved:
    """Call ``callback`` (on the writer's thread) once everything before it is saved."""

    def __init__(self, callback: Callable[[], None]) -> None:
        self.callback = callback


class HistoryWriter:
    """Applies operations in order on a background thread; never raises to its caller."""

    def __init__(
        self,
        path: Path,
        *,
        on_problem: ProblemHandler | None = None,
        connector: Connector | None = None,
        retry_delays: Sequence[float] = RETRY_DELAYS,
    ) -> None:
        self.path = path
        self._connector = connector or (lambda: _connect_or_create(path))
        self.journal = journal_path(path, str(uuid.uuid4()))
        self._journal_kept = False  # the journal holds what is pending now
        self._on_problem = on_problem
        self._retry_delays = tuple(retry_delays)
        self._queue: queue.SimpleQueue[Operation | _Stop | _WhenSaved] = queue.SimpleQueue()
        self._pending: list[Operation] = []  # owned by the thread
        self._waiting: list[_WhenSaved] = []  # owned by the thread: told once pending is empty
        self._connection: sqlite3.Connection | None = None
        self._failures = 0
        self._told = False
        self._lock = threading.Lock()
        self._problem: HistoryProblem | None = None
        self._unsaved = 0
        self._thread = threading.Thread(target=self._run, name="history-writer", daemon=True)
        self._thread.start()

    # -- the player's side ------------------------------------------------------------

    def submit(self, operation: Operation) -> None:
        self._queue.put(operation)

    def when_saved(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` on the writer's thread once every operation submitted before
        is in the file (later, if a lock or a full disk holds them; never, if they are
        lost). For a view that shows the history: it reads the file after that."""
        self._queue.put(_WhenSaved(callback))

    @property
    def problem(self) -> HistoryProblem | None:
        """The most recent failure, while something is still unsaved; else None."""
        with self._lock:
            return self._problem

    def close(self, timeout: float = CLOSE_TIMEOUT) -> HistoryProblem | None:
        """Save what is left (waiting up to ``timeout`` for a lock); a problem if some is lost."""
        if self._thread.is_alive():
            self._queue.put(_Stop(time.monotonic() + timeout))
            self._thread.join(timeout + 2.0)
        with self._lock:
            unsaved = self._unsaved if not self._thread.is_alive() else max(self._unsaved, 1)
            cause = self._problem
            kept = self._journal_kept
        if unsaved:
            log.warning("history: %s write(s) could not be saved (%s)", unsaved, cause)
            return problems.not_saved(self.path, cause, self.journal if kept else None)
        return None

    # -- the writer thread ------------------------------------------------------------

    def _run(self) -> None:
        while True:
            delay = self._retry_delay() if self._pending else None
            try:
                item = self._queue.get(timeout=delay)
            except queue.Empty:
                item = None  # time to try again
            stop = None
            if isinstance(item, _Stop):
                stop = item
            elif isinstance(item, _WhenSaved):
                self._waiting.append(item)
            elif item is not None:
                self._pending.append(item)
            stop = self._take_queued(stop)
            self._flush()
            self._tell_saved()
            if stop is not None:
                self._finish(stop)
                return

    def _take_queued(self, stop: _Stop | None) -> _Stop | None:
        """Everything already waiting joins this batch."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return stop
            if isinstance(item, _Stop):
                stop = item
            elif isinstance(item, _WhenSaved):
                self._waiting.append(item)
            else:
                self._pending.append(item)

    def _finish(self, stop: _Stop) -> None:
        # Only a lock may clear up in a moment; a full disk or a read-only file will not.
        while self._pending and time.monotonic() < stop.deadline:
            if self._problem is None or self._problem.kind is not ProblemKind.LOCKED:
                break
            time.sleep(0.2)
            self._flush()
        if self._pending:
            self._keep_journal()
        self._tell_saved()
        self._disconnect()

    def _tell_saved(self) -> None:
        if self._pending or not self._waiting:
            return
        waiting, self._waiting = self._waiting, []
        for one in waiting:
            try:
                one.callback()
            except Exception:
                log.exception("history: a when-saved callback failed")

    def _retry_delay(self) -> float:
        index = min(max(self._failures - 1, 0), len(self._retry_delays) - 1)
        return self._retry_delays[index]

    def _flush(self) -> None:
        if not self._pending:
            return
        try:
            connection = self._connect()
            with immediate(connection):
                for operation in self._pending:
                    operation.apply(connection)
        except Exception as error:
            if problems.is_known(error):
                self._failed(error)
            else:
                log.exception("history: a write failed unexpectedly; trying each on its own")
                self._apply_one_by_one()
            return
        if self._failures:
            log.info(
                "history: saved %s waiting write(s) after %s failure(s)",
                len(self._pending),
                self._failures,
            )
        self._pending.clear()
        self._failures = 0
        if self._journal_kept:
            self._drop_journal()
        self._set_state(None, 0)

    def _apply_one_by_one(self) -> None:
        """After a bug, keep every write that can be made; drop only the ones that cannot."""
        kept: list[Operation] = []
        for operation in self._pending:
            try:
                connection = self._connect()
                with immediate(connection):
                    operation.apply(connection)
            except Exception as error:
                if problems.is_known(error):
                    kept.append(operation)
                    self._failed(error)
                else:
                    log.exception("history: dropping a write that cannot be made: %r", operation)
        self._pending = kept
        self._set_state(self._problem if kept else None, len(kept))

    def _failed(self, error: BaseException) -> None:
        self._failures += 1
        self._disconnect()  # a new connection next time: the file may have changed meanwhile
        problem = problems.from_error(error, self.path, recording=True)
        if self._failures == 1:
            log.warning(
                "history: cannot write now (%s); keeping %s write(s)", error, len(self._pending)
            )
        self._set_state(problem, len(self._pending))
        self._keep_journal()
        if not self._told:
            self._told = True
            if self._on_problem is not None:
                try:
                    self._on_problem(problem)
                except Exception:
                    log.exception("history: the problem handler failed")

    def _keep_journal(self) -> None:
        """The pending writes, kept beside the history too; a full disk may refuse that."""
        try:
            write_journal(self.journal, self._pending)
        except OSError as error:
            log.info("history: cannot keep a journal either (%s)", error)
            kept = False
        else:
            kept = True
        with self._lock:
            self._journal_kept = kept

    def _drop_journal(self) -> None:
        try:
            remove_journal(self.journal)
        except OSError as error:  # replayed later: applying it again changes nothing
            log.info("history: cannot remove the journal %s (%s)", self.journal, error)
        with self._lock:
            self._journal_kept = False

    def _set_state(self, problem: HistoryProblem | None, unsaved: int) -> None:
        with self._lock:
            self._problem = problem
            self._unsaved = unsaved

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = self._connector()
        return self._connection

    def _disconnect(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except sqlite3.Error:
                log.debug("history: closing a failed connection", exc_info=True)
            self._connection = None


def _connect_or_create(path: Path) -> sqlite3.Connection:
    """A connection to the history, made first if it is not there yet."""
    if not path.exists():
        ensure_created(path)
    return connect(path)
