"""Recording a session: every finished segment is kept, and a full disk, a lock or a
read-only file never stops the session; what waits is saved once it can be."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from stretchtimer.core.session.clock import FakeClock
from stretchtimer.core.session.engine import SessionEngine
from stretchtimer.core.session.plan import build_plan
from stretchtimer.storage.history.connection import connect
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.problems import HistoryProblem, ProblemKind
from stretchtimer.storage.history.recording.recorder import SessionRecorder
from stretchtimer.storage.history.recording.writer import HistoryWriter
from stretchtimer.storage.history.records import SessionStatus
from tests.unit.storage.history.helpers import (
    add_sessions,
    integrity,
    play,
    record,
    session,
    small_routine,
)

WALL = 1_711_800_000.0  # 2024-03-30T12:00:00Z


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "history.sqlite3"
    opened = open_history(path)
    assert opened.database is not None
    opened.database.close()
    return path


def read(path: Path) -> list:  # type: ignore[type-arg]
    opened = open_history(path)
    assert opened.database is not None
    with opened.database as database:
        return database.recent()


def test_a_played_session_is_recorded_with_every_segment(path: Path) -> None:
    routine = small_routine(steps=2)
    plan = build_plan(routine)
    recorder = record(path, routine, wall=WALL, before=3, after=6)
    [found] = read(path)
    assert found.id == recorder.session_id
    assert found.status is SessionStatus.COMPLETED
    assert (found.routine_id, found.routine_title) == ("two-stretches", "Two stretches")
    assert found.started_at == "2024-03-30T12:00:00.000Z"
    assert found.planned_seconds == pytest.approx(plan.duration)
    assert found.active_seconds == pytest.approx(plan.duration)
    expected = [segment for segment in plan.segments if segment.kind.value != "done"]
    assert [s.kind for s in found.segments] == [s.kind.value for s in expected]
    assert [s.step_name for s in found.segments[:2]] == ["Figure-four", "Figure-four"]
    assert [s.side for s in found.segments[:4]] == ["left", "left", "right", "right"]
    assert all(s.outcome == "done" for s in found.segments)
    assert found.ended_at == found.segments[-1].ended_at
    assert (found.comfort_before, found.comfort_after) == (3, 6)


def test_stopping_records_stopped_with_the_part_that_was_done(path: Path) -> None:
    record(path, wall=WALL, stop_after=3)
    [found] = read(path)
    assert found.status is SessionStatus.STOPPED
    assert [s.outcome for s in found.segments] == ["done", "done", "done", "partial"]
    assert found.active_seconds == pytest.approx(sum(s.actual_seconds for s in found.segments))


def test_the_session_row_is_there_as_soon_as_the_session_starts(path: Path) -> None:
    plan = build_plan(small_routine())
    recorder = SessionRecorder(plan, routine_id="x", path=path)
    engine = SessionEngine(plan)
    clock = FakeClock(wall=WALL)
    for event in engine.start(clock.now()):
        recorder(event)
    deadline = time.monotonic() + 10
    while not read(path) and time.monotonic() < deadline:
        time.sleep(0.01)
    [found] = read(path)
    assert found.status is SessionStatus.IN_PROGRESS and found.segments == ()
    recorder.close()


def test_a_preview_keeps_real_times_and_is_marked(path: Path) -> None:
    record(path, wall=WALL, speed=10.0)
    [found] = read(path)
    assert found.speed == 10.0 and found.is_preview
    assert found.ended_at is not None
    took = datetime.fromisoformat(found.ended_at) - datetime.fromisoformat(found.started_at)
    assert took.total_seconds() == pytest.approx(found.planned_seconds / 10, abs=0.2)
    assert found.active_seconds == pytest.approx(found.planned_seconds)  # the routine's time


class Problems:
    """Collects what the writer reports, from its thread."""

    def __init__(self) -> None:
        self.seen: list[HistoryProblem] = []
        self.event = threading.Event()

    def __call__(self, problem: HistoryProblem) -> None:
        self.seen.append(problem)
        self.event.set()


def test_a_full_disk_keeps_the_session_going_and_saves_it_once_there_is_room(path: Path) -> None:
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    limit = [pages]  # no room for a single new page

    def full_disk() -> sqlite3.Connection:
        connection = connect(path)
        connection.execute(f"PRAGMA max_page_count = {limit[0]}")
        return connection

    told = Problems()
    writer = HistoryWriter(path, on_problem=told, connector=full_disk, retry_delays=(0.05,))
    routine = small_routine(steps=40)  # enough segments to need new pages
    plan = build_plan(routine)
    recorder = SessionRecorder(plan, routine_id="six", writer=writer)
    play(plan, recorder, wall=WALL)  # raises nothing: the player never hears of it
    assert told.event.wait(10)
    assert [problem.kind for problem in told.seen] == [ProblemKind.DISK_FULL]  # told once
    assert "free some space" in told.seen[0].message
    assert writer.problem is not None  # still waiting
    limit[0] = 100_000  # space was freed
    assert recorder.close() == ()
    [found] = read(path)
    assert found.status is SessionStatus.COMPLETED
    assert len(found.segments) == len(plan.segments) - 1
    assert len(told.seen) == 1
    assert integrity(path) == "ok"


def test_a_full_disk_that_stays_full_is_reported_when_closing(path: Path) -> None:
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

    def full_disk() -> sqlite3.Connection:
        connection = connect(path)
        connection.execute(f"PRAGMA max_page_count = {pages}")
        return connection

    writer = HistoryWriter(path, connector=full_disk, retry_delays=(0.05,))
    plan = build_plan(small_routine(steps=40))
    recorder = SessionRecorder(plan, routine_id="six", writer=writer)
    play(plan, recorder, wall=WALL)
    [problem] = recorder.close(timeout=1.0)
    assert problem.kind is ProblemKind.NOT_SAVED
    assert "disk stayed full" in problem.message
    assert integrity(path) == "ok"


def test_a_lock_held_by_another_program_delays_writes_and_loses_nothing(path: Path) -> None:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing and takes its time
    told = Problems()
    writer = HistoryWriter(
        path,
        on_problem=told,
        connector=lambda: connect(path, busy_timeout=0.05),
        retry_delays=(0.05,),
    )
    plan = build_plan(small_routine(steps=2))
    recorder = SessionRecorder(plan, routine_id="two", writer=writer)
    started = time.monotonic()
    play(plan, recorder, wall=WALL)
    assert time.monotonic() - started < 2.0  # the player never waited for the lock
    assert told.event.wait(10)
    assert [problem.kind for problem in told.seen] == [ProblemKind.LOCKED]
    assert "another program" in told.seen[0].message
    holder.execute("ROLLBACK")  # the other program is done
    holder.close()
    assert recorder.close() == ()
    [found] = read(path)
    assert found.status is SessionStatus.COMPLETED
    assert len(found.segments) == len(plan.segments) - 1
    assert len(told.seen) == 1


def test_a_read_only_history_is_reported_once(path: Path) -> None:
    told = Problems()
    writer = HistoryWriter(
        path,
        on_problem=told,
        connector=lambda: connect(path, read_only=True),
        retry_delays=(0.05,),
    )
    plan = build_plan(small_routine(steps=1))
    recorder = SessionRecorder(plan, routine_id="one", writer=writer)
    play(plan, recorder, wall=WALL)
    [problem] = recorder.close(timeout=0.5)
    assert [p.kind for p in told.seen] == [ProblemKind.READ_ONLY]
    assert "make them writable" in told.seen[0].message
    assert problem.kind is ProblemKind.NOT_SAVED


def test_the_recorder_never_raises_into_the_player(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> sqlite3.Connection:
        raise RuntimeError("a bug in the connector")

    writer = HistoryWriter(path, connector=broken, retry_delays=(0.05,))
    plan = build_plan(small_routine(steps=1))
    recorder = SessionRecorder(plan, routine_id="one", writer=writer)
    play(plan, recorder, wall=WALL)
    recorder("not an event")
    recorder.rate_after(11)  # out of range: logged, not raised
    recorder.close(timeout=0.5)
    assert "could not record the comfort rating" in caplog.text
    assert "dropping a write that cannot be made" in caplog.text  # a bug is logged, loudly
    assert read(path) == []


def test_a_history_that_breaks_while_recording_is_set_aside_and_the_session_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    add_sessions(path, [session(started=WALL - 86400 * n) for n in range(1, 300)])
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    [(page,)] = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'sessions_by_start'"
    ).fetchall()
    connection.close()
    data = bytearray(path.read_bytes())  # a bad index page, as a failing disk leaves it
    data[(page - 1) * 4096 : page * 4096] = bytes(range(256)) * 16
    path.write_bytes(bytes(data))
    told = Problems()
    writer = HistoryWriter(path, on_problem=told, retry_delays=(0.05,))
    plan = build_plan(small_routine(steps=2))
    recorder = SessionRecorder(plan, routine_id="two", writer=writer)
    play(plan, recorder, wall=WALL)  # the big file was not checked at start-up
    said = recorder.close(timeout=0.5)
    assert [problem.kind for problem in told.seen] == [ProblemKind.DAMAGED]
    kept = tmp_path / "history.sqlite3.damaged-1"
    assert [problem.kind for problem in said] == [ProblemKind.DAMAGED]
    assert said[0].kept_as == kept and kept.read_bytes() == bytes(data)
    [found] = read(path)  # the new history has this session, whole
    assert found.id == recorder.session_id and found.status is SessionStatus.COMPLETED
    assert len(found.segments) == len(plan.segments) - 1


def test_when_saved_is_told_only_once_the_writes_before_it_are_in_the_file(path: Path) -> None:
    """What the History page waits for before it reads: after a lock, not before."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    writer = HistoryWriter(
        path, connector=lambda: connect(path, busy_timeout=0.05), retry_delays=(0.05,)
    )
    plan = build_plan(small_routine(steps=2))
    recorder = SessionRecorder(plan, routine_id="two", writer=writer)
    play(plan, recorder, wall=WALL)
    seen: list[int] = []
    saved = threading.Event()

    def told() -> None:
        seen.append(len(read(path)))  # what a reader finds at that moment
        saved.set()

    writer.when_saved(told)
    assert not saved.wait(0.5)  # the lock holds every write back
    holder.execute("ROLLBACK")
    holder.close()
    assert saved.wait(10)
    assert seen == [1]  # the session was in the file when we were told
    assert recorder.close() == ()
