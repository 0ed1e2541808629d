"""The history side of ``play --no-gui``: open it, ask for comfort, record, say what went wrong.

Opening happens before the session (at most one sentence if the file had to be
set aside or cannot be used, and the session plays either way). A problem that
comes up while recording is reported once, on its own line, from the Qt event
loop; whatever could not be saved by the end is reported as the program closes.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TextIO

from PySide6.QtCore import QObject, Signal, Slot

from stretchtimer.core.session import comfort
from stretchtimer.core.session.events import Event
from stretchtimer.core.session.plan import Plan
from stretchtimer.storage.history import open_history
from stretchtimer.storage.history.problems import HistoryProblem, ProblemKind
from stretchtimer.storage.history.recorder import SessionRecorder
from stretchtimer.storage.paths import Paths
from stretchtimer.terminal.comfort_prompt import ask_comfort

log = logging.getLogger(__name__)

CLEAR_LINE = "\r\x1b[K"


class _ProblemRelay(QObject):
    """Carries a problem from the history writer's thread to the Qt thread.

    Signals:
        problem(object): a :class:`HistoryProblem`, emitted from any thread; ``handler``
            gets it on the thread this relay lives in.
    """

    problem = Signal(object)

    def __init__(self, handler: Callable[[HistoryProblem], None]) -> None:
        super().__init__()
        self._handler = handler
        self.problem.connect(self._deliver)  # queued when emitted from another thread

    @Slot(object)
    def _deliver(self, problem: object) -> None:
        if isinstance(problem, HistoryProblem):
            self._handler(problem)


class TerminalRecording:
    """Records one terminal session in the history, if there is a usable one."""

    def __init__(
        self,
        paths: Paths,
        plan: Plan,
        *,
        routine_id: str,
        comfort_choice: str,
        speed: float = 1.0,
        stdin: TextIO | None = None,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.paths = paths
        self.stdin = stdin or sys.stdin
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        # A preview (--speed) is not a session the body went through: no questions.
        self.asks = (
            speed == 1.0
            and self.stdin.isatty()
            and comfort.asks_comfort(comfort_choice, plan.routine)
        )
        self._relay = _ProblemRelay(self._show_live)
        opened = open_history(paths.history)
        self._check_later = opened.check_deferred
        for problem in opened.problems:
            self._say(problem)
        self.recorder: SessionRecorder | None = None
        if opened.recordable:  # open, or kept and retried until it can be written
            if opened.database is not None:
                opened.database.close()  # the recorder writes through its own connection
            before = (
                ask_comfort(comfort.QUESTION_BEFORE, self.stdin, self.out) if self.asks else None
            )
            self.recorder = SessionRecorder(
                plan,
                routine_id=routine_id,
                path=paths.history,
                speed=speed,
                comfort_before=before,
                on_problem=self._relay.problem.emit,
            )

    def listener(self, event: Event) -> None:
        """Connect to the session driver's ``engine_event``."""
        if self.recorder is not None:
            self.recorder(event)

    def finish(self) -> None:
        """After the session: the rating after, the last writes, and a late check if due."""
        recorder = self.recorder
        if recorder is None:
            return
        if self.asks and recorder.started:
            try:
                recorder.rate_after(ask_comfort(comfort.QUESTION_AFTER, self.stdin, self.out))
            except KeyboardInterrupt:  # Ctrl-C at the question: no rating, the session is kept
                self.out.write("\n")
        told = recorder.close()
        for problem in told:
            self._say(problem)
        if not told and self._check_later:
            # The file was too big to check before the session; nobody is waiting now.
            checked = open_history(self.paths.history, full_check=True)
            for found in checked.problems:
                self._say(found)
            if checked.database is not None:
                with checked.database as database:
                    if any(found.kind is ProblemKind.DAMAGED for found in checked.problems):
                        recorder.save_again(database)  # this session goes on in the new one

    def _show_live(self, problem: HistoryProblem) -> None:
        """On its own line, over the live status line (which redraws itself)."""
        prefix = CLEAR_LINE if self.err.isatty() else ""
        self.err.write(f"{prefix}stretchtimer: {problem.message}\n")
        self.err.flush()

    def _say(self, problem: HistoryProblem) -> None:
        self.err.write(f"stretchtimer: {problem.message}\n")
        self.err.flush()
