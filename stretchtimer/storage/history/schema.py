"""The history's tables and the ordered migrations that build them.

``PRAGMA user_version`` holds the schema version. Each migration runs in one
``BEGIN IMMEDIATE`` transaction that also sets the new version, so a crash, a
full disk or another process migrating at the same moment leaves either the old
schema or the new one, never half of each. The text of a released migration
never changes: a new release adds a migration instead.

Version 1 recorded sessions and their segments. Version 2 added comfort ratings
and notes, the recording process's start time and machine (to tell a crashed
session from a live one), the local offset of each start and preview speed, and
totals (per day, per routine, per stretch) kept up to date by triggers, so
statistics over years of history read a few thousand small rows instead of
every segment.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import NamedTuple

from stretchtimer.storage.history.connection import immediate

log = logging.getLogger(__name__)

APPLICATION_ID = 0x53545254  # "STRT" in the file header: this file is a stretchtimer history

WORK_KINDS = ("hold", "breaths", "reps")  # segments that count as time in a stretch

STATUSES = ("in_progress", "completed", "stopped", "interrupted")
OUTCOMES = ("done", "skipped", "partial")

_V1 = f"""
PRAGMA application_id = {APPLICATION_ID};

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

_V2 = """
ALTER TABLE sessions ADD COLUMN utc_offset INTEGER NOT NULL DEFAULT 0;

-- Version 1 kept no offset: take the one this machine's time zone gives each start.
UPDATE sessions
SET utc_offset = CAST(round((julianday(started_at, 'localtime') - julianday(started_at)) * 1440)
                      AS INTEGER);

ALTER TABLE sessions ADD COLUMN local_day TEXT
    GENERATED ALWAYS AS (date(started_at, utc_offset || ' minutes')) VIRTUAL;
ALTER TABLE sessions ADD COLUMN speed REAL NOT NULL DEFAULT 1 CHECK (speed > 0);
ALTER TABLE sessions ADD COLUMN comfort_before INTEGER
    CHECK (comfort_before BETWEEN 0 AND 10);
ALTER TABLE sessions ADD COLUMN comfort_after INTEGER CHECK (comfort_after BETWEEN 0 AND 10);
ALTER TABLE sessions ADD COLUMN note TEXT;
ALTER TABLE sessions ADD COLUMN pid_start TEXT;
ALTER TABLE sessions ADD COLUMN host TEXT;

CREATE INDEX sessions_by_day ON sessions (local_day);
CREATE INDEX sessions_by_routine ON sessions (routine_id, started_at);
CREATE INDEX sessions_in_progress ON sessions (status) WHERE status = 'in_progress';

-- Totals of sessions at normal speed (previews do not count), kept up to date by the
-- triggers below: per local day, per routine and day, and per stretch and day. Each
-- table's key is the order its statistics group by, so none of them needs a sort.
CREATE TABLE day_totals (
    day TEXT PRIMARY KEY,
    sessions INTEGER NOT NULL,
    finished INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    active_ms INTEGER NOT NULL,
    before_sum INTEGER NOT NULL,
    before_count INTEGER NOT NULL,
    after_sum INTEGER NOT NULL,
    after_count INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE routine_totals (
    routine_id TEXT NOT NULL,
    day TEXT NOT NULL,
    sessions INTEGER NOT NULL,
    finished INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    active_ms INTEGER NOT NULL,
    PRIMARY KEY (routine_id, day)
) WITHOUT ROWID;

-- Time in each stretch: its hold, breaths and reps segments.
CREATE TABLE stretch_totals (
    step_name TEXT NOT NULL,
    day TEXT NOT NULL,
    active_ms INTEGER NOT NULL,
    segments INTEGER NOT NULL,
    PRIMARY KEY (step_name, day)
) WITHOUT ROWID;

-- The same for the whole history, one row per routine and per stretch: kept from the
-- per-day tables by their own triggers (further down), read when no period is asked.
CREATE TABLE routine_all_totals (
    routine_id TEXT PRIMARY KEY,
    sessions INTEGER NOT NULL,
    finished INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    active_ms INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE stretch_all_totals (
    step_name TEXT PRIMARY KEY,
    active_ms INTEGER NOT NULL,
    segments INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO day_totals
SELECT local_day, count(*), sum(status <> 'in_progress'), sum(status = 'completed'),
       sum(CAST(round(active_seconds * 1000) AS INTEGER)),
       total(comfort_before), count(comfort_before), total(comfort_after), count(comfort_after)
FROM sessions WHERE speed = 1 GROUP BY local_day;

INSERT INTO routine_totals
SELECT routine_id, local_day, count(*), sum(status <> 'in_progress'),
       sum(status = 'completed'), sum(CAST(round(active_seconds * 1000) AS INTEGER))
FROM sessions WHERE speed = 1 GROUP BY routine_id, local_day;

INSERT INTO stretch_totals
SELECT g.step_name, s.local_day, sum(CAST(round(g.actual_seconds * 1000) AS INTEGER)), count(*)
FROM segments AS g JOIN sessions AS s ON s.num = g.session
WHERE s.speed = 1 AND g.kind IN ('hold', 'breaths', 'reps')
GROUP BY g.step_name, s.local_day;

INSERT INTO routine_all_totals
SELECT routine_id, sum(sessions), sum(finished), sum(completed), sum(active_ms)
FROM routine_totals GROUP BY routine_id;

INSERT INTO stretch_all_totals
SELECT step_name, sum(active_ms), sum(segments) FROM stretch_totals GROUP BY step_name;

-- What places a session in the totals never changes once it is recorded.
CREATE TRIGGER sessions_keep_identity
BEFORE UPDATE OF id, routine_id, started_at, utc_offset, speed ON sessions
BEGIN
    SELECT RAISE(ABORT, 'the start, routine and speed of a recorded session do not change');
END;

CREATE TRIGGER totals_add AFTER INSERT ON sessions WHEN NEW.speed = 1
BEGIN
    INSERT INTO day_totals VALUES (
        NEW.local_day, 1,
        NEW.status <> 'in_progress', NEW.status = 'completed',
        CAST(round(NEW.active_seconds * 1000) AS INTEGER),
        coalesce(NEW.comfort_before, 0), NEW.comfort_before IS NOT NULL,
        coalesce(NEW.comfort_after, 0), NEW.comfort_after IS NOT NULL)
    ON CONFLICT (day) DO UPDATE SET
        sessions = sessions + 1,
        finished = finished + excluded.finished,
        completed = completed + excluded.completed,
        active_ms = active_ms + excluded.active_ms,
        before_sum = before_sum + excluded.before_sum,
        before_count = before_count + excluded.before_count,
        after_sum = after_sum + excluded.after_sum,
        after_count = after_count + excluded.after_count;
    INSERT INTO routine_totals VALUES (
        NEW.routine_id, NEW.local_day, 1,
        NEW.status <> 'in_progress', NEW.status = 'completed',
        CAST(round(NEW.active_seconds * 1000) AS INTEGER))
    ON CONFLICT (routine_id, day) DO UPDATE SET
        sessions = sessions + 1,
        finished = finished + excluded.finished,
        completed = completed + excluded.completed,
        active_ms = active_ms + excluded.active_ms;
END;

CREATE TRIGGER totals_change
AFTER UPDATE OF status, active_seconds, comfort_before, comfort_after ON sessions
WHEN NEW.speed = 1
BEGIN
    UPDATE day_totals SET
        finished = finished + (NEW.status <> 'in_progress') - (OLD.status <> 'in_progress'),
        completed = completed + (NEW.status = 'completed') - (OLD.status = 'completed'),
        active_ms = active_ms + CAST(round(NEW.active_seconds * 1000) AS INTEGER)
                              - CAST(round(OLD.active_seconds * 1000) AS INTEGER),
        before_sum = before_sum + coalesce(NEW.comfort_before, 0)
                                - coalesce(OLD.comfort_before, 0),
        before_count = before_count + (NEW.comfort_before IS NOT NULL)
                                    - (OLD.comfort_before IS NOT NULL),
        after_sum = after_sum + coalesce(NEW.comfort_after, 0) - coalesce(OLD.comfort_after, 0),
        after_count = after_count + (NEW.comfort_after IS NOT NULL)
                                  - (OLD.comfort_after IS NOT NULL)
    WHERE day = NEW.local_day;
    UPDATE routine_totals SET
        finished = finished + (NEW.status <> 'in_progress') - (OLD.status <> 'in_progress'),
        completed = completed + (NEW.status = 'completed') - (OLD.status = 'completed'),
        active_ms = active_ms + CAST(round(NEW.active_seconds * 1000) AS INTEGER)
                              - CAST(round(OLD.active_seconds * 1000) AS INTEGER)
    WHERE routine_id = NEW.routine_id AND day = NEW.local_day;
END;

CREATE TRIGGER totals_remove AFTER DELETE ON sessions WHEN OLD.speed = 1
BEGIN
    UPDATE day_totals SET
        sessions = sessions - 1,
        finished = finished - (OLD.status <> 'in_progress'),
        completed = completed - (OLD.status = 'completed'),
        active_ms = active_ms - CAST(round(OLD.active_seconds * 1000) AS INTEGER),
        before_sum = before_sum - coalesce(OLD.comfort_before, 0),
        before_count = before_count - (OLD.comfort_before IS NOT NULL),
        after_sum = after_sum - coalesce(OLD.comfort_after, 0),
        after_count = after_count - (OLD.comfort_after IS NOT NULL)
    WHERE day = OLD.local_day;
    DELETE FROM day_totals WHERE day = OLD.local_day AND sessions = 0;
    UPDATE routine_totals SET
        sessions = sessions - 1,
        finished = finished - (OLD.status <> 'in_progress'),
        completed = completed - (OLD.status = 'completed'),
        active_ms = active_ms - CAST(round(OLD.active_seconds * 1000) AS INTEGER)
    WHERE routine_id = OLD.routine_id AND day = OLD.local_day;
    DELETE FROM routine_totals
    WHERE routine_id = OLD.routine_id AND day = OLD.local_day AND sessions = 0;
END;

CREATE TRIGGER stretch_totals_add AFTER INSERT ON segments
WHEN NEW.kind IN ('hold', 'breaths', 'reps')
BEGIN
    INSERT INTO stretch_totals (step_name, day, active_ms, segments)
    SELECT NEW.step_name, local_day, CAST(round(NEW.actual_seconds * 1000) AS INTEGER), 1
    FROM sessions WHERE num = NEW.session AND speed = 1
    ON CONFLICT (step_name, day) DO UPDATE SET
        active_ms = active_ms + excluded.active_ms,
        segments = segments + 1;
END;

-- Before the session row goes (its segments go with it, by cascade), take them out.
CREATE TRIGGER stretch_totals_remove BEFORE DELETE ON sessions WHEN OLD.speed = 1
BEGIN
    UPDATE stretch_totals SET
        active_ms = active_ms - (
            SELECT sum(CAST(round(g.actual_seconds * 1000) AS INTEGER)) FROM segments AS g
            WHERE g.session = OLD.num AND g.kind IN ('hold', 'breaths', 'reps')
              AND g.step_name = stretch_totals.step_name),
        segments = segments - (
            SELECT count(*) FROM segments AS g
            WHERE g.session = OLD.num AND g.kind IN ('hold', 'breaths', 'reps')
              AND g.step_name = stretch_totals.step_name)
    WHERE day = OLD.local_day AND step_name IN (
        SELECT step_name FROM segments
        WHERE session = OLD.num AND kind IN ('hold', 'breaths', 'reps'));
    DELETE FROM stretch_totals WHERE day = OLD.local_day AND segments = 0;
END;

CREATE TRIGGER routine_all_add AFTER INSERT ON routine_totals
BEGIN
    INSERT INTO routine_all_totals VALUES (
        NEW.routine_id, NEW.sessions, NEW.finished, NEW.completed, NEW.active_ms)
    ON CONFLICT (routine_id) DO UPDATE SET
        sessions = sessions + excluded.sessions,
        finished = finished + excluded.finished,
        completed = completed + excluded.completed,
        active_ms = active_ms + excluded.active_ms;
END;

CREATE TRIGGER routine_all_change AFTER UPDATE ON routine_totals
BEGIN
    UPDATE routine_all_totals SET
        sessions = sessions + NEW.sessions - OLD.sessions,
        finished = finished + NEW.finished - OLD.finished,
        completed = completed + NEW.completed - OLD.completed,
        active_ms = active_ms + NEW.active_ms - OLD.active_ms
    WHERE routine_id = NEW.routine_id;
END;

CREATE TRIGGER routine_all_remove AFTER DELETE ON routine_totals
BEGIN
    UPDATE routine_all_totals SET
        sessions = sessions - OLD.sessions,
        finished = finished - OLD.finished,
        completed = completed - OLD.completed,
        active_ms = active_ms - OLD.active_ms
    WHERE routine_id = OLD.routine_id;
    DELETE FROM routine_all_totals WHERE routine_id = OLD.routine_id AND sessions = 0;
END;

CREATE TRIGGER stretch_all_add AFTER INSERT ON stretch_totals
BEGIN
    INSERT INTO stretch_all_totals VALUES (NEW.step_name, NEW.active_ms, NEW.segments)
    ON CONFLICT (step_name) DO UPDATE SET
        active_ms = active_ms + excluded.active_ms,
        segments = segments + excluded.segments;
END;

CREATE TRIGGER stretch_all_change AFTER UPDATE ON stretch_totals
BEGIN
    UPDATE stretch_all_totals SET
        active_ms = active_ms + NEW.active_ms - OLD.active_ms,
        segments = segments + NEW.segments - OLD.segments
    WHERE step_name = NEW.step_name;
END;

CREATE TRIGGER stretch_all_remove AFTER DELETE ON stretch_totals
BEGIN
    UPDATE stretch_all_totals SET
        active_ms = active_ms - OLD.active_ms,
        segments = segments - OLD.segments
    WHERE step_name = OLD.step_name;
    DELETE FROM stretch_all_totals WHERE step_name = OLD.step_name AND segments = 0;
END;
"""


class Migration(NamedTuple):
    version: int  # the version this migration brings the file to
    what: str
    script: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "sessions and segments", _V1),
    Migration(2, "comfort ratings, crash detection, local days and totals", _V2),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def statements(script: str) -> list[str]:
    """Split a script into statements (trigger bodies hold semicolons of their own)."""
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete statement in migration: {pending[:60]!r}")
    return found


def user_version(connection: sqlite3.Connection) -> int:
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(
    connection: sqlite3.Connection,
    *,
    before_upgrade: Callable[[int], None] | None = None,
    migrations: tuple[Migration, ...] = MIGRATIONS,
) -> int:
    """Bring the file to the newest version; returns the version it was at.

    ``before_upgrade(version)`` runs once before an existing file (not a new one)
    is changed, to keep a copy. Each step re-reads the version inside its own
    transaction, so two processes migrating at once do the work once.
    """
    start = user_version(connection)
    current = start
    for migration in migrations:
        if migration.version <= current:
            continue
        if current > 0 and current == start and before_upgrade is not None:
            before_upgrade(current)
        with immediate(connection):
            current = user_version(connection)
            if migration.version == current + 1:
                log.info("history: migrating to version %s (%s)", migration.version, migration.what)
                for statement in statements(migration.script):
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {migration.version}")
                current = migration.version
    return start
