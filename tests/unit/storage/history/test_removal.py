"""Deleting a session so that Undo can put it back exactly, and reading the list a page at a
time: what the History page relies on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from stretchtimer.storage.history.browsing import position, session_page
from stretchtimer.storage.history.identity import ProcessIdentity, host_name, this_process
from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.operations import StartSession
from stretchtimer.storage.history.records import SessionStatus
from stretchtimer.storage.history.removal import BeingRecordedError, put_back, take_out
from stretchtimer.storage.history.store import HistoryDatabase
from tests.unit.storage.history.helpers import add_sessions, record, rows, session

WALL = 1_714_550_400.0  # 2024-05-01T08:00:00Z
TOTALS = (
    "day_totals",
    "routine_totals",
    "stretch_totals",
    "routine_all_totals",
    "stretch_all_totals",
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


def opened(path: Path) -> HistoryDatabase:
    result = open_history(path)
    assert result.database is not None, result.problems
    return result.database


def whole_file(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sessions with their internal numbers: the whole state."""
    tables = ("sessions", "segments", *TOTALS)
    return {table: sorted(rows(path, f"SELECT * FROM {table}"), key=repr) for table in tables}


def test_a_deleted_session_is_gone_at_once_and_comes_back_exactly(path: Path) -> None:
    record(path, wall=WALL, before=3, after=8)  # the real recorder: real segments
    middle = record(path, wall=WALL + 3600, before=2, after=6, stop_after=3)
    record(path, wall=WALL + 7200)
    before = whole_file(path)
    with opened(path) as database:
        removed = take_out(database, middle.session_id)
        assert removed is not None
        assert database.get(middle.session_id) is None
        assert database.count() == 2
        assert removed.record.comfort_after == 6
        assert len(removed.segment_rows) == len(removed.record.segments) == 4
    after_delete = whole_file(path)
    assert after_delete != before
    assert not rows(path, "SELECT 1 FROM segments WHERE session NOT IN (SELECT num FROM sessions)")
    with opened(path) as database:
        assert put_back(database, removed) is True
    assert whole_file(path) == before  # ids, numbers, segments, ratings and totals


def test_putting_back_after_a_newer_session_took_its_number(path: Path) -> None:
    newest = record(path, wall=WALL, before=4, after=5)
    with opened(path) as database:
        removed = take_out(database, newest.session_id)
    assert removed is not None
    record(path, wall=WALL + 60)  # takes the free number
    with opened(path) as database:
        assert put_back(database, removed) is True
        back = database.get(newest.session_id)
    assert back is not None
    assert back.segments == removed.record.segments
    assert (back.comfort_before, back.comfort_after) == (4, 5)
    assert rows(path, "SELECT sum(sessions), sum(after_count) FROM day_totals") == [(2, 1)]


def test_putting_back_twice_adds_nothing(path: Path) -> None:
    only = record(path, wall=WALL)
    with opened(path) as database:
        removed = take_out(database, only.session_id)
        assert removed is not None
        assert put_back(database, removed) is True
        assert put_back(database, removed) is False
        assert database.count() == 1
        assert take_out(database, "no-such-session") is None


def test_a_session_being_recorded_by_a_running_program_is_not_deleted(path: Path) -> None:
    live = session(started=WALL, status=SessionStatus.IN_PROGRESS)
    with opened(path) as database, database.connection:
        StartSession(live, this_process()).apply(database.connection)
    with opened(path) as database:
        with pytest.raises(BeingRecordedError, match="stop it first"):
            take_out(database, live.id)
        assert database.get(live.id) is not None


def test_a_session_left_by_a_dead_program_can_be_deleted(path: Path) -> None:
    dead = session(started=WALL, status=SessionStatus.IN_PROGRESS)
    with opened(path) as database, database.connection:
        StartSession(dead, ProcessIdentity(2**22 + 17, "gone", host_name())).apply(
            database.connection
        )
    with opened(path) as database:
        assert take_out(database, dead.id) is not None


def test_pages_are_newest_first_and_a_session_knows_its_place(path: Path) -> None:
    sessions = [session(started=WALL + hour * 3600, active=60 + hour) for hour in range(250)]
    sessions.append(session(started=WALL + 10 * 3600))  # the same start as another
    add_sessions(path, sessions)
    with opened(path) as database:
        pages = [session_page(database, offset=offset, limit=100) for offset in (0, 100, 200)]
        listed = [item for page in pages for item in page]
        assert len(listed) == 251 and [len(page) for page in pages] == [100, 100, 51]
        starts = [item.started_at for item in listed]
        assert starts == sorted(starts, reverse=True)
        assert all(item.segments == () for item in listed)
        for index in (0, 99, 100, 240, 241, 250):
            assert position(database, listed[index].id) == index
        assert position(database, "no-such-session") is None
        assert session_page(database, offset=251, limit=100) == []


def test_the_columns_put_back_are_every_stored_column(path: Path) -> None:
    """A future column is carried over too: the copy is taken column by column."""
    record(path, wall=WALL)
    connection = sqlite3.connect(path)
    names = {row[1] for row in connection.execute("PRAGMA table_xinfo(sessions)") if not row[6]}
    connection.close()
    with opened(path) as database:
        only = database.recent(1)[0]
        removed = take_out(database, only.id)
    assert removed is not None
    assert set(removed.columns) == names
    assert "local_day" not in removed.columns  # generated: SQLite makes it again
