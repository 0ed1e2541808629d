"""A session the history cannot take now is kept beside it and added at the next opening."""

from __future__ import annotations

import json
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from stretchtimer.core.session.plan import build_plan
from stretchtimer.storage.history.connection import connect
from stretchtimer.storage.history.journal import journals, replay_journals
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.problems import ProblemKind
from stretchtimer.storage.history.recording.recorder import SessionRecorder
from stretchtimer.storage.history.recording.writer import HistoryWriter
from stretchtimer.storage.history.records import SessionStatus
from tests.unit.storage.history.helpers import play, small_routine

WALL = 1_711_800_000.0


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "history.sqlite3"
    opened = open_history(path)
    assert opened.database is not None
    opened.database.close()
    return path


def sessions(path: Path) -> list:  # type: ignore[type-arg]
    opened = open_history(path)
    assert opened.database is not None
    with opened.database as database:
        return database.recent()


def test_a_lock_that_outlasts_the_session_keeps_it_in_a_journal_added_next_time(
    path: Path,
) -> None:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the history past the end
    writer = HistoryWriter(
        path, connector=lambda: connect(path, busy_timeout=0.05), retry_delays=(0.05,)
    )
    plan = build_plan(small_routine(steps=3))
    recorder = SessionRecorder(plan, routine_id="three", writer=writer)
    play(plan, recorder, wall=WALL)
    [problem] = recorder.close(timeout=0.3)
    assert problem.kind is ProblemKind.NOT_SAVED
    assert "another program kept it locked" in problem.message
    assert f"kept in {writer.journal}" in problem.message
    assert "could not be saved" not in problem.message  # no contradiction: it is kept
    [journal] = journals(path)
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    holder.execute("ROLLBACK")
    holder.close()
    [found] = sessions(path)  # the next opening adds it
    assert found.id == recorder.session_id
    assert found.status is SessionStatus.COMPLETED
    assert len(found.segments) == len(plan.segments) - 1
    assert journals(path) == []


def test_a_journal_written_while_waiting_is_removed_once_the_history_takes_it(
    path: Path,
) -> None:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    writer = HistoryWriter(
        path, connector=lambda: connect(path, busy_timeout=0.05), retry_delays=(0.05,)
    )
    plan = build_plan(small_routine(steps=2))
    recorder = SessionRecorder(plan, routine_id="two", writer=writer)
    play(plan, recorder, wall=WALL)
    for _ in range(200):
        if writer.journal.exists():
            break
        time.sleep(0.01)
    assert writer.journal.exists()  # kept on disk while it waits, should the program die
    holder.execute("ROLLBACK")
    holder.close()
    assert recorder.close() == ()
    assert not writer.journal.exists()
    assert len(sessions(path)) == 1


def test_a_journal_that_is_not_ours_is_set_aside_and_replaying_twice_adds_nothing(
    path: Path,
) -> None:
    bad = path.with_name(f"{path.name}.unsaved-x.json")
    bad.write_text(json.dumps({"version": 1, "statements": [["drop_table", {}]]}))
    connection = connect(path)
    try:
        assert replay_journals(path, connection) == 0
    finally:
        connection.close()
    assert not bad.exists() and bad.with_name(bad.name + ".bad").exists()
    assert sessions(path) == []
