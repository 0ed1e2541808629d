"""Reading the history, deleting a session, and closing sessions whose program died."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from stretchtimer.core.i18n import _
from stretchtimer.storage.history.connection import immediate
from stretchtimer.storage.history.identity import ProcessIdentity, host_name, is_running
from stretchtimer.storage.history.records import SegmentRecord, SessionRecord, SessionStatus

log = logging.getLogger(__name__)

SESSION_COLUMNS = (
    "num, id, routine_id, routine_title, routine_digest, started_at, utc_offset, status, "
    "planned_seconds, active_seconds, ended_at, speed, comfort_before, comfort_after, note"
)
SEGMENT_COLUMNS = (
    "session, seq, step_index, step_name, side, kind, planned_seconds, actual_seconds, "
    "outcome, easier, ended_at"
)
CHUNK = 500  # sessions whose segments are read in one query

Judge = Callable[[ProcessIdentity], bool | None]


class AmbiguousIdError(LookupError):
    """A short id matches more than one session."""


class HistoryDatabase:
    """An open, checked history file. Made by :func:`~.opening.open_history`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.connection = connection

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> HistoryDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read a consistent view inside, even while a session is being recorded."""
        self.connection.execute("BEGIN")
        try:
            yield
        finally:
            self.connection.execute("COMMIT")

    # -- reading ----------------------------------------------------------------------

    def count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def recent(self, limit: int = 200) -> list[SessionRecord]:
        """The ``limit`` most recent sessions with their segments, newest first."""
        rows = self.connection.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions ORDER BY started_at DESC, num DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return self._with_segments(rows)

    def table(
        self, columns: str, *, since: date | None = None, until: date | None = None
    ) -> Iterator[tuple[Any, ...]]:
        """Rows of SQL ``columns`` of sessions, newest first (for a fast CSV export)."""
        where, values = _period(since, until)
        cursor = self.connection.execute(
            f"SELECT {columns} FROM sessions {where} ORDER BY started_at DESC, num DESC", values
        )
        while rows := cursor.fetchmany(CHUNK):
            yield from rows

    def sessions(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        newest_first: bool = True,
        segments: bool = True,
    ) -> Iterator[SessionRecord]:
        """Sessions whose local day is within ``since``..``until`` (both included), streamed."""
        where, values = _period(since, until)
        order = "DESC" if newest_first else "ASC"
        cursor = self.connection.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions {where} "
            f"ORDER BY started_at {order}, num {order}",
            values,
        )
        while rows := cursor.fetchmany(CHUNK):
            if segments:
                yield from self._with_segments(rows)
            else:
                yield from (session_from_row(row, ()) for row in rows)

    def get(self, session_id: str) -> SessionRecord | None:
        rows = self.connection.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchall()
        found = self._with_segments(rows)
        return found[0] if found else None

    def find(self, id_or_prefix: str) -> SessionRecord | None:
        """The session with this id, or the only one whose id starts with it.

        Raises :class:`AmbiguousIdError` when a prefix fits several sessions.
        """
        text = id_or_prefix.strip().lower()
        exact = self.get(text)
        if exact is not None or not text:
            return exact
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.connection.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
            (escaped + "%",),
        ).fetchall()
        if len(rows) > 1:
            raise AmbiguousIdError(
                _("more than one session has an id starting with {id}; type more of it").format(
                    id=repr(id_or_prefix)
                )
            )
        found = self._with_segments(rows)
        return found[0] if found else None

    # -- changing ---------------------------------------------------------------------

    def delete(self, session_id: str) -> bool:
        """Delete one session and its segments; False if there was none."""
        with immediate(self.connection) as connection:
            cursor = connection.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        return cursor.rowcount > 0

    def recorded_by_live_process(self, session_id: str, judge: Judge = is_running) -> bool:
        row = self.connection.execute(
            "SELECT pid, pid_start, host FROM sessions WHERE id = ? AND status = 'in_progress'",
            (session_id,),
        ).fetchone()
        return row is not None and judge(identity_of(row)) is not False

    def recover_interrupted(self, judge: Judge = is_running) -> list[str]:
        """Mark sessions ``interrupted`` whose recording program no longer runs; their ids.

        Their finished segments stay; they end when their last segment ended.
        """
        rows = self.connection.execute(
            "SELECT num, id, pid, pid_start, host FROM sessions WHERE status = 'in_progress'"
        ).fetchall()
        dead = [
            (num, session_id) for num, session_id, *who in rows if judge(identity_of(who)) is False
        ]
        if not dead:
            return []
        with immediate(self.connection) as connection:
            for num, session_id in dead:
                log.info(
                    "history: session %s was left unfinished; marking it interrupted", session_id
                )
                connection.execute(
                    """
                    UPDATE sessions SET
                        status = 'interrupted',
                        ended_at = coalesce(
                            (SELECT max(ended_at) FROM segments WHERE session = :num), started_at),
                        active_seconds = (
                            SELECT total(actual_seconds) FROM segments WHERE session = :num)
                    WHERE num = :num AND status = 'in_progress'
                    """,
                    {"num": num},
                )
        return [session_id for _, session_id in dead]

    # -- machinery --------------------------------------------------------------------

    def _with_segments(self, rows: Sequence[Sequence[Any]]) -> list[SessionRecord]:
        if not rows:
            return []
        numbers = [row[0] for row in rows]
        grouped: dict[int, list[SegmentRecord]] = {number: [] for number in numbers}
        marks = ",".join("?" * len(numbers))
        for row in self.connection.execute(
            f"SELECT {SEGMENT_COLUMNS} FROM segments WHERE session IN ({marks}) "
            "ORDER BY session, seq",
            numbers,
        ):
            grouped[row[0]].append(segment_from_row(row))
        return [session_from_row(row, tuple(grouped[row[0]])) for row in rows]


def _period(since: date | None, until: date | None) -> tuple[str, list[str]]:
    conditions = []
    values: list[str] = []
    if since is not None:
        conditions.append("local_day >= ?")
        values.append(since.isoformat())
    if until is not None:
        conditions.append("local_day <= ?")
        values.append(until.isoformat())
    return (f"WHERE {' AND '.join(conditions)}" if conditions else ""), values


def identity_of(row: Sequence[Any]) -> ProcessIdentity:
    pid, started, host = row
    return ProcessIdentity(
        int(pid) if isinstance(pid, int) else 0,
        started if isinstance(started, str) else None,
        host if isinstance(host, str) else host_name(),  # version 1 kept no machine name
    )


def session_from_row(row: Sequence[Any], segments: tuple[SegmentRecord, ...]) -> SessionRecord:
    (
        _,
        session_id,
        routine_id,
        title,
        digest,
        started_at,
        utc_offset,
        status,
        planned,
        active,
        ended_at,
        speed,
        before,
        after,
        note,
    ) = row
    return SessionRecord(
        id=str(session_id),
        routine_id=str(routine_id),
        routine_title=str(title),
        routine_digest=str(digest),
        started_at=str(started_at),
        utc_offset=int(utc_offset),
        status=SessionStatus(status),
        planned_seconds=float(planned),
        active_seconds=float(active),
        ended_at=None if ended_at is None else str(ended_at),
        speed=float(speed),
        comfort_before=None if before is None else int(before),
        comfort_after=None if after is None else int(after),
        note=None if note is None else str(note),
        segments=segments,
    )


def segment_from_row(row: Sequence[Any]) -> SegmentRecord:
    # The schema gives every column its type already: no conversions but the flag.
    _, seq, step_index, name, side, kind, planned, actual, outcome, easier, ended_at = row
    return SegmentRecord(
        seq, step_index, name, side, kind, planned, actual, outcome, bool(easier), ended_at
    )
