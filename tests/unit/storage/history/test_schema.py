"""Upgrading a version-1 history: nothing lost, a copy kept, each step all or nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stretchtimer.storage.history.opening import open_history
from stretchtimer.storage.history.schema import MIGRATIONS, SCHEMA_VERSION, Migration, migrate
from tests.conftest import REPO
from tests.unit.storage.history.helpers import integrity, rows
from tests.unit.storage.history.v1_fixture import V1Session, write_v1_history

BERLIN = "CET-1CEST,M3.5.0,M10.5.0/3"  # POSIX rules: no time-zone database needed

OPEN_AND_LIST = textwrap.dedent(
    """
    import json, sys
    from stretchtimer.storage.history import open_history
    from stretchtimer.storage.history.exchange.exporting import session_dict
    opened = open_history(__import__("pathlib").Path(sys.argv[1]))
    print(json.dumps({
        "problems": [p.message for p in opened.problems],
        "sessions": [session_dict(s) for s in opened.database.sessions(newest_first=False)],
    }))
    """
)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def v1_sessions() -> list[V1Session]:
    return [
        V1Session(
            "11111111-1111-4111-8111-111111111111",
            "2024-01-15T18:00:00.000Z",
            "completed",
            "2024-01-15T18:10:00.000Z",
            600.0,
            segments=[("Pigeon pose", "hold", 60.0), ("Pigeon pose", "rest", 10.0)],
        ),
        V1Session(
            "22222222-2222-4222-8222-222222222222",
            "2024-07-15T22:30:00.000Z",  # 00:30 the next day in Berlin, in summer time
            "stopped",
            "2024-07-15T22:35:00.000Z",
            300.0,
            routine_id="desk-hips",
            routine_title="Desk hips",
            segments=[("Seated figure-four", "hold", 45.0)],
        ),
        V1Session(
            "33333333-3333-4333-8333-333333333333",
            "2024-07-20T08:00:00.000Z",
            "in_progress",
            None,
            0.0,
            pid=dead_pid(),  # the program crashed mid-session
            segments=[("Butterfly", "prepare", 5.0), ("Butterfly", "hold", 40.0)],
        ),
        V1Session(
            "44444444-4444-4444-8444-444444444444",
            "2024-07-21T08:00:00.000Z",
            "in_progress",
            None,
            0.0,
            pid=os.getpid(),  # still running (this test)
        ),
    ]


def open_in_berlin(path: Path) -> dict:  # type: ignore[type-arg]
    result = subprocess.run(
        [sys.executable, "-c", OPEN_AND_LIST, str(path)],
        capture_output=True,
        text=True,
        env=dict(os.environ, TZ=BERLIN, PYTHONPATH=str(REPO)),
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_version_1_history_is_upgraded_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    write_v1_history(path, v1_sessions())
    opened = open_in_berlin(path)
    assert opened["problems"] == []
    sessions = {item["id"][0]: item for item in opened["sessions"]}
    assert rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert integrity(path) == "ok"

    winter, summer, crashed, running = (sessions[key] for key in "1234")
    assert (winter["utc_offset_minutes"], winter["local_day"]) == (60, "2024-01-15")
    assert (summer["utc_offset_minutes"], summer["local_day"]) == (120, "2024-07-16")
    assert winter["status"] == "completed" and summer["status"] == "stopped"
    assert [s["step_name"] for s in winter["segments"]] == ["Pigeon pose", "Pigeon pose"]
    assert winter["comfort_before"] is None and winter["speed"] == 1.0

    assert crashed["status"] == "interrupted"  # its program is gone
    assert [s["kind"] for s in crashed["segments"]] == ["prepare", "hold"]
    assert crashed["active_seconds"] == 45.0
    assert crashed["ended_at"] == "2024-07-20T08:00:45.000Z"  # when its last segment ended
    assert running["status"] == "in_progress"  # its program (this test) still runs

    # The totals for statistics were built from the old rows.
    totals = rows(path, "SELECT day, sessions, completed FROM day_totals ORDER BY day")
    assert totals == [
        ("2024-01-15", 1, 1),
        ("2024-07-16", 1, 0),
        ("2024-07-20", 1, 0),
        ("2024-07-21", 1, 0),
    ]
    assert rows(path, "SELECT routine_id, sum(sessions) FROM routine_totals GROUP BY 1") == [
        ("desk-hips", 1),
        ("hip-openers", 3),
    ]
    assert rows(path, "SELECT step_name, active_ms FROM stretch_totals ORDER BY day") == [
        ("Pigeon pose", 60000),
        ("Seated figure-four", 45000),
        ("Butterfly", 40000),
    ]


def test_a_copy_of_the_old_file_is_kept_before_upgrading(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    write_v1_history(path, v1_sessions()[:2])
    open_in_berlin(path)
    backup = tmp_path / "history.sqlite3.v1-backup-1"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert rows(backup, "PRAGMA user_version") == [(1,)]
    assert rows(backup, "SELECT id FROM sessions ORDER BY num") == [
        ("11111111-1111-4111-8111-111111111111",),
        ("22222222-2222-4222-8222-222222222222",),
    ]
    assert integrity(backup) == "ok"
    open_in_berlin(path)  # opening again upgrades nothing and copies nothing
    assert sorted(item.name for item in tmp_path.glob("*backup*")) == [backup.name]


def test_a_migration_that_fails_leaves_the_old_version_whole(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    write_v1_history(path, v1_sessions()[:2])
    broken = Migration(2, "broken", MIGRATIONS[1].script + "\nSELECT no_such_function();\n")
    connection = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="no_such_function"):
        migrate(connection, migrations=(MIGRATIONS[0], broken))
    connection.close()
    assert rows(path, "PRAGMA user_version") == [(1,)]
    columns = [row[1] for row in rows(path, "PRAGMA table_info(sessions)")]
    assert "utc_offset" not in columns and "comfort_before" not in columns
    assert rows(path, "SELECT count(*) FROM sqlite_master WHERE name = 'day_totals'") == [(0,)]
    assert rows(path, "SELECT count(*) FROM sessions") == [(2,)]
    opened = open_history(path)  # the real migration still works afterwards
    assert opened.database is not None and opened.database.count() == 2
    opened.database.close()


def test_every_migration_moves_one_version_and_the_list_has_no_gaps() -> None:
    assert [migration.version for migration in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
