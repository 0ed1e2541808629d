"""A history as version 1 of the app wrote it, for the migration tests.

This is a frozen copy of what version 1 did, on purpose independent of the
current code: its schema text, its pragmas (WAL, application id, user_version
1) and its rows (times in UTC, no offsets, a pid but no start time or machine).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

V1_APPLICATION_ID = 0x53545254

V1_SCHEMA = """
CREATE TABLE sessions (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    routine_id TEXT NOT NULL,
    routine_title TEXT NOT NULL,
    routine_digest TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL
        CHECK (status IN ('in_progress', 'completed', 'stopped', 'interrupted')),
    planned_seconds REAL NOT NULL,
    active_seconds REAL NOT NULL DEFAULT 0,
    pid INTEGER
);

CREATE INDEX sessions_by_start ON sessions (started_at);

CREATE TABLE segments (
    session INTEGER NOT NULL REFERENCES sessions (num) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    step_index INTEGER,
    step_name TEXT NOT NULL,
    side TEXT CHECK (side IN ('left', 'right')),
    kind TEXT NOT NULL,
    planned_seconds REAL NOT NULL,
    actual_seconds REAL NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('done', 'skipped', 'partial')),
    easier INTEGER NOT NULL DEFAULT 0,
    ended_at TEXT NOT NULL,
    PRIMARY KEY (session, seq)
) WITHOUT ROWID;
"""


@dataclass
class V1Session:
    id: str
    started_at: str
    status: str
    ended_at: str | None
    active_seconds: float
    pid: int | None = None
    routine_id: str = "hip-openers"
    routine_title: str = "Hip openers"
    segments: list[tuple[str, str, float]] = field(default_factory=list)  # (name, kind, seconds)


def write_v1_history(path: Path, sessions: list[V1Session]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(f"PRAGMA application_id = {V1_APPLICATION_ID}")
    for statement in V1_SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute("PRAGMA user_version = 1")
    connection.execute("COMMIT")
    for item in sessions:
        connection.execute("BEGIN IMMEDIATE")
        cursor = connection.execute(
            "INSERT INTO sessions (id, routine_id, routine_title, routine_digest, started_at, "
            "ended_at, status, planned_seconds, active_seconds, pid) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item.id,
                item.routine_id,
                item.routine_title,
                "ab" * 32,
                item.started_at,
                item.ended_at,
                item.status,
                600.0,
                item.active_seconds,
                item.pid,
            ),
        )
        moment = datetime.fromisoformat(item.started_at)
        for seq, (name, kind, seconds) in enumerate(item.segments):
            moment += timedelta(seconds=seconds)
            ended = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            connection.execute(
                "INSERT INTO segments VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 'done', 0, ?)",
                (cursor.lastrowid, seq, seq, name, kind, seconds, seconds, ended),
            )
        connection.execute("COMMIT")
    connection.close()
