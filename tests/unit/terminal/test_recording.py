"""``play --no-gui`` records every session; a crash (SIGKILL) loses at most the segment in
progress, and the next start marks the session interrupted."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from stretchtimer.core.session.plan import build_plan
from stretchtimer.storage.routines.library import RoutineLibrary, builtin_entries
from tests.conftest import run_cli
from tests.unit.storage.history.helpers import integrity, rows

PLAY = [sys.executable, "-m", "stretchtimer", "play"]


def history_json(home: Path) -> list[dict]:  # type: ignore[type-arg]
    result = run_cli("history", "--json", home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_every_played_session_appears_in_history(home: Path) -> None:
    # A one-step routine of the person's own (a fraction of a second at the top speed),
    # and a built-in (every built-in plays in tests/unit/commands).
    (home / "data" / "routines").mkdir(parents=True)
    (home / "data" / "routines" / "short.toml").write_text(
        'format = 1\ntitle = "Short"\n[pace]\nprepare = 1\n[[step]]\nname = "Reach"\nhold = 2\n',
        encoding="utf-8",
    )
    played = ["short", "short", "two-minute-reset"]  # not the same backwards
    assert "two-minute-reset" in {entry.id for entry in builtin_entries()}
    for routine_id in played:
        result = run_cli("play", routine_id, "--no-gui", "--mute", "--speed", "100", home=home)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""  # nothing to report
    sessions = history_json(home)
    assert [s["routine_id"] for s in sessions] == played[::-1]  # newest first
    for item in sessions:
        assert set(item) >= {
            "id",
            "routine_id",
            "routine_title",
            "started_at",
            "ended_at",
            "status",
            "planned_seconds",
            "active_seconds",
            "segments",
        }
        assert item["status"] == "completed"
        assert item["segments"] and all(s["outcome"] == "done" for s in item["segments"])
        assert item["active_seconds"] == item["planned_seconds"]
        assert item["speed"] == 100
    listing = run_cli("history", home=home)
    assert listing.stdout.count("completed") == len(played)
    assert f"{len(played)} sessions" in listing.stdout


def test_a_session_stopped_with_sigterm_is_recorded_as_stopped(home: Path) -> None:
    process = subprocess.Popen(
        [*PLAY, "desk-hips", "--no-gui", "--mute"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, STRETCHTIMER_HOME=str(home)),
    )
    assert process.stdout is not None
    for line in process.stdout:  # the session runs (and is recorded) once its step shows
        if line.startswith("1/4"):
            break
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)
    [item] = history_json(home)
    assert item["status"] == "stopped"
    assert item["ended_at"] is not None


def test_a_session_killed_mid_way_keeps_its_finished_segments_and_becomes_interrupted(
    home: Path,
) -> None:
    # Its first step's five segments take 60 s (1.2 s at 50 times the speed); the second
    # step's 305 s leave 6 s to be killed in.
    routine = home / "two-steps.toml"
    routine.write_text(
        'format = 1\ntitle = "Two steps"\n[[step]]\nname = "Reach"\nhold = 20\nsides = "both"\n'
        '[[step]]\nname = "Fold"\nhold = 300\n',
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [*PLAY, str(routine), "--no-gui", "--mute", "--speed", "50"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, STRETCHTIMER_HOME=str(home)),
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("2/2"):  # the first step's five segments have ended
                break
        time.sleep(0.2)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    database = home / "data" / "history.sqlite3"

    # As the crash left it: still "in progress", the finished segments committed.
    assert rows(database, "SELECT status FROM sessions") == [("in_progress",)]
    kinds = [row[0] for row in rows(database, "SELECT kind FROM segments ORDER BY seq")]
    assert kinds[:5] == ["prepare", "hold", "switch", "hold", "rest"]
    assert integrity(database) == "ok"

    # The next time anything opens the history, the session is closed as interrupted.
    [item] = history_json(home)
    assert item["status"] == "interrupted"
    assert [s["kind"] for s in item["segments"]] == kinds
    assert [s["order"] for s in item["segments"]] == list(range(len(kinds)))
    assert item["ended_at"] == item["segments"][-1]["ended_at"]
    assert item["active_seconds"] == round(sum(s["actual_seconds"] for s in item["segments"]), 3)
    assert "interrupted" in run_cli("history", home=home).stdout
    assert integrity(database) == "ok"


def test_a_lock_during_a_session_is_told_once_and_nothing_is_lost(home: Path) -> None:
    database = home / "data" / "history.sqlite3"
    assert run_cli("history", "stats", home=home).returncode == 0  # the history exists
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    process = subprocess.Popen(
        # 354 s at 40 times the speed: about 9 s, still going when the 5 s wait for the
        # lock runs out and the person is told.
        [*PLAY, "desk-hips", "--no-gui", "--mute", "--speed", "40"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, STRETCHTIMER_HOME=str(home)),
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline()  # the session goes on meanwhile
        assert first.strip() == (
            "stretchtimer: Your history is locked by another program; close that program "
            "and stretchtimer will save this session."
        )
        assert process.poll() is None
    finally:
        holder.execute("ROLLBACK")  # the other program lets go
        holder.close()
    rest = process.communicate(timeout=60)[1]
    assert process.returncode == 0
    assert rest == ""  # told once; everything was saved in the end
    [item] = history_json(home)
    assert item["status"] == "completed"
    assert item["active_seconds"] == item["planned_seconds"]
    routine = RoutineLibrary(None).get("desk-hips").routine
    assert routine is not None
    assert len(item["segments"]) == len(build_plan(routine).segments) - 1  # all but "done"
