"""The writes a recording makes, as values that can wait and be applied again.

Each operation can be applied twice with the same result (insert-or-ignore by
id, updates that set absolute values), so a batch that failed half-way (disk
full, lock) is simply applied again, whole, later.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Protocol

from stretchtimer.storage.history.identity import ProcessIdentity
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord, SessionStatus

Statement = tuple[str, dict[str, object]]
"""A statement's name in :data:`STATEMENTS` and its parameters: what a journal keeps."""


class Operation(Protocol):
    def statements(self) -> list[Statement]: ...

    def apply(self, connection: sqlite3.Connection) -> None: ...


def apply_statements(connection: sqlite3.Connection, statements: list[Statement]) -> None:
    for name, values in statements:
        connection.execute(STATEMENTS[name], values)


INSERT_SESSION = """
INSERT INTO sessions (
    id, routine_id, routine_title, routine_digest, started_at, utc_offset, status,
    planned_seconds, active_seconds, ended_at, speed, comfort_before, comfort_after, note,
    pid, pid_start, host)
VALUES (
    :id, :routine_id, :routine_title, :routine_digest, :started_at, :utc_offset, :status,
    :planned_seconds, :active_seconds, :ended_at, :speed, :comfort_before, :comfort_after, :note,
    :pid, :pid_start, :host)
ON CONFLICT (id) DO NOTHING
"""

INSERT_SEGMENT = """
INSERT INTO segments (
    session, seq, step_index, step_name, side, kind, planned_seconds, actual_seconds,
    outcome, easier, ended_at)
SELECT num, :order, :step_index, :step_name, :side, :kind, :planned_seconds, :actual_seconds,
       :outcome, :easier, :ended_at
FROM sessions WHERE id = :session_id
ON CONFLICT (session, seq) DO NOTHING
"""


def session_values(record: SessionRecord, identity: ProcessIdentity | None) -> dict[str, object]:
    return {
        "id": record.id,
        "routine_id": record.routine_id,
        "routine_title": record.routine_title,
        "routine_digest": record.routine_digest,
        "started_at": record.started_at,
        "utc_offset": record.utc_offset,
        "status": record.status.value,
        "planned_seconds": record.planned_seconds,
        "active_seconds": record.active_seconds,
        "ended_at": record.ended_at,
        "speed": record.speed,
        "comfort_before": record.comfort_before,
        "comfort_after": record.comfort_after,
        "note": record.note,
        "pid": identity.pid if identity else None,
        "pid_start": identity.started if identity else None,
        "host": identity.host if identity else None,
    }


def segment_values(session_id: str, segment: SegmentRecord) -> dict[str, object]:
    return {
        "session_id": session_id,
        "order": segment.order,
        "step_index": segment.step_index,
        "step_name": segment.step_name,
        "side": segment.side,
        "kind": segment.kind,
        "planned_seconds": segment.planned_seconds,
        "actual_seconds": segment.actual_seconds,
        "outcome": segment.outcome,
        "easier": int(segment.easier),
        "ended_at": segment.ended_at,
    }


SET_ACTIVE = (
    "UPDATE sessions SET active_seconds = :active_seconds "
    "WHERE id = :session_id AND status = 'in_progress'"
)
FINISH = (
    "UPDATE sessions SET status = :status, ended_at = :ended_at, "
    "active_seconds = :active_seconds WHERE id = :session_id"
)
RATE_AFTER = "UPDATE sessions SET comfort_after = :after WHERE id = :session_id"

STATEMENTS = {
    "insert_session": INSERT_SESSION,
    "insert_segment": INSERT_SEGMENT,
    "set_active": SET_ACTIVE,
    "finish": FINISH,
    "rate_after": RATE_AFTER,
}


class _Statements:
    """An operation is its statements, applied in order."""

    def statements(self) -> list[Statement]:
        raise NotImplementedError

    def apply(self, connection: sqlite3.Connection) -> None:
        apply_statements(connection, self.statements())


@dataclass(frozen=True)
class StartSession(_Statements):
    """The session row, written as the session starts (status ``in_progress``)."""

    record: SessionRecord
    identity: ProcessIdentity

    def statements(self) -> list[Statement]:
        return [("insert_session", session_values(self.record, self.identity))]


@dataclass(frozen=True)
class AddSegment(_Statements):
    """A segment that ended, and the session's active time so far."""

    session_id: str
    segment: SegmentRecord
    active_seconds: float

    def statements(self) -> list[Statement]:
        return [
            ("insert_segment", segment_values(self.session_id, self.segment)),
            ("set_active", {"active_seconds": self.active_seconds, "session_id": self.session_id}),
        ]


@dataclass(frozen=True)
class FinishSession(_Statements):
    session_id: str
    status: SessionStatus
    ended_at: str
    active_seconds: float

    def statements(self) -> list[Statement]:
        values: dict[str, object] = {
            "status": self.status.value,
            "ended_at": self.ended_at,
            "active_seconds": self.active_seconds,
            "session_id": self.session_id,
        }
        return [("finish", values)]


@dataclass(frozen=True)
class RateComfort(_Statements):
    """A 0–10 comfort rating given after the session (the one before is in the start)."""

    session_id: str
    after: int | None

    def statements(self) -> list[Statement]:
        return [("rate_after", {"after": self.after, "session_id": self.session_id})]
