"""Shared by the history tests: routines, sessions played on a fake clock, file checks."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

from stretchtimer.core.routine.model import Hold, Pace, Routine, Sides, Step
from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.plan import Plan, build_plan
from stretchtimer.storage.history.exchange.importing import import_sessions
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.recording.recorder import SessionRecorder
from stretchtimer.storage.history.recording.writer import HistoryWriter
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord, SessionStatus
from stretchtimer.storage.history.timestamps import utc_text

QUICK_PACE = Pace(prepare=5, rest=5, switch=5, inhale=4, exhale=6)


def small_routine(
    title: str = "Two stretches", *, steps: int = 2, tags: tuple[str, ...] = ()
) -> Routine:
    """A short routine: each step a 20 s hold on both sides."""
    names = ["Figure-four", "Pigeon pose", "Butterfly", "Lizard", "Frog", "Cobra"]
    return Routine(
        title,
        tuple(
            Step(
                names[index % len(names)] + ("" if index < len(names) else f" {index}"),
                Hold(20),
                Sides.BOTH,
            )
            for index in range(steps)
        ),
        tags=tags,
        pace=QUICK_PACE,
    )


def play(
    plan: Plan,
    recorder: Callable[[object], None],
    *,
    wall: float,
    stop_after: int | None = None,
) -> FakeClock:
    """Run a whole session on a fake clock starting at ``wall``, handing every event on.

    ``stop_after``: stop the session once this many segments have ended.
    """
    engine = SessionEngine(plan)
    clock = FakeClock(wall=wall)
    ended = 0
    for event in engine.start(clock.now()):
        recorder(event)
    while (deadline := engine.next_deadline()) is not None:
        now = clock.advance(max(0.0, deadline - clock.now().mono))
        for event in engine.tick(now):
            recorder(event)
            ended += type(event).__name__ == "SegmentEnded"
        if stop_after is not None and ended >= stop_after and engine.status is None:
            for event in engine.stop(clock.advance(1.0)):
                recorder(event)
    return clock


def record(
    path: Path,
    routine: Routine | None = None,
    *,
    wall: float,
    stop_after: int | None = None,
    speed: float = 1.0,
    before: int | None = None,
    after: int | None = None,
    writer: HistoryWriter | None = None,
) -> SessionRecorder:
    """Record one session of ``routine`` (played on a fake clock) in the history at ``path``."""
    opened = open_history(path)  # as the player does first: checks, creates, migrates
    assert opened.database is not None, opened.problems
    opened.database.close()
    plan = build_plan(routine or small_routine())
    recorder = SessionRecorder(
        plan,
        routine_id="two-stretches",
        path=path,
        writer=writer,
        speed=speed,
        comfort_before=before,
    )
    play(plan, recorder, wall=wall, stop_after=stop_after)
    recorder.rate_after(after)
    assert recorder.close() == ()
    return recorder


def session(
    *,
    started: float,
    offset: int = 0,
    status: SessionStatus = SessionStatus.COMPLETED,
    active: float = 300.0,
    routine_id: str = "desk-hips",
    title: str = "Desk hips",
    speed: float = 1.0,
    before: int | None = None,
    after: int | None = None,
    stretches: tuple[tuple[str, float], ...] = (),
    note: str | None = None,
) -> SessionRecord:
    """A finished session as an import would bring it, with a hold segment per stretch."""
    segments = tuple(
        SegmentRecord(
            order=index,
            step_index=index,
            step_name=name,
            side=None,
            kind="hold",
            planned_seconds=seconds,
            actual_seconds=seconds,
            outcome="done",
            easier=False,
            ended_at=utc_text(started + 10 + index),
        )
        for index, (name, seconds) in enumerate(stretches)
    )
    return SessionRecord(
        id=str(uuid.uuid4()),
        routine_id=routine_id,
        routine_title=title,
        routine_digest="0" * 64,
        started_at=utc_text(started),
        utc_offset=offset,
        status=status,
        planned_seconds=active,
        active_seconds=active,
        ended_at=utc_text(started + active),
        speed=speed,
        comfort_before=before,
        comfort_after=after,
        note=note,
        segments=segments,
    )


def add_sessions(path: Path, sessions: list[SessionRecord]) -> None:
    opened = open_history(path)
    assert opened.database is not None, opened.problems
    with opened.database as database:
        import_sessions(database, sessions)


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return "; ".join(str(row[0]) for row in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()
