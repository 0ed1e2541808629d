"""The history side of ``play --no-gui``: ask for comfort, say what went wrong, check late.

The history is opened by the shared session set-up (at most one sentence if the file
had to be set aside or cannot be used, and the session plays either way). A problem
that comes up while recording is reported once, on its own line, from the Qt event
loop; whatever could not be saved by the end is reported as the program closes.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TextIO

from PySide6.QtCore import QObject, Signal, Slot

from stretchtimer.core.i18n import _
from stretchtimer.core.session import comfort
from stretchtimer.runtime.session_setup import SessionParts
from stretchtimer.storage.history import open_history
from stretchtimer.storage.history.problems import HistoryProblem, ProblemKind
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
    """The history's side of one terminal session: its questions and its messages."""

    def __init__(
        self,
        paths: Paths,
        parts: SessionParts,
        *,
        asks_comfort: bool,
        stdin: TextIO | None = None,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.paths = paths
        self.parts = parts
        self.stdin = stdin or sys.stdin
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        # Without a terminal to answer in, nobody is asked.
        self.asks = asks_comfort and self.stdin.isatty() and parts.prepared.history_ok
        self.relay = _ProblemRelay(self._show_live)

    def ask_before(self) -> int | None:
        """The rating before the session, when it is asked (None: skipped or not asked)."""
        return ask_comfort(_(comfort.QUESTION_BEFORE), self.stdin, self.out) if self.asks else None

    def finish(self) -> None:
        """After the session: the rating after, the last writes, and a late check if due."""
        recorder = self.parts.recorder
        if recorder is None:
            return
        if self.asks and recorder.started:
            try:
                recorder.rate_after(ask_comfort(_(comfort.QUESTION_AFTER), self.stdin, self.out))
            except KeyboardInterrupt:  # Ctrl-C at the question: no rating, the session is kept
                self.out.write("\n")
        told = self.parts.close_history()
        for problem in told:
            self.say(problem.message)
        if not told and self.parts.prepared.check_later:
            # The file was too big to check before the session; nobody is waiting now.
            checked = open_history(self.paths.history, full_check=True)
            for found in checked.problems:
                self.say(found.message)
            if checked.database is not None:
                with checked.database as database:
                    if any(found.kind is ProblemKind.DAMAGED for found in checked.problems):
                        recorder.save_again(database)  # this session goes on in the new one

    def _show_live(self, problem: HistoryProblem) -> None:
        self.say_live(problem.message)

    def say_live(self, sentence: str) -> None:
        """On its own line, over the live status line (which redraws itself)."""
        prefix = CLEAR_LINE if self.err.isatty() else ""
        self.err.write(f"{prefix}stretchtimer: {sentence}\n")
        self.err.flush()

    def say(self, sentence: str) -> None:
        self.err.write(f"stretchtimer: {sentence}\n")
        self.err.flush()
