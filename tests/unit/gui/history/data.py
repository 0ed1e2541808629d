"""Histories for the History page's tests: real sessions of the built-in routines, written
through the history's own import (the store API) or recorded by the real recorder."""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.plan import SegmentKind, build_plan
from stretchtimer.storage.history.exchange.importing import import_sessions
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.recording.recorder import SessionRecorder
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord, SessionStatus
from stretchtimer.storage.history.timestamps import utc_offset_minutes, utc_text
from stretchtimer.storage.routines.library import builtin_entries

# (routine id, how often it is picked, whether comfort is rated)
HABITS = (
    ("two-minute-reset", 4, False),
    ("desk-hips", 4, False),
    ("sciatica-relief", 3, True),
    ("hip-openers", 1, False),
)


def local_wall(day: date, hour: int, minute: int = 0) -> float:
    """The timestamp of a local wall-clock time on this machine."""
    return time.mktime(datetime(day.year, day.month, day.day, hour, minute).timetuple())


def routines() -> dict[str, object]:
    return {entry.id: entry.routine for entry in builtin_entries()}


def played(
    routine_id: str,
    started: float,
    *,
    status: SessionStatus = SessionStatus.COMPLETED,
    before: int | None = None,
    after: int | None = None,
    skip: frozenset[int] = frozenset(),
    partial: frozenset[int] = frozenset(),
    easier_steps: frozenset[int] = frozenset(),
    stop_after: int | None = None,
    speed: float = 1.0,
) -> SessionRecord:
    """A session of a built-in routine, its parts taken from the routine's real plan."""
    routine = routines()[routine_id]
    plan = build_plan(routine)  # type: ignore[arg-type]
    segments = []
    clock = started
    active = 0.0
    for segment in plan.segments:
        if segment.kind is SegmentKind.DONE:
            break
        if stop_after is not None and len(segments) >= stop_after:
            break
        order = len(segments)
        planned = segment.duration
        if order in skip:
            outcome, actual = "skipped", min(planned, 2.0)
        elif order in partial:
            outcome, actual = "partial", planned * 0.6
        else:
            outcome, actual = "done", planned
        clock += actual
        active += actual
        segments.append(
            SegmentRecord(
                order=order,
                step_index=segment.step_index,
                step_name=plan.step(segment).name if plan.step(segment) else "",  # type: ignore[union-attr]
                side=segment.side.value if segment.side else None,
                kind=segment.kind.value,
                planned_seconds=planned,
                actual_seconds=actual,
                outcome=outcome,
                easier=segment.step_index in easier_steps,
                ended_at=utc_text(clock),
            )
        )
    return SessionRecord(
        id=str(uuid.uuid4()),
        routine_id=routine_id,
        routine_title=routine.title,  # type: ignore[attr-defined]
        routine_digest="0" * 64,
        started_at=utc_text(started),
        utc_offset=utc_offset_minutes(started),
        status=status,
        planned_seconds=plan.duration,
        active_seconds=active,
        ended_at=utc_text(clock),
        speed=speed,
        comfort_before=before,
        comfort_after=after,
        segments=tuple(segments),
    )


def add(path: Path, sessions: list[SessionRecord]) -> None:
    """Write sessions through the history's own import (one transaction)."""
    opened = open_history(path)
    assert opened.database is not None, opened.problems
    with opened.database as database:
        import_sessions(database, sessions)


def realistic(today: date, *, days: int = 120, seed: int = 7) -> list[SessionRecord]:
    """A few months of a person's practice: most days, a slow start, comfort getting better."""
    rng = random.Random(seed)
    names = [name for name, weight, _ in HABITS for _ in range(weight)]
    rated = {name for name, _, asks in HABITS if asks}
    sessions: list[SessionRecord] = []
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        keen = 0.45 + 0.45 * (1 - back / days)  # more regular as the weeks go by
        if back <= 6:
            keen = 1.0  # a current streak
        if rng.random() > keen:
            continue
        for _ in range(1 + (rng.random() < 0.3)):
            name = rng.choice(names)
            hours = (7, 8, 12, 13) if back == 0 else (7, 8, 12, 13, 17, 21)  # none yet to come
            started = local_wall(day, rng.choice(hours), rng.randrange(60))
            stopped = rng.random() < 0.08 and back > 6
            relief = min(3.0, 1.0 + (days - back) / 40)
            before = max(0, min(10, round(rng.gauss(4 + (days - back) / 50, 1.2))))
            after = max(0, min(10, round(before + rng.gauss(relief, 0.8))))
            sessions.append(
                played(
                    name,
                    started,
                    status=SessionStatus.STOPPED if stopped else SessionStatus.COMPLETED,
                    stop_after=4 if stopped else None,
                    before=before if name in rated else None,
                    after=after if name in rated and not stopped else None,
                    skip=frozenset({3}) if rng.random() < 0.1 else frozenset(),
                    easier_steps=frozenset({0}) if rng.random() < 0.15 else frozenset(),
                )
            )
    return sessions


def record_played(
    path: Path,
    routine_id: str,
    wall: float,
    *,
    actions: dict[int, str] | None = None,
    before: int | None = None,
    after: int | None = None,
) -> SessionRecorder:
    """Play a built-in routine on a fake clock with the real recorder writing the history.

    ``actions`` maps a segment's position to what the person does a few seconds into it:
    ``"easier"`` (switch to the easier variation), ``"skip"`` (at once), ``"cut"`` (skip
    the rest of it) or ``"stop"``.
    """
    opened = open_history(path)  # as a player does first
    assert opened.database is not None, opened.problems
    opened.database.close()
    plan = build_plan(routines()[routine_id])  # type: ignore[arg-type]
    recorder = SessionRecorder(plan, routine_id=routine_id, path=path, comfort_before=before)
    engine = SessionEngine(plan)
    clock = FakeClock(wall=wall)
    pending = dict(actions or {})
    for event in engine.start(clock.now()):
        recorder(event)
    while (deadline := engine.next_deadline()) is not None:
        position = engine.segment.position
        if position in pending:
            action = pending.pop(position)
            if action != "skip":  # a few seconds in, whatever cues fall due before
                clock.advance(min(3.0, engine.segment.duration / 2))
            command = {
                "easier": engine.use_easier,
                "skip": engine.skip,
                "cut": engine.skip,
                "stop": engine.stop,
            }
            for event in command[action](clock.now()):
                recorder(event)
            continue
        for event in engine.tick(clock.advance(max(0.0, deadline - clock.now().mono))):
            recorder(event)
    recorder.rate_after(after)
    assert recorder.close() == ()
    return recorder


def whole_file(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a history file: its whole state, to compare."""
    tables = (
        "sessions",
        "segments",
        "day_totals",
        "routine_totals",
        "stretch_totals",
        "routine_all_totals",
        "stretch_all_totals",
    )
    connection = sqlite3.connect(path)
    try:
        return {
            table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()
