"""Record a session from the engine's events, in any player (terminal now, the app later).

Connect a :class:`SessionRecorder` as a listener of the engine's events. The
session row is written when the session starts, every segment when it ends,
and the ending (completed or stopped) when the session finishes; a crash loses
at most the segment in progress (and a segment that ended in the few
milliseconds before, while its write was under way). Writing happens on a
background thread (:class:`~.writer.HistoryWriter`): the recorder never blocks
the player and never raises into it.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from pathlib import Path

from stretchtimer.core.routine.summary import routine_digest
from stretchtimer.core.session import comfort
from stretchtimer.core.session.events import SegmentEnded, SessionFinished, SessionStarted, Status
from stretchtimer.core.session.plan import Plan
from stretchtimer.storage.history.connection import immediate
from stretchtimer.storage.history.identity import ProcessIdentity, this_process
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.operations import (
    AddSegment,
    FinishSession,
    Operation,
    RateComfort,
    StartSession,
)
from stretchtimer.storage.history.problems import HistoryProblem, ProblemKind
from stretchtimer.storage.history.recording.writer import HistoryWriter, ProblemHandler
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord, SessionStatus
from stretchtimer.storage.history.store import HistoryDatabase
from stretchtimer.storage.history.timestamps import utc_offset_minutes, utc_text

log = logging.getLogger(__name__)

COMFORT_RANGE = range(comfort.LOWEST, comfort.HIGHEST + 1)


class SessionRecorder:
    """Turns one session's engine events into history writes."""

    def __init__(
        self,
        plan: Plan,
        *,
        routine_id: str,
        path: Path | None = None,
        writer: HistoryWriter | None = None,
        speed: float = 1.0,
        comfort_before: int | None = None,
        on_problem: ProblemHandler | None = None,
        identity: ProcessIdentity | None = None,
        digest: str | None = None,
    ) -> None:
        if writer is None:
            if path is None:
                raise ValueError("a recorder needs the history's path or a writer")
            writer = HistoryWriter(path, on_problem=on_problem)
        self.writer = writer
        self.plan = plan
        self.routine_id = routine_id
        self.speed = speed
        self.comfort_before = _rating(comfort_before)
        self.identity = identity or this_process()
        self.session_id = str(uuid.uuid4())
        self.started = False
        self.finished = False
        self._order = 0
        self._active = 0.0
        self._start_wall = 0.0
        self._submitted: list[Operation] = []  # this session's writes, to save again if need be
        # The routine as its file has it, when the plan reads it in another language.
        self._digest = digest or routine_digest(plan.routine)

    def __call__(self, event: object) -> None:
        """An engine event; anything that goes wrong is logged, never raised."""
        try:
            self._on_event(event)
        except Exception:
            log.exception("history: could not record %r", event)

    def rate_after(self, value: int | None) -> None:
        """The comfort rating given after the session (None: skipped)."""
        try:
            rating = _rating(value)
            if self.started and rating is not None:
                self._submit(RateComfort(self.session_id, rating))
        except Exception:
            log.exception("history: could not record the comfort rating")

    def close(self, timeout: float | None = None) -> tuple[HistoryProblem, ...]:
        """Finish writing; what to tell the person (nothing when everything was saved).

        If the file turned out to be damaged while recording, it is checked in full,
        set aside if it fails, and this whole session is written to the new history.
        """
        try:
            problem = self.writer.close() if timeout is None else self.writer.close(timeout)
            cause = self.writer.problem
            if problem is not None and cause is not None and cause.kind is ProblemKind.DAMAGED:
                return self._save_in_checked_history(problem)
            return () if problem is None else (problem,)
        except Exception:
            log.exception("history: closing the writer failed")
            return ()

    def save_again(self, database: HistoryDatabase) -> bool:
        """Write this whole session into ``database`` (a new history that replaced a damaged
        one); False if that failed too. Writing twice what is already there changes nothing."""
        try:
            with immediate(database.connection) as connection:
                for operation in self._submitted:
                    operation.apply(connection)
        except (sqlite3.Error, OSError) as error:
            log.warning("history: could not save session %s again: %s", self.session_id, error)
            return False
        log.info("history: session %s saved in the new history", self.session_id)
        return True

    def _save_in_checked_history(self, problem: HistoryProblem) -> tuple[HistoryProblem, ...]:
        opened = open_history(self.writer.path, full_check=True)
        if opened.database is None:
            return (*opened.problems, problem)
        with opened.database as database:
            saved = self.save_again(database)
        return opened.problems if saved else (*opened.problems, problem)

    def _submit(self, operation: Operation) -> None:
        self._submitted.append(operation)
        self.writer.submit(operation)

    # -- events -----------------------------------------------------------------------

    def _on_event(self, event: object) -> None:
        if isinstance(event, SessionStarted):
            self._start(event)
        elif isinstance(event, SegmentEnded) and self.started:
            self._segment(event)
        elif isinstance(event, SessionFinished) and self.started and not self.finished:
            self.finished = True
            status = (
                SessionStatus.COMPLETED
                if event.status is Status.COMPLETED
                else SessionStatus.STOPPED
            )
            ended_at = utc_text(self._real_wall(event.wall))
            self._submit(FinishSession(self.session_id, status, ended_at, event.active_seconds))

    def _start(self, event: SessionStarted) -> None:
        if self.started:
            return
        self.started = True
        self._start_wall = event.wall
        routine = self.plan.routine
        record = SessionRecord(
            id=self.session_id,
            routine_id=self.routine_id,
            routine_title=routine.title,
            routine_digest=self._digest,
            started_at=utc_text(event.wall),
            utc_offset=utc_offset_minutes(event.wall),
            status=SessionStatus.IN_PROGRESS,
            planned_seconds=self.plan.duration,
            active_seconds=0.0,
            speed=self.speed,
            comfort_before=self.comfort_before,
        )
        self._submit(StartSession(record, self.identity))

    def _segment(self, event: SegmentEnded) -> None:
        segment = event.segment
        step = self.plan.step(segment)
        self._active += event.actual_seconds
        record = SegmentRecord(
            order=self._order,
            step_index=segment.step_index,
            step_name=step.name if step else "",
            side=segment.side.value if segment.side else None,
            kind=segment.kind.value,
            planned_seconds=segment.duration,
            actual_seconds=event.actual_seconds,
            outcome=event.outcome.value,
            easier=event.easier,
            ended_at=utc_text(self._real_wall(event.wall)),
        )
        self._order += 1
        self._submit(AddSegment(self.session_id, record, self._active))

    def _real_wall(self, wall: float) -> float:
        """A preview's clock runs ``speed`` times faster; the history keeps real times.

        Durations stay in the routine's own time: a preview still shows how long
        each part of the routine is.
        """
        return self._start_wall + (wall - self._start_wall) / self.speed


def _rating(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or value not in COMFORT_RANGE:
        raise ValueError(f"a comfort rating is a whole number from 0 to 10, not {value!r}")
    return value
