"""``stretchtimer history``: list, stats, export, import and delete, as a person types them."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import pytest

from stretchtimer.storage.history.opening import QUICK_CHECK_MAX_BYTES
from stretchtimer.storage.history.records import SessionStatus
from stretchtimer.storage.history.schema import SCHEMA_VERSION
from tests.conftest import run_cli
from tests.unit.storage.history.helpers import add_sessions, digest, record, session

MAY_1 = 1_714_550_400.0  # 2024-05-01T08:00:00Z


def history_path(home: Path) -> Path:
    return home / "data" / "history.sqlite3"


def play_short(home: Path) -> subprocess.CompletedProcess[str]:
    """A one-step routine of the person's own, played muted at the top speed (a fraction of
    a second): the tests that play one are about the history it goes to."""
    (home / "data" / "routines").mkdir(parents=True, exist_ok=True)
    (home / "data" / "routines" / "short.toml").write_text(
        'format = 1\ntitle = "Short"\n[pace]\nprepare = 1\n[[step]]\nname = "Reach"\nhold = 2\n',
        encoding="utf-8",
    )
    return run_cli("play", "short", "--no-gui", "--mute", "--speed", "100", home=home)


@pytest.fixture
def filled(home: Path) -> Path:
    """Three days of sessions: May 1 (completed), May 2 (stopped), May 3 (completed, rated)."""
    path = history_path(home)
    add_sessions(
        path,
        [
            session(started=MAY_1, title="Hip openers", routine_id="hip-openers"),
            session(started=MAY_1 + 86400, status=SessionStatus.STOPPED, active=120),
            session(
                started=MAY_1 + 2 * 86400,
                before=3,
                after=7,
                stretches=(("Pigeon pose", 45.0),),
            ),
        ],
    )
    return path


def test_an_empty_history_says_how_to_start_and_creates_nothing(home: Path) -> None:
    result = run_cli("history", home=home)
    assert result.returncode == 0 and result.stderr == ""
    assert "No sessions yet" in result.stdout and "stretchtimer play" in result.stdout
    assert run_cli("history", "--json", home=home).stdout.strip() == "[]"
    assert not history_path(home).exists()


def test_the_list_shows_sessions_newest_first_in_local_time(home: Path, filled: Path) -> None:
    result = run_cli("history", home=home, env={"TZ": "UTC"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = ["ID", "WHEN", "(local", "time)", "ROUTINE", "STATUS", "TIME", "PLANNED", "COMFORT"]
    assert lines[0].split() == header
    assert "Fri 2024-05-03 08:00" in lines[1] and "3 → 7" in lines[1]
    assert "stopped" in lines[2] and "Hip openers" in lines[3]
    assert lines[-1] == "3 sessions, 12 min of stretching"


def test_json_lists_every_field_and_the_segments(home: Path, filled: Path) -> None:
    sessions = json.loads(run_cli("history", "--json", home=home).stdout)
    assert [item["started_at"] for item in sessions] == [
        "2024-05-03T08:00:00.000Z",
        "2024-05-02T08:00:00.000Z",
        "2024-05-01T08:00:00.000Z",
    ]
    newest = sessions[0]
    assert newest["status"] == "completed" and newest["active_seconds"] == 300.0
    assert newest["segments"][0]["step_name"] == "Pigeon pose"
    assert newest["comfort_before"] == 3 and newest["comfort_after"] == 7


def test_since_and_until_pick_local_days(home: Path, filled: Path) -> None:
    result = run_cli(
        "history", "--json", "--since", "2024-05-02", "--until", "2024-05-02", home=home
    )
    [only] = json.loads(result.stdout)
    assert only["status"] == "stopped"
    csv_text = run_cli("history", "--csv", "--since", "2024-05-03", home=home).stdout
    assert len(csv_text.strip().splitlines()) == 2  # the header and one session
    bad = run_cli("history", "--since", "last tuesday", home=home)
    assert bad.returncode == 2
    assert "expected a date such as 2024-03-30 (or today, yesterday), found 'last tuesday'" in (
        bad.stderr
    )


def test_stats_in_words_and_as_json(home: Path, filled: Path) -> None:
    words = run_cli("history", "stats", home=home)
    assert words.returncode == 0, words.stderr
    lines = words.stdout.splitlines()
    assert "Sessions:         3" in lines
    assert "%" not in words.stdout  # what was done, never a rate of what was not
    assert "completed" not in words.stdout
    assert lines[0] == "This week:        0 of 3 sessions, 0 min"  # this week leads
    assert "Pigeon pose" in words.stdout
    data = json.loads(run_cli("history", "stats", "--json", home=home).stdout)
    assert data["sessions"] == 3 and data["completed"] == 2
    assert data["streaks"]["longest"]["days"] == 1
    assert [day["start"] for day in data["days"]] == ["2024-05-01", "2024-05-02", "2024-05-03"]
    assert data["comfort"] == [
        {
            "week": "2024-04-29",
            "rated_before": 1,
            "before_average": 3.0,
            "rated_after": 1,
            "after_average": 7.0,
        }
    ]
    assert data["stretches"] == [{"name": "Pigeon pose", "active_seconds": 45.0, "segments": 1}]


def test_stats_lead_with_this_week_against_the_weekly_goal(home: Path) -> None:
    now = time.time()
    # Minutes ago, but never before today's midnight (then "today" and "this week" would
    # miss it: this test failed in a run a few minutes after midnight on a Monday).
    midnight = time.mktime((*time.localtime(now)[:3], 0, 0, 0, 0, 0, -1))
    add_sessions(
        history_path(home),
        [
            session(started=max(now - 60 * minutes, midnight + minutes / 100), active=300)
            for minutes in (1, 5, 9)
        ],
    )
    settings = home / "config" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("version = 1\n[session]\nweekly_goal = 4\n", encoding="utf-8")
    below = run_cli("history", "stats", home=home).stdout.splitlines()
    assert below[0] == "This week:        3 of 4 sessions, 15 min"
    assert below[1] == "Today:            15 min"
    assert below[2].startswith("Current streak:   1 day")
    settings.write_text("version = 1\n[session]\nweekly_goal = 3\n", encoding="utf-8")
    reached = run_cli("history", "stats", home=home).stdout.splitlines()
    assert reached[0] == "This week:        3 of 3 sessions (weekly goal reached), 15 min"
    week = json.loads(run_cli("history", "stats", "--json", home=home).stdout)["week"]
    assert (week["sessions"], week["weekly_goal"], week["active_seconds"]) == (3, 3, 900.0)


def test_export_writes_a_private_file_and_never_overwrites_one(home: Path, filled: Path) -> None:
    target = home / "my sessions.csv"
    result = run_cli("history", "export", str(target), home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Exported 3 sessions to {target} (readable only by you)."
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    before = target.read_bytes()
    again = run_cli("history", "export", str(target), home=home)
    assert again.returncode == 1
    assert "already exists; choose another name, or add --force" in again.stderr
    assert target.read_bytes() == before
    assert run_cli("history", "export", str(target), "--force", home=home).returncode == 0
    wrong = run_cli("history", "export", str(home / "sessions.txt"), home=home)
    assert wrong.returncode == 1
    assert "give a file name ending in .json or .csv" in wrong.stderr


def test_import_twice_then_delete(home: Path, filled: Path, tmp_path: Path) -> None:
    exported = tmp_path / "all.json"
    assert run_cli("history", "export", str(exported), home=home).returncode == 0
    other = tmp_path / "elsewhere"
    other.mkdir()
    first = run_cli("history", "import", str(exported), home=other)
    assert first.stdout.strip() == "Imported 3 sessions."
    second = run_cli("history", "import", str(exported), home=other)
    assert second.stdout.strip() == "Imported 0 sessions. 3 were already in your history."
    sessions = json.loads(run_cli("history", "--json", home=other).stdout)
    assert len(sessions) == 3
    deleted = run_cli("history", "delete", sessions[0]["id"][:8], home=other)
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout.strip() == "Deleted the Desk hips session of Fri 2024-05-03 08:00."
    assert len(json.loads(run_cli("history", "--json", home=other).stdout)) == 2
    missing = run_cli("history", "delete", sessions[0]["id"], home=other)
    assert missing.returncode == 1 and "no session has the id" in missing.stderr


def test_a_malformed_import_says_where_and_imports_nothing(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[\n{"id": "nope"}\n]\n')
    result = run_cli("history", "import", str(bad), home=home)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bad}:2: session 1: \"id\": expected a session id (a UUID), found 'nope'",
        "stretchtimer: nothing was imported; correct the file and import it again",
    ]


def test_a_history_from_a_newer_version_is_reported_and_left_alone(home: Path) -> None:
    record(history_path(home), wall=MAY_1)
    connection = sqlite3.connect(history_path(home))
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = digest(history_path(home))
    listing = run_cli("history", home=home)
    assert listing.returncode == 1
    assert "saved by a newer version of stretchtimer; update stretchtimer" in listing.stderr
    played = play_short(home)
    assert played.returncode == 0  # the session plays, without history
    assert "newer version of stretchtimer" in played.stderr
    assert digest(history_path(home)) == before


def test_a_damaged_history_is_set_aside_and_the_person_told_where(home: Path) -> None:
    path = history_path(home)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"these are not the sessions you are looking for" * 100)
    played = play_short(home)
    assert played.returncode == 0
    kept = path.with_name("history.sqlite3.damaged-1")
    assert played.stderr.strip() == (
        f"stretchtimer: Your history file could not be read, so it was set aside as {kept} "
        "(nothing was deleted) and a new history was started."
    )
    assert kept.read_bytes().startswith(b"these are not")
    assert len(json.loads(run_cli("history", "--json", home=home).stdout)) == 1


def test_a_big_history_is_checked_after_the_session_and_the_session_kept(home: Path) -> None:
    path = history_path(home)
    stretches = tuple((f"Stretch {n}", 30.0) for n in range(12))
    add_sessions(
        path, [session(started=MAY_1 + 3600 * n, stretches=stretches) for n in range(2000)]
    )
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    leaves = connection.execute(
        "SELECT pageno FROM dbstat WHERE name = 'segments' AND pagetype = 'leaf' ORDER BY pageno"
    ).fetchall()
    connection.close()
    assert path.stat().st_size > QUICK_CHECK_MAX_BYTES  # too big to check at start-up
    page = leaves[len(leaves) // 2][0]  # an old page that recording a new session never reads
    data = bytearray(path.read_bytes())
    data[(page - 1) * 4096 : page * 4096] = bytes(range(256)) * 16
    path.write_bytes(bytes(data))

    played = play_short(home)
    assert played.returncode == 0
    kept = path.with_name("history.sqlite3.damaged-1")
    assert played.stderr.strip() == (
        f"stretchtimer: Your history file could not be read, so it was set aside as {kept} "
        "(nothing was deleted) and a new history was started."
    )
    [item] = json.loads(run_cli("history", "--json", home=home).stdout)
    assert item["routine_id"] == "short" and item["status"] == "completed"


def test_a_history_locked_by_another_program_can_be_read_and_refuses_changes_politely(
    home: Path, filled: Path
) -> None:
    [newest, *_] = json.loads(run_cli("history", "--json", home=home).stdout)
    holder = sqlite3.connect(filled, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing, and takes its time
    try:
        listing = run_cli("history", home=home)
        assert listing.returncode == 0 and "3 sessions" in listing.stdout
        deleting = run_cli("history", "delete", newest["id"], home=home)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert deleting.returncode == 1
    assert deleting.stderr.strip() == (
        "stretchtimer: Your history is locked by another program; close that program and try again."
    )
    assert len(json.loads(run_cli("history", "--json", home=home).stdout)) == 3


def test_a_session_from_the_year_one_is_refused_and_the_history_stays_readable(
    home: Path,
) -> None:
    source = home / "old.json"
    session = {
        "id": "8c3f0a3e-8d0e-4a53-9a55-3d1d2b0c9a11",
        "routine_id": "desk-hips",
        "routine_title": "Desk hips",
        "started_at": "0001-01-01T00:00:00Z",
        "status": "completed",
    }
    source.write_text(json.dumps([session]))
    refused = run_cli("history", "import", str(source), home=home)
    assert refused.returncode == 1
    assert "between the years 1970 and 9999" in refused.stderr
    assert "Traceback" not in refused.stderr and "a bug" not in refused.stderr
    for year in ("0000", "10000"):
        source.write_text(json.dumps([{**session, "started_at": f"{year}-01-01T00:00:00+05:00"}]))
        again = run_cli("history", "import", str(source), home=home)
        assert again.returncode == 1 and "a bug" not in again.stderr
    assert run_cli("history", "--json", home=home).returncode == 0
    assert run_cli("history", "export", str(home / "x.json"), home=home).returncode == 0


def test_import_of_a_device_or_a_fifo_is_refused_at_once(home: Path) -> None:
    zero = home / "zero.json"
    zero.symlink_to("/dev/zero")
    fifo = home / "pipe.json"
    os.mkfifo(fifo)
    for path in (zero, fifo):
        result = run_cli("history", "import", str(path), home=home, timeout=20)
        assert result.returncode == 1
        assert "not an ordinary file" in result.stderr
