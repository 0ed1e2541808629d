"""Opening the history: a new file is private; a bad or foreign one is set aside, never lost."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stretchtimer.storage.history.identity import ProcessIdentity, host_name
from stretchtimer.storage.history.opening import QUICK_CHECK_MAX_BYTES, open_history
from stretchtimer.storage.history.operations import StartSession
from stretchtimer.storage.history.problems import ProblemKind
from stretchtimer.storage.history.records import SessionStatus
from stretchtimer.storage.history.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.unit.storage.history.helpers import add_sessions, digest, integrity, rows, session

START = 1_711_800_000.0  # 2024-03-30


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


def a_history_with_sessions(path: Path, count: int = 300) -> None:
    add_sessions(
        path,
        [
            session(started=START + 3600 * n, stretches=(("Pigeon pose", 30.0), ("Lizard", 20.0)))
            for n in range(count)
        ],
    )
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def test_a_new_history_is_private_in_wal_mode_with_its_checks_on(path: Path) -> None:
    opened = open_history(path)
    assert opened.problems == () and opened.database is not None
    connection = opened.database.connection
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    opened.database.recent()  # reading makes the -wal and -shm exist
    files = sorted(item.name for item in path.parent.iterdir())
    assert files == ["history.sqlite3", "history.sqlite3-shm", "history.sqlite3-wal"]
    for item in path.parent.iterdir():
        assert stat.S_IMODE(item.stat().st_mode) == 0o600, item
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    opened.database.close()


def test_reading_commands_do_not_create_a_history(path: Path) -> None:
    opened = open_history(path, create=False)
    assert opened.database is None and opened.problems == ()
    assert not path.exists()


def expect_set_aside(path: Path, original: bytes, reason: str = "damaged") -> Path:
    opened = open_history(path)
    assert opened.database is not None
    kept = path.with_name(f"history.sqlite3.{reason}-1")
    assert kept.read_bytes() == original  # nothing lost
    assert len(opened.problems) == 1
    problem = opened.problems[0]
    assert problem.kept_as == kept and str(kept) in problem.message
    assert problem.message.count(".") >= 1 and "\n" not in problem.message
    assert opened.database.count() == 0  # a new, working history
    add_sessions_ok = opened.database.connection.execute("PRAGMA quick_check").fetchone()
    assert add_sessions_ok == ("ok",)
    opened.database.close()
    return kept


def test_random_bytes_are_set_aside_with_their_wal_and_shm(path: Path) -> None:
    path.parent.mkdir(parents=True)
    original = os.urandom(8192)
    path.write_bytes(original)
    path.with_name("history.sqlite3-wal").write_bytes(b"wal bytes")
    path.with_name("history.sqlite3-shm").write_bytes(b"shm bytes")
    kept = expect_set_aside(path, original)
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"wal bytes"
    assert kept.with_name(kept.name + "-shm").read_bytes() == b"shm bytes"
    assert open_history(path).problems == ()  # and the new one is fine next time


def test_an_empty_file_is_set_aside_and_the_person_told_it_was_empty(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    expect_set_aside(path, b"")
    path.replace(path.with_name("fresh.sqlite3"))
    path.write_bytes(b"")
    opened = open_history(path)
    assert opened.problems[0].kind is ProblemKind.DAMAGED
    assert "was empty" in opened.problems[0].message
    assert opened.database is not None
    opened.database.close()


@pytest.mark.parametrize("cut", ["half of its pages", "part-way through a page"])
def test_a_truncated_history_is_set_aside(path: Path, cut: str) -> None:
    a_history_with_sessions(path)
    data = path.read_bytes()
    pages = len(data) // 4096
    size = (pages // 2) * 4096 if cut == "half of its pages" else len(data) - 1000
    truncated = data[:size]
    path.write_bytes(truncated)
    expect_set_aside(path, truncated)


def test_a_history_that_fails_its_check_is_set_aside(path: Path) -> None:
    a_history_with_sessions(path)
    data = bytearray(path.read_bytes())
    assert len(data) < QUICK_CHECK_MAX_BYTES
    leaf = rows(path, "SELECT rootpage FROM sqlite_master WHERE name = 'sessions_by_start'")[0][0]
    start = (int(leaf) - 1) * 4096  # an index page: its header and cells become nonsense
    data[start : start + 4096] = bytes(range(256)) * 16
    path.write_bytes(bytes(data))
    expect_set_aside(path, bytes(data))


def test_another_programs_database_is_moved_aside_untouched(path: Path) -> None:
    path.parent.mkdir(parents=True)
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE notes (body TEXT)")
    other.execute("INSERT INTO notes VALUES ('shopping list')")
    other.commit()
    other.close()
    original = path.read_bytes()
    kept = expect_set_aside(path, original, reason="foreign")
    assert rows(kept, "SELECT body FROM notes") == [("shopping list",)]


def test_an_empty_sqlite_file_simply_becomes_the_history(path: Path) -> None:
    path.parent.mkdir(parents=True)
    connection = sqlite3.connect(path)  # a tool made an empty database there
    connection.execute("VACUUM")
    connection.close()
    assert path.stat().st_size > 0
    opened = open_history(path)
    assert opened.database is not None
    assert opened.problems == ()
    opened.database.close()


@pytest.mark.parametrize("where", ["header", "wal"])
def test_a_history_from_a_newer_version_is_left_untouched(path: Path, where: str) -> None:
    a_history_with_sessions(path, 5)
    connection = sqlite3.connect(path)
    if where == "wal":  # the newer app's upgrade is still in the -wal, not in the header
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        copy = {suffix: path.with_name(path.name + suffix) for suffix in ("", "-wal")}
        saved = {suffix: item.read_bytes() for suffix, item in copy.items()}
        connection.close()  # closing would checkpoint: put back the state a crash leaves
        for suffix, item in copy.items():
            item.write_bytes(saved[suffix])
    else:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        connection.close()
    before = digest(path)
    opened = open_history(path)
    assert opened.database is None
    assert [problem.kind for problem in opened.problems] == [ProblemKind.NEWER]
    assert "update stretchtimer" in opened.problems[0].message
    assert digest(path) == before
    assert sorted(item.name for item in path.parent.iterdir() if ".damaged" in item.name) == []


def test_a_locked_history_still_opens_for_reading(path: Path) -> None:
    a_history_with_sessions(path, 3)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        opened = open_history(path, busy_timeout=0.1)
        assert opened.database is not None and opened.problems == ()
        assert opened.database.count() == 3
        opened.database.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_big_history_is_checked_later_not_at_start_up(path: Path) -> None:
    a_history_with_sessions(path, 3)
    opened = open_history(path, full_check=False)
    assert opened.check_deferred and opened.database is not None
    opened.database.close()
    again = open_history(path)
    assert not again.check_deferred and again.database is not None
    again.database.close()
    assert integrity(path) == "ok"


def test_start_up_does_not_wait_for_a_lock_to_close_a_crashed_session(path: Path) -> None:
    a_history_with_sessions(path, 1)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    crashed = session(started=START, status=SessionStatus.IN_PROGRESS)
    connection = sqlite3.connect(path, isolation_level=None)
    StartSession(crashed, ProcessIdentity(child.pid, None, host_name())).apply(connection)
    connection.execute("BEGIN IMMEDIATE")  # and now another program holds the lock
    try:
        started = time.monotonic()
        opened = open_history(path)
        assert time.monotonic() - started < 1.0
        assert opened.database is not None and opened.problems == ()
        assert opened.database.get(crashed.id).status is SessionStatus.IN_PROGRESS  # type: ignore[union-attr]
        opened.database.close()
    finally:
        connection.execute("ROLLBACK")
        connection.close()
    opened = open_history(path)  # the lock is gone: this time it is closed
    assert opened.database is not None
    assert opened.database.get(crashed.id).status is SessionStatus.INTERRUPTED  # type: ignore[union-attr]
    opened.database.close()


def test_a_history_readable_by_others_is_made_private(path: Path) -> None:
    a_history_with_sessions(path, 1)
    path.chmod(0o644)  # copied in from a backup, say
    opened = open_history(path)
    assert opened.database is not None
    opened.database.recent()
    for item in path.parent.iterdir():
        assert stat.S_IMODE(item.stat().st_mode) == 0o600, item
    opened.database.close()
